// PostgresStore: the Store interface over one libpq connection (see pg_db.h for the RAII,
// migrations.cc for the schema). Answers as the SQLite store does for the same data; where
// PostgreSQL's engine differs (search ranking, snippets) the comments say how.
#include "store/postgres/postgres_store.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/article_json.h"
#include "core/text.h"
#include "core/url.h"
#include "store/article_identity.h"
#include "store/postgres/migrations.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/search_terms.h"
#include "store/snippet.h"

namespace wiredesk::store::postgres {

using nlohmann::json;

namespace {

constexpr int kSnippetWords = 24;
// Search skips counting when the planner expects more than this many times kSearchExactTotal
// matches (see Search).
constexpr int64_t kPlannedFactor = 10;
// Search walks the primary key backwards when matches^2 > this * articles (see Search).
constexpr int64_t kWalkFactor = 400;
// A hit's snippet is made from the start of its text only (store/snippet.h): news puts what
// matters first, and a match further down gets the lead as its snippet.
constexpr int kSnippetSourceChars = 1000;
// A claimed feed or job that is not finished within this long is due again: its node died.
// WIREDESK_LEASE_SECONDS shortens it (tests kill a node and wait for its leases).
constexpr std::chrono::seconds kDefaultLease{600};

std::chrono::seconds Lease() {
  static const std::chrono::seconds lease = [] {
    const char* env = std::getenv("WIREDESK_LEASE_SECONDS");
    const long long n = env != nullptr ? std::atoll(env) : 0;
    return n > 0 ? std::chrono::seconds(n) : kDefaultLease;
  }();
  return lease;
}

const char* JobKindName(JobKind kind) {
  return kind == JobKind::kEnrich ? "enrich" : "story";
}
// Upserts racing another node's insert of the same article retry this often.
constexpr int kUpsertAttempts = 3;

// One word of a tsquery, quoted: to_tsquery still runs it through the parser and the
// dictionaries, but nothing in it is syntax.
void AppendQuoted(std::string& out, std::string_view word) {
  out += '\'';
  for (char c : word) {
    if (c == '\'' || c == '\\') out += c == '\'' ? '\'' : '\\';
    out += c;
  }
  out += '\'';
}

// How ToTsQuery writes a phrase.
enum class Phrase {
  kAdjacent,  // its words joined by <-> (adjacent, in order)
  kApart,     // by & (all of them, anywhere): what the GIN index answers by itself
  // Adjacent, and all in the title or all in the text: tsv runs the title's positions into
  // the text's, where SQLite's FTS5 keeps its columns apart. (The title's lexemes are weight
  // A, the text's D.)
  kAdjacentInOneField,
};

// The terms as to_tsquery text: each phrase as `phrase` says, a prefix's last word with :*,
// terms joined by & (all must match), as FTS5 reads them.
std::string ToTsQuery(const std::vector<SearchTerm>& terms, Phrase phrase) {
  std::string out;
  for (const SearchTerm& t : terms) {
    std::vector<std::string_view> words;
    std::string_view rest = t.text;
    while (!rest.empty()) {
      const size_t start = rest.find_first_not_of(' ');
      if (start == std::string_view::npos) break;
      rest.remove_prefix(start);
      const size_t end = std::min(rest.find(' '), rest.size());
      words.push_back(rest.substr(0, end));
      rest.remove_prefix(end);
    }
    if (words.empty()) continue;
    if (!out.empty()) out += " & ";
    auto append = [&](const char* join, const char* weight) {
      out += '(';
      for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += join;
        AppendQuoted(out, words[i]);
        if (i + 1 < words.size() || !t.prefix) {
          if (*weight != '\0') out += std::string(":") + weight;
        } else {
          out += std::string(":*") + weight;
        }
      }
      out += ')';
    };
    if (phrase == Phrase::kApart) {
      append(" & ", "");
    } else if (phrase == Phrase::kAdjacent || words.size() == 1) {
      append(" <-> ", "");
    } else {
      out += '(';
      append(" <-> ", "A");
      out += " | ";
      append(" <-> ", "D");
      out += ')';
    }
  }
  return out;
}

// A PostgreSQL array literal of `values` ({"a","b"}), for a text[] or boolean[] parameter.
std::string ArrayLiteral(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

FeedRecord ReadFeed(const Rows& r, int i) {
  FeedRecord f;
  f.id = r.Int64(i, 0);
  f.url = r.Text(i, 1);
  f.title = r.Text(i, 2);
  f.site_url = r.Text(i, 3);
  f.folder = r.Text(i, 4);
  f.etag = r.Text(i, 5);
  f.last_modified = r.Text(i, 6);
  f.last_error = r.Text(i, 7);
  f.failures = static_cast<int>(r.Int64(i, 8));
  f.last_fetched_at = r.OptionalTime(i, 9);
  f.last_success_at = r.OptionalTime(i, 10);
  f.next_fetch_at = r.Time(i, 11);
  f.interval_seconds = r.Int64(i, 12);
  f.created_at = r.Time(i, 13);
  f.entry_count = r.Int64(i, 14);
  return f;
}

// The FeedRecord columns, in ReadFeed's order; `f` is feeds. Constant SQL text only.
#define WD_PG_FEED_COLUMNS                                                                 \
  "f.id, f.url, f.title, f.site_url, f.folder, f.etag, f.last_modified, f.last_error, "    \
  "f.failures, f.last_fetched_at, f.last_success_at, f.next_fetch_at, f.interval_seconds, " \
  "f.created_at, (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id)"

std::vector<FeedRecord> ReadFeeds(const Rows& r) {
  std::vector<FeedRecord> feeds;
  for (int i = 0; i < r.size(); ++i) feeds.push_back(ReadFeed(r, i));
  return feeds;
}

Status CheckFeedUrl(std::string_view url) {
  auto u = ParseUrl(url);
  if (!u || (u->scheme != "http" && u->scheme != "https")) {
    return Fail(ErrorCode::kInvalidArgument, "a feed URL must be an absolute http(s) URL",
                std::string(url));
  }
  return {};
}

// Who holds a feed's lease, for the operator: "host:pid".
std::string NodeName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

}  // namespace

ArticleSummary ReadSummary(const Rows& r, int i, int c, bool with_comments) {
  ArticleSummary s;
  s.id = r.Int64(i, c + 0);
  s.url = r.Text(i, c + 1);
  if (s.url.empty()) s.url = r.Text(i, c + 2);
  s.title = r.Text(i, c + 3);
  s.dek = r.Text(i, c + 4);
  s.byline = r.Text(i, c + 5);
  s.source = Source{r.Int64(i, c + 6), r.Text(i, c + 7), r.Text(i, c + 8)};
  s.published = r.OptionalTime(i, c + 9);
  s.captured = r.Time(i, c + 10);
  s.language = r.Text(i, c + 11);
  s.first_seen_at = r.Time(i, c + 12);
  s.updated_at = r.Time(i, c + 13);
  if (with_comments) s.comment_count = r.Int64(i, c + 14);
  return s;
}

Status CheckPage(int limit, int offset) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "page size must be at least 1");
  if (offset < 0) return Fail(ErrorCode::kInvalidArgument, "page offset must not be negative");
  return {};
}

// ---- Reads -------------------------------------------------------------------------------

Result<std::optional<Article>> PostgresStore::FindArticle(int64_t id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(
      Rows r,
      db_->Query("SELECT a.id, a.url, a.canonical_url, a.title, a.dek, a.byline, a.published, "
                 "a.captured, a.language, a.rights, a.text, a.blocks, a.images, a.related, "
                 "s.id, s.name, s.url "
                 "FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = $1",
                 Params().Add(id)));
  if (r.empty()) return std::optional<Article>();
  json parts = json::object();
  const char* keys[] = {"blocks", "images", "related"};
  for (int i = 0; i < 3; ++i) {
    json part = json::parse(r.View(0, 11 + i), nullptr, /*allow_exceptions=*/false);
    if (part.is_discarded()) {
      return Fail(ErrorCode::kStorage,
                  "article " + std::to_string(id) + " has unreadable " + keys[i] + " JSON",
                  db_->Target());
    }
    parts[keys[i]] = std::move(part);
  }
  WD_ASSIGN_OR_RETURN(Article a, ArticleFromJson(parts));
  a.id = r.Int64(0, 0);
  a.url = r.Text(0, 1);
  a.canonical_url = r.Text(0, 2);
  a.title = r.Text(0, 3);
  a.dek = r.Text(0, 4);
  a.byline = r.Text(0, 5);
  a.published = r.OptionalTime(0, 6);
  a.captured = r.Time(0, 7);
  a.language = r.Text(0, 8);
  a.rights = r.Text(0, 9);
  a.text = r.Text(0, 10);
  a.source = Source{r.Int64(0, 14), r.Text(0, 15), r.Text(0, 16)};
  return std::optional<Article>(std::move(a));
}

Result<std::optional<int64_t>> PostgresStore::FindArticleIdByUrl(std::string_view identity_url) {
  if (identity_url.empty()) return std::optional<int64_t>();
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("(SELECT id, 0 AS o FROM articles WHERE identity_url = $1) "
                                         "UNION ALL (SELECT id, 1 FROM articles WHERE url = $1 "
                                         "LIMIT 1) ORDER BY o LIMIT 1",
                                         Params().Add(identity_url)));
  if (r.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(r.Int64(0, 0));
}

Result<ArticlePage> PostgresStore::LatestArticles(int limit, int offset) {
  WD_RETURN_IF_ERROR(CheckPage(limit, offset));
  limit = std::min(limit, kMaxPageSize);
  std::lock_guard lock(mu_);
  // One snapshot for the count and the page, so a concurrent insert cannot make them disagree.
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  ArticlePage page;
  {
    // Syndicated copies are left out: the list shows their canonical article once. The
    // count is the kept article count less the copies (a small table), not a count(*).
    WD_ASSIGN_OR_RETURN(Rows count, db_->Query("SELECT (SELECT value FROM meta WHERE key = "
                                               "'articles') - (SELECT count(*) FROM article_copies)"));
    page.total = count.empty() ? 0 : count.Int64(0, 0);
  }
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_SUMMARY_COLUMNS
                                         " FROM articles a JOIN sources s ON s.id = a.source_id "
                                         "WHERE NOT EXISTS (SELECT 1 FROM article_copies c "
                                         "WHERE c.copy_id = a.id) "
                                         "ORDER BY coalesce(a.published, a.captured) DESC, "
                                         "a.id DESC LIMIT $1 OFFSET $2",
                                         Params().Add(limit).Add(offset)));
  for (int i = 0; i < r.size(); ++i) page.articles.push_back(ReadSummary(r, i));
  WD_RETURN_IF_ERROR(txn.Commit());
  return page;
}

Result<SearchResults> PostgresStore::Search(const SearchQuery& query) {
  WD_RETURN_IF_ERROR(CheckPage(query.limit, query.offset));
  const int limit = std::min(query.limit, kMaxPageSize);
  WD_ASSIGN_OR_RETURN(const std::vector<SearchTerm> terms, ParseSearchTerms(query.text));
  SearchResults results;
  const std::string tsquery = ToTsQuery(terms, Phrase::kAdjacent);
  if (tsquery.empty()) return results;  // nothing searchable in it: no hits, not an error
  // The same terms with each phrase's words only required, not adjacent: the GIN index
  // answers that by itself, where a phrase must be checked against a tsvector's positions.
  const std::string words = ToTsQuery(terms, Phrase::kApart);
  const bool has_phrase = words != tsquery;
  // What a match must pass: for a phrase, its words in a row within the title or the text.
  const std::string check = has_phrase ? ToTsQuery(terms, Phrase::kAdjacentInOneField) : tsquery;
  // The phrases of two words or more, which the GIN index finds by their pairs of adjacent
  // words (wiredesk_word_pairs(tsv), migration 12) without reading a tsvector; exactly so for
  // a two-word phrase, else the position check drops the few that hold each pair apart. The
  // other terms are looked up as their words.
  std::vector<std::string> phrases;
  std::vector<std::string> prefixes;
  std::vector<std::string> phrase_words;
  std::vector<SearchTerm> others;
  // And for bm25 (migration 15), one element per term, in the order SQLite's FTS5 numbers its
  // phrases: the term within one field, its words, and its index in `phrases` (1-based; 0 for
  // a word).
  std::vector<std::string> rank_queries;
  std::vector<std::string> rank_words;
  std::vector<std::string> rank_phrases;
  for (const SearchTerm& t : terms) {
    const std::string term_words = ToTsQuery({t}, Phrase::kApart);
    if (term_words.empty()) continue;  // no words: FTS5 leaves it out of the expression too
    if (t.phrase && t.text.find(' ') != std::string::npos) {
      phrases.push_back(t.text);
      prefixes.push_back(t.prefix ? "t" : "f");
      phrase_words.push_back(term_words);
      rank_phrases.push_back(std::to_string(phrases.size()));
    } else {
      others.push_back(t);
      rank_phrases.emplace_back("0");
    }
    rank_queries.push_back(ToTsQuery({t}, Phrase::kAdjacentInOneField));
    rank_words.push_back(term_words);
  }

  // One statement (wiredesk_search, migrations 14 and 15), which in the server:
  // - Looks up each phrase's pairs.
  // - Takes the planner's estimate of how many articles hold the words (or pairs): its
  //   statistics (ANALYZE, which autovacuum runs) keep the frequencies of the most common
  //   lexemes, so for a common word it is close. Beyond kPlannedFactor * kSearchExactTotal
  //   it is the total and nothing is counted: counting reads every match, 40 ms for a word
  //   in a quarter of 1M articles.
  // - Else counts the matches: up to kSearchExactTotal the hits are counted (a phrase's
  //   positions checked first where its pairs are not exact); beyond that the first
  //   kSearchExactTotal + 1 are scaled up by how far through the table (in page order, which
  //   the bitmap scan follows) they reach, and the total says it is an estimate. The count
  //   keeps the matches it reads, up to where the walk below starts (all of them unless the
  //   planner expects more), so that the newest of them need no second pass.
  // - Finds the newest matches (newest stored, the largest ids, as SQLite's FTS5 walks its
  //   rowids; see kSearchRankCandidates): from the count's when it read them all, else by
  //   walking the primary key backwards and testing each article's tsvector (cheap when
  //   matches are dense: 64 of them within a few hundred rows), else from every match, sorted
  //   (cheap when they are few); a phrase's checked newest first until there are enough. The
  //   planner's guess for a rare word is far off (it walked 31,000 rows for 64), so the count
  //   (or, for a common word, the estimate, which is close for those) decides: the walk tests
  //   about n*articles/matches rows at a few microseconds each, the bitmap reads every match
  //   at under one. The newest title matches likewise, and bm25 (as SQLite's FTS5 ranks)
  //   runs only over those candidates (twice the page's end for a deep page: syndicated
  //   copies among the candidates fold into one hit).
  // It returns a first row with the total, then the page.
  // Migration 15's SQL weighs a term's title and text occurrences 10:1 (ts_rank_cd's weights
  // and a factor of 10), as SQLite's ranking does with these.
  static_assert(kSearchTitleWeight == 10.0 && kSearchTextWeight == 1.0,
                "wiredesk_search's weights must change with SQLite's");
  Params params;
  params.Add(tsquery)
      .Add(check)
      .Add(words)
      .Add(ArrayLiteral(phrases))
      .Add(ArrayLiteral(prefixes))
      .Add(ArrayLiteral(phrase_words))
      .Add(ToTsQuery(others, Phrase::kApart))
      .Add(std::max(kSearchRankCandidates, 2 * (query.offset + limit)))
      .Add(limit)
      .Add(query.offset)
      .Add(kSnippetSourceChars)
      .Add(kSearchExactTotal)
      .Add(kPlannedFactor)
      .Add(kWalkFactor)
      .Add(ArrayLiteral(rank_queries))
      .Add(ArrayLiteral(rank_words))
      .Add(ArrayLiteral(rank_phrases));
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(
      Rows r, db_->Query("SELECT * FROM wiredesk_search($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                         "$10, $11, $12, $13, $14, $15, $16, $17)",
                         params));
  if (r.empty()) return Fail(ErrorCode::kStorage, "search returned no total", db_->Target());
  results.total = r.Int64(0, 0);
  results.total_estimated = r.Bool(0, 1);
  const SnippetMaker snippets(terms);
  constexpr int kHit = 2;  // the hit's columns start after the total's two
  for (int i = 1; i < r.size(); ++i) {
    SearchHit hit;
    hit.article = ReadSummary(r, i, kHit);
    // The text's first kSnippetSourceChars characters, and whether it goes on.
    std::string_view lead = r.View(i, kHit + kSummaryColumnCount);
    int chars = 0;
    size_t end = 0;
    while (end < lead.size() && chars < kSnippetSourceChars) {
      ++end;
      while (end < lead.size() && (static_cast<unsigned char>(lead[end]) & 0xC0) == 0x80) ++end;
      ++chars;
    }
    hit.snippet = snippets.Make(lead.substr(0, end), end < lead.size(), kSnippetWords);
    hit.score = r.Double(i, kHit + kSummaryColumnCount + 1);
    results.hits.push_back(std::move(hit));
  }
  return results;
}

Result<std::vector<Tag>> PostgresStore::TagsOf(int64_t article_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT t.id, t.name, t.kind FROM article_tags at "
                                         "JOIN tags t ON t.id = at.tag_id "
                                         "WHERE at.article_id = $1 ORDER BY at.position",
                                         Params().Add(article_id)));
  std::vector<Tag> tags;
  for (int i = 0; i < r.size(); ++i) {
    tags.push_back(
        Tag{r.Int64(i, 0), r.Text(i, 1), ParseTagKind(r.View(i, 2)).value_or(TagKind::kTopic)});
  }
  return tags;
}

Result<std::vector<Source>> PostgresStore::Sources() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT id, name, url FROM sources "
                                         "ORDER BY lower(name COLLATE \"C\"), id"));
  std::vector<Source> sources;
  for (int i = 0; i < r.size(); ++i) sources.push_back(Source{r.Int64(i, 0), r.Text(i, 1), r.Text(i, 2)});
  return sources;
}

// A counter kept with the writes, not count(*): PostgreSQL counts by reading every row.
Result<int64_t> PostgresStore::CountArticles() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT value FROM meta WHERE key = 'articles'"));
  return r.empty() ? 0 : r.Int64(0, 0);
}

// The counter in `meta`, bumped by every write transaction of every node; each call reads the
// latest committed value, so another node's write is seen at once.
Result<int64_t> PostgresStore::Generation() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT value FROM meta WHERE key = 'generation'"));
  if (r.empty()) {
    return Fail(ErrorCode::kStorage, "the meta table has no generation row", db_->Target());
  }
  return r.Int64(0, 0);
}

// ---- Writes ------------------------------------------------------------------------------

Status PostgresStore::BumpGeneration() {
  // Last in the transaction: the meta row stays locked until the commit, so every other
  // node's write waits here, as briefly as possible. The NOTIFY is sent at commit.
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("UPDATE meta SET value = value + 1 "
                                         "WHERE key = 'generation' RETURNING value"));
  if (r.empty()) return Fail(ErrorCode::kStorage, "the meta table has no generation row");
  WD_RETURN_IF_ERROR(db_->Query("SELECT pg_notify($1, $2)",
                                Params().Add(kGenerationChannel).Add(r.Text(0, 0))));
  return {};
}

Result<bool> PostgresStore::ArticleExists(int64_t id) {
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT 1 FROM articles WHERE id = $1", Params().Add(id)));
  return !r.empty();
}

Result<int64_t> PostgresStore::FindOrAddSource(const Source& source, const Article& article) {
  std::string name = CollapseWhitespace(source.name);
  if (name.empty()) name = DisplayHost(source.url);
  if (name.empty()) name = DisplayHost(article.IdentityUrl());
  if (name.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "article has no source name and no URL to name one by",
                article.title);
  }
  // Find, else insert; an insert that loses a race with another node finds the winner's row.
  for (int attempt = 0; attempt < 2; ++attempt) {
    WD_ASSIGN_OR_RETURN(Rows find, db_->Query("SELECT id, url FROM sources "
                                              "WHERE lower(name COLLATE \"C\") = "
                                              "lower($1 COLLATE \"C\")",
                                              Params().Add(name)));
    if (!find.empty()) {
      const int64_t id = find.Int64(0, 0);
      if (find.View(0, 1).empty() && !source.url.empty()) {
        WD_RETURN_IF_ERROR(db_->Query("UPDATE sources SET url = $2 WHERE id = $1",
                                      Params().Add(id).Add(source.url)));
      }
      return id;
    }
    WD_ASSIGN_OR_RETURN(Rows add, db_->Query("INSERT INTO sources (name, url) VALUES ($1, $2) "
                                             "ON CONFLICT DO NOTHING RETURNING id",
                                             Params().Add(name).Add(source.url)));
    if (!add.empty()) return add.Int64(0, 0);
  }
  return Fail(ErrorCode::kStorage, "could not add the source", name);
}

Result<UpsertOutcome> PostgresStore::UpsertArticle(const Article& article) {
  for (int attempt = 1;; ++attempt) {
    WD_ASSIGN_OR_RETURN(std::optional<UpsertOutcome> outcome, TryUpsert(article));
    if (outcome) return *outcome;
    if (attempt == kUpsertAttempts) {
      return Fail(ErrorCode::kConflict, "another node kept writing the same article",
                  article.IdentityUrl());
    }
  }
}

Result<std::optional<UpsertOutcome>> PostgresStore::TryUpsert(const Article& article) {
  WD_ASSIGN_OR_RETURN(const std::string key, IdentityKey(article));
  const json j = ArticleToJson(article);
  const std::string hash = ContentHash(j);
  auto dump = [&j](const char* field) {
    return j.at(field).dump(-1, ' ', false, json::error_handler_t::replace);
  };
  const Instant now = clock_->Now();

  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  std::optional<int64_t> existing;
  {
    // FOR UPDATE: a concurrent update of the same article by another node waits here rather
    // than both deciding from the same old hash.
    WD_ASSIGN_OR_RETURN(Rows find, db_->Query("SELECT id, content_hash FROM articles "
                                              "WHERE identity_url = $1 FOR UPDATE",
                                              Params().Add(key)));
    if (!find.empty()) {
      if (find.View(0, 1) == hash) {
        return std::optional<UpsertOutcome>(UpsertOutcome{find.Int64(0, 0), UpsertKind::kUnchanged});
      }
      existing = find.Int64(0, 0);
    }
  }
  WD_ASSIGN_OR_RETURN(const int64_t source_id, FindOrAddSource(article.source, article));
  // The article's length as SQLite's search index counts it, for the search trigger
  // (migration 15), which falls back to counting in SQL when a write does not say.
  WD_ASSIGN_OR_RETURN(const int64_t title_tokens, tokens_->Count(article.title));
  WD_ASSIGN_OR_RETURN(const int64_t text_tokens, tokens_->Count(article.text));
  WD_RETURN_IF_ERROR(db_->Query("SELECT set_config('wiredesk.search_tokens', $1, true)",
                                Params().Add(title_tokens + text_tokens)));
  // $1 is the id for an update, the identity key for an insert; the rest is shared.
  Params p;
  if (existing) {
    p.Add(*existing);
  } else {
    p.Add(key);
  }
  p.Add(article.url)
      .Add(article.canonical_url)
      .Add(article.title)
      .Add(article.dek)
      .Add(article.byline)
      .Add(article.published)
      .Add(article.captured)
      .Add(article.language)
      .Add(article.rights)
      .Add(article.text)
      .Add(dump("blocks"))
      .Add(dump("images"))
      .Add(dump("related"))
      .Add(hash)
      .Add(now)
      .Add(source_id);
  int64_t id = 0;
  if (existing) {
    WD_RETURN_IF_ERROR(db_->Query(
        "UPDATE articles SET url = $2, canonical_url = $3, title = $4, dek = $5, "
        "byline = $6, published = $7, captured = $8, language = $9, rights = $10, "
        "text = $11, blocks = $12, images = $13, related = $14, content_hash = $15, "
        "updated_at = $16, source_id = $17 WHERE id = $1",
        p));
    id = *existing;
  } else {
    WD_ASSIGN_OR_RETURN(
        Rows added,
        db_->Query("INSERT INTO articles (identity_url, url, canonical_url, title, dek, byline, "
                   "published, captured, language, rights, text, blocks, images, related, "
                   "content_hash, first_seen_at, updated_at, source_id) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                   "$16, $16, $17) ON CONFLICT (identity_url) DO NOTHING RETURNING id",
                   p));
    if (added.empty()) return std::optional<UpsertOutcome>();  // another node was first: retry
    id = added.Int64(0, 0);
    WD_RETURN_IF_ERROR(db_->Exec("UPDATE meta SET value = value + 1 WHERE key = 'articles'"));
  }
  // The work this article is owed (its hashtags and insights; a new one also its story),
  // claimed by this node, which does it next; if the node dies first, the lease runs out and
  // another node's ClaimJobs takes it.
  WD_RETURN_IF_ERROR(db_->Query(
      "INSERT INTO jobs (kind, article_id, queued_at, claimed_until, claimed_by, attempts) "
      "SELECT k, $1, $2, $3, $4, 1 FROM unnest(string_to_array($5, ',')) k "
      "ON CONFLICT (kind, article_id) DO UPDATE SET claimed_until = EXCLUDED.claimed_until, "
      "claimed_by = EXCLUDED.claimed_by, attempts = jobs.attempts + 1",
      Params()
          .Add(id)
          .Add(now)
          .Add(now + Lease())
          .Add(NodeName())
          .Add(existing ? "enrich" : "enrich,story")));
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return std::optional<UpsertOutcome>(
      UpsertOutcome{id, existing ? UpsertKind::kUpdated : UpsertKind::kAdded});
}

Status PostgresStore::DeleteArticle(int64_t id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("DELETE FROM articles WHERE id = $1", Params().Add(id)));
  if (r.Affected() == 0) {
    return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(id), db_->Target());
  }
  WD_RETURN_IF_ERROR(db_->Exec("UPDATE meta SET value = value - 1 WHERE key = 'articles'"));
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Status PostgresStore::SetTags(int64_t article_id, const std::vector<Tag>& tags) {
  for (const Tag& t : tags) {
    if (Trim(t.name).empty()) return Fail(ErrorCode::kInvalidArgument, "a tag needs a name");
  }
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(const bool exists, ArticleExists(article_id));
  if (!exists) {
    return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(article_id),
                db_->Target());
  }
  WD_RETURN_IF_ERROR(
      db_->Query("DELETE FROM article_tags WHERE article_id = $1", Params().Add(article_id)));
  // New tags go in in one global order (the unique index's key: ASCII-lowered name, kind).
  // Two nodes enriching articles that share new tags would otherwise each wait on the
  // other's uncommitted insert of a tag the other wants next: a deadlock, which PostgreSQL
  // resolves by failing one enrichment (seen in nodes_test).
  std::vector<std::pair<std::string, std::string_view>> keys;
  keys.reserve(tags.size());
  for (const Tag& t : tags) keys.emplace_back(AsciiLower(Trim(t.name)), TagKindName(t.kind));
  std::vector<size_t> order(tags.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  for (size_t i : order) {
    WD_RETURN_IF_ERROR(db_->Query("INSERT INTO tags (name, kind) VALUES ($1, $2) "
                                  "ON CONFLICT DO NOTHING",
                                  Params().Add(std::string(Trim(tags[i].name)))
                                      .Add(TagKindName(tags[i].kind))));
  }
  int64_t position = 0;
  for (const Tag& t : tags) {
    const std::string name(Trim(t.name));
    const std::string_view kind = TagKindName(t.kind);
    // A tag listed twice keeps its first position.
    WD_RETURN_IF_ERROR(db_->Query("INSERT INTO article_tags (article_id, tag_id, position) "
                                  "SELECT $1, id, $4 FROM tags WHERE lower(name COLLATE \"C\") = "
                                  "lower($2 COLLATE \"C\") AND kind = $3 "
                                  "ON CONFLICT (article_id, tag_id) DO NOTHING",
                                  Params().Add(article_id).Add(name).Add(kind).Add(position++)));
  }
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Result<int64_t> PostgresStore::AddUser(const User& user) {
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
  auto r = db_->Query("INSERT INTO users (name, role, created) VALUES ($1, $2, $3) RETURNING id",
                      Params().Add(name).Add(role).Add(created));
  if (!r) {
    if (r.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "a user with this name already exists", name);
    }
    return Fail(r.error());
  }
  const int64_t id = r->Int64(0, 0);
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return id;
}

Result<int64_t> PostgresStore::AddComment(const Comment& comment) {
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
                db_->Target());
  }
  if (comment.parent_id) {
    WD_ASSIGN_OR_RETURN(Rows parent, db_->Query("SELECT article_id FROM comments WHERE id = $1",
                                                Params().Add(*comment.parent_id)));
    if (parent.empty()) {
      return Fail(ErrorCode::kNotFound,
                  "no comment with id " + std::to_string(*comment.parent_id) + " to reply to");
    }
    if (parent.Int64(0, 0) != comment.article_id) {
      return Fail(ErrorCode::kInvalidArgument, "a reply must be on the same article as its parent");
    }
  }
  if (comment.user_id != 0) {
    WD_ASSIGN_OR_RETURN(Rows user, db_->Query("SELECT name FROM users WHERE id = $1",
                                              Params().Add(comment.user_id)));
    if (user.empty()) {
      return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(comment.user_id));
    }
    if (author.empty()) author = user.Text(0, 0);
  }
  if (author.empty()) return Fail(ErrorCode::kInvalidArgument, "a comment needs an author");
  Params p;
  p.Add(comment.article_id);
  if (comment.parent_id) {
    p.Add(*comment.parent_id);
  } else {
    p.AddNull();
  }
  if (comment.user_id != 0) {
    p.Add(comment.user_id);
  } else {
    p.AddNull();
  }
  p.Add(author).Add(comment.body).Add(created).Add(int64_t{comment.hidden});
  WD_ASSIGN_OR_RETURN(Rows added,
                      db_->Query("INSERT INTO comments (article_id, parent_id, user_id, "
                                 "author_name, body, created, hidden) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                 p));
  const int64_t id = added.Int64(0, 0);
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return id;
}

// ---- Insights and tags ---------------------------------------------------------------------

Status PostgresStore::SetInsights(int64_t article_id, const ArticleInsights& insights) {
  const std::string data =
      InsightsToJson(insights).dump(-1, ' ', false, json::error_handler_t::replace);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(const bool exists, ArticleExists(article_id));
  if (!exists) {
    return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(article_id),
                db_->Target());
  }
  WD_RETURN_IF_ERROR(db_->Query("INSERT INTO article_insights (article_id, data, computed_at) "
                                "VALUES ($1, $2, $3) ON CONFLICT (article_id) DO UPDATE SET "
                                "data = excluded.data, computed_at = excluded.computed_at",
                                Params().Add(article_id).Add(data).Add(insights.computed_at)));
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Result<std::optional<ArticleInsights>> PostgresStore::InsightsOf(int64_t article_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT data FROM article_insights WHERE article_id = $1",
                                         Params().Add(article_id)));
  if (r.empty()) return std::optional<ArticleInsights>();
  const json j = json::parse(r.View(0, 0), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Fail(ErrorCode::kStorage,
                "article " + std::to_string(article_id) + " has unreadable insights JSON",
                db_->Target());
  }
  WD_ASSIGN_OR_RETURN(ArticleInsights insights, InsightsFromJson(j));
  return std::optional<ArticleInsights>(std::move(insights));
}

Result<ArticlePage> PostgresStore::ArticlesTagged(std::string_view tag, int limit, int offset) {
  WD_RETURN_IF_ERROR(CheckPage(limit, offset));
  limit = std::min(limit, kMaxPageSize);
  const std::string name(Trim(tag));
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  ArticlePage page;
  // The tags_name_kind index, one lookup per kind; copies left out, as in every list.
#define WD_PG_TAGGED                                                                         \
  " FROM articles a JOIN sources s ON s.id = a.source_id "                                   \
  "WHERE a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id " \
  "WHERE lower(t.name COLLATE \"C\") = lower($1 COLLATE \"C\")) "                           \
  "AND NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = a.id)"
  {
    WD_ASSIGN_OR_RETURN(Rows count, db_->Query("SELECT count(*)" WD_PG_TAGGED, Params().Add(name)));
    page.total = count.Int64(0, 0);
  }
  if (page.total == 0) return page;
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_SUMMARY_COLUMNS WD_PG_TAGGED
                                         " ORDER BY coalesce(a.published, a.captured) DESC, "
                                         "a.id DESC LIMIT $2 OFFSET $3",
                                         Params().Add(name).Add(limit).Add(offset)));
#undef WD_PG_TAGGED
  for (int i = 0; i < r.size(); ++i) page.articles.push_back(ReadSummary(r, i));
  WD_RETURN_IF_ERROR(txn.Commit());
  return page;
}

// ---- Feeds ---------------------------------------------------------------------------------

Result<std::vector<FeedRecord>> PostgresStore::ListFeeds() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_FEED_COLUMNS " FROM feeds f "
                                         "ORDER BY f.folder COLLATE \"C\", "
                                         "lower(f.title COLLATE \"C\"), f.url COLLATE \"C\""));
  return ReadFeeds(r);
}

Result<int64_t> PostgresStore::AddFeed(const FeedSubscription& feed) {
  const std::string url(Trim(feed.url));
  WD_RETURN_IF_ERROR(CheckFeedUrl(url));
  const Instant now = clock_->Now();
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  auto r = db_->Query("INSERT INTO feeds (url, title, folder, site_url, next_fetch_at, created_at) "
                      "VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
                      Params()
                          .Add(url)
                          .Add(CollapseWhitespace(feed.title))
                          .Add(Trim(feed.folder))
                          .Add(Trim(feed.site_url))
                          .Add(now));
  if (!r) {
    if (r.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "already subscribed to this feed", url);
    }
    return Fail(r.error());
  }
  const int64_t id = r->Int64(0, 0);
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return id;
}

Result<std::optional<FeedRecord>> PostgresStore::FindFeed(std::string_view url) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_FEED_COLUMNS " FROM feeds f "
                                         "WHERE f.url = $1",
                                         Params().Add(Trim(url))));
  if (r.empty()) return std::optional<FeedRecord>();
  return std::optional<FeedRecord>(ReadFeed(r, 0));
}

Status PostgresStore::RemoveFeed(std::string_view url) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(Rows r,
                      db_->Query("DELETE FROM feeds WHERE url = $1", Params().Add(Trim(url))));
  if (r.Affected() == 0) {
    return Fail(ErrorCode::kNotFound, "not subscribed to this feed", std::string(url));
  }
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

// Due feeds are claimed, not just listed: each gets a lease (claimed_until) taken under
// FOR UPDATE SKIP LOCKED, so nodes refreshing at the same moment split the due feeds between
// them instead of fetching each twice. RecordFeedFetch ends the lease; a node that dies
// before it loses the claim when the lease runs out and another node takes the feed. The
// lease is not a write anyone sees: the generation stays.
Result<std::vector<FeedRecord>> PostgresStore::DueFeeds(Instant now, int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(
      Rows r, db_->Query("WITH due AS (SELECT id FROM feeds "
                         " WHERE next_fetch_at <= $1 AND claimed_until <= $1 "
                         " ORDER BY next_fetch_at, id LIMIT $2 FOR UPDATE SKIP LOCKED), "
                         "claimed AS (UPDATE feeds SET claimed_until = $3, claimed_by = $4 "
                         " FROM due WHERE feeds.id = due.id RETURNING feeds.id) "
                         "SELECT " WD_PG_FEED_COLUMNS " FROM feeds f JOIN claimed USING (id) "
                         "ORDER BY f.next_fetch_at, f.id",
                         Params().Add(now).Add(limit).Add(now + Lease()).Add(NodeName())));
  std::vector<FeedRecord> feeds = ReadFeeds(r);
  WD_RETURN_IF_ERROR(txn.Commit());
  return feeds;
}

Status PostgresStore::RecordFeedFetch(int64_t feed_id, const FeedFetchUpdate& u) {
  if (!u.new_url.empty()) WD_RETURN_IF_ERROR(CheckFeedUrl(u.new_url));
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Rows find, db_->Query("SELECT url FROM feeds WHERE id = $1",
                                              Params().Add(feed_id)));
    if (find.empty()) return Fail(ErrorCode::kNotFound, "no feed with id " + std::to_string(feed_id));
  }
  if (!u.new_url.empty()) {
    auto moved = db_->Query("UPDATE feeds SET url = $2 WHERE id = $1",
                            Params().Add(feed_id).Add(Trim(u.new_url)));
    if (!moved) {
      if (moved.error().code == ErrorCode::kConflict) {
        return Fail(ErrorCode::kConflict, "the feed moved to a URL that is already subscribed",
                    u.new_url);
      }
      return Fail(moved.error());
    }
  }
  WD_RETURN_IF_ERROR(db_->Query(
      "UPDATE feeds SET "
      "title = CASE WHEN title = '' THEN $2 ELSE title END, "
      "site_url = CASE WHEN $3 <> '' THEN $3 ELSE site_url END, "
      "etag = CASE WHEN $4 THEN $5 ELSE etag END, "
      "last_modified = CASE WHEN $4 THEN $6 ELSE last_modified END, "
      "last_error = $7, failures = $8, last_fetched_at = $9, "
      "last_success_at = CASE WHEN $10 THEN $9 ELSE last_success_at END, "
      "next_fetch_at = $11, interval_seconds = $12, claimed_until = 0, claimed_by = '' "
      "WHERE id = $1",
      Params()
          .Add(feed_id)
          .Add(CollapseWhitespace(u.title))
          .Add(Trim(u.site_url))
          .Add(u.update_validators)
          .Add(u.etag)
          .Add(u.last_modified)
          .Add(u.success ? std::string() : u.error)
          .Add(int64_t{u.failures})
          .Add(u.fetched_at)
          .Add(u.success)
          .Add(u.next_fetch_at)
          .Add(u.interval_seconds)));
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Result<bool> PostgresStore::EntrySeen(int64_t feed_id, std::string_view guid) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT 1 FROM feed_entries "
                                         "WHERE feed_id = $1 AND guid = $2",
                                         Params().Add(feed_id).Add(guid)));
  return !r.empty();
}

Result<bool> PostgresStore::MarkEntrySeen(int64_t feed_id, std::string_view guid,
                                          int64_t article_id) {
  const Instant now = clock_->Now();
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  Params p;
  p.Add(feed_id).Add(guid);
  if (article_id != 0) {
    p.Add(article_id);
  } else {
    p.AddNull();
  }
  p.Add(now);
  auto r = db_->Query("INSERT INTO feed_entries (feed_id, guid, article_id, first_seen_at) "
                      "VALUES ($1, $2, $3, $4) ON CONFLICT (feed_id, guid) DO NOTHING",
                      p);
  if (!r) {
    if (r.error().code == ErrorCode::kInvalidArgument) {
      return Fail(ErrorCode::kNotFound, "no feed with id " + std::to_string(feed_id) +
                                            " (or no article with id " +
                                            std::to_string(article_id) + ")");
    }
    return Fail(r.error());
  }
  if (r->Affected() == 0) return false;  // nothing written: the transaction rolls back nothing
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return true;
}

#undef WD_PG_FEED_COLUMNS

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const StoreOptions& options) {
  WD_ASSIGN_OR_RETURN(std::unique_ptr<Connection> db, Connection::Open(url));
  const Clock* clock = options.clock;
  SystemClock system_clock;
  WD_RETURN_IF_ERROR(Migrate(*db, (clock != nullptr ? clock : &system_clock)->Now()));
  WD_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::SearchTokenCounter> tokens,
                      sqlite::SearchTokenCounter::Open());
  return std::unique_ptr<Store>(
      std::make_unique<PostgresStore>(std::move(db), clock, std::move(tokens)));
}

Result<std::vector<QueuedJob>> PostgresStore::ClaimJobs(JobKind kind, Instant now, int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  // SKIP LOCKED: nodes claiming at the same moment take different jobs instead of waiting
  // for each other's rows and then taking the same ones.
  WD_ASSIGN_OR_RETURN(
      Rows r, db_->Query("WITH free AS (SELECT j.article_id FROM jobs j "
                         " WHERE j.kind = $1 AND j.claimed_until <= $2 "
                         " ORDER BY j.article_id LIMIT $3 FOR UPDATE SKIP LOCKED), "
                         "claimed AS (UPDATE jobs SET claimed_until = $4, claimed_by = $5, "
                         " attempts = attempts + 1 FROM free "
                         " WHERE jobs.kind = $1 AND jobs.article_id = free.article_id "
                         " RETURNING jobs.article_id, jobs.attempts) "
                         "SELECT c.article_id, coalesce(a.published, a.captured), c.attempts "
                         "FROM claimed c JOIN articles a ON a.id = c.article_id "
                         "ORDER BY coalesce(a.published, a.captured), c.article_id",
                         Params()
                             .Add(JobKindName(kind))
                             .Add(now)
                             .Add(limit)
                             .Add(now + Lease())
                             .Add(NodeName())));
  std::vector<QueuedJob> jobs;
  for (int i = 0; i < r.size(); ++i) {
    jobs.push_back(QueuedJob{r.Int64(i, 0), r.Time(i, 1), static_cast<int>(r.Int64(i, 2))});
  }
  WD_RETURN_IF_ERROR(txn.Commit());
  return jobs;
}

Status PostgresStore::FinishJob(JobKind kind, int64_t article_id) {
  std::lock_guard lock(mu_);
  // Not a page write: the generation stays.
  WD_RETURN_IF_ERROR(db_->Query("DELETE FROM jobs WHERE kind = $1 AND article_id = $2",
                                Params().Add(JobKindName(kind)).Add(article_id)));
  return {};
}

Result<int64_t> PostgresStore::QueueForAll(JobKind kind, Instant now) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(
      Rows r, db_->Query("WITH added AS (INSERT INTO jobs (kind, article_id, queued_at) "
                         " SELECT $1, id, $2 FROM articles "
                         " ON CONFLICT (kind, article_id) DO NOTHING RETURNING 1) "
                         "SELECT count(*) FROM added",
                         Params().Add(JobKindName(kind)).Add(now)));
  return r.Int64(0, 0);
}

}  // namespace wiredesk::store::postgres
