// Pages that are not articles: what they are, so that a caller can say so in one line instead
// of storing a teaser as if it were the story.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "extract/metadata_reader.h"

namespace wiredesk::extract {

enum class PageKind {
  kArticle,
  kIndex,    // a front or section page: teasers and links
  kVideo,    // a player with a caption
  kPaywall,  // the first lines and a subscription offer
  kNoText,   // none of the above, and no article text either
};

// Fewer body characters than this is a teaser, a video page or an index, not an article.
constexpr size_t kMinArticleChars = 200;

// "article", "index", "video", "paywall", "no-text".
std::string_view PageKindName(PageKind kind);

// What a page is, from what its metadata and markup say and the `body_chars` code points of
// body text extracted from it. `page_text` is the page's visible text when the body is under
// kMinArticleChars (where a paywall's offer is looked for: the cleanup drops it from the
// body), else the body text. kArticle when nothing says it is something else and the body is
// long enough.
PageKind ClassifyPage(const PageMetadata& meta, std::string_view page_text, size_t body_chars);

// The kUnsupported error ExtractArticle returns for a page of this kind: "not an article: a
// video page" (never for kArticle).
Error NotAnArticle(PageKind kind, std::string context);

// The kind an ExtractArticle error names: kArticle for errors that are about something else
// (bad bytes, a parser failure).
PageKind PageKindOf(const Error& error);

}  // namespace wiredesk::extract
