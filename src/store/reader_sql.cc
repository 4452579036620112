#include "store/reader_sql.h"

#include <string>

#include "store/result_macros.h"

namespace wiredesk::store {

void SqlBuilder::Placeholder() {
  text_ += dialect_ == SqlDialect::kSqlite ? '?' : '$';
  text_ += std::to_string(values_.size());
}

SqlBuilder& SqlBuilder::Bind(int64_t v) {
  values_.emplace_back(v);
  // PostgreSQL infers a parameter's type from where it stands, and in a SELECT list (INSERT ...
  // SELECT $1) it would guess text.
  if (dialect_ == SqlDialect::kPostgres) text_ += "CAST(";
  Placeholder();
  if (dialect_ == SqlDialect::kPostgres) text_ += " AS bigint)";
  return *this;
}

SqlBuilder& SqlBuilder::Bind(std::string v) {
  values_.emplace_back(std::move(v));
  Placeholder();
  return *this;
}

SqlBuilder& SqlBuilder::IdList(const std::vector<int64_t>& ids) {
  // One value however many ids, so the statement text (and its prepared plan) is the same.
  std::string list;
  for (int64_t id : ids) {
    if (!list.empty()) list += ',';
    list += std::to_string(id);
  }
  if (dialect_ == SqlDialect::kSqlite) {
    text_ += "(SELECT value FROM json_each(";
    Bind("[" + list + "]");
    text_ += "))";
  } else {
    text_ += "(SELECT unnest(CAST(";
    Bind("{" + list + "}");
    text_ += " AS bigint[])))";
  }
  return *this;
}

Result<FeedRecord> SiteFeedFor(Store& store, const FeedSubscription& feed) {
  WD_ASSIGN_OR_RETURN(std::optional<FeedRecord> known, store.FindFeed(feed.url));
  if (known) return *known;
  const FeedSubscription site_feed{feed.url, "", "", feed.site_url};
  if (auto added = store.AddFeed(site_feed); !added && added.error().code != ErrorCode::kConflict) {
    return Fail(added.error());
  }
  WD_ASSIGN_OR_RETURN(known, store.FindFeed(feed.url));
  if (!known) return Fail(ErrorCode::kStorage, "the feed vanished as it was added", feed.url);
  return *known;
}

Status CheckReaderQuery(const ReaderStreamQuery& q) {
  if (q.user_id <= 0) return Fail(ErrorCode::kInvalidArgument, "a stream needs a reader");
  if (q.limit < 1 || q.limit > kMaxReaderPage) {
    return Fail(ErrorCode::kInvalidArgument,
                "a stream page holds 1 to " + std::to_string(kMaxReaderPage) + " articles");
  }
  if (q.after_id < 0 || q.before_id < 0 || q.feed_id < 0) {
    return Fail(ErrorCode::kInvalidArgument, "ids are never negative");
  }
  if (q.article_ids.size() > static_cast<size_t>(kMaxReaderPage)) {
    return Fail(ErrorCode::kInvalidArgument,
                "at most " + std::to_string(kMaxReaderPage) + " articles at a time");
  }
  return {};
}

namespace {

// "rs"/"e" restricted to the reader's subscriptions, narrowed by feed and folder.
void AppendSubscribedTo(SqlBuilder& sql, const ReaderStreamQuery& q) {
  sql << "rs.user_id = ";
  sql.Bind(q.user_id);
  if (q.feed_id != 0) {
    sql << " AND e.feed_id = ";
    sql.Bind(q.feed_id);
  }
  if (!q.folder.empty()) {
    sql << " AND rs.folder = ";
    sql.Bind(q.folder);
  }
}

}  // namespace

void AppendStreamWhere(SqlBuilder& sql, const ReaderStreamQuery& q, bool with_unread) {
  switch (q.scope) {
    case ReaderStreamQuery::Scope::kSubscribed:
      sql << "EXISTS (SELECT 1 FROM feed_entries e JOIN reader_subscriptions rs "
             "ON rs.feed_id = e.feed_id WHERE e.article_id = a.id AND ";
      AppendSubscribedTo(sql, q);
      sql << ")";
      break;
    case ReaderStreamQuery::Scope::kSaved:
      sql << "EXISTS (SELECT 1 FROM reader_saved sv2 WHERE sv2.article_id = a.id AND "
             "sv2.user_id = ";
      sql.Bind(q.user_id);
      sql << ")";
      break;
    case ReaderStreamQuery::Scope::kArticles:
      sql << "a.id IN ";
      sql.IdList(q.article_ids);
      break;
  }
  if (with_unread && q.unread_only) {
    sql << " AND NOT EXISTS (SELECT 1 FROM reader_reads r WHERE r.article_id = a.id AND "
           "r.user_id = ";
    sql.Bind(q.user_id);
    sql << ")";
  }
  if (q.after_id > 0) {
    sql << " AND a.id > ";
    sql.Bind(q.after_id);
  }
  if (q.before_id > 0) {
    sql << " AND a.id < ";
    sql.Bind(q.before_id);
  }
  if (q.seen_since) {
    sql << " AND a.first_seen_at >= ";
    sql.Bind(*q.seen_since);
  }
  if (q.seen_until) {
    sql << " AND a.first_seen_at <= ";
    sql.Bind(*q.seen_until);
  }
}

SqlBuilder ReaderStreamSelect(SqlDialect dialect, const char* summary_columns,
                              const ReaderStreamQuery& q) {
  SqlBuilder sql(dialect);
  sql << "SELECT " << summary_columns << ", "
      << "coalesce((SELECT min(e.feed_id) FROM feed_entries e JOIN reader_subscriptions rs "
         "ON rs.feed_id = e.feed_id WHERE e.article_id = a.id AND ";
  // In a feed's or folder's stream the item belongs to that feed, not another that also had it.
  ReaderStreamQuery narrowed = q;
  if (q.scope != ReaderStreamQuery::Scope::kSubscribed)
    narrowed.feed_id = 0, narrowed.folder.clear();
  AppendSubscribedTo(sql, narrowed);
  sql << "), 0), CASE WHEN EXISTS (SELECT 1 FROM reader_reads r WHERE r.article_id = a.id AND "
         "r.user_id = ";
  sql.Bind(q.user_id);
  sql << ") THEN 1 ELSE 0 END, sv.saved_at "
         "FROM articles a JOIN sources s ON s.id = a.source_id "
         "LEFT JOIN reader_saved sv ON sv.article_id = a.id AND sv.user_id = ";
  sql.Bind(q.user_id);
  sql << " WHERE ";
  AppendStreamWhere(sql, q, /*with_unread=*/true);
  sql << (q.oldest_first ? " ORDER BY a.id LIMIT " : " ORDER BY a.id DESC LIMIT ");
  sql.Bind(int64_t{q.limit});
  return sql;
}

SqlBuilder MarkStreamReadInsert(SqlDialect dialect, const ReaderStreamQuery& q, Instant now) {
  SqlBuilder sql(dialect);
  sql << "INSERT INTO reader_reads (user_id, article_id, read_at) SELECT ";
  sql.Bind(q.user_id);
  sql << ", a.id, ";
  sql.Bind(now);
  sql << " FROM articles a WHERE ";
  AppendStreamWhere(sql, q, /*with_unread=*/false);
  sql << " ON CONFLICT (user_id, article_id) DO NOTHING";
  return sql;
}

SqlBuilder MarkArticles(SqlDialect dialect, ReaderMark mark, int64_t user_id,
                        const std::vector<int64_t>& ids, bool on, Instant now) {
  const bool read = mark == ReaderMark::kRead;
  SqlBuilder sql(dialect);
  if (on) {
    sql << (read ? "INSERT INTO reader_reads (user_id, article_id, read_at) SELECT "
                 : "INSERT INTO reader_saved (user_id, article_id, saved_at) SELECT ");
    sql.Bind(user_id);
    sql << ", a.id, ";
    sql.Bind(now);
    sql << " FROM articles a WHERE a.id IN ";
    sql.IdList(ids);
    sql << " ON CONFLICT (user_id, article_id) DO NOTHING";
  } else {
    sql << (read ? "DELETE FROM reader_reads WHERE user_id = "
                 : "DELETE FROM reader_saved WHERE user_id = ");
    sql.Bind(user_id);
    sql << " AND article_id IN ";
    sql.IdList(ids);
  }
  return sql;
}

SqlBuilder UnreadCountsSelect(SqlDialect dialect, int64_t user_id) {
  // `u` is the reader's unread articles of their subscriptions, with the feed that listed each.
  SqlBuilder sql(dialect);
  sql << "WITH u AS (SELECT e.feed_id, e.article_id, a.first_seen_at "
         "FROM reader_subscriptions rs JOIN feed_entries e ON e.feed_id = rs.feed_id "
         "JOIN articles a ON a.id = e.article_id WHERE rs.user_id = ";
  sql.Bind(user_id);
  sql << " AND NOT EXISTS (SELECT 1 FROM reader_reads r WHERE r.article_id = e.article_id "
         "AND r.user_id = ";
  sql.Bind(user_id);
  sql << ")) SELECT rs.feed_id, count(u.article_id), max(u.first_seen_at) "
         "FROM reader_subscriptions rs LEFT JOIN u ON u.feed_id = rs.feed_id WHERE rs.user_id = ";
  sql.Bind(user_id);
  sql << " GROUP BY rs.feed_id "
         "UNION ALL SELECT 0, count(DISTINCT article_id), max(first_seen_at) FROM u "
         "ORDER BY 1 DESC";
  return sql;
}

}  // namespace wiredesk::store
