// The feed addresses: RSS (feed.xml) and JSON Feed (feed.json) of the newest articles, a tag,
// a story and a search, and FeedOfArticles for any other list of articles (a reader's saved
// ones). Feeds need absolute URLs: they come from the operator's --base-url, else from the
// request's Host field (checked, and then the feed is never put in the shared page cache).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "serve/feeds_out/feed_writer.h"
#include "serve/http_message.h"
#include "serve/page_routes.h"
#include "store/store.h"

namespace wiredesk::serve::feeds_out {

// Items in a feed: the newest this many of its list.
inline constexpr int kFeedItems = 30;

// "https://news.example.org/" -> "https://news.example.org": an http(s) URL with a host and
// no query or fragment; kInvalidArgument otherwise (for `wiredesk serve --base-url`).
Result<std::string> NormaliseBaseUrl(std::string_view url);

// What a feed is about, site-relative: "/tags/Lisbon" and "/tags/Lisbon/feed.xml".
struct FeedPlace {
  std::string title;
  std::string description;
  std::string home_path;
  std::string self_path;
};

class FeedRoutes {
 public:
  // `base_url`: NormaliseBaseUrl's output, or empty to take the Host field.
  FeedRoutes(Pages& pages, std::string base_url) : pages_(pages), base_url_(std::move(base_url)) {}

  // /feed.{xml,json}, /tags/{name}/feed.*, /stories/{id}/feed.*, /search/feed.*?q=;
  // nullopt for any other path.
  std::optional<Response> Route(const Request& req, std::string_view path, const QueryParams& params);

  // A feed of `articles` (newest first; the first kFeedItems are used), each with its
  // hashtags and key points from the store. Cacheable unless the base URL came from Host.
  Response FeedOfArticles(const Request& req, OutFormat format, const FeedPlace& place,
                          std::span<const store::ArticleSummary> articles);

 private:
  Pages& pages_;
  std::string base_url_;
};

// An article list as feed items: links to this site's article page (base_url + /articles/ID),
// the publisher's page as external_url, the store's tags and key points.
Result<std::vector<OutItem>> ItemsOf(store::StoreReader& store, std::string_view base_url,
                                     std::span<const store::ArticleSummary> articles);

}  // namespace wiredesk::serve::feeds_out
