#include "pipeline/feed_schedule.h"

#include <gtest/gtest.h>

namespace wiredesk::pipeline {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(HostLimiter, SpacesRequestsToAHost) {
  HostLimiter l(PolitenessOptions{2, milliseconds(1000)});
  EXPECT_EQ(l.TryAcquire("a.example", milliseconds(0)), std::nullopt);
  // Too soon after the last start: wait the rest of the delay.
  EXPECT_EQ(l.TryAcquire("a.example", milliseconds(300)), milliseconds(700));
  // Other hosts are not held up.
  EXPECT_EQ(l.TryAcquire("b.example", milliseconds(300)), std::nullopt);
  EXPECT_EQ(l.TryAcquire("a.example", milliseconds(1000)), std::nullopt);
  // Two running on a.example: a third waits even after the delay, until one ends.
  EXPECT_NE(l.TryAcquire("a.example", milliseconds(5000)), std::nullopt);
  l.Release("a.example");
  EXPECT_EQ(l.TryAcquire("a.example", milliseconds(5000)), std::nullopt);
  l.Release("nobody.example");  // harmless
}

TEST(HostLimiter, ZeroDelayOnlyLimitsConcurrency) {
  HostLimiter l(PolitenessOptions{1, milliseconds(0)});
  EXPECT_EQ(l.TryAcquire("h", milliseconds(0)), std::nullopt);
  EXPECT_NE(l.TryAcquire("h", milliseconds(0)), std::nullopt);
  l.Release("h");
  EXPECT_EQ(l.TryAcquire("h", milliseconds(0)), std::nullopt);
}

TEST(FeedSchedule, BackoffDoublesUpToTheCap) {
  ScheduleOptions o;
  EXPECT_EQ(BackoffDelay(1, o), minutes(5));
  EXPECT_EQ(BackoffDelay(2, o), minutes(10));
  EXPECT_EQ(BackoffDelay(3, o), minutes(20));
  EXPECT_EQ(BackoffDelay(9, o), minutes(5) * 256);
  EXPECT_EQ(BackoffDelay(10, o), hours(24));
  EXPECT_EQ(BackoffDelay(1000, o), hours(24));
  EXPECT_EQ(BackoffDelay(0, o), minutes(5));
}

TEST(FeedSchedule, IntervalFollowsHowOftenAFeedPublishes) {
  ScheduleOptions o;
  FakeClock clock(*MakeInstant(2025, 6, 27, 12));
  const Instant now = clock.Now();
  // Every 4 hours, the newest an hour ago: checked every 2 hours.
  std::vector<Instant> busy;
  for (int i = 0; i < 10; ++i) busy.push_back(now - hours(1) - hours(4) * i);
  EXPECT_EQ(AdaptiveInterval(busy, now, o), hours(2));
  // A wire service every 5 minutes: never more often than the minimum.
  std::vector<Instant> wire;
  for (int i = 0; i < 10; ++i) wire.push_back(now - minutes(5) * i);
  EXPECT_EQ(AdaptiveInterval(wire, now, o), minutes(15));
  // Weekly: at most daily.
  std::vector<Instant> weekly = {now - hours(24 * 7), now - hours(24 * 14), now - hours(24 * 21)};
  EXPECT_EQ(AdaptiveInterval(weekly, now, o), hours(24));
  // Gone quiet: every 4 hours once, silent for 4 days now -> checked daily.
  std::vector<Instant> quiet = {now - hours(96), now - hours(100), now - hours(104)};
  EXPECT_EQ(AdaptiveInterval(quiet, now, o), hours(24));
  // Too little to tell, or only future dates.
  EXPECT_EQ(AdaptiveInterval({}, now, o), hours(1));
  EXPECT_EQ(AdaptiveInterval({now - hours(3)}, now, o), hours(1));
  EXPECT_EQ(AdaptiveInterval({now + hours(48), now + hours(50)}, now, o), hours(1));
}

}  // namespace
}  // namespace wiredesk::pipeline
