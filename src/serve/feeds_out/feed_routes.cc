#include "serve/feeds_out/feed_routes.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "core/text.h"
#include "core/url.h"
#include "serve/insights_view.h"
#include "serve/page_data.h"
#include "serve/router.h"
#include "store/result_macros.h"

namespace wiredesk::serve {

kainjow::mustache::data FeedAlternates(std::string_view title, std::string_view stem,
                                       std::string_view query) {
  kainjow::mustache::data links{kainjow::mustache::data::type::list};
  for (const auto& [ext, type, kind] :
       {std::tuple{".xml", "application/rss+xml", " (RSS)"},
        std::tuple{".json", "application/feed+json", " (JSON Feed)"}}) {
    kainjow::mustache::data link;
    link.set("alt_type", type);
    link.set("alt_title", std::string(title) + kind);
    link.set("alt_href", std::string(stem) + ext + std::string(query));
    links.push_back(link);
  }
  return links;
}

}  // namespace wiredesk::serve

namespace wiredesk::serve::feeds_out {

namespace {

constexpr std::string_view kFeedStem = "/feed";
constexpr std::string_view kTagsPrefix = "/tags/";
constexpr std::string_view kStoriesPrefix = "/stories/";
constexpr size_t kMaxHostBytes = 255;
constexpr size_t kMaxQueryBytes = 512;  // as the search and tag pages

// The feed format named by the path's end ("/feed.xml", "/feed.json"), and the path before.
std::optional<std::pair<OutFormat, std::string_view>> SplitFeedPath(std::string_view path) {
  for (const auto& [suffix, format] : {std::pair{std::string_view("/feed.xml"), OutFormat::kRss},
                                       std::pair{std::string_view("/feed.json"), OutFormat::kJsonFeed}}) {
    if (EndsWith(path, suffix)) return std::pair{format, path.substr(0, path.size() - suffix.size())};
  }
  return std::nullopt;
}

std::string_view Extension(OutFormat format) { return format == OutFormat::kRss ? ".xml" : ".json"; }

// A Host field is used only when it is a plain host[:port]: letters, digits, '.', '-', ':'
// and IPv6 brackets. Anything else (spaces, quotes, '/', '@', markup) is refused, so it can
// never break out of a URL in the feed.
bool PlainHost(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostBytes) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == ':' || c == '[' || c == ']';
  });
}

}  // namespace

Result<std::string> NormaliseBaseUrl(std::string_view url) {
  const std::string_view trimmed = Trim(url);
  const std::optional<Url> u = ParseUrl(trimmed);
  if (!u || (u->scheme != "http" && u->scheme != "https") || u->host.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the base URL must be an http(s) URL with a host",
                std::string(trimmed));
  }
  if (!u->query.empty() || !u->fragment.empty() || trimmed.find_first_of("?#") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the base URL must have no query or fragment",
                std::string(trimmed));
  }
  std::string out = u->ToString();
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

Result<std::vector<OutItem>> ItemsOf(store::StoreReader& store, std::string_view base_url,
                                     std::span<const store::ArticleSummary> articles) {
  std::vector<OutItem> items;
  const size_t n = std::min(articles.size(), static_cast<size_t>(kFeedItems));
  items.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const store::ArticleSummary& a = articles[i];
    OutItem item;
    item.id = "wiredesk:article:" + std::to_string(a.id);
    item.url = std::string(base_url) + "/articles/" + std::to_string(a.id);
    item.external_url = SafeHref(a.url);
    item.title = a.title.empty() ? "Untitled" : a.title;
    item.summary = a.dek;
    item.author = a.byline;
    item.source = a.source.name;
    item.published = a.published.value_or(a.captured);
    item.updated = std::max(a.updated_at, item.published);
    WD_ASSIGN_OR_RETURN(const std::vector<Tag> tags, store.TagsOf(a.id));
    for (const Tag& t : tags) item.tags.push_back(t.name);
    // A store without insights (kUnsupported) still makes a feed, without key points.
    auto insights = store.InsightsOf(a.id);
    if (insights && *insights) {
      item.key_points = (*insights)->key_points;
    } else if (!insights && insights.error().code != ErrorCode::kUnsupported) {
      return Fail(insights.error());
    }
    items.push_back(std::move(item));
  }
  return items;
}

Response FeedRoutes::FeedOfArticles(const Request& req, OutFormat format, const FeedPlace& place,
                                    std::span<const store::ArticleSummary> articles) {
  std::string base = base_url_;
  const bool from_host = base.empty();
  if (from_host) {
    const std::string_view host = Trim(req.Header("host").value_or(""));
    if (!PlainHost(host)) {
      return pages_.Error(400, "A feed needs the site's address: the request's Host is missing or "
                               "malformed (the operator can set --base-url).");
    }
    base = "http://" + std::string(host);
  }
  auto items = ItemsOf(pages_.store(), base, articles);
  if (!items) {
    std::fprintf(stderr, "wiredesk serve: %s\n", items.error().ToString().c_str());
    return pages_.Error(500, "The news store could not be read. Try again in a moment.");
  }
  const OutChannel channel{place.title + " · wiredesk", place.description, base + place.home_path,
                           base + place.self_path};
  Response r;
  r.content_type = format == OutFormat::kRss ? "application/rss+xml; charset=utf-8"
                                             : "application/feed+json; charset=utf-8";
  r.body = WriteFeed(format, channel, *items);
  Instant newest{};
  for (const OutItem& i : *items) newest = std::max({newest, i.updated, i.published});
  if (!items->empty()) r.headers.emplace_back("Last-Modified", FormatHttpDate(newest));
  // A feed built from the Host field is right only for whoever sent it: never shared.
  r.cacheable = !from_host;
  r.headers.emplace_back("Cache-Control", from_host ? "private, no-cache" : "no-cache");
  return r;
}

std::optional<Response> FeedRoutes::Route(const Request& req, std::string_view path,
                                          const QueryParams& params) {
  const auto split = SplitFeedPath(path);
  if (!split) return std::nullopt;
  const auto [format, place_path] = *split;
  const std::string ext(Extension(format));
  store::StoreReader& store = pages_.store();

  if (place_path.empty()) {
    auto latest = store.LatestArticles(kFeedItems, 0);
    if (!latest) return pages_.Error(500, "The news store could not be read. Try again in a moment.");
    return FeedOfArticles(req, format,
                          FeedPlace{"Latest news", "The newest articles on this wiredesk.", "/",
                                    std::string(kFeedStem) + ext},
                          latest->articles);
  }
  if (place_path == "/search") {
    const std::string q = CollapseWhitespace(params.Get("q").value_or(""));
    if (q.size() > kMaxQueryBytes) return pages_.Error(400, "The search is too long; use fewer words.");
    std::vector<store::ArticleSummary> found;
    if (!q.empty()) {
      auto results = store.Search(store::SearchQuery{q, kFeedItems, 0});
      if (!results) return pages_.Error(500, "The news store could not be read. Try again in a moment.");
      for (store::SearchHit& h : results->hits) found.push_back(std::move(h.article));
    }
    const std::string encoded = PercentEncode(q);
    return FeedOfArticles(req, format,
                          FeedPlace{q.empty() ? "Search" : "Search: " + q,
                                    q.empty() ? "A search with no words finds nothing."
                                              : "The best matches for “" + q + "”.",
                                    "/search?q=" + encoded, "/search/feed" + ext + "?q=" + encoded},
                          found);
  }
  if (StartsWith(place_path, kTagsPrefix)) {
    const std::string tag =
        CollapseWhitespace(RepairUtf8(PercentDecode(place_path.substr(kTagsPrefix.size()), false)));
    if (tag.empty()) return pages_.Error(404, "A tag feed needs a tag, like /tags/Lisbon/feed.xml.");
    if (tag.size() > kMaxQueryBytes) return pages_.Error(400, "That tag is too long.");
    auto tagged = store.ArticlesTagged(tag, kFeedItems, 0);
    if (!tagged) return pages_.Error(500, "The news store could not be read. Try again in a moment.");
    if (tagged->total == 0) return pages_.Error(404, "No article carries that tag.");
    return FeedOfArticles(req, format,
                          FeedPlace{"#" + tag, "The newest articles tagged #" + tag + ".",
                                    TagHref(tag), TagHref(tag) + "/feed" + ext},
                          tagged->articles);
  }
  if (StartsWith(place_path, kStoriesPrefix)) {
    const std::optional<int64_t> id = ParseId(place_path.substr(kStoriesPrefix.size()));
    if (!id) return pages_.Error(400, "A story feed's address has the story's number, like /stories/7/feed.xml.");
    auto story = store.FindStory(*id);
    if (!story && story.error().code == ErrorCode::kUnsupported) {
      return pages_.Error(404, "There is nothing at this address.");
    }
    if (!story) return pages_.Error(500, "The news store could not be read. Try again in a moment.");
    if (!*story) return pages_.Error(404, "There is no such story.");
    std::vector<store::ArticleSummary> articles;
    for (const store::SourceCoverage& s : (*story)->by_source) {
      for (const store::StoryArticle& a : s.articles) articles.push_back(a.article);
    }
    std::stable_sort(articles.begin(), articles.end(), [](const auto& x, const auto& y) {
      const Instant tx = x.published.value_or(x.captured), ty = y.published.value_or(y.captured);
      return tx != ty ? tx > ty : x.id > y.id;
    });
    const std::string home = std::string(kStoriesPrefix) + std::to_string(*id);
    return FeedOfArticles(req, format,
                          FeedPlace{(*story)->summary.headline,
                                    "Every publisher's coverage of this story, newest first.", home,
                                    home + "/feed" + ext},
                          articles);
  }
  return std::nullopt;
}

}  // namespace wiredesk::serve::feeds_out
