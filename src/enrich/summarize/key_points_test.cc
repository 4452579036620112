#include "enrich/summarize/key_points.h"

#include <gtest/gtest.h>

#include <string>

namespace wiredesk::enrich::summarize {
namespace {

constexpr std::string_view kArticle =
    "The city council voted on Tuesday to close the old harbour bridge after engineers found "
    "deep cracks in its steel supports. "
    "The bridge carries about 20,000 cars a day between the harbour district and the city "
    "centre. "
    "\"We cannot risk lives,\" said the mayor. "
    "Engineers said the cracks in the supports had spread quickly since the winter storms. "
    "Repairs to the bridge are expected to take two years and cost the council 40 million "
    "pounds. "
    "Ferries will run every ten minutes while the bridge is closed. "
    "Photo: Reuters. "
    "Local shops fear losing customers during the closure of the bridge.";

TEST(KeyPointsTest, LeadTakesTheFirstThree) {
  KeyPointsOptions options;
  options.method = KeyPointsMethod::kLead;
  KeyPointSelector selector("en", options);
  const auto points = selector.Select(kArticle);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_TRUE(points[0].starts_with("The city council voted"));
  EXPECT_TRUE(points[2].starts_with("\"We cannot"));
}

TEST(KeyPointsTest, PicksTheLeadAndCentralSentencesInOrder) {
  KeyPointSelector selector("en");
  const auto points = selector.Select(kArticle);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_TRUE(points[0].starts_with("The city council voted"));
  for (std::string_view p : points) {
    EXPECT_NE(p, "Photo: Reuters.");  // a fragment
    EXPECT_FALSE(p.starts_with("\"We cannot"));  // a quote
  }
  EXPECT_LT(points[0].data(), points[1].data());  // document order
  EXPECT_LT(points[1].data(), points[2].data());
}

TEST(KeyPointsTest, ARowOfAResultsTableIsNotAKeyPoint) {
  // An election story that opens with its results, one party a line.
  std::string text;
  for (const char* row : {"Conservative Party - 365 seats", "Labour Party - 203 seats",
                          "Scottish National Party - 48 seats", "Liberal Democrats - 11 seats",
                          "Democratic Unionist Party - 8 seats", "Sinn Fein - 7 seats",
                          "Plaid Cymru - 4 seats", "Green Party (England and Wales) - 1 seat",
                          "Alliance Party of Northern Ireland - 1 seat"}) {
    text += std::string(row) + "\n\n";
  }
  text += kArticle;
  KeyPointSelector selector("en");
  const auto points = selector.Select(text);
  ASSERT_EQ(points.size(), 3u);
  for (std::string_view p : points) EXPECT_EQ(p.find("seat"), std::string_view::npos) << p;
  EXPECT_TRUE(points[0].starts_with("The city council voted"));
}

TEST(KeyPointsTest, ShortAndEmptyTexts) {
  KeyPointSelector selector("en");
  EXPECT_TRUE(selector.Select("").empty());
  EXPECT_TRUE(selector.Select(" \n ").empty());
  EXPECT_EQ(selector.Select("One sentence only.").size(), 1u);
  EXPECT_LE(selector.Select("\xFF\xFE garbage \x80. More. ?? !!").size(), 3u);
}

TEST(KeyPointsTest, FrenchDegradesGracefully) {
  KeyPointSelector selector("fr");
  const auto points = selector.Select(
      "Le gouvernement a annoncé mardi une réforme des retraites. "
      "Les syndicats ont appelé à une grève nationale contre la réforme. "
      "Il fait beau. "
      "La réforme des retraites repousse l'âge légal de départ à 64 ans. "
      "Le Premier ministre défendra la réforme devant l'Assemblée nationale. "
      "Les manifestations contre la réforme des retraites se multiplient.");
  ASSERT_EQ(points.size(), 3u);
  EXPECT_TRUE(points[0].starts_with("Le gouvernement"));
  for (std::string_view p : points) EXPECT_NE(p, "Il fait beau.");
}

TEST(KeyPointsTest, SetOption) {
  KeyPointSelector selector("en");
  EXPECT_TRUE(selector.SetOption("redundancy", 0.9));
  EXPECT_DOUBLE_EQ(selector.options().redundancy, 0.9);
  EXPECT_FALSE(selector.SetOption("nope", 1));
}

}  // namespace
}  // namespace wiredesk::enrich::summarize
