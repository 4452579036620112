// The JSON API under /api/v1, and /healthz. Every body is JSON, errors included.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
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
// `j` as the body; a 200 may be cached.
Response JsonResponse(int status, const nlohmann::json& j);
// {"error": message} with `status`.
Response JsonError(int status, std::string_view message);

// For the API files beside this one (story_api.cc): a 500 for a store failure (logged); a
// whole-number query parameter (`fallback` when absent, nullopt when malformed); an article
// list entry.
Response StoreFailure(const Error& e);
std::optional<int64_t> IntParam(const QueryParams& params, std::string_view name, int64_t fallback);
nlohmann::json SummaryToJson(const store::ArticleSummary& a);

}  // namespace wiredesk::serve::api
