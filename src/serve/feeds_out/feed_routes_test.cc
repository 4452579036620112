// The feed addresses through the Router and the Site (cache, conditional GET), over the
// in-memory store; what they send is read back with the project's feed parser.
#include "serve/feeds_out/feed_routes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "parse/feed_parser.h"
#include "serve/fake_store_test_util.h"
#include "serve/router.h"
#include "serve/site.h"

namespace wiredesk::serve::feeds_out {
namespace {

using nlohmann::json;
using serve::testing::At;
using serve::testing::FakeStore;
using serve::testing::SampleArticle;

bool Has(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

constexpr std::string_view kBase = "https://news.example.org";

// Story 7 holds articles 1 and 2.
class FeedStore : public FakeStore {
 public:
  Result<std::optional<store::StoryDetail>> FindStory(int64_t id) override {
    if (id != 7) return std::optional<store::StoryDetail>();
    store::StoryDetail d;
    d.summary.id = 7;
    d.summary.headline = "Talks <in> Lisbon";
    for (int64_t a : {1, 2}) {
      store::SourceCoverage s;
      s.source = articles.at(a).source;
      s.articles.push_back(store::StoryArticle{Summary(articles.at(a)), {}});
      d.by_source.push_back(s);
    }
    return std::optional<store::StoryDetail>(d);
  }
};

class FeedRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Article a = SampleArticle();
    store_.Add(a);
    a.url = "https://apnews.com/lisbon";
    a.title = "Lisbon port strike <ends>";
    a.dek = "Dockers & owners agree.";
    a.source = Source{2, "AP", "https://apnews.com/"};
    a.published = At(2025, 6, 27, 11);
    store_.Add(a);
    store_.tags[1] = {{1, "Lisbon", TagKind::kPlace}, {2, "Syria", TagKind::kPlace}};
    store_.tags[2] = {{1, "Lisbon", TagKind::kPlace}};
    store_.insights[2].key_points = {"The strike is over.", "Ships <b>move</b> again."};
  }

  Response Get(Router& router, std::string target, std::string host = "") {
    Request req;
    req.target = std::move(target);
    if (!host.empty()) req.headers.emplace_back("host", std::move(host));
    return router.Handle(req);
  }
  Response Get(std::string target) { return Get(router_, std::move(target)); }

  static parse::ParsedFeed Parse(const Response& r) {
    auto parsed = parse::ParseFeed(r.body);
    EXPECT_TRUE(parsed) << parsed.error().ToString() << "\n" << r.body;
    return parsed ? *parsed : parse::ParsedFeed{};
  }

  FeedStore store_;
  FakeClock clock_{At(2025, 6, 27, 12)};
  Router router_{store_, clock_, nullptr, {}, std::string(kBase)};
};

TEST_F(FeedRoutesTest, NewestArticlesAsRssAndJsonFeed) {
  const Response rss = Get("/feed.xml");
  ASSERT_EQ(rss.status, 200) << rss.body;
  EXPECT_EQ(rss.content_type, "application/rss+xml; charset=utf-8");
  EXPECT_TRUE(rss.cacheable);
  EXPECT_TRUE(rss.Header("ETag").has_value());
  EXPECT_EQ(rss.Header("Last-Modified").value_or(""), "Fri, 27 Jun 2025 11:00:00 GMT");
  const parse::ParsedFeed feed = Parse(rss);
  EXPECT_EQ(feed.self_url, "https://news.example.org/feed.xml");
  EXPECT_EQ(feed.site_url, "https://news.example.org/");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].title, "Lisbon port strike <ends>");
  EXPECT_EQ(feed.entries[0].url, "https://news.example.org/articles/2");
  EXPECT_EQ(feed.entries[0].categories, (std::vector<std::string>{"Lisbon"}));
  EXPECT_TRUE(Has(feed.entries[0].summary, "<li>Ships &lt;b&gt;move&lt;/b&gt; again.</li>"));
  EXPECT_TRUE(Has(feed.entries[0].summary, "Dockers &amp; owners agree."));

  const Response js = Get("/feed.json");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "application/feed+json; charset=utf-8");
  const json j = json::parse(js.body);
  EXPECT_EQ(j["feed_url"], "https://news.example.org/feed.json");
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["external_url"], "https://apnews.com/lisbon");
  EXPECT_EQ(j["items"][1]["authors"][0]["name"], "Maya Gebeily");
}

TEST_F(FeedRoutesTest, TagFeedAndAnUnknownTag) {
  const parse::ParsedFeed feed = Parse(Get("/tags/lisbon/feed.xml"));
  EXPECT_EQ(feed.feed.title, "#lisbon · wiredesk");
  EXPECT_EQ(feed.self_url, "https://news.example.org/tags/lisbon/feed.xml");
  EXPECT_EQ(feed.entries.size(), 2u);
  const json j = json::parse(Get("/tags/Syria/feed.json").body);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["id"], "wiredesk:article:1");
  EXPECT_EQ(j["items"][0]["tags"], (json{"Lisbon", "Syria"}));
  EXPECT_EQ(Get("/tags/Atlantis/feed.xml").status, 404);
  EXPECT_EQ(Get("/tags/Atlantis/feed.json").status, 404);
}

TEST_F(FeedRoutesTest, StoryFeedNewestFirstAndUnknownStories) {
  const parse::ParsedFeed feed = Parse(Get("/stories/7/feed.xml"));
  EXPECT_EQ(feed.feed.title, "Talks <in> Lisbon · wiredesk");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].url, "https://news.example.org/articles/2");
  EXPECT_EQ(json::parse(Get("/stories/7/feed.json").body)["items"].size(), 2u);
  EXPECT_EQ(Get("/stories/99/feed.xml").status, 404);
  EXPECT_EQ(Get("/stories/x/feed.json").status, 400);
  // A store that keeps no stories has no story feeds either.
  FakeStore plain;
  Router router(plain, clock_, nullptr, {}, std::string(kBase));
  EXPECT_EQ(Get(router, "/stories/7/feed.xml").status, 404);
}

TEST_F(FeedRoutesTest, SearchFeedAndAnEmptySearch) {
  const parse::ParsedFeed feed = Parse(Get("/search/feed.xml?q=strike"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Lisbon port strike <ends>");
  EXPECT_EQ(feed.self_url, "https://news.example.org/search/feed.xml?q=strike");
  const Response empty = Get("/search/feed.json");
  ASSERT_EQ(empty.status, 200);
  const json j = json::parse(empty.body);
  EXPECT_TRUE(j["items"].empty());
  EXPECT_EQ(j["title"], "Search · wiredesk");
  EXPECT_TRUE(Parse(Get("/search/feed.xml?q=nothing-matches-this")).entries.empty());
  EXPECT_EQ(Get("/search/feed.xml?q=" + std::string(600, 'a')).status, 400);
}

TEST_F(FeedRoutesTest, WithoutABaseUrlTheHostIsUsedButNeverCached) {
  Router router(store_, clock_);
  const Response r = Get(router, "/feed.json", "desk.local:8080");
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(r.cacheable);
  EXPECT_EQ(r.Header("Cache-Control").value_or(""), "private, no-cache");
  EXPECT_EQ(json::parse(r.body)["items"][0]["url"], "http://desk.local:8080/articles/2");
  // A Host that is not a plain host[:port] never reaches a feed.
  for (const char* evil : {"evil.example/\"><script>", "a b", "user@host", ""}) {
    EXPECT_EQ(Get(router, "/feed.xml", evil).status, 400) << evil;
  }
}

TEST_F(FeedRoutesTest, FeedsAreCachedWithETagsLikePages) {
  Site site(store_, clock_, SiteOptions{.base_url = std::string(kBase)});
  Request req;
  req.target = "/tags/Lisbon/feed.xml";
  req.headers.emplace_back("host", "attacker.example");
  const auto first = site.Respond(req);
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(site.cache().entries(), 1u);
  EXPECT_FALSE(Has(first->Body(), "attacker.example"));  // the configured base, not Host
  req.headers.emplace_back("if-none-match", first->etag);
  EXPECT_EQ(site.Respond(req)->status, 304);
  // Without a base URL, nothing built from Host is cached.
  Site by_host(store_, clock_);
  Request other;
  other.target = "/feed.xml";
  other.headers.emplace_back("host", "one.example");
  ASSERT_EQ(by_host.Respond(other)->status, 200);
  EXPECT_EQ(by_host.cache().entries(), 0u);
  other.headers[0].second = "two.example";
  EXPECT_TRUE(Has(by_host.Respond(other)->Body(), "http://two.example/articles/"));
}

TEST_F(FeedRoutesTest, HtmlPagesAdvertiseTheirFeeds) {
  EXPECT_TRUE(Has(Get("/").body,
                  "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Latest news (RSS)\" href=\"/feed.xml\">"));
  EXPECT_TRUE(Has(Get("/").body, "type=\"application/feed+json\" title=\"Latest news (JSON Feed)\" href=\"/feed.json\""));
  EXPECT_TRUE(Has(Get("/tags/Lisbon").body, "href=\"/tags/Lisbon/feed.xml\""));
  EXPECT_TRUE(Has(Get("/search?q=port strike").body, "href=\"/search/feed.json?q=port%20strike\""));
  EXPECT_TRUE(Has(Get("/stories/7").body, "href=\"/stories/7/feed.json\""));
  EXPECT_FALSE(Has(Get("/search").body, "rel=\"alternate\""));
  EXPECT_FALSE(Has(Get("/articles/1").body, "rel=\"alternate\""));
}

}  // namespace
}  // namespace wiredesk::serve::feeds_out
