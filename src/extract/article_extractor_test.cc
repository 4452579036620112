#include "extract/article_extractor.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/text.h"
#include "extract/caption_credit.h"
#include "extract/metadata_reader.h"
#include "extract/sanitizer.h"

namespace wiredesk::extract {
namespace {

const std::string kBody =
    "<p>The city council voted on Tuesday to close the old bridge, citing a report that found "
    "corrosion in three of its five supports, and said repairs would take at least a year.</p>"
    "<p>Residents, who use the bridge to reach the market, said the closure would add twenty "
    "minutes to their trips, and some asked for a ferry service in the meantime.</p>"
    "<p>The mayor said a temporary crossing was being studied, but gave no date for a decision, "
    "adding that safety had to come first.</p>";

std::string Page(const std::string& head, const std::string& body) {
  return "<!doctype html><html lang=\"en-GB\"><head>" + head + "</head><body>" + body +
         "</body></html>";
}

PageOptions Options() {
  PageOptions o;
  o.url = "https://www.example-news.com/2025/06/bridge?utm=x";
  o.captured = Instant(std::chrono::seconds(1750000000));
  return o;
}

std::vector<std::string> BlockTexts(const Article& a, BlockKind kind) {
  std::vector<std::string> out;
  for (const Block& b : a.blocks) {
    if (b.kind == kind) out.push_back(b.text);
  }
  return out;
}

TEST(ArticleExtractorTest, MetadataFromJsonLd) {
  std::string head = R"(<title>Ignored | Example News</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Site"},
      {"@type":["NewsArticle"],"headline":"Council closes old bridge",
       "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Sam Roe"}],
       "datePublished":"2025-06-27T08:30:00+02:00","publisher":{"name":"Example News"}}]}
    </script>
    <link rel="canonical" href="/2025/06/bridge">
    <link rel="license" href="https://creativecommons.org/licenses/by/4.0/">)";
  auto a = ExtractArticle(Page(head, "<article><h1>Council closes old bridge</h1>" + kBody + "</article>"),
                          Options());
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->title, "Council closes old bridge");
  EXPECT_EQ(a->byline, "Jane Doe, Sam Roe");
  ASSERT_TRUE(a->published);
  EXPECT_EQ(FormatIso8601(*a->published), "2025-06-27T06:30:00Z");
  EXPECT_EQ(a->canonical_url, "https://www.example-news.com/2025/06/bridge");
  EXPECT_EQ(a->url, Options().url);
  EXPECT_EQ(a->captured, Options().captured);
  EXPECT_EQ(a->source.name, "Example News");
  EXPECT_EQ(a->source.url, "https://www.example-news.com/");
  EXPECT_EQ(a->language, "en");
  EXPECT_EQ(a->rights, "https://creativecommons.org/licenses/by/4.0/");
  // The headline repeated as the first block is dropped.
  ASSERT_FALSE(a->blocks.empty());
  EXPECT_NE(a->blocks.front().text, "Council closes old bridge");
  EXPECT_EQ(BlockTexts(*a, BlockKind::kParagraph).size(), 3u);
  EXPECT_EQ(a->text, JoinBodyText(a->blocks));
}

TEST(ArticleExtractorTest, MetadataFromMetaTags) {
  std::string head = R"(<title>Council closes the old bridge for good | Example News</title>
    <meta property="og:site_name" content="The Example">
    <meta name="description" content="A short summary that is not the first paragraph.">
    <meta name="author" content="By Jane Doe">
    <meta property="article:published_time" content="2025-06-27">
    <meta property="og:url" content="https://example-news.com/b">
    <meta property="og:locale" content="fr_FR">
    <meta name="copyright" content="© 2025 The Example">)";
  std::string page = "<!doctype html><html><head>" + head + "</head><body><div class=story>" +
                     kBody + "</div></body></html>";
  auto a = ExtractArticle(page, Options());
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->title, "Council closes the old bridge for good");
  EXPECT_EQ(a->dek, "A short summary that is not the first paragraph.");
  EXPECT_EQ(a->byline, "Jane Doe");
  ASSERT_TRUE(a->published);
  EXPECT_EQ(FormatDate(*a->published), "2025-06-27");
  EXPECT_EQ(a->canonical_url, "https://example-news.com/b");
  EXPECT_EQ(a->source.name, "The Example");
  EXPECT_EQ(a->source.url, "https://example-news.com/");
  EXPECT_EQ(a->language, "fr");
  EXPECT_EQ(a->rights, "© 2025 The Example");
}

TEST(ArticleExtractorTest, FallbacksTimeRelAuthorAndHost) {
  std::string body = "<h1>Bridge closes</h1><a rel=author href=/jd>Jane Doe</a>"
                     "<time datetime=\"2025-06-01T10:00:00Z\">June 1</time><article>" + kBody +
                     "</article>";
  auto a = ExtractArticle("<html><body>" + body + "</body></html>", Options());
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->title, "Bridge closes");
  EXPECT_EQ(a->byline, "Jane Doe");
  ASSERT_TRUE(a->published);
  EXPECT_EQ(FormatIso8601(*a->published), "2025-06-01T10:00:00Z");
  EXPECT_EQ(a->source.name, "example-news.com");
  EXPECT_EQ(a->dek, "");
}

TEST(ArticleExtractorTest, DekThatRepeatsLedeIsDropped) {
  std::string head =
      "<meta property=og:description content=\"The city council voted on Tuesday to close the "
      "old bridge, citing a report...\">";
  auto a = ExtractArticle(Page(head, "<article>" + kBody + "</article>"), Options());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->dek, "");
}

// Date lines at the top are page furniture; short sentences that name a date, or hold a word
// with a month's letters in it ("mayor", "decided"), are the story.
TEST(ArticleExtractorTest, DateLinesGoAndSentencesWithDatesStay) {
  const std::string body =
      "<article><h1>Gowdy sets deadline</h1>"
      "<p>May 2 , 2013 | 5 : 03pm</p>"
      "<p>Updated 4:08 p.m. ET</p>"
      "<p>Published 3 hours ago by Jane Doe</p>"
      "<p>Gowdy set a May 1 deadline for the interview.</p>"
      "<p>The mayor said 3 people were hurt.</p>"
      "<p>The council decided on 4 new routes.</p>"
      "<p>Trey Gowdy, the chairman of the committee, wrote to the former secretary of state on "
      "Tuesday asking her to appear for a transcribed interview about her use of a private "
      "email server while she led the department.</p></article>";
  auto a = ExtractArticle(Page("", body), Options());
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->text.find("5 : 03pm"), std::string::npos) << a->text;
  EXPECT_EQ(a->text.find("Updated"), std::string::npos) << a->text;
  EXPECT_EQ(a->text.find("hours ago"), std::string::npos) << a->text;
  EXPECT_TRUE(a->text.starts_with("Gowdy set a May 1 deadline for the interview.")) << a->text;
  EXPECT_NE(a->text.find("The mayor said 3 people were hurt."), std::string::npos) << a->text;
  EXPECT_NE(a->text.find("The council decided on 4 new routes."), std::string::npos) << a->text;
}

TEST(ArticleExtractorTest, ColourSwatchesBesideResultsAreDropped) {
  // Wikinews colours each party's row with a swatch of block glyphs; the colour is CSS.
  const std::string body =
      "<article><p><span style=\"color:#0087DC\">\u2588\u2588</span> Conservative Party - 365 "
      "seats</p><p><span style=\"color:#E4003B\">\u2588\u2588</span>&nbsp;Labour Party - 203 "
      "seats</p>" +
      kBody + "</article>";
  auto a = ExtractArticle(Page("", body), Options());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->text.find("\u2588"), std::string::npos) << a->text;
  EXPECT_NE(a->text.find("Conservative Party - 365 seats"), std::string::npos) << a->text;
}

TEST(ArticleExtractorTest, BlocksOfEveryKindAndCaptions) {
  std::string body = R"(<article class="article-body">
    <p class="byline">By Jane Doe</p>
    <p>Updated June 27, 2025</p>
    <figure><img src="/img/a.jpg" srcset="/img/a-480.jpg 480w, /img/a-1200.jpg 1200w">
      <figcaption>The old bridge at dusk. <span class="credit">Jane Doe/Example</span></figcaption></figure>)" +
                     kBody + R"(
    <h2>What happens next</h2>
    <blockquote><p>We will not take risks with people's lives.</p></blockquote>
    <ul><li>Ferry service studied</li><li>Temporary crossing planned</li></ul>
    <figure><img data-src="https://cdn.example.com/b.jpg" src="data:image/gif;base64,R0lGOD">
      <figcaption>Workers inspect a support. Photo: Sam Roe</figcaption></figure>
    <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
    <div class="newsletter-signup"><p>Sign up for our daily newsletter to get the latest news.</p></div>
    <p>The council will meet again next month to review the engineering report and vote on funding.</p>
    </article>
    <aside class="related"><ul><li><a href=/x>Another story</a></li><li><a href=/y>More</a></li></ul></aside>)";
  auto a = ExtractArticle(Page("<title>Bridge</title>", body), Options());
  ASSERT_TRUE(a) << a.error().ToString();
  auto captions = BlockTexts(*a, BlockKind::kCaption);
  ASSERT_EQ(captions.size(), 2u);
  EXPECT_EQ(captions[0], "The old bridge at dusk.");
  EXPECT_EQ(BlockTexts(*a, BlockKind::kHeading), std::vector<std::string>{"What happens next"});
  EXPECT_EQ(BlockTexts(*a, BlockKind::kQuote),
            std::vector<std::string>{"We will not take risks with people's lives."});
  EXPECT_EQ(BlockTexts(*a, BlockKind::kList),
            std::vector<std::string>{"Ferry service studied\nTemporary crossing planned"});
  for (const Block& b : a->blocks) {
    if (b.kind == BlockKind::kCaption && b.text == "The old bridge at dusk.") {
      EXPECT_EQ(b.credit, "Jane Doe/Example");
    }
    if (b.kind == BlockKind::kCaption && b.text == "Workers inspect a support.") {
      EXPECT_EQ(b.credit, "Sam Roe");
    }
  }
  ASSERT_EQ(a->images.size(), 2u);
  EXPECT_EQ(a->images[0].src, "https://www.example-news.com/img/a.jpg");
  EXPECT_EQ(a->images[0].caption, "The old bridge at dusk.");
  EXPECT_EQ(a->images[0].credit, "Jane Doe/Example");
  EXPECT_EQ(a->images[1].src, "https://cdn.example.com/b.jpg");
  EXPECT_EQ(a->images[1].credit, "Sam Roe");
  // Chrome and repeated metadata are gone.
  EXPECT_EQ(a->text.find("By Jane Doe"), std::string::npos);
  EXPECT_EQ(a->text.find("Updated June"), std::string::npos);
  EXPECT_EQ(a->text.find("Share on"), std::string::npos);
  EXPECT_EQ(a->text.find("newsletter"), std::string::npos);
  EXPECT_EQ(a->text.find("Another story"), std::string::npos);
  EXPECT_NE(a->text.find("next month"), std::string::npos);
}

TEST(ArticleExtractorTest, SrcsetOnlyImage) {
  std::string body = "<article><figure><picture><source srcset=\"/s-800.webp 800w, /s-1600.webp 1600w\">"
                     "<img alt=x></picture><figcaption>Sky (Reuters)</figcaption></figure>" + kBody +
                     "</article>";
  auto a = ExtractArticle(Page("", body), Options());
  ASSERT_TRUE(a);
  ASSERT_EQ(a->images.size(), 1u);
  EXPECT_EQ(a->images[0].src, "https://www.example-news.com/s-1600.webp");
  EXPECT_EQ(a->images[0].caption, "Sky");
  EXPECT_EQ(a->images[0].credit, "Reuters");
}

TEST(ArticleExtractorTest, NonHttpUrlsAreNotTakenForPagesOnTheSite) {
  // "javascript:x" is an absolute URL, not a path on the page's host: no canonical URL, no
  // photo, rather than https://www.example-news.com/javascript:x.
  std::string body = "<article><figure><img src=\"data:image/gif;base64,R0lGOD\"><figcaption>Sky "
                     "(Reuters)</figcaption></figure>" + kBody + "</article>";
  auto a = ExtractArticle(Page("<link rel=canonical href=\"javascript:alert(1)\">", body), Options());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->canonical_url, "");
  EXPECT_TRUE(a->images.empty());
}

TEST(ArticleExtractorTest, AHeadlineThatSwallowedThePageIsCut) {
  std::string huge;
  for (int i = 0; i < 5000; ++i) huge += "word" + std::to_string(i) + " ";
  auto a = ExtractArticle(Page("", "<article><h1>" + huge + "</h1>" + kBody + "</article>"), Options());
  ASSERT_TRUE(a);
  EXPECT_LE(Utf8Length(a->title), 121u);
  EXPECT_TRUE(a->title.starts_with("word0 word1 word2"));
  EXPECT_TRUE(a->title.ends_with("…"));
}

TEST(CaptionCreditTest, SplitsTrailingCredits) {
  EXPECT_EQ(SplitCredit("A man walks. Photo: Jane Doe").credit, "Jane Doe");
  EXPECT_EQ(SplitCredit("A man walks. Photo: Jane Doe").text, "A man walks.");
  EXPECT_EQ(SplitCredit("A man walks (AP Photo/Evan Vucci)").credit, "AP Photo/Evan Vucci");
  EXPECT_EQ(SplitCredit("A man walks (AP Photo/Evan Vucci)").text, "A man walks");
  EXPECT_EQ(SplitCredit("A man walks | CREDIT NAME").credit, "CREDIT NAME");
  EXPECT_EQ(SplitCredit("A man walks. Credit: Sam Roe for The Times").credit,
            "Sam Roe for The Times");
  EXPECT_EQ(SplitCredit("Trump speaks on Monday. REUTERS/Kevin Lamarque").credit,
            "REUTERS/Kevin Lamarque");
  EXPECT_EQ(SplitCredit("Trump speaks on Monday. REUTERS/Kevin Lamarque").text,
            "Trump speaks on Monday.");
  EXPECT_EQ(SplitCredit("A plain caption (with an aside)").credit, "");
  EXPECT_EQ(SplitCredit("A plain caption").text, "A plain caption");
}

TEST(MetadataReaderTest, SiteSuffixAndLanguage) {
  EXPECT_EQ(StripSiteSuffix("Storm hits the coast | The Gazette", ""), "Storm hits the coast");
  EXPECT_EQ(StripSiteSuffix("The Gazette - Storm hits the coast", "The Gazette"),
            "Storm hits the coast");
  EXPECT_EQ(StripSiteSuffix("Short - Site", ""), "Short - Site");
  // Readability.js's rules: the last part goes; a cut that leaves four words or fewer keeps the
  // whole title (it may be the headline itself); "Site: Headline" keeps the part after the colon.
  EXPECT_EQ(TitleFromTitleElement("Storm hits the coast again | The Gazette", {}, {}),
            "Storm hits the coast again");
  EXPECT_EQ(TitleFromTitleElement("Storm hits coast | The Gazette", {}, {}), "Storm hits coast | The Gazette");
  EXPECT_EQ(TitleFromTitleElement("The Gazette: Storm hits the coast again", {}, {}),
            "Storm hits the coast again");
  EXPECT_EQ(TitleFromTitleElement("Gazette: Storm hits the coast", {"Gazette: Storm hits the coast"}, {}),
            "Gazette: Storm hits the coast");
  EXPECT_EQ(TitleFromTitleElement("Short", {}, {"The real, longer headline of the page"}),
            "The real, longer headline of the page");
  EXPECT_EQ(PrimaryLanguage("en-GB"), "en");
  EXPECT_EQ(PrimaryLanguage("pt_BR"), "pt");
  EXPECT_EQ(PrimaryLanguage("english"), "");
}

TEST(ArticleExtractorTest, IndexPageIsUnsupported) {
  std::string body = "<nav><ul>";
  for (int i = 0; i < 30; ++i) body += "<li><a href=/s" + std::to_string(i) + ">Story number " + std::to_string(i) + " headline</a></li>";
  body += "</ul></nav><div class=teasers>";
  for (int i = 0; i < 20; ++i) body += "<div><a href=/t" + std::to_string(i) + "><h3>Teaser " + std::to_string(i) + "</h3></a></div>";
  body += "</div>";
  auto a = ExtractArticle(Page("<title>Home</title>", body), Options());
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::kUnsupported);
}

TEST(ArticleExtractorTest, EmptyInputsAreUnsupported) {
  for (std::string_view html : {std::string_view(""), std::string_view("<html><body></body></html>"),
                                std::string_view("just some words")}) {
    auto a = ExtractArticle(html, Options());
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, ErrorCode::kUnsupported) << html;
  }
}

TEST(ArticleExtractorTest, BinaryJunkIsParseError) {
  std::mt19937 rng(7);
  std::string junk(20000, '\0');
  for (char& c : junk) c = static_cast<char>(rng());
  auto a = ExtractArticle(junk, Options());
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::kParse);
  std::string png = "\x89PNG\r\n\x1a\n" + std::string(1000, '\0');
  EXPECT_EQ(ExtractArticle(png, Options()).error().code, ErrorCode::kParse);
}

TEST(ArticleExtractorTest, InvalidUtf8GivesValidUtf8) {
  std::string body = "<article><p>Caf\xC3\xA9 \xFF\xFE broken bytes in the middle of a sentence, "
                     "which must not survive into the text.</p>" + kBody + "</article>";
  auto a = ExtractArticle(Page("<meta charset=utf-8><title>T\xC0</title>", body), Options());
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_TRUE(IsValidUtf8(a->text));
  EXPECT_TRUE(IsValidUtf8(a->title));
}

TEST(ArticleExtractorTest, Windows1252PageDecodes) {
  std::string body = "<article><p>\x93Quoted\x94 caf\xE9 text.</p>" + kBody + "</article>";
  auto a = ExtractArticle(Page("<meta charset=windows-1252>", body), Options());
  ASSERT_TRUE(a);
  EXPECT_NE(a->text.find("\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9"), std::string::npos);
}

TEST(ArticleExtractorTest, FiftyMegabytesIsBounded) {
  std::string html = "<html><body><article>";
  std::string para = std::string(kBody.substr(3, 160));
  for (int i = 0; html.size() < (size_t{50} << 20); ++i) {
    html += "<p>" + std::to_string(i) + " " + para + "</p>\n";
  }
  auto start = std::chrono::steady_clock::now();
  auto a = ExtractArticle(html, Options());
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

TEST(ArticleExtractorTest, DeepNestingDoesNotCrash) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div><span>";
  html += kBody;
  auto a = ExtractArticle(html, Options());
  EXPECT_TRUE(a || a.error().code == ErrorCode::kUnsupported);
}

TEST(ArticleExtractorTest, HostileJsonLdIsIgnored) {
  std::string deep(100000, '[');
  std::string head = "<script type=application/ld+json>" + deep + "</script>"
                     "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":5}</script>";
  auto a = ExtractArticle(Page(head + "<title>Fallback title here</title>", "<article>" + kBody + "</article>"), Options());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->title, "Fallback title here");
}

TEST(SanitizerTest, DekRepeats) {
  EXPECT_TRUE(DekRepeatsFirstParagraph("The quick brown fox jumps...", "The quick brown fox jumps over."));
  EXPECT_FALSE(DekRepeatsFirstParagraph("A different summary entirely", "The quick brown fox jumps over."));
}

}  // namespace
}  // namespace wiredesk::extract
