// Instants, the Clock seam, and the date formats wiredesk reads and writes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wiredesk {

using Instant = std::chrono::sys_seconds;

// Time comes in through an interface so tests can pin "now" (as leveldb's Env does).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant now) : now_(now) {}
  Instant Now() const override { return now_; }
  void Set(Instant now) { now_ = now; }
  void Advance(std::chrono::seconds d) { now_ += d; }

 private:
  Instant now_;
};

// "2025-06-27T12:00:00Z".
std::string FormatIso8601(Instant t);
// "2025-06-27".
std::string FormatDate(Instant t);
// "Fri, 27 Jun 2025 12:00:00 GMT": RFC 9110's IMF-fixdate (Date, Last-Modified), which is also
// an RFC 822 date with a four-digit year (RSS pubDate).
std::string FormatHttpDate(Instant t);

// ISO 8601 / RFC 3339: "2025-06-27", "2025-06-27T12:00", "2025-06-27T12:00:00Z",
// "2025-06-27 12:00:00+09:00", fractional seconds ignored. No zone means UTC.
std::optional<Instant> ParseIso8601(std::string_view s);

// Days since 1970-01-01 for a proleptic Gregorian date, or nullopt if the date is invalid.
std::optional<Instant> MakeInstant(int year, int month, int day, int hour = 0, int minute = 0,
                                   int second = 0);

// "just now", "5 minutes ago", "2 hours ago", "3 days ago", then "25 Jun 2025".
std::string RelativeTime(Instant now, Instant then);

}  // namespace wiredesk
