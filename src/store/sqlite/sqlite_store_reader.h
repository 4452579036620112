// The reader-state part of the SQLite store: each reader's subscriptions, read and saved
// articles, and reader-app key. SqliteStore derives from it; like SqliteAccounts it works on
// the connection, mutex and clock SqliteStore lends it.
#pragma once

#include "store/reader_sql.h"
#include "store/sqlite/sqlite_store_accounts.h"

namespace wiredesk::store::sqlite {

class SqliteReaderState : public SqliteAccounts {
 public:
  Result<int64_t> Subscribe(int64_t user_id, const FeedSubscription& feed) override;
  Status EditSubscription(int64_t user_id, int64_t feed_id, std::optional<std::string> title,
                          std::optional<std::string> folder) override;
  Status Unsubscribe(int64_t user_id, int64_t feed_id) override;
  Result<std::vector<ReaderSubscription>> SubscriptionsOf(int64_t user_id) override;
  Result<std::vector<ReaderItem>> ReaderStream(const ReaderStreamQuery& query) override;
  Status SetRead(int64_t user_id, const std::vector<int64_t>& article_ids, bool read) override;
  Result<int64_t> MarkStreamRead(const ReaderStreamQuery& query) override;
  Status SetSaved(int64_t user_id, const std::vector<int64_t>& article_ids, bool saved) override;
  Result<std::vector<UnreadCount>> UnreadCounts(int64_t user_id) override;
  Result<ArticlePage> SavedArticles(int64_t user_id, int limit, int offset) override;
  Status SetAppKeyHash(int64_t user_id, std::string_view key_hash) override;
  Result<std::optional<User>> AppKeyUser(std::string_view key_hash) override;

 private:
  // Marks or unmarks the articles (reader_sql.h MarkArticles).
  Status WriteEach(int64_t user_id, const std::vector<int64_t>& article_ids, ReaderMark mark,
                   bool on);
};

}  // namespace wiredesk::store::sqlite
