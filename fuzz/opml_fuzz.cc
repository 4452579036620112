// Fuzz target for OPML: any bytes give a document or a kParse error; a document written back
// out parses again to the same subscriptions.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "parse/opml.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto doc = wiredesk::parse::ParseOpml(input);
  if (!doc.has_value()) {
    Require(doc.error().code == wiredesk::ErrorCode::kParse);
    return 0;
  }
  for (const auto& s : doc->subscriptions) {
    Require(!s.xml_url.empty());
    Require(wiredesk::IsValidUtf8(s.title) && wiredesk::IsValidUtf8(s.folder));
  }
  const auto again = wiredesk::parse::ParseOpml(wiredesk::parse::WriteOpml(*doc));
  Require(again.has_value());
  Require(again->subscriptions.size() == doc->subscriptions.size());
  return 0;
}
