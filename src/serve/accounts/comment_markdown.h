// Readers' comments as HTML: a small Markdown subset (paragraphs, emphasis, strong, code,
// quotes, lists, links, line breaks) parsed by cmark and written out by our own walk of its
// tree, so every text and attribute is escaped here and nothing a reader types becomes markup
// of its own: raw HTML is shown as text, headings become bold paragraphs, images become links,
// and only http(s) links are made, each rel="nofollow ugc noopener noreferrer".
#pragma once

#include <string>
#include <string_view>

namespace wiredesk::serve {

// Comments longer than this are refused before they reach the store.
inline constexpr size_t kMaxCommentBytes = 10'000;

std::string CommentHtml(std::string_view markdown);

}  // namespace wiredesk::serve
