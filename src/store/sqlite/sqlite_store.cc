// SqliteStore: the Store interface over one SQLite connection (see sqlite_db.h for the RAII,
// migrations.cc for the schema).
#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/article_json.h"
#include "core/text.h"
#include "core/url.h"
#include "store/article_identity.h"
#include "store/search_terms.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store_accounts.h"
#include "store/sqlite/sqlite_store_reader.h"
#include "store/sqlite/sqlite_store_stories.h"
#include "store/sqlite/summary_columns.h"

namespace wiredesk::store::sqlite {

namespace {

using nlohmann::json;

// A writer in another process holds the lock for one article's transaction (milliseconds);
// five seconds of waiting means something is wrong, and the caller hears about it.
constexpr int kBusyTimeoutMs = 5000;

constexpr int kSnippetTokens = 24;

// FTS5 query text for the terms: each one a quoted string (so nothing in it is syntax), '*'
// after it for a prefix, separated by spaces, which FTS5 reads as AND. Inside quotes FTS5
// tokenizes the words as it tokenized the document, so a "phrase" stays a phrase.
std::string ToFts5Match(const std::vector<SearchTerm>& terms) {
  std::string out;
  for (const SearchTerm& t : terms) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : t.text) {
      if (c == '"') out += '"';  // FTS5 escapes a quote by doubling it
      out += c;
    }
    out += '"';
    if (t.prefix) out += '*';
  }
  return out;
}

// A JSON array of the ids, for json_each().
std::string IdList(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (const int64_t id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  return out + ']';
}

Result<int64_t> MaxArticleId(Database& db) {
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare("SELECT coalesce(max(id), 0) FROM articles"));
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? q.Int64(0) : 0;
}

// The newest rows matching an FTS5 expression, and how many match in all.
struct Matches {
  std::vector<int64_t> newest;  // descending, kSearchExactTotal + 1 at most
  int64_t rows = 0;
  bool estimated = false;  // more than kSearchExactTotal: `rows` is an estimate
};

// FTS5 walks its doclists in descending rowid order and stops at the LIMIT, so a word in every
// article costs what a rare one does. Beyond kSearchExactTotal the matches are taken to be as
// dense among all the ids as among those the walk covered.
Result<Matches> NewestMatches(Database& db, const std::string& match, int64_t max_id) {
  Matches m;
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare("SELECT rowid FROM articles_fts "
                                          "WHERE articles_fts MATCH ?1 "
                                          "ORDER BY rowid DESC LIMIT ?2"));
  q.Bind(1, std::string_view(match)).Bind(2, kSearchExactTotal + 1);
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    m.newest.push_back(q.Int64(0));
  }
  const auto walked = static_cast<int64_t>(m.newest.size());
  m.rows = walked;
  if (walked > kSearchExactTotal) {
    const int64_t covered = std::max<int64_t>(1, max_id - m.newest.back() + 1);
    m.estimated = true;
    m.rows = std::min(max_id, std::max(walked, walked * max_id / covered));
  }
  return m;
}

class SqliteStore final : public SqliteReaderState {
 public:
  SqliteStore(std::unique_ptr<Database> db, const Clock* clock)
      : db_(std::move(db)), clock_(clock != nullptr ? clock : &system_clock_) {}

  Result<std::optional<Article>> FindArticle(int64_t id) override;
  Result<std::optional<int64_t>> FindArticleIdByUrl(std::string_view identity_url) override;
  Result<ArticlePage> LatestArticles(int limit, int offset) override;
  Result<SearchResults> Search(const SearchQuery& query) override;
  Result<std::vector<Tag>> TagsOf(int64_t article_id) override;
  Result<std::vector<Source>> Sources() override;
  Result<int64_t> CountArticles() override;
  Result<int64_t> Generation() override;

  Result<UpsertOutcome> UpsertArticle(const Article& article) override;
  Status DeleteArticle(int64_t id) override;
  Status SetTags(int64_t article_id, const std::vector<Tag>& tags) override;
  Status SetInsights(int64_t article_id, const ArticleInsights& insights) override;
  Result<std::optional<ArticleInsights>> InsightsOf(int64_t article_id) override;
  Result<ArticlePage> ArticlesTagged(std::string_view tag, int limit, int offset) override;
  Result<int64_t> AddUser(const User& user) override;
  Result<int64_t> AddComment(const Comment& comment) override;

  Result<std::vector<FeedRecord>> ListFeeds() override;
  Result<int64_t> AddFeed(const FeedSubscription& feed) override;
  Result<std::optional<FeedRecord>> FindFeed(std::string_view url) override;
  Status RemoveFeed(std::string_view url) override;
  Result<std::vector<FeedRecord>> DueFeeds(Instant now, int limit) override;
  Status RecordFeedFetch(int64_t feed_id, const FeedFetchUpdate& update) override;
  Result<bool> EntrySeen(int64_t feed_id, std::string_view guid) override;
  Result<bool> MarkEntrySeen(int64_t feed_id, std::string_view guid, int64_t article_id) override;

  // Stories (sqlite_store_stories.cc), each under the connection's lock.
  Result<StoryPage> ListStories(int limit, int offset) override {
    std::lock_guard lock(mu_);
    return stories::List(*db_, limit, offset);
  }
  Result<std::optional<StoryDetail>> FindStory(int64_t story_id) override {
    std::lock_guard lock(mu_);
    return stories::Find(*db_, story_id);
  }
  Result<std::optional<int64_t>> StoryOf(int64_t article_id) override {
    std::lock_guard lock(mu_);
    return stories::StoryOf(*db_, article_id);
  }
  Result<std::vector<RelatedArticle>> RelatedArticles(int64_t article_id, int limit) override {
    std::lock_guard lock(mu_);
    return stories::Related(*db_, article_id, limit);
  }
  Result<std::vector<ArticleSummary>> AlsoPublishedBy(int64_t article_id) override {
    std::lock_guard lock(mu_);
    return stories::AlsoPublishedBy(*db_, article_id);
  }
  Result<std::optional<int64_t>> FindArticleIdByTitle(std::string_view source,
                                                      std::string_view title) override {
    std::lock_guard lock(mu_);
    return stories::FindArticleIdByTitle(*db_, source, title);
  }
  Result<std::vector<StoryInput>> ArticlesInTimeOrder(std::optional<TimeCursor> after,
                                                      int limit) override {
    std::lock_guard lock(mu_);
    return stories::InTimeOrder(*db_, after, limit);
  }
  Result<int64_t> FileInStory(int64_t article_id, int64_t story_id) override {
    const Instant now = clock_->Now();
    std::lock_guard lock(mu_);
    return stories::File(*db_, now, article_id, story_id);
  }
  Status MergeStories(int64_t from, int64_t into) override {
    std::lock_guard lock(mu_);
    return stories::Merge(*db_, from, into);
  }
  Status MarkCopy(int64_t copy_id, int64_t canonical_id) override {
    std::lock_guard lock(mu_);
    return stories::MarkCopy(*db_, copy_id, canonical_id);
  }
  Status ClearStories() override {
    std::lock_guard lock(mu_);
    return stories::Clear(*db_);
  }

 private:
  // Every write transaction ends with this, so Generation() moves with each commit, whichever
  // connection or process made it, and never for a write that rolled back.
  Status BumpGeneration();
  Result<int64_t> FindOrAddSource(const Source& source, const Article& article);
  Result<bool> ArticleExists(int64_t id);
  // What SqliteAccounts (sqlite_store_accounts.cc) works on.
  Database& Db() override { return *db_; }
  std::mutex& Mutex() override { return mu_; }
  const Clock& StoreClock() const override { return *clock_; }

  // One connection, one mutex: SQLite connections are not for concurrent use, and the
  // server's reads are short. Enough for now; a pool of read-only connections (WAL lets them
  // read while this one writes) is the next step if readers queue up behind each other.
  std::mutex mu_;
  SystemClock system_clock_;
  std::unique_ptr<Database> db_;
  const Clock* clock_;
};

// ---- Reads -------------------------------------------------------------------------------

Result<std::optional<Article>> SqliteStore::FindArticle(int64_t id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(
      Query q,
      db_->Prepare("SELECT a.id, a.url, a.canonical_url, a.title, a.dek, a.byline, a.published, "
                   "a.captured, a.language, a.rights, a.text, a.blocks, a.images, a.related, "
                   "s.id, s.name, s.url "
                   "FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?1"));
  q.Bind(1, id);
  WD_ASSIGN_OR_RETURN(const bool found, q.Step());
  if (!found) return std::optional<Article>();

  // The JSON columns go back through core's one Article <-> JSON mapping.
  json parts = json::object();
  const char* keys[] = {"blocks", "images", "related"};
  for (int i = 0; i < 3; ++i) {
    json part = json::parse(q.Text(11 + i), nullptr, /*allow_exceptions=*/false);
    if (part.is_discarded()) {
      return Fail(ErrorCode::kStorage,
                  "article " + std::to_string(id) + " has unreadable " + keys[i] + " JSON",
                  db_->Path());
    }
    parts[keys[i]] = std::move(part);
  }
  WD_ASSIGN_OR_RETURN(Article a, ArticleFromJson(parts));
  a.id = q.Int64(0);
  a.url = q.Text(1);
  a.canonical_url = q.Text(2);
  a.title = q.Text(3);
  a.dek = q.Text(4);
  a.byline = q.Text(5);
  a.published = q.OptionalTime(6);
  a.captured = q.Time(7);
  a.language = q.Text(8);
  a.rights = q.Text(9);
  a.text = q.Text(10);
  a.source = Source{q.Int64(14), q.Text(15), q.Text(16)};
  return std::optional<Article>(std::move(a));
}

Result<std::optional<int64_t>> SqliteStore::FindArticleIdByUrl(std::string_view identity_url) {
  std::lock_guard lock(mu_);
  if (identity_url.empty()) return std::optional<int64_t>();
  // Two indexed lookups; the identity wins when both match different articles.
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT id FROM articles WHERE identity_url = ?1 "
                                            "UNION ALL SELECT id FROM articles WHERE url = ?1 "
                                            "LIMIT 1"));
  q.Bind(1, identity_url);
  WD_ASSIGN_OR_RETURN(const bool found, q.Step());
  return found ? std::optional<int64_t>(q.Int64(0)) : std::nullopt;
}

Result<ArticlePage> SqliteStore::LatestArticles(int limit, int offset) {
  WD_RETURN_IF_ERROR(CheckPage(limit, offset));
  limit = std::min(limit, kMaxPageSize);
  std::lock_guard lock(mu_);
  // One snapshot for the count and the page, so a concurrent insert cannot make them disagree.
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  ArticlePage page;
  {
    // Syndicated copies are left out: the list shows their canonical article once. Every copy
    // row names a stored article once (copy_id is the key and a foreign key), so the total is
    // a difference of two counts, which SQLite answers from the smallest index of each table;
    // a NOT EXISTS per article read every row (12 ms at 100k articles, 126 ms at 1M).
    WD_ASSIGN_OR_RETURN(Query count, db_->Prepare("SELECT (SELECT count(*) FROM articles) - "
                                                  "(SELECT count(*) FROM article_copies)"));
    WD_ASSIGN_OR_RETURN(const bool row, count.Step());
    page.total = row ? count.Int64(0) : 0;
  }
  WD_ASSIGN_OR_RETURN(Query q,
                      db_->Prepare("SELECT " WD_SUMMARY_COLUMNS
                                   " FROM articles a JOIN sources s ON s.id = a.source_id "
                                   "WHERE NOT EXISTS (SELECT 1 FROM article_copies c "
                                   "WHERE c.copy_id = a.id) "
                                   "ORDER BY coalesce(a.published, a.captured) DESC, a.id DESC "
                                   "LIMIT ?1 OFFSET ?2"));
  q.Bind(1, int64_t{limit}).Bind(2, int64_t{offset});
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    page.articles.push_back(ReadSummary(q));
  }
  return page;
}

Result<SearchResults> SqliteStore::Search(const SearchQuery& query) {
  WD_RETURN_IF_ERROR(CheckPage(query.limit, query.offset));
  const int limit = std::min(query.limit, kMaxPageSize);
  WD_ASSIGN_OR_RETURN(const std::vector<SearchTerm> terms, ParseSearchTerms(query.text));
  SearchResults results;
  if (terms.empty()) return results;  // nothing searchable in it: no hits, not an error
  const std::string match = ToFts5Match(terms);
  // Twice the page's end: syndicated copies among the candidates fold into one hit.
  const int64_t candidates =
      std::max<int64_t>(kSearchRankCandidates, 2 * (int64_t{query.offset} + limit));

  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  WD_ASSIGN_OR_RETURN(const int64_t max_id, MaxArticleId(*db_));
  WD_ASSIGN_OR_RETURN(const Matches all, NewestMatches(*db_, match, max_id));
  const std::vector<int64_t>& newest = all.newest;
  if (newest.empty()) return results;
  const int64_t matched = static_cast<int64_t>(newest.size());
  if (all.estimated) {
    results.total_estimated = true;
    results.total = all.rows;
  } else {
    // Hits, not matching rows: a syndicated copy counts as its canonical article. The walk
    // read every match, so the count reads the ids it found rather than the index again.
    WD_ASSIGN_OR_RETURN(
        Query q, db_->Prepare("SELECT count(DISTINCT coalesce(c.canonical_id, j.value)) FROM "
                              "json_each(?1) j LEFT JOIN article_copies c ON c.copy_id = j.value"));
    q.Bind(1, std::string_view(IdList(newest)));
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    results.total = row ? q.Int64(0) : matched;
  }
  if (query.offset >= results.total) return results;
  // The candidates: the newest `candidates` matches (every match when there are no more), and
  // the newest as many title matches, which rank far above body ones and may be older.
  const int64_t body_from = newest[static_cast<size_t>(std::min(matched, candidates)) - 1];
  std::vector<int64_t> title_ids;
  if (matched > candidates) {
    WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT rowid FROM articles_fts "
                                              "WHERE articles_fts MATCH ?1 "
                                              "ORDER BY rowid DESC LIMIT ?2"));
    q.Bind(1, "title : (" + match + ")").Bind(2, candidates);
    while (true) {
      WD_ASSIGN_OR_RETURN(const bool row, q.Step());
      if (!row) break;
      title_ids.push_back(q.Int64(0));
    }
  }
  // Title candidates older than the body ones: when they lie far back and the query is a
  // phrase or several terms (rare in titles), a pass over the range down to them would check
  // every article holding the words again, so FTS5 seeks each of them instead (a rowid IN
  // list: one lookup per value, which costs about what the range pass spends on kSeekSpan
  // articles). For one word the range pass reads only its matches, which costs less.
  constexpr int64_t kSeekSpan = 1024;
  const bool words_may_not_match = terms.size() > 1 || terms[0].phrase;
  std::vector<int64_t> older_titles;
  for (const int64_t id : title_ids) {
    if (id < body_from) older_titles.push_back(id);
  }
  const bool seek_titles =
      words_may_not_match && !older_titles.empty() &&
      body_from - older_titles.back() > kSeekSpan * static_cast<int64_t>(older_titles.size());
  const int64_t from = seek_titles || older_titles.empty() ? body_from : older_titles.back();
  // bm25's IDF needs each term's number of matching rows (search_rank.h): one term's is the
  // walk's; several terms each take a walk of their own, which stops at kSearchExactTotal + 1.
  std::string rows_per_term;
  if (terms.size() == 1) {
    rows_per_term = std::to_string(all.rows);
  } else {
    for (const SearchTerm& term : terms) {
      WD_ASSIGN_OR_RETURN(const Matches one, NewestMatches(*db_, ToFts5Match({term}), max_id));
      // A term that matches nothing alone, when all of them together match, is one the
      // tokenizer read as no word at all ("\xef\xbf\xbd"): FTS5 left it out of the expression.
      if (one.rows == 0) continue;
      if (!rows_per_term.empty()) rows_per_term += ' ';
      rows_per_term += std::to_string(one.rows);
    }
  }
  // wd_bm25 is computed in one pass over the rowid range the candidates span (down to `from`),
  // only for the rows that are candidates ('+' keeps those tests away from FTS5), plus the
  // seeks of old title candidates above. Seeking every candidate cost more on the bench: a
  // range of a word's matches is read for less than a seek each costs. Syndicated
  // copies fold into their canonical article (a copy never has copies of its own: MarkCopy
  // points copies of copies at the first publication), shown once with the best score of its
  // publications; min() makes SQLite take the bare `best` column from that best-scoring row,
  // whose snippet is shown. MATERIALIZED: an auxiliary function works only in the full-text
  // query itself, not in an aggregate over it.
  struct PageRow {
    size_t hit;
    int64_t best;
  };
  std::vector<PageRow> page;
  {
    WD_ASSIGN_OR_RETURN(
        Query q,
        db_->Prepare("WITH m AS MATERIALIZED (SELECT articles_fts.rowid AS id, "
                     " wd_bm25(articles_fts, ?2, ?3, ?4) AS rank FROM articles_fts "
                     " WHERE articles_fts MATCH ?1 AND articles_fts.rowid >= ?5 "
                     " AND (+articles_fts.rowid >= ?6 "
                     "  OR +articles_fts.rowid IN (SELECT value FROM json_each(?7))) "
                     " UNION ALL SELECT articles_fts.rowid, "
                     " wd_bm25(articles_fts, ?2, ?3, ?4) FROM articles_fts "
                     " WHERE articles_fts MATCH ?1 "
                     " AND articles_fts.rowid IN (SELECT value FROM json_each(?10))), "
                     "folded AS (SELECT coalesce(c.canonical_id, m.id) AS aid, m.id AS best, "
                     " min(m.rank) AS score FROM m "
                     " LEFT JOIN article_copies c ON c.copy_id = m.id GROUP BY 1) "
                     "SELECT " WD_SUMMARY_COLUMNS ", f.best, f.score "
                     "FROM folded f JOIN articles a ON a.id = f.aid "
                     "JOIN sources s ON s.id = a.source_id "
                     "ORDER BY f.score, a.id DESC LIMIT ?8 OFFSET ?9"));
    q.Bind(1, match)
        .Bind(2, kSearchTitleWeight)
        .Bind(3, kSearchTextWeight)
        .Bind(4, std::string_view(rows_per_term))
        .Bind(5, from)
        .Bind(6, body_from)
        .Bind(7, std::string_view(IdList(seek_titles ? std::vector<int64_t>{} : older_titles)))
        .Bind(8, int64_t{limit})
        .Bind(9, int64_t{query.offset})
        .Bind(10, std::string_view(IdList(seek_titles ? older_titles : std::vector<int64_t>{})));
    while (true) {
      WD_ASSIGN_OR_RETURN(const bool row, q.Step());
      if (!row) break;
      SearchHit hit;
      hit.article = ReadSummary(q);
      hit.score = -q.Double(kSummaryColumnCount + 1);
      page.push_back({results.hits.size(), q.Int64(kSummaryColumnCount)});
      results.hits.push_back(std::move(hit));
    }
  }
  // snippet() on the text column (1) of the page's rows only: it reads and tokenizes the
  // article's text. The title is shown above it anyway.
  for (const PageRow& row : page) {
    WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT snippet(articles_fts, 1, ?2, ?3, ?4, ?5) "
                                              "FROM articles_fts "
                                              "WHERE articles_fts MATCH ?1 AND rowid = ?6"));
    q.Bind(1, match)
        .Bind(2, std::string_view(&kMarkOpen, 1))
        .Bind(3, std::string_view(&kMarkClose, 1))
        .Bind(4, std::string_view("…"))
        .Bind(5, int64_t{kSnippetTokens})
        .Bind(6, row.best);
    WD_ASSIGN_OR_RETURN(const bool found, q.Step());
    if (found) results.hits[row.hit].snippet = q.Text(0);
  }
  return results;
}

Result<std::vector<Tag>> SqliteStore::TagsOf(int64_t article_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT t.id, t.name, t.kind FROM article_tags at "
                                            "JOIN tags t ON t.id = at.tag_id "
                                            "WHERE at.article_id = ?1 ORDER BY at.position"));
  q.Bind(1, article_id);
  std::vector<Tag> tags;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    tags.push_back(Tag{q.Int64(0), q.Text(1), ParseTagKind(q.Text(2)).value_or(TagKind::kTopic)});
  }
  return tags;
}

Result<std::vector<Source>> SqliteStore::Sources() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT id, name, url FROM sources ORDER BY name, id"));
  std::vector<Source> sources;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    sources.push_back(Source{q.Int64(0), q.Text(1), q.Text(2)});
  }
  return sources;
}

Result<int64_t> SqliteStore::CountArticles() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT count(*) FROM articles"));
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? q.Int64(0) : 0;
}

// The counter in `meta`, not PRAGMA data_version: data_version does not change for this
// connection's own writes and differs between connections, so it cannot be a cache key that
// two server processes agree on. Reading the counter is one lookup in a one-row table; each
// call starts a fresh read snapshot, so a commit by another process is seen at once.
Result<int64_t> SqliteStore::Generation() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT value FROM meta WHERE key = 'generation'"));
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return Fail(ErrorCode::kStorage, "the meta table has no generation row", db_->Path());
  return q.Int64(0);
}

// ---- Writes ------------------------------------------------------------------------------

Status SqliteStore::BumpGeneration() {
  WD_ASSIGN_OR_RETURN(Query q,
                      db_->Prepare("UPDATE meta SET value = value + 1 WHERE key = 'generation'"));
  return q.Run();
}

Result<bool> SqliteStore::ArticleExists(int64_t id) {
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT 1 FROM articles WHERE id = ?1"));
  q.Bind(1, id);
  return q.Step();
}

// A source is known by its name (case-insensitive). An article whose source has no name is
// filed under its site's host ("reuters.com"). A URL learnt later fills in an empty one.
Result<int64_t> SqliteStore::FindOrAddSource(const Source& source, const Article& article) {
  std::string name = CollapseWhitespace(source.name);
  if (name.empty()) name = DisplayHost(source.url);
  if (name.empty()) name = DisplayHost(article.IdentityUrl());
  if (name.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "article has no source name and no URL to name one by",
                article.title);
  }
  {
    WD_ASSIGN_OR_RETURN(Query find, db_->Prepare("SELECT id, url FROM sources WHERE name = ?1"));
    find.Bind(1, name);
    WD_ASSIGN_OR_RETURN(const bool found, find.Step());
    if (found) {
      const int64_t id = find.Int64(0);
      if (find.Text(1).empty() && !source.url.empty()) {
        WD_ASSIGN_OR_RETURN(Query fill, db_->Prepare("UPDATE sources SET url = ?2 WHERE id = ?1"));
        fill.Bind(1, id).Bind(2, source.url);
        WD_RETURN_IF_ERROR(fill.Run());
      }
      return id;
    }
  }
  WD_ASSIGN_OR_RETURN(Query add, db_->Prepare("INSERT INTO sources (name, url) VALUES (?1, ?2)"));
  add.Bind(1, name).Bind(2, source.url);
  WD_RETURN_IF_ERROR(add.Run());
  return db_->LastInsertRowid();
}

Result<UpsertOutcome> SqliteStore::UpsertArticle(const Article& article) {
  WD_ASSIGN_OR_RETURN(const std::string key, IdentityKey(article));
  const json j = ArticleToJson(article);
  const std::string hash = ContentHash(j);
  auto dump = [&j](const char* field) {
    return j.at(field).dump(-1, ' ', false, json::error_handler_t::replace);
  };
  const std::string blocks = dump("blocks");
  const std::string images = dump("images");
  const std::string related = dump("related");
  const Instant now = clock_->Now();

  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  std::optional<int64_t> existing;
  {
    WD_ASSIGN_OR_RETURN(Query find, db_->Prepare("SELECT id, content_hash FROM articles "
                                                 "WHERE identity_url = ?1"));
    find.Bind(1, key);
    WD_ASSIGN_OR_RETURN(const bool found, find.Step());
    if (found) {
      // Same bytes as stored: nothing to write, nothing for caches to notice. The
      // transaction ends with a rollback of nothing.
      if (find.Text(1) == hash) return UpsertOutcome{find.Int64(0), UpsertKind::kUnchanged};
      existing = find.Int64(0);
    }
  }
  WD_ASSIGN_OR_RETURN(const int64_t source_id, FindOrAddSource(article.source, article));

  // The same parameter numbers in both statements, so one binding serves either.
  WD_ASSIGN_OR_RETURN(
      Query write,
      existing ? db_->Prepare(
                     "UPDATE articles SET url = ?2, canonical_url = ?3, title = ?4, dek = ?5, "
                     "byline = ?6, published = ?7, captured = ?8, language = ?9, rights = ?10, "
                     "text = ?11, blocks = ?12, images = ?13, related = ?14, content_hash = ?15, "
                     "updated_at = ?16, source_id = ?17 WHERE id = ?18")
               : db_->Prepare(
                     "INSERT INTO articles (identity_url, url, canonical_url, title, dek, byline, "
                     "published, captured, language, rights, text, blocks, images, related, "
                     "content_hash, first_seen_at, updated_at, source_id) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                     "?16, ?16, ?17)"));
  if (!existing) write.Bind(1, key);
  write.Bind(2, article.url)
      .Bind(3, article.canonical_url)
      .Bind(4, article.title)
      .Bind(5, article.dek)
      .Bind(6, article.byline)
      .Bind(7, article.published)
      .Bind(8, article.captured)
      .Bind(9, article.language)
      .Bind(10, article.rights)
      .Bind(11, article.text)
      .Bind(12, blocks)
      .Bind(13, images)
      .Bind(14, related)
      .Bind(15, hash)
      .Bind(16, now)
      .Bind(17, source_id);
  if (existing) write.Bind(18, *existing);
  WD_RETURN_IF_ERROR(write.Run());
  const int64_t id = existing ? *existing : db_->LastInsertRowid();

  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return UpsertOutcome{id, existing ? UpsertKind::kUpdated : UpsertKind::kAdded};
}

Status SqliteStore::DeleteArticle(int64_t id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  {
    // Tags, comments and story links go with it (ON DELETE CASCADE), the index entry by trigger.
    WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("DELETE FROM articles WHERE id = ?1"));
    q.Bind(1, id);
    WD_RETURN_IF_ERROR(q.Run());
  }
  if (db_->Changes() == 0) {
    return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(id), db_->Path());
  }
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Status SqliteStore::SetTags(int64_t article_id, const std::vector<Tag>& tags) {
  for (const Tag& t : tags) {
    if (Trim(t.name).empty()) return Fail(ErrorCode::kInvalidArgument, "a tag needs a name");
  }
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(const bool exists, ArticleExists(article_id));
  if (!exists) {
    return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(article_id),
                db_->Path());
  }
  {
    WD_ASSIGN_OR_RETURN(Query clear,
                        db_->Prepare("DELETE FROM article_tags WHERE article_id = ?1"));
    clear.Bind(1, article_id);
    WD_RETURN_IF_ERROR(clear.Run());
  }
  int64_t position = 0;
  for (const Tag& t : tags) {
    const std::string name(Trim(t.name));
    const std::string_view kind = TagKindName(t.kind);
    {
      WD_ASSIGN_OR_RETURN(Query add, db_->Prepare("INSERT INTO tags (name, kind) VALUES (?1, ?2) "
                                                  "ON CONFLICT (name, kind) DO NOTHING"));
      add.Bind(1, name).Bind(2, kind);
      WD_RETURN_IF_ERROR(add.Run());
    }
    // A tag listed twice keeps its first position.
    WD_ASSIGN_OR_RETURN(Query link,
                        db_->Prepare("INSERT INTO article_tags (article_id, tag_id, position) "
                                     "SELECT ?1, id, ?4 FROM tags WHERE name = ?2 AND kind = ?3 "
                                     "ON CONFLICT (article_id, tag_id) DO NOTHING"));
    link.Bind(1, article_id).Bind(2, name).Bind(3, kind).Bind(4, position++);
    WD_RETURN_IF_ERROR(link.Run());
  }
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Status SqliteStore::SetInsights(int64_t article_id, const ArticleInsights& insights) {
  const std::string data = InsightsToJson(insights).dump(-1, ' ', false,
                                                         json::error_handler_t::replace);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(const bool exists, ArticleExists(article_id));
  if (!exists) {
    return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(article_id),
                db_->Path());
  }
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("INSERT INTO article_insights (article_id, data, "
                                            "computed_at) VALUES (?1, ?2, ?3) "
                                            "ON CONFLICT (article_id) DO UPDATE SET "
                                            "data = excluded.data, "
                                            "computed_at = excluded.computed_at"));
  q.Bind(1, article_id).Bind(2, data).Bind(3, insights.computed_at);
  WD_RETURN_IF_ERROR(q.Run());
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Result<std::optional<ArticleInsights>> SqliteStore::InsightsOf(int64_t article_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q,
                      db_->Prepare("SELECT data FROM article_insights WHERE article_id = ?1"));
  q.Bind(1, article_id);
  WD_ASSIGN_OR_RETURN(const bool found, q.Step());
  if (!found) return std::optional<ArticleInsights>();
  const json j = json::parse(q.Text(0), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Fail(ErrorCode::kStorage,
                "article " + std::to_string(article_id) + " has unreadable insights JSON",
                db_->Path());
  }
  WD_ASSIGN_OR_RETURN(ArticleInsights insights, InsightsFromJson(j));
  return std::optional<ArticleInsights>(std::move(insights));
}

Result<ArticlePage> SqliteStore::ArticlesTagged(std::string_view tag, int limit, int offset) {
  WD_RETURN_IF_ERROR(CheckPage(limit, offset));
  limit = std::min(limit, kMaxPageSize);
  const std::string name(Trim(tag));
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  ArticlePage page;
  // tags.name is COLLATE NOCASE and UNIQUE (name, kind): one indexed lookup per kind. Copies
  // are left out, as in every list.
  constexpr const char* kTagged =
      " FROM articles a JOIN sources s ON s.id = a.source_id "
      "WHERE a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id "
      "WHERE t.name = ?1) "
      "AND NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = a.id)";
  {
    const std::string sql = std::string("SELECT count(*)") + kTagged;
    WD_ASSIGN_OR_RETURN(Query count, db_->Prepare(sql.c_str()));
    count.Bind(1, name);
    WD_ASSIGN_OR_RETURN(const bool row, count.Step());
    page.total = row ? count.Int64(0) : 0;
  }
  if (page.total == 0) return page;
  const std::string sql = std::string("SELECT " WD_SUMMARY_COLUMNS) + kTagged +
                          " ORDER BY coalesce(a.published, a.captured) DESC, a.id DESC "
                          "LIMIT ?2 OFFSET ?3";
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare(sql.c_str()));
  q.Bind(1, name).Bind(2, int64_t{limit}).Bind(3, int64_t{offset});
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    page.articles.push_back(ReadSummary(q));
  }
  return page;
}

Result<int64_t> SqliteStore::AddUser(const User& user) {
  const std::string name = CollapseWhitespace(user.name);
  if (name.empty()) return Fail(ErrorCode::kInvalidArgument, "a user needs a name");
  const std::string role = user.role.empty() ? "reader" : user.role;
  if (role != "reader" && role != "moderator" && role != "admin") {
    return Fail(ErrorCode::kInvalidArgument,
                "user role must be reader, moderator or admin, not '" + role + "'", name);
  }
  const Instant created = user.created == Instant{} ? clock_->Now() : user.created;

  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("INSERT INTO users (name, role, created) "
                                              "VALUES (?1, ?2, ?3)"));
    q.Bind(1, name).Bind(2, role).Bind(3, created);
    if (auto st = q.Run(); !st) {
      if (st.error().code == ErrorCode::kConflict) {
        return Fail(ErrorCode::kConflict, "a user with this name already exists", name);
      }
      return Fail(st.error());
    }
  }
  const int64_t id = db_->LastInsertRowid();
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return id;
}

Result<int64_t> SqliteStore::AddComment(const Comment& comment) {
  if (Trim(comment.body).empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a comment needs a body");
  }
  const Instant created = comment.created == Instant{} ? clock_->Now() : comment.created;
  std::string author = CollapseWhitespace(comment.author_name);

  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(const bool exists, ArticleExists(comment.article_id));
  if (!exists) {
    return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(comment.article_id),
                db_->Path());
  }
  if (comment.parent_id) {
    WD_ASSIGN_OR_RETURN(Query parent,
                        db_->Prepare("SELECT article_id FROM comments WHERE id = ?1"));
    parent.Bind(1, *comment.parent_id);
    WD_ASSIGN_OR_RETURN(const bool found, parent.Step());
    if (!found) {
      return Fail(ErrorCode::kNotFound,
                  "no comment with id " + std::to_string(*comment.parent_id) + " to reply to");
    }
    if (parent.Int64(0) != comment.article_id) {
      return Fail(ErrorCode::kInvalidArgument, "a reply must be on the same article as its parent");
    }
  }
  if (comment.user_id != 0) {
    WD_ASSIGN_OR_RETURN(Query user, db_->Prepare("SELECT name FROM users WHERE id = ?1"));
    user.Bind(1, comment.user_id);
    WD_ASSIGN_OR_RETURN(const bool found, user.Step());
    if (!found) {
      return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(comment.user_id));
    }
    if (author.empty()) author = user.Text(0);
  }
  if (author.empty()) return Fail(ErrorCode::kInvalidArgument, "a comment needs an author");
  {
    WD_ASSIGN_OR_RETURN(
        Query q, db_->Prepare("INSERT INTO comments (article_id, parent_id, user_id, author_name, "
                              "body, created, hidden) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    q.Bind(1, comment.article_id);
    if (comment.parent_id)
      q.Bind(2, *comment.parent_id);
    else
      q.BindNull(2);
    if (comment.user_id != 0)
      q.Bind(3, comment.user_id);
    else
      q.BindNull(3);
    q.Bind(4, author).Bind(5, comment.body).Bind(6, created).Bind(7, int64_t{comment.hidden});
    WD_RETURN_IF_ERROR(q.Run());
  }
  const int64_t id = db_->LastInsertRowid();
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return id;
}

// ---- Feeds ---------------------------------------------------------------------------------

// The FeedRecord columns, in ReadFeed's order; `f` is feeds. Constant SQL text only.
#define WD_FEED_COLUMNS                                                                    \
  "f.id, f.url, f.title, f.site_url, f.folder, f.etag, f.last_modified, f.last_error, "    \
  "f.failures, f.last_fetched_at, f.last_success_at, f.next_fetch_at, f.interval_seconds, " \
  "f.created_at, (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id)"

FeedRecord ReadFeed(const Query& q) {
  FeedRecord f;
  f.id = q.Int64(0);
  f.url = q.Text(1);
  f.title = q.Text(2);
  f.site_url = q.Text(3);
  f.folder = q.Text(4);
  f.etag = q.Text(5);
  f.last_modified = q.Text(6);
  f.last_error = q.Text(7);
  f.failures = static_cast<int>(q.Int64(8));
  f.last_fetched_at = q.OptionalTime(9);
  f.last_success_at = q.OptionalTime(10);
  f.next_fetch_at = q.Time(11);
  f.interval_seconds = q.Int64(12);
  f.created_at = q.Time(13);
  f.entry_count = q.Int64(14);
  return f;
}

Status CheckFeedUrl(std::string_view url) {
  auto u = ParseUrl(url);
  if (!u || (u->scheme != "http" && u->scheme != "https")) {
    return Fail(ErrorCode::kInvalidArgument, "a feed URL must be an absolute http(s) URL",
                std::string(url));
  }
  return {};
}

Result<std::vector<FeedRecord>> SqliteStore::ListFeeds() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT " WD_FEED_COLUMNS " FROM feeds f "
                                            "ORDER BY f.folder, f.title COLLATE NOCASE, f.url"));
  std::vector<FeedRecord> feeds;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    feeds.push_back(ReadFeed(q));
  }
  return feeds;
}

Result<int64_t> SqliteStore::AddFeed(const FeedSubscription& feed) {
  const std::string url(Trim(feed.url));
  WD_RETURN_IF_ERROR(CheckFeedUrl(url));
  const Instant now = clock_->Now();
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  {
    // next_fetch_at 0: due at once.
    WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("INSERT INTO feeds (url, title, folder, site_url, "
                                              "next_fetch_at, created_at) "
                                              "VALUES (?1, ?2, ?3, ?4, 0, ?5)"));
    q.Bind(1, url)
        .Bind(2, CollapseWhitespace(feed.title))
        .Bind(3, std::string(Trim(feed.folder)))
        .Bind(4, std::string(Trim(feed.site_url)))
        .Bind(5, now);
    if (auto st = q.Run(); !st) {
      if (st.error().code == ErrorCode::kConflict) {
        return Fail(ErrorCode::kConflict, "already subscribed to this feed", url);
      }
      return Fail(st.error());
    }
  }
  const int64_t id = db_->LastInsertRowid();
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return id;
}

Result<std::optional<FeedRecord>> SqliteStore::FindFeed(std::string_view url) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT " WD_FEED_COLUMNS " FROM feeds f "
                                            "WHERE f.url = ?1"));
  q.Bind(1, Trim(url));
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<FeedRecord>();
  return std::optional<FeedRecord>(ReadFeed(q));
}

Status SqliteStore::RemoveFeed(std::string_view url) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("DELETE FROM feeds WHERE url = ?1"));
    q.Bind(1, Trim(url));
    WD_RETURN_IF_ERROR(q.Run());
  }
  if (db_->Changes() == 0) {
    return Fail(ErrorCode::kNotFound, "not subscribed to this feed", std::string(url));
  }
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Result<std::vector<FeedRecord>> SqliteStore::DueFeeds(Instant now, int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT " WD_FEED_COLUMNS " FROM feeds f "
                                            "WHERE f.next_fetch_at <= ?1 "
                                            "ORDER BY f.next_fetch_at, f.id LIMIT ?2"));
  q.Bind(1, now).Bind(2, int64_t{limit});
  std::vector<FeedRecord> feeds;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    feeds.push_back(ReadFeed(q));
  }
  return feeds;
}

Status SqliteStore::RecordFeedFetch(int64_t feed_id, const FeedFetchUpdate& u) {
  if (!u.new_url.empty()) WD_RETURN_IF_ERROR(CheckFeedUrl(u.new_url));
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Query find, db_->Prepare("SELECT url FROM feeds WHERE id = ?1"));
    find.Bind(1, feed_id);
    WD_ASSIGN_OR_RETURN(const bool found, find.Step());
    if (!found) return Fail(ErrorCode::kNotFound, "no feed with id " + std::to_string(feed_id));
  }
  if (!u.new_url.empty()) {
    WD_ASSIGN_OR_RETURN(Query move, db_->Prepare("UPDATE feeds SET url = ?2 WHERE id = ?1"));
    move.Bind(1, feed_id).Bind(2, std::string(Trim(u.new_url)));
    if (auto st = move.Run(); !st) {
      if (st.error().code == ErrorCode::kConflict) {
        return Fail(ErrorCode::kConflict, "the feed moved to a URL that is already subscribed",
                    u.new_url);
      }
      return Fail(st.error());
    }
  }
  {
    WD_ASSIGN_OR_RETURN(
        Query q,
        db_->Prepare("UPDATE feeds SET "
                     "title = CASE WHEN title = '' THEN ?2 ELSE title END, "
                     "site_url = CASE WHEN ?3 <> '' THEN ?3 ELSE site_url END, "
                     "etag = CASE WHEN ?4 THEN ?5 ELSE etag END, "
                     "last_modified = CASE WHEN ?4 THEN ?6 ELSE last_modified END, "
                     "last_error = ?7, failures = ?8, last_fetched_at = ?9, "
                     "last_success_at = CASE WHEN ?10 THEN ?9 ELSE last_success_at END, "
                     "next_fetch_at = ?11, interval_seconds = ?12 WHERE id = ?1"));
    q.Bind(1, feed_id)
        .Bind(2, CollapseWhitespace(u.title))
        .Bind(3, std::string(Trim(u.site_url)))
        .Bind(4, int64_t{u.update_validators})
        .Bind(5, u.etag)
        .Bind(6, u.last_modified)
        .Bind(7, u.success ? std::string() : u.error)
        .Bind(8, int64_t{u.failures})
        .Bind(9, u.fetched_at)
        .Bind(10, int64_t{u.success})
        .Bind(11, u.next_fetch_at)
        .Bind(12, u.interval_seconds);
    WD_RETURN_IF_ERROR(q.Run());
  }
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Result<bool> SqliteStore::EntrySeen(int64_t feed_id, std::string_view guid) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("SELECT 1 FROM feed_entries "
                                            "WHERE feed_id = ?1 AND guid = ?2"));
  q.Bind(1, feed_id).Bind(2, guid);
  return q.Step();
}

Result<bool> SqliteStore::MarkEntrySeen(int64_t feed_id, std::string_view guid,
                                        int64_t article_id) {
  const Instant now = clock_->Now();
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("INSERT INTO feed_entries (feed_id, guid, "
                                              "article_id, first_seen_at) VALUES (?1, ?2, ?3, ?4) "
                                              "ON CONFLICT (feed_id, guid) DO NOTHING"));
    q.Bind(1, feed_id).Bind(2, guid).Bind(4, now);
    if (article_id != 0) {
      q.Bind(3, article_id);
    } else {
      q.BindNull(3);
    }
    if (auto st = q.Run(); !st) {
      if (st.error().code == ErrorCode::kInvalidArgument) {
        return Fail(ErrorCode::kNotFound, "no feed with id " + std::to_string(feed_id) +
                                              " (or no article with id " +
                                              std::to_string(article_id) + ")");
      }
      return Fail(st.error());
    }
  }
  const bool added = db_->Changes() > 0;
  if (!added) return false;  // nothing written: the transaction rolls back nothing
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return true;
}

#undef WD_FEED_COLUMNS

// Reads one pragma's single value as text ("wal").
Result<std::string> PragmaText(Database& db, const char* pragma) {
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare(pragma));
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? q.Text(0) : std::string();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options) {
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "the database path is empty");
  if (path != ":memory:") {
    // Checked here because SQLite's own answer is a bare "unable to open database file".
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file(path);
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) {
      return Fail(ErrorCode::kStorage, "directory " + dir.string() + " does not exist", path);
    }
    if (fs::is_directory(file, ec)) {
      return Fail(ErrorCode::kStorage, "is a directory, not a database file", path);
    }
  }
  WD_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path));
  sqlite3_busy_timeout(db->Handle(), kBusyTimeoutMs);
  WD_RETURN_IF_ERROR(RegisterSearchRank(db->Handle()));
  // Before anything writes to it: never turn someone else's file into WAL mode.
  WD_RETURN_IF_ERROR(CheckIsWiredeskDatabase(*db));
  // WAL: the server's readers and the pipeline's writer (another process) do not block each
  // other. It is a property of the file, so this is a no-op after the first open.
  WD_ASSIGN_OR_RETURN(const std::string mode, PragmaText(*db, "PRAGMA journal_mode = WAL"));
  if (mode != "wal" && mode != "memory") {
    return Fail(ErrorCode::kStorage,
                "cannot use write-ahead logging (journal mode is " + mode +
                    "); is the file on a network file system?",
                path);
  }
  // NORMAL is safe in WAL mode: a power cut may lose the last commits, never corrupt the file.
  // Foreign keys are off by default in SQLite and must be enabled per connection.
  WD_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON"));
  const Clock* clock = options.clock;
  SystemClock system_clock;
  WD_RETURN_IF_ERROR(Migrate(*db, (clock != nullptr ? clock : &system_clock)->Now()));
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(db), clock));
}

}  // namespace wiredesk::store::sqlite
