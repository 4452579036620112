// The stories in the JSON API: /api/v1/stories, /api/v1/stories/{id}, and the story fields
// of /api/v1/articles/{id}.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "serve/http_message.h"
#include "store/store.h"

namespace wiredesk::serve::api {

// GET /api/v1/stories?limit=&offset= -> {"total", "limit", "offset", "stories": [...]}.
Response ListStories(store::StoreReader& store, const QueryParams& params);
// GET /api/v1/stories/{id} -> the story, its articles by source, its coverage per day.
Response GetStory(store::StoreReader& store, int64_t id);
// Sets "story" (its id or null), "related_coverage" and "also_published_by" on an article's
// JSON. A store without stories gives null and empty lists.
void AddStoryFields(store::StoreReader& store, int64_t article_id, nlohmann::json& j);

}  // namespace wiredesk::serve::api
