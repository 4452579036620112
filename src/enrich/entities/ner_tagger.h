// Named entities in English text: a greedy, BIO-constrained averaged-perceptron tagger over
// hashed features (ner_features.h), and the mentions it finds in running text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "enrich/entities/ner_features.h"
#include "enrich/entities/ner_model.h"

namespace wiredesk::enrich::entities {

class NerTagger {
 public:
  // The model must outlive the tagger.
  explicit NerTagger(const NerModel& model) : model_(&model) {}

  // Tags one document: an article, or one -DOCSTART- block of a CoNLL file. Document-level
  // features see every sentence, so tag a whole article at once. Not thread-safe (scratch
  // buffers); use one tagger per thread.
  std::vector<std::vector<Tag>> TagDocument(const DocumentTokens& doc);

 private:
  const NerModel* model_;
  DocumentFeatures features_;
  std::vector<uint64_t> scratch_;
};

// One entity mention in running text.
struct Mention {
  EntityType type = EntityType::kOther;
  // Byte range in the text.
  size_t begin = 0;
  size_t end = 0;
  // The mention's tokens joined by single spaces, as written ("Ahmad al-Dalati").
  std::string text;
  // Index of its sentence (SplitSentences order).
  size_t sentence = 0;
};

// Splits `text` into sentences, tags them as one document, and returns the mentions in order.
std::vector<Mention> FindMentions(NerTagger& tagger, std::string_view text);

}  // namespace wiredesk::enrich::entities
