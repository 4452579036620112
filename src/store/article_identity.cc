// Identity keys and content hashes shared by the store backends.
#include "store/article_identity.h"

#include <xxhash.h>

#include <cstdio>

#include "core/text.h"

namespace wiredesk::store {

Result<std::string> IdentityKey(const Article& article) {
  const std::string& url = article.IdentityUrl();
  if (!Trim(url).empty()) return std::string(Trim(url));
  const std::string source = AsciiLower(CollapseWhitespace(article.source.name));
  const std::string title = AsciiLower(CollapseWhitespace(article.title));
  if (source.empty() || title.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "article has no URL, and no source name and title to identify it by");
  }
  return "wiredesk:untitled-url:" + source + ":" + title;
}

std::string ContentHash(const nlohmann::json& article_json) {
  nlohmann::json j = article_json;
  j.erase("captured");
  // replace, not throw: a stray invalid byte must not turn into an exception here. Object keys
  // are sorted (std::map), so the dump is deterministic.
  const std::string bytes = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const XXH64_hash_t h = XXH3_64bits(bytes.data(), bytes.size());
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace wiredesk::store
