#include "enrich/language.h"

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>

#include <algorithm>

#include "core/text.h"

namespace wiredesk::enrich {

std::string DetectLanguage(std::string_view text) {
  constexpr size_t kMaxBytes = 8192;
  std::string sample = RepairUtf8(text.substr(0, std::min(text.size(), kMaxBytes + 4)));
  if (sample.size() > kMaxBytes) {
    size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(sample[cut]) & 0xC0) == 0x80) --cut;
    sample.resize(cut);
  }
  bool reliable = false;
  int valid_prefix = 0;
  const CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(
      sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true, &reliable,
      &valid_prefix);
  // cld2 answers ENGLISH for text it cannot judge; only a reliable answer is worth storing.
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return {};
  const char* code = CLD2::LanguageCode(lang);
  return code ? std::string(code) : std::string();
}

}  // namespace wiredesk::enrich
