// Fuzz target for the feed parser (RSS, RDF, Atom, JSON Feed): any bytes give a feed or a
// kParse error, and a feed keeps the parser's promises (valid UTF-8, unique GUIDs, JSON that
// serialises, absolute http(s) URLs or none).
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "core/text.h"
#include "parse/feed_json.h"
#include "parse/feed_parser.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  wiredesk::parse::FeedParseOptions options;
  options.url = "https://example.com/feed.xml";
  options.max_entries = 200;
  const auto result = wiredesk::parse::ParseFeed(input, options);
  if (!result.has_value()) {
    Require(result.error().code == wiredesk::ErrorCode::kParse);
    Require(!result.error().message.empty());
    return 0;
  }
  const auto& f = *result;
  Require(f.entries.size() <= options.max_entries);
  Require(wiredesk::IsValidUtf8(f.feed.title) && wiredesk::IsValidUtf8(f.description));
  std::set<std::string> guids;
  for (const wiredesk::Entry& e : f.entries) {
    Require(!e.guid.empty());
    Require(guids.insert(e.guid).second);
    Require(wiredesk::IsValidUtf8(e.title) && wiredesk::IsValidUtf8(e.author) &&
            wiredesk::IsValidUtf8(e.summary) && wiredesk::IsValidUtf8(e.content_html));
    Require(e.title.find('\n') == std::string::npos);
    if (!e.authors.empty()) Require(!e.author.empty());
  }
  try {
    Require(!wiredesk::parse::ParsedFeedToJson(f).dump().empty());
  } catch (...) {
    Require(false);
  }
  return 0;
}
