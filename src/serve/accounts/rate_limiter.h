// Counts recent events per key ("login failures for this account", "sign-ups from this
// address") in memory, to refuse the next one past a limit. A restart forgets the counts; the
// limits slow guessing down, they are not an audit log.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.h"

namespace wiredesk::serve {

class RateLimiter {
 public:
  // At most `limit` events per key within `window`.
  RateLimiter(size_t limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // Whether another event for `key` would still be within the limit at `now`.
  bool Allows(std::string_view key, Instant now);
  void Record(std::string_view key, Instant now);
  // Forgets the key (a successful sign-in clears the account's failures).
  void Clear(std::string_view key) { events_.erase(std::string(key)); }
  // How long until `key` is allowed again; zero when it is.
  std::chrono::seconds RetryAfter(std::string_view key, Instant now);

 private:
  void Prune(std::deque<Instant>& q, Instant now) const;
  void PruneAll(Instant now);

  size_t limit_;
  std::chrono::seconds window_;
  std::unordered_map<std::string, std::deque<Instant>> events_;
  size_t records_since_prune_ = 0;
};

}  // namespace wiredesk::serve
