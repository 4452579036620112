// The accounts half of the SQLite store: users who sign in, sessions, API tokens, and comment
// moderation. SqliteStore (sqlite_store.cc) derives from it and lends it its connection, the
// mutex that guards that connection, and its clock.
#pragma once

#include <mutex>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace wiredesk::store::sqlite {

class SqliteAccounts : public Store {
 public:
  Result<std::vector<Comment>> CommentsOf(int64_t article_id) override;
  Result<std::optional<Comment>> FindComment(int64_t id) override;

  Result<int64_t> AddAccount(const User& user, std::string_view password_hash) override;
  Result<std::optional<Account>> FindAccount(std::string_view name) override;
  Result<std::optional<User>> FindUser(int64_t id) override;
  Status SetPasswordHash(int64_t user_id, std::string_view password_hash) override;
  Status SetRole(int64_t user_id, std::string_view role) override;

  Status AddSession(std::string_view token_hash, int64_t user_id, Instant expires) override;
  Result<std::optional<User>> SessionUser(std::string_view token_hash, Instant now) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteSessionsOf(int64_t user_id, std::string_view keep_hash, Instant now) override;

  Result<int64_t> AddApiToken(int64_t user_id, std::string_view token_hash,
                              std::string_view label) override;
  Result<std::optional<User>> ApiTokenUser(std::string_view token_hash) override;

  Status EditComment(int64_t comment_id, std::string_view body) override;
  Status ModerateComment(int64_t comment_id, CommentAction action) override;
  Result<int64_t> ReportComment(int64_t comment_id, int64_t user_id,
                                std::string_view reason) override;
  Result<int64_t> CountCommentsSince(int64_t user_id, Instant since) override;

 protected:
  // SqliteStore's connection, the lock every use of it holds, and its clock.
  virtual Database& Db() = 0;
  virtual std::mutex& Mutex() = 0;
  virtual const Clock& StoreClock() const = 0;

 private:
  Result<std::optional<User>> UserWhere(const char* sql, std::string_view key);
  Status WriteComment(int64_t comment_id, const char* sql, std::string_view text);
};

// "reader", "moderator" or "admin": the roles a user may have.
bool IsKnownRole(std::string_view role);

}  // namespace wiredesk::store::sqlite
