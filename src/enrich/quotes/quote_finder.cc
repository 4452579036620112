#include "enrich/quotes/quote_finder.h"

#include <algorithm>
#include <array>
#include <optional>

#include "enrich/quotes/baseline.h"
#include "enrich/quotes/cue_lexicon.h"
#include "enrich/quotes/quote_text.h"
#include "enrich/summarize/sentence_splitter.h"

namespace wiredesk::enrich::quotes {
namespace {


// Words that end a subject when reading back from the cue: a clause began there.
constexpr std::array<std::string_view, 18> kClauseWords = {
    "that", "which", "who",    "and",      "but",    "because", "while", "when",  "if",
    "as",   "after", "before", "since", "although", "though", "where",   "so",    "or"};
// Capitalised only because they open a sentence: no speaker starts with them.
constexpr std::array<std::string_view, 44> kNotNames = {
    "the",     "a",        "an",    "in",      "on",      "but",    "and",    "it",    "this",
    "that",    "if",       "when",  "as",      "at",      "for",    "so",     "yet",   "or",
    "then",    "also",     "after", "before",  "while",   "still",  "now",    "even",  "some",
    "many",    "most",     "one",   "two",     "three",   "there",  "here",   "what",  "why",
    "how",     "asked",    "speaking", "during", "with",  "without", "by",    "from"};
// Cues that put the speaker after them: "..., said Ted Cruz".
constexpr std::array<std::string_view, 36> kInvertingCues = {
    "said",      "says",      "added",     "adds",      "asked",     "asks",      "wrote",
    "writes",    "continued", "explained", "noted",     "notes",     "recalled",  "replied",
    "responded", "tweeted",   "insisted",  "argued",    "declared",  "stated",    "warned",
    "told",      "say",       "acknowledged", "cautioned", "observed", "remarked", "concluded",
    "conceded",  "predicted", "joked",     "suggested", "countered", "explains",  "argues",
    "insists"};
constexpr std::array<std::string_view, 14> kPronouns = {
    "he", "she", "they", "we", "i", "it", "you", "him", "her", "them", "his", "us", "me", "one"};
constexpr std::array<std::string_view, 7> kSubjectPronouns = {"he",  "she", "they", "we",
                                                                "i",   "it",  "you"};
// Between a subject and its cue: "has also said", "did not say", "repeatedly argued".
constexpr std::array<std::string_view, 50> kAuxiliaries = {
    "also",     "has",        "have",       "had",       "later",     "then",
    "previously", "repeatedly", "publicly", "recently",  "reportedly", "once",
    "often",    "never",      "not",        "did",       "does",      "would",
    "will",     "could",      "may",        "might",     "is",        "was",
    "been",     "be",         "already",    "further",   "again",     "first",
    "privately", "frequently", "explicitly", "specifically", "separately", "quickly",
    "even",     "only",       "just",       "simply",    "flatly",    "long",
    "n\xE2\x80\x99t", "n't",  "openly",     "clearly",   "are",       "were",
    "should",   "can"};
// What may follow a cue without being its content: "said on Friday", "said in a statement".
constexpr std::array<std::string_view, 27> kAfterCue = {
    "in",       "on",      "at",       "during",   "to",        "of",      "after",
    "before",   "last",    "this",     "yesterday", "today",    "tuesday", "monday",
    "wednesday", "thursday", "friday", "saturday", "sunday",    "earlier", "recently",
    "later",    "via",     "through",  "while",    "when",      "afterward"};
// Cues whose content follows an object: "told reporters that ...".
constexpr std::array<std::string_view, 12> kTellCues = {
    "told",  "tells",   "tell",    "telling", "asked",    "asking",
    "asks",  "urged",   "assured", "warned",  "reminded", "informed"};
constexpr std::array<std::string_view, 12> kTellObjects = {
    "him", "her", "them", "us", "me", "reporters", "supporters", "the", "a", "an", "cnn", "fox"};
constexpr std::array<std::string_view, 9> kTellObjectEnds = {"that", "to", "the", "he", "she",
                                                               "they", "it",  "i",  "we"};
constexpr std::array<std::string_view, 6> kNameJoiners = {"of", "the", "de", "al", "and", "."};
// Nominal speakers that stand for someone named earlier: "the minister said".
constexpr std::array<std::string_view, 24> kRoleNouns = {
    "minister",  "president",  "senator",  "governor",   "official",  "spokesman",
    "spokeswoman", "spokesperson", "candidate", "nominee", "lawmaker", "congressman",
    "congresswoman", "secretary", "chairman", "chairwoman", "mayor", "leader",
    "director",  "businessman", "billionaire", "former", "judge", "ambassador"};

struct Sentence {
  size_t first = 0;  // token indexes into the paragraph's tokens
  size_t last = 0;   // one past
};

struct Found {
  std::vector<TextSpan> content;
  TextSpan source;
  TextSpan cue;
  bool carried = false;
};

bool Is(const Token& t, std::string_view s) { return t.lower == s; }
bool IsAny(const Token& t, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), t.lower) != set.end();
}
// A double quote mark that can close a quotation (” " ''), not one that only opens (“ ``).
bool IsClosingMark(const Token& t) {
  return t.quote && t.lower != "\xE2\x80\x9C" && t.lower != "``";
}
bool IsHardBoundary(const Token& t) {
  return t.quote || IsAny(t, {";", ":", "\xE2\x80\x94", "\xE2\x80\x93"});  // ; : — –
}

class ParagraphFinder {
 public:
  ParagraphFinder(std::string_view text, size_t begin, size_t end, const CueLexicon& cues)
      : text_(text), cues_(cues) {
    toks_ = TokenizeRange(text, begin, end);
    quotes_ = FindQuotations(text, begin, end);
    size_t t = 0;
    for (std::string_view s : summarize::SplitSentences(text.substr(begin, end - begin))) {
      const size_t sb = static_cast<size_t>(s.data() - text.data());
      const size_t se = sb + s.size();
      Sentence sent;
      while (t < toks_.size() && toks_[t].begin < sb) ++t;
      sent.first = t;
      while (t < toks_.size() && toks_[t].begin < se) ++t;
      sent.last = t;
      if (sent.last > sent.first) sents_.push_back(sent);
    }
    // Tokens the splitter left out (it trims) join no sentence and are harmless.
  }

  const std::vector<Token>& tokens() const { return toks_; }
  const std::vector<std::pair<size_t, size_t>>& quotations() const { return quotes_; }

  std::vector<Found> Run(const std::optional<TextSpan>& last_source, bool last_source_near) {
    std::vector<Found> out;
    for (const Sentence& s : sents_) {
      if (auto f = FromCue(s)) out.push_back(std::move(*f));
    }
    AddBareQuotations(out, last_source, last_source_near);
    return out;
  }

 private:
  bool InsideQuotation(size_t pos) const {
    for (const auto& [a, b] : quotes_) {
      if (a <= pos && pos < b) return true;
    }
    return false;
  }
  bool EndsQuotation(size_t pos) const {
    for (const auto& q : quotes_) {
      if (q.second == pos) return true;
    }
    return false;
  }
  size_t WordsIn(size_t a, size_t b) const {
    size_t n = 0;
    for (const Token& t : toks_) {
      if (t.begin >= a && t.end <= b && t.word) ++n;
    }
    return n;
  }

  // No subject where the patterns look for one: the nearest name or pronoun outside the
  // content, before the cue, else after it ("Speaking on Sunday, a visibly tired Carson admitted").
  static std::pair<size_t, size_t> NearestName(const Token* st, size_t n, size_t cue,
                                               std::pair<size_t, size_t> content) {
    auto outside = [&](size_t k) { return k < content.first || k >= content.second; };
    auto is_name = [&](size_t k) {
      return outside(k) && ((st[k].upper && !In(kNotNames, st[k].lower) &&
                             !In(kAfterCue, st[k].lower)) ||
                            In(kSubjectPronouns, st[k].lower));
    };
    for (size_t k = cue; k-- > 0;) {
      if (!is_name(k)) continue;
      size_t b = k;
      while (b > 0 && outside(b - 1) && st[b - 1].upper) --b;
      return std::make_pair(b, k + 1);
    }
    for (size_t k = cue + 1; k < n; ++k) {
      if (!is_name(k)) continue;
      size_t e = k + 1;
      while (e < n && outside(e) && st[e].upper) ++e;
      return std::make_pair(k, e);
    }
    return {0, 0};
  }

  // The attribution a sentence's strongest cue word introduces, if any.
  std::optional<Found> FromCue(const Sentence& sent) {
    const Token* st = toks_.data() + sent.first;
    const size_t n = sent.last - sent.first;
    auto W = [&](size_t k) -> const std::string& { return st[k].lower; };

    int best_score = 0;
    size_t i = n;
    for (size_t k = 0; k < n; ++k) {
      const int sc = cues_.Score(W(k));
      if (sc == 0 || InsideQuotation(st[k].begin)) continue;
      if (W(k) == "according" && !(k + 1 < n && W(k + 1) == "to")) continue;
      // A later cue must be clearly stronger: "X said he believes ..." keeps "said".
      if (i == n || sc > best_score + 15) {
        best_score = sc;
        i = k;
      }
    }
    if (i == n) return std::nullopt;
    const std::string& w = W(i);

    // Token ranges [first, second) within the sentence; first == second when there is none
    // (plain pairs: GCC 12 misreads optionals of pairs as maybe-uninitialized at -O3).
    using Range = std::pair<size_t, size_t>;
    auto none = [](const Range& r) { return r.second <= r.first; };
    Range content{0, 0};
    Range src{0, 0};

    if (w == "according") {
      size_t k = i + 2;
      const size_t j = k;
      while (k < n && !IsAny(st[k], {",", ".", ";", "\xE2\x80\x94"})) ++k;
      src = Range{j, k};
      content = (i > 0 && Is(st[i - 1], ",")) ? Range{0, i - 1} : Range{std::min(k + 1, n), n};
    } else {
      // The subject: back over auxiliaries and adverbs, then to the clause start.
      size_t e = i;
      while (e > 0 && In(kAuxiliaries, W(e - 1))) --e;
      size_t s = e;
      int depth = 0;
      while (s > 0) {
        const Token& x = st[s - 1];
        if (Is(x, ")")) {
          ++depth;
        } else if (Is(x, "(")) {
          depth = std::max(0, depth - 1);
        } else if (depth == 0 && IsAny(x, {"who", "which"}) && s >= 3 && Is(st[s - 2], ",")) {
          s -= 2;  // "X, who ..., said": the relative clause belongs to the subject
          continue;
        } else if (depth == 0 && IsClosingMark(x) &&
                   !(EndsQuotation(x.end) &&
                     ((s >= 2 && IsAny(st[s - 2], {",", ".", "!", "?"})) ||
                      (s < n && Is(st[s], ","))))) {
          // A quoted phrase inside the subject's clause ("had “put the biggest crack”").
        } else if (depth == 0 && (IsHardBoundary(x) || In(kClauseWords, x.lower))) {
          break;
        }
        --s;
      }
      // "X, a professor who ..., said": widen the source to the name before the insertion.
      Range subject{0, 0};
      if (e >= 2 && Is(st[e - 1], ",")) {
        const size_t c0 = e - 1;
        size_t s2 = c0;
        while (s2 > 0 && !IsHardBoundary(st[s2 - 1])) --s2;
        size_t fc = s2;
        while (fc < c0 && !Is(st[fc], ",")) ++fc;
        if (fc < c0 && fc > s2 && fc - s2 <= 8 &&
            (st[s2].upper || In(kSubjectPronouns, W(s2)))) {
          subject = Range{s2, e};
        }
      }
      if (e - s > 25) s = e - 25;
      const bool quote_before = s > 0 && IsClosingMark(st[s - 1]);

      // The content after the cue: past "told reporters", a time phrase, "that".
      size_t j = i + 1;
      bool had_that = false;
      if (In(kTellCues, w)) {
        bool found = false;
        for (size_t k = j; k < std::min(n, j + 7); ++k) {
          if (W(k) == "that" || W(k) == ":" || st[k].quote) {
            j = k;
            found = true;
            break;
          }
        }
        if (!found && j < n && In(kTellObjects, W(j))) {
          ++j;
          while (j < n && !In(kTellObjectEnds, W(j)) && j < i + 5 && !IsAny(st[j], {",", "."})) {
            ++j;
          }
        }
      }
      for (size_t k = j; k < std::min(n, j + 9); ++k) {
        if (W(k) == "that") {
          j = k;
          had_that = true;
          break;
        }
        if (IsAny(st[k], {",", ":"}) || st[k].quote || (k > j && cues_.Score(W(k)) > 0)) break;
      }
      const size_t jj = j;
      while (j < n && (IsAny(st[j], {"that", ":", ","}) || st[j].quote)) ++j;
      size_t right_words = 0;
      for (size_t k = j; k < n; ++k) right_words += st[k].word ? 1 : 0;
      const bool right_ok =
          right_words >= 3 && (had_that || !In(kAfterCue, W(j)) ||
                               (jj < n && (W(jj) == ":" || st[jj].quote)));

      // "..., said Ted Cruz": a name right after the cue.
      Range after{0, 0};
      bool after_is_name = false;
      if (In(kInvertingCues, w) && i + 1 < n &&
          (st[i + 1].upper || In(kSubjectPronouns, W(i + 1))) && !In(kAfterCue, W(i + 1))) {
        size_t k = i + 1;
        while (k < n && !IsAny(st[k], {",", ".", ";", ":", "\xE2\x80\x94"}) && !st[k].quote &&
               k < i + 7) {
          ++k;
        }
        after = Range{i + 1, k};
        after_is_name = true;
        for (size_t x = i + 1; x < k; ++x) {
          if (!(st[x].upper || In(kNameJoiners, W(x)) || In(kSubjectPronouns, W(x)))) {
            after_is_name = false;
          }
        }
      }

      if (i >= 3 && Is(st[i - 1], ",") && !none(after) && after_is_name) {
        content = Range{0, i - 1};
        src = after;
      } else if (quote_before && (e > s || !none(after)) &&
                 ((s >= 2 && IsAny(st[s - 2], {",", "!", "?"})) ||
                  !(right_ok && e > s && !Is(st[s], ",")))) {
        // "“...,” X said": the quotation before is the content.
        content = Range{0, s};
        size_t ss = s;
        while (ss < e && Is(st[ss], ",")) ++ss;
        src = ss < e ? Range{ss, e} : after;
      } else if (right_ok && e > s) {
        content = Range{j, n};
        src = Range{s, e};
      } else if (right_ok && e == s && !(i > 0 && Is(st[i - 1], ","))) {
        content = Range{j, n};
        src = after;
      } else {
        // "The plan will fail, Smith said": the content runs to the comma before the source.
        size_t comma = 0;  // 0: none (a comma opening the sentence separates nothing)
        for (size_t k = e; k > s; --k) {
          if (Is(st[k - 1], ",")) {
            comma = k - 1;
            break;
          }
        }
        if (e == s && i > 0 && Is(st[i - 1], ",")) comma = i - 1;
        if (comma > 0) {
          content = Range{0, comma};
          src = comma + 1 < e ? Range{comma + 1, e} : after;
        } else if (quote_before) {
          content = Range{0, s};
          src = after;
        }
      }
      if (!none(subject) && !none(src) && src == Range{s, e} &&
          !(subject.first < content.second && content.first < subject.second)) {
        src = subject;
      }
    }
    if (none(content)) return std::nullopt;
    if (!none(src) && src.first < content.second && content.first < src.second) src = {0, 0};
    if (none(src)) src = NearestName(st, n, i, content);

    size_t a = st[content.first].begin;
    size_t b = st[content.second - 1].end;
    // A quotation that began in an earlier sentence and closes before "X said" is all content.
    if (content.first == 0) {
      for (const auto& [qa, qb] : quotes_) {
        if (qa < a && a < qb && b + 2 >= qb) a = qa;
      }
    }
    // A quotation opening at the content's start runs on past the sentence end.
    for (const auto& [qa, qb] : quotes_) {
      if (qa < b && b < qb && qa + 3 >= a) b = qb;
    }
    if (WordsIn(a, b) < 2) return std::nullopt;
    Found f;
    f.content.push_back({a, b});
    f.cue = {st[i].begin, st[i].end};
    if (!none(src)) f.source = {st[src.first].begin, st[src.second - 1].end};
    return f;
  }

  // Quotations no cue claimed: a piece of the statement before them in the paragraph, or a
  // statement of their own whose speaker leads into them or spoke last.
  void AddBareQuotations(std::vector<Found>& out, const std::optional<TextSpan>& last_source,
                         bool last_source_near) {
    for (const auto& [qa, qb] : quotes_) {
      bool covered = false;
      for (const Found& f : out) {
        for (const TextSpan& c : f.content) covered = covered || (c.begin < qb && qa < c.end);
      }
      if (covered || WordsIn(qa, qb) < 4) continue;
      Found* prev = nullptr;
      for (Found& f : out) {
        if (f.content.back().end <= qa) prev = &f;
      }
      if (prev != nullptr && !prev->source.empty()) {
        prev->content.push_back({qa, qb});
        continue;
      }
      Found f;
      f.content.push_back({qa, qb});
      size_t before = toks_.size();
      for (size_t k = 0; k < toks_.size() && toks_[k].end <= qa; ++k) before = k;
      if (before < toks_.size()) {
        // The subject of the sentence that leads into the quotation ("Cruz fired back: “...”").
        for (const Sentence& s : sents_) {
          if (before < s.first || before >= s.last) continue;
          for (size_t k = s.first; k < s.last && toks_[k].begin < qa; ++k) {
            const Token& t = toks_[k];
            if ((t.upper && !In(kNotNames, t.lower)) || In(kSubjectPronouns, t.lower)) {
              size_t e = k;
              while (e < s.last && toks_[e].begin < qa && (toks_[e].upper || Is(toks_[e], "."))) {
                ++e;
              }
              f.source = {t.begin, toks_[std::max(k, e == 0 ? 0 : e - 1)].end};
              break;
            }
          }
          break;
        }
      } else if (last_source && last_source_near) {
        // A paragraph that is all quotation continues the last speaker's statement.
        f.source = *last_source;
        f.carried = true;
      }
      out.push_back(std::move(f));
    }
  }

  std::string_view text_;
  const CueLexicon& cues_;
  std::vector<Token> toks_;
  std::vector<std::pair<size_t, size_t>> quotes_;
  std::vector<Sentence> sents_;
};

std::string SingleSpaced(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
  return out;
}

// Who a source span names: the entity of a person (else any) mention inside it, or, for a
// pronoun or a role ("he", "the minister"), the speaker or person named most recently before.
class SpeakerResolver {
 public:
  SpeakerResolver(std::string_view text, const std::vector<entities::Mention>& mentions,
                  const std::vector<entities::ArticleEntity>& entities)
      : text_(text), mentions_(mentions), entities_(entities), entity_of_(mentions.size(), -1) {
    for (size_t e = 0; e < entities.size(); ++e) {
      for (size_t m : entities[e].mentions) {
        if (m < entity_of_.size()) entity_of_[m] = static_cast<int>(e);
      }
    }
  }

  void Resolve(Attribution& a) {
    if (a.source.empty()) return;
    a.speaker = SingleSpaced(text_.substr(a.source.begin, a.source.end - a.source.begin));
    int chosen = -1;
    for (size_t m = 0; m < mentions_.size(); ++m) {
      const auto& mm = mentions_[m];
      if (mm.begin < a.source.begin || mm.end > a.source.end) continue;
      if (chosen < 0 || (mm.type == entities::EntityType::kPerson &&
                         mentions_[static_cast<size_t>(chosen)].type !=
                             entities::EntityType::kPerson)) {
        chosen = static_cast<int>(m);
      }
    }
    if (chosen >= 0) {
      const auto& mm = mentions_[static_cast<size_t>(chosen)];
      a.speaker = mm.text;
      const int e = entity_of_[static_cast<size_t>(chosen)];
      a.speaker_entity = e >= 0 ? entities_[static_cast<size_t>(e)].canonical : mm.text;
      if (mm.type == entities::EntityType::kPerson || mm.type == entities::EntityType::kOrganisation) {
        last_speaker_ = a.speaker_entity;
        last_is_person_ = mm.type == entities::EntityType::kPerson;
      }
      return;
    }
    if (a.carried || StandsForSomeone(a.speaker)) {
      a.speaker_entity = Antecedent(a.source.begin);
    }
  }

 private:
  static bool StandsForSomeone(std::string_view speaker) {
    std::string lower(speaker);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (In(kPronouns, lower)) return true;
    if (!lower.starts_with("the ")) return false;
    const size_t sp = lower.rfind(' ');
    return In(kRoleNouns, std::string_view(lower).substr(sp + 1));
  }

  // The last speaker resolved, else the last person mentioned before `pos`.
  std::string Antecedent(size_t pos) const {
    if (!last_speaker_.empty() && last_is_person_) return last_speaker_;
    for (size_t m = mentions_.size(); m-- > 0;) {
      if (mentions_[m].end > pos || mentions_[m].type != entities::EntityType::kPerson) continue;
      const int e = entity_of_[m];
      return e >= 0 ? entities_[static_cast<size_t>(e)].canonical : mentions_[m].text;
    }
    return last_speaker_;
  }

  std::string_view text_;
  const std::vector<entities::Mention>& mentions_;
  const std::vector<entities::ArticleEntity>& entities_;
  std::vector<int> entity_of_;
  std::string last_speaker_;
  bool last_is_person_ = false;
};

}  // namespace

std::vector<Attribution> FindAttributions(std::string_view text,
                                          const std::vector<entities::Mention>& mentions,
                                          const std::vector<entities::ArticleEntity>& entities,
                                          QuoteMethod method, const CueLexicon* cues) {
  std::vector<Attribution> out;
  if (method == QuoteMethod::kBaseline) {
    out = FindBaselineAttributions(text);
  } else {
    const CueLexicon& lexicon = cues != nullptr ? *cues : CueLexicon::Builtin();
    const auto paragraphs = SplitParagraphs(text);
    std::optional<TextSpan> last_source;
    size_t last_source_paragraph = 0;
    for (size_t p = 0; p < paragraphs.size(); ++p) {
      ParagraphFinder finder(text, paragraphs[p].first, paragraphs[p].second, lexicon);
      const bool near = last_source && p - last_source_paragraph <= 2;
      for (Found& f : finder.Run(last_source, near)) {
        Attribution a;
        a.content = std::move(f.content);
        a.source = f.source;
        a.cue = f.cue;
        a.carried = f.carried;
        a.paragraph = p;
        for (const auto& [qa, qb] : finder.quotations()) {
          a.direct = a.direct || (qa <= a.content[0].begin && a.content[0].begin < qb);
        }
        if (a.cue.empty() && !a.carried) {
          // A bare quotation: the person the tagger saw last before it in the paragraph is a
          // better guess than the lead-in's first capitalised words.
          for (size_t m = mentions.size(); m-- > 0;) {
            const entities::Mention& mm = mentions[m];
            if (mm.end > a.content[0].begin || mm.begin < paragraphs[p].first ||
                mm.type != entities::EntityType::kPerson) {
              continue;
            }
            a.source = {mm.begin, mm.end};
            break;
          }
        }
        if (!a.source.empty() && !a.cue.empty()) {
          last_source = a.source;
          last_source_paragraph = p;
        }
        out.push_back(std::move(a));
      }
    }
  }
  SpeakerResolver resolver(text, mentions, entities);
  Attribution* previous = nullptr;
  for (Attribution& a : out) {
    if (a.carried && previous != nullptr) {
      a.speaker = previous->speaker;
      a.speaker_entity = previous->speaker_entity;
    } else {
      resolver.Resolve(a);
    }
    if (!a.source.empty() && !a.cue.empty()) previous = &a;
  }
  return out;
}

std::vector<Quote> ToQuotes(std::string_view text, const std::vector<Attribution>& attributions) {
  std::vector<Quote> out;
  out.reserve(attributions.size());
  for (const Attribution& a : attributions) {
    Quote q;
    for (const TextSpan& c : a.content) {
      std::string piece = SingleSpaced(text.substr(c.begin, c.end - c.begin));
      // The quote marks are the page's way of saying `direct`; the text goes without them.
      for (std::string_view mark : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\"", "''", "``"}) {
        while (piece.starts_with(mark)) piece.erase(0, mark.size());
        while (piece.ends_with(mark)) piece.resize(piece.size() - mark.size());
      }
      while (!piece.empty() && (piece.back() == ',' || piece.back() == ' ')) piece.pop_back();
      while (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
      if (piece.empty()) continue;
      if (!q.text.empty()) q.text += " \xE2\x80\xA6 ";  // …
      q.text += piece;
    }
    if (q.text.empty()) continue;
    q.speaker = a.speaker;
    q.speaker_entity = a.speaker_entity;
    q.direct = a.direct;
    q.paragraph = a.paragraph;
    q.begin = a.content.front().begin;
    q.end = a.content.front().end;
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<Quote> FindQuotes(const Article& article,
                              const std::vector<entities::Mention>& mentions,
                              const std::vector<entities::ArticleEntity>& entities) {
  return ToQuotes(article.text, FindAttributions(article.text, mentions, entities));
}

}  // namespace wiredesk::enrich::quotes
