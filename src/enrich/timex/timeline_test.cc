#include "enrich/timex/timeline.h"

#include <gtest/gtest.h>

#include "enrich/timex/time_expressions.h"

namespace wiredesk::enrich::timex {
namespace {

Instant Published() { return *MakeInstant(2014, 5, 14, 10, 0); }

std::vector<DatedEvent> TimelineOf(int64_t id, const std::string& text) {
  return BuildTimeline(id, text, FindTimeExpressions(text, Published()));
}

TEST(Timeline, OrdersSentencesByDate) {
  const std::string text =
      "Rebels took the town yesterday. The siege began in 2012. Talks were held on May 3. "
      "The town is now quiet. It lasted three years.";
  const auto t = TimelineOf(7, text);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].when, "2012");
  EXPECT_EQ(t[0].sentence, "The siege began in 2012.");
  EXPECT_EQ(t[1].when, "2014-05-03");
  EXPECT_EQ(t[1].expression, "May 3");
  EXPECT_EQ(t[2].when, "2014-05-13");
  EXPECT_EQ(t[2].article_id, 7);
  EXPECT_EQ(t[2].starts, *MakeInstant(2014, 5, 13));
}

TEST(Timeline, OneEntryPerSentenceTheMostPrecise) {
  const auto t = TimelineOf(1, "In 2013, on March 3, the army moved.");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].when, "2014-03-03");
}

TEST(Timeline, MergesArticlesAndDropsRepeats) {
  const auto a = TimelineOf(1, "The strike began on Monday. Talks failed in 2013.");
  const auto b = TimelineOf(2, "Talks failed in 2013. Workers returned yesterday.");
  const auto story = MergeTimelines({a, b});
  ASSERT_EQ(story.size(), 3u);
  EXPECT_EQ(story[0].when, "2013");
  EXPECT_EQ(story[0].article_id, 1);
  EXPECT_EQ(story[1].when, "2014-05-12");
  EXPECT_EQ(story[2].when, "2014-05-13");
  EXPECT_EQ(story[2].article_id, 2);
}

TEST(Timeline, EmptyAndUndatable) {
  EXPECT_TRUE(TimelineOf(1, "").empty());
  EXPECT_TRUE(TimelineOf(1, "Nothing is dated here, not now and not for years.").empty());
  EXPECT_TRUE(MergeTimelines({}).empty());
}

}  // namespace
}  // namespace wiredesk::enrich::timex
