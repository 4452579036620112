#include "parse/feed_html.h"

#include <gtest/gtest.h>

namespace wiredesk::parse {
namespace {

TEST(FeedHtml, DecodesEntities) {
  EXPECT_EQ(DecodeHtmlEntities("caf&eacute; &amp; &#233;&#xE9; &bogus; AT&T"),
            "café & éé &bogus; AT&T");
  EXPECT_EQ(DecodeHtmlEntities("&#0;&#xD800;"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(FeedHtml, PlainTextFromHtml) {
  EXPECT_EQ(HtmlToPlainText("  <b>Bold</b> move:<br/>next &amp; last "), "Bold move: next & last");
  EXPECT_EQ(HtmlToPlainText("x < y and y > z"), "x < y and y > z");
  EXPECT_EQ(HtmlToPlainText("&lt;script&gt;alert(1)&lt;/script&gt;"), "<script>alert(1)</script>");
}

TEST(FeedHtml, ResolvesRelativeUrls) {
  EXPECT_EQ(ResolveHtmlUrls(R"(<a href="/a?x=1:2">A</a> <img src='b.jpg' alt="x">)",
                            "https://ex.com/news/feed.xml"),
            R"(<a href="https://ex.com/a?x=1:2">A</a> <img src='https://ex.com/news/b.jpg' alt="x">)");
  EXPECT_EQ(ResolveHtmlUrls(R"(<a href="https://o.org/">o</a><a href="#top">t</a>)", "https://ex.com/"),
            R"(<a href="https://o.org/">o</a><a href="#top">t</a>)");
  EXPECT_EQ(ResolveHtmlUrls(R"(<img srcset="a.jpg 1x, /b.jpg 2x">)", "https://ex.com/p/"),
            R"(<img srcset="https://ex.com/p/a.jpg 1x, https://ex.com/b.jpg 2x">)");
  EXPECT_EQ(ResolveHtmlUrls("<a href=//cdn.ex.com/x>x</a>", "https://ex.com/"),
            "<a href=https://cdn.ex.com/x>x</a>");
  EXPECT_EQ(ResolveHtmlUrls("a < b <", "https://ex.com/"), "a < b <");
}

}  // namespace
}  // namespace wiredesk::parse
