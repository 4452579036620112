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

}  // namespace
}  // namespace wiredesk
