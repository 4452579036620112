#include "core/text.h"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

TEST(TextTest, RepairUtf8ReplacesIllFormedBytes) {
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));
  EXPECT_EQ(RepairUtf8("caf\xE9!"), "caf\xEF\xBF\xBD!");
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_EQ(RepairUtf8(std::string("a\0b", 3)), "ab");
}

TEST(TextTest, CollapseWhitespaceTreatsControlCharactersAsSpace) {
  // \x01 and \x02 are the store's snippet marks: a page's own must not reach them.
  EXPECT_EQ(CollapseWhitespace("voted \x01on Monday\x02 to\x7F close\x1B"), "voted on Monday to close");
}

TEST(TextTest, CollapseWhitespaceHandlesNbsp) {
  EXPECT_EQ(CollapseWhitespace("  a \t\n b\xC2\xA0\xC2\xA0 c  "), "a b c");
  EXPECT_EQ(Trim("\xE2\x80\x89 x \xC2\xA0"), "x");
  EXPECT_EQ(CollapseWhitespace(""), "");
}

TEST(TextTest, HtmlEscapeEscapesEverythingThatMatters) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(TextTest, SplitLinesDropsCarriageReturns) {
  auto lines = SplitLines("a\r\nb\n\nc");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "a");
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[3], "c");
}

TEST(TextTest, TruncateWordsCutsAtASpace) {
  EXPECT_EQ(TruncateWords("short", 10), "short");
  EXPECT_EQ(TruncateWords("one two three four", 10), "one two\xE2\x80\xA6");
}

}  // namespace
}  // namespace wiredesk

namespace wiredesk {
namespace {

TEST(TextTest, SkipColourSwatch) {
  EXPECT_EQ(SkipColourSwatch("\u2588\u2588 Labour Party - 203 seats"), "Labour Party - 203 seats");
  EXPECT_EQ(SkipColourSwatch(" \u2588\u2588\u00a0Green Party"), "Green Party");
  EXPECT_EQ(SkipColourSwatch("\u2588\u2588"), "");
  EXPECT_EQ(SkipColourSwatch("Labour \u2588 Party"), "Labour \u2588 Party");
  EXPECT_EQ(SkipColourSwatch("  "), "  ");
  EXPECT_EQ(SkipColourSwatch(""), "");
  EXPECT_EQ(SkipColourSwatch("\xe2\x96"), "\xe2\x96");  // a cut-off glyph is left alone
}

}  // namespace
}  // namespace wiredesk
