// Tags: the keyphrases and names that best say what an article is about, computed locally.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/entities/ner_tagger.h"
#include "enrich/summarize/text_units.h"
#include "enrich/tag/keyphrase_model.h"

namespace wiredesk::enrich::tag {

enum class KeyphraseMethod {
  kTfIdf,     // term frequency x background inverse document frequency (the baseline)
  kTextRank,  // PageRank over a word co-occurrence graph (Mihalcea & Tarau 2004)
  kYake,      // YAKE's statistics: casing, position, frequency, context spread (Campos 2020)
  // Ours: the learned ranker (keyphrase_model.h) for English; elsewhere, and without a model,
  // frequency x background rarity with bonuses for an early first position, casing and spread.
  kWiredesk,
};

struct Keyphrase {
  std::string text;  // a surface form from the article ("New York", "vaccine")
  double score = 0;  // higher is better, comparable within one call only
};

// A candidate with the learned ranker's features (keyphraseness left at zero), for training.
struct KeyphraseCandidate {
  std::string stems;  // the Snowball stems of its words, space-separated: the matching key
  std::string text;
  KeyphraseFeatures features{};
};

struct KeyphraseOptions {
  KeyphraseMethod method = KeyphraseMethod::kWiredesk;
  size_t count = 10;
  size_t max_words = 3;
  // Weights of kWiredesk, measured on half of 500N-KPCrowd (see bench/nlp_bench.sh).
  double tf_exponent = 1.0;
  double idf_weight = 1.0;
  double position_weight = 0.6;   // bonus for an early first occurrence (the title line)
  double case_weight = 0.4;       // bonus for a capitalised word mid-sentence: a name
  double multiword_factor = 0.3;  // multiplies a phrase of 2-3 words: crowds tag words
  double spread_weight = 0.3;     // bonus for occurring in many sentences
};

// Reusable across articles; one per thread.
class KeyphraseExtractor {
 public:
  explicit KeyphraseExtractor(std::string_view language = "en", KeyphraseOptions options = {});

  // Keyphrases of `text` (a title line first helps), best first, at most options().count,
  // distinct after stemming. Empty for text without words. `mentions`: the entity tagger's
  // names in `text` (byte ranges into it, in order; FindMentions), which the learned ranker
  // weighs; without them it ranks as if the text named nothing.
  std::vector<Keyphrase> Extract(std::string_view text,
                                 std::span<const entities::Mention> mentions = {});

  // Every candidate of `text` with its features, in order of first occurrence.
  std::vector<KeyphraseCandidate> Candidates(std::string_view text,
                                             std::span<const entities::Mention> mentions = {});

  // The learned ranker kWiredesk uses for English (default: the built-in one); null: none.
  void SetModel(const KeyphraseModel* model) { model_ = model; }

  KeyphraseOptions& options() { return options_; }
  bool SetOption(std::string_view name, double value);

 private:
  std::string language_;
  bool english_ = false;
  KeyphraseOptions options_;
  summarize::Stemmer stemmer_;
  const KeyphraseModel* model_ = nullptr;

  // Extract() when `all` is null; otherwise fills `all` with every candidate and returns {}.
  std::vector<Keyphrase> Run(std::string_view text, std::span<const entities::Mention> mentions,
                             std::vector<KeyphraseCandidate>* all);
};

// "tfidf", "textrank", "yake", "wiredesk"; false for another name.
bool ParseKeyphraseMethod(std::string_view name, KeyphraseMethod& method);

}  // namespace wiredesk::enrich::tag
