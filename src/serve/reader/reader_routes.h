// A reader's own feeds over HTTP: the APIs feed-reader apps speak (the Google Reader API at
// /accounts/ClientLogin and /reader/api/0/..., the Fever API at /fever/), and the signed-in
// reader's pages (Save on the article page, /saved, /account/subscriptions.opml,
// /account/app-password, and /saved/feed.xml|.json for a feed reader signing in with HTTP
// Basic and the app password). The apps sign in with an app password (app_password.h), never the
// account password, and never with a cookie, so their POSTs need no CSRF token.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "serve/accounts/rate_limiter.h"
#include "serve/accounts/viewer.h"
#include "serve/feeds_out/feed_routes.h"
#include "serve/http_message.h"
#include "serve/page_routes.h"
#include "serve/reader/reader_items.h"
#include "store/store.h"

namespace wiredesk::serve {

struct PageData;

class ReaderRoutes {
 public:
  // `writer` is the store when it can be written; nullptr for a read-only site, where these
  // routes say so.
  // `feeds` writes the saved articles' feed (/saved/feed.xml and .json).
  ReaderRoutes(store::Store* writer, const Clock& clock, Pages& pages, AccountOptions options,
               feeds_out::FeedRoutes& feeds);

  // The response when `req` is for one of these routes; nullopt for any other path. Not
  // thread-safe (the Router's caller serialises requests).
  std::optional<Response> Route(const Request& req, const Viewer& viewer);

 private:
  // An app password's sign-in, under the same limits as the site's sign-in form.
  struct AppLogin {
    std::optional<User> user;            // set when the name and password are right
    std::string key;                     // the Fever key, for the Google Reader Auth token
    std::chrono::seconds retry_after{};  // > 0: too many attempts, refused unchecked
    std::optional<Error> error;          // the store did not answer
  };
  AppLogin LogInWithAppPassword(const Request& req, std::string_view name,
                                std::string_view password);
  // google_reader.cc
  Response ClientLogin(const Request& req);
  Response GoogleReader(const Request& req, std::string_view rest);
  std::optional<User> GoogleReaderUser(const Request& req, std::string* key);
  // fever.cc
  Response Fever(const Request& req);
  // reader_routes.cc
  Response SaveForm(const Request& req, const Viewer& viewer, int64_t article_id);
  Response SavedPage(const Request& req, const Viewer& viewer);
  Response NewAppPasswordPage(const Request& req, const Viewer& viewer);
  Response SavedFeed(const Request& req, const Viewer& viewer, feeds_out::OutFormat format);

  store::Store* writer_;
  const Clock& clock_;
  Pages& pages_;
  feeds_out::FeedRoutes& feeds_;
  AccountOptions options_;
  RateLimiter logins_by_account_;
  RateLimiter logins_by_address_;
};

// The reader's subscriptions as OPML 2.0 (folders as outlines): /account/subscriptions.opml
// and the Google Reader API's subscription/export.
Response SubscriptionsOpml(store::Store& store, const User& user);

// Adds the article page's Save/Unsave form for a signed-in reader (can_save, saved, save_id);
// nothing for anyone else, or when the store keeps no reader state.
void AddSaveForm(PageData& page, store::StoreReader& store, int64_t article_id,
                 const Viewer* viewer);

}  // namespace wiredesk::serve
