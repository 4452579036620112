// Cleans built blocks: repeated headline/byline/dateline and
// boilerplate lines ("Advertisement", "Sign up for our newsletter") out.
#pragma once

#include <string>
#include <string_view>

#include "extract/block_builder.h"
#include "extract/metadata_reader.h"

namespace wiredesk::extract {

// Drops the headline repeated as the first block, bylines and datelines at the top, and
// boilerplate blocks anywhere; merges nothing, reorders nothing.
void Sanitize(ArticleBody& body, const PageMetadata& meta);

// True when `dek` only repeats the start of `first_paragraph`.
bool DekRepeatsFirstParagraph(std::string_view dek, std::string_view first_paragraph);

}  // namespace wiredesk::extract
