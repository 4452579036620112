// What only the SQLite backend has: specs, files that are not ours, migrations, pragmas, and
// rollback of a write that fails halfway (injected with a trigger).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "store/sqlite/migrations.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/stemming_tokenizer.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store_stories.h"
#include "store/store.h"

namespace wiredesk::store::sqlite {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "wd_sqlite_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "wiredesk.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs SQL on the file through a plain connection, as another tool (or an older wiredesk)
  // would.
  void RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  int64_t RawInt(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    int64_t v = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
  }

  std::vector<int64_t> RawIds(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    std::vector<int64_t> ids;
    while (sqlite3_step(stmt) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return ids;
  }

  // The file as a wiredesk of schema `version` left it.
  void MigrateTo(int version) {
    auto db = Database::Open(path_);
    ASSERT_TRUE(db) << db.error().ToString();
    ASSERT_TRUE(CheckIsWiredeskDatabase(**db));
    auto st = Migrate(**db, clock_.Now(), version);
    ASSERT_TRUE(st) << st.error().ToString();
    ASSERT_EQ(SchemaVersion(**db).value(), version);
  }

  Result<std::unique_ptr<Store>> Open(const std::string& spec) {
    return OpenStore(spec, StoreOptions{&clock_});
  }

  static Article MakeArticle(const std::string& slug, const std::string& title) {
    Article a;
    a.url = "https://news.example.com/" + slug;
    a.title = title;
    a.text = "Body of " + slug + ".";
    a.source = Source{0, "Example News", "https://news.example.com/"};
    a.captured = *MakeInstant(2025, 6, 20);
    return a;
  }

  FakeClock clock_{*MakeInstant(2025, 6, 27, 12)};
  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, SpecsPickTheBackend) {
  EXPECT_TRUE(Open(path_)) << "a plain path";
  EXPECT_TRUE(Open("sqlite:" + path_));

  // The PostgreSQL backend is picked (nothing listens on port 1, so it cannot connect).
  auto pg = Open("postgresql://127.0.0.1:1/wiredesk");
  ASSERT_FALSE(pg);
  EXPECT_EQ(pg.error().code, ErrorCode::kStorage);
  EXPECT_NE(pg.error().message.find("cannot connect to PostgreSQL"), std::string::npos);
  EXPECT_EQ(Open("postgres://127.0.0.1:1/wiredesk").error().code, ErrorCode::kStorage);
  EXPECT_EQ(Open("mysql://localhost/db").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Open("sqlite:").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Open("").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, MissingDirectoryIsAClearError) {
  const std::string spec = (dir_ / "no" / "such" / "wiredesk.db").string();
  auto r = Open(spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kStorage);
  EXPECT_NE(r.error().message.find("does not exist"), std::string::npos) << r.error().ToString();
  EXPECT_FALSE(fs::exists(dir_ / "no"));  // and it did not create it

  auto on_dir = Open(dir_.string());
  ASSERT_FALSE(on_dir);
  EXPECT_EQ(on_dir.error().code, ErrorCode::kStorage);
}

TEST_F(SqliteStoreTest, RefusesAFileThatIsNotADatabase) {
  for (const std::string& content :
       {std::string("hello, this is not a database\n"), std::string(8192, 'x'),
        std::string("SQLite format 3") + std::string(200, '\0')}) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << content;
    auto r = Open(path_);
    ASSERT_FALSE(r) << "content size " << content.size();
    EXPECT_EQ(r.error().code, ErrorCode::kStorage);
    const std::string line = r.error().ToString();
    EXPECT_NE(line.find("is not a wiredesk database"), std::string::npos) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  }
}

TEST_F(SqliteStoreTest, RefusesAnotherProgramsSqliteFileAndLeavesItAlone) {
  RawExec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
  auto r = Open(path_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kStorage);
  EXPECT_NE(r.error().ToString().find("not a wiredesk database"), std::string::npos);
  EXPECT_EQ(RawInt("SELECT count(*) FROM sqlite_schema"), 1);  // no tables of ours added
  EXPECT_FALSE(fs::exists(path_ + "-wal"));                    // not switched to WAL
}

TEST_F(SqliteStoreTest, AnEmptyFileBecomesAStore) {
  std::ofstream(path_, std::ios::binary | std::ios::trunc).flush();
  EXPECT_TRUE(Open(path_));
}

TEST_F(SqliteStoreTest, OpenSetsUpWalForeignKeysAndTheSchema) {
  auto s = Open(path_);
  ASSERT_TRUE(s) << s.error().ToString();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }
  EXPECT_EQ(RawInt("PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(RawInt("SELECT max(version) FROM schema_migrations"), LatestSchemaVersion());
  for (const char* table :
       {"sources", "feeds", "articles", "articles_fts", "tags", "article_tags", "stories",
        "story_articles", "users", "comments", "meta", "schema_migrations"}) {
    EXPECT_EQ(
        RawInt(std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'"), 1)
        << table;
  }
  // Foreign keys are enforced on the store's connection: a comment on no article is refused
  // by the schema, not only by AddComment's check.
  auto c = (*s)->AddComment(Comment{0, 12345, std::nullopt, 0, "Guest", "Hi", {}, false});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, MigratesAnOlderDatabaseAndReopensWithoutChanges) {
  // A version-1 database with an article in it, as a wiredesk of that version left it.
  ASSERT_NO_FATAL_FAILURE(MigrateTo(1));
  RawExec(
      "INSERT INTO sources (id, name, url) VALUES (1, 'Old Wire', '');"
      "INSERT INTO articles (identity_url, url, title, text, captured, content_hash,"
      " first_seen_at, updated_at, source_id) VALUES ('https://old.example/1',"
      " 'https://old.example/1', 'Glacier retreats', 'Ice melts.', 0, 'x', 0, 0, 1);");
  EXPECT_EQ(RawInt("SELECT count(*) FROM sqlite_schema WHERE name = 'articles_fts'"), 0);

  clock_.Set(*MakeInstant(2025, 7, 1));
  {
    auto s = Open(path_);
    ASSERT_TRUE(s) << s.error().ToString();
    // Version 2 indexed what version 1 stored.
    auto r = (*s)->Search(SearchQuery{"glacier", 10, 0});
    ASSERT_TRUE(r) << r.error().ToString();
    ASSERT_EQ(r->total, 1);
    EXPECT_EQ(r->hits[0].article.title, "Glacier retreats");
  }
  EXPECT_EQ(RawInt("SELECT count(*) FROM schema_migrations"),
            static_cast<int64_t>(Migrations().size()));
  EXPECT_EQ(RawInt("SELECT applied_at FROM schema_migrations WHERE version = 2"),
            clock_.Now().time_since_epoch().count());
  const int64_t generation = RawInt("SELECT value FROM meta WHERE key = 'generation'");

  // Opening again is a no-op: nothing applied, nothing written.
  clock_.Set(*MakeInstant(2025, 8, 1));
  {
    auto s = Open(path_);
    ASSERT_TRUE(s) << s.error().ToString();
    EXPECT_EQ((*s)->Generation().value(), generation);
    EXPECT_EQ((*s)->CountArticles().value(), 1);
  }
  EXPECT_EQ(RawInt("SELECT count(*) FROM schema_migrations"),
            static_cast<int64_t>(Migrations().size()));
  EXPECT_EQ(RawInt("SELECT max(applied_at) FROM schema_migrations"),
            MakeInstant(2025, 7, 1)->time_since_epoch().count());
}

// Version 9 made the full-text table again with a prefix index: what a version-8 file's index
// found for a prefix, the upgraded one finds, and the version 2 triggers keep the new table in
// step.
TEST_F(SqliteStoreTest, ThePrefixIndexMigrationFindsWhatTheOldIndexFound) {
  ASSERT_NO_FATAL_FAILURE(MigrateTo(8));
  RawExec("INSERT INTO sources (id, name, url) VALUES (1, 'Old Wire', '')");
  const char* titles[] = {"President visits the coast", "Pressure on prices eases",
                          "Preserving old harbours",    "Presto: a quick recipe",
                          "Prime minister resigns",     "Pretty gardens in spring",
                          "Harbour reopens",            "Près de la côte, un café"};
  int n = 0;
  for (const char* title : titles) {
    ++n;
    RawExec("INSERT INTO articles (identity_url, url, title, text, captured, content_hash,"
            " first_seen_at, updated_at, source_id) VALUES ('https://old.example/" +
            std::to_string(n) + "', '', '" + title + "', 'Body " + std::to_string(n) +
            ".', 0, 'x', 0, 0, 1)");
  }
  const char* prefixes[] = {"p*", "pr*", "pre*", "pres*", "presi*", "harb*", "caf*", "ha*"};
  std::map<std::string, std::vector<int64_t>> before;
  for (const char* prefix : prefixes) {
    const std::string word(prefix, std::strlen(prefix) - 1);
    before[prefix] = RawIds("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"" + word +
                            "\"*' ORDER BY rowid");
  }
  // Porter stems the query's "pres" to "pre" (src/store/README.md): pretty and près match too.
  EXPECT_EQ(before["pres*"].size(), 6u);

  auto s = Open(path_);
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_EQ(RawInt("SELECT max(version) FROM schema_migrations"), LatestSchemaVersion());
  EXPECT_EQ(RawInt("SELECT count(*) FROM sqlite_schema WHERE name = 'articles_fts' "
                   "AND sql LIKE '%prefix = ''2 3 4''%'"),
            1);
  // Version 11 stems with Snowball, as PostgreSQL does: the query's "pres" stays "pres", so
  // "Pretty gardens" (Porter's "pre") no longer matches it; every other prefix finds the same.
  std::map<std::string, std::vector<int64_t>> expected = before;
  expected["pres*"] = {1, 2, 3, 4, 8};
  for (const char* prefix : prefixes) {
    auto r = (*s)->Search(SearchQuery{prefix, 50, 0});
    ASSERT_TRUE(r) << prefix << ": " << r.error().ToString();
    std::vector<int64_t> ids;
    for (const SearchHit& h : r->hits) ids.push_back(h.article.id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, expected[prefix]) << prefix;
    EXPECT_EQ(r->total, static_cast<int64_t>(expected[prefix].size())) << prefix;
  }
  // Written after the upgrade: the triggers index it in the new table, and delete it from it.
  Article a = MakeArticle("new", "Presidential debate tonight");
  const int64_t id = (*s)->UpsertArticle(a).value().article_id;
  EXPECT_EQ((*s)->Search(SearchQuery{"presi*", 50, 0}).value().total, 2);
  ASSERT_TRUE((*s)->DeleteArticle(id));
  EXPECT_EQ((*s)->Search(SearchQuery{"presi*", 50, 0}).value().total, 1);
}

// wd_bm25 given each phrase's exact match count scores every row as FTS5's bm25 does.
TEST_F(SqliteStoreTest, RankWithGivenCountsIsBm25) {
  {
    auto s = Open(path_);
    ASSERT_TRUE(s) << s.error().ToString();
    const char* titles[] = {"Harbour storm", "Storm over the harbour wall", "Quiet harbour",
                            "Harbour harbour harbour", "Market news", "Storm warning"};
    int n = 0;
    for (const char* title : titles) {
      Article a = MakeArticle("r" + std::to_string(++n), title);
      a.text = std::string("The harbour master said the storm passed. ") + title;
      ASSERT_TRUE((*s)->UpsertArticle(a));
    }
  }
  auto db = Database::Open(path_);
  ASSERT_TRUE(db) << db.error().ToString();
  ASSERT_TRUE(RegisterSearchRank((*db)->Handle()));
  // "harbour" and "storm" are in all six texts, "harbour wall" in one article.
  for (const auto& [match, counts] : std::vector<std::pair<std::string, std::string>>{
           {"\"harbour\"", "6"}, {"\"storm\" \"harbour wall\"", "6 1"}, {"\"storm\"*", "6"}}) {
    auto q = (*db)->Prepare(
        "SELECT rowid, bm25(articles_fts, 10.0, 1.0), wd_bm25(articles_fts, 10.0, 1.0, ?2) "
        "FROM articles_fts WHERE articles_fts MATCH ?1");
    ASSERT_TRUE(q) << q.error().ToString();
    q->Bind(1, std::string_view(match)).Bind(2, std::string_view(counts));
    int rows = 0;
    while (q->Step().value_or(false)) {
      ++rows;
      EXPECT_DOUBLE_EQ(q->Double(2), q->Double(1)) << match << " row " << q->Int64(0);
    }
    EXPECT_GT(rows, 0) << match;
  }
  // A count missing for a phrase is an error, not a made-up score.
  auto bad = (*db)->Prepare(
      "SELECT wd_bm25(articles_fts, 10.0, 1.0, '3') FROM articles_fts "
      "WHERE articles_fts MATCH '\"harbour\" \"storm\"'");
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->Step());
}

// SearchTokenCounter (what PostgreSQL stores as each article's length for bm25) counts what
// the index counts: FTS5's own per-row sizes, read through bm25's xColumnSize.
TEST_F(SqliteStoreTest, SearchTokenCounterCountsAsTheIndex) {
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"Well-known harbour", "Rates rose 3.5% at the port’s gate, e-mail news@example.com."},
      {"Minister’s aide—resigned",
       "“Never again,” she said… «Fin»\u00a0today. Ça va, Zürich?"},
      {"东京 news", "Ünïcödé wörds and 1,000 numbers; http://example.com/a/b?c=d."},
  };
  {
    auto s = Open(path_);
    ASSERT_TRUE(s) << s.error().ToString();
    int n = 0;
    for (const auto& [title, text] : articles) {
      Article a = MakeArticle("c" + std::to_string(++n), title);
      a.text = text;
      ASSERT_TRUE((*s)->UpsertArticle(a));
    }
  }
  auto counter = SearchTokenCounter::Open();
  ASSERT_TRUE(counter) << counter.error().ToString();
  auto db = Database::Open(path_);
  ASSERT_TRUE(db) << db.error().ToString();
  // The index's own count: the docsize table holds each row's column sizes.
  auto q = (*db)->Prepare("SELECT a.title, a.text, d.sz FROM articles a "
                          "JOIN articles_fts_docsize d ON d.id = a.id ORDER BY a.id");
  ASSERT_TRUE(q) << q.error().ToString();
  int rows = 0;
  while (q->Step().value_or(false)) {
    ++rows;
    const int64_t indexed = IndexedTokens(q->Text(2));
    const int64_t counted =
        (*counter)->Count(q->Text(0)).value() + (*counter)->Count(q->Text(1)).value();
    EXPECT_EQ(counted, indexed) << q->Text(0);
  }
  EXPECT_EQ(rows, 3);
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerWiredesk) {
  ASSERT_TRUE(Open(path_));
  RawExec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)");
  auto r = Open(path_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kStorage);
  EXPECT_NE(r.error().message.find("newer"), std::string::npos) << r.error().ToString();
}

TEST_F(SqliteStoreTest, AWriteThatFailsHalfwayLeavesTheStoreAsItWas) {
  auto opened = Open(path_);
  ASSERT_TRUE(opened);
  Store& store = **opened;
  Article a = MakeArticle("a", "Original title");
  const int64_t id = store.UpsertArticle(a).value().article_id;
  const int64_t generation = store.Generation().value();

  // Fault injection: the article UPDATE fails after the new source row was inserted.
  RawExec(
      "CREATE TRIGGER fail_update BEFORE UPDATE ON articles WHEN new.title = 'boom' "
      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
  a.title = "boom";
  a.source = Source{0, "Brand New Source", ""};
  auto r = store.UpsertArticle(a);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("injected failure"), std::string::npos);

  EXPECT_EQ(store.FindArticle(id).value()->title, "Original title");
  EXPECT_EQ(store.Sources().value().size(), 1u);  // the source insert was rolled back too
  EXPECT_EQ(store.Generation().value(), generation);
  EXPECT_EQ(store.Search(SearchQuery{"original", 10, 0}).value().total, 1);
  EXPECT_EQ(store.Search(SearchQuery{"boom", 10, 0}).value().total, 0);

  // And the connection is usable afterwards.
  a.title = "Fine title";
  auto ok = store.UpsertArticle(a);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->kind, UpsertKind::kUpdated);
}

// Story filing walks the whole store in time order a page at a time (`wiredesk cluster`, the
// window read back at start): each page must seek the time index at its cursor. A plan that
// scans the index reads every older article again for each page.
TEST_F(SqliteStoreTest, TheTimeOrderWalkSeeksTheTimeIndex) {
  ASSERT_TRUE(Open("sqlite:" + path_).has_value());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = std::string("EXPLAIN QUERY PLAN ") + stories::kInTimeOrderQuery;
  ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  std::string plan;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
    plan += '\n';
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  EXPECT_NE(plan.find("SEARCH a USING INDEX articles_latest"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN a"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

}  // namespace
}  // namespace wiredesk::store::sqlite
