// Extracts the article from a publisher's HTML page: the seam every later stage reads through.
#pragma once

#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk::extract {

struct PageOptions {
  std::string url;      // where the page was fetched from, for resolving links
  Instant captured{};
  std::string charset;  // from the HTTP Content-Type header, when there was one
};

// Headline, dek, byline, dates, canonical URL, source, language, body blocks and images.
// Fails with kParse for input that is not HTML, kUnsupported for pages with no article: an
// index, a video page, a paywall stub or a page without text, each with its own one-line
// message (PageKindOf in extract/page_kind.h tells them apart).
Result<Article> ExtractArticle(std::string_view html, const PageOptions& options);

}  // namespace wiredesk::extract
