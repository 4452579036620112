#include "enrich/timex/time_expressions.h"

#include <gtest/gtest.h>

#include <string>

#include "enrich/timex/calendar.h"

namespace wiredesk::enrich::timex {
namespace {

// Wednesday 14 May 2014, 10:00 UTC.
Instant Published() { return *MakeInstant(2014, 5, 14, 10, 0); }

struct Found {
  std::string text;
  std::string type;
  std::string value;
};

std::vector<Found> Find(std::string_view text, const TimexOptions& options = {}) {
  std::vector<Found> out;
  for (const TimeExpression& x : FindTimeExpressions(text, Published(), options)) {
    EXPECT_EQ(x.text, text.substr(x.begin, x.end - x.begin));
    out.push_back({x.text, std::string(TimexTypeName(x.type)), x.value});
  }
  return out;
}

// The one expression in `text`: "TEXT|TYPE|VALUE".
std::string One(std::string_view text) {
  const auto found = Find(text);
  if (found.size() != 1) return "found " + std::to_string(found.size());
  return found[0].text + "|" + found[0].type + "|" + found[0].value;
}

TEST(TimeExpressions, ExplicitDates) {
  EXPECT_EQ(One("The ship sank on May 3, 1998, off the coast."), "May 3, 1998|DATE|1998-05-03");
  EXPECT_EQ(One("Talks resume on 21 June 2015 in Geneva."), "21 June 2015|DATE|2015-06-21");
  EXPECT_EQ(One("The law took effect in March 2009."), "March 2009|DATE|2009-03");
  EXPECT_EQ(One("The vote will be held Oct. 23 in the capital."), "Oct. 23|DATE|2014-10-23");
  EXPECT_EQ(One("The vote was held Oct. 23 in the capital."), "Oct. 23|DATE|2013-10-23");
  EXPECT_EQ(One("Filed 10/23/1998 with the clerk."), "10/23/1998|DATE|1998-10-23");
  EXPECT_EQ(One("The decision is dated 2013-02-28."), "2013-02-28|DATE|2013-02-28");
}

TEST(TimeExpressions, MayAndMarchAsVerbs) {
  EXPECT_TRUE(Find("Officials may decide later whether the troops march north.").empty());
  EXPECT_EQ(One("The rally was planned for early May."), "early May|DATE|2014-05");
  EXPECT_EQ(One("On May 14 the court ruled."), "May 14|DATE|2014-05-14");
}

TEST(TimeExpressions, MonthWithoutYearFollowsTense) {
  // Published in May: a past December is last year's, a coming one this year's.
  EXPECT_EQ(One("The company was founded in December."), "December|DATE|2013-12");
  EXPECT_EQ(One("The plant will close in December."), "December|DATE|2014-12");
  EXPECT_EQ(One("Elections are due in February."), "February|DATE|2015-02");
}

TEST(TimeExpressions, YearsDecadesCenturies) {
  EXPECT_EQ(One("Israel has occupied the area since 1967."), "1967|DATE|1967");
  EXPECT_EQ(One("Prices rose through the 1990s."), "the 1990s|DATE|199");
  EXPECT_EQ(One("It was built in the 19th century."), "the 19th century|DATE|18");
  EXPECT_EQ(One("Sales for fiscal 2013 fell."), "fiscal 2013|DATE|2013");
  // Counts are not years.
  EXPECT_TRUE(Find("About 2000 people marched; 1500 troops watched.").empty());
  EXPECT_TRUE(Find("The bill cost $1999.").empty());
}

TEST(TimeExpressions, WeekdaysUseTense) {
  EXPECT_EQ(One("The minister resigned on Thursday."), "Thursday|DATE|2014-05-08");
  EXPECT_EQ(One("The minister will resign on Thursday."), "Thursday|DATE|2014-05-15");
  EXPECT_EQ(One("Results came out Wednesday."), "Wednesday|DATE|2014-05-14");
  EXPECT_EQ(One("Fighting resumed last Monday."), "last Monday|DATE|2014-05-12");
  EXPECT_EQ(One("Fighting resumed Monday night."), "Monday night|TIME|2014-05-12TNI");
}

TEST(TimeExpressions, RelativeToPublication) {
  EXPECT_EQ(One("Rebels took the town yesterday."), "yesterday|DATE|2014-05-13");
  EXPECT_EQ(One("The court rules today."), "today|DATE|2014-05-14");
  EXPECT_EQ(One("The court rules tomorrow."), "tomorrow|DATE|2014-05-15");
  EXPECT_EQ(One("Shares fell last month."), "last month|DATE|2014-04");
  EXPECT_EQ(One("Shares fell earlier this month."), "earlier this month|DATE|2014-05");
  EXPECT_EQ(One("Shares fell this year."), "this year|DATE|2014");
  EXPECT_EQ(One("Shares fell last week."), "last week|DATE|2014-W19");
  EXPECT_EQ(One("Shares will rise next year."), "next year|DATE|2015");
  EXPECT_EQ(One("He was freed two days ago."), "two days ago|DATE|2014-05-12");
  EXPECT_EQ(One("He was freed three years ago."), "three years ago|DATE|2011");
  EXPECT_EQ(One("She spoke this morning."), "this morning|TIME|2014-05-14TMO");
  EXPECT_EQ(One("She spoke last night."), "last night|TIME|2014-05-13TNI");
  EXPECT_EQ(One("Profit fell in the third quarter."), "the third quarter|DATE|2014-Q3");
  EXPECT_EQ(One("Profit fell in the first half of 2013."), "the first half of 2013|DATE|2013-H1");
  EXPECT_EQ(One("He left last fall."), "last fall|DATE|2013-FA");
}

TEST(TimeExpressions, Durations) {
  EXPECT_EQ(One("The siege lasted three years."), "three years|DURATION|P3Y");
  EXPECT_EQ(One("He served 18 months in jail."), "18 months|DURATION|P18M");
  EXPECT_EQ(One("Prices doubled over the past two decades."), "the past two decades|DURATION|P20Y");
  EXPECT_EQ(One("a two-year contract"), "two-year|DURATION|P2Y");
  EXPECT_EQ(One("The talks went on for hours."), "hours|DURATION|PTXH");
  EXPECT_EQ(One("They waited more than six weeks."), "more than six weeks|DURATION|P6W");
}

TEST(TimeExpressions, References) {
  EXPECT_EQ(One("The town is now quiet."), "now|DATE|PRESENT_REF");
  EXPECT_EQ(One("The town was recently shelled."), "recently|DATE|PAST_REF");
  EXPECT_EQ(One("Talks may resume in the future."), "the future|DATE|FUTURE_REF");
}

TEST(TimeExpressions, TimesAndSets) {
  EXPECT_EQ(One("The blast came at 10:35 a.m. Friday."), "10:35 a.m. Friday|TIME|2014-05-09T10:35");
  EXPECT_EQ(One("Polls close at 8 p.m."), "8 p.m.|TIME|2014-05-14T20:00");
  EXPECT_EQ(One("The paper appears daily."), "daily|SET|P1D");
  EXPECT_EQ(One("They meet every Thursday."), "every Thursday|SET|XXXX-WXX-4");
  EXPECT_EQ(One("It earns $5 million a year."), "a year|SET|P1Y");
}

TEST(TimeExpressions, AnchorsToTheLastDate) {
  const auto found = Find("The siege began on March 3, 2010. Two days later the town fell. "
                          "The next day, the rebels left.");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[1].text, "Two days later");
  EXPECT_EQ(found[1].value, "2010-03-05");
  EXPECT_EQ(found[2].value, "2010-03-06");
}

TEST(TimeExpressions, SentenceOfEachExpression) {
  const std::string text = "Nothing happened then. The strike began on Monday. It goes on.";
  const auto found = FindTimeExpressions(text, Published());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].sentence_begin, found[0].sentence_end - found[0].sentence_begin),
            "The strike began on Monday.");
}

TEST(TimeExpressions, BaselineIsNarrower) {
  TimexOptions baseline;
  baseline.method = TimexMethod::kBaseline;
  EXPECT_TRUE(Find("The town is now quiet.", baseline).empty());
  ASSERT_EQ(Find("Rebels took the town on May 3, 1998.", baseline).size(), 1u);
}

TEST(TimeExpressions, GarbageAndHugeInputDoNotCrash) {
  std::string garbage;
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  (void)FindTimeExpressions(garbage, Published());
  std::string huge;
  for (int i = 0; i < 100000; ++i) huge += "about more than early the last ";
  huge += "3 - - / 12/99/99 10:99 a.m. 31 February 2014 the 99th century 'ninety";
  (void)FindTimeExpressions(huge, Published());
  (void)FindTimeExpressions("", Published());
  (void)FindTimeExpressions("May", Instant{});
  EXPECT_TRUE(Find("31 February 2014").empty() || Find("31 February 2014")[0].value != "2014-02-31");
}

TEST(Calendar, PeriodStarts) {
  int64_t span = 0;
  EXPECT_EQ(PeriodStart("2014-05-14", &span), MakeInstant(2014, 5, 14));
  EXPECT_EQ(span, 1);
  EXPECT_EQ(PeriodStart("2014-05", &span), MakeInstant(2014, 5, 1));
  EXPECT_EQ(PeriodStart("2014-W20"), MakeInstant(2014, 5, 12));
  EXPECT_EQ(PeriodStart("2014-Q2"), MakeInstant(2014, 4, 1));
  EXPECT_EQ(PeriodStart("199"), MakeInstant(1990, 1, 1));
  EXPECT_EQ(PeriodStart("2014-05-14T10:30"), MakeInstant(2014, 5, 14, 10, 30));
  EXPECT_FALSE(PeriodStart("PRESENT_REF"));
  EXPECT_FALSE(PeriodStart("P3Y"));
  EXPECT_FALSE(PeriodStart("XXXX-05"));
  EXPECT_FALSE(PeriodStart("2014-02-30"));
}

TEST(Calendar, WeeksAndWeekdays) {
  EXPECT_EQ(Weekday(Day{2014, 5, 14}), 3);
  EXPECT_EQ(FormatWeek(Day{2014, 5, 14}), "2014-W20");
  EXPECT_EQ(FormatWeek(Day{2010, 1, 3}), "2009-W53");
  EXPECT_EQ(AddMonths(Day{2014, 1, 31}, 1), (Day{2014, 2, 28}));
  EXPECT_EQ(FromDayNumber(DayNumber(Day{1600, 2, 29})), (Day{1600, 2, 29}));
}

}  // namespace
}  // namespace wiredesk::enrich::timex
