// Pages that are not articles, bylines to authors, and the limits that keep big pages small.
#include "extract/page_kind.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/article_extractor.h"
#include "extract/byline.h"
#include "extract/dom_hints.h"
#include "parse/html_document.h"

namespace wiredesk::extract {
namespace {

Result<Article> Extract(const std::string& html) {
  return ExtractArticle(html, {.url = "https://news.example/story", .captured = {}, .charset = {}});
}

std::string Page(const std::string& head, const std::string& body) {
  return "<!doctype html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

PageKind KindOf(const Result<Article>& r) { return r ? PageKind::kArticle : PageKindOf(r.error()); }

TEST(PageKindTest, FrontPageOfTeasersIsAnIndex) {
  std::string body = "<main>";
  for (int i = 0; i < 40; ++i) {
    body += "<div class=\"teaser\"><h3><a href=\"/story-" + std::to_string(i) + "\">Story " +
            std::to_string(i) + "</a></h3></div>";
  }
  body += "</main>";
  auto r = Extract(Page("<title>Front page</title>", body));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(KindOf(r), PageKind::kIndex);
  EXPECT_EQ(r.error().message, "not an article: an index of links to other pages");
}

TEST(PageKindTest, PlayerWithACaptionIsAVideoPage) {
  auto r = Extract(Page("<meta property=\"og:type\" content=\"video.other\">",
                        "<h1>Watch: the bridge opens</h1><video src=\"/v.mp4\"></video>"
                        "<p>The first cars crossed on Tuesday morning, two years late.</p>"));
  ASSERT_FALSE(r);
  EXPECT_EQ(KindOf(r), PageKind::kVideo);
  // Without the metadata, an embedded player and no text say the same.
  auto embed = Extract(Page("", "<iframe src=\"https://player.vimeo.com/video/1\"></iframe><p>Watch.</p>"));
  ASSERT_FALSE(embed);
  EXPECT_EQ(KindOf(embed), PageKind::kVideo);
}

TEST(PageKindTest, LockedStubIsAPaywall) {
  const std::string stub = "<article><h1>Budget hole</h1><p>The bridge cost twice what the council "
                           "said.</p><p>Subscribe to continue reading.</p></article>";
  auto by_offer = Extract(Page("", stub));
  ASSERT_FALSE(by_offer);
  EXPECT_EQ(KindOf(by_offer), PageKind::kPaywall);
  auto by_schema = Extract(Page(
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Budget hole\","
      "\"isAccessibleForFree\":false}</script>",
      "<article><h1>Budget hole</h1><p>The bridge cost twice what the council said.</p></article>"));
  ASSERT_FALSE(by_schema);
  EXPECT_EQ(KindOf(by_schema), PageKind::kPaywall);
}

TEST(PageKindTest, LockedPageWithItsFreePartIsKept) {
  std::string body = "<article><h1>Budget hole</h1>";
  for (int i = 0; i < 4; ++i) {
    body += "<p>The bridge cost " + std::to_string(i + 2) + " times what the council said it "
            "would, and the accounts show the difference came from reserves meant for schools.</p>";
  }
  body += "</article>";
  auto r = Extract(Page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                        "\"isAccessibleForFree\":\"False\"}</script>",
                        body));
  EXPECT_TRUE(r) << r.error().message;
}

TEST(PageKindTest, EmptyPageHasNoText) {
  auto r = Extract(Page("", "<p>Hello.</p>"));
  ASSERT_FALSE(r);
  EXPECT_EQ(KindOf(r), PageKind::kNoText);
  EXPECT_EQ(PageKindName(KindOf(r)), "no-text");
}

TEST(PageKindTest, OtherErrorsAreNotAboutTheKind) {
  EXPECT_EQ(PageKindOf(MakeError(ErrorCode::kParse, "input is not HTML (binary bytes)")), PageKind::kArticle);
}

TEST(BylineTest, SectionLabelDateAndHandleGo) {
  EXPECT_EQ(AuthorsFromByline("Tech Industry by Steven Musil January 18, 2017 11:00 PM PST @stevenmusil"),
            std::vector<std::string>{"Steven Musil"});
  EXPECT_EQ(AuthorsFromByline("By Joshua Sokol May 20, 2019"), std::vector<std::string>{"Joshua Sokol"});
  EXPECT_EQ(AuthorsFromByline("por César Salza 1 de diciembre de 2017 3:00 AM PST"),
            std::vector<std::string>{"César Salza"});
  EXPECT_EQ(AuthorsFromByline("James Akinaka \u2022 8h"), std::vector<std::string>{"James Akinaka"});
  EXPECT_EQ(AuthorsFromByline("by Lucas Nolan22 Dec 2016651"), std::vector<std::string>{"Lucas Nolan"});
}

TEST(BylineTest, JobTitlesGo) {
  EXPECT_EQ(AuthorsFromByline("Ben Silverman Games Editor"), std::vector<std::string>{"Ben Silverman"});
  EXPECT_EQ(AuthorsFromByline("Jane Doe, Reporter"), std::vector<std::string>{"Jane Doe"});
}

TEST(BylineTest, AuthorsAsAList) {
  EXPECT_EQ(AuthorsFromByline("By Jane Doe and John Roe"), (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_EQ(AuthorsFromByline("Jane Doe, John Roe"), (std::vector<std::string>{"Jane Doe", "John Roe"}));
  // A comma inside one name ("Last, First") does not split it.
  EXPECT_EQ(AuthorsFromByline("Jong, Michiel de"), std::vector<std::string>{"Jong, Michiel de"});
  EXPECT_EQ(JoinAuthors({"Jane Doe", "John Roe"}), "Jane Doe, John Roe");
}

TEST(BylineTest, NoNamesNoByline) {
  EXPECT_TRUE(AuthorsFromByline("Sunday, Feb 1, 2015 11:57 AM UTC").empty());
  EXPECT_TRUE(AuthorsFromByline("Sign In | Sign Up | Subscribe").empty());
  EXPECT_TRUE(AuthorsFromByline("").empty());
}

TEST(BylineTest, PageBylineIsCleaned) {
  std::string body = "<article><h1>Bridge</h1><div class=\"byline\">Local News by Jane Doe "
                     "March 3, 2024</div>";
  for (int i = 0; i < 3; ++i) {
    body += "<p>The council said on Tuesday that the new bridge, which has been delayed " +
            std::to_string(i + 2) + " times, would open in the spring.</p>";
  }
  body += "<p>Tech Enabled: The Gazette chronicles tech's role in our town. Check it out here.</p>";
  body += "</article>";
  auto r = Extract(Page("", body));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->byline, "Jane Doe");
  // The house ad after the story is not part of it.
  EXPECT_EQ(r->text.find("Tech Enabled"), std::string::npos);
}

TEST(HintsTest, ReadOncePerElement) {
  auto doc = parse::HtmlDocument::Parse(
      "<div id=a class=\"l-sidebar-fixed l-article-body\"></div><div id=b class=\"Share-Bar\"></div>"
      "<div id=c class=\"comments\"></div><div id=d class=\"d-none d-md-block\"></div>"
      "<div id=e class=\"d-none\"></div><div id=f role=navigation></div>"
      "<div id=g class=\"header\" style=\"DISPLAY: none\"></div><div id=h class=\"ad\"></div>"
      "<div id=i class=\"shadow\"></div>");
  ASSERT_TRUE(doc);
  HintCache cache;
  std::vector<parse::Node> divs = doc->ElementsByTag(MyHTML_TAG_DIV);
  ASSERT_EQ(divs.size(), 9u);
  EXPECT_FALSE(cache.Of(divs[0]).chrome);  // a content word vetoes
  EXPECT_EQ(cache.Of(divs[0]).class_weight, 0);  // +25 article, -25 sidebar
  EXPECT_TRUE(cache.Of(divs[1]).chrome);
  EXPECT_TRUE(cache.Of(divs[2]).chrome && cache.Of(divs[2]).discussion);
  EXPECT_FALSE(cache.Of(divs[3]).hidden);
  EXPECT_TRUE(cache.Of(divs[4]).hidden);
  EXPECT_TRUE(cache.Of(divs[5]).chrome);
  EXPECT_TRUE(cache.Of(divs[6]).hidden);
  EXPECT_TRUE(cache.Of(divs[7]).chrome);
  EXPECT_FALSE(cache.Of(divs[8]).chrome);  // "ad" only as a whole token
  // A second cache does not trust the first one's marks.
  HintCache other;
  EXPECT_TRUE(other.Of(divs[1]).chrome);
  EXPECT_FALSE(other.Of(divs[0]).chrome);
}

TEST(BigPageTest, ScriptsAreDroppedAndTheBodyIsCapped) {
  // 3 MB of scripts before the story: parsed without them, the JSON-LD kept.
  std::string head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
                     "\"Bridge opens\"}</script>";
  for (int i = 0; i < 1500; ++i) head += "<script>var x = \"" + std::string(2000, 'x') + "\";</script><!-- c -->";
  std::string body = "<article>";
  for (int i = 0; i < 20000; ++i) {
    body += "<p>Paragraph " + std::to_string(i) + " of a very long report on the bridge, with its "
            "costs, delays and the council's answers.</p>";
  }
  body += "</article>";
  auto r = Extract(Page(head, body));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->title, "Bridge opens");
  EXPECT_LT(r->text.size(), size_t{1100} << 10);
  EXPECT_GT(r->text.size(), size_t{900} << 10);
}

}  // namespace
}  // namespace wiredesk::extract
