#include "serve/router.h"

#include <cstdio>
#include <exception>

#include "core/text.h"
#include "serve/api/api_routes.h"
#include "serve/story_routes.h"

namespace wiredesk::serve {

namespace {

constexpr std::string_view kApiPrefix = "/api/";
constexpr std::string_view kArticlesPrefix = "/articles/";
constexpr std::string_view kTagsPrefix = "/tags/";
constexpr std::string_view kApiArticles = "/api/v1/articles";

bool IsApi(std::string_view path) { return StartsWith(path, kApiPrefix) || path == "/healthz"; }

}  // namespace

std::optional<int64_t> ParseId(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

Router::Router(store::StoreReader& store, const Clock& clock, store::Store* writer,
               AccountOptions accounts, std::string base_url)
    : store_(store),
      pages_(store, clock),
      accounts_(store, writer, clock, pages_, accounts),
      feeds_(pages_, std::move(base_url)),
      reader_(writer, clock, pages_, accounts, feeds_) {}

Response Router::Handle(const Request& req) {
  Response r;
  // Pages made for a signed-in reader carry their name and CSRF token: private, never shared.
  const Viewer viewer = accounts_.ViewerOf(req);
  pages_.SetViewer(viewer.signed_in() ? &viewer : nullptr);
  try {
    std::optional<Response> own = reader_.Route(req, viewer);
    if (!own) own = accounts_.Route(req, viewer);
    r = own ? std::move(*own) : Route(req);
  } catch (const std::exception& e) {
    // Libraries (json, mustache) may throw; a request must never take the server down.
    std::fprintf(stderr, "wiredesk serve: %s %s: %s\n", req.method.c_str(), req.target.c_str(), e.what());
    r = IsApi(req.Path()) ? api::JsonError(500, "internal error")
                          : pages_.Error(500, "The page could not be made. Try again in a moment.");
  }
  pages_.SetViewer(nullptr);
  if (viewer.signed_in()) {
    r.cacheable = false;
    for (auto& [name, value] : r.headers) {
      if (name == "Cache-Control" && value == "no-cache") value = "private, no-cache";
    }
  }
  if (r.status == 200) r.headers.emplace_back("ETag", MakeEtag(r.body));
  return r;
}

Response Router::Route(const Request& req) {
  const std::string_view path = req.Path();
  const bool api = IsApi(path);
  // RFC 9112 §3.2: origin-form only; absolute-form is for proxies and "*" for OPTIONS.
  if (path.empty() || path.front() != '/') {
    return api ? api::JsonError(400, "bad request target") : pages_.Error(400, "The address is malformed.");
  }
  if (req.method != "GET" && req.method != "HEAD") {
    Response r = api ? api::JsonError(405, "only GET and HEAD are supported")
                     : pages_.Error(405, "This site is read-only: only GET and HEAD are supported.");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  const QueryParams params(req.RawQuery());

  if (path == "/") return StoryPages(pages_).Front(params);
  if (std::optional<Response> feed = feeds_.Route(req, path, params)) return std::move(*feed);
  if (StartsWith(path, kArticlesPrefix)) {
    const std::optional<int64_t> id = ParseId(path.substr(kArticlesPrefix.size()));
    if (!id) return pages_.Error(400, "An article address ends in its number, like /articles/42.");
    return pages_.Article(*id);
  }
  if (path == "/search") return pages_.Search(params);
  if (path == "/subscriptions") return pages_.Subscriptions();
  if (StartsWith(path, kTagsPrefix)) {
    return pages_.Tagged(PercentDecode(path.substr(kTagsPrefix.size()), false), params);
  }
  if (path == "/static/site.css") return pages_.Stylesheet();
  if (path == "/healthz") return api::Health(store_);
  if (path == kApiArticles) return api::ListArticles(store_, params);
  if (StartsWith(path, kApiArticles) && path.size() > kApiArticles.size() &&
      path[kApiArticles.size()] == '/') {
    const std::optional<int64_t> id = ParseId(path.substr(kApiArticles.size() + 1));
    if (!id) return api::JsonError(400, "article id must be a positive whole number");
    return api::GetArticle(store_, *id);
  }
  if (std::optional<Response> r = RouteStories(path, params, pages_)) return std::move(*r);
  if (api) return api::JsonError(404, "no such endpoint");
  return pages_.Error(404, "There is nothing at this address.");
}

}  // namespace wiredesk::serve
