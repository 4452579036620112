#include "serve/api/api_routes.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/article_json.h"
#include "core/text.h"
#include "serve/api/story_api.h"

namespace wiredesk::serve::api {

using nlohmann::json;

namespace {

constexpr size_t kMaxQueryBytes = 512;
constexpr int64_t kMaxOffset = 1'000'000;

}  // namespace

// Shared with story_api.cc (declared in api_routes.h).
Response StoreFailure(const Error& e) {
  std::fprintf(stderr, "wiredesk serve: %s\n", e.ToString().c_str());
  return JsonError(500, "the store could not be read");
}

// A whole number in [lo, hi] when present; `fallback` when absent; nullopt when malformed.
std::optional<int64_t> IntParam(const QueryParams& params, std::string_view name, int64_t fallback) {
  const std::optional<std::string> raw = params.Get(name);
  if (!raw) return fallback;
  int64_t v = 0;
  const char* end = raw->data() + raw->size();
  auto [p, ec] = std::from_chars(raw->data(), end, v);
  if (raw->empty() || ec != std::errc() || p != end) return std::nullopt;
  return v;
}

json SummaryToJson(const store::ArticleSummary& a) {
  return json{{"id", a.id},
              {"url", a.url},
              {"title", a.title},
              {"dek", a.dek},
              {"byline", a.byline},
              {"source", {{"name", a.source.name}, {"url", a.source.url}}},
              {"published", OptionalInstantToJson(a.published)},
              {"captured", FormatIso8601(a.captured)},
              {"language", a.language},
              {"comment_count", a.comment_count}};
}

namespace {

std::string SnippetText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != store::kMarkOpen && c != store::kMarkClose) out.push_back(c);
  }
  return out;
}

std::string SnippetHtml(std::string_view s) {
  std::string out;
  bool open = false;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != store::kMarkOpen && s[i] != store::kMarkClose) continue;
    AppendHtmlEscaped(out, s.substr(start, i - start));
    start = i + 1;
    if (i == s.size()) break;
    if (s[i] == store::kMarkOpen && !open) {
      out += "<mark>";
      open = true;
    } else if (s[i] == store::kMarkClose && open) {
      out += "</mark>";
      open = false;
    }
  }
  if (open) out += "</mark>";
  return out;
}

}  // namespace

Response JsonResponse(int status, const json& j) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  // Stored text is repaired UTF-8 already; replace rather than throw if anything slips by.
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers.emplace_back("Cache-Control", status == 200 ? "no-cache" : "no-store");
  r.cacheable = status == 200;
  return r;
}

Response JsonError(int status, std::string_view message) {
  return JsonResponse(status, json{{"error", std::string(message)}});
}

Response ListArticles(store::StoreReader& store, const QueryParams& params) {
  const std::optional<int64_t> limit = IntParam(params, "limit", kDefaultLimit);
  if (!limit) return JsonError(400, "limit must be a whole number");
  const std::optional<int64_t> offset = IntParam(params, "offset", 0);
  if (!offset || *offset < 0 || *offset > kMaxOffset) {
    return JsonError(400, "offset must be a whole number from 0 to 1000000");
  }
  const int lim = static_cast<int>(std::clamp<int64_t>(*limit, 1, kMaxLimit));
  const int off = static_cast<int>(*offset);
  const std::string q = CollapseWhitespace(params.Get("q").value_or(""));
  if (q.size() > kMaxQueryBytes) return JsonError(400, "q is too long");

  json articles = json::array();
  int64_t total = 0;
  bool estimated = false;
  if (q.empty()) {
    auto page = store.LatestArticles(lim, off);
    if (!page) return StoreFailure(page.error());
    total = page->total;
    for (const store::ArticleSummary& a : page->articles) articles.push_back(SummaryToJson(a));
  } else {
    auto results = store.Search(store::SearchQuery{q, lim, off});
    if (!results) return StoreFailure(results.error());
    total = results->total;
    estimated = results->total_estimated;
    for (const store::SearchHit& h : results->hits) {
      json j = SummaryToJson(h.article);
      j["snippet"] = SnippetText(h.snippet);
      j["snippet_html"] = SnippetHtml(h.snippet);
      j["score"] = h.score;
      articles.push_back(std::move(j));
    }
  }
  json body = {{"total", total}, {"limit", lim}, {"offset", off}, {"articles", std::move(articles)}};
  if (!q.empty()) body["q"] = q;
  if (estimated) body["total_estimated"] = true;
  return JsonResponse(200, body);
}

Response GetArticle(store::StoreReader& store, int64_t id) {
  auto found = store.FindArticle(id);
  if (!found) return StoreFailure(found.error());
  if (!*found) return JsonError(404, "no article with that id");
  auto tags = store.TagsOf(id);
  if (!tags) return StoreFailure(tags.error());
  auto comments = store.CommentsOf(id);
  if (!comments) return StoreFailure(comments.error());
  json j = ArticleToJson(**found);
  j["id"] = id;
  json tag_list = json::array();
  for (const Tag& t : *tags) tag_list.push_back({{"name", t.name}, {"kind", TagKindName(t.kind)}});
  j["tags"] = std::move(tag_list);
  // The AI features as stored at ingest; null when none were computed (or kept) yet.
  auto insights = store.InsightsOf(id);
  if (!insights && insights.error().code != ErrorCode::kUnsupported) {
    return StoreFailure(insights.error());
  }
  j["insights"] = insights && *insights ? InsightsToJson(**insights) : json(nullptr);
  AddStoryFields(store, id, j);
  int64_t visible = 0;
  for (const Comment& c : *comments) visible += c.hidden || c.deleted ? 0 : 1;
  j["comments"] = visible;
  return JsonResponse(200, j);
}

Response Health(store::StoreReader& store) {
  auto count = store.CountArticles();
  if (!count) {
    std::fprintf(stderr, "wiredesk serve: %s\n", count.error().ToString().c_str());
    Response r = JsonResponse(503, json{{"status", "error"}, {"error", "the store could not be read"}});
    return r;
  }
  Response r = JsonResponse(200, json{{"status", "ok"}, {"articles", *count}});
  r.headers = {{"Cache-Control", "no-store"}};
  r.cacheable = false;
  return r;
}

}  // namespace wiredesk::serve::api
