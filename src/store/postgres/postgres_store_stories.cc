// PostgresStore: stories and syndicated copies (the SQLite twin is
// sqlite/sqlite_store_stories.cc, whose logic this follows line for line). The rows of
// `stories` are kept true by the triggers of migration 5 (wiredesk_recount_stories).
#include <algorithm>
#include <chrono>
#include <climits>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/article_json.h"
#include "core/text.h"
#include "store/postgres/postgres_store_impl.h"

namespace wiredesk::store::postgres {

namespace {

constexpr int kMaxStoryArticles = 2000;
constexpr int kRelatedCandidates = 200;
// Of each of the article's tags only its newest this many articles are looked at (sqlite's
// kRelatedPerTag): the lookup is bounded by the article's tags, not the store's size.
constexpr int kRelatedPerTag = 500;

#define WD_PG_STORY_ARTICLE_COLUMNS                                               \
  "a.id, a.url, a.canonical_url, a.title, a.dek, a.byline, s.id, s.name, s.url, " \
  "a.published, a.captured, a.language, a.first_seen_at, a.updated_at"
constexpr int kArticleColumns = 14;

#define WD_PG_STORY_COLUMNS \
  "st.id, st.headline, st.article_count, st.publisher_count, st.first_published, st.last_published"
constexpr int kStoryColumns = 6;

#define WD_PG_STORY_ORDER                                                              \
  "ORDER BY (coalesce(st.last_published, 0) / 86400) DESC, st.publisher_count DESC, " \
  "st.article_count DESC, st.last_published DESC, st.id DESC"

ArticleSummary ReadArticle(const Rows& r, int i, int first) {
  return ReadSummary(r, i, first, /*with_comments=*/false);
}

StorySummary ReadStory(const Rows& r, int i) {
  StorySummary s;
  s.id = r.Int64(i, 0);
  s.headline = r.Text(i, 1);
  s.article_count = r.Int64(i, 2);
  s.publisher_count = r.Int64(i, 3);
  s.first_published = r.OptionalTime(i, 4);
  s.last_published = r.OptionalTime(i, 5);
  if (!r.IsNull(i, kStoryColumns)) s.lead = ReadArticle(r, i, kStoryColumns);
  return s;
}

Instant When(const ArticleSummary& a) { return a.published.value_or(a.captured); }

std::string NormalTitle(std::string_view title) { return AsciiLower(CollapseWhitespace(title)); }

}  // namespace

Status PostgresStore::CheckRow(const char* sql, int64_t id, const char* what) {
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query(sql, Params().Add(id)));
  if (r.empty()) return Fail(ErrorCode::kNotFound, std::string("no ") + what + " with id " + std::to_string(id));
  return {};
}

Result<int64_t> PostgresStore::CanonicalOf(int64_t article_id) {
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT canonical_id FROM article_copies WHERE copy_id = $1",
                                         Params().Add(article_id)));
  return r.empty() ? article_id : r.Int64(0, 0);
}

Result<std::optional<int64_t>> PostgresStore::StoryOfLocked(int64_t article_id) {
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT story_id FROM story_articles "
                                         "WHERE article_id = $1 LIMIT 1",
                                         Params().Add(article_id)));
  return r.empty() ? std::nullopt : std::optional<int64_t>(r.Int64(0, 0));
}

// ---- Reads ---------------------------------------------------------------------------------

Result<StoryPage> PostgresStore::ListStories(int limit, int offset) {
  WD_RETURN_IF_ERROR(CheckPage(limit, offset));
  limit = std::min(limit, kMaxPageSize);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  StoryPage page;
  {
    WD_ASSIGN_OR_RETURN(Rows count, db_->Query("SELECT count(*) FROM stories"));
    page.total = count.Int64(0, 0);
  }
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_STORY_COLUMNS ", " WD_PG_STORY_ARTICLE_COLUMNS
                                         " FROM stories st "
                                         "LEFT JOIN articles a ON a.id = st.lead_article_id "
                                         "LEFT JOIN sources s ON s.id = a.source_id " WD_PG_STORY_ORDER
                                         " LIMIT $1 OFFSET $2",
                                         Params().Add(limit).Add(offset)));
  for (int i = 0; i < r.size(); ++i) page.stories.push_back(ReadStory(r, i));
  WD_RETURN_IF_ERROR(txn.Commit());
  return page;
}

Result<std::optional<StoryDetail>> PostgresStore::FindStory(int64_t story_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  StoryDetail detail;
  {
    WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_STORY_COLUMNS ", " WD_PG_STORY_ARTICLE_COLUMNS
                                           " FROM stories st "
                                           "LEFT JOIN articles a ON a.id = st.lead_article_id "
                                           "LEFT JOIN sources s ON s.id = a.source_id "
                                           "WHERE st.id = $1",
                                           Params().Add(story_id)));
    if (r.empty()) return std::optional<StoryDetail>();
    detail.summary = ReadStory(r, 0);
  }
  WD_ASSIGN_OR_RETURN(
      Rows r, db_->Query("SELECT " WD_PG_STORY_ARTICLE_COLUMNS ", c.canonical_id "
                         "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                         "JOIN sources s ON s.id = a.source_id "
                         "LEFT JOIN article_copies c ON c.copy_id = a.id "
                         "WHERE sa.story_id = $1 "
                         "ORDER BY coalesce(a.published, a.captured), a.id LIMIT $2",
                         Params().Add(story_id).Add(kMaxStoryArticles)));
  WD_RETURN_IF_ERROR(txn.Commit());
  std::vector<std::pair<ArticleSummary, int64_t>> rows;
  for (int i = 0; i < r.size(); ++i) {
    rows.emplace_back(ReadArticle(r, i, 0), r.IsNull(i, kArticleColumns) ? 0 : r.Int64(i, kArticleColumns));
  }
  std::map<int64_t, int64_t> per_day;
  std::unordered_set<int64_t> in_story;
  for (const auto& [a, canonical] : rows) {
    in_story.insert(a.id);
    per_day[std::chrono::floor<std::chrono::days>(When(a)).time_since_epoch().count()]++;
  }
  std::unordered_map<int64_t, std::pair<size_t, size_t>> where;
  std::unordered_map<int64_t, size_t> group_of_source;
  for (const auto& [a, canonical] : rows) {
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
  for (SourceCoverage& group : detail.by_source) {
    std::reverse(group.articles.begin(), group.articles.end());
  }
  for (const auto& [day, count] : per_day) {
    detail.coverage.push_back(DayCoverage{Instant{std::chrono::days(day)}, count});
  }
  return std::optional<StoryDetail>(std::move(detail));
}

Result<std::optional<int64_t>> PostgresStore::StoryOf(int64_t article_id) {
  std::lock_guard lock(mu_);
  return StoryOfLocked(article_id);
}

Result<std::vector<RelatedArticle>> PostgresStore::RelatedArticles(int64_t article_id, int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  limit = std::min(limit, kMaxPageSize);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  WD_ASSIGN_OR_RETURN(const int64_t canonical, CanonicalOf(article_id));
  WD_ASSIGN_OR_RETURN(const std::optional<int64_t> story, StoryOfLocked(article_id));
  std::vector<RelatedArticle> out;
  if (story) {
    WD_ASSIGN_OR_RETURN(
        Rows r, db_->Query("SELECT " WD_PG_STORY_ARTICLE_COLUMNS
                           " FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                           "JOIN sources s ON s.id = a.source_id "
                           "WHERE sa.story_id = $1 AND a.id <> $2 AND a.id <> $3 "
                           "AND NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = a.id) "
                           "ORDER BY coalesce(a.published, a.captured) DESC, a.id DESC LIMIT $4",
                           Params().Add(*story).Add(article_id).Add(canonical).Add(limit)));
    for (int i = 0; i < r.size(); ++i) out.push_back(RelatedArticle{ReadArticle(r, i, 0), *story, true});
  }
  if (static_cast<int>(out.size()) >= limit) return out;
  WD_ASSIGN_OR_RETURN(
      Rows r, db_->Query("SELECT other.article_id, min(sa.story_id), count(*) AS shared, "
                         "max(coalesce(a.published, a.captured)) AS t "
                         "FROM article_tags mine "
                         "CROSS JOIN LATERAL (SELECT o.article_id FROM article_tags o "
                         "WHERE o.tag_id = mine.tag_id ORDER BY o.article_id DESC LIMIT $5) other "
                         "JOIN story_articles sa ON sa.article_id = other.article_id "
                         "JOIN articles a ON a.id = other.article_id "
                         "WHERE mine.article_id = $1 AND other.article_id <> $1 "
                         "AND other.article_id <> $2 AND sa.story_id <> $3 "
                         "AND NOT EXISTS (SELECT 1 FROM article_copies c "
                         "WHERE c.copy_id = other.article_id) "
                         "GROUP BY other.article_id "
                         "ORDER BY shared DESC, t DESC, other.article_id DESC LIMIT $4",
                         Params()
                             .Add(canonical)
                             .Add(article_id)
                             .Add(story.value_or(0))
                             .Add(kRelatedCandidates)
                             .Add(kRelatedPerTag)));
  std::vector<std::pair<int64_t, int64_t>> candidates;
  std::unordered_set<int64_t> stories_taken;
  for (int i = 0; i < r.size() && static_cast<int>(out.size() + candidates.size()) < limit; ++i) {
    if (stories_taken.insert(r.Int64(i, 1)).second) candidates.emplace_back(r.Int64(i, 0), r.Int64(i, 1));
  }
  for (const auto& [id, story_id] : candidates) {
    WD_ASSIGN_OR_RETURN(Rows a, db_->Query("SELECT " WD_PG_STORY_ARTICLE_COLUMNS
                                           " FROM articles a JOIN sources s ON s.id = a.source_id "
                                           "WHERE a.id = $1",
                                           Params().Add(id)));
    if (!a.empty()) out.push_back(RelatedArticle{ReadArticle(a, 0, 0), story_id, false});
  }
  WD_RETURN_IF_ERROR(txn.Commit());
  return out;
}

Result<std::vector<ArticleSummary>> PostgresStore::AlsoPublishedBy(int64_t article_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  WD_ASSIGN_OR_RETURN(const int64_t canonical, CanonicalOf(article_id));
  WD_ASSIGN_OR_RETURN(
      Rows r, db_->Query("SELECT " WD_PG_STORY_ARTICLE_COLUMNS
                         " FROM articles a JOIN sources s ON s.id = a.source_id "
                         "WHERE (a.id = $2 OR a.id IN (SELECT copy_id FROM article_copies "
                         "WHERE canonical_id = $2)) AND a.id <> $1 "
                         "ORDER BY coalesce(a.published, a.captured), a.id",
                         Params().Add(article_id).Add(canonical)));
  std::vector<ArticleSummary> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(ReadArticle(r, i, 0));
  WD_RETURN_IF_ERROR(txn.Commit());
  return out;
}

Result<std::optional<int64_t>> PostgresStore::FindArticleIdByTitle(std::string_view source,
                                                                  std::string_view title) {
  const std::string wanted = NormalTitle(title);
  if (wanted.empty()) return std::optional<int64_t>();
  std::lock_guard lock(mu_);
  // The title as a phrase against the title index, then the exact comparison.
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT a.id, a.title, s.name FROM article_search m "
                                         "JOIN articles a ON a.id = m.article_id "
                                         "JOIN sources s ON s.id = a.source_id "
                                         "WHERE m.title_tsv @@ phraseto_tsquery('wiredesk', $1) "
                                         "ORDER BY a.id LIMIT 50",
                                         Params().Add(wanted)));
  const std::string wanted_source = NormalTitle(source);
  for (int i = 0; i < r.size(); ++i) {
    if (NormalTitle(r.View(i, 1)) != wanted) continue;
    if (!wanted_source.empty() && NormalTitle(r.View(i, 2)) != wanted_source) continue;
    return std::optional<int64_t>(r.Int64(i, 0));
  }
  return std::optional<int64_t>();
}

Result<std::vector<StoryInput>> PostgresStore::ArticlesInTimeOrder(std::optional<TimeCursor> after,
                                                                   int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  Params p;
  if (after) {
    p.Add(after->time).Add(after->article_id);
  } else {
    p.Add(int64_t{LLONG_MIN}).Add(int64_t{LLONG_MIN});
  }
  p.Add(limit);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(
      Rows r,
      db_->Query("SELECT a.id, a.title, a.text, s.name, a.published, a.captured, a.related, "
                 "(SELECT sa.story_id FROM story_articles sa WHERE sa.article_id = a.id LIMIT 1), "
                 "(SELECT c.canonical_id FROM article_copies c WHERE c.copy_id = a.id) "
                 "FROM articles a JOIN sources s ON s.id = a.source_id "
                 "WHERE (coalesce(a.published, a.captured), a.id) > ($1::bigint, $2::bigint) "
                 "ORDER BY coalesce(a.published, a.captured), a.id LIMIT $3",
                 p));
  std::vector<StoryInput> out;
  for (int i = 0; i < r.size(); ++i) {
    StoryInput in;
    in.article_id = r.Int64(i, 0);
    in.title = r.Text(i, 1);
    in.text = r.Text(i, 2);
    in.source = r.Text(i, 3);
    in.published = r.OptionalTime(i, 4);
    in.captured = r.Time(i, 5);
    nlohmann::json parts = nlohmann::json::object();
    parts["related"] = nlohmann::json::parse(r.View(i, 6), nullptr, /*allow_exceptions=*/false);
    if (!parts["related"].is_discarded()) {
      if (auto a = ArticleFromJson(parts)) in.related = std::move(a->related);
    }
    in.story_id = r.IsNull(i, 7) ? 0 : r.Int64(i, 7);
    in.copy_of = r.IsNull(i, 8) ? 0 : r.Int64(i, 8);
    out.push_back(std::move(in));
  }
  return out;
}

// ---- Writes --------------------------------------------------------------------------------

Result<int64_t> PostgresStore::FileInStory(int64_t article_id, int64_t story_id) {
  const Instant now = clock_->Now();
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_RETURN_IF_ERROR(CheckRow("SELECT 1 FROM articles WHERE id = $1", article_id, "article"));
  if (story_id != 0) {
    // FOR UPDATE, not FOR SHARE: a merge by another node cannot remove the story under this
    // filing, and the filing trigger (migration 13) locks the row FOR UPDATE anyway; two
    // filings into one story that each held a share lock would both wait to upgrade it.
    // A move (the article is in another story, which its removal recounts under the same
    // lock) locks both stories up front in id order, as wiredesk_recount_stories does: two
    // moves between the same two stories in opposite directions cannot deadlock.
    WD_ASSIGN_OR_RETURN(Rows locked,
                        db_->Query("SELECT id FROM stories WHERE id = $1 OR id IN (SELECT "
                                   "story_id FROM story_articles WHERE article_id = $2) "
                                   "ORDER BY id FOR UPDATE",
                                   Params().Add(story_id).Add(article_id)));
    bool found = false;
    for (int i = 0; i < locked.size(); ++i) found = found || locked.Int64(i, 0) == story_id;
    if (!found) return Fail(ErrorCode::kNotFound, "no story with id " + std::to_string(story_id));
  } else {
    WD_ASSIGN_OR_RETURN(Rows add, db_->Query("INSERT INTO stories (updated_at) VALUES ($1) RETURNING id",
                                             Params().Add(now)));
    story_id = add.Int64(0, 0);
  }
  WD_RETURN_IF_ERROR(db_->Query("DELETE FROM story_articles WHERE article_id = $1 AND story_id <> $2",
                                Params().Add(article_id).Add(story_id)));
  WD_RETURN_IF_ERROR(db_->Query("INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2) "
                                "ON CONFLICT (story_id, article_id) DO NOTHING",
                                Params().Add(story_id).Add(article_id)));
  WD_RETURN_IF_ERROR(db_->Query("UPDATE stories SET updated_at = $2 WHERE id = $1",
                                Params().Add(story_id).Add(now)));
  WD_RETURN_IF_ERROR(FinishStoryJob(article_id));
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return story_id;
}

Status PostgresStore::MergeStories(int64_t from, int64_t into) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_RETURN_IF_ERROR(CheckRow("SELECT 1 FROM stories WHERE id = $1", from, "story"));
  WD_RETURN_IF_ERROR(CheckRow("SELECT 1 FROM stories WHERE id = $1", into, "story"));
  if (from == into) return {};
  // An article already in `into` keeps that row and loses the other; every other one moves.
  // The moves skip the row trigger's recount (migration 11); `into` is recounted once after.
  WD_RETURN_IF_ERROR(db_->Query("SELECT set_config('wiredesk.stories_moving', 'on', true)"));
  WD_RETURN_IF_ERROR(db_->Query("UPDATE story_articles SET story_id = $2 WHERE story_id = $1 "
                                "AND article_id NOT IN (SELECT article_id FROM story_articles "
                                "WHERE story_id = $2)",
                                Params().Add(from).Add(into)));
  WD_RETURN_IF_ERROR(db_->Query("SELECT set_config('wiredesk.stories_moving', 'off', true)"));
  WD_RETURN_IF_ERROR(db_->Query("DELETE FROM story_articles WHERE story_id = $1", Params().Add(from)));
  WD_RETURN_IF_ERROR(db_->Query("DELETE FROM stories WHERE id = $1", Params().Add(from)));
  WD_RETURN_IF_ERROR(
      db_->Query("SELECT wiredesk_recount_stories(ARRAY[$1::bigint])", Params().Add(into)));
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Status PostgresStore::MarkCopy(int64_t copy_id, int64_t canonical_id) {
  if (copy_id == canonical_id) {
    return Fail(ErrorCode::kInvalidArgument, "an article cannot be a copy of itself",
                std::to_string(copy_id));
  }
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_RETURN_IF_ERROR(CheckRow("SELECT 1 FROM articles WHERE id = $1", copy_id, "article"));
  if (canonical_id == 0) {
    WD_RETURN_IF_ERROR(db_->Query("DELETE FROM article_copies WHERE copy_id = $1", Params().Add(copy_id)));
  } else {
    WD_RETURN_IF_ERROR(CheckRow("SELECT 1 FROM articles WHERE id = $1", canonical_id, "article"));
    WD_ASSIGN_OR_RETURN(canonical_id, CanonicalOf(canonical_id));
    if (canonical_id == copy_id) {
      return Fail(ErrorCode::kInvalidArgument, "the canonical article is a copy of this one",
                  std::to_string(copy_id));
    }
    WD_RETURN_IF_ERROR(db_->Query("UPDATE article_copies SET canonical_id = $2 WHERE canonical_id = $1",
                                  Params().Add(copy_id).Add(canonical_id)));
    WD_RETURN_IF_ERROR(db_->Query("INSERT INTO article_copies (copy_id, canonical_id) VALUES ($1, $2) "
                                  "ON CONFLICT (copy_id) DO UPDATE SET canonical_id = "
                                  "excluded.canonical_id",
                                  Params().Add(copy_id).Add(canonical_id)));
    WD_RETURN_IF_ERROR(FinishStoryJob(copy_id));
  }
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Status PostgresStore::ClearStories() {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_RETURN_IF_ERROR(db_->Exec("DELETE FROM stories; DELETE FROM article_copies;"));
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

// Filing an article is its 'story' job (see Store::ClaimJobs): done in the filing's own
// transaction, so a node dying between the two can neither lose nor repeat it.
Status PostgresStore::FinishStoryJob(int64_t article_id) {
  WD_RETURN_IF_ERROR(db_->Query("DELETE FROM jobs WHERE kind = 'story' AND article_id = $1",
                                Params().Add(article_id)));
  return {};
}

// Any 64-bit constant: the advisory lock a node's story desk holds for one pass.
constexpr int64_t kStoryDeskLock = 0x5744'7374'6f72'7921;  // "WDstory!"

Result<int64_t> PostgresStore::LockStoryDesk() {
  std::lock_guard lock(mu_);
  // A session lock, not a transaction's: the pass is many transactions. A node that dies
  // holding it loses it with its connection.
  WD_RETURN_IF_ERROR(db_->Query("SELECT pg_advisory_lock($1)", Params().Add(kStoryDeskLock)));
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT value FROM meta WHERE key = 'story_desk'"));
  return r.empty() ? 0 : r.Int64(0, 0);
}

Result<int64_t> PostgresStore::UnlockStoryDesk(bool filed) {
  std::lock_guard lock(mu_);
  int64_t epoch = 0;
  if (filed) {
    WD_ASSIGN_OR_RETURN(Rows r, db_->Query("INSERT INTO meta (key, value) VALUES ('story_desk', 1) "
                                           "ON CONFLICT (key) DO UPDATE SET value = meta.value + 1 "
                                           "RETURNING value"));
    epoch = r.Int64(0, 0);
  } else {
    WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT value FROM meta WHERE key = 'story_desk'"));
    epoch = r.empty() ? 0 : r.Int64(0, 0);
  }
  WD_RETURN_IF_ERROR(db_->Query("SELECT pg_advisory_unlock($1)", Params().Add(kStoryDeskLock)));
  return epoch;
}

#undef WD_PG_STORY_ORDER
#undef WD_PG_STORY_COLUMNS
#undef WD_PG_STORY_ARTICLE_COLUMNS

}  // namespace wiredesk::store::postgres
