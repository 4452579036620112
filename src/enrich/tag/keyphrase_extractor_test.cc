#include "enrich/tag/keyphrase_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "enrich/tag/background_df.h"
#include "enrich/tag/keyphrase_trainer.h"

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


TEST(KeyphraseModelTest, TrainsOnSyntheticDocumentsAndRoundTrips) {
  // Annotators here always choose the volcano and the town, never the weekday.
  KeyphraseExtractor extractor("en");
  extractor.SetModel(nullptr);
  std::vector<KeyphraseTrainingDocument> docs;
  const char* towns[] = {"Grindavik", "Vik", "Hella", "Selfoss"};
  for (int i = 0; i < 4; ++i) {
    const std::string town = towns[i];
    const std::string text = "Volcano threatens " + town + "\nOn Monday the volcano near " + town +
                             " erupted again. Monday traffic stopped. " + town +
                             " was evacuated as the volcano kept erupting.";
    docs.push_back(PrepareTrainingDocument(extractor, town, text, {"volcano", town}));
  }
  ASSERT_FALSE(docs[0].candidates.empty());
  EXPECT_TRUE(docs[0].gold.contains("volcano"));
  const KeyphraseModel model = TrainKeyphraseModel(docs, {0, 1, 2});
  const auto top = RankCandidates(model, docs[3].candidates, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_TRUE((top[0] == "volcano" && top[1] == "Selfoss") ||
              (top[0] == "Selfoss" && top[1] == "volcano"))
      << top[0] << ", " << top[1];

  auto parsed = ParseKeyphraseModel(SerializeKeyphraseModel(model), "test");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->keyphraseness, model.keyphraseness);
  EXPECT_NEAR(parsed->Score(docs[3].candidates[0].features),
              model.Score(docs[3].candidates[0].features), 1e-6);
  extractor.SetModel(&*parsed);
  EXPECT_TRUE(Has(extractor.Extract("Volcano near Hella\nThe volcano erupted near Hella."),
                  "volcano"));
}

TEST(KeyphraseModelTest, BadModelFilesAreRefused) {
  EXPECT_FALSE(ParseKeyphraseModel("", "x"));
  EXPECT_FALSE(ParseKeyphraseModel("not a model\n", "x"));
  EXPECT_FALSE(ParseKeyphraseModel("wiredesk-keyphrase-model 1\nfeature idf 0 1 0\n", "x"));
  EXPECT_FALSE(ParseKeyphraseModel("wiredesk-keyphrase-model 1\nphrase 3 1 vaccin\n", "x"));
  EXPECT_FALSE(ParseKeyphraseModel("wiredesk-keyphrase-model 1\nfeature log_tf nan 1 0\n", "x"));
  EXPECT_FALSE(ParseKeyphraseModel("wiredesk-keyphrase-model 1\ndocuments -3\n", "x"));
  // The shipped model reads, and ranks an English text.
  const KeyphraseModel* shipped = BuiltinKeyphraseModel();
  ASSERT_NE(shipped, nullptr);
  EXPECT_GT(shipped->documents, 0);
  EXPECT_FALSE(shipped->keyphraseness.empty());
}

}  // namespace
}  // namespace wiredesk::enrich::tag
