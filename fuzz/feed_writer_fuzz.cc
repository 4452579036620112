// Fuzz target for the feeds wiredesk writes (serve/feeds_out/feed_writer): any bytes as an
// item's title, dek, byline, tag and key point give an RSS document that wiredesk's own feed
// parser (expat underneath) reads back as one entry with its link, and a JSON Feed that is
// valid JSON carrying the title as the same text.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "parse/feed_parser.h"
#include "serve/feeds_out/feed_writer.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wiredesk::serve::feeds_out;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> fields;  // NUL-separated: title, dek, byline, tag, key point
  while (fields.size() < 4) {
    const size_t nul = input.find('\0');
    fields.emplace_back(input.substr(0, nul));
    input = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  }
  fields.emplace_back(input);

  OutItem item;
  item.id = "wiredesk:article:1";
  item.url = "https://news.example.org/articles/1";
  item.external_url = fields[1];  // whatever it is, only an http(s) URL becomes a link
  item.title = fields[0];
  item.summary = fields[1];
  item.author = fields[2];
  item.tags = {fields[3]};
  item.key_points = {fields[4]};
  item.source = fields[2];
  item.published = *wiredesk::MakeInstant(2025, 6, 27, 9);
  item.updated = item.published;
  const OutChannel channel{fields[3], fields[0], "https://news.example.org/",
                           "https://news.example.org/feed.xml"};
  const std::vector<OutItem> items{item};

  auto parsed = wiredesk::parse::ParseFeed(WriteRss(channel, items));
  Require(parsed.has_value());
  Require(parsed->entries.size() == 1);
  Require(parsed->entries[0].url == item.url);
  Require(parsed->entries[0].published == item.published);

  const nlohmann::json j = nlohmann::json::parse(WriteJsonFeed(channel, items), nullptr, false);
  Require(!j.is_discarded());
  Require(j["items"].size() == 1);
  Require(j["items"][0]["title"] == CleanText(item.title));
  return 0;
}
