#include "enrich/summarize/new_points.h"

#include <gtest/gtest.h>

namespace wiredesk::enrich::summarize {
namespace {

TEST(NewPoints, RewordedRepeatIsNotNew) {
  const std::vector<std::string> earlier = {
      "An earthquake killed at least 12 people in the province of Van on Sunday."};
  const std::vector<std::string> latest = {
      "At least 12 people were killed when an earthquake struck Van province on Sunday.",
      "Rescue teams from Ankara reached the collapsed school on Monday morning."};
  EXPECT_EQ(NewPoints(latest, earlier),
            std::vector<std::string>{
                "Rescue teams from Ankara reached the collapsed school on Monday morning."});
}

TEST(NewPoints, NewFactInAnOldSentenceIsKept) {
  const std::vector<std::string> earlier = {
      "The earthquake in Van province killed at least 12 people, officials said."};
  const std::vector<std::string> latest = {
      "The death toll from the Van earthquake rose to 279 as rescuers pulled bodies from "
      "collapsed apartment blocks in Ercis."};
  EXPECT_EQ(NewPoints(latest, earlier), latest);
}

TEST(NewPoints, NothingEarlierMeansEverythingIsNew) {
  const std::vector<std::string> latest = {"Parliament passed the budget on Tuesday."};
  EXPECT_EQ(NewPoints(latest, {}), latest);
  EXPECT_TRUE(NewPoints({}, latest).empty());
}

TEST(NewPoints, PointsWithoutContentWordsAreDropped) {
  EXPECT_TRUE(NewPoints({"It is.", "  "}, {}).empty());
}

TEST(NewPoints, ComparesStemsInOtherLanguages) {
  const std::vector<std::string> earlier = {"Le gouvernement a annoncé une nouvelle réforme."};
  const std::vector<std::string> latest = {"Le gouvernement annonce la nouvelle réforme.",
                                           "Les syndicats appellent à la grève jeudi."};
  EXPECT_EQ(NewPoints(latest, earlier, "fr"),
            std::vector<std::string>{"Les syndicats appellent à la grève jeudi."});
}

}  // namespace
}  // namespace wiredesk::enrich::summarize
