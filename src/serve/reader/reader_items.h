// What the Google Reader and Fever APIs share: form fields that repeat (i=1&i=2), an article's
// body as HTML for apps, folder ids, and the numbers both APIs parse.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "serve/http_message.h"

namespace wiredesk::serve {

// The query string's fields followed by a form body's (application/x-www-form-urlencoded),
// every value of a repeated name kept in order. Apps send some fields in either place.
class FormFields {
 public:
  explicit FormFields(const Request& req);
  std::optional<std::string> Get(std::string_view name) const;  // the first value
  std::vector<std::string> All(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// A whole number 0..max (ASCII digits only, at most 18); nullopt otherwise.
std::optional<int64_t> ParseCount(std::string_view s, int64_t max);

// Google Reader item ids: "tag:google.com,2005:reader/item/<16 hex digits>" for an article id.
inline constexpr std::string_view kItemPrefix = "tag:google.com,2005:reader/item/";
std::string LongItemId(int64_t id);
// The long form (hex) or decimal, a positive id; nullopt for anything else.
std::optional<int64_t> ParseItemId(std::string_view s);
// Fever's "1,2,3" (empty parts skipped); nullopt when a part is not a whole number.
std::optional<std::vector<int64_t>> FeverIdList(std::string_view s);

// The article's body for an app: its blocks as plain HTML (paragraphs, headings, quotes,
// lists, captions), every value escaped, with the lead image when it has a safe URL.
std::string ArticleHtml(const Article& a);

// A folder's id for Fever's groups: a stable positive 31-bit hash of its name (folders are
// names, not rows).
int64_t FolderId(std::string_view folder);

// A JSON answer of the reader's own state: private, never stored in a cache.
Response PrivateJson(int status, const nlohmann::json& j);

// A plain-text response ("OK", "Unauthorized"), never cached.
Response TextResponse(int status, std::string_view body);

}  // namespace wiredesk::serve
