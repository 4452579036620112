// The story pages, the front page of stories, the article page's related coverage and the
// stories API, over a fake store that keeps canned stories.
#include "serve/story_routes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "serve/fake_store_test_util.h"
#include "serve/router.h"

namespace wiredesk::serve {
namespace {

using nlohmann::json;
using testing::At;
using testing::FakeStore;
using testing::SampleArticle;

bool Has(const std::string& s, std::string_view needle) { return s.find(needle) != std::string::npos; }

// Story 7: articles 1 (Reuters) and 2 (AP), article 3 a copy of 1 by the Daily; story 8:
// article 4 alone.
class StoryStore : public FakeStore {
 public:
  StoryStore() {
    Article a = SampleArticle();
    Add(a);  // 1
    a.title = "Israel and Syria hold first direct talks";
    a.source = Source{2, "AP", "https://apnews.com/"};
    a.published = At(2025, 6, 26, 10);
    Add(a);  // 2
    a.title = "Syria, Israel talk security";
    a.source = Source{3, "Daily", ""};
    Add(a);  // 3
    a.title = "Heatwave grips Spain";
    a.source = Source{4, "El País", "https://elpais.com/"};
    a.published = At(2025, 6, 27, 6);
    Add(a);  // 4
  }
  store::ArticleSummary S(int64_t id) { return Summary(articles.at(id)); }

  Result<store::StoryPage> ListStories(int limit, int offset) override {
    (void)limit, (void)offset;
    store::StoryPage page;
    page.total = 2;
    page.stories.push_back(Story7().summary);
    store::StorySummary single{8, "Heatwave grips Spain", 1, 1, At(2025, 6, 27, 6),
                               At(2025, 6, 27, 6), S(4)};
    page.stories.push_back(single);
    return page;
  }
  Result<std::optional<store::StoryDetail>> FindStory(int64_t id) override {
    if (id != 7) return std::optional<store::StoryDetail>();
    return std::optional<store::StoryDetail>(Story7());
  }
  Result<std::optional<int64_t>> StoryOf(int64_t id) override {
    return id <= 3 ? std::optional<int64_t>(7) : std::optional<int64_t>(8);
  }
  Result<std::vector<store::RelatedArticle>> RelatedArticles(int64_t id, int limit) override {
    (void)limit;
    std::vector<store::RelatedArticle> out;
    if (id == 1) out = {{S(2), 7, true}, {S(4), 8, false}};
    return out;
  }
  Result<std::vector<store::ArticleSummary>> AlsoPublishedBy(int64_t id) override {
    std::vector<store::ArticleSummary> out;
    if (id == 1) out.push_back(S(3));
    return out;
  }

 private:
  store::StoryDetail Story7() {
    store::StoryDetail d;
    d.summary = store::StorySummary{7, "Syria and Israel in direct talks focused on security, sources say",
                                    2, 3, At(2025, 6, 26, 10), At(2025, 6, 27, 9), S(1)};
    d.by_source.push_back({articles.at(1).source, {{S(1), {articles.at(3).source}}}});
    d.by_source.push_back({articles.at(2).source, {{S(2), {}}}});
    d.coverage = {{At(2025, 6, 26), 1}, {At(2025, 6, 27), 2}};
    return d;
  }
};

class StoryRoutesTest : public ::testing::Test {
 protected:
  StoryStore store_;
  FakeClock clock_{At(2025, 6, 27, 12)};
  Router router_{store_, clock_};

  Response Get(std::string target) {
    Request req;
    req.method = "GET";
    req.target = std::move(target);
    return router_.Handle(req);
  }
};

TEST_F(StoryRoutesTest, FrontPageListsStoriesLargestFirstAndAStoryOfOneStillShows) {
  const Response r = Get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Top stories"));
  EXPECT_TRUE(Has(r.body, "href=\"/stories/7\""));
  EXPECT_TRUE(Has(r.body, "2 articles · 3 publishers"));
  EXPECT_TRUE(Has(r.body, "3 hours ago"));
  // The story of one article goes straight to the article.
  EXPECT_TRUE(Has(r.body, "Heatwave grips Spain"));
  EXPECT_TRUE(Has(r.body, "href=\"/articles/4\""));
  EXPECT_LT(r.body.find("/stories/7"), r.body.find("/articles/4"));
  EXPECT_TRUE(r.cacheable);
}

TEST_F(StoryRoutesTest, StoryPageHasHeadlinePublishersChartAndArticlesBySource) {
  const Response r = Get("/stories/7");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "<h1 class=\"headline\">Syria and Israel in direct talks"));
  EXPECT_TRUE(Has(r.body, "2 articles from 3 publishers"));
  EXPECT_TRUE(Has(r.body, "<svg"));
  EXPECT_TRUE(Has(r.body, "<rect class=\"bar\""));
  EXPECT_TRUE(Has(r.body, "27 Jun 2025: 2 articles"));
  EXPECT_TRUE(Has(r.body, "Reuters"));
  EXPECT_TRUE(Has(r.body, "href=\"https://apnews.com/\""));
  EXPECT_TRUE(Has(r.body, "href=\"/articles/2\""));
  EXPECT_TRUE(Has(r.body, "Also published by Daily"));
  EXPECT_TRUE(Has(r.body, "1 day ago"));
  // CSP: no script, no inline style.
  EXPECT_FALSE(Has(r.body, "<script"));
  EXPECT_FALSE(Has(r.body, "style="));
  EXPECT_EQ(Get("/stories/99").status, 404);
  EXPECT_EQ(Get("/stories/x").status, 400);
}

TEST_F(StoryRoutesTest, WhatIsNewLeavesOutPointsEarlierCoverageMadeInOtherWords) {
  // Article 2 (AP) came first; article 1 (Reuters) is the latest report.
  store_.insights[2].key_points = {
      "Israeli and Syrian officials held their first direct talks in Baku on Wednesday."};
  store_.insights[1].key_points = {
      "The first direct talks between Syrian and Israeli officials were held in Baku on "
      "Wednesday.",
      "A second round is planned in Paris next month, a diplomat said."};
  const Response r = Get("/stories/7");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "What is new"));
  EXPECT_TRUE(Has(r.body, "A second round is planned in Paris next month"));
  EXPECT_FALSE(Has(r.body, "were held in Baku"));
}

TEST_F(StoryRoutesTest, ArticlePageShowsRelatedCoverageAndAlsoPublishedBy) {
  const Response r = Get("/articles/1");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Related coverage"));
  const size_t same = r.body.find("href=\"/articles/2\"");
  const size_t other = r.body.find("href=\"/articles/4\"");
  ASSERT_NE(same, std::string::npos);
  ASSERT_NE(other, std::string::npos);
  EXPECT_LT(same, other);  // the same story first
  EXPECT_TRUE(Has(r.body, "related story"));
  EXPECT_TRUE(Has(r.body, "Also published by <a href=\"/articles/3\">Daily</a>"));
  EXPECT_TRUE(Has(r.body, "href=\"/stories/7\""));
  // The article page's own "Related Articles" stays.
  EXPECT_TRUE(Has(r.body, "Related Articles"));
  const Response plain = Get("/articles/4");
  EXPECT_FALSE(Has(plain.body, "Related coverage"));
  EXPECT_FALSE(Has(plain.body, "Also published by"));
}

TEST_F(StoryRoutesTest, ApiListsAndReadsStoriesAndTheArticleNamesItsStory) {
  Response r = Get("/api/v1/stories?limit=5");
  ASSERT_EQ(r.status, 200);
  json j = json::parse(r.body);
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["stories"][0]["id"], 7);
  EXPECT_EQ(j["stories"][0]["publishers"], 3);
  EXPECT_EQ(j["stories"][0]["lead"]["id"], 1);
  EXPECT_EQ(Get("/api/v1/stories?limit=x").status, 400);

  r = Get("/api/v1/stories/7");
  ASSERT_EQ(r.status, 200);
  j = json::parse(r.body);
  EXPECT_EQ(j["headline"], "Syria and Israel in direct talks focused on security, sources say");
  EXPECT_EQ(j["sources"][0]["source"]["name"], "Reuters");
  EXPECT_EQ(j["sources"][0]["articles"][0]["also_published_by"][0]["name"], "Daily");
  EXPECT_EQ(j["coverage"][1]["day"], "2025-06-27");
  EXPECT_EQ(j["coverage"][1]["articles"], 2);
  EXPECT_EQ(Get("/api/v1/stories/99").status, 404);
  EXPECT_EQ(Get("/api/v1/stories/abc").status, 400);

  r = Get("/api/v1/articles/1");
  ASSERT_EQ(r.status, 200);
  j = json::parse(r.body);
  EXPECT_EQ(j["story"], 7);
  ASSERT_EQ(j["related_coverage"].size(), 2u);
  EXPECT_EQ(j["related_coverage"][0]["id"], 2);
  EXPECT_EQ(j["related_coverage"][0]["same_story"], true);
  EXPECT_EQ(j["also_published_by"][0]["id"], 3);
}

TEST(StoryRoutesWithoutStories, FallBackToTheLatestArticles) {
  FakeStore store;  // keeps no stories: every story method is kUnsupported
  store.Add(SampleArticle());
  FakeClock clock{At(2025, 6, 27, 12)};
  Router router{store, clock};
  Request req;
  req.method = "GET";
  req.target = "/";
  Response r = router.Handle(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Syria and Israel in direct talks"));
  EXPECT_TRUE(Has(r.body, "href=\"/articles/1\""));
  req.target = "/stories/1";
  EXPECT_EQ(router.Handle(req).status, 404);
  req.target = "/articles/1";
  r = router.Handle(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(Has(r.body, "Related coverage"));
  req.target = "/api/v1/articles/1";
  EXPECT_TRUE(json::parse(router.Handle(req).body)["story"].is_null());
}

}  // namespace
}  // namespace wiredesk::serve
