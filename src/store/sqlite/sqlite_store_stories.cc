// Stories in SQLite. The rows of `stories` (counts, lead article, headline) are kept true by
// the triggers of migration 5, so every function here only files, moves and marks articles.
#include "store/sqlite/sqlite_store_stories.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/article_json.h"
#include "core/text.h"
#include "store/sqlite/summary_columns.h"

namespace wiredesk::store::sqlite::stories {

namespace {

// A story's articles beyond this are not read for its page (the counts stay exact).
constexpr int kMaxStoryArticles = 2000;
// Articles sharing hashtags with the one shown, read before picking one per related story.
constexpr int kRelatedCandidates = 200;
// Of each of the article's tags, only its newest this many articles are looked at: a tag
// like #politics carries a large share of the store, and related coverage is recent coverage.
// This bounds the lookup by the article's tag count, not by the size of the store.
constexpr int kRelatedPerTag = 500;

// The columns of an article in a story list, in ReadArticle's order; `a` is articles, `s`
// sources. The comment count is left out: story lists do not show it.
#define WD_STORY_ARTICLE_COLUMNS                                                  \
  "a.id, a.url, a.canonical_url, a.title, a.dek, a.byline, s.id, s.name, s.url, " \
  "a.published, a.captured, a.language, a.first_seen_at, a.updated_at"
constexpr int kArticleColumns = 14;

// The story columns before the lead article's, in ReadStory's order; `st` is stories.
#define WD_STORY_COLUMNS                                                           \
  "st.id, st.headline, st.article_count, st.publisher_count, st.first_published, " \
  "st.last_published"
constexpr int kStoryColumns = 6;

// The front page's order; the same expressions as the stories_front index, so it is walked.
#define WD_STORY_ORDER                                                              \
  "ORDER BY coalesce(st.last_published, 0) / 86400 DESC, st.publisher_count DESC, " \
  "st.article_count DESC, st.last_published DESC, st.id DESC"

ArticleSummary ReadArticle(const Query& q, int first) {
  return ReadSummaryWithoutComments(q, first);
}

StorySummary ReadStory(const Query& q) {
  StorySummary s;
  s.id = q.Int64(0);
  s.headline = q.Text(1);
  s.article_count = q.Int64(2);
  s.publisher_count = q.Int64(3);
  s.first_published = q.OptionalTime(4);
  s.last_published = q.OptionalTime(5);
  if (!q.IsNull(kStoryColumns)) s.lead = ReadArticle(q, kStoryColumns);
  return s;
}

Instant When(const ArticleSummary& a) { return a.published.value_or(a.captured); }

Status BumpGeneration(Database& db) {
  WD_ASSIGN_OR_RETURN(Query q,
                      db.Prepare("UPDATE meta SET value = value + 1 WHERE key = 'generation'"));
  return q.Run();
}

Result<bool> Exists(Database& db, const char* sql, int64_t id) {
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare(sql));
  q.Bind(1, id);
  return q.Step();
}

Status CheckArticle(Database& db, int64_t id) {
  WD_ASSIGN_OR_RETURN(const bool found, Exists(db, "SELECT 1 FROM articles WHERE id = ?1", id));
  if (!found) return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(id));
  return {};
}

Status CheckStory(Database& db, int64_t id) {
  WD_ASSIGN_OR_RETURN(const bool found, Exists(db, "SELECT 1 FROM stories WHERE id = ?1", id));
  if (!found) return Fail(ErrorCode::kNotFound, "no story with id " + std::to_string(id));
  return {};
}

// The article a copy copies; the article itself when it is not a copy.
Result<int64_t> CanonicalOf(Database& db, int64_t article_id) {
  WD_ASSIGN_OR_RETURN(Query q,
                      db.Prepare("SELECT canonical_id FROM article_copies WHERE copy_id = ?1"));
  q.Bind(1, article_id);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? q.Int64(0) : article_id;
}

Result<std::optional<ArticleSummary>> ArticleById(Database& db, int64_t id) {
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare("SELECT " WD_STORY_ARTICLE_COLUMNS
                                          " FROM articles a JOIN sources s ON s.id = a.source_id "
                                          "WHERE a.id = ?1"));
  q.Bind(1, id);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<ArticleSummary>();
  return std::optional<ArticleSummary>(ReadArticle(q, 0));
}

std::string NormalTitle(std::string_view title) { return AsciiLower(CollapseWhitespace(title)); }

}  // namespace

// ---- Reads ---------------------------------------------------------------------------------

Result<StoryPage> List(Database& db, int limit, int offset) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "page size must be at least 1");
  if (offset < 0) return Fail(ErrorCode::kInvalidArgument, "page offset must not be negative");
  limit = std::min(limit, kMaxPageSize);
  // One snapshot for the count and the page.
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kRead));
  StoryPage page;
  {
    WD_ASSIGN_OR_RETURN(Query count, db.Prepare("SELECT count(*) FROM stories"));
    WD_ASSIGN_OR_RETURN(const bool row, count.Step());
    page.total = row ? count.Int64(0) : 0;
  }
  WD_ASSIGN_OR_RETURN(
      Query q,
      db.Prepare("SELECT " WD_STORY_COLUMNS ", " WD_STORY_ARTICLE_COLUMNS " FROM stories st "
                 "LEFT JOIN articles a ON a.id = st.lead_article_id "
                 "LEFT JOIN sources s ON s.id = a.source_id " WD_STORY_ORDER
                 " LIMIT ?1 OFFSET ?2"));
  q.Bind(1, int64_t{limit}).Bind(2, int64_t{offset});
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    page.stories.push_back(ReadStory(q));
  }
  return page;
}

Result<std::optional<StoryDetail>> Find(Database& db, int64_t story_id) {
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kRead));
  StoryDetail detail;
  {
    WD_ASSIGN_OR_RETURN(
        Query q,
        db.Prepare("SELECT " WD_STORY_COLUMNS ", " WD_STORY_ARTICLE_COLUMNS " FROM stories st "
                   "LEFT JOIN articles a ON a.id = st.lead_article_id "
                   "LEFT JOIN sources s ON s.id = a.source_id WHERE st.id = ?1"));
    q.Bind(1, story_id);
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) return std::optional<StoryDetail>();
    detail.summary = ReadStory(q);
  }
  // Oldest first, so sources come in the order they took the story up.
  WD_ASSIGN_OR_RETURN(Query q,
                      db.Prepare("SELECT " WD_STORY_ARTICLE_COLUMNS ", c.canonical_id "
                                 "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                                 "JOIN sources s ON s.id = a.source_id "
                                 "LEFT JOIN article_copies c ON c.copy_id = a.id "
                                 "WHERE sa.story_id = ?1 "
                                 "ORDER BY coalesce(a.published, a.captured), a.id LIMIT ?2"));
  q.Bind(1, story_id).Bind(2, int64_t{kMaxStoryArticles});
  std::vector<std::pair<ArticleSummary, int64_t>> rows;  // article, canonical (0: none)
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    rows.emplace_back(ReadArticle(q, 0), q.IsNull(kArticleColumns) ? 0 : q.Int64(kArticleColumns));
  }

  std::map<int64_t, int64_t> per_day;  // day number -> articles
  std::unordered_set<int64_t> in_story;
  for (const auto& [a, canonical] : rows) {
    in_story.insert(a.id);
    per_day[std::chrono::floor<std::chrono::days>(When(a)).time_since_epoch().count()]++;
  }
  std::unordered_map<int64_t, std::pair<size_t, size_t>> where;  // article -> group, index
  std::unordered_map<int64_t, size_t> group_of_source;
  for (const auto& [a, canonical] : rows) {
    // A copy shows under its canonical article, when that is in the story too.
    if (canonical != 0 && in_story.contains(canonical)) continue;
    auto [it, added] = group_of_source.emplace(a.source.id, detail.by_source.size());
    if (added) detail.by_source.push_back(SourceCoverage{a.source, {}});
    SourceCoverage& group = detail.by_source[it->second];
    where[a.id] = {it->second, group.articles.size()};
    group.articles.push_back(StoryArticle{a, {}});
  }
  for (const auto& [a, canonical] : rows) {
    if (canonical == 0 || !in_story.contains(canonical)) continue;
    auto it = where.find(canonical);
    if (it == where.end()) continue;
    detail.by_source[it->second.first].articles[it->second.second].also_published_by.push_back(
        a.source);
  }
  for (SourceCoverage& group : detail.by_source)
    std::reverse(group.articles.begin(), group.articles.end());
  for (const auto& [day, count] : per_day) {
    detail.coverage.push_back(DayCoverage{Instant{std::chrono::days(day)}, count});
  }
  return std::optional<StoryDetail>(std::move(detail));
}

Result<std::optional<int64_t>> StoryOf(Database& db, int64_t article_id) {
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare("SELECT story_id FROM story_articles "
                                          "WHERE article_id = ?1 LIMIT 1"));
  q.Bind(1, article_id);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? std::optional<int64_t>(q.Int64(0)) : std::nullopt;
}

Result<std::vector<RelatedArticle>> Related(Database& db, int64_t article_id, int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  limit = std::min(limit, kMaxPageSize);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kRead));
  WD_ASSIGN_OR_RETURN(const int64_t canonical, CanonicalOf(db, article_id));
  WD_ASSIGN_OR_RETURN(const std::optional<int64_t> story, StoryOf(db, article_id));
  std::vector<RelatedArticle> out;
  if (story) {
    WD_ASSIGN_OR_RETURN(
        Query q,
        db.Prepare("SELECT " WD_STORY_ARTICLE_COLUMNS
                   " FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                   "JOIN sources s ON s.id = a.source_id "
                   "WHERE sa.story_id = ?1 AND a.id <> ?2 AND a.id <> ?3 "
                   "AND NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = a.id) "
                   "ORDER BY coalesce(a.published, a.captured) DESC, a.id DESC LIMIT ?4"));
    q.Bind(1, *story).Bind(2, article_id).Bind(3, canonical).Bind(4, int64_t{limit});
    while (true) {
      WD_ASSIGN_OR_RETURN(const bool row, q.Step());
      if (!row) break;
      out.push_back(RelatedArticle{ReadArticle(q, 0), *story, true});
    }
  }
  if (static_cast<int>(out.size()) >= limit) return out;

  // Other stories, by the hashtags their articles share with this one (the canonical's tags:
  // a copy is tagged like any article, but the canonical is the one ingest tagged first).
  // Per tag, the newest kRelatedPerTag articles by id (ids grow as articles arrive): the
  // index article_tags_tag is (tag_id, article_id), as article_tags is WITHOUT ROWID, so the
  // correlated subquery finds the cut-off with one seek and the join reads a range after it.
  std::vector<std::pair<int64_t, int64_t>> candidates;  // article, story
  {
    WD_ASSIGN_OR_RETURN(Query q,
                        db.Prepare("SELECT other.article_id, sa.story_id, count(*) AS shared "
                                   "FROM article_tags mine "
                                   "JOIN article_tags other ON other.tag_id = mine.tag_id "
                                   "AND other.article_id >= coalesce((SELECT o.article_id "
                                   "FROM article_tags o WHERE o.tag_id = mine.tag_id "
                                   "ORDER BY o.article_id DESC LIMIT 1 OFFSET ?5), 0) "
                                   "JOIN story_articles sa ON sa.article_id = other.article_id "
                                   "JOIN articles a ON a.id = other.article_id "
                                   "WHERE mine.article_id = ?1 AND other.article_id <> ?1 "
                                   "AND other.article_id <> ?2 AND sa.story_id <> ?3 "
                                   "AND NOT EXISTS (SELECT 1 FROM article_copies c "
                                   "WHERE c.copy_id = other.article_id) "
                                   "GROUP BY other.article_id "
                                   "ORDER BY shared DESC, coalesce(a.published, a.captured) DESC, "
                                   "other.article_id DESC LIMIT ?4"));
    q.Bind(1, canonical).Bind(2, article_id).Bind(3, story.value_or(0));
    q.Bind(4, int64_t{kRelatedCandidates}).Bind(5, int64_t{kRelatedPerTag - 1});
    std::unordered_set<int64_t> stories_taken;
    while (static_cast<int>(out.size() + candidates.size()) < limit) {
      WD_ASSIGN_OR_RETURN(const bool row, q.Step());
      if (!row) break;
      if (stories_taken.insert(q.Int64(1)).second) candidates.emplace_back(q.Int64(0), q.Int64(1));
    }
  }
  for (const auto& [id, story_id] : candidates) {
    WD_ASSIGN_OR_RETURN(const std::optional<ArticleSummary> a, ArticleById(db, id));
    if (a) out.push_back(RelatedArticle{*a, story_id, false});
  }
  return out;
}

Result<std::vector<ArticleSummary>> AlsoPublishedBy(Database& db, int64_t article_id) {
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kRead));
  WD_ASSIGN_OR_RETURN(const int64_t canonical, CanonicalOf(db, article_id));
  WD_ASSIGN_OR_RETURN(Query q,
                      db.Prepare("SELECT " WD_STORY_ARTICLE_COLUMNS
                                 " FROM articles a JOIN sources s ON s.id = a.source_id "
                                 "WHERE (a.id = ?2 OR a.id IN (SELECT copy_id FROM article_copies "
                                 "WHERE canonical_id = ?2)) AND a.id <> ?1 "
                                 "ORDER BY coalesce(a.published, a.captured), a.id"));
  q.Bind(1, article_id).Bind(2, canonical);
  std::vector<ArticleSummary> out;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    out.push_back(ReadArticle(q, 0));
  }
  return out;
}

Result<std::optional<int64_t>> FindArticleIdByTitle(Database& db, std::string_view source,
                                                    std::string_view title) {
  const std::string wanted = NormalTitle(title);
  if (wanted.empty()) return std::optional<int64_t>();
  // The title as one FTS5 phrase in the title column (quotes doubled, so nothing in it is
  // syntax): an index lookup, then the exact comparison on the few candidates.
  std::string match = "title : \"";
  for (char c : wanted) {
    if (c == '"') match += '"';
    match += c;
  }
  match += '"';
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare("SELECT a.id, a.title, s.name FROM articles_fts "
                                          "JOIN articles a ON a.id = articles_fts.rowid "
                                          "JOIN sources s ON s.id = a.source_id "
                                          "WHERE articles_fts MATCH ?1 ORDER BY a.id LIMIT 50"));
  q.Bind(1, match);
  const std::string wanted_source = NormalTitle(source);
  while (true) {
    auto row = q.Step();
    // A title FTS5 cannot parse as a phrase finds nothing; it is not the caller's failure.
    if (!row) return std::optional<int64_t>();
    if (!*row) break;
    if (NormalTitle(q.Text(1)) != wanted) continue;
    if (!wanted_source.empty() && NormalTitle(q.Text(2)) != wanted_source) continue;
    return std::optional<int64_t>(q.Int64(0));
  }
  return std::optional<int64_t>();
}

// The articles_latest index walked backwards from the cursor: each page costs its own size.
// SQLite does not seek an index by a row value over an expression, so the row value alone
// scanned the index from the oldest article up to the cursor (a page near the end of a 1M
// store read 1M entries): the time term before it is what the seek uses; the row value then
// only skips the cursor's own second.
const char* const kInTimeOrderQuery =
    "SELECT a.id, a.title, a.text, s.name, a.published, a.captured, a.related, "
    "(SELECT sa.story_id FROM story_articles sa WHERE sa.article_id = a.id LIMIT 1), "
    "(SELECT c.canonical_id FROM article_copies c WHERE c.copy_id = a.id) "
    "FROM articles a JOIN sources s ON s.id = a.source_id "
    "WHERE coalesce(a.published, a.captured) >= ?1 "
    "AND (coalesce(a.published, a.captured), a.id) > (?1, ?2) "
    "ORDER BY coalesce(a.published, a.captured), a.id LIMIT ?3";

Result<std::vector<StoryInput>> InTimeOrder(Database& db, std::optional<TimeCursor> after,
                                            int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare(kInTimeOrderQuery));
  if (after) {
    q.Bind(1, after->time).Bind(2, after->article_id);
  } else {
    q.Bind(1, int64_t{LLONG_MIN}).Bind(2, int64_t{LLONG_MIN});
  }
  q.Bind(3, int64_t{limit});
  std::vector<StoryInput> out;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    StoryInput in;
    in.article_id = q.Int64(0);
    in.title = q.Text(1);
    in.text = q.Text(2);
    in.source = q.Text(3);
    in.published = q.OptionalTime(4);
    in.captured = q.Time(5);
    // The related list through core's one JSON mapping; an unreadable one is left out, since
    // clustering does without it.
    nlohmann::json parts = nlohmann::json::object();
    parts["related"] = nlohmann::json::parse(q.Text(6), nullptr, /*allow_exceptions=*/false);
    if (!parts["related"].is_discarded()) {
      if (auto a = ArticleFromJson(parts)) in.related = std::move(a->related);
    }
    in.story_id = q.IsNull(7) ? 0 : q.Int64(7);
    in.copy_of = q.IsNull(8) ? 0 : q.Int64(8);
    out.push_back(std::move(in));
  }
  return out;
}

// ---- Writes --------------------------------------------------------------------------------

Result<int64_t> File(Database& db, Instant now, int64_t article_id, int64_t story_id) {
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kWrite));
  WD_RETURN_IF_ERROR(CheckArticle(db, article_id));
  if (story_id != 0) {
    WD_RETURN_IF_ERROR(CheckStory(db, story_id));
  } else {
    WD_ASSIGN_OR_RETURN(Query add, db.Prepare("INSERT INTO stories (updated_at) VALUES (?1)"));
    add.Bind(1, now);
    WD_RETURN_IF_ERROR(add.Run());
    story_id = db.LastInsertRowid();
  }
  {
    // Out of any other story first (the triggers drop a story left empty).
    WD_ASSIGN_OR_RETURN(Query out, db.Prepare("DELETE FROM story_articles "
                                              "WHERE article_id = ?1 AND story_id <> ?2"));
    out.Bind(1, article_id).Bind(2, story_id);
    WD_RETURN_IF_ERROR(out.Run());
  }
  {
    WD_ASSIGN_OR_RETURN(Query in, db.Prepare("INSERT INTO story_articles (story_id, article_id) "
                                             "VALUES (?1, ?2) "
                                             "ON CONFLICT (story_id, article_id) DO NOTHING"));
    in.Bind(1, story_id).Bind(2, article_id);
    WD_RETURN_IF_ERROR(in.Run());
  }
  {
    WD_ASSIGN_OR_RETURN(Query touch,
                        db.Prepare("UPDATE stories SET updated_at = ?2 WHERE id = ?1"));
    touch.Bind(1, story_id).Bind(2, now);
    WD_RETURN_IF_ERROR(touch.Run());
  }
  WD_RETURN_IF_ERROR(BumpGeneration(db));
  WD_RETURN_IF_ERROR(txn.Commit());
  return story_id;
}

Status Merge(Database& db, int64_t from, int64_t into) {
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kWrite));
  WD_RETURN_IF_ERROR(CheckStory(db, from));
  WD_RETURN_IF_ERROR(CheckStory(db, into));
  if (from == into) return {};
  {
    // The moves skip the move trigger's recount of both stories per row (migration 8): the
    // flag row lives only inside this transaction.
    WD_ASSIGN_OR_RETURN(Query moving, db.Prepare("INSERT INTO meta (key, value) "
                                                 "VALUES ('stories_moving', 1)"));
    WD_RETURN_IF_ERROR(moving.Run());
  }
  {
    // An article already in `into` as well keeps that row and loses the other; every other
    // article moves. Nothing is deleted before it is in `into`.
    WD_ASSIGN_OR_RETURN(Query move, db.Prepare("UPDATE OR IGNORE story_articles SET story_id = ?2 "
                                               "WHERE story_id = ?1"));
    move.Bind(1, from).Bind(2, into);
    WD_RETURN_IF_ERROR(move.Run());
  }
  {
    WD_ASSIGN_OR_RETURN(Query moved,
                        db.Prepare("DELETE FROM meta WHERE key = 'stories_moving'"));
    WD_RETURN_IF_ERROR(moved.Run());
  }
  {
    // `into` recounted once: one row "moved" to where it is fires the move trigger, whose
    // recount is the one every change to a story runs.
    WD_ASSIGN_OR_RETURN(Query recount,
                        db.Prepare("UPDATE story_articles SET story_id = ?1 WHERE story_id = ?1 "
                                   "AND article_id = (SELECT min(article_id) FROM story_articles "
                                   "WHERE story_id = ?1)"));
    recount.Bind(1, into);
    WD_RETURN_IF_ERROR(recount.Run());
  }
  {
    WD_ASSIGN_OR_RETURN(Query rest, db.Prepare("DELETE FROM story_articles WHERE story_id = ?1"));
    rest.Bind(1, from);
    WD_RETURN_IF_ERROR(rest.Run());
  }
  {
    // Normally gone with its last article (the triggers); an empty story goes here.
    WD_ASSIGN_OR_RETURN(Query drop, db.Prepare("DELETE FROM stories WHERE id = ?1"));
    drop.Bind(1, from);
    WD_RETURN_IF_ERROR(drop.Run());
  }
  WD_RETURN_IF_ERROR(BumpGeneration(db));
  return txn.Commit();
}

Status MarkCopy(Database& db, int64_t copy_id, int64_t canonical_id) {
  if (copy_id == canonical_id) {
    return Fail(ErrorCode::kInvalidArgument, "an article cannot be a copy of itself",
                std::to_string(copy_id));
  }
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kWrite));
  WD_RETURN_IF_ERROR(CheckArticle(db, copy_id));
  if (canonical_id == 0) {
    WD_ASSIGN_OR_RETURN(Query q, db.Prepare("DELETE FROM article_copies WHERE copy_id = ?1"));
    q.Bind(1, copy_id);
    WD_RETURN_IF_ERROR(q.Run());
  } else {
    WD_RETURN_IF_ERROR(CheckArticle(db, canonical_id));
    // Marks point at the first publication, never along a chain of copies.
    WD_ASSIGN_OR_RETURN(canonical_id, CanonicalOf(db, canonical_id));
    if (canonical_id == copy_id) {
      return Fail(ErrorCode::kInvalidArgument, "the canonical article is a copy of this one",
                  std::to_string(copy_id));
    }
    {
      WD_ASSIGN_OR_RETURN(Query repoint, db.Prepare("UPDATE article_copies SET canonical_id = ?2 "
                                                    "WHERE canonical_id = ?1"));
      repoint.Bind(1, copy_id).Bind(2, canonical_id);
      WD_RETURN_IF_ERROR(repoint.Run());
    }
    WD_ASSIGN_OR_RETURN(Query q, db.Prepare("INSERT INTO article_copies (copy_id, canonical_id) "
                                            "VALUES (?1, ?2) ON CONFLICT (copy_id) "
                                            "DO UPDATE SET canonical_id = excluded.canonical_id"));
    q.Bind(1, copy_id).Bind(2, canonical_id);
    WD_RETURN_IF_ERROR(q.Run());
  }
  WD_RETURN_IF_ERROR(BumpGeneration(db));
  return txn.Commit();
}

Status Clear(Database& db) {
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kWrite));
  // Stories first: their links go by cascade, and the triggers then find no story to recount.
  WD_RETURN_IF_ERROR(db.Exec("DELETE FROM stories; DELETE FROM article_copies;"));
  WD_RETURN_IF_ERROR(BumpGeneration(db));
  return txn.Commit();
}

#undef WD_STORY_ORDER
#undef WD_STORY_COLUMNS
#undef WD_STORY_ARTICLE_COLUMNS

}  // namespace wiredesk::store::sqlite::stories
