// The feeds wiredesk writes, read back by wiredesk's own feed parser (and expat for
// well-formedness, nlohmann for the JSON): what a feed reader will see.
#include "serve/feeds_out/feed_writer.h"

#include <expat.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "parse/feed_parser.h"
#include "serve/feeds_out/feed_routes.h"

namespace wiredesk::serve::feeds_out {
namespace {

using nlohmann::json;

bool Has(const std::string& s, std::string_view needle) { return s.find(needle) != std::string::npos; }

// What no feed may let through as markup, and what XML cannot carry at all.
const std::string kHostileTitle = "<script>alert(1)</script> Q&A ]]> end\x01\x7f \xff\xfe bad";

OutChannel Channel() {
  return OutChannel{"#Lisbon <b>&</b>", "Articles tagged Lisbon.", "https://news.example.org/tags/Lisbon",
                    "https://news.example.org/tags/Lisbon/feed.xml"};
}

std::vector<OutItem> Items() {
  OutItem hostile;
  hostile.id = "wiredesk:article:7";
  hostile.url = "https://news.example.org/articles/7";
  hostile.external_url = "https://www.reuters.com/world/lisbon?a=1&b=2";
  hostile.title = kHostileTitle;
  hostile.summary = "A dek with <img src=x onerror=alert(1)> and ]]> and \x02 a control.";
  hostile.key_points = {"First <point>.", "Second & last."};
  hostile.author = "Ana \"The Pen\" <Silva> & co";
  hostile.source = "Reuters";
  hostile.published = *MakeInstant(2025, 6, 27, 9, 5, 7);
  hostile.updated = *MakeInstant(2025, 6, 27, 10);
  hostile.tags = {"Lisbon", "Q&A <x>"};
  OutItem plain;
  plain.id = "wiredesk:article:3";
  plain.url = "https://news.example.org/articles/3";
  plain.external_url = "javascript:alert(1)";  // never a link
  plain.title = "Harbour reopens";
  plain.source = "Wire";
  plain.published = *MakeInstant(2025, 6, 26, 8);
  plain.updated = plain.published;
  return {hostile, plain};
}

bool WellFormedXml(const std::string& xml, std::string* why) {
  XML_Parser p = XML_ParserCreate(nullptr);
  const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!ok) {
    *why = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
           std::to_string(XML_GetCurrentLineNumber(p));
  }
  XML_ParserFree(p);
  return ok;
}

TEST(FeedWriter, CleanTextRepairsUtf8AndDropsWhatXmlCannotCarry) {
  EXPECT_EQ(CleanText("a\x01" "b\tc\nd\x7f"), "ab\tc\nd\x7f");
  EXPECT_EQ(CleanText("bad \xff here"), "bad \xEF\xBF\xBD here");
  EXPECT_EQ(CleanText("\xEF\xBF\xBE"), "");  // U+FFFE
  EXPECT_EQ(CleanText("Zoë ✓"), "Zoë ✓");
}

TEST(FeedWriter, RssIsWellFormedAndReadsBackThroughTheFeedParser) {
  const std::vector<OutItem> items = Items();
  const std::string xml = WriteRss(Channel(), items);
  std::string why;
  ASSERT_TRUE(WellFormedXml(xml, &why)) << why << "\n" << xml;
  EXPECT_TRUE(Has(xml, "<rss version=\"2.0\""));
  EXPECT_TRUE(Has(xml, "<atom:link href=\"https://news.example.org/tags/Lisbon/feed.xml\" rel=\"self\""));
  EXPECT_TRUE(Has(xml, "<guid isPermaLink=\"false\">wiredesk:article:7</guid>"));
  EXPECT_TRUE(Has(xml, "<pubDate>Fri, 27 Jun 2025 09:05:07 GMT</pubDate>"));
  EXPECT_FALSE(Has(xml, "<script"));
  EXPECT_FALSE(Has(xml, "]]>"));
  EXPECT_FALSE(Has(xml, "CDATA"));

  auto parsed = parse::ParseFeed(xml, {.url = "https://news.example.org/tags/Lisbon/feed.xml"});
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(parsed->format, parse::FeedFormat::kRss);
  EXPECT_EQ(parsed->version, "2.0");
  EXPECT_EQ(parsed->feed.title, "#Lisbon <b>&</b>");
  EXPECT_EQ(parsed->site_url, "https://news.example.org/tags/Lisbon");
  EXPECT_EQ(parsed->self_url, "https://news.example.org/tags/Lisbon/feed.xml");
  ASSERT_EQ(parsed->entries.size(), 2u);
  const Entry& e = parsed->entries[0];
  // The title comes back as the text it was, bar what XML cannot carry (and DEL, which the
  // feed parser reads as a space, as it does every control character).
  EXPECT_EQ(e.title, CollapseWhitespace(CleanText(kHostileTitle)));
  EXPECT_EQ(e.url, "https://news.example.org/articles/7");
  EXPECT_EQ(e.guid, "wiredesk:article:7");
  EXPECT_EQ(e.published, *MakeInstant(2025, 6, 27, 9, 5, 7));
  EXPECT_EQ(e.author, "Ana \"The Pen\" <Silva> & co");
  EXPECT_EQ(e.categories, (std::vector<std::string>{"Lisbon", "Q&A <x>"}));
  // The dek and key points are HTML in which the hostile markup is only text.
  EXPECT_TRUE(Has(e.summary, "&lt;img src=x onerror=alert(1)&gt;")) << e.summary;
  EXPECT_FALSE(Has(e.summary, "<img"));
  EXPECT_TRUE(Has(e.summary, "<li>First &lt;point&gt;.</li>")) << e.summary;
  EXPECT_TRUE(Has(e.summary, "href=\"https://www.reuters.com/world/lisbon?a=1&amp;b=2\"")) << e.summary;
  const Entry& p = parsed->entries[1];
  EXPECT_EQ(p.title, "Harbour reopens");
  EXPECT_EQ(p.author, "Wire");  // no byline: the publisher
  EXPECT_FALSE(Has(p.summary, "javascript"));
}

TEST(FeedWriter, JsonFeedHasTheRequiredFieldsAndReadsBack) {
  const std::vector<OutItem> items = Items();
  OutChannel channel = Channel();
  channel.feed_url = "https://news.example.org/tags/Lisbon/feed.json";
  const std::string text = WriteJsonFeed(channel, items);
  const json j = json::parse(text, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << text;
  EXPECT_EQ(j["version"], "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(text.find("\"version\""), 4u);  // the very top, as JSON Feed asks
  EXPECT_EQ(j["title"], "#Lisbon <b>&</b>");
  EXPECT_EQ(j["home_page_url"], "https://news.example.org/tags/Lisbon");
  EXPECT_EQ(j["feed_url"], "https://news.example.org/tags/Lisbon/feed.json");
  ASSERT_EQ(j["items"].size(), 2u);
  const json& i = j["items"][0];
  EXPECT_EQ(i["id"], "wiredesk:article:7");
  EXPECT_EQ(i["url"], "https://news.example.org/articles/7");
  EXPECT_EQ(i["external_url"], "https://www.reuters.com/world/lisbon?a=1&b=2");
  EXPECT_EQ(i["title"], CleanText(kHostileTitle));  // plain text, as JSON Feed defines it
  EXPECT_EQ(i["summary"], CleanText(items[0].summary));
  EXPECT_TRUE(Has(i["content_html"].get<std::string>(), "&lt;img src=x"));
  EXPECT_FALSE(Has(i["content_html"].get<std::string>(), "<img"));
  EXPECT_EQ(i["date_published"], "2025-06-27T09:05:07Z");
  EXPECT_EQ(i["date_modified"], "2025-06-27T10:00:00Z");
  EXPECT_EQ(i["authors"][0]["name"], "Ana \"The Pen\" <Silva> & co");
  EXPECT_EQ(i["tags"], (json{"Lisbon", "Q&A <x>"}));
  EXPECT_FALSE(j["items"][1].contains("external_url"));  // javascript: is no link

  auto parsed = parse::ParseFeed(text, {.url = "https://news.example.org/tags/Lisbon/feed.json"});
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(parsed->format, parse::FeedFormat::kJsonFeed);
  EXPECT_EQ(parsed->version, "1.1");
  ASSERT_EQ(parsed->entries.size(), 2u);
  EXPECT_EQ(parsed->entries[0].url, "https://news.example.org/articles/7");
  EXPECT_EQ(parsed->entries[0].published, *MakeInstant(2025, 6, 27, 9, 5, 7));
  EXPECT_FALSE(Has(parsed->entries[0].content_html, "<img"));
  EXPECT_EQ(parsed->entries[1].title, "Harbour reopens");
}

TEST(FeedWriter, AnEmptyListIsAValidEmptyFeed) {
  const std::string xml = WriteRss(Channel(), {});
  std::string why;
  ASSERT_TRUE(WellFormedXml(xml, &why)) << why;
  auto parsed = parse::ParseFeed(xml);
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_TRUE(parsed->entries.empty());
  const json j = json::parse(WriteJsonFeed(Channel(), {}));
  EXPECT_TRUE(j["items"].is_array());
  EXPECT_TRUE(j["items"].empty());
}

TEST(FeedWriter, BaseUrlIsAnHttpOriginOrPathWithoutQuery) {
  EXPECT_EQ(NormaliseBaseUrl("https://news.example.org/").value(), "https://news.example.org");
  EXPECT_EQ(NormaliseBaseUrl(" http://host:8080/desk ").value(), "http://host:8080/desk");
  EXPECT_FALSE(NormaliseBaseUrl("ftp://news.example.org"));
  EXPECT_FALSE(NormaliseBaseUrl("news.example.org"));
  EXPECT_FALSE(NormaliseBaseUrl("https://news.example.org/?x=1"));
  EXPECT_FALSE(NormaliseBaseUrl("https://news.example.org/#top"));
}

}  // namespace
}  // namespace wiredesk::serve::feeds_out
