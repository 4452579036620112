#include "store/snippet.h"

#include <gtest/gtest.h>

#include "store/store.h"

namespace wiredesk::store {
namespace {

std::string Marked(std::string_view w) { return std::string{kMarkOpen} + std::string(w) + kMarkClose; }

std::vector<SearchTerm> Terms(std::string_view text) {
  auto terms = ParseSearchTerms(text);
  EXPECT_TRUE(terms.has_value());
  return terms ? *terms : std::vector<SearchTerm>{};
}

TEST(Snippet, MarksStemmedMatchesInTheBestWindow) {
  std::string text = "Before the news. ";
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "The eruptions sent ash over the valley. ";
  for (int i = 0; i < 40; ++i) text += "tail" + std::to_string(i) + " ";
  const std::string s = SnippetMaker(Terms("eruption ash")).Make(text, false, 24);
  EXPECT_NE(s.find(Marked("eruptions")), std::string::npos) << s;
  EXPECT_NE(s.find(Marked("ash")), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;  // text left out before
  EXPECT_EQ(s.substr(s.size() - 3), "…") << s;
  EXPECT_EQ(s.find("Before"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…filler38 filler39 The " + Marked("eruptions"), 0), 0u) << s;  // a lead-in
}

TEST(Snippet, WholeShortTextHasNoEllipses) {
  const std::string s =
      SnippetMaker(Terms("\"city council\"")).Make("The City Council met on Monday.", false);
  EXPECT_EQ(s, "The " + Marked("City") + " " + Marked("Council") + " met on Monday.");
}

TEST(Snippet, PrefixesHyphenatedPartsAndACutText) {
  const std::string text = "Covid-19 cases rose as vaccination began in the capit";
  const std::string s = SnippetMaker(Terms("covid vacc*")).Make(text, /*cut=*/true);
  EXPECT_NE(s.find(Marked("Covid-19")), std::string::npos) << s;
  EXPECT_NE(s.find(Marked("vaccination")), std::string::npos) << s;
  EXPECT_EQ(s.find("capit"), std::string::npos) << s;  // half a word dropped
  EXPECT_EQ(s.substr(s.size() - 3), "…") << s;
}

TEST(Snippet, NoMatchGivesTheLeadAndEmptyTextStaysEmpty) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "word" + std::to_string(i) + " ";
  const std::string s = SnippetMaker(Terms("absent")).Make(text, false, 10);
  EXPECT_EQ(s, "word0 word1 word2 word3 word4 word5 word6 word7 word8 word9…");
  EXPECT_EQ(SnippetMaker(Terms("x")).Make("", false), "");
  EXPECT_EQ(SnippetMaker(Terms("x")).Make(" -- ", false), "--");
}

}  // namespace
}  // namespace wiredesk::store
