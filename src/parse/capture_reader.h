// Reads a plain-text page capture (text copied from a browser) into an Article.
#pragma once

#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk::parse {

struct CaptureOptions {
  std::string url;    // the page's address, when known
  Instant captured{};  // resolves relative dates ("2 days ago") in the related block
};

// Headline (first line), dek, body paragraphs with captions and their credits, the page
// chrome dropped, and the "Related Articles" block read into Article::related.
// Fails only on input that holds no text at all.
Result<Article> ReadCapture(std::string_view text, const CaptureOptions& options);

}  // namespace wiredesk::parse
