// Feed parser behaviour that golden files cannot show well: hostile input, errors, encodings.
#include "parse/feed_parser.h"

#include <gtest/gtest.h>

#include <chrono>

#include "core/text.h"

namespace wiredesk::parse {
namespace {

Result<ParsedFeed> Parse(std::string_view s, std::string url = "https://ex.com/feed.xml") {
  FeedParseOptions o;
  o.url = std::move(url);
  return ParseFeed(s, o);
}

constexpr const char* kBillionLaughs = R"(<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>)";

TEST(FeedParser, BillionLaughsIsRefusedFast) {
  const auto start = std::chrono::steady_clock::now();
  auto f = Parse(kBillionLaughs);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().code, ErrorCode::kParse);
  EXPECT_NE(f.error().message.find("entit"), std::string::npos) << f.error().message;
  EXPECT_LT(took, std::chrono::milliseconds(100));
}

TEST(FeedParser, ExternalEntitiesAreRefused) {
  auto f = Parse(R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>)");
  ASSERT_FALSE(f.has_value());
  EXPECT_NE(f.error().message.find("xxe"), std::string::npos) << f.error().message;
  auto p = Parse(R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd"> %p;]>
<rss version="2.0"><channel><title>t</title></channel></rss>)");
  ASSERT_FALSE(p.has_value());
}

TEST(FeedParser, Rss091DoctypeWithHtmlEntitiesIsRead) {
  auto f = Parse(R"(<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf&eacute; news</title><link>https://ex.com/</link>
<item><title>Fran&ccedil;ais &amp; more</title><link>https://ex.com/1</link></item>
</channel></rss>)");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->version, "0.91");
  EXPECT_EQ(f->feed.title, "Café news");
  ASSERT_EQ(f->entries.size(), 1u);
  EXPECT_EQ(f->entries[0].title, "Français & more");
}

TEST(FeedParser, RepairsUndeclaredEntitiesBadBytesAndBareAmpersands) {
  auto f = Parse("<rss version=\"2.0\"><channel><title>AT&T &nbsp;news\x01</title>"
                 "<item><title>Bad \xC3 byte</title><link>https://ex.com/1</link></item>"
                 "</channel></rss>");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->feed.title, "AT&T news");
  ASSERT_EQ(f->entries.size(), 1u);
  EXPECT_EQ(f->entries[0].title, "Bad \xEF\xBF\xBD byte");
}

TEST(FeedParser, Windows1252AndOtherEncodings) {
  // 0x93/0x94 are curly quotes in windows-1252, C1 controls in real ISO-8859-1.
  auto f = Parse("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel>"
                 "<title>\x93Quoted\x94 caf\xE9</title></channel></rss>");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->feed.title, "\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9");
  auto k = Parse("<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss version=\"2.0\"><channel>"
                 "<title>\xED\xCF\xD3\xCB\xD7\xC1</title></channel></rss>");
  ASSERT_TRUE(k.has_value()) << k.error().ToString();
  EXPECT_EQ(k->feed.title, "Москва");
  auto bad = Parse("<?xml version=\"1.0\" encoding=\"x-no-such\"?><rss/>");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("x-no-such"), std::string::npos);
}

TEST(FeedParser, ClearErrors) {
  auto html = Parse("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>");
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().message, "not a feed (an HTML page)");
  auto other = Parse("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().message, "not a feed: the root element is <svg>");
  auto broken = Parse("<rss version=\"2.0\"><channel><title>x</channel></rss>");
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message.find("line 1"), std::string::npos) << broken.error().message;
  auto empty = Parse("  \n");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message, "the feed is empty");
  auto json = Parse("{\"title\": 3}");
  ASSERT_FALSE(json.has_value());
  auto truncated = Parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  ASSERT_FALSE(truncated.has_value());
  EXPECT_EQ(truncated.error().message, "malformed JSON");
  auto no_channel = Parse("<rss version=\"2.0\"></rss>");
  ASSERT_FALSE(no_channel.has_value());
}

TEST(FeedParser, DeepNestingIsFlattenedNotFatal) {
  std::string deep = "<rss version=\"2.0\"><channel><item><title>";
  for (int i = 0; i < 5000; ++i) deep += "<b>";
  deep += "deep";
  for (int i = 0; i < 5000; ++i) deep += "</b>";
  deep += "</title><link>https://ex.com/d</link></item></channel></rss>";
  auto f = Parse(deep);
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  ASSERT_EQ(f->entries.size(), 1u);
  EXPECT_EQ(f->entries[0].title, "deep");
}

TEST(FeedParser, GuidsThatRepeatOrLie) {
  auto f = Parse(R"(<rss version="2.0"><channel><title>t</title>
<item><guid>same</guid><link>https://ex.com/a</link><title>A</title></item>
<item><guid>same</guid><link>https://ex.com/b</link><title>B</title></item>
<item><guid>same</guid><link>https://ex.com/a</link><title>A again</title></item>
<item><guid isPermaLink="true">not-a-url</guid><title>C</title></item>
<item><title>No id</title><description>only text</description></item>
</channel></rss>)");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  ASSERT_EQ(f->entries.size(), 4u);
  EXPECT_EQ(f->entries[0].guid, "same");
  EXPECT_EQ(f->entries[1].guid, "same#https://ex.com/b");
  EXPECT_EQ(f->entries[2].guid, "not-a-url");
  EXPECT_EQ(f->entries[2].url, "");  // a "permalink" that is no URL is not a link
  EXPECT_TRUE(f->entries[3].guid.starts_with("hash:"));
}

TEST(FeedParser, MaxEntries) {
  std::string s = "<rss version=\"2.0\"><channel>";
  for (int i = 0; i < 50; ++i) {
    s += "<item><link>https://ex.com/" + std::to_string(i) + "</link></item>";
  }
  s += "</channel></rss>";
  FeedParseOptions o;
  o.max_entries = 10;
  auto f = ParseFeed(s, o);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->entries.size(), 10u);
}

TEST(FeedParser, TitlesAreDataNotMarkup) {
  auto f = Parse(R"(<rss version="2.0"><channel><title>&lt;script&gt;x()&lt;/script&gt;</title>
<item><title><![CDATA[<img src=x onerror=alert(1)>Hi]]></title><author>a@b.c (&lt;b&gt;Eve&lt;/b&gt;)</author></item>
</channel></rss>)");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  // RSS titles are de facto HTML: tags go, text stays, and the page escapes what is left.
  EXPECT_EQ(f->feed.title, "x()");
  EXPECT_EQ(f->entries[0].title, "Hi");
  EXPECT_EQ(f->entries[0].author, "Eve");
}

TEST(FeedParser, LinksThatAreNotHttpAreDropped) {
  auto f = Parse(R"(<rss version="2.0"><channel><title>T</title><link>javascript:alert(2)</link>
<item><title>A</title><link>javascript:alert(1)</link></item>
<item><title>B</title><link>file:///etc/passwd</link></item>
<item><title>C</title><link>http://[::1</link></item>
<item><title>D</title><link>/news/d</link></item>
</channel></rss>)");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  ASSERT_EQ(f->entries.size(), 4u);
  // Not glued onto the feed's host ("https://ex.com/javascript:alert(1)"): no link at all.
  for (size_t i : {0u, 1u, 2u}) EXPECT_EQ(f->entries[i].url, "") << f->entries[i].title;
  EXPECT_EQ(f->entries[3].url, "https://ex.com/news/d");
  EXPECT_EQ(f->site_url, "");
}

TEST(FeedParser, AnOverlongTitleIsCutToItsFirstWords) {
  std::string words;
  for (int i = 0; i < 3000; ++i) words += "w" + std::to_string(i) + " ";
  auto f = Parse("<rss version=\"2.0\"><channel><title>T</title><item><title>" + words +
                 "</title><link>https://ex.com/a</link></item></channel></rss>");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  ASSERT_EQ(f->entries.size(), 1u);
  EXPECT_LE(Utf8Length(f->entries[0].title), 121u);
  EXPECT_TRUE(f->entries[0].title.starts_with("w0 w1 w2"));
}

}  // namespace
}  // namespace wiredesk::parse
