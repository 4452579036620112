#include "store/snippet.h"

#include <gtest/gtest.h>

#include "enrich/summarize/text_units.h"
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

// SnippetMaker stems only the words whose first letter begins a query stem: Snowball's English
// stemmer keeps the first letter, its irregular forms included.
TEST(Snippet, MarksIrregularStemsAndWordsOfOtherInitials) {
  enrich::summarize::Stemmer stemmer("english");
  for (std::string_view w : {"skies", "dying", "lying", "tying", "idly", "gently", "early", "only",
                             "news", "yelled", "yes", "'tis", "happiness", "generously", "ugly",
                             "caf\xc3\xa9s", "\xc3\xa9t\xc3\xa9s", "a", "y", "bias", "atlases"}) {
    const std::string& stem = stemmer.Stem(w);
    const size_t at = w.find_first_not_of('\'');
    ASSERT_FALSE(stem.empty()) << w;
    EXPECT_EQ(stem[0], w[at]) << w << " -> " << stem;
  }
  EXPECT_EQ(SnippetMaker(Terms("sky die happy")).Make("Skies darkened, dying happiness.", false),
            Marked("Skies") + " darkened, " + Marked("dying") + " " + Marked("happiness") + ".");
  EXPECT_EQ(SnippetMaker(Terms("yell tis")).Make("Yelling, 'tis all.", false),
            Marked("Yelling") + ", '" + Marked("tis") + " all.");
}

}  // namespace
}  // namespace wiredesk::store
