#include "serve/site.h"

#include <cstdio>

#include "serve/accounts/account_routes.h"

namespace wiredesk::serve {

Site::Site(store::StoreReader& store, const Clock& clock, SiteOptions options)
    : store_(store),
      options_(std::move(options)),
      router_(store, clock, options_.writer, options_.accounts, options_.base_url),
      cache_(options_.cache_max_bytes, options_.cache_ttl) {}

void Site::PollGeneration(std::chrono::steady_clock::time_point now) {
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  int64_t due = next_poll_ns_.load(std::memory_order_relaxed);
  if (now_ns < due) return;
  const bool pushed = options_.generation_pushed && options_.generation_pushed();
  const int64_t next = now_ns + std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    pushed ? options_.generation_poll_pushed
                                           : options_.generation_poll)
                                    .count();
  // One thread polls; the others keep serving from the cache meanwhile.
  if (!next_poll_ns_.compare_exchange_strong(due, next)) return;
  std::lock_guard lock(store_mu_);
  auto gen = store_.Generation();
  if (!gen) {
    std::fprintf(stderr, "wiredesk serve: %s\n", gen.error().ToString().c_str());
    cache_.Clear();  // cannot tell what changed: trust nothing cached
    return;
  }
  cache_.NoteGeneration(*gen);
}

std::shared_ptr<const WireResponse> Site::Respond(const Request& req) {
  const bool get_or_head = req.method == "GET" || req.method == "HEAD";
  // A signed-in reader's pages are theirs alone: never served from the shared cache, never
  // put in it. Anonymous GETs (the article page most of all) stay on the fast path.
  const bool shared = get_or_head && !HasSessionCookie(req);
  const auto now = options_.now();
  if (get_or_head) PollGeneration(now);
  if (shared) {
    if (auto hit = cache_.Find(req.target, now)) return Conditional(req, std::move(hit));
  }
  std::shared_ptr<WireResponse> full;
  bool cacheable = false;
  int64_t generation = 0;
  {
    std::lock_guard lock(store_mu_);
    generation = cache_.generation();
    Response r = router_.Handle(req);
    cacheable = shared && r.cacheable && r.status == 200;
    full = std::make_shared<WireResponse>(Serialize(r));
  }
  if (cacheable) cache_.Insert(req.target, full, now, generation);
  return Conditional(req, std::move(full));
}

std::shared_ptr<const WireResponse> Site::Conditional(const Request& req,
                                                      std::shared_ptr<const WireResponse> full) {
  if (full->status != 200 || full->etag.empty()) return full;
  const std::optional<std::string_view> inm = req.Header("if-none-match");
  if (!inm || !EtagMatches(*inm, full->etag)) return full;
  // RFC 9110 §15.4.5: a 304 repeats the ETag and Cache-Control the 200 would have sent.
  Response r;
  r.status = 304;
  r.content_type.clear();
  r.headers.emplace_back("ETag", full->etag);
  if (!full->cache_control.empty()) r.headers.emplace_back("Cache-Control", full->cache_control);
  return std::make_shared<WireResponse>(Serialize(r));
}

}  // namespace wiredesk::serve
