#include "enrich/cluster/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wiredesk::enrich::cluster {
namespace {

std::vector<std::string> Words(std::string_view text) {
  Tokenizer t;
  std::vector<std::string> out;
  for (const Token& tok : t.Tokenize(text)) out.emplace_back(tok.text);
  return out;
}

TEST(TokenizerTest, LowerCasesAndDropsStopwordsAndPossessives) {
  EXPECT_EQ(Words("The quake's toll in Chile rose"),
            (std::vector<std::string>{"quake", "toll", "chile", "rose"}));
}

TEST(TokenizerTest, KeepsDecimalsAndThousandsWhole) {
  EXPECT_EQ(Words("A magnitude 7.8 quake killed 1,200 people."),
            (std::vector<std::string>{"magnitude", "7.8", "quake", "killed", "1200", "people"}));
}

TEST(TokenizerTest, SplitsOnUnicodePunctuationAndLowersLatin) {
  // Curly quotes, an em dash and NBSP separate words; É lowers to é.
  EXPECT_EQ(Words("\u201CÉCOLE\u201D\u2014Zürich\u00A0Bahnhof"),
            (std::vector<std::string>{"école", "zürich", "bahnhof"}));
}

TEST(TokenizerTest, MarksNamesInRunningTextButNotSentenceStarts) {
  Tokenizer t;
  const auto& tokens = t.Tokenize("Rescuers searched Padang. Officials in 2009 said more.");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_FALSE(tokens[0].entity);  // "Rescuers" opens the text
  EXPECT_TRUE(tokens[0].capitalised);
  EXPECT_FALSE(tokens[1].capitalised);  // "searched"
  EXPECT_TRUE(tokens[2].entity);   // "Padang"
  EXPECT_FALSE(tokens[3].entity);  // "Officials" opens a sentence
  EXPECT_TRUE(tokens[4].number);   // "2009"
}

TEST(TokenizerTest, SurvivesIllFormedUtf8) {
  EXPECT_EQ(Words("bad\xFF\xFEinput \xE2\x82"), (std::vector<std::string>{"bad", "input"}));
}

}  // namespace
}  // namespace wiredesk::enrich::cluster
