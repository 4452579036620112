// Turns the content containers into the article's blocks (paragraphs, headings, quotes, lists,
// captions) and images, in reading order, leaving page chrome behind.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "extract/dom_hints.h"
#include "parse/html_document.h"

namespace wiredesk::extract {

struct ArticleBody {
  std::vector<Block> blocks;
  std::vector<Image> images;
};

// `base_url` resolves image addresses.
ArticleBody BuildBlocks(const std::vector<parse::Node>& roots, std::string_view base_url,
                        HintCache& hints);

// The image address an <img> (or its <picture>) points at, absolute; empty for placeholders.
std::string ImageSource(parse::Node img, std::string_view base_url);

}  // namespace wiredesk::extract
