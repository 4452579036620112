#include "enrich/tag/keyphrase_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

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
  // Mentions that do not fit the text (out of order, past its end, a stray type) are harmless.
  const std::vector<entities::Mention> stray{
      {entities::EntityType::kPerson, 40, 90, "x", 0},
      {static_cast<entities::EntityType>(9), 0, 5, "Storm", 0},
      {entities::EntityType::kLocation, 3, 1, "y", 0}};
  EXPECT_FALSE(extractor.Extract("Storm warning\nThe storm hit.", stray).empty());
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

// The candidate of `stems` among `all`; fails the test when there is none.
const KeyphraseCandidate& Find(const std::vector<KeyphraseCandidate>& all, std::string_view stems) {
  static const KeyphraseCandidate none{};
  const auto it = std::find_if(all.begin(), all.end(),
                               [&](const KeyphraseCandidate& c) { return c.stems == stems; });
  EXPECT_NE(it, all.end()) << stems;
  return it == all.end() ? none : *it;
}

entities::Mention MentionOf(std::string_view text, std::string_view name, entities::EntityType type) {
  const size_t at = text.find(name);
  return {type, at, at + name.size(), std::string(name), 0};
}

TEST(KeyphraseExtractorTest, TaggedNamesBecomeFeatures) {
  constexpr std::string_view text =
      "Storm nears Blue Lagoon\n"
      "Guests left the Blue Lagoon spa on Monday. Blue Lagoon staff said the storm would pass.";
  KeyphraseExtractor extractor("en");
  // Without names every entity feature is zero.
  for (const auto& c : extractor.Candidates(text)) {
    for (int f = kEntityPerson; f <= kStraddlesEntity; ++f) EXPECT_EQ(c.features[f], 0) << c.stems;
  }
  // The three "Blue Lagoon"s tagged as a place.
  std::vector<entities::Mention> names;
  for (size_t from = 0; (from = text.find("Blue Lagoon", from)) != std::string_view::npos;
       from += 11) {
    names.push_back({entities::EntityType::kLocation, from, from + 11, "Blue Lagoon", 0});
  }
  ASSERT_EQ(names.size(), 3u);
  const auto all = extractor.Candidates(text, names);
  const KeyphraseCandidate& whole = Find(all, "blue lagoon");
  EXPECT_EQ(whole.features[kEntityPlace], 1);
  EXPECT_EQ(whole.features[kEntityPerson], 0);
  EXPECT_EQ(whole.features[kInsideEntity], 0);
  EXPECT_EQ(Find(all, "lagoon").features[kInsideEntity], 1);  // always part of the name
  // "Blue Lagoon spa" and "Lagoon staff" cross the name's edge.
  EXPECT_EQ(Find(all, "lagoon spa").features[kStraddlesEntity], 1);
  EXPECT_EQ(Find(all, "storm").features[kStraddlesEntity], 0);
  // A mention type the ranker reads by its own feature.
  constexpr std::string_view mayor = "Smith wins\nMayor Jane Smith won.";
  const std::vector<entities::Mention> jane{
      MentionOf(mayor, "Jane Smith", entities::EntityType::kPerson)};
  const auto person = extractor.Candidates(mayor, jane);
  EXPECT_EQ(Find(person, "jane smith").features[kEntityPerson], 1);
}

TEST(KeyphraseExtractorTest, PlaceAndNeighbourFeatures) {
  constexpr std::string_view text =
      "Storm hits the coast\n"
      "The storm of the decade hit the coast-road towns. He said the storm will pass. "
      "Officials want to evacuate the towns, and the governor's office agreed.";
  KeyphraseExtractor extractor("en");
  const auto all = extractor.Candidates(text);
  const KeyphraseCandidate& storm = Find(all, "storm");
  // "Storm" (title), "The storm of", "the storm will".
  EXPECT_NEAR(storm.features[kTitleCount], std::log(2.0), 1e-9);
  EXPECT_EQ(storm.features[kInLead], 1);
  EXPECT_NEAR(storm.features[kAfterDeterminer], 2.0 / 3, 1e-9);
  EXPECT_NEAR(storm.features[kBeforeOf], 1.0 / 3, 1e-9);
  EXPECT_NEAR(storm.features[kBeforeVerb], 1.0 / 3, 1e-9);
  EXPECT_EQ(storm.features[kHyphenated], 0);
  EXPECT_GT(storm.features[kLastPosition], storm.features[kFirstPosition]);
  const KeyphraseCandidate& evacuate = Find(all, "evacu");
  EXPECT_EQ(evacuate.features[kAfterTo], 1);
  EXPECT_EQ(evacuate.features[kInLead], 0);
  EXPECT_EQ(evacuate.features[kTitleCount], 0);
  EXPECT_EQ(Find(all, "coast-road").features[kHyphenated], 1);
  EXPECT_EQ(Find(all, "offici").features[kNounEnding], 0);
  EXPECT_EQ(Find(all, "governor").features[kNounEnding], 1);
}

TEST(KeyphraseModelTest, ScorePhraseReplacesTheKeyphrasenessFeatures) {
  KeyphraseModel model;
  model.documents = 10;
  for (int f = 0; f < kNumKeyphraseFeatures; ++f) {
    model.mean[f] = 0.1 * (f % 3);
    model.scale[f] = 1 + 0.5 * (f % 4);
    model.weights[f] = 0.01 * f - 0.3;
  }
  model.bias = 0.2;
  model.keyphraseness["storm"] = {2, 3};
  model.Fold();
  KeyphraseFeatures x{};
  for (int f = 0; f < kNumKeyphraseFeatures; ++f) x[f] = 0.05 * f;  // keyphraseness slots too
  for (auto [stems, chosen, seen] : {std::tuple("storm", 2, 3), std::tuple("calm", 0, 0)}) {
    KeyphraseFeatures y = x;
    SetKeyphraseness(chosen, seen, model.documents, y);
    EXPECT_NEAR(model.ScorePhrase(stems, x), model.Score(y), 1e-9) << stems;
  }
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
