#include "parse/capture_reader.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>

#include "core/text.h"
#include "core/time.h"

namespace wiredesk::parse {

namespace {

constexpr size_t kNpos = std::string_view::npos;

// Bounds that keep every scan local, so a 50 MB single-line capture stays linear.
constexpr size_t kMaxCreditBytes = 120;   // "Daniel Berehulak / The New York Times" is 37
constexpr size_t kMaxCaptionBytes = 600;  // a caption is one sentence
constexpr size_t kMaxHeadingScan = 200;   // bytes looked at for a run-in subheading
constexpr size_t kMaxChromeBytes = 600;   // longer lines are article text
constexpr size_t kMaxTitleBytes = 400;    // a longer first line is a paragraph, not a headline
// Shorter lines (headlines, sources, subheadings) often capitalise every word, which would
// teach ProperNames that "Struggle" is a name.
constexpr size_t kMinProseBytes = 100;
// Enough words to tell English text by its function words, and their least share in it (about
// 20% in English news text, under 3% in French or German).
constexpr size_t kMinWordsForLanguage = 20;
constexpr size_t kMinEnglishPercent = 8;
// Byline and date lines come this close to the top or are not taken as such.
constexpr size_t kMaxBlocksBeforeByline = 3;
// "Related Articles" with no item header this many lines on is a link box inside the body.
constexpr int kMaxLinesBeforeRelatedItem = 3;

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

template <size_t N>
bool OneOf(std::string_view word, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), word) != std::end(set);
}

// An upper-case letter at t[i]: ASCII, or Latin-1 capitals (U+00C0..U+00DE but not U+00D7).
bool IsUpperAt(std::string_view t, size_t i) {
  if (i >= t.size()) return false;
  if (IsAsciiUpper(t[i])) return true;
  if (static_cast<unsigned char>(t[i]) == 0xC3 && i + 1 < t.size()) {
    const auto c1 = static_cast<unsigned char>(t[i + 1]);
    return c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97;
  }
  return false;
}

// Byte length of an opening quote at t[i] (" ' “ ‘), 0 if none.
size_t OpeningQuoteLen(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  if (t[i] == '"' || t[i] == '\'') return 1;
  if (t.substr(i, 3) == "\xE2\x80\x9C" || t.substr(i, 3) == "\xE2\x80\x98") return 3;
  return 0;
}

// Byte length of a closing quote or bracket at t[i] (" ' ” ’ ) ]), 0 if none.
size_t CloserLen(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  if (t[i] == '"' || t[i] == '\'' || t[i] == ')' || t[i] == ']') return 1;
  if (t.substr(i, 3) == "\xE2\x80\x9D" || t.substr(i, 3) == "\xE2\x80\x99") return 3;
  return 0;
}

// Words that end in a period without ending a sentence ("Mr. Smith", "Oct. 7").
constexpr std::string_view kAbbreviations[] = {"Mr",  "Mrs", "Ms",   "Dr",   "Prof", "St",  "Gen",
                                               "Lt",  "Col", "Sgt",  "Capt", "Gov",  "Sen", "Rep",
                                               "Rev", "Jr",  "Sr",   "No",   "Mt",   "Ft",  "Jan",
                                               "Feb", "Aug", "Sept", "Oct",  "Nov",  "Dec", "vs"};

// True when the '.' at t[i] closes an abbreviation or an initial ("U.S.", "J. Smith").
bool IsAbbreviationBefore(std::string_view t, size_t i) {
  size_t k = i;
  while (k > 0 && IsAsciiAlpha(t[k - 1])) --k;
  const std::string_view word = t.substr(k, i - k);
  if (word.empty()) return false;
  if (word.size() == 1 && IsAsciiUpper(word[0])) {
    return k == 0 || t[k - 1] == ' ' || t[k - 1] == '.' || t[k - 1] == '(' || t[k - 1] == '"';
  }
  return OneOf(word, kAbbreviations);
}

// Where the next sentence starts after the mark ('.', '!', '?') at t[i], or kNpos when the mark
// does not end a sentence: the mark, closing quotes, a space, then a capital or an opening
// quote and a capital. Quotes closed with a straight ' (as captures do) count as closers.
size_t NextSentenceStart(std::string_view t, size_t i) {
  if (t[i] == '.' && (IsAbbreviationBefore(t, i) || (i + 1 < t.size() && t[i + 1] == '.'))) {
    return kNpos;
  }
  size_t j = i + 1;
  for (int k = 0; k < 3; ++k) {
    const size_t n = CloserLen(t, j);
    if (n == 0) break;
    j += n;
  }
  if (j >= t.size() || t[j] != ' ') return kNpos;
  while (j < t.size() && t[j] == ' ') ++j;
  if (IsUpperAt(t, j)) return j;
  const size_t q = OpeningQuoteLen(t, j);
  if (q > 0 && IsUpperAt(t, j + q)) return j;
  return kNpos;
}

// --- Credits ---------------------------------------------------------------------------------

enum class CreditStyle { kNone, kCaps, kTitle };

// "REUTERS", "AFP-JIJI", "AP", "EPA-EFE": capitals, digits, '-', '&', '.'; at least one letter.
bool IsCapsWord(std::string_view w) {
  bool letter = false;
  for (char c : w) {
    if (IsAsciiUpper(c)) {
      letter = true;
    } else if (!(IsAsciiDigit(c) || c == '-' || c == '&' || c == '.' || c == '\'')) {
      return false;
    }
  }
  return letter;
}

// "Daniel", "Berehulak", "McDonald", "O'Neil", "Kyung-Hoon", "José": a capital, then letters.
bool IsTitleWord(std::string_view w) {
  if (w.empty() || !IsUpperAt(w, 0)) return false;
  bool lower = false;
  for (char c : w) {
    if (IsAsciiLower(c) || IsNonAscii(c)) {
      lower = true;
    } else if (!(IsAsciiUpper(c) || c == '-' || c == '\'' || c == '.')) {
      return false;
    }
  }
  return lower;
}

// Capitalised words that start sentences far more often than they end photo credits, so a
// credit stops before them ("| Daniel Berehulak / The New York Times Beyond the Middle East").
constexpr std::string_view kSentenceOpeners[] = {
    "The",  "A",         "An",      "In",     "On",      "At",    "But",     "And",   "As",
    "For",  "After",     "Before",  "While",  "When",    "Since", "Beyond",  "There", "This",
    "That", "These",     "Those",   "It",     "He",      "She",   "They",    "We",    "I",
    "His",  "Her",       "Their",   "Its",    "Our",     "Some",  "Many",    "Most",  "One",
    "Once", "Meanwhile", "However", "Indeed", "Still",   "Yet",   "Now",     "Then",  "Also",
    "If",   "Although",  "Though",  "During", "Despite", "With",  "Without", "Under", "Over",
    "Amid", "According", "Earlier", "Later",  "Here",    "What",  "Several", "Other"};

// Lower-case words inside credits: "Handout via REUTERS", "Photo for The New York Times".
constexpr std::string_view kCreditConnectors[] = {"via", "for", "of",  "de", "van", "von",
                                                  "der", "al",  "bin", "da", "del"};

// Title-case words that follow an agency name inside one credit: "AP Photo", "Getty Images".
constexpr std::string_view kAgencySuffixes[] = {"Photo", "Photos",  "Images", "Pictures",
                                                "Pool",  "Handout", "File"};

// The text ends like a sentence: '.', '!' or '?', perhaps inside a closing quote.
bool EndsLikeSentence(std::string_view t) {
  size_t n = t.size();
  for (int k = 0; k < 2 && n > 0; ++k) {
    if (t[n - 1] == '"' || t[n - 1] == '\'' || t[n - 1] == ')') {
      --n;
    } else if (n >= 3 &&
               (t.substr(n - 3, 3) == "\xE2\x80\x9D" || t.substr(n - 3, 3) == "\xE2\x80\x99")) {
      n -= 3;
    }
  }
  return n > 0 && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?');
}

struct CreditToken {
  size_t begin = 0;
  size_t end = 0;
};

}  // namespace

std::optional<CreditMatch> ReadCredit(std::string_view text, size_t pos) {
  if (pos >= text.size() || text[pos] != ' ') return std::nullopt;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  const size_t limit = std::min(text.size(), pos + kMaxCreditBytes + 1);

  std::vector<CreditToken> accepted;
  std::vector<size_t> group_starts;  // index into `accepted` where each group begins
  CreditStyle style = CreditStyle::kNone;
  bool expect_word = true;  // at the start, or after '/' or a connector
  bool stop_is_lower = false;
  size_t p = pos;
  while (p < limit) {
    // One token: '/' alone, or a run up to a space or '/'.
    size_t e = p;
    if (text[p] == '/') {
      e = p + 1;
    } else {
      while (e < limit && text[e] != ' ' && text[e] != '/') ++e;
      if (e == limit && limit < text.size() && text[e] != ' ' && text[e] != '/') {
        return std::nullopt;  // a token longer than any credit
      }
    }
    const std::string_view tok = text.substr(p, e - p);
    bool ok = false;
    if (tok == "/") {
      if (expect_word) break;
      expect_word = true;
    } else if (OneOf(tok, kCreditConnectors)) {
      if (expect_word) {
        stop_is_lower = true;
        break;
      }
      expect_word = true;
    } else if (IsCapsWord(tok) && tok != "A" && tok != "I") {
      if (expect_word) {
        style = CreditStyle::kCaps;
        group_starts.push_back(accepted.size());
        ok = true;
      } else {
        ok = style == CreditStyle::kCaps;
      }
    } else if (IsTitleWord(tok)) {
      const bool opener = OneOf(tok, kSentenceOpeners);
      if (expect_word) {
        // "The" may open a credit ("The New York Times"); other openers start sentences.
        ok = !opener || tok == "The";
        if (ok) {
          style = CreditStyle::kTitle;
          group_starts.push_back(accepted.size());
        }
      } else if (style == CreditStyle::kTitle) {
        ok = !opener;
      } else {
        ok = OneOf(tok, kAgencySuffixes);
      }
    } else {
      stop_is_lower = !tok.empty() && IsAsciiLower(tok[0]);
      break;
    }
    if (tok != "/" && !OneOf(tok, kCreditConnectors)) {
      if (!ok) break;
      accepted.push_back({p, e});
      expect_word = false;
    }
    p = e;
    while (p < limit && text[p] == ' ') ++p;
  }
  if (p >= limit && limit < text.size()) return std::nullopt;  // ran past any credit's length
  if (accepted.empty()) return std::nullopt;

  // A Title-case group followed by a lower-case word lent its last word to the sentence:
  // "The New York Times Beyond the Middle East" -> "The New York Times".
  if (stop_is_lower && style == CreditStyle::kTitle) {
    const size_t group_begin = group_starts.back();
    if (accepted.size() - group_begin >= 2) {
      accepted.pop_back();
    } else {
      accepted.resize(group_begin);  // a one-word group was the sentence's first word
      if (accepted.empty()) return std::nullopt;
    }
  } else if (stop_is_lower) {
    return std::nullopt;  // "| REUTERS said ...": not a credit before a sentence
  }

  const size_t credit_begin = accepted.front().begin;
  size_t credit_end = accepted.back().end;
  // What follows must be the end, another '|', or the start of a sentence.
  size_t after = credit_end;
  while (after < text.size() && text[after] == ' ') ++after;
  if (after < text.size() && !IsUpperAt(text, after) && OpeningQuoteLen(text, after) == 0 &&
      !IsAsciiDigit(text[after]) && text[after] != '|' && text[after] != '(') {
    return std::nullopt;
  }
  CreditMatch m;
  std::string_view credit = text.substr(credit_begin, credit_end - credit_begin);
  // "| REUTERS. The ...": the period ends the sentence, but "U.S." keeps its own.
  if (credit.ends_with('.') && std::count(credit.begin(), credit.end(), '.') == 1) {
    credit.remove_suffix(1);
  }
  m.credit = CollapseWhitespace(credit);
  // A credit ends in its last word, never in a dangling '/' or connector.
  m.end = after;
  return m;
}

namespace {

// --- Run-in subheadings ----------------------------------------------------------------------

// Words that open sentences and never a subheading of the kind captures glue into text.
constexpr std::string_view kHeadingNonOpeners[] = {
    "The",   "A",    "An", "This", "That", "These", "Those", "It",  "He",  "She",
    "They",  "We",   "I",  "You",  "His",  "Her",   "Their", "Its", "Our", "My",
    "There", "Here", "In", "On",   "At",   "But",   "And",   "As",  "If",  "For"};

// Finite verbs: a phrase holding one is a sentence, not a subheading.
constexpr std::string_view kFiniteVerbs[] = {
    "is",      "are",    "was",   "were",   "be",     "been",    "am",    "has",     "have",
    "had",     "do",     "does",  "did",    "said",   "says",    "say",   "told",    "tells",
    "will",    "would",  "could", "should", "can",    "may",     "might", "must",    "shall",
    "went",    "goes",   "made",  "makes",  "took",   "takes",   "gave",  "gives",   "came",
    "comes",   "saw",    "sees",  "got",    "gets",   "left",    "wants", "knew",    "knows",
    "thought", "thinks", "found", "finds",  "became", "becomes", "began", "remains", "seems",
    "wrote",   "writes", "spoke", "fled",   "led",    "held",    "kept",  "brought", "met",
    "ran",     "sent",   "spent", "stood",  "won",    "lost",    "paid",  "put",     "set",
    "let",     "hit",    "cut"};

// Words that link a phrase to what follows: a subheading does not end in one.
constexpr std::string_view kFunctionWords[] = {
    "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "the", "a", "an", "as",
    "into", "about", "over", "under", "between", "against", "after", "before", "during", "without",
    "within", "near", "than", "that", "which", "who", "your", "my", "our", "their", "his", "its",
    "this", "these", "those", "across", "through", "toward", "towards", "upon", "like", "among",
    "amid", "around", "behind", "beyond", "throughout",
    // French, Spanish, German, Italian: captures of other languages must not end a "heading"
    // at "par le" / "de la" either, whatever the language guess says.
    "le", "la", "les", "de", "des", "du", "au", "aux", "par", "pour", "sur", "en", "et", "un",
    "une", "el", "los", "las", "del", "der", "die", "das", "den", "dem", "und", "von", "zu", "mit",
    "il", "di", "da", "per", "con"};

// Words that come just before a name ("rights advocate Yamen Hussein", "the new Syrian
// government"): a phrase ending in one runs on into the name and is no subheading.
constexpr std::string_view kBeforeNames[] = {
    "official", "officials", "advocate", "minister", "president", "leader", "chief", "commander",
    "director", "envoy", "ambassador", "secretary", "general", "professor", "analyst",
    "spokesperson", "spokesman", "spokeswoman", "member", "journalist", "activist", "chairman",
    "head", "correspondent", "reporter", "founder", "senator", "governor", "mayor", "lawyer", "new",
    "former", "late", "top", "senior", "previous", "then", "deputy", "fellow", "colleague",
    // Places: "in east Asia", "northern Syria", "the city of", "the capital Damascus".
    "east", "west", "north", "south", "eastern", "western", "northern", "southern", "central",
    "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
    "south-west", "mainland", "greater", "downtown", "rural", "coastal", "neighbouring",
    "neighboring", "nearby", "capital", "city", "town", "village", "province", "state", "county",
    "district", "region", "island", "river", "port",
    // More roles and relations that precede a name.
    "acting", "interim", "incoming", "outgoing", "candidate", "nominee", "rival", "opponent",
    "challenger", "counterpart", "successor", "predecessor", "ally", "writer", "author", "editor",
    "actor", "actress", "singer", "star", "coach", "player", "captain", "manager", "judge",
    "prosecutor", "attorney", "son", "daughter", "wife", "husband", "brother", "sister", "father",
    "mother", "friend", "partner", "company", "firm", "group", "party", "team", "club", "airline",
    "giant", "maker", "bank", "agency", "network", "channel", "newspaper", "magazine", "website",
    "platform", "brand"};

struct Word {
  size_t begin = 0;
  size_t end = 0;
};

bool IsWordByte(char c) { return IsAsciiAlpha(c) || c == '\'' || c == '-' || IsNonAscii(c); }

// "Syria's" -> "Syria", "Assad’s" -> "Assad".
std::string_view StripPossessive(std::string_view w) {
  if (w.ends_with("'s")) return w.substr(0, w.size() - 2);
  if (w.ends_with("\xE2\x80\x99s")) return w.substr(0, w.size() - 4);
  return w;
}

bool IsPossessive(std::string_view w) { return StripPossessive(w).size() != w.size(); }

bool IsCapitalised(std::string_view w) { return !w.empty() && IsUpperAt(w, 0); }

bool IsLowerWord(std::string_view w) { return !w.empty() && IsAsciiLower(w[0]); }

// A past tense or participle ("indicated", "reported") after the first word marks a sentence.
bool LooksLikePastTense(std::string_view w) { return w.size() >= 5 && w.ends_with("ed"); }

// If a run-in subheading starts at `s`, where the sentence after it starts.
std::optional<size_t> RunInHeadingEnd(std::string_view t, size_t s, const ProperNames& names) {
  // The words from s up to the first character that is neither a word nor a single space.
  std::vector<Word> words;
  const size_t limit = std::min(t.size(), s + kMaxHeadingScan);
  size_t p = s;
  while (p < limit && words.size() < 16) {
    size_t e = p;
    while (e < limit && IsWordByte(t[e])) ++e;
    if (e == p) break;
    words.push_back({p, e});
    if (e >= limit || t[e] != ' ') break;
    p = e + 1;
  }
  auto w = [&](size_t i) { return t.substr(words[i].begin, words[i].end - words[i].begin); };
  if (words.size() < 4 || !names.LooksEnglish()) return std::nullopt;
  const std::string_view first = w(0);
  if (!IsCapitalised(first) || first.size() < 2 || OneOf(first, kHeadingNonOpeners) ||
      OneOf(first, kSentenceOpeners) || names.Contains(StripPossessive(first))) {
    return std::nullopt;
  }
  size_t k = 1;
  while (k < words.size() && !IsCapitalised(w(k))) {
    const std::string_view x = w(k);
    if (!IsLowerWord(x) || OneOf(x, kFiniteVerbs) || LooksLikePastTense(x)) return std::nullopt;
    ++k;
  }
  if (k >= words.size()) return std::nullopt;
  size_t split = k;
  if (OneOf(w(k - 1), kFunctionWords)) {
    // "Dark memories of Islamic State Syria's Alawites dominated ...": the heading takes the
    // capitalised run; the sentence starts at its possessive.
    size_t r = k;
    while (r + 1 < words.size() && IsCapitalised(w(r + 1))) ++r;
    if (r + 1 >= words.size() || !IsLowerWord(w(r + 1))) return std::nullopt;
    // Without a possessive the run is one name ("the South Carolina primary"), not a heading's
    // end and a sentence's subject.
    split = 0;
    for (size_t i = k + 1; i <= r; ++i) {
      if (IsPossessive(w(i))) {
        split = i;
        break;
      }
    }
    if (split == 0) return std::nullopt;
  } else if (OneOf(w(k - 1), kBeforeNames) || IsPossessive(w(k - 1))) {
    return std::nullopt;
  }
  if (split < 3 || split > 10) return std::nullopt;
  // The sentence after the heading must be more than a name.
  const size_t sentence = words[split].begin;
  if (t.size() - sentence < 20) return std::nullopt;
  return sentence;
}

}  // namespace

void ProperNames::Learn(std::string_view text) {
  // The commonest English words, about a fifth of running English text and rare in others.
  static constexpr std::string_view kEnglish[] = {"the", "of",   "and", "to", "in",   "is",
                                                  "was", "that", "for", "on", "with", "said"};
  for (size_t i = 0; i < text.size();) {
    if (!IsAsciiAlpha(text[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < text.size() && IsAsciiAlpha(text[e])) ++e;
    ++words_;
    if (e - i <= 4 && OneOf(AsciiLower(text.substr(i, e - i)), kEnglish)) ++english_function_words_;
    i = e;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAsciiUpper(text[i]) || (i > 0 && IsWordByte(text[i - 1]))) continue;
    size_t e = i;
    while (e < text.size() && IsWordByte(text[e])) ++e;
    const std::string_view word = StripPossessive(text.substr(i, e - i));
    // Mid-sentence: the previous word ends in a letter, digit or comma. A credit's last word
    // ("| REUTERS Grabbed ...") is in capitals and is followed by a sentence start instead.
    size_t b = i;
    while (b > 0 && text[b - 1] == ' ') --b;
    if (b > 0 && b < i) {
      const char prev = text[b - 1];
      size_t pw = b;
      while (pw > 0 && IsWordByte(text[pw - 1])) --pw;
      const std::string_view prev_word = text.substr(pw, b - pw);
      const bool prev_in_caps = prev_word.size() >= 2 && IsCapsWord(prev_word);
      if ((IsAsciiAlpha(prev) || IsAsciiDigit(prev) || prev == ',' || prev == ';') &&
          !prev_in_caps && word.size() >= 2 && word.size() <= 40) {
        names_.insert(std::string(word));
      }
    }
    i = e > i ? e - 1 : i;
  }
}

bool ProperNames::Contains(std::string_view word) const {
  return names_.contains(std::string(word));
}

bool ProperNames::LooksEnglish() const {
  return words_ >= kMinWordsForLanguage &&
         english_function_words_ * 100 >= words_ * kMinEnglishPercent;
}

std::vector<Block> SplitFlattenedText(std::string_view text, const ProperNames* names) {
  std::vector<Block> out;
  size_t segment = 0;   // start of the text not yet given to a block
  size_t sentence = 0;  // start of the current sentence: where an inline caption would start
  auto flush = [&](size_t end) {
    const std::string_view part = Trim(text.substr(segment, end - segment));
    if (!part.empty()) out.push_back({BlockKind::kParagraph, std::string(part), {}});
  };
  auto sentence_starts = [&](size_t pos) {
    sentence = pos;
    if (names == nullptr) return;
    const std::optional<size_t> after = RunInHeadingEnd(text, pos, *names);
    if (!after) return;
    flush(pos);
    out.push_back({BlockKind::kHeading, std::string(Trim(text.substr(pos, *after - pos))), {}});
    segment = sentence = *after;
  };
  size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  sentence_starts(i);
  i = sentence;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '.' || c == '!' || c == '?') {
      const size_t next = NextSentenceStart(text, i);
      if (next != kNpos) {
        sentence_starts(next);
        i = sentence;
        continue;
      }
    } else if (c == '|' && i > 0 && text[i - 1] == ' ' && i - sentence <= kMaxCaptionBytes + 1) {
      // The caption is the sentence that the '|' closes; the credit follows it.
      if (std::optional<CreditMatch> credit = ReadCredit(text, i + 1)) {
        const std::string_view caption = Trim(text.substr(sentence, i - sentence));
        // A caption is a sentence: three words at least, and when the credit is a name
        // rather than an agency, closed like one (so "Team A 3 | Team B 2" stays text).
        const bool closed = !caption.empty() && EndsLikeSentence(caption);
        const bool agency = IsCapsWord(credit->credit.substr(0, credit->credit.find(' ')));
        const bool plausible = std::count(caption.begin(), caption.end(), ' ') >= 2 &&
                               caption.find('|') == kNpos && (closed || agency);
        if (plausible) {
          flush(sentence);
          out.push_back({BlockKind::kCaption, std::string(caption), std::move(credit->credit)});
          segment = credit->end;
          sentence_starts(credit->end);
          i = sentence;
          continue;
        }
      }
    }
    ++i;
  }
  flush(text.size());
  return out;
}

namespace {

// --- Dates -----------------------------------------------------------------------------------

std::optional<int> ParseSmallInt(std::string_view s, size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// 1..12 for "jan", "june", "sept."; 0 if not a month.
int MonthNumber(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kFull = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w.ends_with('.')) w.remove_suffix(1);
  if (w == "sept") return 9;
  for (size_t m = 0; m < kFull.size(); ++m) {
    if (w == kFull[m] || (w.size() == 3 && kFull[m].starts_with(w))) return static_cast<int>(m) + 1;
  }
  return 0;
}

bool IsWeekday(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  if (w.ends_with('.')) w.remove_suffix(1);
  for (std::string_view d : kDays) {
    if (w == d || (w.size() >= 3 && w.size() <= 4 && d.starts_with(w))) return true;
  }
  return false;
}

// "25", "25th" -> 25.
std::optional<int> ParseDay(std::string_view w) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (w.ends_with(suffix)) {
      w.remove_suffix(2);
      break;
    }
  }
  return ParseSmallInt(w, 2);
}

Instant SubtractMonths(Instant t, int months) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const auto time_of_day = t - day;
  std::chrono::year_month_day ymd{day};
  ymd -= std::chrono::months{months};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;
  return std::chrono::sys_days{ymd} + time_of_day;
}

// "2 days", "an hour", "3h" (the part before " ago").
std::optional<Instant> ParseAgo(std::string_view s, Instant captured) {
  size_t d = 0;
  while (d < s.size() && IsAsciiDigit(s[d])) ++d;
  std::optional<int> n;
  std::string_view unit;
  if (d > 0) {
    n = ParseSmallInt(s.substr(0, d), 5);
    unit = Trim(s.substr(d));
  } else {
    const size_t sp = s.find(' ');
    if (sp == kNpos) return std::nullopt;
    const std::string_view count = s.substr(0, sp);
    if (count == "a" || count == "an" || count == "one") n = 1;
    unit = Trim(s.substr(sp + 1));
  }
  if (!n) return std::nullopt;
  const long v = *n;
  using std::chrono::seconds;
  if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds") {
    return captured - seconds(v);
  }
  if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") {
    return captured - seconds(v * 60);
  }
  if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours") {
    return captured - seconds(v * 3600);
  }
  if (unit == "d" || unit == "day" || unit == "days") return captured - seconds(v * 86400);
  if (unit == "w" || unit == "wk" || unit == "wks" || unit == "week" || unit == "weeks") {
    return captured - seconds(v * 7 * 86400);
  }
  if (unit == "mo" || unit == "month" || unit == "months") {
    return SubtractMonths(captured, static_cast<int>(v));
  }
  if (unit == "y" || unit == "yr" || unit == "yrs" || unit == "year" || unit == "years") {
    return SubtractMonths(captured, static_cast<int>(v) * 12);
  }
  return std::nullopt;
}

// "25-06-2025", "25/06/2025", "25.06.2025" (day first, as the reference page writes it; a US
// "06/25/2025" is read month first only when the day-first reading is impossible), and
// "2025/06/25".
std::optional<Instant> ParseNumericDate(std::string_view s) {
  if (s.size() < 8 || s.size() > 10) return std::nullopt;
  const size_t a = s.find_first_of("-/.");
  if (a == kNpos) return std::nullopt;
  const char sep = s[a];
  const size_t b = s.find(sep, a + 1);
  if (b == kNpos || s.find(sep, b + 1) != kNpos) return std::nullopt;
  const std::string_view p1 = s.substr(0, a), p2 = s.substr(a + 1, b - a - 1), p3 = s.substr(b + 1);
  if (p1.size() == 4) {
    const auto y = ParseSmallInt(p1, 4), m = ParseSmallInt(p2, 2), d = ParseSmallInt(p3, 2);
    if (!y || !m || !d) return std::nullopt;
    return MakeInstant(*y, *m, *d);
  }
  const auto x = ParseSmallInt(p1, 2), m = ParseSmallInt(p2, 2), y = ParseSmallInt(p3, 4);
  if (!x || !m || !y || p3.size() != 4) return std::nullopt;
  if (*m > 12 && *x <= 12) return MakeInstant(*y, *x, *m);
  return MakeInstant(*y, *m, *x);
}

// "Jun 25, 2025", "June 25 2025", "25 June 2025", "Wednesday, June 25, 2025", "Jun 25".
std::optional<Instant> ParseNamedMonthDate(std::string_view s, Instant captured) {
  std::vector<std::string_view> tokens;
  size_t p = 0;
  while (p < s.size() && tokens.size() < 6) {
    while (p < s.size() && (s[p] == ' ' || s[p] == ',')) ++p;
    size_t e = p;
    while (e < s.size() && s[e] != ' ' && s[e] != ',') ++e;
    if (e > p) tokens.push_back(s.substr(p, e - p));
    p = e;
  }
  if (p < s.size()) return std::nullopt;
  size_t i = 0;
  if (!tokens.empty() && IsWeekday(tokens[0])) ++i;
  const size_t left = tokens.size() - i;
  if (left != 2 && left != 3) return std::nullopt;
  int month = MonthNumber(tokens[i]);
  std::optional<int> day;
  if (month != 0) {
    day = ParseDay(tokens[i + 1]);
  } else {
    day = ParseDay(tokens[i]);
    month = MonthNumber(tokens[i + 1]);
  }
  if (!day || month == 0) return std::nullopt;
  if (left == 3) {
    const auto year = ParseSmallInt(tokens[i + 2], 4);
    if (!year || tokens[i + 2].size() != 4) return std::nullopt;
    return MakeInstant(*year, month, *day);
  }
  // No year: the most recent such day not after the capture.
  const int year = static_cast<int>(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(captured)}.year());
  std::optional<Instant> t = MakeInstant(year, month, *day);
  if (t && *t > captured + std::chrono::hours(48)) t = MakeInstant(year - 1, month, *day);
  return t;
}

}  // namespace

std::optional<Instant> ParseCaptureDate(std::string_view line, Instant captured) {
  std::string_view trimmed = Trim(line);
  if (trimmed.empty() || trimmed.size() > 64) return std::nullopt;
  const std::string lower = AsciiLower(trimmed);
  std::string_view s = lower;
  for (std::string_view prefix : {"published on ", "published: ", "published ", "updated on ",
                                  "updated: ", "updated ", "posted on ", "posted: ", "posted "}) {
    if (s.starts_with(prefix)) {
      s.remove_prefix(prefix.size());
      break;
    }
  }
  s = Trim(s);
  if (s.ends_with('.')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  if (s == "just now" || s == "now" || s == "today") return captured;
  if (s == "yesterday") return captured - std::chrono::hours(24);
  if (s.ends_with(" ago") || s.ends_with("ago")) {
    std::string_view rest = s.substr(0, s.size() - 3);
    return ParseAgo(Trim(rest), captured);
  }
  if (s.size() >= 10 && IsAsciiDigit(s[0]) && s[4] == '-') return ParseIso8601(s);
  if (IsAsciiDigit(s[0])) {
    if (auto t = ParseNumericDate(s)) return t;
  }
  return ParseNamedMonthDate(s, captured);
}

// --- Chrome ----------------------------------------------------------------------------------

namespace {

// Whole lines of page furniture, compared lower-cased without trailing ':' or dots.
constexpr std::string_view kChromeLines[] = {"advertisement",
                                             "advertisements",
                                             "ad",
                                             "sponsored",
                                             "sponsored content",
                                             "share",
                                             "share this",
                                             "share this article",
                                             "share this story",
                                             "share on facebook",
                                             "share on twitter",
                                             "share on x",
                                             "share via email",
                                             "share article",
                                             "tweet",
                                             "email",
                                             "print",
                                             "copy link",
                                             "link copied",
                                             "save",
                                             "save article",
                                             "bookmark",
                                             "listen",
                                             "listen to this article",
                                             "read more",
                                             "continue reading",
                                             "show more",
                                             "load more",
                                             "see more",
                                             "skip to content",
                                             "skip to main content",
                                             "back to top",
                                             "menu",
                                             "home",
                                             "search",
                                             "close",
                                             "subscribe",
                                             "subscribe now",
                                             "log in",
                                             "login",
                                             "sign in",
                                             "register",
                                             "open in app",
                                             "no comments yet",
                                             "be the first to comment",
                                             "leave a comment",
                                             "add a comment",
                                             "view comments",
                                             "show comments",
                                             "accept",
                                             "accept all",
                                             "accept all cookies",
                                             "accept cookies",
                                             "reject all",
                                             "manage cookies",
                                             "cookie settings",
                                             "manage preferences",
                                             "got it",
                                             "follow us",
                                             "newsletter",
                                             "related",
                                             "tags",
                                             "topics",
                                             "scroll to continue with content",
                                             "advertisement - scroll to continue",
                                             "story continues below advertisement",
                                             "article continues below advertisement",
                                             "continue reading below",
                                             "x",
                                             "facebook",
                                             "whatsapp"};

// Headings after which the page holds no more article text.
constexpr std::string_view kSectionEnds[] = {"hashtags",
                                             "comments",
                                             "try our ai features",
                                             "recommended",
                                             "recommended for you",
                                             "you may also like",
                                             "you might also like",
                                             "most read",
                                             "most popular",
                                             "most viewed",
                                             "read next",
                                             "trending",
                                             "trending now",
                                             "more stories",
                                             "more on this story",
                                             "up next",
                                             "latest news",
                                             "more news",
                                             "popular now",
                                             "editor's picks"};

constexpr std::string_view kRelatedStarts[] = {
    "related articles", "related stories", "related news",  "related coverage",
    "related content",  "related reading", "related posts", "see also"};

// Lines that start like promotions or notices ("Sign up for our newsletter ...").
constexpr std::string_view kChromePrefixes[] = {"sign up for ",
                                                "sign up to ",
                                                "subscribe to ",
                                                "follow us on ",
                                                "share on ",
                                                "we use cookies",
                                                "this website uses cookies",
                                                "this site uses cookies",
                                                "by continuing to use",
                                                "by using this site",
                                                "read more:",
                                                "also read:",
                                                "related:",
                                                "download the "};

// "5 min read", "12 comments", "3 minute read".
bool IsCountLine(std::string_view key) {
  size_t d = 0;
  while (d < key.size() && IsAsciiDigit(key[d])) ++d;
  if (d == 0 || d > 6) return false;
  const std::string_view rest = Trim(key.substr(d));
  return rest == "min read" || rest == "minute read" || rest == "minutes read" ||
         rest == "mins read" || rest == "comment" || rest == "comments" || rest == "shares";
}

// "Home | World | Middle East", "News › World › Asia": navigation, not text.
bool IsNavigationLine(std::string_view line) {
  size_t separators = 0;
  for (std::string_view sep : {" | ", " \xE2\x80\xBA ", " > ", " \xC2\xBB "}) {
    for (size_t p = line.find(sep); p != kNpos; p = line.find(sep, p + 1)) ++separators;
  }
  if (separators < 2) return false;
  return line.find_first_of(".!?") == kNpos || line.size() < 80;
}

// "#Syria #Israel": a hashtag list.
bool IsHashtagLine(std::string_view line) {
  if (!line.starts_with('#')) return false;
  size_t p = 0;
  while (p < line.size()) {
    if (line[p] != '#') return false;
    while (p < line.size() && line[p] != ' ') ++p;
    while (p < line.size() && line[p] == ' ') ++p;
  }
  return true;
}

// A line of bullets, rules and dashes ("•", "***", "—", "■"): no letter or digit in it. Only
// punctuation blocks count, so a line of CJK or other non-Latin text is never taken for one.
bool IsOnlySymbols(std::string_view line) {
  for (size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      if (IsAsciiAlpha(line[i]) || IsAsciiDigit(line[i])) return false;
      ++i;
      continue;
    }
    const auto c1 = i + 1 < line.size() ? static_cast<unsigned char>(line[i + 1]) : 0;
    if (c == 0xC2) {  // U+0080..U+00BF: Latin-1 punctuation (·, «, », ¶)
      i += 2;
    } else if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81 || (c1 >= 0x94 && c1 <= 0x97))) {
      i += 3;  // U+2000..U+207F general punctuation, U+2500..U+25FF box drawing and shapes
    } else if (line.substr(i, 3) == "\xEF\xBF\xBD") {
      i += 3;  // U+FFFD left by repaired bytes
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

ChromeKind ClassifyChrome(std::string_view line) {
  line = Trim(line);
  if (line.empty() || line.size() > kMaxChromeBytes) return ChromeKind::kNone;
  const std::string lower = AsciiLower(line);
  std::string_view key = lower;
  while (!key.empty() && (key.back() == ':' || key.back() == '.' || key.back() == ' ')) {
    key.remove_suffix(1);
  }
  if (key.ends_with("\xE2\x80\xA6")) key = Trim(key.substr(0, key.size() - 3));  // "…"
  if (OneOf(key, kRelatedStarts)) return ChromeKind::kRelatedStart;
  if (OneOf(key, kSectionEnds)) return ChromeKind::kSectionEnd;
  if (key.starts_with("more from ") && key.size() < 60) return ChromeKind::kSectionEnd;
  if (OneOf(key, kChromeLines) || IsCountLine(key) || IsNavigationLine(line) ||
      IsHashtagLine(line)) {
    return ChromeKind::kLine;
  }
  // "Explore what Daily8 AI can do for you:"
  if (key.starts_with("explore what ") && key.ends_with("can do for you")) return ChromeKind::kLine;
  for (std::string_view prefix : kChromePrefixes) {
    if (key.starts_with(prefix) && key.size() <= 300) return ChromeKind::kLine;
  }
  if (IsOnlySymbols(line)) return ChromeKind::kLine;
  return ChromeKind::kNone;
}

// --- The page --------------------------------------------------------------------------------

std::string PrepareCaptureText(std::string_view raw) {
  std::string text = IsValidUtf8(raw) ? std::string(raw) : RepairUtf8(raw);
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  // NUL was dropped by RepairUtf8 only when the input was ill-formed; drop it always, and turn
  // the other C0 controls (form feeds, escapes from binary junk) into spaces.
  // A lone CR is an old Mac line end: it becomes '\n' so SplitLines sees the lines.
  auto needs_change = [&text](size_t i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (text[i] == '\r') return i + 1 == text.size() || text[i + 1] != '\n';
    return (u < 0x20 && text[i] != '\n' && text[i] != '\t') || u == 0x7F;
  };
  size_t i = 0;
  while (i < text.size() && !needs_change(i)) ++i;
  if (i == text.size()) return text;  // the common case: nothing to change, no copy
  std::string out;
  out.reserve(text.size());
  size_t run = 0;  // start of the bytes copied unchanged
  for (; i < text.size(); ++i) {
    if (!needs_change(i)) continue;
    out.append(text, run, i - run);
    if (text[i] == '\r') {
      out += '\n';
    } else if (text[i] != '\0') {
      out += ' ';
    }
    run = i + 1;
  }
  out.append(text, run, text.size() - run);
  return out;
}

namespace {

bool EndsSentenceOrClause(std::string_view line) {
  if (line.empty()) return false;
  const char c = line.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',' || c == '"' ||
      c == '\'' || c == ')') {
    return true;
  }
  return line.ends_with("\xE2\x80\x9D") || line.ends_with("\xE2\x80\x99") ||
         line.ends_with("\xE2\x80\xA6");
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

// A line of its own that titles the section after it: short, capitalised, unpunctuated.
bool IsStandaloneHeading(std::string_view line) {
  return line.size() <= 100 && CountWords(line) <= 12 && !EndsSentenceOrClause(line) &&
         (IsUpperAt(line, 0) || IsAsciiDigit(line[0])) && line.find('|') == kNpos;
}

// "By Jane Doe", "By Jane Doe and John Roe": the byline, without "By ".
std::optional<std::string> ReadByline(std::string_view line) {
  if (!(line.starts_with("By ") || line.starts_with("BY ")) || line.size() > 80) {
    return std::nullopt;
  }
  const std::string_view names = Trim(line.substr(3));
  if (names.empty() || CountWords(names) > 8) return std::nullopt;
  size_t p = 0;
  while (p < names.size()) {
    size_t e = names.find(' ', p);
    if (e == kNpos) e = names.size();
    std::string_view word = names.substr(p, e - p);
    if (word.ends_with(',')) word.remove_suffix(1);
    const bool ok = IsCapitalised(word) || word == "and" || word == "&" || word == "de" ||
                    word == "van" || word == "von" || word == "al" || word == "bin";
    if (!ok || (word.ends_with('.') && word.size() > 2)) return std::nullopt;
    p = e + 1;
  }
  return std::string(names);
}

struct RelatedHeader {
  std::string source;
  std::optional<Instant> published;
  size_t next = 0;  // the line after the header: the title
};

std::string_view DashSource(std::string_view line) {
  for (std::string_view dash : {"- ", "\xE2\x80\x93 ", "\xE2\x80\x94 "}) {  // - – —
    if (line.starts_with(dash)) return Trim(line.substr(dash.size()));
  }
  return {};
}

// A related item opens with its source, its date, and "- SOURCE" (the reference page); either
// of the last two may be missing, but not both.
std::optional<RelatedHeader> ReadRelatedHeader(const std::vector<std::string_view>& lines, size_t i,
                                               Instant captured) {
  if (i >= lines.size() || lines[i].empty()) return std::nullopt;
  RelatedHeader h;
  size_t j = i;
  if (auto date = ParseCaptureDate(lines[j], captured)) {
    h.published = date;
    ++j;
  } else {
    const std::string_view source = lines[j];
    if (source.size() > 60 || CountWords(source) > 6 || EndsSentenceOrClause(source) ||
        !DashSource(source).empty()) {
      return std::nullopt;
    }
    h.source = source;
    ++j;
    if (j < lines.size()) {
      if (auto d = ParseCaptureDate(lines[j], captured)) {
        h.published = d;
        ++j;
      }
    }
  }
  bool dash = false;
  if (j < lines.size()) {
    const std::string_view ds = DashSource(lines[j]);
    if (!ds.empty() && ds.size() <= 60) {
      if (h.source.empty()) h.source = ds;
      dash = true;
      ++j;
    }
  }
  if (!dash && !(h.published && !h.source.empty())) return std::nullopt;
  h.next = j;
  return h;
}

struct ReaderState {
  const std::vector<std::string_view>& lines;
  const ProperNames& names;
  Instant captured;
};

// Reads the related block that starts at line `i` (just after "Related Articles"); returns the
// line where it stopped, or nullopt when no item follows (the heading was a link box in the
// body, whose text must not be lost).
std::optional<size_t> ReadRelatedBlock(const ReaderState& st, size_t i,
                                       std::vector<RelatedItem>& related) {
  RelatedItem* item = nullptr;
  bool want_title = false;
  int lines_without_item = 0;
  const auto& lines = st.lines;
  for (; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) continue;
    const ChromeKind chrome = ClassifyChrome(line);
    if (chrome == ChromeKind::kSectionEnd) break;
    if (chrome == ChromeKind::kRelatedStart || chrome == ChromeKind::kLine) continue;
    if (std::optional<RelatedHeader> h = ReadRelatedHeader(lines, i, st.captured)) {
      if (item != nullptr) item->text = JoinBodyText(item->blocks);
      related.emplace_back();
      item = &related.back();
      item->source = std::move(h->source);
      item->published = h->published;
      want_title = true;
      i = h->next - 1;
      continue;
    }
    if (item == nullptr) {
      if (++lines_without_item > kMaxLinesBeforeRelatedItem) return std::nullopt;
      continue;  // a blurb before the first item: nothing to attach it to
    }
    if (want_title) {
      item->title = std::string(line);
      want_title = false;
      continue;
    }
    std::vector<Block> blocks = SplitFlattenedText(line, &st.names);
    for (Block& b : blocks) item->blocks.push_back(std::move(b));
  }
  if (item == nullptr) return std::nullopt;
  item->text = JoinBodyText(item->blocks);
  return i;
}

}  // namespace

Result<Article> ReadCapture(std::string_view raw, const CaptureOptions& options) {
  const std::string text = PrepareCaptureText(raw);
  // Every line collapsed and the blank ones dropped (nothing reads them), into one buffer, so
  // a 50 MB capture of short lines does not become millions of separate strings.
  std::string arena;
  arena.reserve(text.size());
  const std::vector<std::string_view> lines = [&] {
    std::vector<std::pair<size_t, size_t>> spans;
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find('\n', start);
      if (end == kNpos) end = text.size();
      // A row's colour swatch ("██ Labour Party - 203 seats") goes: its colour did not survive.
      const std::string line =
          CollapseWhitespace(SkipColourSwatch(text.substr(start, end - start)));
      if (!line.empty()) {
        spans.emplace_back(arena.size(), line.size());
        arena += line;
      }
      start = end + 1;
    }
    std::vector<std::string_view> out;
    out.reserve(spans.size());
    for (const auto& [offset, size] : spans) out.emplace_back(arena.data() + offset, size);
    return out;
  }();
  if (lines.empty()) return Fail(ErrorCode::kParse, "capture holds no text");

  Article a;
  a.url = options.url;
  a.captured = options.captured;

  // Proper nouns are learned from the whole page: the body names people the related texts
  // mention too.
  ProperNames names;
  for (std::string_view l : lines) {
    if (l.size() >= kMinProseBytes) names.Learn(l);
  }
  const ReaderState st{lines, names, options.captured};

  size_t i = 0;
  // The headline: the first line that is not page chrome.
  for (; i < lines.size(); ++i) {
    if (lines[i].empty() || ClassifyChrome(lines[i]) != ChromeKind::kNone) continue;
    if (lines[i].size() <= kMaxTitleBytes) {
      a.title = std::string(lines[i]);
      ++i;
    } else {
      // No headline line: the first paragraph stands in and stays in the body.
      a.title = TruncateWords(lines[i], 120);
    }
    break;
  }

  bool body_ended = false;
  for (; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) continue;
    const ChromeKind chrome = ClassifyChrome(line);
    if (chrome == ChromeKind::kRelatedStart) {
      if (std::optional<size_t> stop = ReadRelatedBlock(st, i + 1, a.related)) {
        body_ended = true;
        i = *stop - 1;  // the section end it stopped at, if any, is read next
      }
      continue;
    }
    if (chrome == ChromeKind::kSectionEnd) {
      // Before any paragraph it is a link in the page header ("Comments"), not an end.
      if (!a.blocks.empty()) body_ended = true;
      continue;
    }
    if (chrome == ChromeKind::kLine || body_ended) continue;

    // Byline and date lines sit around the dek, before or after it.
    if (a.blocks.size() < kMaxBlocksBeforeByline) {
      if (auto byline = ReadByline(line); byline && a.byline.empty()) {
        a.byline = std::move(*byline);
        continue;
      }
      if (auto date = ParseCaptureDate(line, options.captured)) {
        if (!a.published) a.published = date;
        continue;
      }
    }
    // "caption text |" with the credit on the next line (the reference page, lines 17-18).
    if (line.size() >= 2 && line.ends_with(" |")) {
      Block caption{BlockKind::kCaption,
                    std::string(Trim(std::string_view(line).substr(0, line.size() - 1))),
                    {}};
      if (i + 1 < lines.size() && !lines[i + 1].empty()) {
        const std::string padded = " " + std::string(lines[i + 1]);
        std::optional<CreditMatch> credit = ReadCredit(padded, 0);
        if (credit && credit->end == padded.size()) {
          caption.credit = std::move(credit->credit);
          ++i;
        }
      }
      if (!caption.text.empty()) {
        a.blocks.push_back(std::move(caption));
        continue;
      }
    }
    // A credit alone on its line after a caption that had none.
    if (!a.blocks.empty() && a.blocks.back().kind == BlockKind::kCaption &&
        a.blocks.back().credit.empty() && IsCapsWord(line.substr(0, line.find(' '))) &&
        line.size() <= 40) {
      const std::string padded = " " + std::string(line);
      std::optional<CreditMatch> credit = ReadCredit(padded, 0);
      if (credit && credit->end == padded.size()) {
        a.blocks.back().credit = std::move(credit->credit);
        continue;
      }
    }
    // The first body line is the dek and so a paragraph, whatever its shape.
    if (!a.blocks.empty() && IsStandaloneHeading(line)) {
      a.blocks.push_back({BlockKind::kHeading, std::string(line), {}});
      continue;
    }
    for (Block& b : SplitFlattenedText(line, &names)) a.blocks.push_back(std::move(b));
  }

  for (const Block& b : a.blocks) {
    if (b.kind == BlockKind::kParagraph && a.dek.empty()) a.dek = b.text;
    if (b.kind == BlockKind::kCaption) a.images.push_back({"", b.text, b.credit});
  }
  a.text = JoinBodyText(a.blocks);
  if (a.title.empty() && a.blocks.empty() && a.related.empty()) {
    return Fail(ErrorCode::kParse, "capture holds only page chrome, no article text");
  }
  return a;
}

}  // namespace wiredesk::parse
