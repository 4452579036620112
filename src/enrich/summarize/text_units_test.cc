#include "enrich/summarize/text_units.h"

#include <gtest/gtest.h>

namespace wiredesk::enrich::summarize {
namespace {

TEST(TextUnitsTest, WordsKeepCaseAndMarkBreaks) {
  const auto words = SplitWords("NASA's O'Brien met covid-19 experts, then left.");
  ASSERT_EQ(words.size(), 7u);
  EXPECT_EQ(words[0].lower, "nasa");
  EXPECT_TRUE(words[0].all_caps);
  EXPECT_EQ(words[1].lower, "o'brien");
  EXPECT_TRUE(words[1].capitalised);
  EXPECT_FALSE(words[1].sentence_start);
  EXPECT_EQ(words[3].lower, "covid-19");
  EXPECT_TRUE(words[3].number);
  EXPECT_FALSE(words[4].break_before);
  EXPECT_TRUE(words[5].break_before);  // after the comma
}

TEST(TextUnitsTest, FoldsAccentedCapitals) {
  const auto words = SplitWords("\xC3\x89" "cole");  // École
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].lower, "\xC3\xA9" "cole");
  EXPECT_TRUE(words[0].capitalised);
}

TEST(TextUnitsTest, StemsEnglishAndFrench) {
  Stemmer en("en");
  EXPECT_EQ(en.Stem("elections"), "elect");
  Stemmer fr("fr");
  EXPECT_TRUE(fr.HasAlgorithm());
  EXPECT_EQ(fr.Stem("gouvernements"), fr.Stem("gouvernement"));
  Stemmer none("klingon");
  EXPECT_FALSE(none.HasAlgorithm());
  EXPECT_EQ(none.Stem("qapla"), "qapla");
}

TEST(TextUnitsTest, Stopwords) {
  EXPECT_TRUE(IsStopword("the", "en"));
  EXPECT_FALSE(IsStopword("election", "en"));
  EXPECT_TRUE(IsStopword("les", "fr"));
  EXPECT_FALSE(IsStopword("gouvernement", "fr"));
  EXPECT_TRUE(IsStopword("ja", "fi"));  // no list: two letters
}

TEST(TextUnitsTest, GarbageInput) {
  EXPECT_TRUE(SplitWords("").empty());
  EXPECT_TRUE(SplitWords("\xFF\xFE\x80 ... !!!").empty());
  EXPECT_EQ(SplitWords("\xC3").size(), 0u);
}

}  // namespace
}  // namespace wiredesk::enrich::summarize
