#include "serve/api/story_api.h"

#include <algorithm>

#include "core/article_json.h"
#include "serve/api/api_routes.h"

namespace wiredesk::serve::api {

using nlohmann::json;

namespace {

constexpr int kRelatedCoverage = 8;
constexpr int64_t kMaxStoryOffset = 1'000'000;

json SourceToJson(const Source& s) { return json{{"name", s.name}, {"url", s.url}}; }

json StoryToJson(const store::StorySummary& s) {
  json j = {{"id", s.id},
            {"headline", s.headline},
            {"articles", s.article_count},
            {"publishers", s.publisher_count},
            {"first_published", OptionalInstantToJson(s.first_published)},
            {"last_published", OptionalInstantToJson(s.last_published)}};
  j["lead"] = s.lead.id != 0 ? SummaryToJson(s.lead) : json(nullptr);
  return j;
}

}  // namespace

Response ListStories(store::StoreReader& store, const QueryParams& params) {
  const std::optional<int64_t> limit = IntParam(params, "limit", kDefaultLimit);
  if (!limit) return JsonError(400, "limit must be a whole number");
  const std::optional<int64_t> offset = IntParam(params, "offset", 0);
  if (!offset || *offset < 0 || *offset > kMaxStoryOffset) {
    return JsonError(400, "offset must be a whole number from 0 to 1000000");
  }
  const int lim = static_cast<int>(std::clamp<int64_t>(*limit, 1, kMaxLimit));
  const int off = static_cast<int>(*offset);
  auto page = store.ListStories(lim, off);
  if (!page && page.error().code == ErrorCode::kUnsupported) {
    return JsonError(404, "this store does not keep stories");
  }
  if (!page) return StoreFailure(page.error());
  json stories = json::array();
  for (const store::StorySummary& s : page->stories) stories.push_back(StoryToJson(s));
  return JsonResponse(200, json{{"total", page->total},
                                {"limit", lim},
                                {"offset", off},
                                {"stories", std::move(stories)}});
}

Response GetStory(store::StoreReader& store, int64_t id) {
  auto found = store.FindStory(id);
  if (!found && found.error().code == ErrorCode::kUnsupported) {
    return JsonError(404, "this store does not keep stories");
  }
  if (!found) return StoreFailure(found.error());
  if (!*found) return JsonError(404, "no story with that id");
  const store::StoryDetail& story = **found;
  json j = StoryToJson(story.summary);
  json sources = json::array();
  for (const store::SourceCoverage& group : story.by_source) {
    json articles = json::array();
    for (const store::StoryArticle& sa : group.articles) {
      json a = SummaryToJson(sa.article);
      a.erase("comment_count");  // not read for story lists
      json also = json::array();
      for (const Source& s : sa.also_published_by) also.push_back(SourceToJson(s));
      a["also_published_by"] = std::move(also);
      articles.push_back(std::move(a));
    }
    sources.push_back(json{{"source", SourceToJson(group.source)}, {"articles", std::move(articles)}});
  }
  j["sources"] = std::move(sources);
  json coverage = json::array();
  for (const store::DayCoverage& c : story.coverage) {
    coverage.push_back(json{{"day", FormatIso8601(c.day).substr(0, 10)}, {"articles", c.articles}});
  }
  j["coverage"] = std::move(coverage);
  return JsonResponse(200, j);
}

void AddStoryFields(store::StoreReader& store, int64_t article_id, json& j) {
  auto story = store.StoryOf(article_id);
  j["story"] = story && *story ? json(**story) : json(nullptr);
  json related = json::array();
  if (auto r = store.RelatedArticles(article_id, kRelatedCoverage)) {
    for (const store::RelatedArticle& a : *r) {
      json item = SummaryToJson(a.article);
      item.erase("comment_count");
      item["story"] = a.story_id;
      item["same_story"] = a.same_story;
      related.push_back(std::move(item));
    }
  }
  j["related_coverage"] = std::move(related);
  json also = json::array();
  if (auto a = store.AlsoPublishedBy(article_id)) {
    for (const store::ArticleSummary& s : *a) {
      also.push_back(json{{"id", s.id}, {"url", s.url}, {"source", SourceToJson(s.source)}});
    }
  }
  j["also_published_by"] = std::move(also);
}

}  // namespace wiredesk::serve::api
