// Fuzz target for the keyphrase model reader: any bytes give a model or a kParse error; a model
// read back from its own serialisation is the same; ranking the input text with it gives at
// most the asked-for number of phrases, in order of score.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "enrich/tag/keyphrase_extractor.h"
#include "enrich/tag/keyphrase_model.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace tag = wiredesk::enrich::tag;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto model = tag::ParseKeyphraseModel(input, "fuzz");
  if (!model.has_value()) {
    Require(model.error().code == wiredesk::ErrorCode::kParse);
    return 0;
  }
  const auto again = tag::ParseKeyphraseModel(tag::SerializeKeyphraseModel(*model), "again");
  Require(again.has_value());
  Require(again->keyphraseness == model->keyphraseness);
  Require(again->documents == model->documents);
  tag::KeyphraseExtractor extractor("en");
  extractor.SetModel(&*model);
  const auto phrases = extractor.Extract(input);
  Require(phrases.size() <= extractor.options().count);
  for (size_t i = 1; i < phrases.size(); ++i) Require(phrases[i - 1].score >= phrases[i].score);
  return 0;
}
