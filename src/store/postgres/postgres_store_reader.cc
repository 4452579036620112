// PostgresStore: each reader's subscriptions, read and saved articles, and app key (the SQLite
// twin is sqlite/sqlite_store_reader.cc; reader_sql.cc makes the stream SQL of both). As there,
// these writes leave the generation alone.
#include <algorithm>

#include "core/text.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/reader_sql.h"

namespace wiredesk::store::postgres {

namespace {

Params ParamsOf(const SqlBuilder& sql) {
  Params p;
  for (const SqlBuilder::Value& v : sql.values()) {
    if (const auto* n = std::get_if<int64_t>(&v)) {
      p.Add(*n);
    } else {
      p.Add(std::get<std::string>(v));
    }
  }
  return p;
}

// A foreign-key failure is the caller naming a user who is not there.
Unexpected UserMissing(const Error& e, int64_t user_id) {
  if (e.code == ErrorCode::kInvalidArgument) {
    return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
  }
  return Fail(e);
}

}  // namespace

Result<int64_t> PostgresStore::Subscribe(int64_t user_id, const FeedSubscription& feed) {
  WD_ASSIGN_OR_RETURN(const FeedRecord known, SiteFeedFor(*this, feed));
  std::lock_guard lock(mu_);
  auto r = db_->Query(
      "INSERT INTO reader_subscriptions (user_id, feed_id, title, folder, created) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, feed_id) "
      "DO UPDATE SET title = EXCLUDED.title, folder = EXCLUDED.folder",
      Params()
          .Add(user_id)
          .Add(known.id)
          .Add(CollapseWhitespace(feed.title))
          .Add(std::string(Trim(feed.folder)))
          .Add(clock_->Now()));
  if (!r) return UserMissing(r.error(), user_id);
  return known.id;
}

Status PostgresStore::EditSubscription(int64_t user_id, int64_t feed_id,
                                       std::optional<std::string> title,
                                       std::optional<std::string> folder) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("UPDATE reader_subscriptions SET "
                                         "title = CASE WHEN $3 THEN $4 ELSE title END, "
                                         "folder = CASE WHEN $5 THEN $6 ELSE folder END "
                                         "WHERE user_id = $1 AND feed_id = $2",
                                         Params()
                                             .Add(user_id)
                                             .Add(feed_id)
                                             .Add(title.has_value())
                                             .Add(CollapseWhitespace(title.value_or("")))
                                             .Add(folder.has_value())
                                             .Add(std::string(Trim(folder.value_or(""))))));
  if (r.Affected() == 0) return Fail(ErrorCode::kNotFound, "not subscribed to this feed");
  return {};
}

Status PostgresStore::Unsubscribe(int64_t user_id, int64_t feed_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("DELETE FROM reader_subscriptions "
                                         "WHERE user_id = $1 AND feed_id = $2",
                                         Params().Add(user_id).Add(feed_id)));
  if (r.Affected() == 0) return Fail(ErrorCode::kNotFound, "not subscribed to this feed");
  return {};
}

Result<std::vector<ReaderSubscription>> PostgresStore::SubscriptionsOf(int64_t user_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r,
                      db_->Query("SELECT f.id, f.url, CASE WHEN rs.title <> '' THEN rs.title "
                                 "ELSE f.title END AS shown, rs.folder, f.site_url, rs.created "
                                 "FROM reader_subscriptions rs JOIN feeds f ON f.id = rs.feed_id "
                                 "WHERE rs.user_id = $1 ORDER BY rs.folder, lower(CASE WHEN "
                                 "rs.title <> '' THEN rs.title ELSE f.title END), f.url",
                                 Params().Add(user_id)));
  std::vector<ReaderSubscription> out;
  for (int i = 0; i < r.size(); ++i) {
    out.push_back(ReaderSubscription{r.Int64(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3),
                                     r.Text(i, 4), r.Time(i, 5)});
  }
  return out;
}

Result<std::vector<ReaderItem>> PostgresStore::ReaderStream(const ReaderStreamQuery& query) {
  WD_RETURN_IF_ERROR(CheckReaderQuery(query));
  std::vector<ReaderItem> items;
  if (query.scope == ReaderStreamQuery::Scope::kArticles && query.article_ids.empty()) {
    return items;
  }
  const SqlBuilder sql = ReaderStreamSelect(SqlDialect::kPostgres, WD_PG_SUMMARY_COLUMNS, query);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query(sql.text().c_str(), ParamsOf(sql)));
  for (int i = 0; i < r.size(); ++i) {
    ReaderItem item;
    item.article = ReadSummary(r, i);
    item.feed_id = r.Int64(i, kSummaryColumnCount);
    item.read = r.Int64(i, kSummaryColumnCount + 1) != 0;
    item.saved_at = r.OptionalTime(i, kSummaryColumnCount + 2);
    items.push_back(std::move(item));
  }
  return items;
}

Status PostgresStore::WriteEach(int64_t user_id, const std::vector<int64_t>& article_ids,
                                ReaderMark mark, bool on) {
  if (article_ids.empty()) return {};
  const SqlBuilder sql =
      MarkArticles(SqlDialect::kPostgres, mark, user_id, article_ids, on, clock_->Now());
  std::lock_guard lock(mu_);
  auto r = db_->Query(sql.text().c_str(), ParamsOf(sql));
  if (!r) return UserMissing(r.error(), user_id);
  return {};
}

Status PostgresStore::SetRead(int64_t user_id, const std::vector<int64_t>& article_ids, bool read) {
  return WriteEach(user_id, article_ids, ReaderMark::kRead, read);
}

Status PostgresStore::SetSaved(int64_t user_id, const std::vector<int64_t>& article_ids,
                               bool saved) {
  return WriteEach(user_id, article_ids, ReaderMark::kSaved, saved);
}

Result<int64_t> PostgresStore::MarkStreamRead(const ReaderStreamQuery& query) {
  ReaderStreamQuery whole = query;
  whole.limit = 1;
  WD_RETURN_IF_ERROR(CheckReaderQuery(whole));
  const SqlBuilder sql = MarkStreamReadInsert(SqlDialect::kPostgres, query, clock_->Now());
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query(sql.text().c_str(), ParamsOf(sql)));
  return r.Affected();
}

Result<std::vector<UnreadCount>> PostgresStore::UnreadCounts(int64_t user_id) {
  const SqlBuilder sql = UnreadCountsSelect(SqlDialect::kPostgres, user_id);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query(sql.text().c_str(), ParamsOf(sql)));
  std::vector<UnreadCount> out;
  for (int i = 0; i < r.size(); ++i) {
    out.push_back(UnreadCount{r.Int64(i, 0), r.Int64(i, 1), r.OptionalTime(i, 2)});
  }
  return out;
}

Result<ArticlePage> PostgresStore::SavedArticles(int64_t user_id, int limit, int offset) {
  WD_RETURN_IF_ERROR(CheckPage(limit, offset));
  limit = std::min(limit, kMaxPageSize);
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kRead));
  ArticlePage page;
  WD_ASSIGN_OR_RETURN(Rows count, db_->Query("SELECT count(*) FROM reader_saved WHERE user_id = $1",
                                             Params().Add(user_id)));
  page.total = count.Int64(0, 0);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_SUMMARY_COLUMNS " FROM reader_saved sv "
                                         "JOIN articles a ON a.id = sv.article_id "
                                         "JOIN sources s ON s.id = a.source_id "
                                         "WHERE sv.user_id = $1 "
                                         "ORDER BY sv.saved_at DESC, sv.article_id DESC "
                                         "LIMIT $2 OFFSET $3",
                                         Params().Add(user_id).Add(limit).Add(offset)));
  for (int i = 0; i < r.size(); ++i) page.articles.push_back(ReadSummary(r, i));
  WD_RETURN_IF_ERROR(txn.Commit());
  return page;
}

Status PostgresStore::SetAppKeyHash(int64_t user_id, std::string_view key_hash) {
  std::lock_guard lock(mu_);
  if (key_hash.empty()) {
    WD_ASSIGN_OR_RETURN(Rows r, db_->Query("DELETE FROM reader_app_keys WHERE user_id = $1",
                                           Params().Add(user_id)));
    (void)r;
    return {};
  }
  auto r = db_->Query(
      "INSERT INTO reader_app_keys (user_id, key_hash, created) "
      "VALUES ($1, $2, $3) ON CONFLICT (user_id) "
      "DO UPDATE SET key_hash = EXCLUDED.key_hash, created = EXCLUDED.created",
      Params().Add(user_id).Add(key_hash).Add(clock_->Now()));
  if (!r) {
    if (r.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "another reader has this app key");
    }
    return UserMissing(r.error(), user_id);
  }
  return {};
}

Result<std::optional<User>> PostgresStore::AppKeyUser(std::string_view key_hash) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT u.id, u.name, u.role, u.created "
                                         "FROM reader_app_keys k JOIN users u "
                                         "ON u.id = k.user_id WHERE k.key_hash = $1",
                                         Params().Add(key_hash)));
  if (r.empty()) return std::optional<User>();
  return std::optional<User>(User{r.Int64(0, 0), r.Text(0, 1), r.Text(0, 2), r.Time(0, 3)});
}

}  // namespace wiredesk::store::postgres
