// The shipped model, embedded in the binary at build time (.incbin), so `wiredesk` and the
// tests find it wherever they run from.
#include <mutex>

#include "core/embedded_file.h"
#include "enrich/entities/ner_model.h"

#if defined(WD_NER_MODEL_FILE)
WD_EMBED_FILE(wd_ner_model, WD_NER_MODEL_FILE);
#endif

namespace wiredesk::enrich::entities {

Result<const NerModel*> BuiltinNerModel() {
#if defined(WD_NER_MODEL_FILE)
  static const Result<NerModel>* model = [] {
    const std::string_view bytes(wd_ner_model_begin,
                                 static_cast<size_t>(wd_ner_model_end - wd_ner_model_begin));
    return new Result<NerModel>(ParseNerModel(bytes, "built-in entity model"));
  }();
  if (!*model) return Unexpected(model->error());
  return &**model;
#else
  return Unexpected(MakeError(ErrorCode::kNotFound,
                              "this build has no entity model (src/enrich/entities/model/"
                              "ner-en.bin was missing); pass --model or retrain",
                              "built-in entity model"));
#endif
}

}  // namespace wiredesk::enrich::entities
