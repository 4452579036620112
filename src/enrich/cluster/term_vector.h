// Sparse TF-IDF vectors over interned term ids, and the vocabulary that learns them online.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/cluster/string_ids.h"
#include "enrich/cluster/tokenizer.h"

namespace wiredesk::enrich::cluster {

struct TermWeight {
  uint32_t term = 0;
  float weight = 0;
};

// Sorted by term, no duplicates.
using TermVector = std::vector<TermWeight>;

// Dot product of two sorted vectors (a merge walk).
double Dot(const TermVector& a, const TermVector& b);
double SquaredNorm(const TermVector& v);

struct VectorizeOptions {
  double entity_boost = 1.6;
  double number_boost = 1.3;
  double title_boost = 2.0;
  bool stem = true;
};

// Interns words as term ids (stemmed once per distinct surface form) and counts document
// frequencies as documents arrive, so IDF needs no corpus pass and no second read.
//
// The vocabulary follows a time window, not the corpus: the owner divides time into periods
// (Forget() ends one), and a term seen in none of the last few periods and not in use by the
// owner is forgotten (its strings, its count) and its id handed to the next new term. News
// keeps bringing new words (names, places, typos), so a vocabulary that only grows would make
// memory grow with every article ever seen.
class Vectorizer {
 public:
  explicit Vectorizer(VectorizeOptions options);
  ~Vectorizer();
  Vectorizer(const Vectorizer&) = delete;
  Vectorizer& operator=(const Vectorizer&) = delete;

  // The l2-normalised TF-IDF vector of a document, written into `out` (its capacity reused).
  // Counts the document's terms into the document frequencies first.
  void Vectorize(std::string_view title, std::string_view text, TermVector& out);

  // Ends the current period, then forgets the terms seen in none of the last `periods` periods
  // (the one just ended included) that `in_use` (indexed by term id; ids past its end are not
  // in use) does not mark. Their ids are reused, so an id the owner still holds must be marked.
  // A forgotten word that comes back starts its document frequency again, as a new word would.
  // Returns how many terms were forgotten. (Their ids become free in batches, when the string
  // tables are rebuilt without them.)
  size_t Forget(uint32_t periods, const std::vector<uint8_t>& in_use);

  // Term ids are below this.
  size_t IdLimit() const { return df_.size(); }
  // Terms counted and not forgotten.
  size_t VocabularySize() const;
  uint64_t Documents() const { return documents_; }
  size_t MemoryUsage() const;

 private:
  uint32_t Intern(std::string_view lowered, bool number);
  void Count(const std::vector<Token>& tokens, float weight, bool title, bool mostly_capitalised);

  VectorizeOptions options_;
  Tokenizer tokenizer_;
  struct Stemmer;
  std::unique_ptr<Stemmer> stemmer_;
  StringIds surface_to_term_;
  StringIds stem_to_term_;
  std::vector<uint32_t> df_;  // 0: a free id (a term in use has been counted at least once)
  std::vector<uint32_t> last_seen_;  // the period of the term's latest document
  std::vector<uint32_t> free_ids_;  // ids no string maps to
  size_t forgotten_ = 0;  // terms forgotten since the string tables were last rebuilt
  uint32_t period_ = 0;
  uint64_t documents_ = 0;
  // Per-document scratch, indexed by term id; `touched_` lists the ids in use.
  std::vector<float> tf_;
  std::vector<uint8_t> flags_;
  std::vector<uint32_t> touched_;
};

}  // namespace wiredesk::enrich::cluster
