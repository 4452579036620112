// SqliteAccounts: users who sign in, sessions, API tokens and comment moderation on SQLite.
// None of the account writes bump the generation: they change no page (see store.h).
#include "store/sqlite/sqlite_store_accounts.h"

#include "core/text.h"

namespace wiredesk::store::sqlite {

namespace {

// The Comment columns, in ReadComment's order; `c` is comments. Constant SQL text only.
#define WD_COMMENT_COLUMNS                                                              \
  "c.id, c.article_id, c.parent_id, c.user_id, c.author_name, c.body, c.created, "      \
  "c.hidden, c.deleted, c.edited, "                                                     \
  "(SELECT count(*) FROM comment_reports r WHERE r.comment_id = c.id)"

Comment ReadComment(const Query& q) {
  Comment c;
  c.id = q.Int64(0);
  c.article_id = q.Int64(1);
  if (!q.IsNull(2)) c.parent_id = q.Int64(2);
  c.user_id = q.IsNull(3) ? 0 : q.Int64(3);
  c.author_name = q.Text(4);
  c.body = q.Text(5);
  c.created = q.Time(6);
  c.hidden = q.Int64(7) != 0;
  c.deleted = q.Int64(8) != 0;
  c.edited = q.OptionalTime(9);
  c.reports = q.Int64(10);
  return c;
}

#define WD_USER_COLUMNS "u.id, u.name, u.role, u.created"

User ReadUser(const Query& q) { return User{q.Int64(0), q.Text(1), q.Text(2), q.Time(3)}; }

Status BumpGeneration(Database& db) {
  WD_ASSIGN_OR_RETURN(Query q,
                      db.Prepare("UPDATE meta SET value = value + 1 WHERE key = 'generation'"));
  return q.Run();
}

// Runs a one-row write and says kNotFound when it touched no row.
Status RunOnOne(Query& q, Database& db, std::string what) {
  WD_RETURN_IF_ERROR(q.Run());
  if (db.Changes() == 0) return Fail(ErrorCode::kNotFound, "no " + what);
  return {};
}

}  // namespace

bool IsKnownRole(std::string_view role) {
  return role == "reader" || role == "moderator" || role == "admin";
}

// ---- Comments ------------------------------------------------------------------------------

Result<std::vector<Comment>> SqliteAccounts::CommentsOf(int64_t article_id) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("SELECT " WD_COMMENT_COLUMNS " FROM comments c "
                                            "WHERE c.article_id = ?1 ORDER BY c.created, c.id"));
  q.Bind(1, article_id);
  std::vector<Comment> comments;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    comments.push_back(ReadComment(q));
  }
  return comments;
}

Result<std::optional<Comment>> SqliteAccounts::FindComment(int64_t id) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q,
                      Db().Prepare("SELECT " WD_COMMENT_COLUMNS " FROM comments c WHERE c.id = ?1"));
  q.Bind(1, id);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<Comment>();
  return std::optional<Comment>(ReadComment(q));
}

Status SqliteAccounts::WriteComment(int64_t comment_id, const char* sql, std::string_view text) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(Db(), Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Query find, Db().Prepare("SELECT deleted FROM comments WHERE id = ?1"));
    find.Bind(1, comment_id);
    WD_ASSIGN_OR_RETURN(const bool found, find.Step());
    if (!found) {
      return Fail(ErrorCode::kNotFound, "no comment with id " + std::to_string(comment_id));
    }
    if (find.Int64(0) != 0 && !text.empty()) {
      return Fail(ErrorCode::kConflict, "the comment was deleted");
    }
  }
  {
    WD_ASSIGN_OR_RETURN(Query q, Db().Prepare(sql));
    q.Bind(1, comment_id);
    if (!text.empty()) q.Bind(2, text).Bind(3, StoreClock().Now());
    WD_RETURN_IF_ERROR(q.Run());
  }
  WD_RETURN_IF_ERROR(BumpGeneration(Db()));
  return txn.Commit();
}

Status SqliteAccounts::EditComment(int64_t comment_id, std::string_view body) {
  if (Trim(body).empty()) return Fail(ErrorCode::kInvalidArgument, "a comment needs a body");
  return WriteComment(comment_id, "UPDATE comments SET body = ?2, edited = ?3 WHERE id = ?1", body);
}

Status SqliteAccounts::ModerateComment(int64_t comment_id, CommentAction action) {
  switch (action) {
    case CommentAction::kHide:
      return WriteComment(comment_id, "UPDATE comments SET hidden = 1 WHERE id = ?1", {});
    case CommentAction::kRestore:
      return WriteComment(comment_id, "UPDATE comments SET hidden = 0 WHERE id = ?1", {});
    case CommentAction::kDelete:
      // The text goes for good; the row stays so that replies keep their parent.
      return WriteComment(comment_id, "UPDATE comments SET deleted = 1, body = '' WHERE id = ?1",
                          {});
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown comment action");
}

Result<int64_t> SqliteAccounts::ReportComment(int64_t comment_id, int64_t user_id,
                                              std::string_view reason) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(Db(), Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("INSERT INTO comment_reports (comment_id, user_id, "
                                              "reason, created) VALUES (?1, ?2, ?3, ?4) "
                                              "ON CONFLICT (comment_id, user_id) DO NOTHING"));
    q.Bind(1, comment_id).Bind(2, user_id).Bind(3, CollapseWhitespace(reason)).Bind(4, StoreClock().Now());
    if (auto st = q.Run(); !st) {
      if (st.error().code == ErrorCode::kInvalidArgument) {  // a foreign key: no such row
        return Fail(ErrorCode::kNotFound, "no comment with id " + std::to_string(comment_id) +
                                              " (or no user with id " + std::to_string(user_id) +
                                              ")");
      }
      return Fail(st.error());
    }
  }
  const bool added = Db().Changes() > 0;
  WD_ASSIGN_OR_RETURN(Query count,
                      Db().Prepare("SELECT count(*) FROM comment_reports WHERE comment_id = ?1"));
  count.Bind(1, comment_id);
  WD_ASSIGN_OR_RETURN(const bool row, count.Step());
  const int64_t reports = row ? count.Int64(0) : 0;
  if (!added) return reports;  // reported before: nothing written
  // Moderators see report counts on the article page.
  WD_RETURN_IF_ERROR(BumpGeneration(Db()));
  WD_RETURN_IF_ERROR(txn.Commit());
  return reports;
}

Result<int64_t> SqliteAccounts::CountCommentsSince(int64_t user_id, Instant since) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("SELECT count(*) FROM comments "
                                            "WHERE user_id = ?1 AND created >= ?2"));
  q.Bind(1, user_id).Bind(2, since);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? q.Int64(0) : 0;
}

// ---- Users ---------------------------------------------------------------------------------

Result<int64_t> SqliteAccounts::AddAccount(const User& user, std::string_view password_hash) {
  const std::string name = CollapseWhitespace(user.name);
  if (name.empty()) return Fail(ErrorCode::kInvalidArgument, "a user needs a name");
  const std::string role = user.role.empty() ? "reader" : user.role;
  if (!IsKnownRole(role)) {
    return Fail(ErrorCode::kInvalidArgument,
                "user role must be reader, moderator or admin, not '" + role + "'", name);
  }
  const Instant created = user.created == Instant{} ? StoreClock().Now() : user.created;
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("INSERT INTO users (name, role, created, password_hash) "
                                            "VALUES (?1, ?2, ?3, ?4)"));
  q.Bind(1, name).Bind(2, role).Bind(3, created).Bind(4, password_hash);
  if (auto st = q.Run(); !st) {
    if (st.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "a user with this name already exists", name);
    }
    return Fail(st.error());
  }
  return Db().LastInsertRowid();
}

Result<std::optional<Account>> SqliteAccounts::FindAccount(std::string_view name) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("SELECT " WD_USER_COLUMNS ", u.password_hash "
                                            "FROM users u WHERE u.name = ?1"));
  q.Bind(1, CollapseWhitespace(name));
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<Account>();
  return std::optional<Account>(Account{ReadUser(q), q.Text(4)});
}

Result<std::optional<User>> SqliteAccounts::UserWhere(const char* sql, std::string_view key) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare(sql));
  q.Bind(1, key);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<User>();
  return std::optional<User>(ReadUser(q));
}

Result<std::optional<User>> SqliteAccounts::FindUser(int64_t id) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("SELECT " WD_USER_COLUMNS " FROM users u WHERE u.id = ?1"));
  q.Bind(1, id);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<User>();
  return std::optional<User>(ReadUser(q));
}

Status SqliteAccounts::SetPasswordHash(int64_t user_id, std::string_view password_hash) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1"));
  q.Bind(1, user_id).Bind(2, password_hash);
  return RunOnOne(q, Db(), "user with id " + std::to_string(user_id));
}

Status SqliteAccounts::SetRole(int64_t user_id, std::string_view role) {
  if (!IsKnownRole(role)) {
    return Fail(ErrorCode::kInvalidArgument,
                "user role must be reader, moderator or admin, not '" + std::string(role) + "'");
  }
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(Db(), Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("UPDATE users SET role = ?2 WHERE id = ?1"));
    q.Bind(1, user_id).Bind(2, role);
    WD_RETURN_IF_ERROR(RunOnOne(q, Db(), "user with id " + std::to_string(user_id)));
  }
  return txn.Commit();
}

// ---- Sessions and tokens -------------------------------------------------------------------

Status SqliteAccounts::AddSession(std::string_view token_hash, int64_t user_id, Instant expires) {
  if (token_hash.empty()) return Fail(ErrorCode::kInvalidArgument, "a session needs a token");
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("INSERT INTO sessions (token_hash, user_id, created, "
                                            "expires) VALUES (?1, ?2, ?3, ?4)"));
  q.Bind(1, token_hash).Bind(2, user_id).Bind(3, StoreClock().Now()).Bind(4, expires);
  if (auto st = q.Run(); !st) {
    if (st.error().code == ErrorCode::kInvalidArgument) {
      return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
    }
    return Fail(st.error());
  }
  return {};
}

Result<std::optional<User>> SqliteAccounts::SessionUser(std::string_view token_hash, Instant now) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("SELECT " WD_USER_COLUMNS " FROM sessions s "
                                            "JOIN users u ON u.id = s.user_id "
                                            "WHERE s.token_hash = ?1 AND s.expires > ?2"));
  q.Bind(1, token_hash).Bind(2, now);
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return std::optional<User>();
  return std::optional<User>(ReadUser(q));
}

Status SqliteAccounts::DeleteSession(std::string_view token_hash) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("DELETE FROM sessions WHERE token_hash = ?1"));
  q.Bind(1, token_hash);
  return q.Run();
}

Status SqliteAccounts::DeleteSessionsOf(int64_t user_id, std::string_view keep_hash, Instant now) {
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("DELETE FROM sessions WHERE (user_id = ?1 AND "
                                            "token_hash <> ?2) OR expires <= ?3"));
  q.Bind(1, user_id).Bind(2, keep_hash).Bind(3, now);
  return q.Run();
}

Result<int64_t> SqliteAccounts::AddApiToken(int64_t user_id, std::string_view token_hash,
                                            std::string_view label) {
  if (token_hash.empty()) return Fail(ErrorCode::kInvalidArgument, "an API token needs a secret");
  std::lock_guard lock(Mutex());
  WD_ASSIGN_OR_RETURN(Query q, Db().Prepare("INSERT INTO api_tokens (token_hash, user_id, label, "
                                            "created) VALUES (?1, ?2, ?3, ?4)"));
  q.Bind(1, token_hash).Bind(2, user_id).Bind(3, CollapseWhitespace(label)).Bind(4, StoreClock().Now());
  if (auto st = q.Run(); !st) {
    if (st.error().code == ErrorCode::kInvalidArgument) {
      return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
    }
    return Fail(st.error());
  }
  return Db().LastInsertRowid();
}

Result<std::optional<User>> SqliteAccounts::ApiTokenUser(std::string_view token_hash) {
  return UserWhere("SELECT " WD_USER_COLUMNS " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                   "WHERE t.token_hash = ?1",
                   token_hash);
}

#undef WD_COMMENT_COLUMNS
#undef WD_USER_COLUMNS

}  // namespace wiredesk::store::sqlite
