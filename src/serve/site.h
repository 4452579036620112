// The site as the server sees it: the Router behind the page cache, with conditional GET.
// Thread-safe; socket-free, so tests drive it directly.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

#include "core/time.h"
#include "serve/accounts/viewer.h"
#include "serve/http_message.h"
#include "serve/page_cache.h"
#include "serve/router.h"
#include "store/store.h"

namespace wiredesk::serve {

struct SiteOptions {
  size_t cache_max_bytes = 64 << 20;
  std::chrono::seconds cache_ttl{60};
  // How often the store's Generation() is asked whether anything changed; never per request.
  std::chrono::milliseconds generation_poll{250};
  // Whether the store is pushing its generation now (NoteGeneration, from a
  // store::GenerationWatch); while it does, the poll is only a safety net, every
  // generation_poll_pushed. Empty: never pushed.
  std::function<bool()> generation_pushed;
  std::chrono::milliseconds generation_poll_pushed{5000};
  // Monotonic time for the cache; tests replace it.
  std::function<std::chrono::steady_clock::time_point()> now = std::chrono::steady_clock::now;
  // The same store, writable, for accounts and comments; nullptr: a read-only site.
  store::Store* writer = nullptr;
  AccountOptions accounts;
  // The site's public address for the feeds' absolute URLs ("https://news.example.org");
  // empty: each request's Host field, and then feeds are not cached (see feeds_out/).
  std::string base_url;
};

class Site {
 public:
  Site(store::StoreReader& store, const Clock& clock, SiteOptions options = {});

  // What to send for `req`: from the cache when it can be, else rendered (and cached when the
  // route allows); a 304 when If-None-Match names the current ETag.
  std::shared_ptr<const WireResponse> Respond(const Request& req);

  PageCache& cache() { return cache_; }
  // The store's generation as a push announced it (any thread): a change empties the cache.
  void NoteGeneration(int64_t generation) { cache_.NoteGeneration(generation); }

 private:
  void PollGeneration(std::chrono::steady_clock::time_point now);
  std::shared_ptr<const WireResponse> Conditional(const Request& req,
                                                  std::shared_ptr<const WireResponse> full);

  store::StoreReader& store_;
  SiteOptions options_;
  std::mutex store_mu_;  // the Router and the store behind it serve one request at a time
  Router router_;
  PageCache cache_;
  std::atomic<int64_t> next_poll_ns_{0};  // steady-clock nanoseconds of the next poll
};

}  // namespace wiredesk::serve
