#include "enrich/cluster/event_facts.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace wiredesk::enrich::cluster {
namespace {

Instant At(std::string_view iso) { return *ParseIso8601(iso); }

// Days since 1970-01-01 of a date written as the test reads it.
int32_t DayOf(std::string_view iso) {
  return static_cast<int32_t>(
      std::chrono::floor<std::chrono::days>(At(iso)).time_since_epoch().count());
}

EventFacts Dates(std::string_view text, std::string_view published) {
  EventFactOptions o;
  o.places = false;
  return FindEventFacts("", text, At(published), o);
}

EventFacts Places(std::string_view title, std::string_view text) {
  EventFactOptions o;
  o.dates = false;
  return FindEventFacts(title, text, std::nullopt, o);
}

TEST(EventFactsTest, TheLeadsWeekdayIsTheEventDay) {
  // Published on Saturday 2019-01-26 about Friday.
  const EventFacts f = Dates(
      "President Trump agreed on Friday to reopen the federal government for three weeks while "
      "negotiations continued.",
      "2019-01-26T09:00:00Z");
  EXPECT_EQ(f.event_day, DayOf("2019-01-25T00:00:00Z"));
}

TEST(EventFactsTest, ATimeOfDayAndAWeekendNameTheirDay) {
  // The second sentence is still the lead: the first is short.
  EXPECT_EQ(Dates("Trump's immigration package drew sharp reactions from lawmakers alike.\n\n"
                  "In a televised White House address on Saturday afternoon, Trump offered "
                  "Democrats a three-year extension of protections for young immigrants.",
                  "2019-01-20T15:00:00Z")
                .event_day,
            DayOf("2019-01-19T00:00:00Z"));
  // Tuesday 2019-01-22 about the weekend before: its Saturday.
  EXPECT_EQ(Dates("President Donald Trump's offer to Democrats over the weekend received "
                  "positive coverage from some outlets.",
                  "2019-01-22T15:00:00Z")
                .event_day,
            DayOf("2019-01-19T00:00:00Z"));
}

TEST(EventFactsTest, PlannedAndBackgroundDatesGiveThePublicationDay) {
  // A date after publication is planned; one weeks before is background.
  EXPECT_EQ(Dates("The official will testify before the committee on March 30, 2015, her "
                  "lawyer said.",
                  "2015-03-20T12:00:00Z")
                .event_day,
            DayOf("2015-03-20T00:00:00Z"));
  EXPECT_EQ(Dates("The law, signed on March 2, 2015, drew protests across the state.",
                  "2015-03-20T12:00:00Z")
                .event_day,
            DayOf("2015-03-20T00:00:00Z"));
  // A date beyond the lead does not count either.
  std::string text = "Protesters gathered outside the statehouse to oppose the bill. ";
  for (int i = 0; i < 8; ++i) text += "The crowd grew through the afternoon as more arrived. ";
  text += "The governor spoke on Wednesday.";
  EXPECT_EQ(Dates(text, "2015-03-20T12:00:00Z").event_day, DayOf("2015-03-20T00:00:00Z"));
}

TEST(EventFactsTest, AnUndatedArticleHasNoEventDay) {
  EventFactOptions o;
  o.places = false;
  EXPECT_EQ(FindEventFacts("", "An earthquake struck on May 2, 2013, near the coast.",
                           std::nullopt, o)
                .event_day,
            EventFacts::kNoDay);
}

TEST(EventFactsTest, TheArticlesPlaceIsTheOneItsHeadlineOrLeadNamesOften) {
  const EventFacts arkansas = Places(
      "Arkansas governor seeks changes in religious freedom bill",
      "Arkansas Gov. Asa Hutchinson on Wednesday urged state lawmakers to change a "
      "controversial religious freedom bill sent to his desk a day earlier, in the face of "
      "criticism from businesses, civil rights groups and his own son that it could allow "
      "businesses and others to discriminate based on sexual orientation, and said he would "
      "not sign it as it stands.\n\nThe Arkansas bill resembles the law Indiana passed last "
      "week, and businesses in Indiana protested it. Lawmakers in Indiana moved to clarify "
      "that law; the Indiana debate went on. Critics in Arkansas said the changes fall short.");
  const EventFacts indiana = Places(
      "Indiana governor defends religious freedom law",
      "Gov. Mike Pence of Indiana defended the law on Sunday. Businesses in Indiana protested.");
  ASSERT_NE(indiana.place, 0u);
  // Indiana is named more often, but only Arkansas is in the headline and the lead.
  EXPECT_NE(arkansas.place, 0u);
  EXPECT_NE(arkansas.place, indiana.place);
  EXPECT_EQ(arkansas.Mentions(indiana.place), 4);
  EXPECT_FALSE(arkansas.Prominent(indiana.place));
  EXPECT_TRUE(indiana.Prominent(indiana.place));
}

TEST(EventFactsTest, NamesThatHoldAPlaceAreNotPlaces) {
  // "Paul Ryan", "John Kerry", "Washington Post": capitalised words next to the place name.
  const EventFacts f = Places("", "Rep. Paul Ryan met John Kerry and The Washington Post "
                                  "reported it. Paul Ryan and John Kerry spoke again.");
  EXPECT_TRUE(f.places.empty());
  EXPECT_EQ(f.place, 0u);
  // Named once, or twice but never in the headline or lead: no place of its own.
  std::string text = "The committee met again to discuss the budget and the schedule. ";
  for (int i = 0; i < 8; ++i) text += "Members argued over the spending plan for hours. ";
  text += "Delegates from Ohio spoke. Ohio farmers came too.";
  const EventFacts late = Places("Budget talks drag on", text);
  ASSERT_EQ(late.places.size(), 1u);
  EXPECT_EQ(late.places[0].mentions, 2);
  EXPECT_EQ(late.place, 0u);
}

}  // namespace
}  // namespace wiredesk::enrich::cluster
