// Maps a Request to a Response: every route of the site and the API, with no sockets involved.
#pragma once

#include <memory>

#include "core/time.h"
#include "serve/accounts/account_routes.h"
#include "serve/accounts/viewer.h"
#include "serve/feeds_out/feed_routes.h"
#include "serve/http_message.h"
#include "serve/page_routes.h"
#include "serve/reader/reader_routes.h"
#include "store/store.h"

namespace wiredesk::serve {

class Router {
 public:
  // `writer`, when given, is the same store as `store`, writable: accounts and comments work.
  // `base_url` (feeds_out::NormaliseBaseUrl's form, or empty: from each request's Host)
  // makes the feeds' absolute URLs.
  Router(store::StoreReader& store, const Clock& clock, store::Store* writer = nullptr,
         AccountOptions accounts = {}, std::string base_url = {});

  // The full response to `req`: never throws, never fails; a 200 carries an ETag. Conditional
  // requests (If-None-Match) are answered by Site, which sits in front with the page cache.
  // Not thread-safe: the store behind it is one connection.
  Response Handle(const Request& req);

 private:
  Response Route(const Request& req);

  store::StoreReader& store_;
  Pages pages_;
  AccountRoutes accounts_;  // accounts/: sign-in, comments, the comment API
  feeds_out::FeedRoutes feeds_;  // feeds_out/: RSS and JSON Feed
  ReaderRoutes reader_;     // reader/: reader apps' APIs, saved articles, OPML export
};

// "123" -> 123; nullopt for anything but 1..18 ASCII digits.
std::optional<int64_t> ParseId(std::string_view s);

}  // namespace wiredesk::serve
