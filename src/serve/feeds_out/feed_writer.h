// Feeds out: RSS 2.0 and JSON Feed 1.1 documents from a list of items. Pure text in, text out
// (no store, no HTTP), so any list of articles (a tag, a story, a search, a reader's saved
// articles) becomes a feed the same way; feed_routes.h turns ArticleSummary lists into items.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace wiredesk::serve::feeds_out {

enum class OutFormat { kRss, kJsonFeed };

// What the feed is about. URLs are absolute.
struct OutChannel {
  std::string title;        // plain text
  std::string description;  // plain text
  std::string home_url;     // the HTML page this feed follows
  std::string feed_url;     // the feed itself (atom:link rel="self", JSON Feed feed_url)
};

// One entry. Text fields are plain text, whatever they contain: the writers escape them.
struct OutItem {
  std::string id;            // stable and unique within the feed (guid isPermaLink="false")
  std::string url;           // this site's page for the article (absolute)
  std::string external_url;  // the publisher's page (http(s) only; otherwise left out)
  std::string title;
  std::string summary;                  // the dek
  std::vector<std::string> key_points;  // from enrich's insights; may be empty
  std::string author;                   // the byline; may be empty
  std::string source;                   // the publisher's name
  Instant published{};
  Instant updated{};
  std::vector<std::string> tags;  // hashtags: RSS categories, JSON Feed tags
};

// The item's body as HTML: the dek, its key points as a list, and a credit line linking the
// publisher. Every piece of text is HTML-escaped.
std::string ItemContentHtml(const OutItem& item);

// Text made safe for any output: ill-formed UTF-8 repaired, and the characters XML 1.0
// cannot carry at all (C0 controls but tab, newline and return; U+FFFE, U+FFFF) dropped.
std::string CleanText(std::string_view s);

std::string WriteRss(const OutChannel& channel, std::span<const OutItem> items);
std::string WriteJsonFeed(const OutChannel& channel, std::span<const OutItem> items);
std::string WriteFeed(OutFormat format, const OutChannel& channel, std::span<const OutItem> items);

}  // namespace wiredesk::serve::feeds_out
