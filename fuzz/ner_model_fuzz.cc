// Fuzz target for entity model files (ParseNerModel: header, gazetteer, word clusters,
// weights): any bytes give a model or a kParse error, never a crash or a huge allocation; a
// model that parses tags a small document with valid BIO tags.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "enrich/entities/ner_model.h"
#include "enrich/entities/ner_tagger.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ent = wiredesk::enrich::entities;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto model = ent::ParseNerModel(input, "fuzz");
  if (!model.has_value()) {
    Require(model.error().code == wiredesk::ErrorCode::kParse);
    return 0;
  }
  Require(model->weights.size() == (size_t{1} << model->bucket_bits) * ent::kNumTags);
  ent::NerTagger tagger(*model);
  const std::vector<std::string_view> words = {"PARIS", "Reuters", "said", "New", "Zealand", "."};
  const ent::DocumentTokens doc = {words, words};
  const auto tags = tagger.TagDocument(doc);
  Require(tags.size() == doc.size());
  for (const auto& sentence : tags) {
    ent::Tag prev = ent::kOutside;
    for (ent::Tag t : sentence) {
      Require(t < ent::kNumTags && ent::Follows(prev, t));
      prev = t;
    }
  }
  return 0;
}
