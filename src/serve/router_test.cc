#include "serve/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "serve/fake_store_test_util.h"
#include "serve/site.h"

namespace wiredesk::serve {
namespace {

using nlohmann::json;
using testing::At;
using testing::FakeStore;
using testing::SampleArticle;

bool Has(const std::string& s, std::string_view needle) { return s.find(needle) != std::string::npos; }

class RouterTest : public ::testing::Test {
 protected:
  FakeStore store_;
  FakeClock clock_{At(2025, 6, 27, 12)};
  Router router_{store_, clock_};

  Response Get(std::string target, std::string method = "GET") {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    return router_.Handle(req);
  }
};

TEST_F(RouterTest, FrontPageListsLatestWithSourceRelativeTimeAndDek) {
  store_.Add(SampleArticle());
  const Response r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(Has(r.body, "Syria and Israel in direct talks"));
  EXPECT_TRUE(Has(r.body, "Reuters"));
  EXPECT_TRUE(Has(r.body, "3 hours ago"));
  EXPECT_TRUE(Has(r.body, "significant development"));
  EXPECT_TRUE(Has(r.body, "href=\"/articles/1\""));
  EXPECT_TRUE(Has(r.body, "/static/site.css?v="));
  EXPECT_TRUE(r.Header("ETag").has_value());
  EXPECT_TRUE(r.cacheable);
}

TEST_F(RouterTest, FrontPageIsPaged) {
  for (int i = 0; i < 25; ++i) {
    Article a = SampleArticle();
    a.title = "Story number " + std::to_string(i + 1) + " end";
    store_.Add(a);
  }
  const Response first = Get("/");
  EXPECT_TRUE(Has(first.body, "Story number 25 end"));
  EXPECT_FALSE(Has(first.body, "Story number 5 end"));
  EXPECT_TRUE(Has(first.body, "href=\"/?page=2\""));
  const Response second = Get("/?page=2");
  EXPECT_EQ(second.status, 200);
  EXPECT_TRUE(Has(second.body, "Story number 5 end"));
  EXPECT_TRUE(Has(second.body, "Page 2 of 2"));
  EXPECT_EQ(Get("/?page=abc").status, 400);
  EXPECT_EQ(Get("/?page=0").status, 400);
  EXPECT_EQ(Get("/?page=99999999").status, 400);
  EXPECT_EQ(Get("/?page=9").status, 200);  // past the end: an empty page, not an error
}

TEST_F(RouterTest, ArticlePageHasTheReferenceShape) {
  const int64_t id = store_.Add(SampleArticle());
  const Response r = Get("/articles/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  const std::string& b = r.body;
  EXPECT_TRUE(Has(b, "<h1 class=\"headline\">Syria and Israel in direct talks focused on security, sources say</h1>"));
  EXPECT_TRUE(Has(b, "class=\"standfirst\">The contacts mark"));
  EXPECT_TRUE(Has(b, "By Maya Gebeily"));
  EXPECT_TRUE(Has(b, "<article class=\"article\" lang=\"en\">"));
  EXPECT_TRUE(Has(b, "<time datetime=\"2025-06-27T09:00:00Z\">27 Jun 2025</time> <span class=\"sep\">·</span> <span class=\"ago\">3 hours ago</span>"));
  // Blocks in order, each in its element.
  const size_t p1 = b.find("<p>They also build");
  const size_t h2 = b.find("<h2>Security first</h2>");
  const size_t quote = b.find("<blockquote><p>For now, they are about peace.</p></blockquote>");
  const size_t fig = b.find("<figure class=\"caption\"><figcaption><span class=\"caption-text\">Members of Syrian security forces stand guard.</span> <span class=\"credit\">REUTERS</span></figcaption></figure>");
  const size_t list = b.find("<ul><li>first item</li><li>second item</li></ul>");
  const size_t p2 = b.find("<p>But the bombing");
  ASSERT_NE(p1, std::string::npos);
  ASSERT_NE(h2, std::string::npos);
  ASSERT_NE(quote, std::string::npos);
  ASSERT_NE(fig, std::string::npos);
  ASSERT_NE(list, std::string::npos);
  ASSERT_NE(p2, std::string::npos);
  EXPECT_TRUE(p1 < h2 && h2 < quote && quote < fig && fig < list && list < p2);
  // Chrome: no tags, no AI, no comments yet, related with source and relative time.
  EXPECT_FALSE(Has(b, "Hashtags"));
  EXPECT_FALSE(Has(b, "AI features"));
  EXPECT_TRUE(Has(b, "<h2 id=\"comments-h\">Comments</h2>"));
  EXPECT_TRUE(Has(b, "No comments yet..."));
  const size_t related = b.find("Related Articles");
  ASSERT_NE(related, std::string::npos);
  EXPECT_TRUE(Has(b, "<span class=\"source\">NHK</span>"));
  EXPECT_TRUE(Has(b, "2 days ago"));
  EXPECT_TRUE(Has(b, "href=\"https://www3.nhk.or.jp/news/syrians\""));
  EXPECT_TRUE(Has(b, "found refuge in Turkey"));
  EXPECT_TRUE(Has(b, "© Reuters 2025. All rights reserved."));
  EXPECT_TRUE(Has(b, "href=\"https://www.reuters.com/world/syria-israel-talks-2025-06-27/\""));
  EXPECT_TRUE(Has(b, "Read the original at reuters.com"));
}

TEST_F(RouterTest, ArticleDekLeftOutWhenItIsTheFirstParagraph) {
  Article a = SampleArticle();
  a.dek = "  They also build on back-channel   talks via intermediaries. ";
  const int64_t id = store_.Add(a);
  const Response r = Get("/articles/" + std::to_string(id));
  EXPECT_FALSE(Has(r.body, "standfirst"));
}

TEST_F(RouterTest, ArticleTagsLinkToTheirTagPage) {
  const int64_t id = store_.Add(SampleArticle());
  store_.tags[id] = {Tag{1, "Bashar Assad", TagKind::kPerson}, Tag{2, "Golan Heights", TagKind::kPlace}};
  const Response r = Get("/articles/" + std::to_string(id));
  EXPECT_TRUE(Has(r.body, "Hashtags"));
  EXPECT_TRUE(Has(r.body, "href=\"/tags/Bashar%20Assad\""));
  EXPECT_TRUE(Has(r.body, "#Golan Heights"));
  EXPECT_TRUE(Has(r.body, "tag-person"));
}

TEST_F(RouterTest, CommentsAreThreadedAndHiddenOnesNotShown) {
  const int64_t id = store_.Add(SampleArticle());
  auto comment = [&](int64_t cid, std::optional<int64_t> parent, std::string author, std::string body,
                     bool hidden = false) {
    Comment c;
    c.id = cid;
    c.article_id = id;
    c.parent_id = parent;
    c.author_name = std::move(author);
    c.body = std::move(body);
    c.created = At(2025, 6, 27, 11);
    c.hidden = hidden;
    return c;
  };
  store_.comments[id] = {comment(1, std::nullopt, "alice", "First!"),
                         comment(2, 1, "bob", "A reply to alice"),
                         comment(3, std::nullopt, "troll", "SPAM SPAM", true),
                         comment(4, std::nullopt, "mod", "Hidden but answered", true),
                         comment(5, 4, "carol", "Answer to a hidden one"),
                         comment(6, 999, "dave", "Orphan reply")};
  const std::string b = Get("/articles/" + std::to_string(id)).body;
  EXPECT_FALSE(Has(b, "No comments yet"));
  EXPECT_FALSE(Has(b, "SPAM"));
  EXPECT_FALSE(Has(b, "Hidden but answered"));
  EXPECT_TRUE(Has(b, "This comment was hidden by a moderator."));
  EXPECT_TRUE(Has(b, "Answer to a hidden one"));
  EXPECT_TRUE(Has(b, "Orphan reply"));
  // bob's reply sits inside alice's comment.
  const size_t alice = b.find("id=\"comment-1\"");
  const size_t replies = b.find("comment-replies", alice);
  const size_t bob = b.find("A reply to alice");
  const size_t next_top = b.find("id=\"comment-4\"");
  EXPECT_TRUE(alice < replies && replies < bob && bob < next_top);
  EXPECT_TRUE(Has(b, "1 hour ago"));
}

TEST_F(RouterTest, HostileContentIsEscapedAndBadUrlsAreNotLinks) {
  Article a = SampleArticle();
  a.title = "<script>alert(1)</script> \"onmouseover=\"x";
  a.dek = "'><img src=x onerror=alert(1)>";
  a.byline = "{{>partial_layout}}{{#blocks}}";
  a.url = "javascript:alert(document.cookie)";
  a.source.url = "data:text/html,<script>alert(1)</script>";
  a.blocks = {{BlockKind::kParagraph, "<iframe src=\"https://evil\"></iframe>", ""},
              {BlockKind::kCaption, "cap </figcaption><script>", "<b>CREDIT</b>"}};
  a.related[0].url = "JavaScript:alert(1)";
  a.related[0].title = "<a href=x>related</a>";
  a.rights = "</p><script>";
  const int64_t id = store_.Add(a);
  store_.tags[id] = {Tag{1, "\"><script>", TagKind::kTopic}};
  Comment c;
  c.id = 1;
  c.article_id = id;
  c.author_name = "<b>me</b>";
  c.body = "<script>alert('c')</script>";
  store_.comments[id] = {c};
  const std::string b = Get("/articles/" + std::to_string(id)).body;
  EXPECT_FALSE(Has(b, "<script>"));
  EXPECT_FALSE(Has(b, "<img"));
  EXPECT_FALSE(Has(b, "<iframe"));
  EXPECT_FALSE(Has(b, "<b>"));
  EXPECT_FALSE(Has(b, "<a href=x"));
  EXPECT_FALSE(Has(b, "\"onmouseover"));
  EXPECT_TRUE(Has(b, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=&quot;x"));
  EXPECT_TRUE(Has(b, "{{&gt;partial_layout}}{{#blocks}}") || Has(b, "{{>partial_layout}}{{#blocks}}"));
  const std::string lower = AsciiLower(b);
  EXPECT_FALSE(Has(lower, "javascript:"));  // not even as text: no link, no original line
  EXPECT_FALSE(Has(lower, "href=\"data:"));
  EXPECT_FALSE(Has(b, "Read the original"));
  EXPECT_TRUE(Has(b, "&lt;a href=x&gt;related&lt;/a&gt;"));
  EXPECT_TRUE(Has(b, "href=\"/tags/%22%3E%3Cscript%3E\""));
}

TEST_F(RouterTest, MustacheTagsInDataAreNotExpanded) {
  Article a = SampleArticle();
  a.title = "{{>partial_comment}} {{headline}} {{{css_href}}}";
  const int64_t id = store_.Add(a);
  const std::string b = Get("/articles/" + std::to_string(id)).body;
  EXPECT_TRUE(Has(b, "{{&gt;partial_comment}} {{headline}} {{{css_href}}}"));
}

TEST_F(RouterTest, UnknownAndMalformedIds) {
  store_.Add(SampleArticle());
  EXPECT_EQ(Get("/articles/999").status, 404);
  EXPECT_EQ(Get("/articles/0").status, 404);
  EXPECT_EQ(Get("/articles/abc").status, 400);
  EXPECT_EQ(Get("/articles/").status, 400);
  EXPECT_EQ(Get("/articles/-1").status, 400);
  EXPECT_EQ(Get("/articles/1x").status, 400);
  EXPECT_EQ(Get("/articles/99999999999999999999999").status, 400);
  const Response nf = Get("/no/such/page");
  EXPECT_EQ(nf.status, 404);
  EXPECT_TRUE(Has(nf.body, "Page not found"));
  EXPECT_FALSE(nf.cacheable);
  EXPECT_FALSE(nf.Header("ETag").has_value());
}

TEST_F(RouterTest, WrongMethodsAre405WithAllow) {
  for (const char* m : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get", "BREW"}) {
    const Response r = Get("/", m);
    EXPECT_EQ(r.status, 405) << m;
    EXPECT_EQ(r.Header("Allow").value_or(""), "GET, HEAD");
  }
  const Response api = Get("/api/v1/articles", "POST");
  EXPECT_EQ(api.status, 405);
  EXPECT_EQ(api.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(Get("/", "HEAD").status, 200);
}

TEST_F(RouterTest, SearchMarksSnippetsAfterEscaping) {
  Article a = SampleArticle();
  a.text = "Before <b>bold</b> the Golan Heights & more";
  store_.Add(a);
  const Response r = Get("/search?q=golan");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "&lt;b&gt;bold&lt;/b&gt; the <mark>Golan</mark> Heights &amp; more"));
  EXPECT_TRUE(Has(r.body, "1 result for “golan”"));
  EXPECT_TRUE(Has(r.body, "value=\"golan\""));
}

TEST_F(RouterTest, SearchEchoesQueryEscapedAndHandlesEmptyAndPaging) {
  for (int i = 0; i < 12; ++i) store_.Add(SampleArticle());
  const Response hostile = Get("/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(hostile.status, 200);
  EXPECT_FALSE(Has(hostile.body, "<script>"));
  EXPECT_TRUE(Has(hostile.body, "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
  EXPECT_TRUE(Has(hostile.body, "No articles match"));

  const Response empty = Get("/search?q=");
  EXPECT_EQ(empty.status, 200);
  EXPECT_TRUE(Has(empty.body, "class=\"search-form\""));
  EXPECT_FALSE(Has(empty.body, "result"));
  EXPECT_EQ(Get("/search").status, 200);

  const Response p1 = Get("/search?q=direct+talks");
  EXPECT_TRUE(Has(p1.body, "12 results"));
  EXPECT_TRUE(Has(p1.body, "href=\"/search?q=direct%20talks&amp;page=2\""));
  const Response p2 = Get("/search?q=direct%20talks&page=2");
  EXPECT_TRUE(Has(p2.body, "Page 2 of 2"));
  // Past the last page the search still matched: not "No articles match" under "12 results".
  const Response p9 = Get("/search?q=direct%20talks&page=9");
  EXPECT_EQ(p9.status, 200);
  EXPECT_TRUE(Has(p9.body, "past the last"));
  EXPECT_FALSE(Has(p9.body, "No articles match"));
  EXPECT_EQ(Get("/search?q=x&page=-3").status, 400);
  EXPECT_EQ(Get("/search?q=" + std::string(600, 'a')).status, 400);
}

TEST_F(RouterTest, StylesheetIsServedCacheable) {
  const Response r = Get("/static/site.css?v=whatever");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_TRUE(Has(r.body, ".headline"));
  EXPECT_TRUE(Has(std::string(r.Header("Cache-Control").value_or("")), "max-age=31536000"));
}

TEST_F(RouterTest, ApiListShapeAndPaging) {
  for (int i = 0; i < 30; ++i) store_.Add(SampleArticle());
  Response r = Get("/api/v1/articles?limit=5&offset=10");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  json j = json::parse(r.body);
  EXPECT_EQ(j["total"], 30);
  EXPECT_EQ(j["limit"], 5);
  EXPECT_EQ(j["offset"], 10);
  ASSERT_EQ(j["articles"].size(), 5u);
  const json& a = j["articles"][0];
  EXPECT_EQ(a["id"], 20);
  for (const char* key : {"id", "url", "title", "dek", "byline", "source", "published", "captured",
                          "language", "comment_count"}) {
    EXPECT_TRUE(a.contains(key)) << key;
  }
  EXPECT_EQ(a["source"]["name"], "Reuters");
  EXPECT_EQ(a["published"], "2025-06-27T09:00:00Z");

  EXPECT_EQ(json::parse(Get("/api/v1/articles").body)["limit"], 20);
  EXPECT_EQ(json::parse(Get("/api/v1/articles?limit=0").body)["limit"], 1);
  EXPECT_EQ(json::parse(Get("/api/v1/articles?limit=1000").body)["limit"], 100);
  for (const char* bad : {"limit=abc", "limit=", "limit=1.5", "offset=-1", "offset=x",
                          "limit=99999999999999999999"}) {
    const Response e = Get(std::string("/api/v1/articles?") + bad);
    EXPECT_EQ(e.status, 400) << bad;
    EXPECT_TRUE(json::parse(e.body).contains("error")) << bad;
  }
}

TEST_F(RouterTest, ApiSearchHasSnippets) {
  store_.Add(SampleArticle());
  const json j = json::parse(Get("/api/v1/articles?q=bombing").body);
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["q"], "bombing");
  const std::string snippet = j["articles"][0]["snippet"];
  EXPECT_TRUE(Has(snippet, "bombing"));
  EXPECT_FALSE(Has(snippet, "\x01"));
  EXPECT_TRUE(Has(j["articles"][0]["snippet_html"].get<std::string>(), "<mark>bombing</mark>"));
}

TEST_F(RouterTest, ApiArticleIsFullJson) {
  const int64_t id = store_.Add(SampleArticle());
  store_.tags[id] = {Tag{1, "Syria", TagKind::kPlace}};
  Comment c;
  c.id = 1;
  c.body = "hi";
  Comment hidden = c;
  hidden.id = 2;
  hidden.hidden = true;
  store_.comments[id] = {c, hidden};
  const Response r = Get("/api/v1/articles/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  const json j = json::parse(r.body);
  EXPECT_EQ(j["id"], id);
  EXPECT_EQ(j["title"], SampleArticle().title);
  EXPECT_EQ(j["blocks"].size(), 6u);
  EXPECT_EQ(j["blocks"][3]["kind"], "caption");
  EXPECT_EQ(j["blocks"][3]["credit"], "REUTERS");
  EXPECT_EQ(j["related"][0]["source"], "NHK");
  EXPECT_EQ(j["tags"], json::parse(R"([{"name":"Syria","kind":"place"}])"));
  EXPECT_TRUE(j["story"].is_null());
  EXPECT_EQ(j["comments"], 1);

  const Response nf = Get("/api/v1/articles/777");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.content_type, "application/json; charset=utf-8");
  EXPECT_TRUE(json::parse(nf.body).contains("error"));
  EXPECT_EQ(Get("/api/v1/articles/seven").status, 400);
  EXPECT_EQ(Get("/api/v1/nothing").status, 404);
  EXPECT_EQ(Get("/api/v1/articlesX").status, 404);
}

TEST_F(RouterTest, HealthzReportsCountOr503) {
  store_.Add(SampleArticle());
  Response ok = Get("/healthz");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(json::parse(ok.body), json::parse(R"({"status":"ok","articles":1})"));
  EXPECT_FALSE(ok.cacheable);
  store_.fail = true;
  Response down = Get("/healthz");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(json::parse(down.body)["status"], "error");
}

TEST_F(RouterTest, StoreFailuresAre500NotCrashes) {
  store_.Add(SampleArticle());
  store_.fail = true;
  EXPECT_EQ(Get("/").status, 500);
  EXPECT_EQ(Get("/articles/1").status, 500);
  EXPECT_EQ(Get("/search?q=x").status, 500);
  EXPECT_EQ(Get("/api/v1/articles").status, 500);
  EXPECT_EQ(Get("/api/v1/articles/1").status, 500);
  EXPECT_FALSE(Has(Get("/").body, "disk on fire"));  // details go to the log, not the reader
}

TEST_F(RouterTest, GarbageTargetsNeverCrash) {
  store_.Add(SampleArticle());
  const std::vector<std::string> targets = {
      "", "*", "http://example.com/", "//", "/%", "/%zz", "/search?q=%", "/search?q=%ff%fe",
      "/search?&&&=&q", "/?page=%00", "/articles/%31", std::string("/\0x", 3), "/\xff\xfe",
      "/api/v1/articles?limit=%2B5", "/api/v1/articles?q=%01%02", std::string(9000, '/'),
      "/api/v1/articles/" + std::string(40, '9'), "/search?q=" + std::string(300, '%')};
  for (const std::string& t : targets) {
    const Response r = Get(t);
    EXPECT_TRUE(r.status == 200 || r.status == 400 || r.status == 404) << t << " -> " << r.status;
  }
  // Search input with invalid UTF-8 comes back repaired, and marks in the query are inert.
  EXPECT_EQ(json::parse(Get("/api/v1/articles?q=%ff").body)["q"], "\xEF\xBF\xBD");
}

TEST_F(RouterTest, SubscriptionsPageShowsEachFeedsStateAndErrorEscaped) {
  store::FeedRecord ok;
  ok.id = 1;
  ok.url = "https://example.com/feed.xml";
  ok.title = "Example <b>News</b>";
  ok.last_fetched_at = At(2025, 6, 27, 11);
  ok.last_success_at = ok.last_fetched_at;
  ok.next_fetch_at = At(2025, 6, 27, 12) + std::chrono::minutes(30);
  ok.entry_count = 42;
  store::FeedRecord failing;
  failing.id = 2;
  failing.url = "https://broken.example/rss";
  failing.last_fetched_at = At(2025, 6, 27, 10);
  failing.failures = 3;
  failing.last_error = "HTTP 503 <script>alert(1)</script>";
  failing.next_fetch_at = At(2025, 6, 27, 9);
  store::FeedRecord fresh;
  fresh.id = 3;
  fresh.url = "https://new.example/atom";
  store_.feeds = std::vector<store::FeedRecord>{ok, failing, fresh};

  const Response r = Get("/subscriptions");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "3 subscriptions"));
  EXPECT_TRUE(Has(r.body, "1 failing"));
  EXPECT_TRUE(Has(r.body, "Example &lt;b&gt;News&lt;/b&gt;"));
  EXPECT_TRUE(Has(r.body, "HTTP 503 &lt;script&gt;"));
  EXPECT_FALSE(Has(r.body, "<script>"));
  EXPECT_TRUE(Has(r.body, "3 failures in a row"));
  EXPECT_TRUE(Has(r.body, "in 30 minutes"));
  EXPECT_TRUE(Has(r.body, "1 hour ago"));
  EXPECT_TRUE(Has(r.body, "due now"));
  EXPECT_TRUE(Has(r.body, "new.example"));  // no title yet: named by its host
  EXPECT_TRUE(Has(r.body, ">never<"));
  EXPECT_TRUE(Has(r.body, "feed-failing"));
}

TEST_F(RouterTest, SubscriptionsPageWithoutFeedsSaysHowToAddOne) {
  const Response unsupported = Get("/subscriptions");
  EXPECT_EQ(unsupported.status, 200);
  EXPECT_TRUE(Has(unsupported.body, "wiredesk feeds add"));
  store_.feeds = std::vector<store::FeedRecord>{};
  EXPECT_TRUE(Has(Get("/subscriptions").body, "No subscriptions yet"));
  store_.fail = true;
  EXPECT_EQ(Get("/subscriptions").status, 500);
}

TEST_F(RouterTest, AiFeaturesPanelShowsStoredInsightsEscaped) {
  const int64_t id = store_.Add(SampleArticle());
  EXPECT_FALSE(Has(Get("/articles/" + std::to_string(id)).body, "AI features"));  // none stored
  ArticleInsights in;
  in.key_points = {"Syria and Israel are in direct talks <b>now</b>."};
  in.entities = {{"Ahmad al-Dalati", "ahmad al-dalati", TagKind::kPerson, 3}};
  in.quotes = {{"I categorically deny <script>x</script>", "Dalati", "Ahmad al-Dalati", true, 1, 0, 10},
               {"the talks were useful", "officials", "", false, 2, 0, 10}};
  in.timeline = {{id, "2025-05-14", At(2025, 5, 14), "On May 14", "On May 14 the talks began."},
                 {id, "1967", At(1967, 1, 1), "1967", "Israel took the Golan in 1967."}};
  store_.insights[id] = in;
  const Response r = Get("/articles/" + std::to_string(id));
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "AI features"));
  EXPECT_TRUE(Has(r.body, "Key points"));
  EXPECT_TRUE(Has(r.body, "direct talks &lt;b&gt;now&lt;/b&gt;."));
  EXPECT_TRUE(Has(r.body, "I categorically deny &lt;script&gt;"));
  EXPECT_FALSE(Has(r.body, "<script>"));
  EXPECT_TRUE(Has(r.body, "href=\"/tags/Ahmad%20al-Dalati\""));
  EXPECT_TRUE(Has(r.body, "— officials"));  // a speaker with no entity is named as written
  EXPECT_TRUE(Has(r.body, "quote-reported"));
  EXPECT_TRUE(Has(r.body, "14 May 2025"));
  EXPECT_TRUE(Has(r.body, ">1967<"));
  EXPECT_TRUE(Has(r.body, "entity-person"));

  const nlohmann::json j = nlohmann::json::parse(Get("/api/v1/articles/" + std::to_string(id)).body);
  EXPECT_EQ(j["insights"]["quotes"][0]["speaker_entity"], "Ahmad al-Dalati");
  EXPECT_EQ(j["insights"]["timeline"][0]["when"], "2025-05-14");
}

TEST_F(RouterTest, TagPageListsTheArticlesWithTheTag) {
  const int64_t a = store_.Add(SampleArticle());
  Article other = SampleArticle();
  other.title = "Another piece on the Golan";
  const int64_t b = store_.Add(other);
  store_.Add(SampleArticle());
  store_.tags[a] = {Tag{1, "Golan Heights", TagKind::kPlace}};
  store_.tags[b] = {Tag{1, "Golan Heights", TagKind::kPlace}};
  const Response r = Get("/tags/golan%20heights");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "#golan heights"));
  EXPECT_TRUE(Has(r.body, "2 articles"));
  EXPECT_TRUE(Has(r.body, "Another piece on the Golan"));
  EXPECT_TRUE(Has(r.body, "href=\"/articles/" + std::to_string(a) + "\""));
  EXPECT_EQ(Get("/tags/nothing").status, 404);
  EXPECT_EQ(Get("/tags/").status, 404);
  EXPECT_EQ(Get("/tags/x?page=0").status, 400);
  const Response hostile = Get("/tags/%3Cscript%3E");
  EXPECT_FALSE(Has(hostile.body, "<script>"));
}

}  // namespace
}  // namespace wiredesk::serve
