#include "core/article_json.h"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

TEST(ArticleJsonTest, RoundTrips) {
  Article a;
  a.url = "https://example.com/a";
  a.title = "Headline";
  a.published = ParseIso8601("2025-06-25T00:00:00Z");
  a.captured = *ParseIso8601("2025-06-27T12:00:00Z");
  a.source = {0, "Example", "https://example.com/"};
  a.blocks = {{BlockKind::kParagraph, "One.", ""}, {BlockKind::kCaption, "A photo.", "REUTERS"}};
  a.text = JoinBodyText(a.blocks);
  a.related.push_back({"NHK", a.published, "Other", "Text.", {}, ""});
  const auto j = ArticleToJson(a);
  EXPECT_EQ(j["text"], "One.");
  EXPECT_EQ(j["blocks"][1]["credit"], "REUTERS");
  EXPECT_EQ(j["published"], "2025-06-25T00:00:00Z");
  EXPECT_TRUE(j["canonical_url"].is_null());
  auto back = ArticleFromJson(j);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->blocks, a.blocks);
  EXPECT_EQ(back->related.at(0).source, "NHK");
  EXPECT_EQ(back->captured, a.captured);
}

TEST(ArticleJsonTest, RejectsNonObjects) {
  EXPECT_FALSE(ArticleFromJson(nlohmann::json::array()));
}

TEST(ArticleJsonTest, InsightsRoundTrip) {
  ArticleInsights in;
  in.key_points = {"First point.", "Second point."};
  in.entities = {{"Ahmad al-Dalati", "ahmad al-dalati", TagKind::kPerson, 3},
                 {"Damascus", "damascus", TagKind::kPlace, 1}};
  in.quotes = {{"I categorically deny", "Dalati", "Ahmad al-Dalati", true, 2, 140, 160}};
  in.timeline = {{7, "2025-05-14", *ParseIso8601("2025-05-14T00:00:00Z"), "On May 14",
                  "On May 14 the talks began."}};
  in.computed_at = *ParseIso8601("2025-06-27T12:00:00Z");
  auto back = InsightsFromJson(InsightsToJson(in));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, in);
}

TEST(ArticleJsonTest, InsightsSkipMalformedItems) {
  const auto j = nlohmann::json::parse(R"({"key_points": ["a", 3], "entities": [1, {"name": "X",
      "kind": "planet", "mentions": -2}], "quotes": [{"text": "q", "begin": -5}], "extra": 1})");
  auto in = InsightsFromJson(j);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->key_points, std::vector<std::string>{"a"});
  ASSERT_EQ(in->entities.size(), 1u);
  EXPECT_EQ(in->entities[0].kind, TagKind::kTopic);
  ASSERT_EQ(in->quotes.size(), 1u);
  EXPECT_EQ(in->quotes[0].begin, 0u);
  EXPECT_FALSE(InsightsFromJson(nlohmann::json::array()));
}

}  // namespace
}  // namespace wiredesk
