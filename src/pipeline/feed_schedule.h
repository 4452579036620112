// When to fetch a feed next, and how hard to lean on a host: per-host politeness, back-off for
// failing feeds, and a refresh interval that follows how often a feed publishes. Pure logic
// over times handed in, so tests drive it with a FakeClock.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace wiredesk::pipeline {

struct PolitenessOptions {
  int max_concurrent_per_host = 2;
  std::chrono::milliseconds min_delay{1000};  // between the starts of two requests to a host
};

// Per-host request slots. Thread-safe. Times are a monotonic clock's, as durations since any
// fixed epoch (steady_clock in production, plain numbers in tests).
class HostLimiter {
 public:
  using Time = std::chrono::milliseconds;

  explicit HostLimiter(PolitenessOptions options) : options_(options) {}

  // Takes a slot for `host` and returns nullopt, or returns how long to wait before asking
  // again (no slot taken): the host has max_concurrent_per_host requests running, or its last
  // request started less than min_delay ago.
  std::optional<Time> TryAcquire(std::string_view host, Time now);
  // Gives the slot back when the request ends.
  void Release(std::string_view host);

 private:
  struct HostState {
    int active = 0;
    std::optional<Time> last_start;
  };
  PolitenessOptions options_;
  std::mutex mu_;
  std::map<std::string, HostState, std::less<>> hosts_;
};

struct ScheduleOptions {
  std::chrono::seconds min_interval{std::chrono::minutes(15)};
  std::chrono::seconds max_interval{std::chrono::hours(24)};
  std::chrono::seconds default_interval{std::chrono::hours(1)};  // too few dated entries to tell
  std::chrono::seconds backoff_base{std::chrono::minutes(5)};
  std::chrono::seconds backoff_max{std::chrono::hours(24)};
};

// After `failures` consecutive failures (>= 1): backoff_base * 2^(failures-1), capped.
std::chrono::seconds BackoffDelay(int failures, const ScheduleOptions& options);

// The refresh interval for a feed whose entries were published at these times: half the
// mean gap between its ten newest entries (so a new entry waits on average a quarter of a
// gap), stretched when the feed has been silent longer than that, clamped to
// [min_interval, max_interval]. default_interval with fewer than two dated entries.
std::chrono::seconds AdaptiveInterval(std::vector<Instant> published, Instant now,
                                      const ScheduleOptions& options);

}  // namespace wiredesk::pipeline
