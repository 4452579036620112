// The HTML pages: front page, article page, search, errors, and the stylesheet. Rendered from
// the embedded mustache templates (pages/*.mustache), which escape every value they insert.
#pragma once

#include <memory>
#include <string_view>

#include "core/time.h"
#include "serve/http_message.h"
#include "store/store.h"

namespace wiredesk::serve {

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
  Response Stylesheet() const;
  Response Error(int status, std::string_view message);

  // "/static/site.css?v=HASH": the versioned address pages link to, so it can be cached forever.
  const std::string& StylesheetHref() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// http(s) URLs only; anything else (javascript:, data:, relative) yields "" and no link.
std::string SafeHref(std::string_view url);

}  // namespace wiredesk::serve
