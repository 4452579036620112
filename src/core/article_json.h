// The Article JSON of `wiredesk extract` and the API: one mapping, used by both.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk {

nlohmann::json BlockToJson(const Block& b);
nlohmann::json ArticleToJson(const Article& a);
// The inverse, for stored documents and tests; unknown fields are ignored.
Result<Article> ArticleFromJson(const nlohmann::json& j);

// Insights: the stored form and the API's "insights" object are the same JSON.
nlohmann::json InsightsToJson(const ArticleInsights& insights);
// Unknown fields and malformed items are skipped: a stored document from a later version
// still reads.
Result<ArticleInsights> InsightsFromJson(const nlohmann::json& j);

nlohmann::json OptionalInstantToJson(const std::optional<Instant>& t);

}  // namespace wiredesk
