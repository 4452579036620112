#include "serve/accounts/rate_limiter.h"

#include <vector>

namespace wiredesk::serve {

namespace {
// Every this many records, keys with no recent events are dropped, so a flood of distinct
// keys (addresses, guessed names) cannot grow the map without bound.
constexpr size_t kPruneEvery = 1024;
}  // namespace

void RateLimiter::Prune(std::deque<Instant>& q, Instant now) const {
  while (!q.empty() && q.front() + window_ <= now) q.pop_front();
}

void RateLimiter::PruneAll(Instant now) {
  std::vector<std::string> idle;
  for (auto& [key, q] : events_) {
    Prune(q, now);
    if (q.empty()) idle.push_back(key);
  }
  for (const std::string& key : idle) events_.erase(key);
}

bool RateLimiter::Allows(std::string_view key, Instant now) {
  auto it = events_.find(std::string(key));
  if (it == events_.end()) return true;
  Prune(it->second, now);
  return it->second.size() < limit_;
}

void RateLimiter::Record(std::string_view key, Instant now) {
  if (++records_since_prune_ >= kPruneEvery) {
    records_since_prune_ = 0;
    PruneAll(now);
  }
  std::deque<Instant>& q = events_[std::string(key)];
  Prune(q, now);
  q.push_back(now);
  // Never keep more than the limit needs.
  while (q.size() > limit_) q.pop_front();
}

std::chrono::seconds RateLimiter::RetryAfter(std::string_view key, Instant now) {
  auto it = events_.find(std::string(key));
  if (it == events_.end()) return std::chrono::seconds(0);
  Prune(it->second, now);
  if (it->second.size() < limit_) return std::chrono::seconds(0);
  return std::chrono::duration_cast<std::chrono::seconds>(it->second.front() + window_ - now);
}

}  // namespace wiredesk::serve
