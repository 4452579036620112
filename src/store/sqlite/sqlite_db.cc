// The SQLite C API behind RAII: connection, cached statements, transactions, error mapping.
#include "store/sqlite/sqlite_db.h"

#include "store/sqlite/stemming_tokenizer.h"

#include <chrono>
#include <climits>

namespace wiredesk::store::sqlite {

Error SqliteError(sqlite3* db, int rc, std::string context) {
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message = detail != nullptr ? detail : sqlite3_errstr(rc);
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return MakeError(ErrorCode::kConflict, std::move(message), std::move(context));
      }
      return MakeError(ErrorCode::kInvalidArgument, std::move(message), std::move(context));
    case SQLITE_NOTADB:
      return MakeError(ErrorCode::kStorage, "file is not a wiredesk database", std::move(context));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return MakeError(ErrorCode::kStorage,
                       "database is busy: another writer held it too long (" + message + ")",
                       std::move(context));
    default:
      return MakeError(ErrorCode::kStorage, std::move(message), std::move(context));
  }
}

// ---- Query -------------------------------------------------------------------------------

Query::Query(sqlite3_stmt* stmt, bool* in_use, std::string_view context)
    : stmt_(stmt), in_use_(in_use), context_(context) {
  *in_use_ = true;
}

Query::Query(Query&& other) noexcept
    : stmt_(other.stmt_),
      in_use_(other.in_use_),
      context_(other.context_),
      bind_rc_(other.bind_rc_) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Query::~Query() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

void Query::Check(int rc) {
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

Query& Query::Bind(int index, int64_t value) {
  Check(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Query& Query::Bind(int index, double value) {
  Check(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Query& Query::Bind(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies, so the caller's string may die before Step().
  if (value.size() > static_cast<size_t>(INT_MAX)) {
    Check(SQLITE_TOOBIG);
  } else {
    Check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
  }
  return *this;
}

Query& Query::Bind(int index, std::optional<Instant> value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Query& Query::Bind(int index, Instant value) {
  return Bind(index, static_cast<int64_t>(value.time_since_epoch().count()));
}

Query& Query::BindNull(int index) {
  Check(sqlite3_bind_null(stmt_, index));
  return *this;
}

Result<bool> Query::Step() {
  sqlite3* db = sqlite3_db_handle(stmt_);
  if (bind_rc_ != SQLITE_OK) return Fail(SqliteError(nullptr, bind_rc_, std::string(context_)));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(SqliteError(db, rc, std::string(context_)));
}

Status Query::Run() {
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, Step());
    if (!row) return {};
  }
}

bool Query::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Query::Int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Query::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Query::Text(int col) const {
  // text before bytes: the documented order that makes the byte count match the text.
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (p == nullptr) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Instant Query::Time(int col) const { return Instant{std::chrono::seconds{Int64(col)}}; }

std::optional<Instant> Query::OptionalTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}

// ---- Database ----------------------------------------------------------------------------

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  sqlite3* db = nullptr;
  // NOMUTEX: SQLite's own per-connection mutex is redundant, the store serialises all use.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db, rc, path);
    sqlite3_close_v2(db);  // a handle is returned even on failure, and must be closed
    return Fail(std::move(e));
  }
  sqlite3_extended_result_codes(db, 1);
  auto database = std::unique_ptr<Database>(new Database(db, path));
  // Before any statement touches the search index, which is built with it.
  WD_RETURN_IF_ERROR(RegisterStemmingTokenizer(db));
  return database;
}

Database::~Database() {
  for (auto& [sql, cached] : statements_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Status Database::Exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);  // the same text sqlite3_errmsg gives, which SqliteError reads
  if (rc != SQLITE_OK) return Fail(SqliteError(db_, rc, path_));
  return {};
}

Result<Query> Database::Prepare(const char* sql) {
  auto [it, inserted] = statements_.try_emplace(sql);
  Cached& cached = it->second;
  if (inserted) {
    const int rc =
        sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &cached.stmt, nullptr);
    if (rc != SQLITE_OK) {
      Error e = SqliteError(db_, rc, path_);
      statements_.erase(it);
      return Fail(std::move(e));
    }
  }
  // Two live Queries on one statement would reset each other's rows: a bug in the store.
  WD_CHECK(!cached.in_use);
  return Query(cached.stmt, &cached.in_use, path_);
}

int64_t Database::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int64_t Database::Changes() const { return sqlite3_changes64(db_); }
bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// ---- Transaction -------------------------------------------------------------------------

Result<Transaction> Transaction::Begin(Database& db, Kind kind) {
  WD_ASSIGN_OR_RETURN(Query q, db.Prepare(kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN"));
  WD_RETURN_IF_ERROR(q.Run());
  return Transaction(&db);
}

Transaction::~Transaction() {
  // Some errors (SQLITE_FULL, IOERR, NOMEM) already rolled back; ROLLBACK would then fail.
  if (db_ == nullptr || !db_->InTransaction()) return;
  if (auto q = db_->Prepare("ROLLBACK")) (void)q->Run();
}

Status Transaction::Commit() {
  WD_ASSIGN_OR_RETURN(Query q, db_->Prepare("COMMIT"));
  WD_RETURN_IF_ERROR(q.Run());
  db_ = nullptr;
  return {};
}

}  // namespace wiredesk::store::sqlite
