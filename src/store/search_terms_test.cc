// ParseSearchTerms: what survives of a user's search box text.
#include "store/search_terms.h"

#include <gtest/gtest.h>

namespace wiredesk::store {
namespace {

std::vector<SearchTerm> Terms(std::string_view text) {
  auto r = ParseSearchTerms(text);
  EXPECT_TRUE(r.has_value()) << text << ": " << r.error().ToString();
  return r ? *r : std::vector<SearchTerm>{};
}

SearchTerm Word(std::string text, bool prefix = false) { return {std::move(text), false, prefix}; }
SearchTerm Phrase(std::string text, bool prefix = false) { return {std::move(text), true, prefix}; }

TEST(ParseSearchTermsTest, WordsPhrasesAndPrefixes) {
  EXPECT_EQ(Terms("volcano ash"), (std::vector{Word("volcano"), Word("ash")}));
  EXPECT_EQ(Terms("volc*"), (std::vector{Word("volc", true)}));
  EXPECT_EQ(Terms("\"ash cloud\" flights"), (std::vector{Phrase("ash cloud"), Word("flights")}));
  EXPECT_EQ(Terms("\"ash clo\"*"), (std::vector{Phrase("ash clo", true)}));
  EXPECT_EQ(Terms("covid-19 café"), (std::vector{Word("covid-19"), Word("café")}));
  EXPECT_EQ(Terms("  \"  ash \t cloud \" "), (std::vector{Phrase("ash cloud")}));
}

TEST(ParseSearchTermsTest, DropsQuerySyntax) {
  EXPECT_TRUE(Terms("").empty());
  EXPECT_TRUE(Terms("*").empty());
  EXPECT_TRUE(Terms("\"AND OR (").empty());
  EXPECT_TRUE(Terms("AND OR NOT NEAR").empty());
  EXPECT_TRUE(Terms("\"\"").empty());
  EXPECT_TRUE(Terms("( ) { } : ^ + - ,").empty());
  EXPECT_EQ(Terms("a AND b OR c"), (std::vector{Word("a"), Word("b"), Word("c")}));
  EXPECT_EQ(Terms("NEAR(lava ash, 2)"), (std::vector{Word("lava"), Word("ash"), Word("2")}));
  EXPECT_EQ(Terms("title:lava"), (std::vector{Word("title"), Word("lava")}));
  EXPECT_EQ(Terms("-lava +ash ^x"), (std::vector{Word("lava"), Word("ash"), Word("x")}));
  EXPECT_EQ(Terms("\"unclosed lava"), (std::vector{Word("unclosed"), Word("lava")}));
  EXPECT_EQ(Terms("and or"), (std::vector{Word("and"), Word("or")}));  // only upper case is syntax
  EXPECT_EQ(Terms("\"lava AND ash\""), (std::vector{Phrase("lava AND ash")}));
}

TEST(ParseSearchTermsTest, RepairsAndSeparatesOddBytes) {
  EXPECT_EQ(Terms("lava\x01"
                  "ash"),
            (std::vector{Word("lava"), Word("ash")}));
  EXPECT_EQ(Terms(std::string_view("lava\0ash", 8)), (std::vector{Word("lava"), Word("ash")}));
  auto repaired = Terms("\xff lava");
  ASSERT_EQ(repaired.size(), 2u);
  EXPECT_EQ(repaired[0].text, "\xEF\xBF\xBD");  // U+FFFD: harmless, matches nothing
  EXPECT_EQ(repaired[1], Word("lava"));
}

TEST(ParseSearchTermsTest, RefusesTooMuch) {
  EXPECT_EQ(ParseSearchTerms(std::string(kMaxSearchQueryBytes + 1, 'a')).error().code,
            ErrorCode::kInvalidArgument);
  std::string many;
  for (size_t i = 0; i <= kMaxSearchTerms; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_EQ(ParseSearchTerms(many).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(ParseSearchTerms(std::string(kMaxSearchQueryBytes, '(')).has_value());
}

}  // namespace
}  // namespace wiredesk::store
