// Story pages: the front page as a list of stories, /stories/{id}, and the article page's
// related coverage. They only read what the story desk stored; serving never clusters.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <kainjow/mustache.hpp>

#include "core/time.h"
#include "serve/http_message.h"
#include "serve/page_routes.h"
#include "store/store.h"

namespace wiredesk::serve {

inline constexpr int kStoriesPageSize = 20;
inline constexpr int kRelatedCoverage = 8;

class StoryPages {
 public:
  explicit StoryPages(Pages& pages) : pages_(pages) {}

  // The stories, largest and newest first. A store without stories (another backend, or one
  // not clustered yet) gets the latest articles instead.
  Response Front(const QueryParams& params);
  Response Story(int64_t id);

 private:
  Pages& pages_;
};

// /stories/{id}, /api/v1/stories and /api/v1/stories/{id}; nullopt for any other path.
std::optional<Response> RouteStories(std::string_view path, const QueryParams& params,
                                     Pages& pages);

// Adds "Related coverage" (rc_*) and "Also published by" (ap_*) to the article page's data;
// both are left out when the store has no stories.
void AddStoryCoverage(store::StoreReader& store, Instant now, int64_t article_id,
                      kainjow::mustache::data& d);

}  // namespace wiredesk::serve
