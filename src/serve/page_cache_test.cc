#include "serve/page_cache.h"

#include <gtest/gtest.h>

#include "serve/fake_store_test_util.h"
#include "serve/site.h"

namespace wiredesk::serve {
namespace {

using namespace std::chrono_literals;
using testing::At;
using testing::FakeStore;
using testing::SampleArticle;

std::shared_ptr<const WireResponse> Page(size_t body_bytes) {
  Response r;
  r.body.assign(body_bytes, 'x');
  return std::make_shared<WireResponse>(Serialize(r));
}

TEST(PageCacheTest, EvictsLeastRecentlyUsedPastTheByteCap) {
  PageCache cache(40'000, 60s);
  const auto t0 = std::chrono::steady_clock::time_point{};
  cache.Insert("/a", Page(9'000), t0, 0);
  cache.Insert("/b", Page(9'000), t0, 0);
  cache.Insert("/c", Page(9'000), t0, 0);
  ASSERT_NE(cache.Find("/a", t0), nullptr);  // /a is now the most recent
  cache.Insert("/d", Page(9'000), t0, 0);
  cache.Insert("/e", Page(9'000), t0, 0);
  EXPECT_LE(cache.bytes(), 40'000u);
  EXPECT_EQ(cache.Find("/b", t0), nullptr);
  EXPECT_NE(cache.Find("/a", t0), nullptr);
  EXPECT_NE(cache.Find("/e", t0), nullptr);
  cache.Insert("/huge", Page(30'000), t0, 0);  // over a quarter of the cap: not kept
  EXPECT_EQ(cache.Find("/huge", t0), nullptr);
}

TEST(PageCacheTest, EntriesExpireAndGenerationChangesEmptyIt) {
  PageCache cache(1 << 20, 60s);
  const auto t0 = std::chrono::steady_clock::time_point{};
  cache.NoteGeneration(5);
  cache.Insert("/a", Page(10), t0, 5);
  EXPECT_NE(cache.Find("/a", t0 + 59s), nullptr);
  EXPECT_EQ(cache.Find("/a", t0 + 61s), nullptr);
  cache.Insert("/a", Page(10), t0, 5);
  cache.NoteGeneration(5);
  EXPECT_NE(cache.Find("/a", t0), nullptr);
  cache.NoteGeneration(6);
  EXPECT_EQ(cache.Find("/a", t0), nullptr);
  cache.Insert("/stale", Page(10), t0, 5);  // rendered before the change: dropped
  EXPECT_EQ(cache.Find("/stale", t0), nullptr);
}

class SiteTest : public ::testing::Test {
 protected:
  FakeStore store_;
  FakeClock clock_{At(2025, 6, 27, 12)};
  std::chrono::steady_clock::time_point now_{};
  Site site_{store_, clock_, SiteOptions{.now = [this] { return now_; }}};

  std::shared_ptr<const WireResponse> Get(std::string target, std::string inm = "",
                                          std::string method = "GET") {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    if (!inm.empty()) req.headers.emplace_back("if-none-match", inm);
    return site_.Respond(req);
  }
};

TEST_F(SiteTest, CachesArticlePagesAndPollsGenerationAtMostEvery250ms) {
  const int64_t id = store_.Add(SampleArticle());
  const std::string path = "/articles/" + std::to_string(id);
  auto first = Get(path);
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(store_.find_calls, 1);
  for (int i = 0; i < 100; ++i) {
    auto again = Get(path);
    EXPECT_EQ(again->bytes, first->bytes);
  }
  EXPECT_EQ(store_.find_calls, 1);       // served from the cache
  EXPECT_EQ(store_.generation_calls, 1);  // polled once, not per request
  now_ += 300ms;
  Get(path);
  EXPECT_EQ(store_.generation_calls, 2);
  EXPECT_EQ(store_.find_calls, 1);
}

TEST_F(SiteTest, GenerationChangeInvalidates) {
  const int64_t id = store_.Add(SampleArticle());
  const std::string path = "/articles/" + std::to_string(id);
  ASSERT_NE(Get(path)->Body().find("Syria and Israel"), std::string::npos);
  store_.articles[id].title = "A corrected headline";
  ++store_.generation;
  // Within the poll interval the cached page may still be served...
  now_ += 100ms;
  EXPECT_NE(Get(path)->Body().find("Syria and Israel"), std::string::npos);
  // ...but once polled, the change shows.
  now_ += 200ms;
  EXPECT_NE(Get(path)->Body().find("A corrected headline"), std::string::npos);
  EXPECT_EQ(store_.find_calls, 2);
}

// A store that pushes its generation (PostgreSQL's LISTEN/NOTIFY): a pushed change shows on
// the next request, and while the push is live the poll is only a 5 s safety net; when it is
// lost, polling every 250 ms resumes.
TEST(SitePushTest, APushedGenerationInvalidatesAtOnceAndThePollBacksOff) {
  FakeStore store;
  FakeClock clock{At(2025, 6, 27, 12)};
  std::chrono::steady_clock::time_point now{};
  bool live = true;
  Site site{store, clock,
            SiteOptions{.generation_pushed = [&live] { return live; }, .now = [&now] { return now; }}};
  auto get = [&](const std::string& target) {
    Request req;
    req.method = "GET";
    req.target = target;
    return site.Respond(req);
  };
  const int64_t id = store.Add(SampleArticle());
  const std::string path = "/articles/" + std::to_string(id);
  ASSERT_NE(get(path)->Body().find("Syria and Israel"), std::string::npos);
  EXPECT_EQ(store.generation_calls, 1);
  store.articles[id].title = "A corrected headline";
  site.NoteGeneration(++store.generation);  // the listener's thread
  EXPECT_NE(get(path)->Body().find("A corrected headline"), std::string::npos);
  now += 2s;
  get(path);
  EXPECT_EQ(store.generation_calls, 1);  // pushed: no poll within 5 s
  now += 4s;
  get(path);
  EXPECT_EQ(store.generation_calls, 2);  // the safety net
  live = false;
  now += 6s;
  get(path);
  now += 300ms;
  get(path);
  EXPECT_EQ(store.generation_calls, 4);  // the push is down: every 250 ms again
}

TEST_F(SiteTest, EntriesExpireAfterAMinute) {
  const int64_t id = store_.Add(SampleArticle());
  const std::string path = "/articles/" + std::to_string(id);
  Get(path);
  now_ += 30s;
  Get(path);
  EXPECT_EQ(store_.find_calls, 1);
  now_ += 31s;
  Get(path);
  EXPECT_EQ(store_.find_calls, 2);
}

TEST_F(SiteTest, ErrorsAndHealthAreNotCached) {
  Get("/articles/42");
  Get("/articles/42");
  EXPECT_EQ(store_.find_calls, 2);
  Get("/healthz");
  EXPECT_EQ(site_.cache().entries(), 0u);
}

TEST_F(SiteTest, IfNoneMatchGives304FromCacheAndFresh) {
  const int64_t id = store_.Add(SampleArticle());
  const std::string path = "/articles/" + std::to_string(id);
  auto full = Get(path);
  ASSERT_FALSE(full->etag.empty());
  auto not_modified = Get(path, full->etag);
  EXPECT_EQ(not_modified->status, 304);
  EXPECT_TRUE(not_modified->Body().empty());
  EXPECT_NE(not_modified->Head().find("ETag: " + full->etag), std::string::npos);
  EXPECT_NE(not_modified->Head().find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(Get(path, "\"other\"")->status, 200);
  EXPECT_EQ(Get(path, "\"other\", W/" + full->etag)->status, 304);
  site_.cache().Clear();
  EXPECT_EQ(Get(path, full->etag)->status, 304);  // a miss renders, then answers 304
}

TEST_F(SiteTest, EveryResponseCarriesTheSecurityFields) {
  store_.Add(SampleArticle());
  for (const char* t : {"/", "/articles/1", "/articles/x", "/nope", "/search?q=a", "/static/site.css",
                        "/api/v1/articles", "/api/v1/articles/9", "/healthz"}) {
    for (const char* m : {"GET", "HEAD", "POST"}) {
      const std::string head(Get(t, "", m)->Head());
      EXPECT_NE(head.find("Content-Security-Policy: default-src 'self'"), std::string::npos) << t;
      EXPECT_NE(head.find("X-Content-Type-Options: nosniff"), std::string::npos) << t;
      EXPECT_NE(head.find("Referrer-Policy: strict-origin-when-cross-origin"), std::string::npos) << t;
      EXPECT_NE(head.find("X-Frame-Options: DENY"), std::string::npos) << t;
    }
  }
}

}  // namespace
}  // namespace wiredesk::serve
