#include "enrich/quotes/quote_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wiredesk::enrich::quotes {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : TokenizeRange(text, 0, text.size())) {
    out.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

TEST(QuoteTextTest, KeepsAbbreviationsAndSplitsFullStops) {
  EXPECT_EQ(Words("Mr. Dalati of the U.S. said yes."),
            (std::vector<std::string>{"Mr.", "Dalati", "of", "the", "U.S.", "said", "yes", "."}));
  EXPECT_EQ(Words("al-Dalati’s “don’t”"),
            (std::vector<std::string>{"al-Dalati’s", "“", "don’t", "”"}));
  EXPECT_EQ(Words("''Yes,'' São Paulo said"),
            (std::vector<std::string>{"''", "Yes", ",", "''", "São", "Paulo", "said"}));
}

TEST(QuoteTextTest, FindsQuotationsCurlyStraightAndOpen) {
  const std::string text = "A “b c” d \"e f\" g ''h'' and “open to the end";
  const auto q = FindQuotations(text, 0, text.size());
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(text.substr(q[0].first, q[0].second - q[0].first), "“b c”");
  EXPECT_EQ(text.substr(q[1].first, q[1].second - q[1].first), "\"e f\"");
  EXPECT_EQ(text.substr(q[2].first, q[2].second - q[2].first), "''h''");
  EXPECT_EQ(q[3].second, text.size());
}

TEST(QuoteTextTest, StrayClosingMarkOpensNothing) {
  const std::string text = "a” b “c” d”";
  const auto q = FindQuotations(text, 0, text.size());
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(text.substr(q[0].first, q[0].second - q[0].first), "“c”");
}

TEST(QuoteTextTest, ParagraphsAreNonEmptyLines) {
  const auto p = SplitParagraphs("one\n\n  two \r\n\nthree");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[1].first, 7u);
}

TEST(QuoteTextTest, GarbageDoesNotCrash) {
  const std::string bytes("\xff\xfe\xe2\x80\x9c\x00\xc3", 7);
  EXPECT_FALSE(TokenizeRange(bytes, 0, bytes.size()).empty());
  FindQuotations(bytes, 0, bytes.size());
}

}  // namespace
}  // namespace wiredesk::enrich::quotes
