// The Store contract, written once and run on every backend (TYPED_TEST over StoreBackends).
// A backend joins by adding a class with Spec() (a fresh, empty store) to StoreBackends.
#include "store/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/time.h"
#include "store/postgres/test_cluster.h"
#include "store/search_terms.h"

namespace wiredesk::store {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;

// A SQLite store in a fresh temporary directory, removed afterwards.
class SqliteBackend {
 public:
  SqliteBackend() {
    std::string tmpl = (fs::temp_directory_path() / "wd_store_test.XXXXXX").string();
    WD_CHECK(mkdtemp(tmpl.data()) != nullptr);
    dir_ = tmpl;
  }
  ~SqliteBackend() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Spec() const { return "sqlite:" + (dir_ / "wiredesk.db").string(); }

 private:
  fs::path dir_;
};

// A fresh database on the test binary's PostgreSQL server (postgres/test_cluster.h), dropped
// afterwards. Skipped where no PostgreSQL server is installed; a server that is installed but
// does not start fails the tests instead.
class PostgresBackend {
 public:
  PostgresBackend() {
    postgres::TestCluster* cluster = postgres::TestCluster::Get(&why_);
    if (cluster == nullptr) return;
    auto url = cluster->CreateDatabase();
    if (!url) {
      why_ = url.error().ToString();
      failed_ = true;
      return;
    }
    url_ = *url;
  }
  ~PostgresBackend() {
    if (!url_.empty()) postgres::TestCluster::Get(nullptr)->DropDatabase(url_);
  }
  bool Available() const { return !url_.empty(); }
  bool Broken() const { return postgres::TestCluster::Broken() || failed_; }
  const std::string& Why() const { return why_; }
  std::string Spec() const { return url_; }

 private:
  std::string url_;
  std::string why_;
  bool failed_ = false;
};

using StoreBackends = ::testing::Types<SqliteBackend, PostgresBackend>;

struct BackendName {
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, SqliteBackend> ? "Sqlite" : "Postgres";
  }
};

Instant At(int day, int hour = 0) { return *MakeInstant(2025, 6, day, hour); }

// An article with every field set, so round trips cover them all.
Article MakeArticle(const std::string& slug, std::string title = "Harbour reopens after storm",
                    std::string text = "The harbour reopened on Friday.\n\nShips queued outside.") {
  Article a;
  a.url = "https://news.example.com/" + slug + "?utm=feed";
  a.canonical_url = "https://news.example.com/" + slug;
  a.title = std::move(title);
  a.dek = "Dockworkers return";
  a.byline = "By Ana Lima";
  a.published = At(20, 9);
  a.captured = At(20, 10);
  a.language = "en";
  a.source = Source{0, "Example News", "https://news.example.com/"};
  a.rights = "© Example News 2025";
  a.blocks = {{BlockKind::kHeading, "Reopening", ""},
              {BlockKind::kParagraph, "The harbour reopened.", ""},
              {BlockKind::kCaption, "Ships at dawn", "REUTERS"},
              {BlockKind::kList, "one\ntwo", ""}};
  a.text = std::move(text);
  a.images = {{"https://img.example.com/1.jpg", "Ships at dawn", "REUTERS"}};
  RelatedItem r;
  r.source = "Other Wire";
  r.published = At(19);
  r.title = "Storm closes harbour";
  r.text = "The storm closed it.";
  r.blocks = {{BlockKind::kParagraph, "The storm closed it.", ""}};
  r.url = "https://other.example.org/storm";
  a.related = {r};
  return a;
}

template <typename Backend>
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if constexpr (std::is_same_v<Backend, PostgresBackend>) {
      if (!backend_.Available()) {
        if (backend_.Broken()) FAIL() << "PostgreSQL: " << backend_.Why();
        GTEST_SKIP() << backend_.Why();
      }
    }
    store_ = Open();
  }

  // Another handle on the same store: a second connection, as another process would have.
  std::unique_ptr<Store> Open() {
    auto s = OpenStore(backend_.Spec(), StoreOptions{&clock_});
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    return s ? std::move(*s) : nullptr;
  }

  int64_t Add(const Article& a) {
    auto r = store_->UpsertArticle(a);
    EXPECT_TRUE(r.has_value()) << r.error().ToString();
    return r ? r->article_id : 0;
  }

  int64_t Gen() {
    auto g = store_->Generation();
    EXPECT_TRUE(g.has_value()) << g.error().ToString();
    return g.value_or(-1);
  }

  SearchResults Find(std::string text, int limit = 20, int offset = 0) {
    auto r = store_->Search(SearchQuery{std::move(text), limit, offset});
    EXPECT_TRUE(r.has_value()) << r.error().ToString();
    return r ? std::move(*r) : SearchResults{};
  }

  // The first page's article ids, in rank order.
  std::vector<int64_t> FoundIds(std::string text) {
    std::vector<int64_t> out;
    for (const SearchHit& h : Find(std::move(text)).hits) out.push_back(h.article.id);
    return out;
  }

  Backend backend_;
  FakeClock clock_{At(27, 12)};
  std::unique_ptr<Store> store_;
};

TYPED_TEST_SUITE(StoreTest, StoreBackends, BackendName);

// ---- Upsert -------------------------------------------------------------------------------

TYPED_TEST(StoreTest, UpsertAddsUpdatesAndReportsUnchanged) {
  Article a = MakeArticle("harbour");
  auto first = this->store_->UpsertArticle(a);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->kind, UpsertKind::kAdded);
  EXPECT_GT(first->article_id, 0);

  auto again = this->store_->UpsertArticle(a);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, UpsertKind::kUnchanged);
  EXPECT_EQ(again->article_id, first->article_id);

  a.captured = At(21);  // a re-capture of the same page is not a change
  auto recaptured = this->store_->UpsertArticle(a);
  ASSERT_TRUE(recaptured);
  EXPECT_EQ(recaptured->kind, UpsertKind::kUnchanged);

  a.title = "Harbour reopens after two-day storm";
  auto updated = this->store_->UpsertArticle(a);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->kind, UpsertKind::kUpdated);
  EXPECT_EQ(updated->article_id, first->article_id);

  EXPECT_EQ(this->store_->CountArticles().value_or(-1), 1);
  auto stored = this->store_->FindArticle(first->article_id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->title, "Harbour reopens after two-day storm");
}

TYPED_TEST(StoreTest, UpsertIdentifiesByCanonicalUrl) {
  Article a = MakeArticle("harbour");
  const int64_t id = this->Add(a);
  a.url = "https://news.example.com/amp/harbour";  // another address, same canonical
  a.dek = "Changed";
  auto r = this->store_->UpsertArticle(a);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->article_id, id);
  EXPECT_EQ(r->kind, UpsertKind::kUpdated);
  EXPECT_EQ(this->store_->CountArticles().value_or(-1), 1);
}

TYPED_TEST(StoreTest, UpsertKeepsFirstSeenAt) {
  const Instant t0 = this->clock_.Now();
  Article a = MakeArticle("harbour");
  const int64_t id = this->Add(a);
  this->clock_.Advance(hours(5));
  ASSERT_EQ(this->store_->UpsertArticle(a)->kind, UpsertKind::kUnchanged);
  this->clock_.Advance(hours(5));
  a.text += "\n\nUpdate: more ships arrived.";
  ASSERT_EQ(this->store_->UpsertArticle(a)->kind, UpsertKind::kUpdated);

  auto page = this->store_->LatestArticles(10, 0);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->articles.size(), 1u);
  EXPECT_EQ(page->articles[0].id, id);
  EXPECT_EQ(page->articles[0].first_seen_at, t0);
  EXPECT_EQ(page->articles[0].updated_at, t0 + hours(10));  // the unchanged upsert wrote nothing
}

TYPED_TEST(StoreTest, UpsertWithoutUrlKeysOnSourceAndTitle) {
  Article a = MakeArticle("x");
  a.url.clear();
  a.canonical_url.clear();
  const int64_t id = this->Add(a);

  Article same = a;
  same.title = "  harbour REOPENS   after storm ";  // case and spacing do not make a new one
  same.source.name = "example news";
  same.dek = "Changed dek";
  auto r = this->store_->UpsertArticle(same);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->article_id, id);
  EXPECT_EQ(r->kind, UpsertKind::kUpdated);

  Article other = a;
  other.title = "Another story";
  auto r2 = this->store_->UpsertArticle(other);
  ASSERT_TRUE(r2);
  EXPECT_NE(r2->article_id, id);
  EXPECT_EQ(this->store_->CountArticles().value_or(-1), 2);

  Article nothing;  // no URL, no title, no source: nothing to know it by
  nothing.text = "Orphan text";
  auto bad = this->store_->UpsertArticle(nothing);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(StoreTest, SourcesAreFoundByNameOrCreated) {
  this->Add(MakeArticle("a"));
  Article b = MakeArticle("b");
  b.source = Source{0, "EXAMPLE NEWS", ""};
  this->Add(b);
  Article c = MakeArticle("c");
  c.source = Source{0, "", ""};  // nameless: filed under the site's host
  c.url = "https://www.wire.example.net/c";
  c.canonical_url.clear();
  this->Add(c);

  auto sources = this->store_->Sources();
  ASSERT_TRUE(sources);
  ASSERT_EQ(sources->size(), 2u);
  EXPECT_EQ((*sources)[0].name, "Example News");
  EXPECT_EQ((*sources)[0].url, "https://news.example.com/");
  EXPECT_EQ((*sources)[1].name, "wire.example.net");
}

// ---- Reads --------------------------------------------------------------------------------

TYPED_TEST(StoreTest, FindArticleRoundTripsEveryField) {
  const Article a = MakeArticle("harbour");
  const int64_t id = this->Add(a);
  auto found = this->store_->FindArticle(id);
  ASSERT_TRUE(found) << found.error().ToString();
  ASSERT_TRUE(found->has_value());
  const Article& b = **found;
  EXPECT_EQ(b.id, id);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.canonical_url, a.canonical_url);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.dek, a.dek);
  EXPECT_EQ(b.byline, a.byline);
  EXPECT_EQ(b.published, a.published);
  EXPECT_EQ(b.captured, a.captured);
  EXPECT_EQ(b.language, a.language);
  EXPECT_GT(b.source.id, 0);
  EXPECT_EQ(b.source.name, a.source.name);
  EXPECT_EQ(b.source.url, a.source.url);
  EXPECT_EQ(b.rights, a.rights);
  EXPECT_EQ(b.text, a.text);
  EXPECT_EQ(b.blocks, a.blocks);
  EXPECT_EQ(b.images, a.images);
  ASSERT_EQ(b.related.size(), 1u);
  EXPECT_EQ(b.related[0].source, a.related[0].source);
  EXPECT_EQ(b.related[0].published, a.related[0].published);
  EXPECT_EQ(b.related[0].title, a.related[0].title);
  EXPECT_EQ(b.related[0].text, a.related[0].text);
  EXPECT_EQ(b.related[0].blocks, a.related[0].blocks);
  EXPECT_EQ(b.related[0].url, a.related[0].url);

  Article undated = MakeArticle("undated");
  undated.published.reset();
  const int64_t id2 = this->Add(undated);
  auto found2 = this->store_->FindArticle(id2);
  ASSERT_TRUE(found2 && *found2);
  EXPECT_FALSE((*found2)->published.has_value());

  auto missing = this->store_->FindArticle(id2 + 1000);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TYPED_TEST(StoreTest, FindArticleIdByUrlMatchesIdentityOrPageUrl) {
  const Article a = MakeArticle("harbour");
  const int64_t id = this->Add(a);
  EXPECT_EQ(this->store_->FindArticleIdByUrl(a.canonical_url).value(), id);
  EXPECT_EQ(this->store_->FindArticleIdByUrl(a.url).value(), id);
  EXPECT_EQ(this->store_->FindArticleIdByUrl("https://news.example.com/nope").value(),
            std::nullopt);
  EXPECT_EQ(this->store_->FindArticleIdByUrl("").value(), std::nullopt);
}

TYPED_TEST(StoreTest, LatestArticlesNewestFirstWithPaging) {
  // published 20, 22, (none: captured 23), 21, and two at 24 (tie: higher id first).
  std::vector<int64_t> ids;
  const std::optional<Instant> published[] = {At(20), At(22), std::nullopt, At(21), At(24), At(24)};
  for (int i = 0; i < 6; ++i) {
    Article a = MakeArticle("a" + std::to_string(i), "Title " + std::to_string(i));
    a.published = published[i];
    a.captured = At(23);
    ids.push_back(this->Add(a));
  }
  auto page = this->store_->LatestArticles(10, 0);
  ASSERT_TRUE(page) << page.error().ToString();
  EXPECT_EQ(page->total, 6);
  std::vector<int64_t> order;
  for (const auto& s : page->articles) order.push_back(s.id);
  EXPECT_EQ(order, (std::vector<int64_t>{ids[5], ids[4], ids[2], ids[1], ids[3], ids[0]}));
  EXPECT_EQ(page->articles[0].title, "Title 5");
  EXPECT_EQ(page->articles[0].source.name, "Example News");
  EXPECT_EQ(page->articles[0].url, "https://news.example.com/a5?utm=feed");
  EXPECT_EQ(page->articles[0].dek, "Dockworkers return");
  EXPECT_EQ(page->articles[0].language, "en");
  EXPECT_FALSE(page->articles[2].published.has_value());

  auto second = this->store_->LatestArticles(2, 2);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->total, 6);
  ASSERT_EQ(second->articles.size(), 2u);
  EXPECT_EQ(second->articles[0].id, ids[2]);
  EXPECT_EQ(second->articles[1].id, ids[1]);

  auto past_end = this->store_->LatestArticles(5, 100);
  ASSERT_TRUE(past_end);
  EXPECT_EQ(past_end->total, 6);
  EXPECT_TRUE(past_end->articles.empty());

  EXPECT_EQ(this->store_->LatestArticles(0, 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_->LatestArticles(5, -1).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(this->store_->LatestArticles(1'000'000, 0));  // cut to kMaxPageSize
}

// ---- Search -------------------------------------------------------------------------------

TYPED_TEST(StoreTest, SearchRanksTitleMatchAboveBodyMatch) {
  const int64_t body = this->Add(MakeArticle(
      "body", "Council approves budget",
      "The council met on Monday. Later a volcano was mentioned in passing by one member."));
  const int64_t title = this->Add(
      MakeArticle("title", "Volcano erupts near village", "Residents left their homes at night."));
  this->Add(MakeArticle("none", "Football results", "The home side won."));

  SearchResults r = this->Find("volcano");
  EXPECT_EQ(r.total, 2);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].article.id, title);
  EXPECT_EQ(r.hits[1].article.id, body);
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  EXPECT_EQ(r.hits[0].article.title, "Volcano erupts near village");
}

TYPED_TEST(StoreTest, SearchSnippetMarksMatchedWords) {
  std::string text = "Before the news. ";
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "The eruption sent ash over the valley. ";
  for (int i = 0; i < 40; ++i) text += "tail" + std::to_string(i) + " ";
  this->Add(MakeArticle("ash", "Mountain news", text));

  SearchResults r = this->Find("eruption ash");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& s = r.hits[0].snippet;
  EXPECT_NE(s.find(std::string{kMarkOpen} + "eruption" + kMarkClose), std::string::npos) << s;
  EXPECT_NE(s.find(std::string{kMarkOpen} + "ash" + kMarkClose), std::string::npos) << s;
  EXPECT_NE(s.find("…"), std::string::npos) << s;  // cut from a longer text
  EXPECT_EQ(s.find("Before"), std::string::npos) << s;
}

TYPED_TEST(StoreTest, SearchSupportsPrefixPhraseStemsAndDiacritics) {
  const int64_t id = this->Add(MakeArticle(
      "cafe", "Café owners protest", "Ash cloud grounded flights while elections were held."));
  auto ids = [this](const std::string& q) { return this->FoundIds(q); };
  const std::vector<int64_t> just{id};
  EXPECT_EQ(ids("prot*"), just);
  EXPECT_EQ(ids("\"ash cloud\""), just);
  EXPECT_EQ(ids("cloud ash"), just);          // implicit AND, any order
  EXPECT_TRUE(ids("\"cloud ash\"").empty());  // a phrase keeps its order
  EXPECT_EQ(ids("cafe"), just);               // remove_diacritics
  EXPECT_EQ(ids("election"), just);           // stemming
  EXPECT_EQ(ids("CAFÉ Protests"), just);
  EXPECT_TRUE(ids("cafe football").empty());  // every word must match
  EXPECT_EQ(ids("cafe AND owners"), just);    // AND is dropped, not an error
}

// Both backends stem with Snowball's English stemmer (PostgreSQL's tsvector, SQLite's
// "wiredesk" tokenizer), so a query matches the same articles on each. FTS5's own Porter
// stemmer, used before SQLite's schema version 11, failed the lines below ("dying" dy, "died"
// di; "similarly" similarli, "similar" similar).
TYPED_TEST(StoreTest, SearchStemsAlikeOnBothBackends) {
  const int64_t died = this->Add(MakeArticle("died", "Senator died", "He died on Tuesday."));
  const int64_t similar =
      this->Add(MakeArticle("similar", "A similar case", "Courts ruled in a similar way."));
  auto ids = [this](const std::string& q) { return this->FoundIds(q); };
  EXPECT_EQ(ids("dying"), std::vector<int64_t>{died});
  EXPECT_EQ(ids("similarly"), std::vector<int64_t>{similar});
  EXPECT_EQ(ids("\"similarly ruled\"").size(), 0u);
  EXPECT_EQ(ids("\"ruled in a similarly way\""), std::vector<int64_t>{similar});
}

// PostgreSQL's parser takes its character classes from the database's LC_CTYPE; under C it
// read "aide—said" and "“hello”" as one word each (a search for "aide" missed the article).
TYPED_TEST(StoreTest, SearchSplitsWordsAtUnicodePunctuation) {
  const int64_t id = this->Add(MakeArticle("u", "Minister’s aide—resigned",
                                           "“Never again,” she said… «Fin»\u00a0today."));
  const std::vector<int64_t> just{id};
  for (const char* q : {"minister", "aide", "resigned", "never", "again", "fin", "today",
                        "\"aide resigned\""}) {
    EXPECT_EQ(this->FoundIds(q), just) << q;
  }
}

// Both backends rank by FTS5's bm25 (k1 1.2, b 0.75, the title weighing 10 and the text 1;
// PostgreSQL computes it itself since its migration 15): the order and the scores are those of
// a bm25 worked out here from the articles' own words.
TYPED_TEST(StoreTest, SearchRanksByBm25OnBothBackends) {
  struct Doc {
    int64_t id;
    std::vector<std::string> title;
    std::vector<std::string> text;
  };
  auto words = [](const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) {
      std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
      out.push_back(w);
    }
    return out;
  };
  std::vector<Doc> docs;
  for (int i = 0; i < 40; ++i) {
    const std::string title =
        (i % 5 == 0 ? "High tide at harbour " : "Coast notes ") + std::to_string(i);
    std::string text;
    for (int k = 0; k < 5 + (i * 7) % 23; ++k) text += "w" + std::to_string(k % 10) + " ";
    for (int k = 0; k < i % 4; ++k) text += "tide ";
    if (i % 3 == 0) text += "high tide ";
    if (i % 6 == 1) text += "harbour ";
    const int64_t id = this->Add(MakeArticle("bm" + std::to_string(i), title, text));
    docs.push_back(Doc{id, words(title), words(text)});
  }
  // How often a phrase (its words in a row) occurs in one field.
  auto count = [](const std::vector<std::string>& field, const std::vector<std::string>& phrase) {
    int n = 0;
    for (size_t i = 0; i + phrase.size() <= field.size(); ++i) {
      n += std::equal(phrase.begin(), phrase.end(), field.begin() + static_cast<ptrdiff_t>(i));
    }
    return n;
  };
  double tokens = 0;
  for (const Doc& d : docs) tokens += static_cast<double>(d.title.size() + d.text.size());
  const double rows = static_cast<double>(docs.size());
  const double avgdl = tokens / rows;
  const std::vector<std::pair<std::string, std::vector<std::vector<std::string>>>> queries = {
      {"tide", {{"tide"}}},
      {"harbour", {{"harbour"}}},
      {"tide harbour", {{"tide"}, {"harbour"}}},
      {"\"high tide\"", {{"high", "tide"}}},
      {"\"high tide\" harbour", {{"high", "tide"}, {"harbour"}}},
  };
  for (const auto& [query, terms] : queries) {
    std::vector<double> idf;
    for (const auto& term : terms) {
      double n = 0;
      for (const Doc& d : docs) n += count(d.title, term) + count(d.text, term) > 0;
      idf.push_back(std::max(1e-6, std::log((rows - n + 0.5) / (n + 0.5))));
    }
    std::vector<std::pair<double, int64_t>> expected;
    for (const Doc& d : docs) {
      double score = 0;
      bool all = true;
      for (size_t t = 0; t < terms.size(); ++t) {
        const double f = kSearchTitleWeight * count(d.title, terms[t]) +
                         kSearchTextWeight * count(d.text, terms[t]);
        all = all && f > 0;
        const double dl = static_cast<double>(d.title.size() + d.text.size());
        score += idf[t] * ((f * (1.2 + 1.0)) / (f + 1.2 * (1 - 0.75 + 0.75 * dl / avgdl)));
      }
      if (all) expected.emplace_back(score, d.id);
    }
    std::sort(expected.begin(), expected.end(), std::greater<>());
    SearchResults r = this->Find(query, 40, 0);
    ASSERT_EQ(r.hits.size(), expected.size()) << query;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(r.hits[i].article.id, expected[i].second) << query << " #" << i;
      EXPECT_NEAR(r.hits[i].score, expected[i].first, 1e-9 * expected[i].first) << query;
    }
  }
}

TYPED_TEST(StoreTest, SearchPagesWithTotal) {
  for (int i = 0; i < 5; ++i) {
    this->Add(MakeArticle("s" + std::to_string(i), "Storm update " + std::to_string(i)));
  }
  SearchResults r = this->Find("storm", 2, 2);
  EXPECT_EQ(r.total, 5);
  EXPECT_EQ(r.hits.size(), 2u);
  SearchResults none = this->Find("storm", 2, 10);
  EXPECT_EQ(none.total, 5);
  EXPECT_TRUE(none.hits.empty());
  EXPECT_EQ(this->store_->Search(SearchQuery{"storm", 0, 0}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_->Search(SearchQuery{"storm", 5, -3}).error().code,
            ErrorCode::kInvalidArgument);
}

// kSearchRankCandidates: with many matches both backends rank the same candidates, the newest
// stored matches and the newest title matches, so they give the same answers.
TYPED_TEST(StoreTest, SearchRanksTheNewestMatchesAndTheNewestTitleMatches) {
  const int64_t old_title = this->Add(MakeArticle("t", "Lighthouse keeper retires", "Quiet."));
  const int64_t old_body = this->Add(
      MakeArticle("b", "Night shift", "Lighthouse. Lighthouse. The lighthouse lighthouse."));
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "word" + std::to_string(i) + " ";
  const int newer = kSearchRankCandidates + 16;
  for (int i = 0; i < newer; ++i) {
    this->Add(MakeArticle("n" + std::to_string(i), "Coast report " + std::to_string(i),
                          filler + "the lighthouse " + filler));
  }
  SearchResults r = this->Find("lighthouse", 20, 0);
  EXPECT_EQ(r.total, newer + 2);
  EXPECT_FALSE(r.total_estimated);
  ASSERT_EQ(r.hits.size(), 20u);
  EXPECT_EQ(r.hits[0].article.id, old_title);  // old, but among the newest title matches
  // The best body match is older than the newest candidates: not ranked, on either backend.
  for (int offset = 0; offset < newer + 2; offset += 20) {
    for (const SearchHit& h : this->Find("lighthouse", 20, offset).hits) {
      EXPECT_NE(h.article.id, old_body) << "offset " << offset;
    }
  }
}

// A phrase made of common words but rare itself is found, every match of it, however many
// newer articles hold its words apart. (PostgreSQL once checked positions only in the newest
// 256 of those: it found the newest match here, estimated the total and missed the old one.)
TYPED_TEST(StoreTest, SearchFindsEveryMatchOfAPhraseWhoseWordsAreCommon) {
  const int64_t old = this->Add(MakeArticle("old", "Night market", "An amber lantern hung there."));
  for (int i = 0; i < 300; ++i) {
    this->Add(MakeArticle("apart" + std::to_string(i), "Festival " + std::to_string(i),
                          "The lantern glowed; amber light fell on the square."));
  }
  const int64_t recent =
      this->Add(MakeArticle("recent", "Harbour fair", "Each stall kept an amber lantern lit."));
  SearchResults r = this->Find("\"amber lantern\"");
  EXPECT_EQ(r.total, 2);
  EXPECT_FALSE(r.total_estimated);
  std::vector<int64_t> ids;
  for (const SearchHit& h : r.hits) ids.push_back(h.article.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<int64_t>{old, recent}));
  EXPECT_EQ(this->Find("amber lantern").total, 302);
  EXPECT_EQ(this->Find("\"lantern amber\"").total, 0);
}

// Short words inside a phrase count (neither backend drops stop words), titles hold phrases
// too, a longer phrase is not its pairs taken apart, a quoted single word is that word, and a
// phrase may end in a prefix.
TYPED_TEST(StoreTest, SearchPhrasesWithShortWordsTitlesAndPrefixes) {
  const int64_t address = this->Add(MakeArticle(
      "sotu", "Speech tonight", "The president gives the state of the union address tonight."));
  const int64_t apart = this->Add(MakeArticle(
      "apart", "Union talks",
      "The union met the state governor; the talks were the state of the art of talking."));
  const int64_t title = this->Add(MakeArticle("title", "Harbour master resigns", "He left."));
  const int64_t body = this->Add(
      MakeArticle("body", "Port news", "The harbour master of the old port stays on."));
  auto ids = [this](const std::string& q) { return this->FoundIds(q); };
  EXPECT_EQ(ids("\"state of the union\""), std::vector<int64_t>{address});
  EXPECT_EQ(ids("\"the state of the union address\""), std::vector<int64_t>{address});
  EXPECT_EQ(this->Find("\"state of the union\"").total, 1);
  EXPECT_EQ(this->Find("state of the union").total, 2);  // the words anywhere
  EXPECT_EQ(ids("\"the state of the art\""), std::vector<int64_t>{apart});
  EXPECT_TRUE(ids("\"union of the state\"").empty());
  // The title match ranks first, as a title word does.
  EXPECT_EQ(ids("\"harbour master\""), (std::vector<int64_t>{title, body}));
  EXPECT_EQ(ids("\"master resigns\""), std::vector<int64_t>{title});
  EXPECT_EQ(ids("\"harbour\""), ids("harbour"));
  EXPECT_EQ(this->Find("\"harbour\"").total, 2);
  EXPECT_EQ(ids("\"harbour mast\"*"), (std::vector<int64_t>{title, body}));
  EXPECT_EQ(ids("\"state of the un\"*"), std::vector<int64_t>{address});
  EXPECT_EQ(ids("\"harbour master\" port"), std::vector<int64_t>{body});
  EXPECT_EQ(ids("\"harbour master\" \"old port\""), std::vector<int64_t>{body});
  EXPECT_TRUE(ids("\"harbour master\" \"port old\"").empty());
  // The title's last word and the text's first are not a phrase.
  EXPECT_TRUE(ids("\"resigns he\"").empty());
  EXPECT_TRUE(ids("\"master resigns he left\"").empty());
  EXPECT_EQ(ids("\"he left\""), std::vector<int64_t>{title});
}

// Past kSearchExactTotal matches the total is an estimate, and says so.
TYPED_TEST(StoreTest, SearchEstimatesALargeTotal) {
  const int n = static_cast<int>(kSearchExactTotal) + 200;
  for (int i = 0; i < n; ++i) {
    Article a = MakeArticle("e" + std::to_string(i), "Tide table " + std::to_string(i), "Tide.");
    a.blocks = {{BlockKind::kParagraph, "Tide.", ""}};
    a.images.clear();
    a.related.clear();
    this->Add(a);
  }
  SearchResults r = this->Find("tide", 10, 0);
  EXPECT_TRUE(r.total_estimated);
  EXPECT_GT(r.total, kSearchExactTotal);
  EXPECT_LE(r.total, n);
  EXPECT_EQ(r.hits.size(), 10u);
}

// A phrase of three words or more is looked up by its pairs of adjacent words and then
// checked: articles holding every pair but not in one run are not counted, however many.
TYPED_TEST(StoreTest, SearchCountsALongPhraseExactlyAmongArticlesHoldingItsPairsApart) {
  std::vector<int64_t> matches;
  for (int i = 0; i < 250; ++i) {
    this->Add(MakeArticle("apart" + std::to_string(i), "Politics " + std::to_string(i),
                          "The state of play changed; the union hall was of the union."));
    if (i % 100 == 0) {
      matches.push_back(this->Add(MakeArticle("sotu" + std::to_string(i), "Address " +
                                              std::to_string(i),
                                              "The president gave the state of the union.")));
    }
  }
  SearchResults r = this->Find("\"state of the union\"", 2, 0);
  EXPECT_EQ(r.total, 3);
  EXPECT_FALSE(r.total_estimated);
  ASSERT_EQ(r.hits.size(), 2u);
  SearchResults rest = this->Find("\"state of the union\"", 2, 2);
  EXPECT_EQ(rest.total, 3);
  ASSERT_EQ(rest.hits.size(), 1u);
  std::vector<int64_t> ids{r.hits[0].article.id, r.hits[1].article.id, rest.hits[0].article.id};
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, matches);
  EXPECT_EQ(this->Find("\"state of the union\" president").total, 3);
  EXPECT_EQ(this->Find("\"state of the union\" hall").total, 0);
  EXPECT_EQ(this->Find("state of the union").total, 253);
}

// Past kSearchExactTotal matches a phrase's total is an estimate too, and its page is the best
// of its newest matches.
TYPED_TEST(StoreTest, SearchEstimatesACommonPhrase) {
  const int n = static_cast<int>(kSearchExactTotal) + 150;
  for (int i = 0; i < n; ++i) {
    Article a = MakeArticle("p" + std::to_string(i), "Harbour " + std::to_string(i),
                            i % 2 == 0 ? "High tide table." : "Tide table.");
    a.blocks = {{BlockKind::kParagraph, a.text, ""}};
    a.images.clear();
    a.related.clear();
    this->Add(a);
  }
  for (const char* q : {"\"tide table\"", "\"high tide table\"", "tide table"}) {
    SearchResults r = this->Find(q, 10, 0);
    const int holding = std::string_view(q).find("high") != std::string_view::npos ? n / 2 : n;
    EXPECT_EQ(r.hits.size(), 10u) << q;
    if (holding > kSearchExactTotal) {
      EXPECT_TRUE(r.total_estimated) << q;
      EXPECT_GT(r.total, kSearchExactTotal) << q;
      EXPECT_LE(r.total, n) << q;
    } else {
      EXPECT_FALSE(r.total_estimated) << q;
      EXPECT_EQ(r.total, holding) << q;
    }
    for (size_t i = 1; i < r.hits.size(); ++i) {
      EXPECT_GE(r.hits[i - 1].score, r.hits[i].score) << q;
    }
  }
}

TYPED_TEST(StoreTest, SearchSurvivesHostileQueries) {
  this->Add(MakeArticle("v", "Volcano erupts", "Lava and ash. AND OR NOT NEAR words too."));
  const std::string hostile[] = {
      "\"AND OR (",
      "*",
      "\"\"",
      "",
      "   ",
      "AND",
      "OR OR OR",
      "NEAR(volcano lava, 2)",
      "title:volcano",
      "{title text}: volcano",
      "^volcano",
      "volcano OR",
      "-volcano",
      "volcano NOT lava",
      "a\"b\"c",
      "\"unclosed phrase",
      "***",
      "volc**",
      "'; DROP TABLE articles; --",
      "\x01\x02",
      std::string("volcano\0lava", 12),
      "\xff\xfe\xc3",
      "\xc3\x28 volcano",
      "\xed\xa0\x80",  // a UTF-16 surrogate encoded in UTF-8
      "))))((((",
      "+volcano +",
      "volcano \"\" lava",
      "\"a\"\"b\"",
      std::string(900, '"'),
      std::string(900, '*'),
      std::string(900, '('),
  };
  for (const std::string& q : hostile) {
    auto r = this->store_->Search(SearchQuery{q, 20, 0});
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << q << ": " << r.error().ToString();
    } else {
      EXPECT_EQ(static_cast<size_t>(r->total) >= r->hits.size(), true) << q;
    }
  }
  // Operators are dropped, the words around them still count.
  EXPECT_EQ(this->Find("volcano OR").total, 1);
  EXPECT_EQ(this->Find("NEAR(volcano lava)").total, 1);
  EXPECT_EQ(this->Find("\"AND OR (").total, 0);
  EXPECT_EQ(this->Find("*").total, 0);

  std::string very_long;
  for (int i = 0; i < 20000; ++i) very_long += "volcano ";
  auto too_long = this->store_->Search(SearchQuery{very_long, 20, 0});
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);

  EXPECT_EQ(this->store_->CountArticles().value_or(-1), 1);  // and nothing was dropped
}

// ---- Tags, users, comments ----------------------------------------------------------------

TYPED_TEST(StoreTest, SetTagsReplacesAndKeepsOrder) {
  const int64_t a = this->Add(MakeArticle("a"));
  const int64_t b = this->Add(MakeArticle("b"));
  ASSERT_TRUE(this->store_->SetTags(a, {{0, "Lisbon", TagKind::kPlace},
                                        {0, "Ana Lima", TagKind::kPerson},
                                        {0, "lisbon", TagKind::kPlace}}));  // a repeat
  auto tags = this->store_->TagsOf(a);
  ASSERT_TRUE(tags) << tags.error().ToString();
  ASSERT_EQ(tags->size(), 2u);
  EXPECT_EQ((*tags)[0].name, "Lisbon");
  EXPECT_EQ((*tags)[0].kind, TagKind::kPlace);
  EXPECT_EQ((*tags)[1].name, "Ana Lima");
  EXPECT_EQ((*tags)[1].kind, TagKind::kPerson);

  ASSERT_TRUE(this->store_->SetTags(b, {{0, "Lisbon", TagKind::kPlace}}));
  EXPECT_EQ(this->store_->TagsOf(b)->at(0).id, (*tags)[0].id);  // one tag, two articles

  ASSERT_TRUE(this->store_->SetTags(a, {{0, "Shipping", TagKind::kTopic}}));
  tags = this->store_->TagsOf(a);
  ASSERT_EQ(tags->size(), 1u);
  EXPECT_EQ((*tags)[0].name, "Shipping");
  EXPECT_EQ((*tags)[0].kind, TagKind::kTopic);

  ASSERT_TRUE(this->store_->SetTags(a, {}));
  EXPECT_TRUE(this->store_->TagsOf(a)->empty());

  EXPECT_EQ(this->store_->SetTags(a, {{0, "  ", TagKind::kTopic}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_->SetTags(b + 100, {{0, "x", TagKind::kTopic}}).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(this->store_->TagsOf(b + 100)->empty());
}

TYPED_TEST(StoreTest, ArticlesTaggedListsEveryArticleWithTheTagNewestFirst) {
  Article older = MakeArticle("older");
  older.published = At(8);
  Article newer = MakeArticle("newer");
  newer.published = At(10);
  const int64_t a = this->Add(older);
  const int64_t b = this->Add(newer);
  const int64_t c = this->Add(MakeArticle("other"));
  ASSERT_TRUE(this->store_->SetTags(a, {{0, "Lisbon", TagKind::kPlace}}));
  ASSERT_TRUE(this->store_->SetTags(b, {{0, "Lisbon", TagKind::kTopic}, {0, "Port", TagKind::kTopic}}));
  ASSERT_TRUE(this->store_->SetTags(c, {{0, "Port", TagKind::kTopic}}));
  auto page = this->store_->ArticlesTagged("lisbon", 10, 0);
  ASSERT_TRUE(page) << page.error().ToString();
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->articles.size(), 2u);
  EXPECT_EQ(page->articles[0].id, b);
  EXPECT_EQ(page->articles[1].id, a);
  auto second = this->store_->ArticlesTagged("Lisbon", 1, 1);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->articles.size(), 1u);
  EXPECT_EQ(second->articles[0].id, a);
  EXPECT_EQ(this->store_->ArticlesTagged("nowhere", 10, 0)->total, 0);
  EXPECT_EQ(this->store_->ArticlesTagged("x", 0, 0).error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(StoreTest, InsightsAreStoredReplacedAndGoWithTheArticle) {
  const int64_t id = this->Add(MakeArticle("a"));
  auto none = this->store_->InsightsOf(id);
  ASSERT_TRUE(none) << none.error().ToString();
  EXPECT_FALSE(none->has_value());

  ArticleInsights in;
  in.key_points = {"Ships left at dawn.", "The storm closed the harbour."};
  in.entities = {{"Ana Lima", "ana lima", TagKind::kPerson, 2}};
  in.quotes = {{"We will reopen on Monday", "Lima", "Ana Lima", true, 1, 10, 34}};
  in.timeline = {{id, "2025-06-27", At(27), "on Friday", "The port reopened on Friday."}};
  in.computed_at = At(12);
  const int64_t before = this->store_->Generation().value_or(0);
  ASSERT_TRUE(this->store_->SetInsights(id, in));
  EXPECT_NE(this->store_->Generation().value_or(0), before);
  auto got = this->store_->InsightsOf(id);
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ(**got, in);

  in.key_points = {"Only one point now."};
  ASSERT_TRUE(this->store_->SetInsights(id, in));
  EXPECT_EQ((*this->store_->InsightsOf(id))->key_points, in.key_points);
  // Another connection sees them.
  EXPECT_EQ((*this->Open()->InsightsOf(id))->key_points, in.key_points);

  EXPECT_EQ(this->store_->SetInsights(id + 100, in).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(this->store_->DeleteArticle(id));
  EXPECT_FALSE(this->store_->InsightsOf(id)->has_value());
}

TYPED_TEST(StoreTest, UsersHaveUniqueNamesAndKnownRoles) {
  auto ana = this->store_->AddUser(User{0, "ana", "moderator", {}});
  ASSERT_TRUE(ana) << ana.error().ToString();
  EXPECT_GT(*ana, 0);
  auto dup = this->store_->AddUser(User{0, "Ana", "reader", {}});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->store_->AddUser(User{0, "bob", "emperor", {}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_->AddUser(User{0, " ", "reader", {}}).error().code,
            ErrorCode::kInvalidArgument);
  auto bob = this->store_->AddUser(User{0, "bob", "", {}});  // reader by default
  ASSERT_TRUE(bob);
  EXPECT_NE(*bob, *ana);
}

TYPED_TEST(StoreTest, CommentsThreadWithHiddenFlagAndCount) {
  const int64_t article = this->Add(MakeArticle("a"));
  const int64_t other = this->Add(MakeArticle("b"));
  const int64_t ana = this->store_->AddUser(User{0, "ana", "reader", {}}).value();

  Comment top;
  top.article_id = article;
  top.user_id = ana;  // author name comes from the user
  top.body = "First!";
  top.created = At(27, 9);
  auto top_id = this->store_->AddComment(top);
  ASSERT_TRUE(top_id) << top_id.error().ToString();

  Comment reply;
  reply.article_id = article;
  reply.parent_id = *top_id;
  reply.author_name = "Guest";
  reply.body = "Second.";
  reply.created = At(27, 10);
  auto reply_id = this->store_->AddComment(reply);
  ASSERT_TRUE(reply_id) << reply_id.error().ToString();

  Comment spam = reply;
  spam.parent_id.reset();
  spam.body = "Buy now";
  spam.hidden = true;
  spam.created = Instant{};  // stamped by the clock
  ASSERT_TRUE(this->store_->AddComment(spam));

  auto comments = this->store_->CommentsOf(article);
  ASSERT_TRUE(comments) << comments.error().ToString();
  ASSERT_EQ(comments->size(), 3u);
  const Comment& c0 = (*comments)[0];
  EXPECT_EQ(c0.id, *top_id);
  EXPECT_EQ(c0.article_id, article);
  EXPECT_EQ(c0.user_id, ana);
  EXPECT_EQ(c0.author_name, "ana");
  EXPECT_EQ(c0.body, "First!");
  EXPECT_EQ(c0.created, At(27, 9));
  EXPECT_FALSE(c0.parent_id.has_value());
  EXPECT_FALSE(c0.hidden);
  const Comment& c1 = (*comments)[1];
  EXPECT_EQ(c1.parent_id, *top_id);
  EXPECT_EQ(c1.user_id, 0);
  EXPECT_EQ(c1.author_name, "Guest");
  const Comment& c2 = (*comments)[2];
  EXPECT_TRUE(c2.hidden);
  EXPECT_EQ(c2.created, this->clock_.Now());

  auto page = this->store_->LatestArticles(10, 0);
  ASSERT_TRUE(page);
  for (const ArticleSummary& s : page->articles) {
    EXPECT_EQ(s.comment_count, s.id == article ? 2 : 0) << s.id;  // hidden ones not counted
  }
  SearchResults found = this->Find("harbour");
  ASSERT_EQ(found.hits.size(), 2u);
  for (const SearchHit& h : found.hits) {
    EXPECT_EQ(h.article.comment_count, h.article.id == article ? 2 : 0);
  }

  Comment bad = reply;
  bad.article_id = other;  // replying across articles
  EXPECT_EQ(this->store_->AddComment(bad).error().code, ErrorCode::kInvalidArgument);
  bad.parent_id = *reply_id + 100;
  EXPECT_EQ(this->store_->AddComment(bad).error().code, ErrorCode::kNotFound);
  bad = reply;
  bad.article_id = other + 100;
  EXPECT_EQ(this->store_->AddComment(bad).error().code, ErrorCode::kNotFound);
  bad = top;
  bad.user_id = ana + 100;
  EXPECT_EQ(this->store_->AddComment(bad).error().code, ErrorCode::kNotFound);
  bad = reply;
  bad.body = " \n";
  EXPECT_EQ(this->store_->AddComment(bad).error().code, ErrorCode::kInvalidArgument);
  bad = reply;
  bad.parent_id.reset();
  bad.author_name.clear();
  EXPECT_EQ(this->store_->AddComment(bad).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_->CommentsOf(article)->size(), 3u);
  EXPECT_TRUE(this->store_->CommentsOf(other)->empty());
}

TYPED_TEST(StoreTest, DeleteArticleTakesItsTagsCommentsAndIndexEntry) {
  const int64_t keep = this->Add(MakeArticle("keep", "Harbour stays open"));
  const int64_t gone = this->Add(MakeArticle("gone", "Harbour closes"));
  ASSERT_TRUE(this->store_->SetTags(gone, {{0, "Harbour", TagKind::kTopic}}));
  Comment c;
  c.article_id = gone;
  c.author_name = "Guest";
  c.body = "Sad.";
  const int64_t parent = this->store_->AddComment(c).value();
  c.parent_id = parent;
  ASSERT_TRUE(this->store_->AddComment(c));

  ASSERT_TRUE(this->store_->DeleteArticle(gone));
  EXPECT_FALSE(this->store_->FindArticle(gone)->has_value());
  EXPECT_TRUE(this->store_->TagsOf(gone)->empty());
  EXPECT_TRUE(this->store_->CommentsOf(gone)->empty());
  EXPECT_EQ(this->store_->CountArticles().value_or(-1), 1);
  SearchResults r = this->Find("harbour");
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.hits[0].article.id, keep);
  EXPECT_EQ(this->Find("closes").total, 0);
  EXPECT_EQ(this->store_->FindArticleIdByUrl("https://news.example.com/gone").value(),
            std::nullopt);

  EXPECT_EQ(this->store_->DeleteArticle(gone).error().code, ErrorCode::kNotFound);
  // The same page ingested again is a new article.
  auto again = this->store_->UpsertArticle(MakeArticle("gone", "Harbour closes"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, UpsertKind::kAdded);
}

// ---- Generation, persistence, concurrency --------------------------------------------------

TYPED_TEST(StoreTest, GenerationMovesWithEveryWriteAndOnlyThen) {
  int64_t g = this->Gen();
  auto expect_bumped = [&](const char* what) {
    const int64_t now = this->Gen();
    EXPECT_GT(now, g) << what;
    g = now;
  };
  auto expect_same = [&](const char* what) { EXPECT_EQ(this->Gen(), g) << what; };

  expect_same("a read");
  Article a = MakeArticle("a");
  const int64_t id = this->Add(a);
  expect_bumped("add");
  this->Add(a);
  expect_same("unchanged upsert");
  a.title = "New title";
  this->Add(a);
  expect_bumped("update");
  ASSERT_TRUE(this->store_->SetTags(id, {{0, "x", TagKind::kTopic}}));
  expect_bumped("tags");
  const int64_t user = this->store_->AddUser(User{0, "ana", "reader", {}}).value();
  expect_bumped("user");
  ASSERT_FALSE(this->store_->AddUser(User{0, "ana", "reader", {}}));
  expect_same("failed write");
  ASSERT_TRUE(this->store_->AddComment(Comment{0, id, std::nullopt, user, "", "Hi", {}, false}));
  expect_bumped("comment");
  ASSERT_TRUE(this->store_->DeleteArticle(id));
  expect_bumped("delete");
}

TYPED_TEST(StoreTest, AnotherConnectionSeesWritesAndGeneration) {
  std::unique_ptr<Store> other = this->Open();
  ASSERT_NE(other, nullptr);
  const int64_t before = this->Gen();
  auto r = other->UpsertArticle(MakeArticle("elsewhere"));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_GT(this->Gen(), before);
  EXPECT_TRUE(this->store_->FindArticle(r->article_id)->has_value());
  EXPECT_EQ(this->Find("harbour").total, 1);
  // And back the other way.
  const int64_t other_before = other->Generation().value();
  this->Add(MakeArticle("here"));
  EXPECT_GT(other->Generation().value(), other_before);
  EXPECT_EQ(other->CountArticles().value_or(-1), 2);
}

// ---- Feeds -------------------------------------------------------------------------------

TYPED_TEST(StoreTest, FeedsAreAddedListedAndRemoved) {
  Store& s = *this->store_;
  const int64_t g0 = this->Gen();
  auto id = s.AddFeed({"https://b.example/feed", "", "News/World", ""});
  ASSERT_TRUE(id.has_value()) << id.error().ToString();
  EXPECT_GT(this->Gen(), g0);
  ASSERT_TRUE(s.AddFeed({" https://a.example/rss ", "  A   feed ", "", "https://a.example/"}));
  auto dup = s.AddFeed({"https://b.example/feed", "", "", ""});
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  for (const char* bad : {"ftp://x.example/", "feed.xml", "javascript:alert(1)", ""}) {
    auto r = s.AddFeed({bad, "", "", ""});
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  auto list = s.ListFeeds();
  ASSERT_TRUE(list.has_value()) << list.error().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].url, "https://a.example/rss");  // top level ("") before "News/World"
  EXPECT_EQ((*list)[0].title, "A feed");
  EXPECT_EQ((*list)[0].site_url, "https://a.example/");
  EXPECT_EQ((*list)[0].State(), FeedState::kNew);
  EXPECT_EQ((*list)[0].created_at, this->clock_.Now());
  EXPECT_EQ((*list)[1].folder, "News/World");
  EXPECT_EQ((*list)[1].entry_count, 0);

  auto found = s.FindFeed("https://b.example/feed");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->id, *id);
  ASSERT_TRUE(s.RemoveFeed("https://b.example/feed"));
  auto gone = s.RemoveFeed("https://b.example/feed");
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  auto none = s.FindFeed("https://b.example/feed");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
}

TYPED_TEST(StoreTest, FeedFetchStateIsRecordedAndDueFeedsFollowIt) {
  Store& s = *this->store_;
  const int64_t a = *s.AddFeed({"https://a.example/rss", "", "", ""});
  const int64_t b = *s.AddFeed({"https://b.example/rss", "Operator's name", "", ""});
  const Instant now = this->clock_.Now();
  auto due = s.DueFeeds(now, 10);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->size(), 2u);  // new feeds are due at once

  FeedFetchUpdate ok;
  ok.fetched_at = now;
  ok.success = true;
  ok.next_fetch_at = now + hours(1);
  ok.interval_seconds = 3600;
  ok.update_validators = true;
  ok.etag = "\"v1\"";
  ok.last_modified = "Fri, 27 Jun 2025 12:00:00 GMT";
  ok.title = "Feed A";
  ok.site_url = "https://a.example/";
  ASSERT_TRUE(s.RecordFeedFetch(a, ok));
  FeedFetchUpdate bad;
  bad.fetched_at = now;
  bad.error = "timed out";
  bad.failures = 3;
  bad.next_fetch_at = now + hours(2);
  bad.title = "Feed B";
  ASSERT_TRUE(s.RecordFeedFetch(b, bad));

  auto fa = *s.FindFeed("https://a.example/rss");
  ASSERT_TRUE(fa.has_value());
  EXPECT_EQ(fa->State(), FeedState::kOk);
  EXPECT_EQ(fa->title, "Feed A");
  EXPECT_EQ(fa->etag, "\"v1\"");
  EXPECT_EQ(fa->last_modified, "Fri, 27 Jun 2025 12:00:00 GMT");
  EXPECT_EQ(fa->last_success_at, now);
  EXPECT_EQ(fa->next_fetch_at, now + hours(1));
  EXPECT_EQ(fa->interval_seconds, 3600);
  auto fb = *s.FindFeed("https://b.example/rss");
  ASSERT_TRUE(fb.has_value());
  EXPECT_EQ(fb->State(), FeedState::kFailing);
  EXPECT_EQ(fb->last_error, "timed out");
  EXPECT_EQ(fb->failures, 3);
  EXPECT_EQ(fb->title, "Operator's name");  // an operator's title is not overwritten
  EXPECT_FALSE(fb->last_success_at.has_value());

  EXPECT_TRUE(s.DueFeeds(now, 10)->empty());
  auto later = s.DueFeeds(now + hours(1), 10);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].id, a);
  auto both = s.DueFeeds(now + hours(3), 1);
  ASSERT_EQ(both->size(), 1u);
  EXPECT_EQ((*both)[0].id, a);  // most overdue first
  EXPECT_FALSE(s.DueFeeds(now, 0).has_value());

  // A permanent redirect moves the subscription; success clears the error.
  FeedFetchUpdate moved = ok;
  moved.new_url = "https://b.example/new-rss";
  moved.update_validators = false;
  ASSERT_TRUE(s.RecordFeedFetch(b, moved));
  auto fm = *s.FindFeed("https://b.example/new-rss");
  ASSERT_TRUE(fm.has_value());
  EXPECT_EQ(fm->State(), FeedState::kOk);
  EXPECT_EQ(fm->last_error, "");
  EXPECT_EQ(fm->failures, 0);
  EXPECT_EQ(fm->etag, "");  // validators untouched when not updated
  FeedFetchUpdate clash = ok;
  clash.new_url = "https://a.example/rss";
  auto c = s.RecordFeedFetch(b, clash);
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().code, ErrorCode::kConflict);
  auto missing = s.RecordFeedFetch(9999, ok);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TYPED_TEST(StoreTest, EntriesAreSeenOncePerFeed) {
  Store& s = *this->store_;
  const int64_t a = *s.AddFeed({"https://a.example/rss", "", "", ""});
  const int64_t b = *s.AddFeed({"https://b.example/rss", "", "", ""});
  const int64_t article = this->Add(MakeArticle("seen"));
  EXPECT_FALSE(*s.EntrySeen(a, "guid-1"));
  EXPECT_TRUE(*s.MarkEntrySeen(a, "guid-1", article));
  EXPECT_TRUE(*s.EntrySeen(a, "guid-1"));
  const int64_t g = this->Gen();
  EXPECT_FALSE(*s.MarkEntrySeen(a, "guid-1", article));
  EXPECT_EQ(this->Gen(), g);  // nothing written
  EXPECT_FALSE(*s.EntrySeen(b, "guid-1"));  // per feed
  EXPECT_TRUE(*s.MarkEntrySeen(b, "guid-1", 0));
  EXPECT_TRUE(*s.MarkEntrySeen(a, "guid-2", 0));
  auto fa = *s.FindFeed("https://a.example/rss");
  EXPECT_EQ(fa->entry_count, 2);
  auto unknown = s.MarkEntrySeen(9999, "x", 0);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  // Unsubscribing forgets the marks but keeps the article.
  ASSERT_TRUE(s.RemoveFeed("https://a.example/rss"));
  EXPECT_TRUE(s.FindArticle(article)->has_value());
  const int64_t again = *s.AddFeed({"https://a.example/rss", "", "", ""});
  EXPECT_FALSE(*s.EntrySeen(again, "guid-1"));
  // Deleting the article keeps the mark (the entry stays seen) without the link.
  ASSERT_TRUE(s.DeleteArticle(article));
  EXPECT_TRUE(*s.EntrySeen(b, "guid-1"));
}

// ---- Stories ------------------------------------------------------------------------------

Article StoryPiece(const std::string& slug, const std::string& source, const std::string& title,
                   int day, int hour = 9) {
  Article a = MakeArticle(slug, title, "Text of " + slug + ".");
  a.url = "https://" + source + ".example.com/" + slug;
  a.canonical_url.clear();
  a.source = Source{0, source, ""};
  a.published = At(day, hour);
  return a;
}

TYPED_TEST(StoreTest, StoriesAreFiledListedAndMergedWithoutLosingAnArticle) {
  Store& st = *this->store_;
  const int64_t a = this->Add(StoryPiece("quake-a", "Alpha", "Quake hits coast", 20, 8));
  const int64_t b = this->Add(StoryPiece("quake-b", "Beta", "Coast quake toll rises", 20, 12));
  const int64_t c = this->Add(StoryPiece("vote", "Alpha", "Parliament votes", 20, 10));
  const int64_t s1 = st.FileInStory(a, 0).value();
  EXPECT_EQ(st.FileInStory(b, s1).value(), s1);
  const int64_t s2 = st.FileInStory(c, 0).value();
  EXPECT_NE(s1, s2);
  EXPECT_EQ(st.StoryOf(b).value(), s1);

  StoryPage page = st.ListStories(10, 0).value();
  ASSERT_EQ(page.total, 2);
  ASSERT_EQ(page.stories.size(), 2u);
  // Same day: more publishers first.
  EXPECT_EQ(page.stories[0].id, s1);
  EXPECT_EQ(page.stories[0].article_count, 2);
  EXPECT_EQ(page.stories[0].publisher_count, 2);
  EXPECT_EQ(page.stories[0].headline, "Coast quake toll rises");  // the newest article's
  EXPECT_EQ(page.stories[0].lead.id, b);
  EXPECT_EQ(page.stories[0].first_published, At(20, 8));
  EXPECT_EQ(page.stories[0].last_published, At(20, 12));
  EXPECT_EQ(st.ListStories(1, 1).value().stories.at(0).id, s2);
  EXPECT_EQ(st.ListStories(0, 0).error().code, ErrorCode::kInvalidArgument);

  // A merge moves every article and removes the story merged away.
  const int64_t gen = this->Gen();
  ASSERT_TRUE(st.MergeStories(s2, s1));
  EXPECT_GT(this->Gen(), gen);
  EXPECT_FALSE(st.FindStory(s2).value().has_value());
  const StoryDetail merged = st.FindStory(s1).value().value();
  EXPECT_EQ(merged.summary.article_count, 3);
  size_t articles = 0;
  for (const SourceCoverage& g : merged.by_source) articles += g.articles.size();
  EXPECT_EQ(articles, 3u);
  EXPECT_EQ(st.StoryOf(c).value(), s1);
  EXPECT_EQ(st.MergeStories(s2, s1).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(st.MergeStories(s1, s1));

  // Filing elsewhere takes the article out of its story; a story left empty goes.
  const int64_t s3 = st.FileInStory(c, 0).value();
  EXPECT_EQ(st.FindStory(s1).value()->summary.article_count, 2);
  EXPECT_EQ(st.FileInStory(999, s1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(st.FileInStory(a, 999).error().code, ErrorCode::kNotFound);
  const int64_t s4 = st.FileInStory(c, 0).value();
  EXPECT_FALSE(st.FindStory(s3).value().has_value());
  EXPECT_EQ(st.ListStories(10, 0).value().total, 2);
  (void)s4;
}

// A merge counts the story once, after every article moved (the backends skip the per-row
// recount while moving), and the count is the same as if the articles had been filed there.
TYPED_TEST(StoreTest, AMergeOfTwoLargerStoriesLeavesTheMergedStoryCountedRight) {
  Store& st = *this->store_;
  int64_t s1 = 0;
  int64_t s2 = 0;
  std::vector<int64_t> ids;
  for (int i = 0; i < 24; ++i) {
    const std::string slug = "m" + std::to_string(i);
    // Sources Alpha..Delta in the first story, Delta..Golf in the second; days 10..21.
    const int64_t id = this->Add(StoryPiece(slug, std::string(1, static_cast<char>('A' + i % 7)) + "src",
                                            "Headline " + slug, 10 + i / 2, 8 + i % 2));
    ids.push_back(id);
    int64_t& story = i % 2 == 0 ? s1 : s2;
    story = st.FileInStory(id, story).value();
  }
  // The second story's newest article is a copy of the first story's oldest: it stays, counted
  // as a copy, and the lead is the newest article that is not a copy.
  ASSERT_TRUE(st.MarkCopy(ids[23], ids[0]));
  ASSERT_TRUE(st.MergeStories(s2, s1));
  const StoryDetail d = st.FindStory(s1).value().value();
  EXPECT_EQ(d.summary.article_count, 23);  // 24 minus the copy
  EXPECT_EQ(d.summary.publisher_count, 7);
  EXPECT_EQ(d.summary.first_published, At(10, 8));
  EXPECT_EQ(d.summary.last_published, At(21, 9));
  EXPECT_EQ(d.summary.lead.id, ids[22]);
  EXPECT_EQ(d.summary.headline, "Headline m22");
  EXPECT_FALSE(st.FindStory(s2).value().has_value());
  for (int64_t id : ids) EXPECT_EQ(st.StoryOf(id).value(), s1) << id;
  EXPECT_EQ(st.ListStories(10, 0).value().total, 1);
}

// Filing adds the one article to its story's counts (the backends no longer recount the
// whole story at each filing): the counts must be what a recount gives whatever the order the
// articles come in, with copies (marked before they are filed, as the desk does), publishers
// seen before, ties in time, and a deletion (which recounts) in between.
TYPED_TEST(StoreTest, FilingCountsTheFiledArticleAsARecountWould) {
  Store& st = *this->store_;
  const int64_t wire = this->Add(StoryPiece("wire", "Wire", "Wire original", 20, 7));
  int64_t s = 0;
  auto file = [&](const char* slug, const char* source, int day, int hour, bool copy) {
    const int64_t id = this->Add(StoryPiece(slug, source, std::string("Headline ") + slug, day, hour));
    if (copy) {
      EXPECT_TRUE(st.MarkCopy(id, wire));
    }
    s = st.FileInStory(id, s).value();
    return id;
  };
  auto expect = [&](int articles, int publishers, Instant first, Instant last, int64_t lead,
                    const std::string& headline) {
    const StorySummary sum = st.FindStory(s).value().value().summary;
    EXPECT_EQ(sum.article_count, articles);
    EXPECT_EQ(sum.publisher_count, publishers);
    EXPECT_EQ(sum.first_published, first);
    EXPECT_EQ(sum.last_published, last);
    EXPECT_EQ(sum.lead.id, lead);
    EXPECT_EQ(sum.headline, headline);
  };
  // A story opened by a copy: no article counted, one publisher, the copy leads for now.
  const int64_t c0 = file("c0", "Daily", 20, 12, true);
  expect(0, 1, At(20, 12), At(20, 12), c0, "Headline c0");
  // An older original leads over a newer copy.
  const int64_t a1 = file("a1", "Alpha", 20, 8, false);
  expect(1, 2, At(20, 8), At(20, 12), a1, "Headline a1");
  // A publisher already counted, out of time order: the lead stays.
  file("a2", "Alpha", 19, 8, false);
  expect(2, 2, At(19, 8), At(20, 12), a1, "Headline a1");
  // Same time as the lead and a higher id: it leads (the recount's order).
  const int64_t b3 = file("b3", "Beta", 20, 8, false);
  expect(3, 3, At(19, 8), At(20, 12), b3, "Headline b3");
  // The newest article is a copy: counted as a publisher and in the dates, never the lead.
  file("c4", "Herald", 22, 9, true);
  expect(3, 4, At(19, 8), At(22, 9), b3, "Headline b3");
  // A deletion recounts: Beta is gone from the publishers, and comes back when it files again.
  ASSERT_TRUE(st.DeleteArticle(b3));
  expect(2, 3, At(19, 8), At(22, 9), a1, "Headline a1");
  file("b5", "Beta", 18, 8, false);
  expect(3, 4, At(18, 8), At(22, 9), a1, "Headline a1");
}

// A story that splits moves its articles one by one (FileInStory on a filed article): both
// stories' counts must be what a recount gives after every move, whether the article moved
// leads its story, is its publisher's only one there, or is a copy; a story left empty goes,
// and no article is ever in no story or in two.
TYPED_TEST(StoreTest, MovingAnArticleCountsBothStoriesAsARecountWould) {
  Store& st = *this->store_;
  const int64_t a = this->Add(StoryPiece("mv-a", "Alpha", "Headline a", 20, 8));
  const int64_t b = this->Add(StoryPiece("mv-b", "Beta", "Headline b", 20, 12));
  const int64_t c = this->Add(StoryPiece("mv-c", "Herald", "Headline c", 21, 9));
  const int64_t d = this->Add(StoryPiece("mv-d", "Gamma", "Headline d", 22, 8));
  ASSERT_TRUE(st.MarkCopy(c, a));
  const int64_t s1 = st.FileInStory(a, 0).value();
  ASSERT_EQ(st.FileInStory(b, s1).value(), s1);
  ASSERT_EQ(st.FileInStory(c, s1).value(), s1);
  const int64_t s2 = st.FileInStory(d, 0).value();
  auto expect = [&](int64_t story, int articles, int publishers, Instant first, Instant last,
                    int64_t lead, const std::string& headline) {
    const auto found = st.FindStory(story).value();
    ASSERT_TRUE(found.has_value()) << story;
    const StorySummary& sum = found->summary;
    EXPECT_EQ(sum.article_count, articles) << story;
    EXPECT_EQ(sum.publisher_count, publishers) << story;
    EXPECT_EQ(sum.first_published, first) << story;
    EXPECT_EQ(sum.last_published, last) << story;
    EXPECT_EQ(sum.lead.id, lead) << story;
    EXPECT_EQ(sum.headline, headline) << story;
  };
  expect(s1, 2, 3, At(20, 8), At(21, 9), b, "Headline b");

  // The lead, its publisher's only article in the story, moves: s1 loses Beta and its lead.
  const int64_t gen = this->Gen();
  ASSERT_EQ(st.FileInStory(b, s2).value(), s2);
  EXPECT_GT(this->Gen(), gen);
  expect(s1, 1, 2, At(20, 8), At(21, 9), a, "Headline a");
  expect(s2, 2, 2, At(20, 12), At(22, 8), d, "Headline d");
  // The copy moves: a publisher and a date, never an article.
  ASSERT_EQ(st.FileInStory(c, s2).value(), s2);
  expect(s1, 1, 1, At(20, 8), At(20, 8), a, "Headline a");
  expect(s2, 2, 3, At(20, 12), At(22, 8), d, "Headline d");
  // The last article moves: s1 goes.
  ASSERT_EQ(st.FileInStory(a, s2).value(), s2);
  EXPECT_FALSE(st.FindStory(s1).value().has_value());
  expect(s2, 3, 4, At(20, 8), At(22, 8), d, "Headline d");
  // Out to a story of its own, as a split opens one.
  const int64_t s3 = st.FileInStory(a, 0).value();
  EXPECT_NE(s3, s2);
  expect(s3, 1, 1, At(20, 8), At(20, 8), a, "Headline a");
  expect(s2, 2, 3, At(20, 12), At(22, 8), d, "Headline d");
  EXPECT_EQ(st.ListStories(10, 0).value().total, 2);
  EXPECT_EQ(st.StoryOf(a).value(), s3);
  for (int64_t id : {b, c, d}) EXPECT_EQ(st.StoryOf(id).value(), s2) << id;
}

// Two nodes moving articles between the same two stories in opposite directions at once (a
// split on each): a move locks the story it leaves as well as the one it joins, and both in
// one order, or the two deadlock on PostgreSQL. Afterwards every article is in one story and
// the counts are a recount's.
TYPED_TEST(StoreTest, TwoConnectionsMovingArticlesBetweenTwoStoriesBothSucceed) {
  std::unique_ptr<Store> other = this->Open();
  ASSERT_NE(other, nullptr);
  Store& st = *this->store_;
  constexpr int kPerStory = 6;
  constexpr int kRounds = 30;
  int64_t s1 = 0;
  int64_t s2 = 0;
  std::vector<int64_t> ones;
  std::vector<int64_t> twos;
  // Each story keeps an anchor that never moves, so neither goes while the other files in it.
  for (int i = 0; i <= kPerStory; ++i) {
    const std::string n = std::to_string(i);
    const int64_t x = this->Add(StoryPiece("race-x" + n, "Src" + std::to_string(i % 4), "X " + n, 20, i));
    const int64_t y = this->Add(StoryPiece("race-y" + n, "Src" + std::to_string(i % 3 + 2), "Y " + n, 21, i));
    s1 = st.FileInStory(x, s1).value();
    s2 = st.FileInStory(y, s2).value();
    if (i > 0) {
      ones.push_back(x);
      twos.push_back(y);
    }
  }
  std::atomic<int> errors{0};
  auto mover = [&](Store& store, const std::vector<int64_t>& ids, int64_t home, int64_t away) {
    for (int r = 0; r < kRounds; ++r) {
      for (int64_t id : ids) {
        if (auto moved = store.FileInStory(id, r % 2 == 0 ? away : home); !moved) {
          ADD_FAILURE() << moved.error().ToString();
          ++errors;
        }
      }
    }
  };
  std::thread first(mover, std::ref(st), std::cref(ones), s1, s2);
  std::thread second(mover, std::ref(*other), std::cref(twos), s2, s1);
  first.join();
  second.join();
  EXPECT_EQ(errors.load(), 0);
  // An even number of rounds: every article is back home.
  std::vector<int64_t> in1;
  std::vector<int64_t> in2;
  for (int64_t id : ones) (st.StoryOf(id).value() == s1 ? in1 : in2).push_back(id);
  for (int64_t id : twos) (st.StoryOf(id).value() == s1 ? in1 : in2).push_back(id);
  EXPECT_EQ(in1.size(), static_cast<size_t>(kPerStory));
  EXPECT_EQ(in2.size(), static_cast<size_t>(kPerStory));
  const StorySummary one = st.FindStory(s1).value().value().summary;
  const StorySummary two = st.FindStory(s2).value().value().summary;
  EXPECT_EQ(one.article_count, kPerStory + 1);
  EXPECT_EQ(two.article_count, kPerStory + 1);
  EXPECT_EQ(one.publisher_count, 4);  // Src0..Src3
  EXPECT_EQ(two.publisher_count, 3);  // Src2..Src4
  EXPECT_EQ(one.first_published, At(20, 0));
  EXPECT_EQ(one.last_published, At(20, kPerStory));
  EXPECT_EQ(two.last_published, At(21, kPerStory));
}

TYPED_TEST(StoreTest, StoryPageGroupsBySourceWithCoveragePerDay) {
  Store& st = *this->store_;
  const int64_t a = this->Add(StoryPiece("a", "Alpha", "Day one", 20, 8));
  const int64_t b = this->Add(StoryPiece("b", "Beta", "Day one later", 20, 18));
  const int64_t c = this->Add(StoryPiece("c", "Alpha", "Day two", 21, 9));
  const int64_t s = st.FileInStory(a, 0).value();
  ASSERT_TRUE(st.FileInStory(b, s));
  ASSERT_TRUE(st.FileInStory(c, s));
  const StoryDetail d = st.FindStory(s).value().value();
  ASSERT_EQ(d.by_source.size(), 2u);
  EXPECT_EQ(d.by_source[0].source.name, "Alpha");  // took the story up first
  ASSERT_EQ(d.by_source[0].articles.size(), 2u);
  EXPECT_EQ(d.by_source[0].articles[0].article.id, c);  // newest first within a source
  EXPECT_EQ(d.by_source[1].source.name, "Beta");
  ASSERT_EQ(d.coverage.size(), 2u);
  EXPECT_EQ(d.coverage[0].day, At(20));
  EXPECT_EQ(d.coverage[0].articles, 2);
  EXPECT_EQ(d.coverage[1].day, At(21));
  EXPECT_EQ(d.coverage[1].articles, 1);
  EXPECT_FALSE(st.FindStory(999).value().has_value());
}

TYPED_TEST(StoreTest, SyndicatedCopiesAreFoldedIntoTheirCanonicalArticle) {
  Store& st = *this->store_;
  const int64_t wire = this->Add(StoryPiece("wire", "Wire", "Dam bursts", 20, 8));
  const int64_t copy1 = this->Add(StoryPiece("copy1", "Daily", "Dam bursts, town flooded", 20, 9));
  const int64_t copy2 = this->Add(StoryPiece("copy2", "Herald", "Town flooded", 20, 10));
  const int64_t own = this->Add(StoryPiece("own", "Times", "Our reporter at the dam", 20, 11));
  const int64_t s = st.FileInStory(wire, 0).value();
  for (int64_t id : {copy1, copy2, own}) ASSERT_TRUE(st.FileInStory(id, s));
  ASSERT_TRUE(st.MarkCopy(copy1, wire));
  // A copy of a copy points at the first publication.
  ASSERT_TRUE(st.MarkCopy(copy2, copy1));

  const StorySummary sum = st.ListStories(10, 0).value().stories.at(0);
  EXPECT_EQ(sum.article_count, 2);    // wire and own
  EXPECT_EQ(sum.publisher_count, 4);  // every outlet that published it
  EXPECT_EQ(sum.lead.id, own);
  const StoryDetail d = st.FindStory(s).value().value();
  ASSERT_EQ(d.by_source.size(), 2u);
  ASSERT_EQ(d.by_source[0].articles.size(), 1u);
  EXPECT_EQ(d.by_source[0].articles[0].article.id, wire);
  ASSERT_EQ(d.by_source[0].articles[0].also_published_by.size(), 2u);
  EXPECT_EQ(d.by_source[0].articles[0].also_published_by[0].name, "Daily");

  auto also = st.AlsoPublishedBy(wire).value();
  ASSERT_EQ(also.size(), 2u);
  EXPECT_EQ(also[0].id, copy1);
  also = st.AlsoPublishedBy(copy2).value();
  ASSERT_EQ(also.size(), 2u);
  EXPECT_EQ(also[0].id, wire);
  EXPECT_EQ(also[1].id, copy1);
  EXPECT_TRUE(st.AlsoPublishedBy(own).value().empty());

  // Lists and related coverage leave copies out.
  const ArticlePage latest = st.LatestArticles(10, 0).value();
  EXPECT_EQ(latest.total, 2);
  for (const ArticleSummary& a : latest.articles) EXPECT_TRUE(a.id == wire || a.id == own);
  const std::vector<RelatedArticle> of_copy = st.RelatedArticles(copy1, 10).value();
  for (const RelatedArticle& r : of_copy) {
    EXPECT_NE(r.article.id, copy1);
    EXPECT_NE(r.article.id, wire);
    EXPECT_NE(r.article.id, copy2);
  }
  ASSERT_EQ(st.RelatedArticles(wire, 10).value().size(), 1u);
  EXPECT_EQ(st.RelatedArticles(wire, 10).value()[0].article.id, own);

  EXPECT_EQ(st.MarkCopy(wire, wire).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.MarkCopy(wire, copy1).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.MarkCopy(999, wire).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(st.MarkCopy(copy1, 0));  // no longer a copy
  EXPECT_EQ(st.LatestArticles(10, 0).value().total, 3);
}

TYPED_TEST(StoreTest, SearchShowsACanonicalArticleOnceForItsSyndicatedCopies) {
  Store& st = *this->store_;
  Article wire_a = StoryPiece("wire", "Wire", "Dam bursts above the valley", 20, 8);
  wire_a.text = "The dam above the valley burst at dawn, officials said.";
  Article copy1_a = StoryPiece("copy1", "Daily", "Valley dam bursts, town flooded", 20, 9);
  copy1_a.text = "The dam above the valley burst at dawn, officials said. Daily boilerplate.";
  // Only the copy's new headline and boilerplate say "reservoir": a search for it still
  // shows the canonical article, not the copy.
  Article copy2_a = StoryPiece("copy2", "Herald", "Reservoir gives way", 20, 10);
  copy2_a.text = "The dam above the valley burst at dawn, officials said. Herald reservoir desk.";
  Article own_a = StoryPiece("own", "Times", "Our reporter at the valley dam", 20, 11);
  own_a.text = "Water still pours through the breach in the valley.";
  const int64_t wire = this->Add(wire_a);
  const int64_t copy1 = this->Add(copy1_a);
  const int64_t copy2 = this->Add(copy2_a);
  const int64_t own = this->Add(own_a);
  ASSERT_TRUE(st.MarkCopy(copy1, wire));
  ASSERT_TRUE(st.MarkCopy(copy2, wire));

  SearchResults r = this->Find("dam");
  EXPECT_EQ(r.total, 2);
  ASSERT_EQ(r.hits.size(), 2u);
  std::vector<int64_t> ids;
  for (const SearchHit& h : r.hits) ids.push_back(h.article.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<int64_t>{wire, own}));
  for (const SearchHit& h : r.hits) EXPECT_FALSE(h.snippet.empty());

  r = this->Find("reservoir");
  EXPECT_EQ(r.total, 1);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].article.id, wire);
  EXPECT_EQ(r.hits[0].article.title, "Dam bursts above the valley");

  // Paging counts hits, not matching rows.
  r = this->Find("dam", 1, 1);
  EXPECT_EQ(r.total, 2);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_TRUE(r.hits[0].article.id == wire || r.hits[0].article.id == own);
  EXPECT_TRUE(this->Find("dam", 1, 2).hits.empty());

  // The tag list folds copies too.
  for (int64_t id : {wire, copy1, copy2, own}) {
    ASSERT_TRUE(st.SetTags(id, {{0, "Valley", TagKind::kPlace}}));
  }
  const ArticlePage tagged = st.ArticlesTagged("valley", 10, 0).value();
  EXPECT_EQ(tagged.total, 2);
  for (const ArticleSummary& a : tagged.articles) EXPECT_TRUE(a.id == wire || a.id == own);

  ASSERT_TRUE(st.MarkCopy(copy2, 0));  // no longer a copy: a hit of its own again
  r = this->Find("reservoir");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].article.id, copy2);
  EXPECT_EQ(this->Find("dam").total, 3);
}

TYPED_TEST(StoreTest, RelatedArticlesSameStoryFirstThenStoriesSharingHashtags) {
  Store& st = *this->store_;
  const int64_t a = this->Add(StoryPiece("a", "Alpha", "Flood in Porto", 20, 8));
  const int64_t b = this->Add(StoryPiece("b", "Beta", "Porto flood waters recede", 21, 8));
  const int64_t c = this->Add(StoryPiece("c", "Gamma", "Porto mayor resigns", 25, 8));
  const int64_t d = this->Add(StoryPiece("d", "Delta", "Chess final", 25, 9));
  const int64_t s1 = st.FileInStory(a, 0).value();
  ASSERT_TRUE(st.FileInStory(b, s1));
  const int64_t s2 = st.FileInStory(c, 0).value();
  ASSERT_TRUE(st.FileInStory(d, 0));
  ASSERT_TRUE(st.SetTags(a, {{0, "Porto", TagKind::kPlace}}));
  ASSERT_TRUE(st.SetTags(c, {{0, "Porto", TagKind::kPlace}}));
  ASSERT_TRUE(st.SetTags(d, {{0, "Chess", TagKind::kTopic}}));
  const std::vector<RelatedArticle> related = st.RelatedArticles(a, 10).value();
  ASSERT_EQ(related.size(), 2u);
  EXPECT_EQ(related[0].article.id, b);
  EXPECT_TRUE(related[0].same_story);
  EXPECT_EQ(related[1].article.id, c);
  EXPECT_EQ(related[1].story_id, s2);
  EXPECT_FALSE(related[1].same_story);
  EXPECT_EQ(st.RelatedArticles(a, 1).value().size(), 1u);
  EXPECT_TRUE(st.RelatedArticles(999, 5).value().empty());
}

TYPED_TEST(StoreTest, StoriesFollowDeletedAndUpdatedArticles) {
  Store& st = *this->store_;
  const int64_t a = this->Add(StoryPiece("a", "Alpha", "First", 20, 8));
  Article later = StoryPiece("b", "Beta", "Second", 20, 9);
  const int64_t b = this->Add(later);
  const int64_t s = st.FileInStory(a, 0).value();
  ASSERT_TRUE(st.FileInStory(b, s));
  EXPECT_EQ(st.FindStory(s).value()->summary.headline, "Second");
  later.title = "Second, corrected";
  this->Add(later);
  EXPECT_EQ(st.FindStory(s).value()->summary.headline, "Second, corrected");
  ASSERT_TRUE(st.DeleteArticle(b));
  auto d = st.FindStory(s).value();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->summary.headline, "First");
  EXPECT_EQ(d->summary.article_count, 1);
  ASSERT_TRUE(st.DeleteArticle(a));
  EXPECT_FALSE(st.FindStory(s).value().has_value());
  EXPECT_EQ(st.ListStories(10, 0).value().total, 0);
}

TYPED_TEST(StoreTest, ArticlesInTimeOrderPageWithTheirStoriesAndCopyMarks) {
  Store& st = *this->store_;
  const int64_t late = this->Add(StoryPiece("late", "Alpha", "Late", 22));
  const int64_t early = this->Add(StoryPiece("early", "Beta", "Early", 20));
  const int64_t mid = this->Add(StoryPiece("mid", "Gamma", "Mid", 21));
  const int64_t s = st.FileInStory(mid, 0).value();
  ASSERT_TRUE(st.MarkCopy(late, mid));
  auto first = st.ArticlesInTimeOrder(std::nullopt, 2).value();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].article_id, early);
  EXPECT_EQ(first[0].source, "Beta");
  EXPECT_EQ(first[0].story_id, 0);
  EXPECT_EQ(first[1].article_id, mid);
  EXPECT_EQ(first[1].story_id, s);
  EXPECT_EQ(first[1].related.size(), 1u);  // MakeArticle's related item
  auto rest = st.ArticlesInTimeOrder(TimeCursor{first[1].When(), first[1].article_id}, 10).value();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].article_id, late);
  EXPECT_EQ(rest[0].copy_of, mid);
  EXPECT_EQ(rest[0].text, "Text of late.");
}

// A cursor inside one second: the walk goes on with that second's later ids, then later times,
// and never repeats or skips an article (`wiredesk cluster` walks the store one page at a time).
TYPED_TEST(StoreTest, ArticlesInTimeOrderWalksOneSecondsArticlesByIdAcrossPages) {
  Store& st = *this->store_;
  const int64_t later = this->Add(StoryPiece("later", "Alpha", "Later", 20, 10));
  std::vector<int64_t> same;
  for (const char* slug : {"s1", "s2", "s3"}) {
    same.push_back(this->Add(StoryPiece(slug, "Beta", slug, 20, 9)));
  }
  const int64_t earlier = this->Add(StoryPiece("earlier", "Gamma", "Earlier", 19, 9));
  std::vector<int64_t> walked;
  std::optional<TimeCursor> cursor;
  while (true) {
    auto page = st.ArticlesInTimeOrder(cursor, 1).value();
    if (page.empty()) break;
    walked.push_back(page[0].article_id);
    cursor = TimeCursor{page[0].When(), page[0].article_id};
  }
  EXPECT_EQ(walked, (std::vector<int64_t>{earlier, same[0], same[1], same[2], later}));
  auto from_second = st.ArticlesInTimeOrder(TimeCursor{At(20, 9), same[0]}, 10).value();
  ASSERT_EQ(from_second.size(), 3u);
  EXPECT_EQ(from_second[0].article_id, same[1]);
  EXPECT_EQ(from_second[2].article_id, later);
}

TYPED_TEST(StoreTest, FindsAnArticleByItsHeadline) {
  Store& st = *this->store_;
  const int64_t a = this->Add(StoryPiece("a", "Wikinews", "UK Supreme Court rules prorogation unlawful", 20));
  this->Add(StoryPiece("b", "Other", "UK Supreme Court rules prorogation unlawful", 20));
  EXPECT_EQ(st.FindArticleIdByTitle("wikinews", "UK Supreme  Court rules prorogation unlawful")
                .value(),
            a);
  EXPECT_FALSE(st.FindArticleIdByTitle("Wikinews", "UK Supreme Court").value().has_value());
  EXPECT_FALSE(st.FindArticleIdByTitle("", "\"unbalanced * quote").value().has_value());
  EXPECT_FALSE(st.FindArticleIdByTitle("", "").value().has_value());
}

TYPED_TEST(StoreTest, DataSurvivesReopening) {
  const int64_t id = this->Add(MakeArticle("a"));
  const int64_t g = this->Gen();
  this->store_.reset();
  this->store_ = this->Open();
  ASSERT_NE(this->store_, nullptr);
  EXPECT_TRUE(this->store_->FindArticle(id)->has_value());
  EXPECT_EQ(this->Gen(), g);  // opening an up-to-date store writes nothing
  EXPECT_EQ(this->Find("harbour").total, 1);
}

TYPED_TEST(StoreTest, ConcurrentReadersWhileAnotherConnectionWrites) {
  constexpr int kArticles = 60;
  std::unique_ptr<Store> writer = this->Open();
  ASSERT_NE(writer, nullptr);
  std::atomic<bool> done{false};
  std::atomic<int> read_errors{0};
  std::atomic<int> reads{0};

  auto reader = [&] {
    int64_t last_generation = -1;
    int64_t last_count = 0;
    while (!done.load()) {
      auto g = this->store_->Generation();
      auto page = this->store_->LatestArticles(5, 0);
      auto hits = this->store_->Search(SearchQuery{"harbour", 5, 0});
      auto count = this->store_->CountArticles();
      if (!g || !page || !hits || !count) {
        ++read_errors;
        continue;
      }
      // Each reader sees the store only move forward.
      if (*g < last_generation || *count < last_count) ++read_errors;
      if (page->total < static_cast<int64_t>(page->articles.size())) ++read_errors;
      if (!page->articles.empty()) {
        auto a = this->store_->FindArticle(page->articles[0].id);
        if (!a || !a->has_value()) ++read_errors;
        (void)this->store_->CommentsOf(page->articles[0].id);
      }
      last_generation = *g;
      last_count = *count;
      ++reads;
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back(reader);
  // On a loaded machine the writer can finish before any reader is scheduled; the test is
  // about reads overlapping writes, so wait (bounded) for reads before and after writing.
  auto wait_for_reads = [&](int at_least) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (reads.load() < at_least && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  wait_for_reads(1);

  int write_errors = 0;
  for (int i = 0; i < kArticles; ++i) {
    auto r = writer->UpsertArticle(MakeArticle("c" + std::to_string(i)));
    if (!r) {
      ADD_FAILURE() << r.error().ToString();
      ++write_errors;
    }
    // The shared handle writes too, under the same mutex the readers use.
    if (i % 10 == 0) {
      auto tags = this->store_->SetTags(r ? r->article_id : 1, {{0, "t", TagKind::kTopic}});
      if (!tags) ++write_errors;
    }
  }
  wait_for_reads(reads.load() + 1);
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(write_errors, 0);
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(this->store_->CountArticles().value_or(-1), kArticles);
}

// Two nodes tagging different articles with the same new tags, listed in opposite orders:
// each insert of a new tag waits on the other's uncommitted one, so unordered inserts deadlock
// on PostgreSQL and one node's hashtags are lost (200 rounds made the unordered code fail here).
TYPED_TEST(StoreTest, TwoConnectionsTaggingWithTheSameNewTagsBothSucceed) {
  std::unique_ptr<Store> other = this->Open();
  ASSERT_NE(other, nullptr);
  auto a = this->store_->UpsertArticle(MakeArticle("tag-race-a"));
  auto b = other->UpsertArticle(MakeArticle("tag-race-b"));
  ASSERT_TRUE(a && b);
  constexpr int kRounds = 200;
  std::atomic<int> errors{0};
  auto tagger = [&](Store& store, int64_t article, bool reversed) {
    for (int i = 0; i < kRounds; ++i) {
      std::vector<Tag> tags;
      for (int k = 0; k < 6; ++k) {
        const int n = reversed ? 5 - k : k;
        tags.push_back({0, "race " + std::to_string(i) + "-" + std::to_string(n), TagKind::kTopic});
      }
      if (auto st = store.SetTags(article, tags); !st) {
        ADD_FAILURE() << st.error().ToString();
        ++errors;
      }
    }
  };
  std::thread first(tagger, std::ref(*this->store_), a->article_id, false);
  std::thread second(tagger, std::ref(*other), b->article_id, true);
  first.join();
  second.join();
  EXPECT_EQ(errors.load(), 0);
}

// ---- Accounts, sessions, tokens, comment moderation ----------------------------------------

TYPED_TEST(StoreTest, AccountsKeepTheirPasswordHashAndNamesStayUnique) {
  const int64_t gen = this->Gen();
  auto id = this->store_->AddAccount(User{0, "Ana", "moderator", {}}, "$argon2id$v=19$fake");
  ASSERT_TRUE(id) << id.error().ToString();
  // Accounts change no page: the page cache keeps its generation.
  EXPECT_EQ(this->Gen(), gen);
  EXPECT_EQ(this->store_->AddAccount(User{0, "ana", "reader", {}}, "x").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(this->store_->AddAccount(User{0, "bob", "king", {}}, "x").error().code,
            ErrorCode::kInvalidArgument);
  auto found = this->store_->FindAccount("ANA");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->user.id, *id);
  EXPECT_EQ((*found)->user.name, "Ana");
  EXPECT_EQ((*found)->user.role, "moderator");
  EXPECT_EQ((*found)->password_hash, "$argon2id$v=19$fake");
  EXPECT_FALSE(this->store_->FindAccount("nobody").value());
  ASSERT_TRUE(this->store_->SetPasswordHash(*id, "new-hash"));
  EXPECT_EQ(this->store_->FindAccount("ana").value()->password_hash, "new-hash");
  EXPECT_EQ(this->store_->SetPasswordHash(999, "h").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(this->store_->SetRole(*id, "admin"));
  EXPECT_EQ(this->store_->FindUser(*id).value()->role, "admin");
  EXPECT_EQ(this->store_->SetRole(*id, "king").error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(this->store_->FindUser(999).value());
}

TYPED_TEST(StoreTest, SessionsExpireAndEndOnRequest) {
  const int64_t ana = this->store_->AddAccount(User{0, "ana", "reader", {}}, "h").value();
  const int64_t bob = this->store_->AddAccount(User{0, "bob", "reader", {}}, "h").value();
  const Instant now = this->clock_.Now();
  ASSERT_TRUE(this->store_->AddSession("hash-a1", ana, now + hours(1)));
  ASSERT_TRUE(this->store_->AddSession("hash-a2", ana, now + hours(1)));
  ASSERT_TRUE(this->store_->AddSession("hash-b", bob, now + hours(1)));
  EXPECT_EQ(this->store_->AddSession("hash-x", 999, now).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->SessionUser("hash-a1", now).value()->name, "ana");
  EXPECT_EQ(this->store_->SessionUser("hash-b", now).value()->name, "bob");
  EXPECT_FALSE(this->store_->SessionUser("hash-unknown", now).value());
  EXPECT_FALSE(this->store_->SessionUser("hash-a1", now + hours(2)).value());  // expired

  // A password change ends the user's other sessions, not the one that changed it.
  ASSERT_TRUE(this->store_->DeleteSessionsOf(ana, "hash-a1", now));
  EXPECT_TRUE(this->store_->SessionUser("hash-a1", now).value());
  EXPECT_FALSE(this->store_->SessionUser("hash-a2", now).value());
  EXPECT_TRUE(this->store_->SessionUser("hash-b", now).value());
  ASSERT_TRUE(this->store_->DeleteSession("hash-a1"));
  ASSERT_TRUE(this->store_->DeleteSession("hash-a1"));  // twice is fine
  EXPECT_FALSE(this->store_->SessionUser("hash-a1", now).value());
}

TYPED_TEST(StoreTest, ApiTokensNameTheirUser) {
  const int64_t ana = this->store_->AddAccount(User{0, "ana", "reader", {}}, "h").value();
  ASSERT_TRUE(this->store_->AddApiToken(ana, "token-hash", "laptop"));
  EXPECT_EQ(this->store_->ApiTokenUser("token-hash").value()->id, ana);
  EXPECT_FALSE(this->store_->ApiTokenUser("other").value());
  EXPECT_EQ(this->store_->AddApiToken(ana, "token-hash", "again").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(this->store_->AddApiToken(999, "t2", "").error().code, ErrorCode::kNotFound);
}

TYPED_TEST(StoreTest, CommentsAreEditedDeletedHiddenAndReported) {
  const int64_t article = this->Add(MakeArticle("talk"));
  const int64_t ana = this->store_->AddAccount(User{0, "ana", "reader", {}}, "h").value();
  const int64_t bob = this->store_->AddAccount(User{0, "bob", "reader", {}}, "h").value();
  Comment top;
  top.article_id = article;
  top.user_id = ana;
  top.body = "First *thoughts*";
  const int64_t top_id = this->store_->AddComment(top).value();
  Comment reply = top;
  reply.user_id = bob;
  reply.parent_id = top_id;
  reply.body = "A reply";
  const int64_t reply_id = this->store_->AddComment(reply).value();

  this->clock_.Advance(std::chrono::minutes(5));
  int64_t gen = this->Gen();
  ASSERT_TRUE(this->store_->EditComment(top_id, "Second thoughts"));
  EXPECT_GT(this->Gen(), gen);  // the article page changes
  auto found = this->store_->FindComment(top_id).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->body, "Second thoughts");
  ASSERT_TRUE(found->edited);
  EXPECT_EQ(*found->edited, this->clock_.Now());
  EXPECT_EQ(this->store_->EditComment(top_id, "  ").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_->EditComment(999, "x").error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(this->store_->FindComment(999).value());

  EXPECT_EQ(this->store_->ReportComment(reply_id, ana, "rude").value(), 1);
  EXPECT_EQ(this->store_->ReportComment(reply_id, ana, "rude again").value(), 1);  // once each
  EXPECT_EQ(this->store_->ReportComment(reply_id, bob, "").value(), 2);
  EXPECT_EQ(this->store_->ReportComment(999, bob, "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->FindComment(reply_id).value()->reports, 2);

  ASSERT_TRUE(this->store_->ModerateComment(reply_id, CommentAction::kHide));
  EXPECT_TRUE(this->store_->FindComment(reply_id).value()->hidden);
  EXPECT_EQ(this->store_->LatestArticles(10, 0).value().articles[0].comment_count, 1);
  ASSERT_TRUE(this->store_->ModerateComment(reply_id, CommentAction::kRestore));
  EXPECT_FALSE(this->store_->FindComment(reply_id).value()->hidden);
  EXPECT_EQ(this->store_->LatestArticles(10, 0).value().articles[0].comment_count, 2);

  // Deleting keeps the row, so the reply keeps its parent, but the text is gone.
  ASSERT_TRUE(this->store_->ModerateComment(top_id, CommentAction::kDelete));
  auto comments = this->store_->CommentsOf(article).value();
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_TRUE(comments[0].deleted);
  EXPECT_EQ(comments[0].body, "");
  EXPECT_EQ(comments[1].parent_id, top_id);
  EXPECT_EQ(this->store_->EditComment(top_id, "back").error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->store_->LatestArticles(10, 0).value().articles[0].comment_count, 1);
  EXPECT_EQ(this->store_->ModerateComment(999, CommentAction::kHide).error().code,
            ErrorCode::kNotFound);
}

TYPED_TEST(StoreTest, CountsAUsersRecentCommentsForTheRateLimit) {
  const int64_t article = this->Add(MakeArticle("rate"));
  const int64_t ana = this->store_->AddAccount(User{0, "ana", "reader", {}}, "h").value();
  const Instant start = this->clock_.Now();
  for (int i = 0; i < 3; ++i) {
    Comment c;
    c.article_id = article;
    c.user_id = ana;
    c.body = "comment " + std::to_string(i);
    ASSERT_TRUE(this->store_->AddComment(c));
    this->clock_.Advance(std::chrono::minutes(10));
  }
  EXPECT_EQ(this->store_->CountCommentsSince(ana, start).value(), 3);
  EXPECT_EQ(this->store_->CountCommentsSince(ana, start + std::chrono::minutes(15)).value(), 1);
  EXPECT_EQ(this->store_->CountCommentsSince(999, start).value(), 0);
}

// ---- Reader state ---------------------------------------------------------------------------

// Two feeds with articles: "world" lists w1, w2, w3 (in that order of arrival), "sport" lists
// s1 and w3 too (one article in two feeds). Each arrives an hour after the one before.
struct ReaderDesk {
  int64_t ana = 0, bob = 0;
  int64_t world = 0, sport = 0;
  int64_t w1 = 0, w2 = 0, s1 = 0, w3 = 0;

  ReaderDesk(Store& s, FakeClock& clock) {
    ana = s.AddAccount(User{0, "ana", "reader", {}}, "h").value();
    bob = s.AddAccount(User{0, "bob", "reader", {}}, "h").value();
    world = s.Subscribe(ana, FeedSubscription{"https://wire.example.com/world.xml", "My world",
                                              "News", ""}).value();
    sport = s.Subscribe(ana, FeedSubscription{"https://wire.example.com/sport.xml", "", "Games",
                                              ""}).value();
    auto add = [&](const std::string& slug, std::vector<int64_t> feeds) {
      const int64_t id = s.UpsertArticle(MakeArticle(slug, "Headline " + slug)).value().article_id;
      for (int64_t f : feeds) EXPECT_TRUE(s.MarkEntrySeen(f, slug, id));
      clock.Advance(hours(1));
      return id;
    };
    w1 = add("w1", {world});
    w2 = add("w2", {world});
    s1 = add("s1", {sport});
    w3 = add("w3", {world, sport});
  }
};

std::vector<int64_t> Ids(const Result<std::vector<ReaderItem>>& items) {
  std::vector<int64_t> out;
  if (!items) {
    ADD_FAILURE() << items.error().ToString();
    return out;
  }
  for (const ReaderItem& i : *items) out.push_back(i.article.id);
  return out;
}

TYPED_TEST(StoreTest, SubscribingAddsTheSiteFeedAndKeepsTheReadersTitleAndFolder) {
  const int64_t gen = this->Gen();
  const int64_t ana = this->store_->AddAccount(User{0, "ana", "reader", {}}, "h").value();
  const int64_t bob = this->store_->AddAccount(User{0, "bob", "reader", {}}, "h").value();
  auto feed = this->store_->Subscribe(
      ana, FeedSubscription{" https://wire.example.com/world.xml ", "  My   world ", " News ", ""});
  ASSERT_TRUE(feed) << feed.error().ToString();
  // The site now fetches it, due at once, without the reader's folder.
  auto site = this->store_->FindFeed("https://wire.example.com/world.xml").value();
  ASSERT_TRUE(site);
  EXPECT_EQ(site->id, *feed);
  EXPECT_EQ(site->folder, "");
  EXPECT_EQ(this->store_->DueFeeds(this->clock_.Now(), 10).value().size(), 1u);
  // Another reader of the same URL shares the site's feed.
  EXPECT_EQ(this->store_->Subscribe(bob, FeedSubscription{"https://wire.example.com/world.xml"})
                .value(),
            *feed);
  EXPECT_EQ(this->store_->ListFeeds().value().size(), 1u);

  auto subs = this->store_->SubscriptionsOf(ana).value();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].feed_id, *feed);
  EXPECT_EQ(subs[0].url, "https://wire.example.com/world.xml");
  EXPECT_EQ(subs[0].title, "My world");
  EXPECT_EQ(subs[0].folder, "News");
  EXPECT_EQ(subs[0].subscribed_at, this->clock_.Now());
  // Bob gave no title: the feed's own, once the refresher learns it.
  EXPECT_EQ(this->store_->SubscriptionsOf(bob).value()[0].title, "");
  FeedFetchUpdate fetched;
  fetched.fetched_at = this->clock_.Now();
  fetched.success = true;
  fetched.title = "World wire";
  ASSERT_TRUE(this->store_->RecordFeedFetch(*feed, fetched));
  EXPECT_EQ(this->store_->SubscriptionsOf(bob).value()[0].title, "World wire");
  EXPECT_EQ(this->store_->SubscriptionsOf(ana).value()[0].title, "My world");

  ASSERT_TRUE(this->store_->EditSubscription(ana, *feed, std::nullopt, std::string("Abroad")));
  subs = this->store_->SubscriptionsOf(ana).value();
  EXPECT_EQ(subs[0].title, "My world");
  EXPECT_EQ(subs[0].folder, "Abroad");
  ASSERT_TRUE(this->store_->EditSubscription(ana, *feed, std::string(""), std::nullopt));
  EXPECT_EQ(this->store_->SubscriptionsOf(ana).value()[0].title, "World wire");
  // Subscribing again takes the new title and folder.
  ASSERT_TRUE(this->store_->Subscribe(
      ana, FeedSubscription{"https://wire.example.com/world.xml", "Again", "", ""}));
  EXPECT_EQ(this->store_->SubscriptionsOf(ana).value()[0].title, "Again");
  EXPECT_EQ(this->store_->SubscriptionsOf(ana).value()[0].folder, "");

  EXPECT_EQ(this->store_->EditSubscription(ana, 999, std::string("x"), std::nullopt).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->Subscribe(ana, FeedSubscription{"ftp://x.example/feed"}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_->Subscribe(999, FeedSubscription{"https://wire.example.com/world.xml"})
                .error()
                .code,
            ErrorCode::kNotFound);

  // Unsubscribing leaves the site's feed (and Bob) alone.
  ASSERT_TRUE(this->store_->Unsubscribe(ana, *feed));
  EXPECT_TRUE(this->store_->SubscriptionsOf(ana).value().empty());
  EXPECT_EQ(this->store_->SubscriptionsOf(bob).value().size(), 1u);
  EXPECT_TRUE(this->store_->FindFeed("https://wire.example.com/world.xml").value());
  EXPECT_EQ(this->store_->Unsubscribe(ana, *feed).error().code, ErrorCode::kNotFound);
  // Removing the site's feed ends every subscription to it.
  ASSERT_TRUE(this->store_->RemoveFeed("https://wire.example.com/world.xml"));
  EXPECT_TRUE(this->store_->SubscriptionsOf(bob).value().empty());
  (void)gen;
}

TYPED_TEST(StoreTest, ReaderStreamsPageInArrivalOrderAndNarrowByFeedFolderAndTime) {
  ReaderDesk d(*this->store_, this->clock_);
  ReaderStreamQuery q;
  q.user_id = d.ana;
  // The reading list: every subscribed feed's articles once, newest first.
  EXPECT_EQ(Ids(this->store_->ReaderStream(q)), (std::vector<int64_t>{d.w3, d.s1, d.w2, d.w1}));
  auto items = this->store_->ReaderStream(q).value();
  EXPECT_EQ(items[0].article.title, "Headline w3");
  EXPECT_EQ(items[0].article.source.name, "Example News");
  EXPECT_EQ(items[0].feed_id, d.world);  // listed by both; the first subscription says
  EXPECT_EQ(items[1].feed_id, d.sport);
  EXPECT_FALSE(items[0].read);
  EXPECT_FALSE(items[0].saved_at);

  // Paging: a page of two, then the rest below the last id.
  q.limit = 2;
  EXPECT_EQ(Ids(this->store_->ReaderStream(q)), (std::vector<int64_t>{d.w3, d.s1}));
  q.before_id = d.s1;
  EXPECT_EQ(Ids(this->store_->ReaderStream(q)), (std::vector<int64_t>{d.w2, d.w1}));
  q.before_id = 0;
  q.oldest_first = true;
  q.after_id = d.w1;
  EXPECT_EQ(Ids(this->store_->ReaderStream(q)), (std::vector<int64_t>{d.w2, d.s1}));
  q = ReaderStreamQuery{};
  q.user_id = d.ana;

  // One feed; one folder; the feed's own id on an article two feeds listed.
  q.feed_id = d.sport;
  items = this->store_->ReaderStream(q).value();
  EXPECT_EQ(Ids(items), (std::vector<int64_t>{d.w3, d.s1}));
  EXPECT_EQ(items[0].feed_id, d.sport);
  q.feed_id = 0;
  q.folder = "News";
  EXPECT_EQ(Ids(this->store_->ReaderStream(q)), (std::vector<int64_t>{d.w3, d.w2, d.w1}));
  q.folder = "Nowhere";
  EXPECT_TRUE(Ids(this->store_->ReaderStream(q)).empty());
  q.folder.clear();

  // By when the store first saw them (clock started at At(27, 12), one article an hour).
  q.seen_since = At(27, 13);
  q.seen_until = At(27, 14);
  EXPECT_EQ(Ids(this->store_->ReaderStream(q)), (std::vector<int64_t>{d.s1, d.w2}));
  q.seen_since.reset();
  q.seen_until.reset();

  // Bob follows nothing yet; exactly these articles, whoever listed them.
  ReaderStreamQuery bob;
  bob.user_id = d.bob;
  EXPECT_TRUE(Ids(this->store_->ReaderStream(bob)).empty());
  bob.scope = ReaderStreamQuery::Scope::kArticles;
  bob.article_ids = {d.w1, d.s1, 424242};
  items = this->store_->ReaderStream(bob).value();
  EXPECT_EQ(Ids(items), (std::vector<int64_t>{d.s1, d.w1}));
  EXPECT_EQ(items[0].feed_id, 0);  // Bob subscribes to no feed that listed it
  bob.article_ids.clear();
  EXPECT_TRUE(Ids(this->store_->ReaderStream(bob)).empty());

  q.limit = 0;
  EXPECT_EQ(this->store_->ReaderStream(q).error().code, ErrorCode::kInvalidArgument);
  q.limit = kMaxReaderPage + 1;
  EXPECT_EQ(this->store_->ReaderStream(q).error().code, ErrorCode::kInvalidArgument);
  q.limit = 5;
  q.user_id = 0;
  EXPECT_EQ(this->store_->ReaderStream(q).error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(StoreTest, ReadAndSavedArticlesAreEachReadersOwn) {
  ReaderDesk d(*this->store_, this->clock_);
  ASSERT_TRUE(
      this->store_->Subscribe(d.bob, FeedSubscription{"https://wire.example.com/world.xml"}));
  const int64_t gen = this->Gen();
  ASSERT_TRUE(this->store_->SetRead(d.ana, {d.w1, d.w3, 424242}, true));
  ASSERT_TRUE(this->store_->SetRead(d.ana, {d.w1}, true));  // again: no change, no error

  ReaderStreamQuery q;
  q.user_id = d.ana;
  q.unread_only = true;
  EXPECT_EQ(Ids(this->store_->ReaderStream(q)), (std::vector<int64_t>{d.s1, d.w2}));
  q.unread_only = false;
  auto items = this->store_->ReaderStream(q).value();
  EXPECT_TRUE(items[0].read);   // w3
  EXPECT_FALSE(items[1].read);  // s1
  // Bob's state is his own.
  ReaderStreamQuery bob = q;
  bob.user_id = d.bob;
  bob.unread_only = true;
  EXPECT_EQ(Ids(this->store_->ReaderStream(bob)), (std::vector<int64_t>{d.w3, d.w2, d.w1}));

  // Unread counts: per feed (w3 read in both), then all together with w3 once.
  auto counts = this->store_->UnreadCounts(d.ana).value();
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts.back().feed_id, 0);
  EXPECT_EQ(counts.back().count, 2);
  EXPECT_EQ(counts.back().newest, At(27, 14));  // s1
  for (const UnreadCount& c : counts) {
    if (c.feed_id != 0) {
      EXPECT_EQ(c.count, 1) << c.feed_id;
    }
  }
  ASSERT_TRUE(this->store_->SetRead(d.ana, {d.w1}, false));
  EXPECT_EQ(this->store_->UnreadCounts(d.ana).value().back().count, 3);

  // Mark a feed read up to a time: only what the store saw by then.
  ReaderStreamQuery all;
  all.user_id = d.ana;
  all.feed_id = d.world;
  all.seen_until = At(27, 12);
  EXPECT_EQ(this->store_->MarkStreamRead(all).value(), 1);  // w1
  all.seen_until.reset();
  EXPECT_EQ(this->store_->MarkStreamRead(all).value(), 1);  // w2 (w3 was read)
  all.feed_id = 0;
  EXPECT_EQ(this->store_->MarkStreamRead(all).value(), 1);  // s1
  EXPECT_EQ(this->store_->UnreadCounts(d.ana).value().back().count, 0);
  EXPECT_EQ(this->store_->UnreadCounts(d.bob).value().back().count, 3);

  // Saved: stamped when saved, listed most recently saved first, per reader.
  ASSERT_TRUE(this->store_->SetSaved(d.ana, {d.w2}, true));
  this->clock_.Advance(hours(1));
  const Instant second = this->clock_.Now();
  ASSERT_TRUE(this->store_->SetSaved(d.ana, {d.w1, 424242}, true));
  this->clock_.Advance(hours(1));
  ASSERT_TRUE(this->store_->SetSaved(d.ana, {d.w1}, true));  // keeps its first time
  auto saved = this->store_->SavedArticles(d.ana, 10, 0).value();
  EXPECT_EQ(saved.total, 2);
  ASSERT_EQ(saved.articles.size(), 2u);
  EXPECT_EQ(saved.articles[0].id, d.w1);
  EXPECT_EQ(saved.articles[1].id, d.w2);
  EXPECT_EQ(this->store_->SavedArticles(d.ana, 1, 1).value().articles[0].id, d.w2);
  EXPECT_EQ(this->store_->SavedArticles(d.bob, 10, 0).value().total, 0);
  EXPECT_EQ(this->store_->SavedArticles(d.ana, 0, 0).error().code, ErrorCode::kInvalidArgument);

  ReaderStreamQuery starred;
  starred.user_id = d.ana;
  starred.scope = ReaderStreamQuery::Scope::kSaved;
  items = this->store_->ReaderStream(starred).value();
  EXPECT_EQ(Ids(items), (std::vector<int64_t>{d.w2, d.w1}));
  EXPECT_EQ(items[1].saved_at, second);
  ASSERT_TRUE(this->store_->SetSaved(d.ana, {d.w2}, false));
  EXPECT_EQ(Ids(this->store_->ReaderStream(starred)), (std::vector<int64_t>{d.w1}));
  // Saving an article from no subscription works (the article page's button).
  ASSERT_TRUE(this->store_->SetSaved(d.bob, {d.s1}, true));
  starred.user_id = d.bob;
  EXPECT_EQ(Ids(this->store_->ReaderStream(starred)), (std::vector<int64_t>{d.s1}));

  // A reader's state changes no shared page.
  EXPECT_EQ(this->Gen(), gen);
  EXPECT_EQ(this->store_->SetRead(999, {d.w1}, true).error().code, ErrorCode::kNotFound);
  // Deleting an article forgets its marks.
  ASSERT_TRUE(this->store_->DeleteArticle(d.w1));
  EXPECT_EQ(this->store_->SavedArticles(d.ana, 10, 0).value().total, 0);
}

TYPED_TEST(StoreTest, AppKeysFindTheirReader) {
  const int64_t ana = this->store_->AddAccount(User{0, "ana", "reader", {}}, "h").value();
  const int64_t bob = this->store_->AddAccount(User{0, "bob", "reader", {}}, "h").value();
  auto none = this->store_->AppKeyUser("k1");
  ASSERT_TRUE(none) << none.error().ToString();
  EXPECT_FALSE(*none);
  auto set = this->store_->SetAppKeyHash(ana, "k1");
  ASSERT_TRUE(set) << set.error().ToString();
  EXPECT_EQ(this->store_->AppKeyUser("k1").value()->name, "ana");
  ASSERT_TRUE(this->store_->SetAppKeyHash(ana, "k2"));  // a new key replaces the old
  EXPECT_FALSE(this->store_->AppKeyUser("k1").value());
  EXPECT_EQ(this->store_->AppKeyUser("k2").value()->id, ana);
  EXPECT_EQ(this->store_->SetAppKeyHash(bob, "k2").error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->store_->SetAppKeyHash(999, "k3").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(this->store_->SetAppKeyHash(ana, ""));
  EXPECT_FALSE(this->store_->AppKeyUser("k2").value());
}

}  // namespace
}  // namespace wiredesk::store
