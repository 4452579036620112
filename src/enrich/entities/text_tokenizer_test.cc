#include "enrich/entities/text_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wiredesk::enrich::entities {
namespace {

std::vector<std::vector<std::string>> Split(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  for (const TextSentence& s : SplitSentences(text)) {
    out.emplace_back();
    for (const TextToken& t : s.tokens) out.back().emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

TEST(TextTokenizerTest, SplitsPunctuationAndClitics) {
  const auto s = Split("Germany's Chancellor said (again): \"No,\" and didn't.");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0], (std::vector<std::string>{"Germany", "'s", "Chancellor", "said", "(", "again",
                                            ")", ":", "\"", "No", ",", "\"", "and", "did",
                                            "n't", "."}));
}

TEST(TextTokenizerTest, KeepsAbbreviationsAndNumbers) {
  const auto s = Split("Mr. Smith paid $3.5 million to the U.S. Treasury on Jan. 5.");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0], (std::vector<std::string>{"Mr.", "Smith", "paid", "$3.5", "million", "to",
                                            "the", "U.S.", "Treasury", "on", "Jan.", "5", "."}));
}

TEST(TextTokenizerTest, SplitsSentencesAndLines) {
  const auto s = Split("It rained. Then it stopped!\nHEADLINE HERE\n\n\"Yes,\" she said.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].back(), ".");
  EXPECT_EQ(s[1].back(), "!");
  EXPECT_EQ(s[2], (std::vector<std::string>{"HEADLINE", "HERE"}));
  EXPECT_EQ(s[3].front(), "\"");
}

TEST(TextTokenizerTest, EmptyAndGarbage) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences(" \n\t\n ").empty());
  const std::string garbage = "\xff\xfe... ,,, \x01\x02 ...";
  size_t covered = 0;
  for (const TextSentence& s : SplitSentences(garbage)) {
    for (const TextToken& t : s.tokens) {
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, garbage.size());
      covered += t.end - t.begin;
    }
  }
  EXPECT_GT(covered, 0u);
}

}  // namespace
}  // namespace wiredesk::enrich::entities
