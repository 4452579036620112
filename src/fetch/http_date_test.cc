#include <gtest/gtest.h>

#include "fetch/fetcher.h"

namespace wiredesk::fetch {
namespace {

TEST(HttpDate, ThreeForms) {
  const auto want = MakeInstant(1994, 11, 6, 8, 49, 37);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), want);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), want);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), want);
  EXPECT_EQ(ParseHttpDate("soon"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 25:49:37 GMT"), std::nullopt);
}

TEST(HttpDate, RetryAfter) {
  const Instant now = *MakeInstant(2025, 6, 27, 12, 0, 0);
  EXPECT_EQ(ParseRetryAfter("120", now), now + std::chrono::seconds(120));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), now);
  EXPECT_EQ(ParseRetryAfter("Fri, 27 Jun 2025 13:00:00 GMT", now), now + std::chrono::hours(1));
  EXPECT_EQ(ParseRetryAfter("Fri, 27 Jun 2025 11:00:00 GMT", now), now);  // past: now
  EXPECT_EQ(ParseRetryAfter("-5", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("99999999999999999999", now), std::nullopt);
}

}  // namespace
}  // namespace wiredesk::fetch
