#include "enrich/tag/keyphrase_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "enrich/tag/background_df.h"

namespace wiredesk::enrich::tag {
namespace {

constexpr std::string_view kText =
    "Volcano erupts near Reykjavik\n"
    "A volcano erupted on Iceland's Reykjanes peninsula on Monday, sending lava towards the "
    "fishing town of Grindavik. The eruption was the fourth on the peninsula since December. "
    "Authorities evacuated Grindavik and the Blue Lagoon spa. Scientists said the volcano could "
    "keep erupting for weeks, and that lava flows threatened roads near Grindavik.";

bool Has(const std::vector<Keyphrase>& phrases, std::string_view text) {
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](const Keyphrase& p) { return p.text == text; });
}

TEST(KeyphraseExtractorTest, EveryMethodFindsTheTopic) {
  for (KeyphraseMethod m : {KeyphraseMethod::kTfIdf, KeyphraseMethod::kTextRank,
                            KeyphraseMethod::kYake, KeyphraseMethod::kWiredesk}) {
    KeyphraseOptions options;
    options.method = m;
    KeyphraseExtractor extractor("en", options);
    const auto phrases = extractor.Extract(kText);
    ASSERT_FALSE(phrases.empty());
    EXPECT_LE(phrases.size(), 10u);
    EXPECT_TRUE(Has(phrases, "Grindavik") || Has(phrases, "volcano")) << static_cast<int>(m);
    for (size_t i = 1; i < phrases.size(); ++i) EXPECT_GE(phrases[i - 1].score, phrases[i].score);
  }
}

TEST(KeyphraseExtractorTest, OursRanksTheNamesAndTopicFirst) {
  KeyphraseExtractor extractor("en");
  const auto phrases = extractor.Extract(kText);
  ASSERT_GE(phrases.size(), 5u);
  std::vector<std::string> top;
  for (size_t i = 0; i < 5; ++i) top.push_back(phrases[i].text);
  EXPECT_TRUE(Has(phrases, "Grindavik"));
  EXPECT_TRUE(Has(phrases, "volcano"));
  // No stopword at either edge, no duplicates by stem ("volcano"/"volcanoes").
  for (const auto& p : phrases) {
    EXPECT_FALSE(p.text.starts_with("the ")) << p.text;
    EXPECT_FALSE(p.text.ends_with(" the")) << p.text;
  }
}

TEST(KeyphraseExtractorTest, FrenchDegradesGracefully) {
  KeyphraseExtractor extractor("fr");
  const auto phrases = extractor.Extract(
      "Réforme des retraites : grève nationale\n"
      "Les syndicats appellent à une grève nationale contre la réforme des retraites. "
      "Le gouvernement maintient la réforme. La grève touchera les transports et les écoles.");
  ASSERT_FALSE(phrases.empty());
  EXPECT_TRUE(Has(phrases, "réforme") || Has(phrases, "grève") || Has(phrases, "grève nationale"));
  for (const auto& p : phrases) {
    EXPECT_NE(p.text, "les");
    EXPECT_NE(p.text, "la");
  }
}

TEST(KeyphraseExtractorTest, EmptyAndGarbage) {
  KeyphraseExtractor extractor("en");
  EXPECT_TRUE(extractor.Extract("").empty());
  EXPECT_TRUE(extractor.Extract("the of and to, a an!").empty());
  EXPECT_TRUE(extractor.Extract("\xFF\xFE\x80 123 4,5").empty());
  KeyphraseExtractor unknown("xx");
  EXPECT_FALSE(unknown.Extract("Zorblat quinx zorblat").empty());
}

TEST(KeyphraseExtractorTest, BackgroundIdfFavoursRareWords) {
  EXPECT_GT(BackgroundIdf("volcano", "en"), BackgroundIdf("government", "en"));
  KeyphraseMethod m{};
  EXPECT_TRUE(ParseKeyphraseMethod("yake", m));
  EXPECT_EQ(m, KeyphraseMethod::kYake);
  EXPECT_FALSE(ParseKeyphraseMethod("bert", m));
}

}  // namespace
}  // namespace wiredesk::enrich::tag
