#include "enrich/summarize/sentence_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wiredesk::enrich::summarize {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view s : SplitSentences(text)) out.emplace_back(s);
  return out;
}

TEST(SentenceSplitterTest, SplitsAtTerminators) {
  EXPECT_EQ(Split("It rained. Then it stopped! Did it? Yes."),
            (std::vector<std::string>{"It rained.", "Then it stopped!", "Did it?", "Yes."}));
}

TEST(SentenceSplitterTest, KeepsAbbreviationsInitialsAndDecimals) {
  EXPECT_EQ(Split("Mr. Smith paid $3.50 to Dr. J. R. Jones at 5 p.m. on Friday. He left."),
            (std::vector<std::string>{"Mr. Smith paid $3.50 to Dr. J. R. Jones at 5 p.m. on Friday.",
                                      "He left."}));
  EXPECT_EQ(Split("Troops left the U.S. The war ended."),
            (std::vector<std::string>{"Troops left the U.S.", "The war ended."}));
  EXPECT_EQ(Split("The U.S. military said so."),
            (std::vector<std::string>{"The U.S. military said so."}));
}

TEST(SentenceSplitterTest, ClosingQuotesStayWithTheSentence) {
  EXPECT_EQ(Split("\"We will win.\" She smiled. \xE2\x80\x9CNo way!\xE2\x80\x9D he said."),
            (std::vector<std::string>{"\"We will win.\"", "She smiled.",
                                      "\xE2\x80\x9CNo way!\xE2\x80\x9D he said."}));
}

TEST(SentenceSplitterTest, LineBreaksEndSentences) {
  EXPECT_EQ(Split("Headline without a period\nFirst sentence. Second"),
            (std::vector<std::string>{"Headline without a period", "First sentence.", "Second"}));
}

TEST(SentenceSplitterTest, TokenisedLowerCaseText) {
  EXPECT_EQ(Split("( cnn ) two heroes are safe . `` it is hard , '' she said . the end ."),
            (std::vector<std::string>{"( cnn ) two heroes are safe .",
                                      "`` it is hard , '' she said .", "the end ."}));
  EXPECT_EQ(Split("he said . '' then left ."),
            (std::vector<std::string>{"he said . ''", "then left ."}));
}

TEST(SentenceSplitterTest, EmptyAndGarbage) {
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split("   \n\n ").empty());
  EXPECT_EQ(Split("...").size(), 1u);
  EXPECT_EQ(Split("\xFF\xFE. \xC3").size(), 2u);
}

}  // namespace
}  // namespace wiredesk::enrich::summarize
