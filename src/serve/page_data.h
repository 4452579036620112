// What route files beside page_routes.cc share with it: the template data type and the page
// helpers (page numbers, pagers, dates). Inside serve only: it brings in kainjow mustache.
#pragma once

#include <kainjow/mustache.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "serve/http_message.h"

namespace wiredesk::serve {

// The data a page template is rendered with (Pages::Render).
struct PageData {
  kainjow::mustache::data value;
};

// ?page=N: 1 when absent; nullopt unless a whole number from 1 to kMaxPageNumber.
std::optional<int> ParsePageNumber(const QueryParams& params);
// The pager partial's data for page `page` of `total` items (false: no pager needed).
kainjow::mustache::data Pager(std::string_view base, int page, int64_t total, int page_size);
// "27 Jun 2025".
std::string HumanDate(Instant t);
// The layout's <link rel="alternate"> list (alt_links) for the feeds at `stem` + ".xml" (RSS)
// and `stem` + ".json" (JSON Feed), then `query` ("?q=..."), e.g. "/tags/Lisbon/feed"
// (feeds_out/feed_routes.cc).
kainjow::mustache::data FeedAlternates(std::string_view title, std::string_view stem,
                                       std::string_view query = {});

}  // namespace wiredesk::serve
