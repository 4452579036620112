// PostgresStore: users who sign in, sessions, API tokens and comment moderation (the SQLite
// twin is sqlite/sqlite_store_accounts.cc). As there, account writes leave the generation
// alone (they change no page); comment writes move it.
#include "core/text.h"
#include "store/postgres/postgres_store_impl.h"

namespace wiredesk::store::postgres {

namespace {

// The Comment columns, in ReadComment's order; `c` is comments. Constant SQL text only.
#define WD_PG_COMMENT_COLUMNS                                                      \
  "c.id, c.article_id, c.parent_id, c.user_id, c.author_name, c.body, c.created, " \
  "c.hidden, c.deleted, c.edited, "                                                \
  "(SELECT count(*) FROM comment_reports r WHERE r.comment_id = c.id)"

Comment ReadComment(const Rows& r, int i) {
  Comment c;
  c.id = r.Int64(i, 0);
  c.article_id = r.Int64(i, 1);
  if (!r.IsNull(i, 2)) c.parent_id = r.Int64(i, 2);
  c.user_id = r.IsNull(i, 3) ? 0 : r.Int64(i, 3);
  c.author_name = r.Text(i, 4);
  c.body = r.Text(i, 5);
  c.created = r.Time(i, 6);
  c.hidden = r.Int64(i, 7) != 0;
  c.deleted = r.Int64(i, 8) != 0;
  c.edited = r.OptionalTime(i, 9);
  c.reports = r.Int64(i, 10);
  return c;
}

#define WD_PG_USER_COLUMNS "u.id, u.name, u.role, u.created"

User ReadUser(const Rows& r, int i) {
  return User{r.Int64(i, 0), r.Text(i, 1), r.Text(i, 2), r.Time(i, 3)};
}

std::optional<User> FirstUser(const Rows& r) {
  if (r.empty()) return std::nullopt;
  return ReadUser(r, 0);
}

bool IsKnownRole(std::string_view role) {
  return role == "reader" || role == "moderator" || role == "admin";
}

// A foreign-key failure (kInvalidArgument) is the caller naming a row that is not there.
Unexpected NotFoundIfMissing(const Error& e, std::string what) {
  if (e.code == ErrorCode::kInvalidArgument) return Fail(ErrorCode::kNotFound, "no " + what);
  return Fail(e);
}

}  // namespace

// ---- Comments ------------------------------------------------------------------------------

Result<std::vector<Comment>> PostgresStore::CommentsOf(int64_t article_id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_COMMENT_COLUMNS " FROM comments c "
                                         "WHERE c.article_id = $1 ORDER BY c.created, c.id",
                                         Params().Add(article_id)));
  std::vector<Comment> comments;
  for (int i = 0; i < r.size(); ++i) comments.push_back(ReadComment(r, i));
  return comments;
}

Result<std::optional<Comment>> PostgresStore::FindComment(int64_t id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_COMMENT_COLUMNS
                                         " FROM comments c WHERE c.id = $1",
                                         Params().Add(id)));
  if (r.empty()) return std::optional<Comment>();
  return std::optional<Comment>(ReadComment(r, 0));
}

Status PostgresStore::WriteComment(int64_t comment_id, const char* sql, std::string_view text) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(Rows find, db_->Query("SELECT deleted FROM comments WHERE id = $1 FOR UPDATE",
                                            Params().Add(comment_id)));
  if (find.empty()) {
    return Fail(ErrorCode::kNotFound, "no comment with id " + std::to_string(comment_id));
  }
  if (find.Int64(0, 0) != 0 && !text.empty()) {
    return Fail(ErrorCode::kConflict, "the comment was deleted");
  }
  Params p;
  p.Add(comment_id);
  if (!text.empty()) p.Add(text).Add(clock_->Now());
  WD_RETURN_IF_ERROR(db_->Query(sql, p));
  WD_RETURN_IF_ERROR(BumpGeneration());
  return txn.Commit();
}

Status PostgresStore::EditComment(int64_t comment_id, std::string_view body) {
  if (Trim(body).empty()) return Fail(ErrorCode::kInvalidArgument, "a comment needs a body");
  return WriteComment(comment_id, "UPDATE comments SET body = $2, edited = $3 WHERE id = $1", body);
}

Status PostgresStore::ModerateComment(int64_t comment_id, CommentAction action) {
  switch (action) {
    case CommentAction::kHide:
      return WriteComment(comment_id, "UPDATE comments SET hidden = 1 WHERE id = $1", {});
    case CommentAction::kRestore:
      return WriteComment(comment_id, "UPDATE comments SET hidden = 0 WHERE id = $1", {});
    case CommentAction::kDelete:
      // The text goes for good; the row stays so that replies keep their parent.
      return WriteComment(comment_id, "UPDATE comments SET deleted = 1, body = '' WHERE id = $1",
                          {});
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown comment action");
}

Result<int64_t> PostgresStore::ReportComment(int64_t comment_id, int64_t user_id,
                                             std::string_view reason) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Kind::kWrite));
  auto added = db_->Query("INSERT INTO comment_reports (comment_id, user_id, reason, created) "
                          "VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, user_id) DO NOTHING",
                          Params()
                              .Add(comment_id)
                              .Add(user_id)
                              .Add(CollapseWhitespace(reason))
                              .Add(clock_->Now()));
  if (!added) {
    return NotFoundIfMissing(added.error(), "comment with id " + std::to_string(comment_id) +
                                                " (or no user with id " +
                                                std::to_string(user_id) + ")");
  }
  WD_ASSIGN_OR_RETURN(Rows count, db_->Query("SELECT count(*) FROM comment_reports "
                                             "WHERE comment_id = $1",
                                             Params().Add(comment_id)));
  const int64_t reports = count.Int64(0, 0);
  if (added->Affected() == 0) return reports;  // reported before: nothing written
  // Moderators see report counts on the article page.
  WD_RETURN_IF_ERROR(BumpGeneration());
  WD_RETURN_IF_ERROR(txn.Commit());
  return reports;
}

Result<int64_t> PostgresStore::CountCommentsSince(int64_t user_id, Instant since) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT count(*) FROM comments "
                                         "WHERE user_id = $1 AND created >= $2",
                                         Params().Add(user_id).Add(since)));
  return r.Int64(0, 0);
}

// ---- Users ---------------------------------------------------------------------------------

Result<int64_t> PostgresStore::AddAccount(const User& user, std::string_view password_hash) {
  const std::string name = CollapseWhitespace(user.name);
  if (name.empty()) return Fail(ErrorCode::kInvalidArgument, "a user needs a name");
  const std::string role = user.role.empty() ? "reader" : user.role;
  if (!IsKnownRole(role)) {
    return Fail(ErrorCode::kInvalidArgument,
                "user role must be reader, moderator or admin, not '" + role + "'", name);
  }
  const Instant created = user.created == Instant{} ? clock_->Now() : user.created;
  std::lock_guard lock(mu_);
  auto r = db_->Query("INSERT INTO users (name, role, created, password_hash) "
                      "VALUES ($1, $2, $3, $4) RETURNING id",
                      Params().Add(name).Add(role).Add(created).Add(password_hash));
  if (!r) {
    if (r.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, "a user with this name already exists", name);
    }
    return Fail(r.error());
  }
  return r->Int64(0, 0);
}

Result<std::optional<Account>> PostgresStore::FindAccount(std::string_view name) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_USER_COLUMNS ", u.password_hash "
                                         "FROM users u WHERE lower(u.name COLLATE \"C\") = "
                                         "lower($1 COLLATE \"C\")",
                                         Params().Add(CollapseWhitespace(name))));
  if (r.empty()) return std::optional<Account>();
  return std::optional<Account>(Account{ReadUser(r, 0), r.Text(0, 4)});
}

Result<std::optional<User>> PostgresStore::FindUser(int64_t id) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_USER_COLUMNS " FROM users u "
                                         "WHERE u.id = $1",
                                         Params().Add(id)));
  return FirstUser(r);
}

Status PostgresStore::SetPasswordHash(int64_t user_id, std::string_view password_hash) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("UPDATE users SET password_hash = $2 WHERE id = $1",
                                         Params().Add(user_id).Add(password_hash)));
  if (r.Affected() == 0) return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
  return {};
}

Status PostgresStore::SetRole(int64_t user_id, std::string_view role) {
  if (!IsKnownRole(role)) {
    return Fail(ErrorCode::kInvalidArgument,
                "user role must be reader, moderator or admin, not '" + std::string(role) + "'");
  }
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("UPDATE users SET role = $2 WHERE id = $1",
                                         Params().Add(user_id).Add(role)));
  if (r.Affected() == 0) return Fail(ErrorCode::kNotFound, "no user with id " + std::to_string(user_id));
  return {};
}

// ---- Sessions and tokens -------------------------------------------------------------------

Status PostgresStore::AddSession(std::string_view token_hash, int64_t user_id, Instant expires) {
  if (token_hash.empty()) return Fail(ErrorCode::kInvalidArgument, "a session needs a token");
  std::lock_guard lock(mu_);
  auto r = db_->Query("INSERT INTO sessions (token_hash, user_id, created, expires) "
                      "VALUES ($1, $2, $3, $4)",
                      Params().Add(token_hash).Add(user_id).Add(clock_->Now()).Add(expires));
  if (!r) return NotFoundIfMissing(r.error(), "user with id " + std::to_string(user_id));
  return {};
}

Result<std::optional<User>> PostgresStore::SessionUser(std::string_view token_hash, Instant now) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_USER_COLUMNS " FROM sessions s "
                                         "JOIN users u ON u.id = s.user_id "
                                         "WHERE s.token_hash = $1 AND s.expires > $2",
                                         Params().Add(token_hash).Add(now)));
  return FirstUser(r);
}

Status PostgresStore::DeleteSession(std::string_view token_hash) {
  std::lock_guard lock(mu_);
  WD_RETURN_IF_ERROR(
      db_->Query("DELETE FROM sessions WHERE token_hash = $1", Params().Add(token_hash)));
  return {};
}

Status PostgresStore::DeleteSessionsOf(int64_t user_id, std::string_view keep_hash, Instant now) {
  std::lock_guard lock(mu_);
  WD_RETURN_IF_ERROR(db_->Query("DELETE FROM sessions WHERE (user_id = $1 AND "
                                "token_hash <> $2) OR expires <= $3",
                                Params().Add(user_id).Add(keep_hash).Add(now)));
  return {};
}

Result<int64_t> PostgresStore::AddApiToken(int64_t user_id, std::string_view token_hash,
                                           std::string_view label) {
  if (token_hash.empty()) return Fail(ErrorCode::kInvalidArgument, "an API token needs a secret");
  std::lock_guard lock(mu_);
  auto r = db_->Query("INSERT INTO api_tokens (token_hash, user_id, label, created) "
                      "VALUES ($1, $2, $3, $4) RETURNING id",
                      Params()
                          .Add(token_hash)
                          .Add(user_id)
                          .Add(CollapseWhitespace(label))
                          .Add(clock_->Now()));
  if (!r) return NotFoundIfMissing(r.error(), "user with id " + std::to_string(user_id));
  return r->Int64(0, 0);
}

Result<std::optional<User>> PostgresStore::ApiTokenUser(std::string_view token_hash) {
  std::lock_guard lock(mu_);
  WD_ASSIGN_OR_RETURN(Rows r, db_->Query("SELECT " WD_PG_USER_COLUMNS " FROM api_tokens t "
                                         "JOIN users u ON u.id = t.user_id "
                                         "WHERE t.token_hash = $1",
                                         Params().Add(token_hash)));
  return FirstUser(r);
}

#undef WD_PG_COMMENT_COLUMNS
#undef WD_PG_USER_COLUMNS

}  // namespace wiredesk::store::postgres
