#include "parse/feed_date.h"

#include <gtest/gtest.h>

namespace wiredesk::parse {
namespace {

std::string Iso(std::string_view s) {
  auto t = ParseFeedDate(s);
  return t ? FormatIso8601(*t) : "none";
}

TEST(FeedDate, Rfc822AndVariants) {
  EXPECT_EQ(Iso("Mon, 02 Jun 2025 14:30:00 GMT"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("Mon, 02 Jun 2025 14:30:00 +0200"), "2025-06-02T12:30:00Z");
  EXPECT_EQ(Iso("Mon, 2 Jun 2025 14:30 -0500"), "2025-06-02T19:30:00Z");
  EXPECT_EQ(Iso("2 Jun 25 14:30:00 EST"), "2025-06-02T19:30:00Z");
  EXPECT_EQ(Iso("Mon, 02 Jun 2025 14:30:00 PDT"), "2025-06-02T21:30:00Z");
  EXPECT_EQ(Iso("Mon,02 Jun 2025 14:30:00 UT"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("Monday, June 2, 2025 2:30 PM"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("Jun 2, 2025 12:05 am"), "2025-06-02T00:05:00Z");
  EXPECT_EQ(Iso("Mon, 02 Jun 2025 14:30:00 GMT+0100"), "2025-06-02T13:30:00Z");
  EXPECT_EQ(Iso("Mon, 02 Jun 2025 14:30:00 +02:00"), "2025-06-02T12:30:00Z");
  EXPECT_EQ(Iso("Mon, 02 Jun 2025"), "2025-06-02T00:00:00Z");
  EXPECT_EQ(Iso("Tue, 3 Jun 2025 09:00:00 Z"), "2025-06-03T09:00:00Z");
  EXPECT_EQ(Iso("Thu, 31 Dec 1998 23:59:60 GMT"), "1998-12-31T23:59:59Z");  // leap second
}

TEST(FeedDate, Iso8601WithAndWithoutZone) {
  EXPECT_EQ(Iso("2025-06-02T14:30:00Z"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("2025-06-02T14:30:00.123+02:00"), "2025-06-02T12:30:00Z");
  EXPECT_EQ(Iso("2025-06-02T14:30:00+0200"), "2025-06-02T12:30:00Z");
  EXPECT_EQ(Iso("2025-06-02T14:30:00"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("2025-06-02 14:30"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("2025-06-02"), "2025-06-02T00:00:00Z");
  EXPECT_EQ(Iso("  2025-06-02T14:30:00Z \n"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("2025-06-02T14:30:00 EST"), "2025-06-02T19:30:00Z");
  EXPECT_EQ(Iso("2025/06/02 14:30:00"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("02.06.2025 14:30"), "2025-06-02T14:30:00Z");
}

TEST(FeedDate, LocalisedMonthNames) {
  EXPECT_EQ(Iso("2. Juni 2025 14:30"), "2025-06-02T14:30:00Z");
  EXPECT_EQ(Iso("Mo, 02 Mär 2025 10:00:00 +0100"), "2025-03-02T09:00:00Z");
  EXPECT_EQ(Iso("Di, 14 Okt 2025 08:00:00 +0200"), "2025-10-14T06:00:00Z");
  EXPECT_EQ(Iso("lun., 02 févr. 2025 10:00:00 +0100"), "2025-02-02T09:00:00Z");
  EXPECT_EQ(Iso("15 août 2025"), "2025-08-15T00:00:00Z");
  EXPECT_EQ(Iso("2 de junio de 2025"), "2025-06-02T00:00:00Z");
  EXPECT_EQ(Iso("mar, 03 jun 2025 10:00:00 +0000"), "2025-06-03T10:00:00Z");  // "mar" = martes
  EXPECT_EQ(Iso("3 dicembre 2025"), "2025-12-03T00:00:00Z");
  EXPECT_EQ(Iso("3 dezembro 2025"), "2025-12-03T00:00:00Z");
  EXPECT_EQ(Iso("3 mei 2025"), "2025-05-03T00:00:00Z");
  EXPECT_EQ(Iso("3 MAI 2025"), "2025-05-03T00:00:00Z");
  EXPECT_EQ(Iso("3 DÉCEMBRE 2025"), "2025-12-03T00:00:00Z");
}

TEST(FeedDate, RejectsWhatIsNotADate) {
  EXPECT_EQ(Iso(""), "none");
  EXPECT_EQ(Iso("yesterday"), "none");
  EXPECT_EQ(Iso("31 Feb 2025"), "none");
  EXPECT_EQ(Iso("Jun 2025"), "none");
  EXPECT_EQ(Iso("99999999999999999999"), "none");
  EXPECT_EQ(Iso(std::string(1000, '1')), "none");
  EXPECT_EQ(Iso("2 jui 2025"), "none");  // juin or juillet: not guessed
}

}  // namespace
}  // namespace wiredesk::parse
