// The refresh pass end to end: a real CurlFetcher against a loopback HTTP server (the SSRF
// allow-list opened for 127.0.0.1/32 explicitly), a real SQLite store, a fake clock.
#include "pipeline/refresh.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "fetch/curl_fetcher.h"
#include "fetch/test_http_server.h"

namespace wiredesk::pipeline {
namespace {

namespace fs = std::filesystem;
using fetch::testing::TestHttpServer;
using fetch::testing::TestRequest;
using fetch::testing::TestResponse;
using std::chrono::hours;
using std::chrono::minutes;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

fs::path SourceDir() {
  const char* src = std::getenv("WIREDESK_SOURCE_DIR");
  return fs::path(src != nullptr ? src : ".");
}

std::string Paragraphs(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += "<p>Paragraph " + std::to_string(i) +
         " of the story, long enough to read as the body of an article in a feed.</p>";
  }
  return s;
}

// A server with routes: path -> response; everything else 404. Counts what it served.
class Site {
 public:
  Site()
      : server_([this](const TestRequest& r) {
          std::lock_guard lock(mu_);
          ++hits_[r.target];
          auto it = routes_.find(r.target);
          if (it == routes_.end()) return TestResponse{404, {}, "not here"};
          TestResponse res = it->second(r);
          if (res.status == 304) ++not_modified_;
          return res;
        }) {}

  void Route(const std::string& path, std::function<TestResponse(const TestRequest&)> f) {
    std::lock_guard lock(mu_);
    routes_[path] = std::move(f);
  }
  void Serve(const std::string& path, std::string body, std::string type = "application/rss+xml",
             std::string etag = "") {
    Route(path, [body, type, etag](const TestRequest& r) {
      if (!etag.empty() && r.Header("if-none-match") == etag) {
        return TestResponse{304, {{"ETag", etag}}, ""};
      }
      std::vector<std::pair<std::string, std::string>> h = {{"Content-Type", type}};
      if (!etag.empty()) h.emplace_back("ETag", etag);
      return TestResponse{200, h, body};
    });
  }
  std::string Url(const std::string& path) const { return server_.Url(path); }
  int Hits(const std::string& path) {
    std::lock_guard lock(mu_);
    return hits_[path];
  }
  int NotModified() {
    std::lock_guard lock(mu_);
    return not_modified_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::function<TestResponse(const TestRequest&)>> routes_;
  std::map<std::string, int> hits_;
  int not_modified_ = 0;
  TestHttpServer server_;  // last: stops (joins its threads) before the routes go
};

class RefreshTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "wd_refresh_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto s = store::OpenStore((dir_ / "w.db").string(), store::StoreOptions{&clock_});
    ASSERT_TRUE(s.has_value()) << s.error().ToString();
    store_ = std::move(*s);
    fetch::CurlFetcherOptions fo;
    fo.policy.Allow(*fetch::ParseCidr("127.0.0.1/32"));
    fo.connect_timeout = std::chrono::milliseconds(2000);
    fo.total_timeout = std::chrono::milliseconds(3000);
    fo.max_body_bytes = 2 << 20;
    fo.clock = &clock_;
    fetcher_ = std::make_unique<fetch::CurlFetcher>(fo);
    options_.politeness.min_delay = std::chrono::milliseconds(0);
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  store::FeedRecord Subscribe(const std::string& url) {
    auto id = store_->AddFeed({url, "", "", ""});
    EXPECT_TRUE(id.has_value()) << id.error().ToString();
    return **store_->FindFeed(url);
  }
  store::FeedRecord Feed(const std::string& url) {
    auto f = store_->FindFeed(url);
    EXPECT_TRUE(f.has_value() && f->has_value()) << url;
    return f && *f ? **f : store::FeedRecord{};
  }
  FeedRefresh Refresh(const std::string& url) {
    return RefreshFeed(*store_, *fetcher_, clock_, Feed(url), options_);
  }

  fs::path dir_;
  FakeClock clock_{*MakeInstant(2025, 6, 27, 12)};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<fetch::CurlFetcher> fetcher_;
  RefreshOptions options_;
  Site site_;
};

std::string Rss(const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\" "
         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
         "<title>Test Wire</title><link>https://wire.example/</link>" +
         items + "</channel></rss>";
}

std::string Item(const std::string& guid, const std::string& link, const std::string& title,
                 const std::string& content = "", const std::string& date = "Fri, 27 Jun 2025 10:00:00 GMT") {
  std::string s = "<item><guid>" + guid + "</guid><link>" + link + "</link><title>" + title +
                  "</title><pubDate>" + date + "</pubDate><description>Short summary of " +
                  title + ".</description>";
  if (!content.empty()) s += "<content:encoded><![CDATA[" + content + "]]></content:encoded>";
  return s + "</item>";
}

TEST_F(RefreshTest, FullTextFeedIsStoredAndA304IsCounted) {
  site_.Serve("/feed.xml",
              Rss(Item("a1", "https://wire.example/a1", "Harbour reopens", Paragraphs(6)) +
                  Item("a2", "https://wire.example/a2", "Storm passes", Paragraphs(6),
                       "Fri, 27 Jun 2025 08:00:00 GMT")),
              "application/rss+xml", "\"v1\"");
  Subscribe(site_.Url("/feed.xml"));
  FeedRefresh r = Refresh(site_.Url("/feed.xml"));
  ASSERT_EQ(r.outcome, FeedOutcome::kUpdated) << r.error;
  EXPECT_EQ(r.entries, 2);
  EXPECT_EQ(r.new_entries, 2);
  EXPECT_EQ(r.added, 2);
  EXPECT_EQ(r.pages_fetched, 0);  // full text: no page fetched
  EXPECT_EQ(*store_->CountArticles(), 2);
  auto id = store_->FindArticleIdByUrl("https://wire.example/a1");
  ASSERT_TRUE(id.has_value() && id->has_value());
  auto a = *store_->FindArticle(**id);
  EXPECT_EQ(a->title, "Harbour reopens");
  EXPECT_NE(a->text.find("Paragraph 5 of the story"), std::string::npos);
  EXPECT_EQ(a->published, MakeInstant(2025, 6, 27, 10));

  store::FeedRecord f = Feed(site_.Url("/feed.xml"));
  EXPECT_EQ(f.State(), store::FeedState::kOk);
  EXPECT_EQ(f.title, "Test Wire");
  EXPECT_EQ(f.etag, "\"v1\"");
  EXPECT_EQ(f.entry_count, 2);
  EXPECT_EQ(f.interval_seconds, 3600);  // two hours apart: hourly
  EXPECT_EQ(f.next_fetch_at, clock_.Now() + hours(1));

  clock_.Advance(hours(1));
  FeedRefresh again = Refresh(site_.Url("/feed.xml"));
  EXPECT_EQ(again.outcome, FeedOutcome::kNotModified) << again.error;
  EXPECT_EQ(site_.NotModified(), 1);
  EXPECT_EQ(Feed(site_.Url("/feed.xml")).next_fetch_at, clock_.Now() + hours(1));
}

TEST_F(RefreshTest, SummaryOnlyEntriesGetTheirPageFetchedAndExtracted) {
  const std::string page =
      ReadFile(SourceDir() / "sample/pages/wikinews-2019-04-16-notre-dame-in-paris-catches-fire.html");
  ASSERT_FALSE(page.empty());
  site_.Serve("/story", page, "text/html; charset=utf-8");
  site_.Serve("/feed.xml", Rss(Item("s1", site_.Url("/story"), "Notre-Dame in Paris catches fire") +
                               Item("s2", site_.Url("/gone"), "A page that is gone")));
  Subscribe(site_.Url("/feed.xml"));
  FeedRefresh r = Refresh(site_.Url("/feed.xml"));
  ASSERT_EQ(r.outcome, FeedOutcome::kUpdated) << r.error;
  EXPECT_EQ(r.pages_fetched, 2);
  EXPECT_EQ(r.added, 2);  // the gone page's entry is kept from its summary
  ASSERT_EQ(r.entry_errors.size(), 1u);
  EXPECT_NE(r.entry_errors[0].find("HTTP 404"), std::string::npos) << r.entry_errors[0];
  auto page_article = store_->LatestArticles(10, 0);
  ASSERT_TRUE(page_article.has_value());
  bool found_long = false;
  for (const auto& s : page_article->articles) {
    auto a = *store_->FindArticle(s.id);
    if (a->title.find("Notre") != std::string::npos) {
      found_long = a->text.size() > 500;  // the page's body, not the feed's one line
    }
  }
  EXPECT_TRUE(found_long);
}

TEST_F(RefreshTest, SameArticleThroughTwoFeedsIsStoredOnce) {
  const std::string item = Item("x", "https://wire.example/shared", "Shared story", Paragraphs(6));
  site_.Serve("/one.xml", Rss(item));
  site_.Serve("/two.xml", Rss(Item("other-guid", "https://wire.example/shared", "Shared story",
                                   Paragraphs(6))));
  Subscribe(site_.Url("/one.xml"));
  Subscribe(site_.Url("/two.xml"));
  RefreshReport report = RefreshDueFeeds(*store_, *fetcher_, clock_, options_);
  ASSERT_EQ(report.feeds.size(), 2u);
  EXPECT_EQ(report.updated, 2);
  EXPECT_EQ(report.articles_added, 1);
  EXPECT_EQ(*store_->CountArticles(), 1);
  EXPECT_EQ(report.feeds[0].linked + report.feeds[1].linked, 1);
  EXPECT_EQ(Feed(site_.Url("/two.xml")).entry_count, 1);
  // Nothing is due any more.
  EXPECT_TRUE(RefreshDueFeeds(*store_, *fetcher_, clock_, options_).feeds.empty());
}

TEST_F(RefreshTest, PermanentRedirectUpdatesTheFeedUrl) {
  site_.Route("/old.xml", [this](const TestRequest&) {
    return TestResponse{301, {{"Location", site_.Url("/new.xml")}}, ""};
  });
  site_.Route("/temp.xml", [this](const TestRequest&) {
    return TestResponse{302, {{"Location", site_.Url("/new2.xml")}}, ""};
  });
  site_.Serve("/new.xml", Rss(Item("n1", "https://wire.example/n1", "Moved", Paragraphs(6))));
  site_.Serve("/new2.xml", Rss(Item("n2", "https://wire.example/n2", "Moved too", Paragraphs(6))));
  Subscribe(site_.Url("/old.xml"));
  Subscribe(site_.Url("/temp.xml"));
  FeedRefresh r = Refresh(site_.Url("/old.xml"));
  ASSERT_EQ(r.outcome, FeedOutcome::kUpdated) << r.error;
  EXPECT_EQ(r.moved_to, site_.Url("/new.xml"));
  EXPECT_TRUE(store_->FindFeed(site_.Url("/new.xml"))->has_value());
  EXPECT_FALSE(store_->FindFeed(site_.Url("/old.xml"))->has_value());
  FeedRefresh t = Refresh(site_.Url("/temp.xml"));
  ASSERT_EQ(t.outcome, FeedOutcome::kUpdated) << t.error;
  EXPECT_EQ(t.moved_to, "");  // a temporary redirect keeps the subscription where it is
  EXPECT_TRUE(store_->FindFeed(site_.Url("/temp.xml"))->has_value());
}

TEST_F(RefreshTest, TooManyRequestsHonoursRetryAfter) {
  site_.Route("/feed.xml", [](const TestRequest&) {
    return TestResponse{429, {{"Retry-After", "7200"}}, "slow down"};
  });
  Subscribe(site_.Url("/feed.xml"));
  FeedRefresh r = Refresh(site_.Url("/feed.xml"));
  EXPECT_EQ(r.outcome, FeedOutcome::kFailed);
  store::FeedRecord f = Feed(site_.Url("/feed.xml"));
  EXPECT_EQ(f.State(), store::FeedState::kFailing);
  EXPECT_NE(f.last_error.find("HTTP 429 Too Many Requests"), std::string::npos) << f.last_error;
  EXPECT_EQ(f.next_fetch_at, clock_.Now() + hours(2));  // Retry-After beats the 5 min back-off
  EXPECT_EQ(f.failures, 1);
}

TEST_F(RefreshTest, FailingFeedBacksOffExponentiallyAndRecovers) {
  std::atomic<bool> broken{true};
  site_.Route("/feed.xml", [&broken](const TestRequest&) {
    if (broken) return TestResponse{500, {}, "oops"};
    return TestResponse{200, {}, Rss(Item("r1", "https://wire.example/r1", "Back", Paragraphs(6)))};
  });
  Subscribe(site_.Url("/feed.xml"));
  for (int i = 1; i <= 3; ++i) {
    FeedRefresh r = Refresh(site_.Url("/feed.xml"));
    EXPECT_EQ(r.outcome, FeedOutcome::kFailed);
    store::FeedRecord f = Feed(site_.Url("/feed.xml"));
    EXPECT_EQ(f.failures, i);
    EXPECT_EQ(f.last_error, "HTTP 500 Internal Server Error");
    EXPECT_EQ(f.next_fetch_at, clock_.Now() + minutes(5) * (1 << (i - 1)));
    clock_.Set(f.next_fetch_at);
  }
  broken = false;
  FeedRefresh ok = Refresh(site_.Url("/feed.xml"));
  EXPECT_EQ(ok.outcome, FeedOutcome::kUpdated) << ok.error;
  store::FeedRecord f = Feed(site_.Url("/feed.xml"));
  EXPECT_EQ(f.failures, 0);
  EXPECT_EQ(f.last_error, "");
  EXPECT_EQ(f.State(), store::FeedState::kOk);
}

TEST_F(RefreshTest, StallingAndEndlessServersAreCutOff) {
  site_.Route("/stall.xml", [](const TestRequest&) {
    return TestResponse{200, {}, "", TestResponse::Mode::kStall};
  });
  site_.Route("/endless.xml", [](const TestRequest&) {
    return TestResponse{200, {}, "", TestResponse::Mode::kEndless};
  });
  Subscribe(site_.Url("/stall.xml"));
  Subscribe(site_.Url("/endless.xml"));
  const auto start = std::chrono::steady_clock::now();
  RefreshReport report = RefreshDueFeeds(*store_, *fetcher_, clock_, options_);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(report.failed, 2);
  EXPECT_NE(Feed(site_.Url("/stall.xml")).last_error.find("no complete response within 3 s"),
            std::string::npos)
      << Feed(site_.Url("/stall.xml")).last_error;
  EXPECT_NE(Feed(site_.Url("/endless.xml")).last_error.find("larger than the limit"),
            std::string::npos)
      << Feed(site_.Url("/endless.xml")).last_error;
}

TEST_F(RefreshTest, MalformedAndHostileFeedsGiveClearErrors) {
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">";
  for (int i = 1; i < 10; ++i) {
    laughs += "<!ENTITY " + std::string(1, static_cast<char>('a' + i)) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&" + std::string(1, static_cast<char>('a' + i - 1)) + ";";
    laughs += "\">";
  }
  laughs += "]><rss version=\"2.0\"><channel><title>&j;</title></channel></rss>";
  site_.Serve("/laughs.xml", laughs);
  site_.Serve("/broken.xml", "<rss version=\"2.0\"><channel><title>x</channel>");
  site_.Serve("/empty.xml", "");
  site_.Serve("/nofeed.html", "<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>",
              "text/html");
  for (const char* path : {"/laughs.xml", "/broken.xml", "/empty.xml", "/nofeed.html"}) {
    Subscribe(site_.Url(path));
  }
  const auto start = std::chrono::steady_clock::now();
  RefreshReport report = RefreshDueFeeds(*store_, *fetcher_, clock_, options_);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(report.failed, 4);
  EXPECT_NE(Feed(site_.Url("/laughs.xml")).last_error.find("entity"), std::string::npos);
  EXPECT_NE(Feed(site_.Url("/broken.xml")).last_error.find("malformed XML at line 1"),
            std::string::npos);
  EXPECT_EQ(Feed(site_.Url("/empty.xml")).last_error, "the feed cannot be read: the feed is empty");
  EXPECT_EQ(Feed(site_.Url("/nofeed.html")).last_error, "the page at this URL announces no feed");
  EXPECT_EQ(*store_->CountArticles(), 0);
}

TEST_F(RefreshTest, AutodiscoveryFollowsTheHomePagesFeed) {
  site_.Serve("/", "<!DOCTYPE html><html><head><title>Wire</title>"
                   "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\">"
                   "</head><body>Home</body></html>",
              "text/html");
  site_.Serve("/atom.xml",
              "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire Atom</title>"
              "<entry><id>t:1</id><title>Found it</title><link href=\"https://wire.example/f\"/>"
              "<updated>2025-06-27T09:00:00Z</updated><content type=\"html\">" +
                  std::string("&lt;p&gt;Body.&lt;/p&gt;") + "</content></entry></feed>",
              "application/atom+xml");
  Subscribe(site_.Url("/"));
  options_.fetch_pages = false;
  FeedRefresh r = Refresh(site_.Url("/"));
  ASSERT_EQ(r.outcome, FeedOutcome::kUpdated) << r.error;
  EXPECT_EQ(r.moved_to, site_.Url("/atom.xml"));
  store::FeedRecord f = Feed(site_.Url("/atom.xml"));
  EXPECT_EQ(f.title, "Wire Atom");
  EXPECT_EQ(*store_->CountArticles(), 1);
}

TEST_F(RefreshTest, SsrfGuardAppliesToFeedsAndPages) {
  // No allow-list: the loopback server is refused, and the error says how to allow it.
  fetch::CurlFetcherOptions closed;
  closed.clock = &clock_;
  fetch::CurlFetcher guarded(closed);
  site_.Serve("/feed.xml", Rss(Item("g", "https://wire.example/g", "G", Paragraphs(6))));
  Subscribe(site_.Url("/feed.xml"));
  FeedRefresh r = RefreshFeed(*store_, guarded, clock_, Feed(site_.Url("/feed.xml")), options_);
  EXPECT_EQ(r.outcome, FeedOutcome::kFailed);
  EXPECT_NE(r.error.find("loopback"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("--allow-network"), std::string::npos) << r.error;
  EXPECT_EQ(site_.Hits("/feed.xml"), 0);
}

TEST_F(RefreshTest, PolitenessSpacesRequestsToOneHost) {
  for (int i = 0; i < 3; ++i) {
    site_.Serve("/f" + std::to_string(i) + ".xml",
                Rss(Item("p" + std::to_string(i), "https://wire.example/p" + std::to_string(i),
                         "P", Paragraphs(6))));
    Subscribe(site_.Url("/f" + std::to_string(i) + ".xml"));
  }
  options_.politeness.min_delay = std::chrono::milliseconds(150);
  options_.workers = 3;
  const auto start = std::chrono::steady_clock::now();
  RefreshReport report = RefreshDueFeeds(*store_, *fetcher_, clock_, options_);
  EXPECT_EQ(report.updated, 3);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST(RefreshContent, ArticleFromSummaryOrContent) {
  const Instant now = *MakeInstant(2025, 6, 27, 12);
  Entry e;
  e.guid = "g";
  e.title = "Title <b>ok</b>";
  e.summary = "<p>Just a line.</p>";
  auto a = ArticleFromEntryContent(e, "Feed Name", now);
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  EXPECT_EQ(a->title, "Title <b>ok</b>");  // data: the page escapes it
  EXPECT_EQ(a->text, "Just a line.");
  EXPECT_EQ(a->source.name, "Feed Name");
  Entry empty;
  empty.guid = "x";
  auto none = ArticleFromEntryContent(empty, "F", now);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
  Entry full;
  full.content_html = Paragraphs(6);
  EXPECT_TRUE(HasFullText(full, 400));
  EXPECT_FALSE(HasFullText(e, 400));
}

}  // namespace
}  // namespace wiredesk::pipeline
