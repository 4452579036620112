// SqliteReaderState: each reader's subscriptions, read and saved articles, and app key, on
// SQLite. None of these writes bump the generation (see store.h).
#include "store/sqlite/sqlite_store_reader.h"

#include "core/text.h"
#include "store/reader_sql.h"
#include "store/sqlite/summary_columns.h"

namespace wiredesk::store::sqlite {

namespace {

Result<Query> PrepareBuilt(Database& db, const SqlBuilder& sql) {
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare(sql.text().c_str()));
  for (size_t i = 0; i < sql.values().size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (const auto* n = std::get_if<int64_t>(&sql.values()[i])) {
      q.Bind(index, *n);
    } else {
      q.Bind(index, std::string_view(std::get<std::string>(sql.values()[i])));
    }
  }
  return q;
}

}  // namespace

Result<int64_t> SqliteReaderState::Subscribe(int64_t user_id, const FeedSubscription& feed) {
  WD_ASSIGN_OR_RETURN(const FeedRecord known, SiteFeedFor(*this, feed));
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(
      Query q, Db().Prepare("INSERT INTO reader_subscriptions (user_id, feed_id, title, folder, "
                            "created) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, feed_id) "
                            "DO UPDATE SET title = excluded.title, folder = excluded.folder"));
  q.Bind(1, user_id)
      .Bind(2, known.id)
      .Bind(3, CollapseWhitespace(feed.title))
      .Bind(4, std::string(Trim(feed.folder)))
      .Bind(5, StoreClock().Now());
  if (auto st = q.Run(); !st) {
    if (st.error().code == ErrorCode::kInvalidArgument) {
      return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
    }
    return Fail(st.error());
  }
  return known.id;
}

Status SqliteReaderState::EditSubscription(int64_t user_id, int64_t feed_id,
                                           std::optional<std::string> title,
                                           std::optional<std::string> folder) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("UPDATE reader_subscriptions SET "
                                            "title = CASE WHEN ?3 THEN ?4 ELSE title END, "
                                            "folder = CASE WHEN ?5 THEN ?6 ELSE folder END "
                                            "WHERE user_id = ?1 AND feed_id = ?2"));
  q.Bind(1, user_id)
      .Bind(2, feed_id)
      .Bind(3, int64_t{title.has_value()})
      .Bind(4, CollapseWhitespace(title.value_or("")))
      .Bind(5, int64_t{folder.has_value()})
      .Bind(6, std::string(Trim(folder.value_or(""))));
  WD_RETURN_IF_ERROR(q.Run());
  if (Db().Changes() == 0) return Fail(ErrorCode::kNotFound, "not subscribed to this feed");
  return {};
}

Status SqliteReaderState::Unsubscribe(int64_t user_id, int64_t feed_id) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("DELETE FROM reader_subscriptions "
                                            "WHERE user_id = ?1 AND feed_id = ?2"));
  q.Bind(1, user_id).Bind(2, feed_id);
  WD_RETURN_IF_ERROR(q.Run());
  if (Db().Changes() == 0) return Fail(ErrorCode::kNotFound, "not subscribed to this feed");
  return {};
}

Result<std::vector<ReaderSubscription>> SqliteReaderState::SubscriptionsOf(int64_t user_id) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q,
                      Db().Prepare("SELECT f.id, f.url, CASE WHEN rs.title <> '' THEN rs.title "
                                   "ELSE f.title END AS shown, rs.folder, f.site_url, rs.created "
                                   "FROM reader_subscriptions rs JOIN feeds f ON f.id = rs.feed_id "
                                   "WHERE rs.user_id = ?1 "
                                   "ORDER BY rs.folder, shown COLLATE NOCASE, f.url"));
  q.Bind(1, user_id);
  std::vector<ReaderSubscription> out;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    out.push_back(
        ReaderSubscription{q.Int64(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Time(5)});
  }
  return out;
}

Result<std::vector<ReaderItem>> SqliteReaderState::ReaderStream(const ReaderStreamQuery& query) {
  WD_RETURN_IF_ERROR(CheckReaderQuery(query));
  std::vector<ReaderItem> items;
  if (query.scope == ReaderStreamQuery::Scope::kArticles && query.article_ids.empty()) {
    return items;
  }
  const SqlBuilder sql = ReaderStreamSelect(SqlDialect::kSqlite, WD_SUMMARY_COLUMNS, query);
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, PrepareBuilt(Db(), sql));
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    ReaderItem item;
    item.article = ReadSummary(q);
    item.feed_id = q.Int64(kSummaryColumnCount);
    item.read = q.Int64(kSummaryColumnCount + 1) != 0;
    item.saved_at = q.OptionalTime(kSummaryColumnCount + 2);
    items.push_back(std::move(item));
  }
  return items;
}

Status SqliteReaderState::WriteEach(int64_t user_id, const std::vector<int64_t>& article_ids,
                                    ReaderMark mark, bool on) {
  if (article_ids.empty()) return {};
  const SqlBuilder sql =
      MarkArticles(SqlDialect::kSqlite, mark, user_id, article_ids, on, StoreClock().Now());
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, PrepareBuilt(Db(), sql));
  if (auto st = q.Run(); !st) {
    if (st.error().code == ErrorCode::kInvalidArgument) {
      return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
    }
    return Fail(st.error());
  }
  return {};
}

Status SqliteReaderState::SetRead(int64_t user_id, const std::vector<int64_t>& article_ids,
                                  bool read) {
  return WriteEach(user_id, article_ids, ReaderMark::kRead, read);
}

Status SqliteReaderState::SetSaved(int64_t user_id, const std::vector<int64_t>& article_ids,
                                   bool saved) {
  return WriteEach(user_id, article_ids, ReaderMark::kSaved, saved);
}

Result<int64_t> SqliteReaderState::MarkStreamRead(const ReaderStreamQuery& query) {
  ReaderStreamQuery whole = query;
  whole.limit = 1;  // paging plays no part; keeps CheckReaderQuery's rules for the rest
  WD_RETURN_IF_ERROR(CheckReaderQuery(whole));
  const SqlBuilder sql = MarkStreamReadInsert(SqlDialect::kSqlite, query, StoreClock().Now());
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, PrepareBuilt(Db(), sql));
  WD_RETURN_IF_ERROR(q.Run());
  return Db().Changes();
}

Result<std::vector<UnreadCount>> SqliteReaderState::UnreadCounts(int64_t user_id) {
  const SqlBuilder sql = UnreadCountsSelect(SqlDialect::kSqlite, user_id);
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, PrepareBuilt(Db(), sql));
  std::vector<UnreadCount> out;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    out.push_back(UnreadCount{q.Int64(0), q.Int64(1), q.OptionalTime(2)});
  }
  return out;
}

Result<ArticlePage> SqliteReaderState::SavedArticles(int64_t user_id, int limit, int offset) {
  WD_RETURN_IF_ERROR(CheckPage(limit, offset));
  limit = std::min(limit, kMaxPageSize);
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(Db(), Transaction::Kind::kRead));
  ArticlePage page;
  {
    WD_ASSIGN_OR_RETURN(Query count,
                        Db().Prepare("SELECT count(*) FROM reader_saved WHERE user_id = ?1"));
    count.Bind(1, user_id);
    WD_ASSIGN_OR_RETURN(const bool row, count.Step());
    page.total = row ? count.Int64(0) : 0;
  }
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("SELECT " WD_SUMMARY_COLUMNS " FROM reader_saved sv "
                                            "JOIN articles a ON a.id = sv.article_id "
                                            "JOIN sources s ON s.id = a.source_id "
                                            "WHERE sv.user_id = ?1 "
                                            "ORDER BY sv.saved_at DESC, sv.article_id DESC "
                                            "LIMIT ?2 OFFSET ?3"));
  q.Bind(1, user_id).Bind(2, int64_t{limit}).Bind(3, int64_t{offset});
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    page.articles.push_back(ReadSummary(q));
  }
  return page;
}

Status SqliteReaderState::SetAppKeyHash(int64_t user_id, std::string_view key_hash) {
  std::lock_guard lock(Mutex());
  if (key_hash.empty()) {
    WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("DELETE FROM reader_app_keys WHERE user_id = ?1"));
    q.Bind(1, user_id);
    return q.Run();
  }
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("INSERT INTO reader_app_keys (user_id, key_hash, "
                                            "created) VALUES (?1, ?2, ?3) ON CONFLICT (user_id) "
                                            "DO UPDATE SET key_hash = excluded.key_hash, "
                                            "created = excluded.created"));
  q.Bind(1, user_id).Bind(2, key_hash).Bind(3, StoreClock().Now());
  if (auto st = q.Run(); !st) {
    if (st.error().code == ErrorCode::kInvalidArgument) {
      return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
    }
    if (st.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "another reader has this app key");
    }
    return Fail(st.error());
  }
  return {};
}

Result<std::optional<User>> SqliteReaderState::AppKeyUser(std::string_view key_hash) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("SELECT u.id, u.name, u.role, u.created "
                                            "FROM reader_app_keys k JOIN users u "
                                            "ON u.id = k.user_id WHERE k.key_hash = ?1"));
  q.Bind(1, key_hash);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<User>();
  return std::optional<User>(User{q.Int64(0), q.Text(1), q.Text(2), q.Time(3)});
}

}  // namespace wiredesk::store::sqlite
