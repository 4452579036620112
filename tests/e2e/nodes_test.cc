// Several wiredesk nodes on one PostgreSQL database, as docs/postgresql.md runs them: two
// ingesting nodes and one serving node, real processes on loopback around a throwaway server
// (store/postgres/test_cluster.h). One ingesting node is killed with SIGKILL half-way and
// started again, as a supervisor would; at the end every article is stored once, enriched
// and filed, every story is whole, and the serving node shows them all.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "core/time.h"
#include "e2e/process.h"
#include "store/postgres/test_cluster.h"
#include "store/store.h"

namespace wiredesk::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kBinary = WIREDESK_BINARY;
constexpr int kPerStory = 4;          // two from each ingesting node
constexpr int kLeaseSeconds = 2;      // WIREDESK_LEASE_SECONDS for every node

// How many articles: 5,000 unless WIREDESK_NODES_ARTICLES says (a multiple of kPerStory).
int ArticleCount() {
  const char* env = std::getenv("WIREDESK_NODES_ARTICLES");
  const int n = env != nullptr ? std::atoi(env) : 5000;
  return std::max(kPerStory, n - n % kPerStory);
}

// A made-up word for story `story`, word `j`: syllables, so every story has words no other
// story uses (what tells the clusterer two stories apart) and the stemmer leaves them alone.
std::string StoryWord(int story, int j) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi",
                                     "pe", "su", "ba", "do", "fe", "gu", "ho", "ji"};
  std::string w;
  for (int n = story * 16 + j + 4096; n > 0; n /= 16) w += kSyllables[n % 16];
  return w + "an";
}

// Article `k` of story `s`: the story's words in the article's own order and sentences, so
// the four are one event told four ways (not copies of one text).
void WriteArticle(const fs::path& dir, int s, int k) {
  static const char* kFiller[] = {"the", "officials", "said", "on", "monday", "after", "a",
                                  "meeting", "in", "city", "council", "reported", "that"};
  std::string title;
  for (int j = 0; j < 6; ++j) title += (j ? " " : "") + StoryWord(s, (j + k) % 12);
  title[0] = static_cast<char>(title[0] - 'a' + 'A');
  std::string text;
  for (int sentence = 0; sentence < 5; ++sentence) {
    std::string line;
    for (int j = 0; j < 12; ++j) {
      if (j) line += ' ';
      line += (j % 3 == 2) ? kFiller[(s + k + sentence + j) % 13]
                           : StoryWord(s, (sentence * 5 + j + k * 7) % 12);
    }
    line[0] = static_cast<char>(line[0] - 'a' + 'A');
    text += line + ".\n";
  }
  const std::string name = "s" + std::to_string(s) + "-" + std::to_string(k);
  std::ofstream(dir / (name + ".txt"), std::ios::binary) << title << "\n" << text;
  const Instant published = *MakeInstant(2026, 3, 1) + std::chrono::minutes(s * 30 + k * 5);
  std::ofstream(dir / (name + ".meta.json"), std::ios::binary)
      << R"({"url": "https://outlet)" << k << ".example.org/" << name
      << R"(", "source": {"name": "Outlet )" << k << R"("}, "published": ")"
      << FormatIso8601(published) << R"("})";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(NodesTest, TwoIngestingNodesAndAServingNodeLoseAndRepeatNothingWhenOneIsKilled) {
  std::string url;
  WD_PG_TEST_DATABASE(url);
  const int articles = ArticleCount();
  const int stories = articles / kPerStory;
  const fs::path dir = fs::temp_directory_path() / ("wd_nodes_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  // Each story's articles are split between the nodes, so both file the same stories at once.
  for (int s = 0; s < stories; ++s) {
    for (int k = 0; k < kPerStory; ++k) WriteArticle(dir / (k % 2 ? "b" : "a"), s, k);
  }
  setenv("WIREDESK_LEASE_SECONDS", std::to_string(kLeaseSeconds).c_str(), 1);

  const auto start = std::chrono::steady_clock::now();
  RunningProcess server(
      {kBinary, "serve", "--db", url, "--listen", "127.0.0.1:0", "--no-refresh"});
  const size_t at = server.first_line().rfind("127.0.0.1:");  // the URL names the database first
  ASSERT_NE(at, std::string::npos) << server.first_line();
  const int port = std::atoi(server.first_line().c_str() + at + 10);

  auto probe = store::OpenStore(url);
  ASSERT_TRUE(probe) << probe.error().ToString();
  store::Store& db = **probe;
  {
    BackgroundProcess node_a({kBinary, "ingest", "--db", url, (dir / "a").string()},
                             (dir / "a.log").string());
    BackgroundProcess node_b({kBinary, "ingest", "--db", url, (dir / "b").string()},
                             (dir / "b.log").string());
    // Half-way through node a's share (both nodes store at about the same rate): kill it.
    while (!node_a.Exited() && db.CountArticles().value_or(0) < articles / 2) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_FALSE(node_a.Exited()) << "node a finished before it could be killed: "
                                  << ReadFile(dir / "a.log");
    node_a.Kill(SIGKILL);
    EXPECT_EQ(node_a.Wait(), 128 + SIGKILL);
    const int64_t when_killed = db.CountArticles().value_or(0);
    EXPECT_LT(when_killed, articles);
    EXPECT_EQ(node_b.Wait(), 0) << ReadFile(dir / "b.log");
  }
  // Its supervisor starts node a again once its leases are out: it stores what it had not,
  // and takes over the work it held when it died (enrichment and filing).
  std::this_thread::sleep_for(std::chrono::seconds(kLeaseSeconds + 1));
  auto again = RunProcess({kBinary, "ingest", "--db", url, (dir / "a").string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  std::fprintf(stderr, "nodes_test: %d articles through three nodes in %.0f s\n", articles,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

  // Every article stored exactly once (the identity URL is unique: the count says none is
  // missing), none left owing work.
  EXPECT_EQ(db.CountArticles().value(), articles);
  // The front page and the API count every article but syndicated copies (a handful here).
  const int64_t front = db.LatestArticles(1, 0)->total;
  EXPECT_LE(front, articles);
  EXPECT_GE(front, articles - articles / 100);
  const Instant later = SystemClock().Now() + std::chrono::hours(1);
  EXPECT_TRUE(db.ClaimJobs(store::JobKind::kEnrich, later, 10)->empty());
  EXPECT_TRUE(db.ClaimJobs(store::JobKind::kFileInStory, later, 10)->empty());
  // Every story whole: its four articles in one stored story, whichever node filed them. The
  // store is read in time order (a few queries, not one per article); an article's time says
  // which story and which of its four it is.
  const Instant base = *MakeInstant(2026, 3, 1);
  std::vector<std::set<int64_t>> stored_in(stories);
  std::set<int64_t> story_ids;
  int seen = 0;
  std::optional<store::TimeCursor> cursor;
  while (true) {
    auto page = db.ArticlesInTimeOrder(cursor, 500);
    ASSERT_TRUE(page) << page.error().ToString();
    if (page->empty()) break;
    for (const store::StoryInput& in : *page) {
      const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(in.When() - base);
      const int s = static_cast<int>(minutes.count() / 30);
      const int k = static_cast<int>(minutes.count() % 30 / 5);
      ASSERT_TRUE(s >= 0 && s < stories) << in.title;
      EXPECT_EQ(in.source, "Outlet " + std::to_string(k));
      ASSERT_NE(in.story_id, 0) << in.title << " is in no story";
      stored_in[s].insert(in.story_id);
      story_ids.insert(in.story_id);
      ++seen;
    }
    cursor = store::TimeCursor{page->back().When(), page->back().article_id};
  }
  EXPECT_EQ(seen, articles);
  int split = 0;
  for (const auto& of : stored_in) split += of.size() != 1;
  EXPECT_EQ(split, 0) << "stories split between stored stories";
  EXPECT_EQ(static_cast<int>(story_ids.size()), stories);  // and none merged with another
  // The serving node shows them: it learnt of every write without being restarted.
  ASSERT_TRUE(server.alive()) << "the serving node died";
  HttpResponse got;
  json page;
  for (int i = 0; i < 50; ++i) {
    got = HttpGet(port, "/api/v1/articles?limit=1");
    page = json::parse(got.body, nullptr, false);
    if (page.is_object() && page.value("total", int64_t{0}) == front) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(page.is_object()) << got.status << " " << got.body;
  EXPECT_EQ(page.value("total", int64_t{0}), front);
  got = HttpGet(port, "/api/v1/stories?limit=1");
  const json listed = json::parse(got.body, nullptr, false);
  ASSERT_TRUE(listed.is_object()) << got.status << " " << got.body;
  EXPECT_EQ(listed.value("total", 0), stories);
  EXPECT_EQ(server.Stop(), 0);
  probe->reset();
  store::postgres::TestCluster::Get(nullptr)->DropDatabase(url);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace wiredesk::testing
