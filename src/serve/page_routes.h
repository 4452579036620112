// The HTML pages: front page, article page, search, errors, and the stylesheet. Rendered from
// the embedded mustache templates (pages/*.mustache), which escape every value they insert.
#pragma once

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"
#include "serve/accounts/viewer.h"
#include "serve/http_message.h"
#include "store/store.h"

namespace wiredesk::serve {

struct PageData;  // page_data.h

inline constexpr int kFrontPageSize = 20;
inline constexpr int kSearchPageSize = 10;
inline constexpr int kMaxPageNumber = 10000;

class Pages {
 public:
  Pages(store::StoreReader& store, const Clock& clock);
  ~Pages();
  Pages(const Pages&) = delete;
  Pages& operator=(const Pages&) = delete;

  Response Front(const QueryParams& params);
  Response Article(int64_t id);
  Response Search(const QueryParams& params);
  // Every article with the tag, newest first: where a hashtag or an entity links.
  Response Tagged(std::string_view tag, const QueryParams& params);
  // The operator's subscriptions with each feed's state and last error.
  Response Subscriptions();
  Response Stylesheet() const;
  // Who the next pages are made for (the Router sets it for each request; nullptr:
  // anonymous). The masthead and the article's comment section depend on it.
  void SetViewer(const Viewer* viewer);
  // The page pages/<content>.mustache with string values (an empty one tests false), never
  // cached: the account forms, which carry a CSRF token.
  Response Form(int status, std::string_view content, std::string_view title,
                const std::vector<std::pair<std::string, std::string>>& values);
  Response Error(int status, std::string_view message);

  // For the route files beside this one (story_routes.cc): pages/<content>.mustache in the
  // layout with `data` (page_data.h), cached like the other pages; the store and clock.
  Response Render(int status, std::string_view content, std::string_view title,
                  const PageData& data);
  store::StoreReader& store();
  const Clock& clock() const;

  // "/static/site.css?v=HASH": the versioned address pages link to, so it can be cached forever.
  const std::string& StylesheetHref() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// http(s) URLs only; anything else (javascript:, data:, relative) yields "" and no link.
std::string SafeHref(std::string_view url);

}  // namespace wiredesk::serve
