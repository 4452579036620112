// CurlFetcher against a real HTTP server on a loopback port (allow-listed explicitly: the
// guard refuses loopback otherwise, and one test checks that it does).
#include "fetch/curl_fetcher.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <chrono>

#include "fetch/test_http_server.h"

namespace wiredesk::fetch {
namespace {

using testing::TestHttpServer;
using testing::TestRequest;
using testing::TestResponse;

CurlFetcherOptions LoopbackOptions() {
  CurlFetcherOptions o;
  o.policy.Allow(*ParseCidr("127.0.0.1/32"));
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.total_timeout = std::chrono::milliseconds(5000);
  return o;
}

std::string Gzip(std::string_view s) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(CurlFetcher, FetchesWithUserAgentAndValidators) {
  TestHttpServer server([](const TestRequest&) {
    return TestResponse{200, {{"ETag", "\"v1\""}, {"Last-Modified", "Fri, 27 Jun 2025 12:00:00 GMT"},
                              {"Content-Type", "application/rss+xml"}}, "<rss/>"};
  });
  CurlFetcher f(LoopbackOptions());
  auto r = f.Fetch({server.Url("/feed.xml")});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<rss/>");
  EXPECT_EQ(r->etag, "\"v1\"");
  EXPECT_EQ(r->last_modified, "Fri, 27 Jun 2025 12:00:00 GMT");
  EXPECT_EQ(r->content_type, "application/rss+xml");
  EXPECT_EQ(r->url, server.Url("/feed.xml"));
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_TRUE(reqs[0].Header("user-agent").starts_with("wiredesk/"));
  EXPECT_NE(reqs[0].Header("accept").find("application/rss+xml"), std::string::npos);
  EXPECT_NE(reqs[0].Header("accept-encoding").find("gzip"), std::string::npos);
  EXPECT_NE(reqs[0].Header("accept-encoding").find("br"), std::string::npos);
}

TEST(CurlFetcher, ConditionalGetGives304) {
  TestHttpServer server([](const TestRequest& req) {
    if (req.Header("if-none-match") == "\"v1\"") return TestResponse{304, {{"ETag", "\"v1\""}}, ""};
    return TestResponse{200, {{"ETag", "\"v1\""}}, "<rss/>"};
  });
  CurlFetcher f(LoopbackOptions());
  FetchRequest req{server.Url("/feed.xml")};
  req.etag = "\"v1\"";
  req.last_modified = "Fri, 27 Jun 2025 12:00:00 GMT";
  auto r = f.Fetch(req);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_TRUE(r->NotModified());
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(server.requests()[0].Header("if-modified-since"), "Fri, 27 Jun 2025 12:00:00 GMT");
}

TEST(CurlFetcher, DecodesGzip) {
  const std::string body = "<rss version=\"2.0\">" + std::string(10000, 'x') + "</rss>";
  TestHttpServer server([&body](const TestRequest&) {
    return TestResponse{200, {{"Content-Encoding", "gzip"}}, Gzip(body)};
  });
  CurlFetcher f(LoopbackOptions());
  auto r = f.Fetch({server.Url("/")});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->body, body);
}

TEST(CurlFetcher, FollowsRedirectsAndTellsPermanentOnes) {
  TestHttpServer server([](const TestRequest& req) {
    auto redirect = [](int status, const char* to) {
      return TestResponse{status, {{"Location", to}}, ""};
    };
    if (req.target == "/a") return redirect(301, "/b");
    if (req.target == "/b") return redirect(308, "/c");
    if (req.target == "/t") return redirect(302, "/c");
    if (req.target == "/c") return TestResponse{200, {}, "here"};
    if (req.target.starts_with("/loop")) {
      return redirect(302, ("/loop" + std::to_string(req.target.size())).c_str());
    }
    if (req.target == "/file") return redirect(301, "file:///etc/passwd");
    if (req.target == "/gopher") return redirect(301, "gopher://127.0.0.1/");
    return TestResponse{404, {}, "no"};
  });
  CurlFetcher f(LoopbackOptions());
  auto p = f.Fetch({server.Url("/a")});
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->body, "here");
  EXPECT_EQ(p->url, server.Url("/c"));
  EXPECT_EQ(p->redirects, 2);
  EXPECT_TRUE(p->permanent_redirect);
  auto t = f.Fetch({server.Url("/t")});
  ASSERT_TRUE(t.has_value());
  EXPECT_FALSE(t->permanent_redirect);
  auto loop = f.Fetch({server.Url("/loop")});
  ASSERT_FALSE(loop.has_value());
  EXPECT_EQ(loop.error().code, ErrorCode::kHttpStatus);
  EXPECT_EQ(loop.error().message, "more than 5 redirects");
  EXPECT_EQ(server.request_count(), 3 + 2 + 6);
  for (const char* path : {"/file", "/gopher"}) {
    auto bad = f.Fetch({server.Url(path)});
    ASSERT_FALSE(bad.has_value()) << path;
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(bad.error().message.find("only http and https"), std::string::npos)
        << bad.error().ToString();
  }
  auto nf = f.Fetch({server.Url("/missing")});
  ASSERT_TRUE(nf.has_value());
  EXPECT_EQ(nf->status, 404);
}

TEST(CurlFetcher, SsrfGuardRefusesLoopbackAndEveryRedirectHop) {
  TestHttpServer server([](const TestRequest& req) {
    if (req.target == "/hop") return TestResponse{302, {{"Location", "http://127.0.0.2:9/x"}}, ""};
    return TestResponse{200, {}, "secret"};
  });
  CurlFetcherOptions closed = LoopbackOptions();
  closed.policy = NetworkPolicy();
  CurlFetcher guarded(closed);
  auto r = guarded.Fetch({server.Url("/")});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kNetwork);
  EXPECT_NE(r.error().message.find("loopback"), std::string::npos) << r.error().message;
  EXPECT_EQ(server.request_count(), 0);
  auto named = guarded.Fetch({"http://localhost:" + std::to_string(server.port()) + "/"});
  ASSERT_FALSE(named.has_value());
  EXPECT_NE(named.error().message.find("refused"), std::string::npos) << named.error().message;
  auto mapped = guarded.Fetch({"http://[::ffff:127.0.0.1]:" + std::to_string(server.port()) + "/"});
  ASSERT_FALSE(mapped.has_value());
  EXPECT_EQ(server.request_count(), 0);

  // Allowed for 127.0.0.1 only: the redirect to 127.0.0.2 is refused at its connect.
  CurlFetcher open(LoopbackOptions());
  auto hop = open.Fetch({server.Url("/hop")});
  ASSERT_FALSE(hop.has_value());
  EXPECT_NE(hop.error().message.find("127.0.0.2"), std::string::npos) << hop.error().message;
  EXPECT_EQ(hop.error().context, "http://127.0.0.2:9/x");

  for (const char* url : {"ftp://example.com/", "file:///etc/passwd", "gopher://x/", "feed.xml"}) {
    auto bad = open.Fetch({url});
    ASSERT_FALSE(bad.has_value()) << url;
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

TEST(CurlFetcher, TooManyRequestsCarriesRetryAfter) {
  TestHttpServer server([](const TestRequest& req) {
    if (req.target == "/date") {
      return TestResponse{503, {{"Retry-After", "Fri, 27 Jun 2025 13:00:00 GMT"}}, "later"};
    }
    return TestResponse{429, {{"Retry-After", "120"}}, "slow down"};
  });
  FakeClock clock(*MakeInstant(2025, 6, 27, 12, 0, 0));
  CurlFetcherOptions o = LoopbackOptions();
  o.clock = &clock;
  CurlFetcher f(o);
  auto r = f.Fetch({server.Url("/")});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->status, 429);
  ASSERT_TRUE(r->retry_after.has_value());
  EXPECT_EQ(*r->retry_after, clock.Now() + std::chrono::seconds(120));
  auto d = f.Fetch({server.Url("/date")});
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->status, 503);
  EXPECT_EQ(d->retry_after, clock.Now() + std::chrono::hours(1));
}

TEST(CurlFetcher, StallingServerTimesOut) {
  TestHttpServer server([](const TestRequest&) {
    return TestResponse{200, {}, "", TestResponse::Mode::kStall};
  });
  CurlFetcherOptions o = LoopbackOptions();
  o.total_timeout = std::chrono::milliseconds(300);
  CurlFetcher f(o);
  const auto start = std::chrono::steady_clock::now();
  auto r = f.Fetch({server.Url("/")});
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
  EXPECT_LT(took, std::chrono::seconds(3));
}

TEST(CurlFetcher, NeverEndingResponseHitsTheBodyLimit) {
  TestHttpServer server([](const TestRequest&) {
    return TestResponse{200, {}, "", TestResponse::Mode::kEndless};
  });
  CurlFetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 1 << 20;
  CurlFetcher f(o);
  auto r = f.Fetch({server.Url("/")});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(r.error().message.find("larger than"), std::string::npos);
}

TEST(CurlFetcher, DeclaredLengthOverTheLimitIsRefused) {
  TestHttpServer server([](const TestRequest&) { return TestResponse{200, {}, std::string(4096, 'x')}; });
  CurlFetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 1000;
  CurlFetcher f(o);
  auto r = f.Fetch({server.Url("/")});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
}

TEST(CurlFetcher, ConnectionRefusedIsANetworkError) {
  int port = 0;
  {
    TestHttpServer server([](const TestRequest&) { return TestResponse{}; });
    port = server.port();
  }
  CurlFetcher f(LoopbackOptions());
  auto r = f.Fetch({"http://127.0.0.1:" + std::to_string(port) + "/"});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kNetwork);
}

}  // namespace
}  // namespace wiredesk::fetch
