// The JSON API under /api/v1, and /healthz. Every body is JSON, errors included.
#pragma once

#include <cstdint>
#include <string_view>

#include "serve/http_message.h"
#include "store/store.h"

namespace wiredesk::serve::api {

inline constexpr int kDefaultLimit = 20;
inline constexpr int kMaxLimit = 100;

// GET /api/v1/articles?limit=&offset=&q= -> {"total", "limit", "offset", "articles": [...]}.
Response ListArticles(store::StoreReader& store, const QueryParams& params);
// GET /api/v1/articles/{id} -> ArticleToJson plus id, tags, story, comments.
Response GetArticle(store::StoreReader& store, int64_t id);
// GET /healthz -> {"status": "ok", "articles": N}, or 503.
Response Health(store::StoreReader& store);
// {"error": message} with `status`.
Response JsonError(int status, std::string_view message);

}  // namespace wiredesk::serve::api
