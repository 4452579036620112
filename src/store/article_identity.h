// How every backend recognises "the same article" and "the same content" across re-ingests.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk::store {

// The key an article is stored under: Article::IdentityUrl() when the page has a URL. A page
// without one (a capture with no link) is keyed by its source and title instead, as
// "wiredesk:untitled-url:<source name, lower case>:<title, whitespace collapsed, lower case>",
// a form no http(s) URL can take, so the two kinds of keys never collide. Lower-casing is ASCII
// only: it is a key, not a display form. kInvalidArgument when there is neither a URL nor a
// source name and title to key on.
Result<std::string> IdentityKey(const Article& article);

// xxHash3 (hex) of the article's JSON (core/article_json.h) without `captured`, so a re-capture
// of an unchanged page hashes the same. Covers every stored field, the source included.
// `article_json` is ArticleToJson(article), passed in because the store serialises it anyway.
std::string ContentHash(const nlohmann::json& article_json);

}  // namespace wiredesk::store
