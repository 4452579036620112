// What only the PostgreSQL backend does: its migrations, the copy from SQLite, NOTIFY, feed
// leases shared between nodes, and races between nodes. The Store contract itself is
// store_test.cc, run on both backends.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "core/time.h"
#include "store/postgres/copy_from_sqlite.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pg_db.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/test_cluster.h"
#include "store/sqlite/stemming_tokenizer.h"
#include "store/store.h"

namespace wiredesk::store::postgres {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;
using std::chrono::minutes;

Instant At(int day, int hour = 0) { return *MakeInstant(2025, 6, day, hour); }

Article MakeArticle(const std::string& slug, const std::string& title = "Harbour reopens") {
  Article a;
  a.url = "https://news.example.com/" + slug;
  a.title = title;
  a.text = "The harbour reopened on Friday after the storm.";
  a.published = At(20, 9);
  a.captured = At(20, 10);
  a.source = Source{0, "Example News", "https://news.example.com/"};
  return a;
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WD_PG_TEST_DATABASE(url_);
  }
  void TearDown() override {
    if (!url_.empty()) TestCluster::Get(nullptr)->DropDatabase(url_);
  }

  std::unique_ptr<Store> Open() {
    auto s = OpenStore(url_, StoreOptions{&clock_});
    EXPECT_TRUE(s) << s.error().ToString();
    return s ? std::move(*s) : nullptr;
  }

  std::string url_;
  FakeClock clock_{At(27, 12)};
};

TEST_F(PostgresStoreTest, MigratesOnceAndRecordsEveryVersion) {
  auto first = Open();
  ASSERT_NE(first, nullptr);
  const int64_t g = first->Generation().value();
  auto second = Open();  // a second node: nothing left to do, nothing written
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->Generation().value(), g);
  auto db = Connection::Open(url_);
  ASSERT_TRUE(db);
  EXPECT_EQ(SchemaVersion(**db).value(), LatestSchemaVersion());
}

TEST_F(PostgresStoreTest, RefusesAnotherProgramsDatabaseAndANewerSchema) {
  {
    auto db = Connection::Open(url_);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Exec("CREATE TABLE invoices (id int)"));
  }
  auto s = OpenStore(url_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kStorage);
  EXPECT_NE(s.error().message.find("not a wiredesk database"), std::string::npos);

  auto other = TestCluster::Get(nullptr)->CreateDatabase();
  ASSERT_TRUE(other);
  ASSERT_TRUE(OpenStore(*other));
  {
    auto db = Connection::Open(*other);
    ASSERT_TRUE((*db)->Exec("INSERT INTO schema_migrations VALUES (999, 'future', 0)"));
  }
  auto newer = OpenStore(*other);
  ASSERT_FALSE(newer);
  EXPECT_NE(newer.error().message.find("newer than this wiredesk"), std::string::npos);
  TestCluster::Get(nullptr)->DropDatabase(*other);
}

TEST_F(PostgresStoreTest, UnreachableServerIsAOneLineError) {
  auto s = OpenStore("postgresql://wiredesk:secret@127.0.0.1:1/nowhere?connect_timeout=2");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kStorage);
  const std::string line = s.error().ToString();
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_EQ(line.find("secret"), std::string::npos) << line;  // the password is not printed
  EXPECT_NE(line.find("cannot connect"), std::string::npos) << line;
}

TEST_F(PostgresStoreTest, TextThatPostgresCannotHoldIsRepairedNotRefused) {
  auto s = Open();
  Article a = MakeArticle("nul");
  a.text = std::string("before\0after \xff bytes", 20);
  auto r = s->UpsertArticle(a);
  ASSERT_TRUE(r) << r.error().ToString();
  auto back = s->FindArticle(r->article_id);
  ASSERT_TRUE(back && *back);
  EXPECT_EQ((*back)->text.find('\0'), std::string::npos);
  EXPECT_NE((*back)->text.find("after"), std::string::npos);
}

// wiredesk_search (migrations 14 and 15) finds a query's newest matches by walking the primary key
// when they are dense and it has not read them all, else from every match it collected while
// counting: both ways give the same page and total. Its walk_factor and exact_total arguments
// force each way here (the store passes kWalkFactor and kSearchExactTotal).
TEST_F(PostgresStoreTest, SearchWalkAndCollectedMatchesGiveTheSamePage) {
  auto s = Open();
  for (int i = 0; i < 300; ++i) {
    Article a = MakeArticle("t" + std::to_string(i),
                            i % 7 == 0 ? "High tide warning " + std::to_string(i)
                                       : "Harbour notice " + std::to_string(i));
    a.text = i % 3 == 0 ? "High tide at noon; the high tide table is posted at the harbour."
                        : "The tide turned. A high wind kept boats in: tide and wind.";
    ASSERT_TRUE(s->UpsertArticle(a));
  }
  auto db = Connection::Open(url_);
  ASSERT_TRUE(db);
  struct Query {
    const char* query;
    const char* check;
    const char* title_words;
    const char* phrases;
    const char* phrase_words;
  };
  const Query queries[] = {
      {"'tide'", "'tide'", "'tide'", "{}", "{}"},
      {"('high' <-> 'tide')", "(('high':A <-> 'tide':A) | ('high':D <-> 'tide':D))",
       "('high' & 'tide')", "{\"high tide\"}", "{\"('high' & 'tide')\"}"},
      {"('high' <-> 'tide' <-> 'tabl')",
       "(('high':A <-> 'tide':A <-> 'tabl':A) | ('high':D <-> 'tide':D <-> 'tabl':D))",
       "('high' & 'tide' & 'tabl')", "{\"high tide table\"}",
       "{\"('high' & 'tide' & 'tabl')\"}"},
  };
  for (const Query& q : queries) {
    std::vector<std::string> pages;
    for (const char* walk_factor : {"0", "1000000000"}) {
      Params p;
      p.Add(q.query).Add(q.check).Add(q.title_words).Add(q.phrases);
      p.Add(std::string(q.phrases) == "{}" ? "{}" : "{f}").Add(q.phrase_words);
      p.Add(std::string(q.phrases) == "{}" ? q.query : "");
      p.Add(64).Add(20).Add(0).Add(1000).Add(50).Add(10).AddRaw(walk_factor);
      // One term: the query within one field, its words, its phrase's index.
      p.Add("{\"" + std::string(q.check) + "\"}")
          .Add("{\"" + std::string(q.title_words) + "\"}")
          .Add(std::string(q.phrases) == "{}" ? "{0}" : "{1}");
      auto r = (*db)->Query("SELECT o_total, o_estimated, o_id, o_score FROM wiredesk_search("
                            "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                            "$16, $17)",
                            p);
      ASSERT_TRUE(r) << r.error().ToString();
      ASSERT_GT(r->size(), 20) << q.query;  // the total's row and a full page
      std::string page;
      for (int i = 0; i < r->size(); ++i) {
        page += r->Text(i, 0) + r->Text(i, 1) + " " + r->Text(i, 2) + " " + r->Text(i, 3) + "\n";
      }
      pages.push_back(page);
    }
    EXPECT_EQ(pages[0], pages[1]) << q.query;
  }
}

// Migration 15's length counts: the trigger keeps meta's 'search_tokens' equal to the sum of
// the articles' token counts through inserts, edits and deletes, and counts as FTS5's
// unicode61 does (a hyphenated word as its parts, a decimal as its two numbers).
TEST_F(PostgresStoreTest, SearchTokenCountsFollowEveryWrite) {
  auto s = Open();
  auto db = Connection::Open(url_);
  ASSERT_TRUE(db);
  auto check = [&](int64_t expected) {
    auto r = (*db)->Query("SELECT (SELECT value FROM meta WHERE key = 'search_tokens'), "
                          "(SELECT coalesce(sum(tokens), 0) FROM article_lengths)");
    ASSERT_TRUE(r) << r.error().ToString();
    EXPECT_EQ(r->Int64(0, 0), expected);
    EXPECT_EQ(r->Int64(0, 1), expected);
  };
  Article a = MakeArticle("a", "Well-known harbour");          // well, known, harbour: 3
  // rates rose 3 5 at the port s gate e mail news example com: 14 (SQLite's FTS5 counts the
  // same: 3 and 14 in its docsize table)
  a.text = "Rates rose 3.5% at the port’s gate, e-mail news@example.com.";
  const int64_t id = s->UpsertArticle(a).value().article_id;
  check(17);
  // The store says its count (unicode61's); counting in SQL, for other writers, agrees here.
  auto in_sql = (*db)->Query("SELECT wiredesk_token_count(title) + wiredesk_token_count(text) "
                             "FROM articles WHERE id = $1", Params().Add(id));
  ASSERT_TRUE(in_sql) << in_sql.error().ToString();
  EXPECT_EQ(in_sql->Int64(0, 0), 17);
  ASSERT_TRUE(s->UpsertArticle(MakeArticle("b", "Tide")));  // 1 + 8
  check(26);
  a.text = "Rates rose.";
  ASSERT_TRUE(s->UpsertArticle(a));
  check(3 + 2 + 9);
  ASSERT_TRUE(s->DeleteArticle(id));
  check(9);
}

// Under LC_CTYPE C, PostgreSQL's text search parser reads every non-ASCII character as part of
// a word, so search would miss words beside curly quotes and dashes: such a database is refused.
TEST_F(PostgresStoreTest, RefusesADatabaseWhoseCtypeIsC) {
  const size_t slash = url_.rfind('/');
  const std::string name = url_.substr(slash + 1) + "_c";
  {
    auto db = Connection::Open(url_);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Exec(("CREATE DATABASE " + name +
                             " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
                                .c_str()));
  }
  const std::string c_url = url_.substr(0, slash + 1) + name;
  auto s = OpenStore(c_url);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kStorage);
  EXPECT_NE(s.error().message.find("LC_CTYPE is C"), std::string::npos) << s.error().message;
  TestCluster::Get(nullptr)->DropDatabase(c_url);
}

TEST_F(PostgresStoreTest, WritesNotifyTheGeneration) {
  auto s = Open();
  auto listener = Connection::Open(url_);
  ASSERT_TRUE(listener);
  ASSERT_TRUE((*listener)->Exec("LISTEN wiredesk_generation"));
  ASSERT_TRUE(s->UpsertArticle(MakeArticle("a")));
  const int64_t g = s->Generation().value();
  std::vector<std::string> got;
  for (int i = 0; i < 100 && got.empty(); ++i) {
    got = (*listener)->TakeNotifications(kGenerationChannel);
    if (got.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.back(), std::to_string(g));
}

// What a serving node runs: the listener hears every commit at once, and after its connection
// is cut it reconnects by itself and reports what it missed meanwhile.
TEST_F(PostgresStoreTest, AGenerationWatchHearsEveryWriteAndSurvivesALostConnection) {
  auto s = Open();
  std::mutex mu;
  std::vector<int64_t> heard;
  auto watch = WatchGeneration(url_, [&](int64_t g) {
    std::lock_guard lock(mu);
    heard.push_back(g);
  });
  ASSERT_TRUE(watch) << watch.error().ToString();
  auto wait_for = [&](auto done) {
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(mu);
        if (done()) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  ASSERT_TRUE(wait_for([&] { return (*watch)->live() && !heard.empty(); }));
  ASSERT_TRUE(s->UpsertArticle(MakeArticle("pushed")));
  const int64_t first = s->Generation().value();
  EXPECT_TRUE(wait_for([&] { return heard.back() == first; }));

  // The listener's connection cut (a network fault, an administrator); a write lands
  // before it is back.
  auto admin = Connection::Open(url_);
  ASSERT_TRUE(admin);
  auto cut = (*admin)->Query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             "WHERE application_name = 'wiredesk listener'");
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->Int64(0, 0), 1);
  ASSERT_TRUE(s->UpsertArticle(MakeArticle("while-away")));
  const int64_t second = s->Generation().value();
  ASSERT_GT(second, first);
  EXPECT_TRUE(wait_for([&] { return (*watch)->live() && heard.back() == second; }));
  // SQLite cannot push: its callers poll.
  EXPECT_EQ(WatchGeneration("sqlite:/nonexistent/x.db", [](int64_t) {}).error().code,
            ErrorCode::kUnsupported);
}

TEST_F(PostgresStoreTest, TwoNodesSplitDueFeedsAndADeadNodesLeaseExpires) {
  auto a = Open();
  auto b = Open();
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(a->AddFeed({"https://f" + std::to_string(i) + ".example/rss", "", "", ""}));
  }
  const Instant now = clock_.Now();
  auto first = a->DueFeeds(now, 4);
  auto second = b->DueFeeds(now, 4);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->size(), 4u);
  EXPECT_EQ(second->size(), 2u);  // the rest: nobody fetches a feed another node holds
  std::set<int64_t> ids;
  for (const auto& f : *first) ids.insert(f.id);
  for (const auto& f : *second) ids.insert(f.id);
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_TRUE(b->DueFeeds(now, 10)->empty());

  // Node b records its feeds; node a "dies" without recording. Its feeds come back once the
  // lease runs out, and only then.
  for (const auto& f : *second) {
    FeedFetchUpdate u;
    u.fetched_at = now;
    u.success = true;
    u.next_fetch_at = now + hours(1);
    ASSERT_TRUE(b->RecordFeedFetch(f.id, u));
  }
  EXPECT_TRUE(b->DueFeeds(now + minutes(5), 10)->empty());
  auto reclaimed = b->DueFeeds(now + minutes(11), 10);
  ASSERT_TRUE(reclaimed);
  EXPECT_EQ(reclaimed->size(), 4u);
}

TEST_F(PostgresStoreTest, NodesRacingToStoreTheSameArticlesStoreEachOnce) {
  constexpr int kNodes = 4;
  constexpr int kArticles = 40;
  std::vector<std::unique_ptr<Store>> nodes;
  for (int i = 0; i < kNodes; ++i) nodes.push_back(Open());
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int n = 0; n < kNodes; ++n) {
    threads.emplace_back([&, n] {
      for (int i = 0; i < kArticles; ++i) {
        Article a = MakeArticle("race-" + std::to_string(i));
        a.source.name = i % 2 ? "Wire One" : "Wire Two";  // sources raced for too
        if (!nodes[n]->UpsertArticle(a)) ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(nodes[0]->CountArticles().value(), kArticles);
  EXPECT_EQ(nodes[0]->LatestArticles(200, 0)->articles.size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(nodes[0]->Sources()->size(), 2u);
}

// The work queue: a stored article's jobs are its storing node's for a lease; when that node
// dies, they come back, and nodes claiming at once never take the same job.
TEST_F(PostgresStoreTest, StoredArticlesQueueTheirWorkAndADeadNodesJobsComeBack) {
  auto a = Open();
  auto b = Open();
  const Instant now = clock_.Now();
  const int64_t id = a->UpsertArticle(MakeArticle("queued")).value().article_id;
  // Held by the node that stored it: nobody else takes it while the lease runs.
  EXPECT_TRUE(b->ClaimJobs(JobKind::kEnrich, now + minutes(9), 10)->empty());
  EXPECT_TRUE(b->ClaimJobs(JobKind::kFileInStory, now + minutes(9), 10)->empty());
  // Its node died: after the lease, one claimant gets it, the other nothing.
  auto enrich = b->ClaimJobs(JobKind::kEnrich, now + minutes(11), 10);
  ASSERT_TRUE(enrich);
  ASSERT_EQ(enrich->size(), 1u);
  EXPECT_EQ(enrich->front().article_id, id);
  EXPECT_EQ(enrich->front().article_time, At(20, 9));
  EXPECT_EQ(enrich->front().attempts, 2);
  EXPECT_TRUE(a->ClaimJobs(JobKind::kEnrich, now + minutes(11), 10)->empty());
  ASSERT_TRUE(b->FinishJob(JobKind::kEnrich, id));
  EXPECT_TRUE(a->ClaimJobs(JobKind::kEnrich, now + hours(1), 10)->empty());
  // Filing the article in a story is its story job: done in the same transaction.
  ASSERT_TRUE(a->FileInStory(id, 0));
  EXPECT_TRUE(a->ClaimJobs(JobKind::kFileInStory, now + hours(1), 10)->empty());
  // An update queues enrichment again, not filing (it keeps its story).
  Article changed = MakeArticle("queued");
  changed.text += " Ferries run again.";
  ASSERT_TRUE(a->UpsertArticle(changed));
  EXPECT_EQ(a->ClaimJobs(JobKind::kEnrich, now + hours(1), 10)->size(), 1u);
  EXPECT_TRUE(a->ClaimJobs(JobKind::kFileInStory, now + hours(1), 10)->empty());
}

TEST_F(PostgresStoreTest, NodesClaimingJobsAtOnceTakeEachJobOnce) {
  constexpr int kNodes = 3;
  constexpr int kArticles = 60;
  auto writer = Open();
  for (int i = 0; i < kArticles; ++i) {
    ASSERT_TRUE(writer->UpsertArticle(MakeArticle("job-" + std::to_string(i))));
  }
  // `wiredesk enrich`: everything queued again, nothing twice.
  EXPECT_EQ(writer->QueueForAll(JobKind::kEnrich, clock_.Now()).value(), 0);
  const Instant later = clock_.Now() + hours(1);  // the writer's leases are over
  std::vector<std::unique_ptr<Store>> nodes;
  for (int i = 0; i < kNodes; ++i) nodes.push_back(Open());
  std::vector<std::vector<int64_t>> taken(kNodes);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int n = 0; n < kNodes; ++n) {
    threads.emplace_back([&, n] {
      while (true) {
        auto jobs = nodes[n]->ClaimJobs(JobKind::kEnrich, later, 4);
        if (!jobs) {
          ++errors;
          return;
        }
        if (jobs->empty()) return;
        for (const QueuedJob& j : *jobs) {
          taken[n].push_back(j.article_id);
          if (!nodes[n]->FinishJob(JobKind::kEnrich, j.article_id)) ++errors;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  std::set<int64_t> all;
  size_t count = 0;
  for (const auto& t : taken) {
    all.insert(t.begin(), t.end());
    count += t.size();
  }
  EXPECT_EQ(count, static_cast<size_t>(kArticles));  // each job once...
  EXPECT_EQ(all.size(), static_cast<size_t>(kArticles));  // ...and every one
  // Deleting an article takes its queued work with it.
  const int64_t gone = writer->UpsertArticle(MakeArticle("gone")).value().article_id;
  ASSERT_TRUE(writer->DeleteArticle(gone));
  auto left = writer->ClaimJobs(JobKind::kFileInStory, later + hours(1), 100);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->size(), static_cast<size_t>(kArticles));
  for (const QueuedJob& j : *left) EXPECT_NE(j.article_id, gone);
}

TEST_F(PostgresStoreTest, CopyFromSqliteMovesEverythingOnceAndRefusesAFullTarget) {
  std::string tmpl = (fs::temp_directory_path() / "wd_copy_test.XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const std::string file = tmpl + "/site.db";
  int64_t article_id = 0;
  int64_t story = 0;
  StorySummary story_before;
  {
    auto lite = OpenStore("sqlite:" + file, StoreOptions{&clock_});
    ASSERT_TRUE(lite);
    Store& s = **lite;
    article_id = s.UpsertArticle(MakeArticle("a", "Volcano erupts")).value().article_id;
    const int64_t b =
        s.UpsertArticle(MakeArticle("b", "Harbour\treopens\\ with \"tabs\"\nand lines"))
            .value()
            .article_id;
    story = s.FileInStory(article_id, 0).value();
    ASSERT_TRUE(s.FileInStory(b, story));
    story_before = s.FindStory(story).value().value().summary;
    ASSERT_TRUE(s.DeleteArticle(s.UpsertArticle(MakeArticle("c")).value().article_id));
    ASSERT_TRUE(s.SetTags(article_id, {{0, "Iceland", TagKind::kPlace}}));
    const int64_t user = s.AddUser(User{0, "ana", "reader", {}}).value();
    Comment c;
    c.article_id = article_id;
    c.user_id = user;
    c.body = "Wow";
    const int64_t parent = s.AddComment(c).value();
    c.parent_id = parent;
    ASSERT_TRUE(s.AddComment(c));
    const int64_t feed = s.AddFeed({"https://a.example/rss", "A", "News", ""}).value();
    ASSERT_TRUE(s.MarkEntrySeen(feed, "guid-1", article_id));
  }
  auto report = CopySqliteToPostgres(file, url_, StoreOptions{&clock_});
  ASSERT_TRUE(report) << report.error().ToString();

  auto pg = Open();
  EXPECT_EQ(pg->CountArticles().value(), 2);
  auto found = pg->FindArticle(article_id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->title, "Volcano erupts");
  EXPECT_EQ(pg->Search(SearchQuery{"volcano", 10, 0})->total, 1);  // the index is rebuilt
  EXPECT_EQ(pg->Search(SearchQuery{"\"volcano erupts\"", 10, 0})->total, 1);  // and the pairs
  {
    // Search's GIN indexes, dropped for the copy, are back.
    auto db = Connection::Open(url_);
    ASSERT_TRUE(db);
    auto gin = (*db)->Query(
        "SELECT count(*) FROM pg_indexes WHERE tablename = 'article_search' "
        "AND indexdef LIKE '% USING gin %'");
    ASSERT_TRUE(gin);
    EXPECT_EQ(gin->Int64(0, 0), 3);  // words, titles, word pairs
    // bm25's length total, summed once after the copy rather than kept row by row.
    auto tokens = (*db)->Query("SELECT (SELECT value FROM meta WHERE key = 'search_tokens'), "
                               "(SELECT sum(tokens) FROM article_lengths)");
    ASSERT_TRUE(tokens);
    EXPECT_GT(tokens->Int64(0, 0), 0);
    EXPECT_EQ(tokens->Int64(0, 0), tokens->Int64(0, 1));
    // Each length is the source index's own count.
    auto length = (*db)->Query("SELECT m.tokens, a.title, a.text FROM article_lengths m "
                               "JOIN articles a ON a.id = m.article_id WHERE m.article_id = $1",
                               Params().Add(article_id));
    ASSERT_TRUE(length && length->size() == 1);
    auto counter = sqlite::SearchTokenCounter::Open();
    ASSERT_TRUE(counter);
    EXPECT_EQ(length->Int64(0, 0), (*counter)->Count(length->Text(0, 1)).value() +
                                       (*counter)->Count(length->Text(0, 2)).value());
  }
  // Copying the story's rows filed them again; the counts are still the story's.
  const StorySummary story_after = pg->FindStory(story).value().value().summary;
  EXPECT_EQ(story_after.article_count, 2);
  EXPECT_EQ(story_after.article_count, story_before.article_count);
  EXPECT_EQ(story_after.publisher_count, story_before.publisher_count);
  EXPECT_EQ(story_after.lead.id, story_before.lead.id);
  EXPECT_EQ(story_after.headline, story_before.headline);
  EXPECT_EQ(pg->TagsOf(article_id)->size(), 1u);
  auto comments = pg->CommentsOf(article_id);
  ASSERT_EQ(comments->size(), 2u);
  EXPECT_EQ((*comments)[1].parent_id, (*comments)[0].id);
  auto feed = pg->FindFeed("https://a.example/rss");
  ASSERT_TRUE(feed && *feed);
  EXPECT_EQ((*feed)->entry_count, 1);
  auto page = pg->LatestArticles(10, 0);
  bool tabs = false;
  for (const auto& s : page->articles) tabs |= s.title.find("\t") != std::string::npos;
  EXPECT_TRUE(tabs);
  // New rows get new ids after the copied ones.
  auto added = pg->UpsertArticle(MakeArticle("d"));
  ASSERT_TRUE(added) << added.error().ToString();
  EXPECT_GT(added->article_id, article_id);

  auto again = CopySqliteToPostgres(file, url_, StoreOptions{&clock_});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("not empty"), std::string::npos);
  EXPECT_EQ(pg->CountArticles().value(), 3);  // nothing merged
  fs::remove_all(tmpl);
}

}  // namespace
}  // namespace wiredesk::store::postgres
