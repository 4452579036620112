// The promises of the README, checked through the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <nlohmann/json.hpp>

#include "e2e/process.h"
#include "fetch/test_http_server.h"

namespace wiredesk::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kBinary = WIREDESK_BINARY;
const std::string kReference = "tests/golden/capture/reference/input.txt";

fs::path TempDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("wd_e2e_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The number right after `prefix` in `s`, or -1.
int NumberAfter(const std::string& s, const std::string& prefix) {
  const size_t at = s.find(prefix);
  if (at == std::string::npos) return -1;
  size_t end = at + prefix.size();
  int n = 0;
  bool any = false;
  while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) {
    n = n * 10 + (s[end++] - '0');
    any = true;
  }
  return any ? n : -1;
}

bool IsOneLine(const std::string& s) {
  return !s.empty() && s.find('\n') == s.size() - 1;
}

TEST(CliTest, ExtractReadsTheReferenceCaptureFully) {
  auto r = RunProcess({kBinary, "extract", "--format", "text", "--captured-at",
                       "2025-06-27T12:00:00Z", kReference});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json a = json::parse(r.out);
  EXPECT_EQ(a["title"], "Syria and Israel in direct talks focused on security, sources say");
  std::vector<std::string> paragraphs;
  std::vector<json> captions;
  for (const auto& b : a["blocks"]) {
    if (b["kind"] == "paragraph") paragraphs.push_back(b["text"]);
    if (b["kind"] == "caption") captions.push_back(b);
  }
  ASSERT_EQ(paragraphs.size(), 24u);
  EXPECT_TRUE(paragraphs.front().starts_with("The contacts mark a significant development"));
  EXPECT_TRUE(paragraphs.back().starts_with("More recently, Syria's leadership"));
  ASSERT_EQ(captions.size(), 1u);
  EXPECT_NE(captions[0]["text"].get<std::string>().find("Damascus"), std::string::npos);
  EXPECT_EQ(captions[0]["credit"], "REUTERS");
  const std::string text = a["text"];
  for (const char* chrome : {"Hashtags", "Try Our AI Features", "No comments yet",
                             "Related Articles", "REUTERS", "Members of Syrian security forces"}) {
    EXPECT_EQ(text.find(chrome), std::string::npos) << chrome;
  }
  ASSERT_EQ(a["related"].size(), 3u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"NHK", "2025-06-25"}, {"Japan Times", "2025-06-24"}, {"Japan Times", "2025-06-25"}};
  int related_captions = 0;
  for (size_t i = 0; i < 3; ++i) {
    const auto& item = a["related"][i];
    EXPECT_EQ(item["source"], expected[i].first);
    EXPECT_EQ(item["published"].get<std::string>().substr(0, 10), expected[i].second);
    EXPECT_FALSE(item["title"].get<std::string>().empty());
    for (const auto& b : item["blocks"]) {
      if (b["kind"] == "caption") {
        ++related_captions;
        EXPECT_FALSE(b["credit"].get<std::string>().empty()) << b.dump();
      }
    }
  }
  EXPECT_EQ(a["related"][0]["title"], "Syrians struggle over whether to go home");
  EXPECT_EQ(related_captions, 7);
}

TEST(CliTest, SeveralInputsGiveJsonLinesNamingEachInput) {
  auto r = RunProcess({kBinary, "extract", "--captured-at", "2025-06-27T12:00:00Z", kReference,
                       kReference});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const json j = json::parse(line);
    EXPECT_EQ(j["input"], kReference);
    ++n;
  }
  EXPECT_EQ(n, 2);
}

TEST(CliTest, ErrorsAreOneLineOnStderrWithANonZeroExit) {
  auto missing = RunProcess({kBinary, "extract", "/nonexistent/page.html"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_TRUE(IsOneLine(missing.err)) << missing.err;
  EXPECT_TRUE(missing.err.starts_with("wiredesk: "));

  auto usage = RunProcess({kBinary, "extract", "--format", "pdf", kReference});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_TRUE(IsOneLine(usage.err)) << usage.err;

  auto unknown = RunProcess({kBinary, "frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(IsOneLine(unknown.err)) << unknown.err;

  auto bad_time = RunProcess({kBinary, "extract", "--captured-at", "yesterday", kReference});
  EXPECT_EQ(bad_time.exit_code, 2);

  const fs::path dir = TempDir("notdb");
  std::ofstream(dir / "junk.db") << "this is not a database, just text that is long enough";
  auto notdb = RunProcess({kBinary, "count", "--db", (dir / "junk.db").string()});
  EXPECT_EQ(notdb.exit_code, 1);
  EXPECT_TRUE(IsOneLine(notdb.err)) << notdb.err;
  fs::remove_all(dir);
}

TEST(CliTest, EverySubcommandHasHelp) {
  for (const char* cmd : {"extract", "ingest", "search", "serve", "count"}) {
    auto r = RunProcess({kBinary, cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << ": " << r.out;
  }
}

TEST(CliTest, HostileInputNeverCrashes) {
  const fs::path dir = TempDir("hostile");
  std::string junk;
  for (int i = 0; i < 100000; ++i) junk += static_cast<char>((i * 7919) % 256);
  std::ofstream(dir / "junk.html", std::ios::binary) << junk;
  std::ofstream(dir / "junk.txt", std::ios::binary) << junk;
  std::ofstream(dir / "bad-utf8.txt", std::ios::binary)
      << "Headline \xC3\x28 with \xFF bytes\nA paragraph \xE2\x82 that is broken.\n";
  {
    std::ofstream nested(dir / "nested.html");
    nested << "<html><body>";
    for (int i = 0; i < 200000; ++i) nested << "<div>";
    nested << "<p>Deep text that goes on for a while, long enough to be an article.</p></body></html>";
  }
  {
    std::ofstream big(dir / "big.html", std::ios::binary);
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 50; ++i) big << chunk;
  }
  for (const char* name : {"junk.html", "junk.txt", "bad-utf8.txt", "nested.html", "big.html"}) {
    auto r = RunProcess({kBinary, "extract", (dir / name).string()});
    EXPECT_LT(r.exit_code, 2) << name << ": " << r.err;
    if (r.exit_code != 0) {
      EXPECT_TRUE(IsOneLine(r.err)) << name << ": " << r.err;
    } else {
      EXPECT_TRUE(json::accept(r.out)) << name;
    }
  }
  fs::remove_all(dir);
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(TempDir("serve"));
    db_ = new std::string((*dir_ / "wiredesk.db").string());
    auto ingest = RunProcess({kBinary, "ingest", "--db", *db_, "sample/"});
    ingest_out_ = new std::string(ingest.out + ingest.err);
    ingest_code_ = ingest.exit_code;
    server_ = new RunningProcess({kBinary, "serve", "--db", *db_, "--listen", "127.0.0.1:0"});
    port_ = NumberAfter(server_->first_line(), "127.0.0.1:");
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
    delete ingest_out_;
  }
  static fs::path* dir_;
  static std::string* db_;
  static std::string* ingest_out_;
  static int ingest_code_;
  static RunningProcess* server_;
  static int port_;
};

fs::path* ServeTest::dir_;
std::string* ServeTest::db_;
std::string* ServeTest::ingest_out_;
int ServeTest::ingest_code_ = -1;
RunningProcess* ServeTest::server_;
int ServeTest::port_ = 0;

TEST_F(ServeTest, IngestsTheSampleCorpusOnceAndOnlyOnce) {
  EXPECT_EQ(ingest_code_, 0) << *ingest_out_;
  const int added = NumberAfter(*ingest_out_, "added ");
  EXPECT_GE(added, 30);
  auto again = RunProcess({kBinary, "ingest", "--db", *db_, "sample/"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("added 0, updated 0"), std::string::npos) << again.out;
  auto count = RunProcess({kBinary, "count", "--db", *db_});
  EXPECT_EQ(std::stoi(count.out), added);
}

TEST_F(ServeTest, ServesPagesAndTheApi) {
  ASSERT_GT(port_, 0) << "server did not announce its port: " << server_->first_line();
  auto health = HttpGet(port_, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(json::parse(health.body)["status"], "ok");

  auto list = HttpGet(port_, "/api/v1/articles?limit=5");
  ASSERT_EQ(list.status, 200) << list.body;
  const json page = json::parse(list.body);
  ASSERT_EQ(page["articles"].size(), 5u);
  EXPECT_GE(page["total"].get<int>(), 30);
  const int64_t id = page["articles"][0]["id"];
  const std::string title = page["articles"][0]["title"];

  auto one = HttpGet(port_, "/api/v1/articles/" + std::to_string(id));
  ASSERT_EQ(one.status, 200);
  const json article = json::parse(one.body);
  EXPECT_EQ(article["id"], id);
  EXPECT_EQ(article["title"], title);
  EXPECT_FALSE(article["text"].get<std::string>().empty());

  auto front = HttpGet(port_, "/");
  ASSERT_EQ(front.status, 200);
  EXPECT_NE(front.Header("content-type").find("text/html"), std::string::npos);
  EXPECT_FALSE(front.Header("content-security-policy").empty());
  EXPECT_NE(front.body.find("/articles/" + std::to_string(id)), std::string::npos);

  auto html = HttpGet(port_, "/articles/" + std::to_string(id));
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("Comments"), std::string::npos);

  // A capture lists related coverage; its page shows it with source and relative time.
  auto all = json::parse(HttpGet(port_, "/api/v1/articles?limit=100").body);
  int with_related = 0;
  int with_tags = 0;
  for (const auto& summary : all["articles"]) {
    const std::string sid = std::to_string(summary["id"].get<int64_t>());
    const json full = json::parse(HttpGet(port_, "/api/v1/articles/" + sid).body);
    if (!full["tags"].empty()) {
      ++with_tags;
      const std::string page_html = HttpGet(port_, "/articles/" + sid).body;
      EXPECT_NE(page_html.find("Hashtags"), std::string::npos) << sid;
    }
    if (full["related"].empty()) continue;
    ++with_related;
    auto page_html = HttpGet(port_, "/articles/" + sid);
    EXPECT_NE(page_html.body.find("Related Articles"), std::string::npos) << sid;
    EXPECT_NE(page_html.body.find(full["related"][0]["source"].get<std::string>()),
              std::string::npos);
  }
  EXPECT_GE(with_related, 5);
  EXPECT_GE(with_tags, 40) << "hashtags are computed at ingest";

  EXPECT_EQ(HttpGet(port_, "/articles/99999999").status, 404);
  EXPECT_EQ(HttpGet(port_, "/api/v1/articles/99999999").status, 404);
  EXPECT_EQ(HttpGet(port_, "/no/such/page").status, 404);
  EXPECT_EQ(HttpGet(port_, "/api/v1/articles?limit=abc").status, 400);
}

// sample/README.md lists the Wikinews stories; a capture's own "Related Articles" block names
// earlier reports of its story, so each capture ends in one story with them.
TEST_F(ServeTest, TheSampleIsGroupedIntoStories) {
  ASSERT_GT(port_, 0);
  auto listed = RunProcess({kBinary, "stories", "--db", *db_, "--json", "--limit", "200"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const json stories = json::parse(listed.out);
  const int articles = std::stoi(RunProcess({kBinary, "count", "--db", *db_}).out);
  EXPECT_GT(stories["total"].get<int>(), 0);
  EXPECT_LT(stories["total"].get<int>(), articles) << "some articles are grouped";
  int multi = 0;
  for (const auto& s : stories["stories"]) multi += s["articles"].get<int>() > 1 ? 1 : 0;
  EXPECT_GE(multi, 3) << listed.out;

  // The story of each article, by title.
  std::map<std::string, int64_t> story_of;
  const json all = json::parse(HttpGet(port_, "/api/v1/articles?limit=100").body);
  for (const auto& a : all["articles"]) {
    const json full = json::parse(HttpGet(port_, "/api/v1/articles/" +
                                                 std::to_string(a["id"].get<int64_t>())).body);
    if (full["story"].is_number()) story_of[full["title"]] = full["story"];
  }
  // The story of the article whose title starts with `prefix` (-1: none).
  auto story = [&](const std::string& prefix) -> int64_t {
    for (const auto& [title, id] : story_of) {
      if (title.starts_with(prefix)) return id;
    }
    ADD_FAILURE() << "no filed article titled " << prefix;
    return -1;
  };
  auto same = [&](const std::string& a, const std::string& b) {
    const int64_t sa = story(a);
    return sa != -1 && sa == story(b);
  };
  const std::string stampede =
      "Stampede during funeral procession of Qasem Soleimani causes deaths, delays burial";
  EXPECT_TRUE(same(stampede, "United States military kills Qasem Soleimani"));
  EXPECT_TRUE(same(stampede, "Iraqi Parliament votes for expulsion of United States troops"));
  EXPECT_TRUE(same("Americans contribute to relief effort", "Asian earthquake toll nears 60,000"));
  EXPECT_TRUE(same("Americans contribute to relief effort",
                   "Tsunami toll passes 80,000 people as relief effort continues"));
  EXPECT_TRUE(same("Conservative Party wins majority in 2019 UK general election",
                   "UK Supreme Court rules prorogation of parliament unlawful"));
  // Two years apart: Mugabe's death is not the story of the coup that removed him.
  EXPECT_NE(story("Longtime leader of Zimbabwe Robert Mugabe dies"), story("Zimbabwe coup"));

  // The front page lists stories; a story page shows its publishers and its chart.
  const std::string front = HttpGet(port_, "/").body;
  EXPECT_NE(front.find("Top stories"), std::string::npos);
  const std::string story_href = "/stories/" + std::to_string(story(stampede));
  EXPECT_NE(front.find(story_href), std::string::npos);
  auto page = HttpGet(port_, story_href);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Qasem Soleimani"), std::string::npos);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("Wikinews"), std::string::npos);
}

TEST_F(ServeTest, SearchHighlightsMatches) {
  ASSERT_GT(port_, 0);
  auto api = HttpGet(port_, "/api/v1/articles?q=tsunami&limit=3");
  ASSERT_EQ(api.status, 200) << api.body;
  const json found = json::parse(api.body);
  EXPECT_GE(found["total"].get<int>(), 1);
  auto page = HttpGet(port_, "/search?q=tsunami");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<mark>"), std::string::npos);
  auto hostile = HttpGet(port_, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%20OR%20*");
  EXPECT_EQ(hostile.status, 200);
  EXPECT_EQ(hostile.body.find("<script>alert(1)"), std::string::npos);

  auto cli = RunProcess({kBinary, "search", "--db", *db_, "--json", "tsunami"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(json::parse(cli.out)["total"], found["total"]);
}

TEST_F(ServeTest, GarbageRequestsGetAnAnswerNotACrash) {
  ASSERT_GT(port_, 0);
  const std::string answer = RawRequest(port_, "GARBAGE\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 4")) << answer.substr(0, 80);
  EXPECT_EQ(HttpGet(port_, "/healthz").status, 200);
  EXPECT_TRUE(server_->alive());
}

// The scheduler runs inside `wiredesk serve`: a subscription added before the server starts is
// fetched in the background (the loopback network opened with --allow-network), its entry is
// stored and served, and /subscriptions shows the feed as ok.
TEST(ServeRefreshTest, ServeRefreshesSubscriptionsInTheBackground) {
  const std::string body =
      "The harbour was closed on Tuesday as a storm brought winds of more than 100 kilometres "
      "an hour to the coast. Ferries stayed in port and the fishing fleet was told to wait.";
  fetch::testing::TestHttpServer feeds([&](const fetch::testing::TestRequest& req) {
    fetch::testing::TestResponse r;
    if (req.target != "/feed.xml") {
      r.status = 404;
      return r;
    }
    r.headers = {{"Content-Type", "application/rss+xml"}};
    r.body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Gazette</title>"
             "<link>https://harbour.example/</link><item><title>Storm closes the harbour</title>"
             "<link>https://harbour.example/storm</link><guid>storm-1</guid>"
             "<pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate><description>" + body +
             "</description></item></channel></rss>";
    return r;
  });
  const fs::path dir = TempDir("serve-refresh");
  const std::string db = (dir / "wiredesk.db").string();
  auto added = RunProcess({kBinary, "feeds", "add", "--db", db, feeds.Url("/feed.xml")});
  ASSERT_EQ(added.exit_code, 0) << added.err;

  RunningProcess server({kBinary, "serve", "--db", db, "--listen", "127.0.0.1:0",
                         "--allow-network", "127.0.0.0/8", "--no-pages"});
  const int port = NumberAfter(server.first_line(), "127.0.0.1:");
  ASSERT_GT(port, 0) << server.first_line();
  json articles;
  for (int i = 0; i < 150; ++i) {
    articles = json::parse(HttpGet(port, "/api/v1/articles").body, nullptr, false);
    if (articles.is_object() && articles.value("total", 0) > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(articles.is_object());
  ASSERT_EQ(articles.value("total", 0), 1) << articles.dump();
  EXPECT_EQ(articles["articles"][0]["title"], "Storm closes the harbour");
  EXPECT_GE(feeds.request_count(), 1);
  const std::string subs = HttpGet(port, "/subscriptions").body;
  EXPECT_NE(subs.find("Harbour Gazette"), std::string::npos) << subs;
  EXPECT_NE(subs.find("feed-ok"), std::string::npos) << subs;
  EXPECT_EQ(server.Stop(), 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace wiredesk::testing
