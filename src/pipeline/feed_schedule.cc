#include "pipeline/feed_schedule.h"

#include <algorithm>

namespace wiredesk::pipeline {

std::optional<HostLimiter::Time> HostLimiter::TryAcquire(std::string_view host, Time now) {
  std::lock_guard lock(mu_);
  auto it = hosts_.find(host);
  if (it == hosts_.end()) it = hosts_.emplace(std::string(host), HostState{}).first;
  HostState& h = it->second;
  if (h.last_start && now < *h.last_start + options_.min_delay) {
    return *h.last_start + options_.min_delay - now;
  }
  if (h.active >= std::max(1, options_.max_concurrent_per_host)) {
    // No telling when a running request ends; ask again soon.
    return std::max(Time(50), std::min<Time>(options_.min_delay, Time(250)));
  }
  ++h.active;
  h.last_start = now;
  return std::nullopt;
}

void HostLimiter::Release(std::string_view host) {
  std::lock_guard lock(mu_);
  auto it = hosts_.find(host);
  if (it != hosts_.end() && it->second.active > 0) --it->second.active;
}

std::chrono::seconds BackoffDelay(int failures, const ScheduleOptions& options) {
  if (failures < 1) failures = 1;
  auto d = options.backoff_base;
  for (int i = 1; i < failures && d < options.backoff_max; ++i) d *= 2;
  return std::min(d, options.backoff_max);
}

std::chrono::seconds AdaptiveInterval(std::vector<Instant> published, Instant now,
                                      const ScheduleOptions& options) {
  // Future dates (a publisher's clock or time zone is wrong) say nothing about frequency.
  std::erase_if(published, [now](Instant t) { return t > now + std::chrono::hours(1); });
  std::sort(published.begin(), published.end(), std::greater<>());
  published.erase(std::unique(published.begin(), published.end()), published.end());
  if (published.size() > 10) published.resize(10);
  if (published.size() < 2) {
    return std::clamp(options.default_interval, options.min_interval, options.max_interval);
  }
  const auto span = published.front() - published.back();
  const auto mean_gap = span / static_cast<int64_t>(published.size() - 1);
  auto interval = std::chrono::duration_cast<std::chrono::seconds>(mean_gap / 2);
  // Silent for longer than usual: a feed that has gone quiet is checked less often.
  const auto silence = std::chrono::duration_cast<std::chrono::seconds>(now - published.front());
  if (silence > 4 * mean_gap) interval = std::max(interval, silence / 4);
  return std::clamp(interval, options.min_interval, options.max_interval);
}

}  // namespace wiredesk::pipeline
