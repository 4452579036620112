#include "enrich/summarize/key_points.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "enrich/summarize/sentence_splitter.h"

namespace wiredesk::enrich::summarize {
namespace {

struct Candidate {
  size_t index = 0;
  size_t words = 0;
  std::unordered_map<std::string, double> terms;  // stem -> weight
  double norm = 0;
  double score = 0;
};

double Cosine(const Candidate& a, const Candidate& b) {
  if (a.norm == 0 || b.norm == 0) return 0;
  const auto& small = a.terms.size() < b.terms.size() ? a.terms : b.terms;
  const auto& large = a.terms.size() < b.terms.size() ? b.terms : a.terms;
  double dot = 0;
  for (const auto& [t, w] : small) {
    auto it = large.find(t);
    if (it != large.end()) dot += w * it->second;
  }
  return dot / (a.norm * b.norm);
}

bool StartsWithQuote(std::string_view s) {
  return s.starts_with("\"") || s.starts_with("``") || s.starts_with("' ") ||
         s.starts_with("\xE2\x80\x9C") || s.starts_with("\xE2\x80\x98") ||
         s.starts_with("\xC2\xAB");
}

}  // namespace

KeyPointSelector::KeyPointSelector(std::string_view language, KeyPointsOptions options)
    : language_(language), options_(options), stemmer_(language) {}

bool KeyPointSelector::SetOption(std::string_view name, double value) {
  auto& o = options_;
  if (name == "points") o.points = static_cast<size_t>(value);
  else if (name == "max_points") o.max_points = static_cast<size_t>(value);
  else if (name == "extra_every") o.extra_every = static_cast<size_t>(value);
  else if (name == "position_decay") o.position_decay = value;
  else if (name == "centrality_weight") o.centrality_weight = value;
  else if (name == "position_weight") o.position_weight = value;
  else if (name == "redundancy") o.redundancy = value;
  else if (name == "min_words") o.min_words = static_cast<size_t>(value);
  else if (name == "long_words") o.long_words = static_cast<size_t>(value);
  else if (name == "long_penalty") o.long_penalty = value;
  else if (name == "quote_penalty") o.quote_penalty = value;
  else if (name == "question_penalty") o.question_penalty = value;
  else if (name == "window") o.window = static_cast<size_t>(value);
  else return false;
  return true;
}

namespace {

// Ends in . ! ? or an ellipsis, before any closing quotes and brackets.
bool EndsLikeASentence(std::string_view s) {
  while (!s.empty()) {
    const unsigned char last = static_cast<unsigned char>(s.back());
    if (last == ' ' || last == '\t' || last == '\n' || last == '"' || last == '\'' || last == ')' ||
        last == ']') {
      s.remove_suffix(1);
    } else if (s.ends_with("\u201d") || s.ends_with("\u2019")) {  // ” ’
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s.ends_with('.') || s.ends_with('!') || s.ends_with('?') || s.ends_with("\u2026");
}

}  // namespace

std::vector<std::string_view> KeyPointSelector::Select(std::string_view text) {
  const std::vector<std::string_view> sentences = SplitSentences(text);
  const KeyPointsOptions& o = options_;
  size_t want = o.points;
  if (o.max_points > want && o.extra_every > 0) {
    want = std::min(o.max_points, want + sentences.size() / o.extra_every);
  }
  if (sentences.size() <= want || o.method == KeyPointsMethod::kLead) {
    return {sentences.begin(), sentences.begin() + std::min(want, sentences.size())};
  }

  // Content-word stems of every sentence; sentence frequency of each stem.
  std::vector<Candidate> all(sentences.size());
  std::unordered_map<std::string, int> sentence_freq;
  for (size_t i = 0; i < sentences.size(); ++i) {
    Candidate& c = all[i];
    c.index = i;
    for (const Word& w : SplitWords(sentences[i])) {
      ++c.words;
      if (w.number || IsStopword(w.lower, language_)) continue;
      c.terms[stemmer_.Stem(w.lower)] += 1;
    }
    for (const auto& [t, n] : c.terms) ++sentence_freq[t];
  }
  // tf-isf weights; the document vector is the sum over its sentences.
  const double n_sent = static_cast<double>(sentences.size());
  Candidate doc;
  for (Candidate& c : all) {
    for (auto& [t, w] : c.terms) {
      w = (1 + std::log(w)) * std::log(1 + n_sent / sentence_freq[t]);
      doc.terms[t] += w;
    }
  }
  for (Candidate* c : {&doc}) {
    for (const auto& [t, w] : c->terms) c->norm += w * w;
    c->norm = std::sqrt(c->norm);
  }
  for (Candidate& c : all) {
    for (const auto& [t, w] : c.terms) c.norm += w * w;
    c.norm = std::sqrt(c.norm);
  }

  std::vector<Candidate*> pool;
  const size_t window = std::max(o.window, want);
  // Lines that do not end like a sentence (a results table's rows, a list of names) are
  // fragments: a key point only when nothing else is left. They neither use up the window
  // nor push the article's first real sentence down the position prior.
  size_t fragments = 0;
  for (size_t i = 0; i < all.size() && i < window + fragments; ++i) {
    Candidate& c = all[i];
    const std::string_view s = sentences[i];
    const bool fragment = !EndsLikeASentence(s);
    const double position = static_cast<double>(i - fragments);
    if (fragment) ++fragments;
    double score = o.position_weight * std::exp(-o.position_decay * position) +
                   o.centrality_weight * Cosine(c, doc);
    if (c.words < o.min_words || fragment) score -= 1.0;
    if (c.words > o.long_words) score -= o.long_penalty * static_cast<double>(c.words - o.long_words);
    if (StartsWithQuote(s)) score -= o.quote_penalty;
    if (s.ends_with("?")) score -= o.question_penalty;
    c.score = score;
    pool.push_back(&c);
  }

  // MMR: the best remaining sentence less its similarity to those already chosen.
  std::vector<size_t> chosen;
  std::vector<Candidate*> picked;
  while (chosen.size() < want && !pool.empty()) {
    double best = -1e9;
    size_t best_at = 0;
    for (size_t k = 0; k < pool.size(); ++k) {
      double redundancy = 0;
      for (const Candidate* p : picked) redundancy = std::max(redundancy, Cosine(*pool[k], *p));
      const double v = pool[k]->score - o.redundancy * redundancy;
      if (v > best) {
        best = v;
        best_at = k;
      }
    }
    picked.push_back(pool[best_at]);
    chosen.push_back(pool[best_at]->index);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best_at));
  }
  std::sort(chosen.begin(), chosen.end());
  std::vector<std::string_view> out;
  out.reserve(chosen.size());
  for (size_t i : chosen) out.push_back(sentences[i]);
  return out;
}

}  // namespace wiredesk::enrich::summarize
