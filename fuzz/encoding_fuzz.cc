// libFuzzer target: the encoding detector (BOM, HTTP label, <meta> prescan, detection) and the
// decode through myhtml. An input's first line, when short, is the HTTP charset label, so the
// fuzzer also explores labels that lie about the bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/text.h"
#include "parse/html_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view label;
  std::string_view bytes = input;
  size_t newline = input.find('\n');
  if (newline != std::string_view::npos && newline <= 40) {
    label = input.substr(0, newline);
    bytes = input.substr(newline + 1);
  }
  wiredesk::parse::EncodingChoice choice = wiredesk::parse::ChooseEncoding(bytes, label);
  WD_CHECK(choice.bom_bytes <= bytes.size());
  WD_CHECK(choice.bom_bytes <= 3);
  auto doc = wiredesk::parse::HtmlDocument::Parse(bytes, {.charset = label});
  if (doc) {
    WD_CHECK(!doc->encoding().empty());
    // Whatever the bytes and the label, what comes out is well-formed UTF-8.
    std::string text = wiredesk::parse::TextContent(doc->Document());
    WD_CHECK(wiredesk::IsValidUtf8(text));
  }
  return 0;
}
