#include "parse/opml.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace wiredesk::parse {
namespace {

constexpr const char* kOpml = R"(<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Top level" type="rss" xmlUrl="https://a.example/feed.xml" htmlUrl="https://a.example/"/>
    <outline text="News">
      <outline text="World">
        <outline title="B &amp; C" text="ignored" type="rss" xmlUrl="https://b.example/rss"/>
      </outline>
      <outline text="D" xmlurl="https://d.example/atom"/>
      <outline text="dup" type="rss" xmlUrl="https://a.example/feed.xml"/>
    </outline>
    <outline text="Empty folder"/>
  </body>
</opml>)";

TEST(Opml, ImportsFoldersAndFeeds) {
  auto doc = ParseOpml(kOpml);
  ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
  EXPECT_EQ(doc->title, "My feeds");
  ASSERT_EQ(doc->subscriptions.size(), 3u);
  EXPECT_EQ(doc->subscriptions[0].xml_url, "https://a.example/feed.xml");
  EXPECT_EQ(doc->subscriptions[0].html_url, "https://a.example/");
  EXPECT_EQ(doc->subscriptions[0].folder, "");
  EXPECT_EQ(doc->subscriptions[1].title, "B & C");
  EXPECT_EQ(doc->subscriptions[1].folder, "News/World");
  EXPECT_EQ(doc->subscriptions[2].xml_url, "https://d.example/atom");
  EXPECT_EQ(doc->subscriptions[2].folder, "News");
}

TEST(Opml, ExportRoundTrips) {
  auto doc = ParseOpml(kOpml);
  ASSERT_TRUE(doc.has_value());
  doc->subscriptions.push_back({"https://e.example/?a=1&b=2", "", "<Evil> \"quoted\"", "Z/Deep/er"});
  const std::string written = WriteOpml(*doc);
  EXPECT_NE(written.find("&lt;Evil&gt; &quot;quoted&quot;"), std::string::npos);
  auto again = ParseOpml(written);
  ASSERT_TRUE(again.has_value()) << again.error().ToString() << "\n" << written;
  ASSERT_EQ(again->subscriptions.size(), doc->subscriptions.size());
  for (size_t i = 0; i < doc->subscriptions.size(); ++i) {
    const auto& w = doc->subscriptions[i];
    const auto it = std::find_if(again->subscriptions.begin(), again->subscriptions.end(),
                                 [&w](const OpmlSubscription& s) { return s.xml_url == w.xml_url; });
    ASSERT_NE(it, again->subscriptions.end()) << w.xml_url;
    EXPECT_EQ(it->folder, w.folder);
    EXPECT_EQ(it->title, w.title);
    EXPECT_EQ(it->html_url, w.html_url);
  }
}

TEST(Opml, Errors) {
  EXPECT_FALSE(ParseOpml("<rss/>").has_value());
  EXPECT_FALSE(ParseOpml("<opml><head/></opml>").has_value());
  EXPECT_FALSE(ParseOpml("<opml><body><outline").has_value());
  auto laughs = ParseOpml("<!DOCTYPE opml [<!ENTITY a \"aaaa\">]><opml><body>&a;</body></opml>");
  ASSERT_FALSE(laughs.has_value());
}

}  // namespace
}  // namespace wiredesk::parse
