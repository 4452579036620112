// The SQL of a reader's streams (ReaderStreamQuery), made once for both backends: the two
// schemas are the same, and only placeholders ("?1" or "$1") and how a list of ids is passed
// (a JSON array for SQLite's json_each, an array literal for PostgreSQL) differ.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace wiredesk::store {

enum class SqlDialect { kSqlite, kPostgres };

// Statement text with its values, numbered in the order they were added. The text is built
// from constant fragments only; every value goes in `values`.
class SqlBuilder {
 public:
  using Value = std::variant<int64_t, std::string>;

  explicit SqlBuilder(SqlDialect dialect) : dialect_(dialect) {}

  // Appends constant SQL text.
  SqlBuilder& operator<<(const char* sql) {
    text_ += sql;
    return *this;
  }
  // Appends a placeholder for the value.
  SqlBuilder& Bind(int64_t v);
  SqlBuilder& Bind(std::string v);
  SqlBuilder& Bind(Instant v) { return Bind(int64_t{v.time_since_epoch().count()}); }
  // Appends "(subquery)" yielding the ids, for "x IN ...".
  SqlBuilder& IdList(const std::vector<int64_t>& ids);

  const std::string& text() const { return text_; }
  const std::vector<SqlBuilder::Value>& values() const { return values_; }
  SqlDialect dialect() const { return dialect_; }

 private:
  void Placeholder();

  SqlDialect dialect_;
  std::string text_;
  std::vector<SqlBuilder::Value> values_;
};

// The site's feed at feed.url, added (without the reader's title and folder: the site learns
// the title from the feed) when no one had it. Its own transaction, before the subscription's:
// the feed is worth keeping even if the subscription then fails, and another reader may add
// the same feed meanwhile. For Store::Subscribe on every backend.
Result<FeedRecord> SiteFeedFor(Store& store, const FeedSubscription& feed);

// kInvalidArgument when the query cannot be run: no user, a limit out of 1..kMaxReaderPage,
// negative ids, too many article ids.
Status CheckReaderQuery(const ReaderStreamQuery& q);

// Appends the conditions on `a` (articles) that put an article in the query's stream:
// its scope, unread_only when `with_unread`, and the id and time bounds.
void AppendStreamWhere(SqlBuilder& sql, const ReaderStreamQuery& q, bool with_unread);

// SELECT of a page of the stream: the summary columns (`summary_columns`, with `a` articles
// and `s` sources) followed by feed_id, read (0 or 1) and saved_at (NULL when not saved).
SqlBuilder ReaderStreamSelect(SqlDialect dialect, const char* summary_columns,
                              const ReaderStreamQuery& q);

// INSERT into reader_reads of every unread article of the stream (paging aside), stamped `now`.
SqlBuilder MarkStreamReadInsert(SqlDialect dialect, const ReaderStreamQuery& q, Instant now);

// Marks (`on`) or unmarks the articles for the reader: rows of reader_reads (read_at) or
// reader_saved (saved_at), stamped `now`; ids of no article are skipped, a mark already there
// keeps its time.
enum class ReaderMark { kRead, kSaved };
SqlBuilder MarkArticles(SqlDialect dialect, ReaderMark mark, int64_t user_id,
                        const std::vector<int64_t>& ids, bool on, Instant now);

// The reader's unread counts: feed_id, count, newest first_seen_at (NULL when none) per
// subscribed feed, then feed_id 0 for all of them with each article once.
SqlBuilder UnreadCountsSelect(SqlDialect dialect, int64_t user_id);

}  // namespace wiredesk::store
