#include "parse/feed_discovery.h"

#include <gtest/gtest.h>

namespace wiredesk::parse {
namespace {

TEST(FeedDiscovery, FindsAlternateFeedsInTheHead) {
  const char* html = R"html(<!doctype html><html><head>
<base href="https://news.example/">
<!-- <link rel="alternate" type="application/rss+xml" href="/commented.xml"> -->
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="All &amp; more" href="/feed.xml">
<LINK REL="Alternate feed" TYPE="application/atom+xml" HREF="atom.xml">
<link rel=alternate type=application/feed+json href=https://news.example/feed.json>
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" hreflang="de" href="/de/">
</head><body><link rel="alternate" type="application/rss+xml" href="/body.xml"></body></html>)html";
  const auto feeds = DiscoverFeeds(html, "https://news.example/section/");
  ASSERT_EQ(feeds.size(), 3u);
  EXPECT_EQ(feeds[0].url, "https://news.example/feed.xml");
  EXPECT_EQ(feeds[0].title, "All & more");
  EXPECT_EQ(feeds[1].url, "https://news.example/atom.xml");
  EXPECT_EQ(feeds[1].type, "application/atom+xml");
  EXPECT_EQ(feeds[2].url, "https://news.example/feed.json");
}

TEST(FeedDiscovery, NothingOnAPageWithoutFeeds) {
  EXPECT_TRUE(DiscoverFeeds("<html><head><title>x</title></head></html>", "https://x/").empty());
  EXPECT_TRUE(DiscoverFeeds("<link rel=\"alternate\" type=\"application/rss+xml\" href=", "").empty());
  EXPECT_TRUE(DiscoverFeeds("<<<<link", "https://x/").empty());
}

}  // namespace
}  // namespace wiredesk::parse
