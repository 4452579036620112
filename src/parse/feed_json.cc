#include "parse/feed_json.h"

#include "core/article_json.h"

namespace wiredesk::parse {

nlohmann::json EntryToJson(const Entry& e) {
  nlohmann::json enclosures = nlohmann::json::array();
  for (const Enclosure& x : e.enclosures) {
    enclosures.push_back(
        {{"url", x.url}, {"type", x.type}, {"length", x.length}, {"medium", x.medium}});
  }
  return {{"guid", e.guid},
          {"url", e.url},
          {"title", e.title},
          {"author", e.author},
          {"authors", e.authors},
          {"published", OptionalInstantToJson(e.published)},
          {"updated", OptionalInstantToJson(e.updated)},
          {"categories", e.categories},
          {"image", e.image},
          {"enclosures", std::move(enclosures)},
          {"summary", e.summary},
          {"content_html", e.content_html}};
}

nlohmann::json ParsedFeedToJson(const ParsedFeed& f) {
  nlohmann::json entries = nlohmann::json::array();
  for (const Entry& e : f.entries) entries.push_back(EntryToJson(e));
  return {{"format", FeedFormatName(f.format)},
          {"version", f.version},
          {"title", f.feed.title},
          {"url", f.feed.url},
          {"site_url", f.site_url},
          {"self_url", f.self_url},
          {"description", f.description},
          {"language", f.language},
          {"entries", std::move(entries)}};
}

}  // namespace wiredesk::parse
