// OpenStore: picks the backend a store spec names.
#include "store/store.h"

#include <string>

#include "store/postgres/generation_listener.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace wiredesk::store {

namespace {

// "scheme://..." with an RFC 3986 scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )). A bare
// "name:rest" is not taken for a URL: it may be a file name with a colon in it.
std::string_view UrlScheme(std::string_view spec) {
  const size_t colon = spec.find("://");
  if (colon == std::string_view::npos || colon == 0) return {};
  for (size_t i = 0; i < colon; ++i) {
    const char c = spec[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!(alpha || (i > 0 && other))) return {};
  }
  return spec.substr(0, colon);
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(std::string_view spec, const StoreOptions& options) {
  if (spec.starts_with("sqlite:")) spec.remove_prefix(std::string_view("sqlite:").size());
  const std::string_view scheme = UrlScheme(spec);
  if (scheme == "postgresql" || scheme == "postgres") {
    return postgres::OpenPostgresStore(std::string(spec), options);
  }
  if (!scheme.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown store '" + std::string(scheme) +
                    "://'; use a file path, sqlite:FILE or postgresql://...",
                std::string(spec));
  }
  if (spec.empty()) return Fail(ErrorCode::kInvalidArgument, "the store spec names no file");
  return sqlite::OpenSqliteStore(std::string(spec), options);
}

Result<std::unique_ptr<GenerationWatch>> WatchGeneration(std::string_view spec,
                                                         std::function<void(int64_t)> on_change) {
  const std::string_view scheme = UrlScheme(spec);
  if (scheme == "postgresql" || scheme == "postgres") {
    return std::unique_ptr<GenerationWatch>(
        std::make_unique<postgres::GenerationListener>(std::string(spec), std::move(on_change)));
  }
  return Fail(ErrorCode::kUnsupported, "this store cannot announce its writes",
              std::string(spec));
}

}  // namespace wiredesk::store
