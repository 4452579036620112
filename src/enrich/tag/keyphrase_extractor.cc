#include "enrich/tag/keyphrase_extractor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <unordered_map>

#include "enrich/tag/background_df.h"

namespace wiredesk::enrich::tag {
namespace {

using summarize::Word;

// What the article says about one content-word stem.
struct Term {
  int tf = 0;
  int tf_cased = 0;    // capitalised mid-sentence
  int tf_acronym = 0;  // all capitals
  int first_sentence = -1;
  std::vector<int> sentences;  // distinct, ascending
  std::unordered_map<int, int> left, right;  // neighbouring term ids -> count (YAKE's context)
  double idf = 0;
  double rank = 0;  // TextRank
  double yake = 0;  // YAKE's S(t): lower is better
};

struct Candidate {
  std::vector<int> terms;  // term ids of the content words
  int words = 0;
  int tf = 0;
  int first_sentence = 0;
  int first_word = 0;
  int last_word = 0;
  int first_end = 0;      // the last word of the first occurrence
  int cased = 0;          // occurrences with every content word capitalised mid-sentence
  int part_name = 0;      // ... of which inside a longer run of capitalised words
  int mixed = 0;          // occurrences mixing capitalised and lower-case content words
  bool whole_name = false;  // some occurrence is a whole run of capitalised words
  bool inner_stopword = false;
  // Occurrences that are a whole tagged name, by entities::EntityType; inside a longer one;
  // straddling a name's edge ("said Obama").
  std::array<int, entities::kNumTypes> entity{};
  int inside_entity = 0;
  int straddles_entity = 0;
  int title_tf = 0;    // occurrences in the first sentence (the title line)
  int body_cased = 0;  // ... and outside it, capitalised mid-sentence
  bool in_lead = false;  // occurs in the second sentence (the first of the body)
  // Occurrences after / before words of a class (WordClass), standing in for its part of speech.
  int after_determiner = 0, after_preposition = 0, after_to = 0, after_pronoun = 0;
  int before_of = 0, before_verb = 0;
  std::vector<std::pair<std::string_view, int>> surfaces;  // views into the text; few
  double score = 0;
};

// The most frequent surface form; a tie goes to the shorter (less capitalised) spelling.
std::string BestSurface(const Candidate& c) {
  const std::pair<std::string_view, int>* best = nullptr;
  for (const auto& s : c.surfaces) {
    if (best == nullptr || s.second > best->second ||
        (s.second == best->second && s.first > best->first)) {
      best = &s;
    }
  }
  return best == nullptr ? std::string() : std::string(best->first);
}

bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() > end.size() + 2 && s.substr(s.size() - end.size()) == end;
}

// English function words that say what part of speech the next or previous word is: a noun
// or adjective follows a determiner or preposition; a verb follows "to", a pronoun or an
// auxiliary; a noun precedes "of"; a subject precedes an auxiliary or "said".
enum class WordClass : uint8_t { kOther, kDeterminer, kPreposition, kOf, kTo, kPronoun, kAuxiliary };

WordClass ClassOf(std::string_view lower) {
  static const std::unordered_map<std::string_view, WordClass> classes = [] {
    std::unordered_map<std::string_view, WordClass> m;
    for (std::string_view w : {"the", "a", "an", "this", "that", "these", "those", "its", "his",
                               "her", "their", "our", "my", "your", "some", "every", "no"}) {
      m[w] = WordClass::kDeterminer;
    }
    for (std::string_view w : {"in", "on", "at", "for", "with", "from", "by", "about", "into",
                               "over", "after", "against", "during", "under", "between"}) {
      m[w] = WordClass::kPreposition;
    }
    m["of"] = WordClass::kOf;
    m["to"] = WordClass::kTo;
    for (std::string_view w : {"he", "she", "they", "we", "i", "you", "it", "who"}) {
      m[w] = WordClass::kPronoun;
    }
    for (std::string_view w : {"is", "are", "was", "were", "be", "been", "has", "have", "had",
                               "will", "would", "could", "can", "may", "might", "should", "must",
                               "did", "does", "do", "said", "says", "told"}) {
      m[w] = WordClass::kAuxiliary;
    }
    return m;
  }();
  const auto it = classes.find(lower);
  return it == classes.end() ? WordClass::kOther : it->second;
}

bool EndsWithAny(std::string_view s, std::initializer_list<std::string_view> ends) {
  return std::any_of(ends.begin(), ends.end(), [&](std::string_view e) { return EndsWith(s, e); });
}

// The learned ranker's features of `c` (keyphraseness left at zero).
KeyphraseFeatures FeaturesOf(const Candidate& c, const std::vector<Term>& terms,
                             const std::vector<Word>& words, int sentences, double idf) {
  KeyphraseFeatures x{};
  const double n = static_cast<double>(words.size());
  double spread = 0, acronym = 0;
  int max_term_tf = 0;
  for (int t : c.terms) {
    const Term& term = terms[static_cast<size_t>(t)];
    spread += static_cast<double>(term.sentences.size()) / sentences;
    acronym += static_cast<double>(term.tf_acronym) / term.tf;
    max_term_tf = std::max(max_term_tf, term.tf);
  }
  const double k = static_cast<double>(c.terms.size());
  const double tf = c.tf;
  x[kLogTf] = std::log1p(tf);
  x[kIdf] = idf;
  x[kFirstPosition] = c.first_word / n;
  x[kPositionSpread] = (c.last_word - c.first_word) / n;
  x[kSentenceSpread] = spread / k;
  x[kOneWord] = c.words == 1;
  x[kTwoWords] = c.words == 2;
  x[kThreeWords] = c.words >= 3;
  x[kCased] = c.cased / tf;
  x[kInTitle] = c.first_sentence == 0;
  x[kWholeName] = c.whole_name;
  x[kPartName] = c.part_name / tf;
  x[kMixedCase] = c.mixed / tf;
  x[kInnerStopword] = c.inner_stopword;
  const std::string& last = words[static_cast<size_t>(c.first_end)].lower;
  x[kEndsLy] = EndsWith(last, "ly");
  x[kEndsEd] = EndsWith(last, "ed");
  x[kEndsIng] = EndsWith(last, "ing");
  x[kEndsS] = EndsWith(last, "s") && !EndsWith(last, "ss");
  x[kAcronym] = acronym / k;
  x[kLogDocumentWords] = std::log(n);
  // Frequency and position say more about single words than about phrases.
  x[kOneWordTf] = x[kOneWord] * x[kLogTf];
  x[kOneWordFirst] = x[kOneWord] * x[kFirstPosition];
  x[kLogFirstSentence] = std::log1p(c.first_sentence);
  x[kLogTfSquared] = x[kLogTf] * x[kLogTf];
  const int tf_bin = c.tf <= 3 ? c.tf - 1 : c.tf <= 5 ? 3 : 4;
  x[kTfWordsBins + (std::min(c.words, 3) - 1) * 5 + tf_bin] = 1;
  for (int t = 0; t < entities::kNumTypes; ++t) x[kEntityPerson + t] = c.entity[static_cast<size_t>(t)] / tf;
  x[kInsideEntity] = c.inside_entity / tf;
  x[kStraddlesEntity] = c.straddles_entity / tf;
  x[kTitleCount] = std::log1p(c.title_tf);
  x[kInLead] = c.in_lead;
  x[kLastPosition] = c.last_word / n;
  x[kBodyCased] = c.tf > c.title_tf ? static_cast<double>(c.body_cased) / (c.tf - c.title_tf) : 0;
  x[kWordTfRatio] = std::log(max_term_tf / tf);
  x[kLogLastWordLength] = std::log(static_cast<double>(last.size()));
  x[kNounEnding] = EndsWithAny(last, {"tion", "sion", "ment", "ness", "ity", "ism", "ist", "ance",
                                      "ence", "ship", "hood", "er", "or"});
  x[kAdjectiveEnding] = EndsWithAny(last, {"al", "ic", "ive", "ous", "ful", "less", "able",
                                           "ible", "ish", "ary"});
  x[kAfterDeterminer] = c.after_determiner / tf;
  x[kAfterPreposition] = c.after_preposition / tf;
  x[kAfterTo] = c.after_to / tf;
  x[kAfterPronoun] = c.after_pronoun / tf;
  x[kBeforeOf] = c.before_of / tf;
  x[kBeforeVerb] = c.before_verb / tf;
  for (int i = c.first_word; i <= c.first_end; ++i) {
    const std::string_view w = words[static_cast<size_t>(i)].surface;
    x[kHyphenated] = x[kHyphenated] || w.find('-') != std::string_view::npos;
    // ASCII or a typographic apostrophe (U+2019).
    x[kApostrophe] = x[kApostrophe] || w.find('\'') != std::string_view::npos ||
                     w.find("\u2019") != std::string_view::npos;
  }
  return x;
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

bool ParseKeyphraseMethod(std::string_view name, KeyphraseMethod& method) {
  if (name == "tfidf") method = KeyphraseMethod::kTfIdf;
  else if (name == "textrank") method = KeyphraseMethod::kTextRank;
  else if (name == "yake") method = KeyphraseMethod::kYake;
  else if (name == "wiredesk") method = KeyphraseMethod::kWiredesk;
  else return false;
  return true;
}

KeyphraseExtractor::KeyphraseExtractor(std::string_view language, KeyphraseOptions options)
    : language_(language),
      english_(summarize::SnowballName(language) == "english"),
      options_(options),
      stemmer_(language),
      model_(summarize::SnowballName(language) == "english" ? BuiltinKeyphraseModel() : nullptr) {}

bool KeyphraseExtractor::SetOption(std::string_view name, double value) {
  auto& o = options_;
  if (name == "count") o.count = static_cast<size_t>(value);
  else if (name == "max_words") o.max_words = static_cast<size_t>(value);
  else if (name == "tf_exponent") o.tf_exponent = value;
  else if (name == "idf_weight") o.idf_weight = value;
  else if (name == "position_weight") o.position_weight = value;
  else if (name == "case_weight") o.case_weight = value;
  else if (name == "multiword_factor") o.multiword_factor = value;
  else if (name == "spread_weight") o.spread_weight = value;
  else return false;
  return true;
}

std::vector<Keyphrase> KeyphraseExtractor::Extract(std::string_view text,
                                                   std::span<const entities::Mention> mentions) {
  return Run(text, mentions, nullptr);
}

std::vector<KeyphraseCandidate> KeyphraseExtractor::Candidates(
    std::string_view text, std::span<const entities::Mention> mentions) {
  std::vector<KeyphraseCandidate> all;
  Run(text, mentions, &all);
  return all;
}

std::vector<Keyphrase> KeyphraseExtractor::Run(std::string_view text,
                                               std::span<const entities::Mention> mentions,
                                               std::vector<KeyphraseCandidate>* all) {
  const KeyphraseOptions& o = options_;
  const std::vector<Word> words = summarize::SplitWords(text);
  if (words.empty()) return {};

  // Per word: its term id (-1 for stopwords and bare numbers) and sentence.
  std::unordered_map<std::string, int> term_ids;
  std::vector<Term> terms;
  std::vector<int> word_term(words.size(), -1);
  std::vector<int> word_sentence(words.size(), 0);
  // Each word stemmed once (copies: mostly short enough to need no allocation), as candidates
  // of 1-3 words would otherwise look each word up three times.
  std::vector<std::string> word_stem(words.size());
  int sentence = -1;
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (w.sentence_start || i == 0) ++sentence;
    word_sentence[i] = sentence;
    word_stem[i] = stemmer_.Stem(w.lower);
    if (summarize::IsStopword(w.lower, language_) || AllDigits(w.lower) ||
        w.surface.size() < 2) {
      continue;
    }
    const std::string& stem = word_stem[i];
    auto [it, inserted] = term_ids.try_emplace(stem, static_cast<int>(terms.size()));
    if (inserted) {
      terms.emplace_back();
      terms.back().idf = BackgroundIdf(w.lower, language_);
    }
    Term& t = terms[static_cast<size_t>(it->second)];
    word_term[i] = it->second;
    ++t.tf;
    if (w.all_caps) ++t.tf_acronym;
    if (w.capitalised && !w.sentence_start) ++t.tf_cased;
    if (t.sentences.empty() || t.sentences.back() != sentence) t.sentences.push_back(sentence);
    if (t.first_sentence < 0) t.first_sentence = sentence;
  }
  if (terms.empty()) return {};
  const int sentences = sentence + 1;

  // The tagged name each word lies in (-1: none), by its first byte; mentions come in text
  // order and do not overlap.
  std::vector<int> word_mention;
  if (!mentions.empty()) {
    word_mention.assign(words.size(), -1);
    size_t m = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      const auto at = static_cast<size_t>(words[i].surface.data() - text.data());
      while (m < mentions.size() && mentions[m].end <= at) ++m;
      if (m == mentions.size()) break;
      if (mentions[m].begin <= at) word_mention[i] = static_cast<int>(m);
    }
  }
  // -1 before the first word and past the last (i - 1 wraps around to a huge index).
  auto mention_of = [&](size_t i) { return i < word_mention.size() ? word_mention[i] : -1; };

  // Only the learned ranker reads the word classes (English).
  const bool learned = all != nullptr || (o.method == KeyphraseMethod::kWiredesk && model_ != nullptr);
  std::vector<WordClass> word_class;
  if (learned && english_) {
    word_class.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      if (word_term[i] < 0) word_class[i] = ClassOf(words[i].lower);
    }
  }

  // Context: content-word neighbours within a segment (no punctuation between). Only YAKE
  // reads them, and two hash maps per term are a large part of the cost.
  for (size_t i = 1; o.method == KeyphraseMethod::kYake && i < words.size(); ++i) {
    if (words[i].break_before || word_term[i] < 0 || word_term[i - 1] < 0) continue;
    ++terms[static_cast<size_t>(word_term[i])].left[word_term[i - 1]];
    ++terms[static_cast<size_t>(word_term[i - 1])].right[word_term[i]];
  }

  // Candidates: 1..max_words words inside a segment, no stopword or number at either edge.
  std::unordered_map<std::string, Candidate> candidates;
  std::string key;
  for (size_t i = 0; i < words.size(); ++i) {
    if (word_term[i] < 0) continue;
    key.clear();
    for (size_t n = 1; n <= o.max_words && i + n <= words.size(); ++n) {
      const size_t j = i + n - 1;
      if (n > 1 && words[j].break_before) break;
      if (!key.empty()) key.push_back(' ');
      key += word_stem[j];
      if (word_term[j] < 0) continue;  // a stopword may sit inside ("Bank of England")
      auto [it, inserted] = candidates.try_emplace(key);
      Candidate& c = it->second;
      if (inserted) {
        for (size_t k = i; k <= j; ++k) {
          if (word_term[k] >= 0) c.terms.push_back(word_term[k]);
        }
        c.words = static_cast<int>(n);
        c.first_sentence = word_sentence[i];
        c.first_word = static_cast<int>(i);
        c.first_end = static_cast<int>(j);
      }
      ++c.tf;
      c.last_word = static_cast<int>(i);
      c.title_tf += word_sentence[i] == 0;
      if (!word_class.empty()) {
        const WordClass before = i > 0 && !words[i].break_before ? word_class[i - 1] : WordClass::kOther;
        const WordClass after = j + 1 < words.size() && !words[j + 1].break_before
                                    ? word_class[j + 1] : WordClass::kOther;
        c.after_determiner += before == WordClass::kDeterminer;
        c.after_preposition += before == WordClass::kPreposition || before == WordClass::kOf;
        c.after_to += before == WordClass::kTo;
        c.after_pronoun += before == WordClass::kPronoun || before == WordClass::kAuxiliary;
        c.before_of += after == WordClass::kOf;
        c.before_verb += after == WordClass::kAuxiliary;
      }
      c.in_lead |= word_sentence[i] == 1;
      if (!word_mention.empty()) {
        // A whole name when no word of the same mention lies either side of the phrase.
        const int m = mention_of(i);
        bool one = m >= 0, any = m >= 0;
        for (size_t k = i + 1; k <= j; ++k) {
          one = one && mention_of(k) == m;
          any = any || mention_of(k) >= 0;
        }
        if (one) {
          const auto type = static_cast<size_t>(mentions[static_cast<size_t>(m)].type);
          if (mention_of(i - 1) != m && mention_of(j + 1) != m) {
            if (type < c.entity.size()) ++c.entity[type];  // a caller's stray type counts as none
          } else {
            ++c.inside_entity;
          }
        } else if (any) {
          ++c.straddles_entity;
        }
      }
      // Casing of this occurrence: a whole name ("Bank of England"), part of a longer one
      // ("Bank" of it), or a phrase straddling a name's edge ("grab of Officer").
      int capitals = 0, contents = 0;
      for (size_t k = i; k <= j; ++k) {
        if (word_term[k] < 0) {
          c.inner_stopword = true;
          continue;
        }
        ++contents;
        capitals += words[k].capitalised || words[k].all_caps;
      }
      if (!words[i].sentence_start && capitals == contents) {
        ++c.cased;
        c.body_cased += word_sentence[i] > 0;
        const bool left = i > 0 && !words[i].break_before && !words[i - 1].sentence_start &&
                          words[i - 1].capitalised;
        const bool right = j + 1 < words.size() && !words[j + 1].break_before &&
                           words[j + 1].capitalised;
        if (left || right) ++c.part_name;
        else c.whole_name = true;
      } else if (capitals > 0 && capitals < contents && !words[i].sentence_start) {
        ++c.mixed;
      }
      const char* b = words[i].surface.data();
      const std::string_view surface(b, static_cast<size_t>(words[j].surface.data() +
                                                            words[j].surface.size() - b));
      auto seen = std::find_if(c.surfaces.begin(), c.surfaces.end(),
                               [&](const auto& e) { return e.first == surface; });
      if (seen == c.surfaces.end()) c.surfaces.emplace_back(surface, 1);
      else ++seen->second;
    }
  }

  if (o.method == KeyphraseMethod::kTextRank) {
    // Undirected graph over content terms adjacent in the text (stopwords skipped).
    std::vector<std::unordered_map<int, double>> edges(terms.size());
    int prev = -1;
    for (size_t i = 0; i < words.size(); ++i) {
      if (word_term[i] < 0) continue;
      if (prev >= 0 && prev != word_term[i]) {
        edges[static_cast<size_t>(prev)][word_term[i]] += 1;
        edges[static_cast<size_t>(word_term[i])][prev] += 1;
      }
      prev = word_term[i];
    }
    std::vector<double> out_weight(terms.size(), 0);
    for (size_t t = 0; t < terms.size(); ++t) {
      for (const auto& [u, w] : edges[t]) out_weight[t] += w;
      terms[t].rank = 1.0;
    }
    std::vector<double> next(terms.size());
    for (int iter = 0; iter < 30; ++iter) {
      for (size_t t = 0; t < terms.size(); ++t) {
        double s = 0;
        for (const auto& [u, w] : edges[t]) s += w / out_weight[static_cast<size_t>(u)] *
                                                 terms[static_cast<size_t>(u)].rank;
        next[t] = 0.15 + 0.85 * s;
      }
      for (size_t t = 0; t < terms.size(); ++t) terms[t].rank = next[t];
    }
  }

  if (o.method == KeyphraseMethod::kYake) {
    double mean = 0, max_tf = 0;
    for (const Term& t : terms) {
      mean += t.tf;
      max_tf = std::max<double>(max_tf, t.tf);
    }
    mean /= static_cast<double>(terms.size());
    double var = 0;
    for (const Term& t : terms) var += (t.tf - mean) * (t.tf - mean);
    const double sd = std::sqrt(var / static_cast<double>(terms.size()));
    for (Term& t : terms) {
      const double tf = t.tf;
      const double t_case = std::max(t.tf_cased, t.tf_acronym) / (1 + std::log(tf));
      const double median = t.sentences[t.sentences.size() / 2];
      const double t_pos = std::log(std::log(3 + median));
      const double t_freq = tf / (mean + sd);
      auto spread = [](const std::unordered_map<int, int>& m) {
        int total = 0;
        for (const auto& [u, n] : m) total += n;
        return total == 0 ? 0.0 : static_cast<double>(m.size()) / total;
      };
      const double t_rel = 1 + (spread(t.left) + spread(t.right)) * tf / max_tf;
      const double t_sent = static_cast<double>(t.sentences.size()) / sentences;
      t.yake = t_rel * t_pos / (t_case + t_freq / t_rel + t_sent / t_rel);
    }
  }

  auto mean_idf = [&](const Candidate& c) {
    double idf = 0;
    for (int t : c.terms) idf += terms[static_cast<size_t>(t)].idf;
    return idf / static_cast<double>(c.terms.size());
  };
  if (all != nullptr) {
    for (const auto& [k, c] : candidates) {
      all->push_back({k, BestSurface(c), FeaturesOf(c, terms, words, sentences, mean_idf(c))});
    }
    std::sort(all->begin(), all->end(), [&](const KeyphraseCandidate& a, const KeyphraseCandidate& b) {
      return candidates.at(a.stems).first_word < candidates.at(b.stems).first_word;
    });
    return {};
  }
  for (auto& [k, c] : candidates) {
    const double idf = mean_idf(c);
    switch (o.method) {
      case KeyphraseMethod::kTfIdf:
        c.score = c.tf * idf;
        break;
      case KeyphraseMethod::kTextRank: {
        double s = 0;
        for (int t : c.terms) s += terms[static_cast<size_t>(t)].rank;
        // The mean, not SingleRank's sum: a sum fills the top ten with three-word phrases.
        c.score = s / static_cast<double>(c.terms.size());
        break;
      }
      case KeyphraseMethod::kYake: {
        double prod = 1, sum = 0;
        for (int t : c.terms) {
          prod *= terms[static_cast<size_t>(t)].yake;
          sum += terms[static_cast<size_t>(t)].yake;
        }
        c.score = -prod / (c.tf * (1 + sum));
        break;
      }
      case KeyphraseMethod::kWiredesk: {
        if (model_ != nullptr) {
          c.score = model_->ScorePhrase(k, FeaturesOf(c, terms, words, sentences, idf));
          break;
        }
        double cased = 0, spread = 0;
        for (int t : c.terms) {
          const Term& term = terms[static_cast<size_t>(t)];
          cased += static_cast<double>(std::max(term.tf_cased, term.tf_acronym)) / term.tf;
          spread += static_cast<double>(term.sentences.size()) / sentences;
        }
        cased /= static_cast<double>(c.terms.size());
        spread /= static_cast<double>(c.terms.size());
        double s = std::pow(c.tf, o.tf_exponent) * std::pow(idf, o.idf_weight);
        s *= 1 + o.position_weight / (1.0 + c.first_sentence);
        s *= 1 + o.case_weight * cased;
        s *= 1 + o.spread_weight * spread;
        if (c.words > 1) s *= o.multiword_factor;
        c.score = s;
        break;
      }
    }
  }

  std::vector<const Candidate*> ranked;
  ranked.reserve(candidates.size());
  for (const auto& [k, c] : candidates) ranked.push_back(&c);
  std::sort(ranked.begin(), ranked.end(), [](const Candidate* a, const Candidate* b) {
    if (a->score != b->score) return a->score > b->score;
    return a->first_word < b->first_word;  // deterministic
  });
  std::vector<Keyphrase> out;
  for (const Candidate* c : ranked) {
    if (out.size() >= o.count) break;
    out.push_back({BestSurface(*c), c->score});
  }
  return out;
}

}  // namespace wiredesk::enrich::tag
