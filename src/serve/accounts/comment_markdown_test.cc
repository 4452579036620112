#include "serve/accounts/comment_markdown.h"

#include <gtest/gtest.h>

#include <string>

namespace wiredesk::serve {
namespace {

bool Has(const std::string& s, std::string_view needle) { return s.find(needle) != std::string::npos; }

TEST(CommentMarkdownTest, TheSubsetBecomesHtml) {
  EXPECT_EQ(CommentHtml("Hello *you* and **all**"), "<p>Hello <em>you</em> and <strong>all</strong></p>\n");
  EXPECT_EQ(CommentHtml("> quoted"), "<blockquote>\n<p>quoted</p>\n</blockquote>\n");
  EXPECT_EQ(CommentHtml("- a\n- b"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
  EXPECT_EQ(CommentHtml("`x<y`"), "<p><code>x&lt;y</code></p>\n");
  EXPECT_EQ(CommentHtml("# Big"), "<p><strong>Big</strong></p>\n");
  EXPECT_EQ(CommentHtml(""), "");
}

TEST(CommentMarkdownTest, LinksAreHttpOnlyAndNofollowUgc) {
  EXPECT_EQ(CommentHtml("[w](https://example.com/a?b=1&c=\"2\")"),
            "<p><a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\" "
            "rel=\"nofollow ugc noopener noreferrer\">w</a></p>\n");
  for (const char* bad : {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,hi)",
                          "[x](vbscript:x)", "[x](/relative)", "[x](//host/path)", "<javascript:alert(1)>"}) {
    const std::string html = CommentHtml(bad);
    EXPECT_FALSE(Has(html, "href")) << bad << " -> " << html;
  }
  // Images are links to the picture, never an <img>.
  const std::string img = CommentHtml("![cat](https://img.example/cat.jpg \"t\")");
  EXPECT_FALSE(Has(img, "<img"));
  EXPECT_TRUE(Has(img, "<a href=\"https://img.example/cat.jpg\""));
  EXPECT_TRUE(Has(CommentHtml("<https://auto.example/>"), "href=\"https://auto.example/\""));
}

TEST(CommentMarkdownTest, RawHtmlIsShownAsText) {
  for (const char* payload :
       {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<div onclick=\"x\">hi</div>",
        "a <b onmouseover=alert(1)>b</b>", "<svg/onload=alert(1)>", "<!-- c --><iframe src=//x>",
        "<a href=\"javascript:alert(1)\">x</a>", "[x](https://ok.example \"\\\" onmouseover=alert(1)\")"}) {
    const std::string html = CommentHtml(payload);
    for (const char* tag : {"<script", "<img", "<div", "<b ", "<svg", "<iframe", "<!--", "onmouseover=\"", "<a href=\"javascript"}) {
      EXPECT_FALSE(Has(html, tag)) << payload << " -> " << html;
    }
  }
}

TEST(CommentMarkdownTest, DeepNestingDoesNotExhaustTheStack) {
  const std::string deep(100000, '>');
  EXPECT_FALSE(CommentHtml(deep + " x").empty());
  std::string brackets;
  for (int i = 0; i < 50000; ++i) brackets += "[";
  EXPECT_FALSE(CommentHtml(brackets).empty());
}

}  // namespace
}  // namespace wiredesk::serve
