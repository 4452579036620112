#include "core/time.h"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

TEST(TimeTest, ParsesIso8601Forms) {
  auto t = ParseIso8601("2025-06-27T12:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatIso8601(*t), "2025-06-27T12:00:00Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2025-06-27")), "2025-06-27T00:00:00Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2025-06-27T21:00:00+09:00")), "2025-06-27T12:00:00Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2025-06-27 12:00:00.123-0130")), "2025-06-27T13:30:00Z");
  EXPECT_FALSE(ParseIso8601("2025-02-30"));
  EXPECT_FALSE(ParseIso8601("yesterday"));
  EXPECT_FALSE(ParseIso8601("2025-06-27T12:00:00Zjunk"));
}

TEST(TimeTest, FormatsHttpDates) {
  EXPECT_EQ(FormatHttpDate(*MakeInstant(1994, 11, 6, 8, 49, 37)), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(*MakeInstant(2002, 10, 2, 13, 0, 0)), "Wed, 02 Oct 2002 13:00:00 GMT");
  EXPECT_EQ(FormatHttpDate(*MakeInstant(2024, 2, 29, 23, 59, 59)), "Thu, 29 Feb 2024 23:59:59 GMT");
}

TEST(TimeTest, RelativeTimeReadsLikeANewsSite) {
  const Instant now = *ParseIso8601("2025-06-27T12:00:00Z");
  EXPECT_EQ(RelativeTime(now, now), "just now");
  EXPECT_EQ(RelativeTime(now, now - std::chrono::minutes(1)), "1 minute ago");
  EXPECT_EQ(RelativeTime(now, now - std::chrono::hours(5)), "5 hours ago");
  EXPECT_EQ(RelativeTime(now, now - std::chrono::days(2)), "2 days ago");
  EXPECT_EQ(RelativeTime(now, *ParseIso8601("2025-01-03")), "3 Jan 2025");
}

}  // namespace
}  // namespace wiredesk
