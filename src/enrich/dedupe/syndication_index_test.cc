#include "enrich/dedupe/syndication_index.h"

#include <gtest/gtest.h>

#include <string>

namespace wiredesk::enrich::dedupe {
namespace {

// A wire story of seven paragraphs, as the agency sent it.
const std::string kLead =
    "WELLINGTON, New Zealand (AP) - A powerful earthquake shook the South Island city of "
    "Christchurch early Saturday, toppling chimneys, cracking roads and cutting power to tens "
    "of thousands of homes.";
const std::string kBody =
    "The magnitude 7.1 quake struck at 4:35 a.m. about 30 kilometers west of the city at a "
    "depth of 10 kilometers, the geological agency GNS Science said.\n\n"
    "Two people were seriously injured, one hit by a falling chimney and another cut by broken "
    "glass, police said. No deaths were reported in the first hours after the quake.\n\n"
    "Mayor Bob Parker declared a state of emergency and asked residents to stay away from the "
    "central business district, where facades of old brick buildings had collapsed onto the "
    "footpaths.\n\n"
    "Prime Minister John Key flew to Christchurch to inspect the damage and promised government "
    "help for families whose homes could not be lived in.\n\n"
    "Aftershocks as strong as magnitude 5.4 rattled the region through the morning, and the "
    "airport stayed closed while engineers checked the runway and terminal.\n\n"
    "Scientists said the quake was on a previously unknown fault line and that the shallow "
    "depth explained the violence of the shaking felt across the Canterbury plains.";

TEST(SyndicationIndexTest, FindsACopyWithANewLeadBoilerplateAndACutEnd) {
  SyndicationIndex index;
  EXPECT_FALSE(index.Add(1, kLead + "\n\n" + kBody).has_value());
  // The outlet rewrote the lead, added its byline and footer, and cut the last paragraph.
  std::string body = kBody.substr(0, kBody.rfind("\n\n"));
  const std::string copy =
      "By Staff Writer | Daily Gazette\n\nChristchurch residents woke to a violent shaking on "
      "Saturday as a strong quake hit the region.\n\n" +
      body +
      "\n\nCopyright 2010 The Associated Press. All rights reserved. This material may not be "
      "published, broadcast, rewritten or redistributed.";
  const auto match = index.Add(2, copy);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->original, 1);
  EXPECT_GE(match->containment, 0.7);
}

TEST(SyndicationIndexTest, AnotherOutletsOwnStoryOnTheSameEventIsNotACopy) {
  SyndicationIndex index;
  index.Add(1, kLead + "\n\n" + kBody);
  // Same event, same facts and one shared quote, written by another newsroom.
  const std::string other =
      "CHRISTCHURCH - Residents of New Zealand's second-largest city spent Saturday clearing "
      "rubble after a 7.1-magnitude earthquake before dawn brought down brick walls and "
      "chimneys.\n\n"
      "Mayor Bob Parker declared a state of emergency. \"We have been extraordinarily lucky,\" "
      "he told reporters, noting that nobody had died.\n\n"
      "Power company Orion said about 75 percent of the city lost electricity. Engineers were "
      "inspecting bridges, and the airport was shut until the runway had been checked.\n\n"
      "GNS Science said the quake struck 30 kilometers west of Christchurch, at a depth of "
      "10 kilometers, on a fault that geologists had not mapped.";
  EXPECT_FALSE(index.Add(2, other).has_value());
}

TEST(SyndicationIndexTest, ShortTextsAreNeverCalledCopies) {
  SyndicationIndex index;
  index.Add(1, "Quake hits Christchurch");
  EXPECT_FALSE(index.Add(2, "Quake hits Christchurch").has_value());
}

TEST(SyndicationIndexTest, OldArticlesLeaveTheWindow) {
  SyndicationOptions options;
  options.window = std::chrono::days(7);
  SyndicationIndex index(options);
  const Instant day0(std::chrono::days(20000));
  index.Add(1, kLead + "\n\n" + kBody, day0);
  index.Add(2, "Unrelated filler about markets and sport, long enough to count for nothing.",
            day0 + std::chrono::days(30));
  EXPECT_EQ(index.Size(), 1u);
  EXPECT_FALSE(index.FindOriginal(kLead + "\n\n" + kBody).has_value());
}

}  // namespace
}  // namespace wiredesk::enrich::dedupe
