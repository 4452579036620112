#include "enrich/entities/ner_tagger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "enrich/entities/canonical_names.h"
#include "enrich/entities/ner_model.h"
#include "enrich/entities/ner_trainer.h"

namespace wiredesk::enrich::entities {
namespace {

const NerModel& Model() {
  auto m = BuiltinNerModel();
  EXPECT_TRUE(m.has_value()) << (m ? "" : m.error().ToString());
  return **m;
}

bool HasMention(const std::vector<Mention>& ms, std::string_view text, EntityType type) {
  for (const Mention& m : ms) {
    if (m.text == text && m.type == type) return true;
  }
  return false;
}

TEST(NerTaggerTest, FindsClearPeopleAndPlaces) {
  NerTagger tagger(Model());
  const std::string text =
      "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on "
      "Tuesday.\nLater, Merkel flew back to Berlin, officials said.";
  const auto mentions = FindMentions(tagger, text);
  EXPECT_TRUE(HasMention(mentions, "Angela Merkel", EntityType::kPerson));
  EXPECT_TRUE(HasMention(mentions, "Emmanuel Macron", EntityType::kPerson));
  EXPECT_TRUE(HasMention(mentions, "Paris", EntityType::kLocation));
  EXPECT_TRUE(HasMention(mentions, "Berlin", EntityType::kLocation));
  for (const Mention& m : mentions) {
    EXPECT_EQ(text.substr(m.begin, m.end - m.begin), m.text);
  }
}

TEST(NerTaggerTest, OutputIsValidBio) {
  NerTagger tagger(Model());
  const std::vector<std::string> words = {"I", "-", "the", "New", "York", "Stock", "Exchange",
                                          "and", "Reuters", "reported", "U.S.", "data", ".",
                                          "United", "Nations", "Secretary", "Kofi", "Annan"};
  const DocumentTokens doc = {{words.begin(), words.end()}};
  const auto tags = tagger.TagDocument(doc);
  ASSERT_EQ(tags.size(), 1u);
  ASSERT_EQ(tags[0].size(), words.size());
  Tag prev = kOutside;
  for (Tag t : tags[0]) {
    EXPECT_LT(t, kNumTags);
    EXPECT_TRUE(Follows(prev, t)) << TagName(prev) << " then " << TagName(t);
    prev = t;
  }
}

TEST(NerTaggerTest, EmptyAndGarbageInput) {
  NerTagger tagger(Model());
  EXPECT_TRUE(FindMentions(tagger, "").empty());
  EXPECT_TRUE(tagger.TagDocument({}).empty());
  const DocumentTokens empty_sentence = {{}};
  EXPECT_EQ(tagger.TagDocument(empty_sentence).size(), 1u);
  std::string garbage;
  for (int i = 0; i < 2000; ++i) garbage += static_cast<char>((i * 131 + 7) % 256);
  for (const Mention& m : FindMentions(tagger, garbage)) {
    EXPECT_LE(m.end, garbage.size());
    EXPECT_LT(m.begin, m.end);
  }
  const std::string long_word(10000, 'A');
  EXPECT_EQ(FindMentions(tagger, long_word).size() <= 1, true);
}

// Document-level features: a company named first by one word and only later in full ("Kelvaro
// ... Kelvaro Holdings Inc") is an organisation at its first mention too, where the prediction
// history (earlier mentions only) has nothing yet; a repeated surname keeps its type.
TEST(NerTaggerTest, DocumentTellsWhatAShortNameIs) {
  NerTagger tagger(Model());
  const std::string company =
      "Kelvaro said profit rose 5 percent.\nShares of Kelvaro Holdings Inc rose on Monday.";
  const auto mentions = FindMentions(tagger, company);
  ASSERT_FALSE(mentions.empty());
  EXPECT_EQ(mentions[0].text, "Kelvaro");
  EXPECT_EQ(mentions[0].type, EntityType::kOrganisation);
  EXPECT_TRUE(HasMention(mentions, "Kelvaro Holdings Inc", EntityType::kOrganisation));

  const std::string person =
      "Dalati told reporters the deal was done.\nAhmad al-Dalati, the minister, spoke on "
      "Monday.\nDalati later left for Damascus.";
  size_t dalati = 0;
  for (const Mention& m : FindMentions(tagger, person)) {
    if (m.text == "Dalati") {
      ++dalati;
      EXPECT_EQ(m.type, EntityType::kPerson);
    }
  }
  EXPECT_EQ(dalati, 2u);
}

// The sorted feature hashes of token `i` of sentence `s` (no gazetteer, no clusters, every
// earlier tag O): model-free checks of what the document adds to a word.
std::vector<uint64_t> FeaturesOf(const DocumentTokens& doc, size_t s, size_t i) {
  const Gazetteer gazetteer;
  DocumentFeatures f;
  f.Prepare(doc, gazetteer);
  std::vector<uint64_t> out;
  const std::vector<Tag> none(doc[s].size(), kOutside);
  f.Extract(s, i, none.data(), out);
  std::sort(out.begin(), out.end());
  return out;
}

// The features of a word gain the longest capitalised run it is part of anywhere in the
// document, later sentences included (model-free: the feature hashes themselves).
TEST(NerFeaturesTest, LongerNameLaterInTheDocumentAddsFeatures) {
  const std::vector<std::string_view> first = {"Kelvaro", "said", "."};
  const std::vector<std::string_view> later = {"Shares", "of", "Kelvaro", "Holdings", "Inc"};
  const std::vector<std::string_view> other = {"Profit", "rose", "."};
  const auto alone = FeaturesOf({first, other}, 0, 0);
  const auto with_full_name = FeaturesOf({first, later}, 0, 0);
  // Alone: "a one-word run"; with the full name: "first of a 3-word run" and "its run ends in
  // 'inc'" (plus whether the word is seen capitalised mid-sentence: yes, in the later one, and
  // the later occurrence's context: after "of").
  EXPECT_EQ(with_full_name.size(), alone.size() + 2);
  std::vector<uint64_t> added;
  std::set_difference(with_full_name.begin(), with_full_name.end(), alone.begin(), alone.end(),
                      std::back_inserter(added));
  EXPECT_EQ(added.size(), 4u);
}

// An ampersand between capitalised words keeps one run: "Douglas" alone first, then in
// "Douglas & Lomason Co", is the first word of a 4-token run ending in "co".
TEST(NerFeaturesTest, AmpersandJoinsADocumentRun) {
  const std::vector<std::string_view> first = {"Douglas", "said", "."};
  const std::vector<std::string_view> amp = {"Shares", "of", "Douglas", "&", "Lomason", "Co"};
  const std::vector<std::string_view> word = {"Shares", "of", "Douglas", "and", "Lomason", "Co"};
  // With "and", "Douglas" is a one-word run everywhere; with "&", the run's last word is added.
  EXPECT_EQ(FeaturesOf({first, amp}, 0, 0).size(), FeaturesOf({first, word}, 0, 0).size() + 1);
}

// The lower-case words around a capitalised word's occurrences become its features
// ("Ericsson spokesman" later tells what the first "Ericsson" is).
TEST(NerFeaturesTest, WordsAroundOtherOccurrencesAddFeatures) {
  const std::vector<std::string_view> first = {"Ericsson", "won", "."};
  const std::vector<std::string_view> spokesman = {"said", "Ericsson", "spokesman", "Per"};
  const std::vector<std::string_view> other = {"Profit", "rose", "."};
  // The first sentence alone gives one context ("won"); the second adds "said" and "spokesman".
  EXPECT_EQ(FeaturesOf({first, spokesman}, 0, 0).size(),
            FeaturesOf({first, other}, 0, 0).size() + 2);
}

// A wire story's desk slug ("SOCCER - ...") adds features to the capitalised words of the
// whole document; a first sentence without one adds none.
TEST(NerFeaturesTest, DeskSlugAddsFeaturesToCapitalisedWords) {
  const std::vector<std::string_view> slugged = {"SOCCER", "-", "LEEDS", "BEAT", "CHELSEA"};
  const std::vector<std::string_view> plain = {"Chelsea", "lost", "on", "Sunday", "."};
  const std::vector<std::string_view> later = {"Leeds", "won", "at", "home", "."};
  const std::vector<std::string_view> other_slug = {"TENNIS", "-", "LEEDS", "BEAT", "CHELSEA"};
  // "Leeds" in the second sentence: one more feature under a slug, and a different one for
  // another desk's.
  const auto with_slug = FeaturesOf({slugged, later}, 1, 0);
  const auto without = FeaturesOf({plain, later}, 1, 0);
  const auto tennis = FeaturesOf({other_slug, later}, 1, 0);
  EXPECT_EQ(with_slug.size(), without.size() + 1);
  EXPECT_EQ(tennis.size(), with_slug.size());
  EXPECT_NE(tennis, with_slug);
  // Lower-case words get none.
  EXPECT_EQ(FeaturesOf({slugged, later}, 1, 1).size(), FeaturesOf({plain, later}, 1, 1).size());
}

// Averaging models keeps the mean of their real weights (int16 times scale) in one table.
TEST(NerTrainerTest, AveragesModelsWeights) {
  NerModel a, b;
  for (NerModel* m : {&a, &b}) {
    m->bucket_bits = 10;
    m->weights.assign((size_t{1} << 10) * kNumTags, 0);
    m->gazetteer.Add({"New", "Zealand"}, GazetteerList::kCountry);
  }
  a.scale = 1.0f;
  b.scale = 0.5f;
  a.weights[0] = 100;   // 100
  b.weights[0] = 300;   // 150: mean 125
  a.weights[1] = -40;   // -40
  b.weights[1] = 0;     // 0: mean -20
  b.weights[2] = 1000;  // 500: mean 250, the largest
  const auto avg = AverageNerModels({a, b});
  ASSERT_TRUE(avg.has_value()) << avg.error().ToString();
  ASSERT_EQ(avg->weights.size(), a.weights.size());
  EXPECT_NEAR(avg->weights[0] * avg->scale, 125.0, 0.01);
  EXPECT_NEAR(avg->weights[1] * avg->scale, -20.0, 0.01);
  EXPECT_NEAR(avg->weights[2] * avg->scale, 250.0, 0.01);
  EXPECT_EQ(avg->weights[2], 32767);  // the largest weight uses the whole int16 range
  EXPECT_EQ(avg->gazetteer.phrases(), a.gazetteer.phrases());

  NerModel small = a;
  small.bucket_bits = 11;
  small.weights.assign((size_t{1} << 11) * kNumTags, 0);
  EXPECT_FALSE(AverageNerModels({a, small}).has_value());
  EXPECT_FALSE(AverageNerModels({}).has_value());
}

// WordNet's named instances become gazetteer phrases by lexicographer file; common nouns,
// other files and the licence header are skipped (a synthetic data.noun in WordNet's format).
TEST(NerTrainerTest, WordNetNamedInstances) {
  const std::string dir = ::testing::TempDir() + "/wordnet-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir + "/data.noun");
    out << "  1 This software and database is being provided to you, the LICENSEE, by  \n"
           "08944242 15 n 02 Paris 0 City_of_Light 0 001 @i 08691133 n 0000 | capital  \n"
           "11069452 18 n 02 Ahmad_al-Dalati 0 Dalati 0 001 @i 10467395 n 0000 | minister  \n"
           "08241798 14 n 01 Kelvaro_Holdings(a) 0 001 @i 08242223 n 0000 | a company  \n"
           "08226335 15 n 01 city 0 001 @ 08524735 n 0000 | a large town (not an instance)  \n"
           "00060548 04 n 01 Hegira 1 001 @i 00058743 n 0000 | an event (not a kept file)  \n";
  }
  Gazetteer gazetteer;
  ASSERT_TRUE(AddWordNet(dir, gazetteer).has_value());
  auto lists_of = [&](const std::vector<std::string_view>& tokens) {
    Gazetteer one;
    one.Add(tokens, GazetteerList::kCountry);
    return gazetteer.Lookup(one.phrases().begin()->first);
  };
  const auto bit = [](GazetteerList l) { return static_cast<uint8_t>(1u << static_cast<int>(l)); };
  EXPECT_EQ(lists_of({"Paris"}), bit(GazetteerList::kLocationList));
  EXPECT_EQ(lists_of({"city", "of", "light"}), bit(GazetteerList::kLocationList));
  EXPECT_EQ(lists_of({"Ahmad", "al-Dalati"}), bit(GazetteerList::kPersonList));
  EXPECT_EQ(lists_of({"Dalati"}), bit(GazetteerList::kPersonList));
  EXPECT_EQ(lists_of({"Kelvaro", "Holdings"}), bit(GazetteerList::kOrganisationList));
  EXPECT_EQ(lists_of({"city"}), 0);
  EXPECT_EQ(lists_of({"Hegira"}), 0);
  EXPECT_EQ(gazetteer.size(), 5u);

  Gazetteer none;
  const auto missing = AddWordNet(dir + "/nowhere", none);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(NerModelTest, MissingFileIsAClearError) {
  const auto m = ReadNerModel("/nonexistent/ner-en.bin");
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code, ErrorCode::kNotFound);
  EXPECT_NE(m.error().ToString().find("/nonexistent/ner-en.bin"), std::string::npos);
  const auto bad = ParseNerModel("not a model at all", "test");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kParse);
}

TEST(NerModelTest, RoundTripsThroughAFile) {
  NerModel m;
  m.bucket_bits = 10;
  m.scale = 0.5f;
  m.note = "test";
  m.weights.assign((size_t{1} << 10) * kNumTags, 0);
  m.weights[42] = -7;
  m.gazetteer.Add({"New", "Zealand"}, GazetteerList::kCountry);
  WordClusters words;
  words.words = {"Paris", "said"};
  words.ids = {ClusterIds{1, 2, 3}, ClusterIds{4, 5, 6}};
  words.counts = {10, 20};
  m.clusters.AddWords(words);
  const std::string path = ::testing::TempDir() + "/ner-roundtrip.bin";
  ASSERT_TRUE(WriteNerModel(m, path).has_value());
  const auto back = ReadNerModel(path);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(back->bucket_bits, 10);
  EXPECT_EQ(back->note, "test");
  EXPECT_EQ(back->weights, m.weights);
  EXPECT_EQ(back->gazetteer.phrases(), m.gazetteer.phrases());
  EXPECT_EQ(back->clusters.Entries(), m.clusters.Entries());
  EXPECT_EQ(back->clusters.Lookup("PARIS"), (ClusterIds{1, 2, 3}));
}

TEST(NerModelTest, TagNames) {
  EXPECT_EQ(TagName(BeginTag(EntityType::kPerson)), "B-PER");
  EXPECT_EQ(TagName(InsideTag(EntityType::kOther)), "I-MISC");
  EXPECT_EQ(ParseTag("I-ORG"), InsideTag(EntityType::kOrganisation));
  EXPECT_FALSE(ParseTag("B-person").has_value());
}

}  // namespace
}  // namespace wiredesk::enrich::entities
