// Feed autodiscovery: the feeds a site's home page announces with <link rel="alternate">.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wiredesk::parse {

struct DiscoveredFeed {
  std::string url;    // absolute
  std::string title;  // plain text; may be empty
  std::string type;   // "application/rss+xml", "application/atom+xml", "application/feed+json"
};

// The <link rel="alternate" type="...rss/atom/feed json..." href> of a page, in page order,
// each URL once, resolved against `page_url` (or the page's <base href>). Only the <head>
// (the first 256 KiB) is scanned.
std::vector<DiscoveredFeed> DiscoverFeeds(std::string_view html, std::string_view page_url);

}  // namespace wiredesk::parse
