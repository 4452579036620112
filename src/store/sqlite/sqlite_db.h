// RAII over the SQLite C API: a connection that caches its prepared statements, a statement in
// use (Query), and transactions that roll back unless committed.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "core/time.h"

#include "store/result_macros.h"

namespace wiredesk::store::sqlite {

// The Error for a failed SQLite call: constraint violations become kConflict (UNIQUE) or
// kInvalidArgument (CHECK, NOT NULL, FOREIGN KEY); everything else is kStorage.
Error SqliteError(sqlite3* db, int rc, std::string context);

// A cached prepared statement while one caller uses it. Resets and clears its bindings when it
// goes out of scope: a statement left mid-result would hold its read snapshot open, so this
// connection would go on seeing old data and WAL checkpoints could not finish.
class Query {
 public:
  Query(sqlite3_stmt* stmt, bool* in_use, std::string_view context);
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  ~Query();

  Query& Bind(int index, int64_t value);
  Query& Bind(int index, double value);
  Query& Bind(int index, std::string_view value);
  Query& Bind(int index, std::optional<Instant> value);  // NULL when absent
  Query& Bind(int index, Instant value);
  Query& BindNull(int index);

  // true: a row is ready to read; false: done.
  Result<bool> Step();
  // Steps to the end, for statements that return no rows (or whose rows are not wanted).
  Status Run();

  bool IsNull(int col) const;
  int64_t Int64(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  Instant Time(int col) const;
  std::optional<Instant> OptionalTime(int col) const;

 private:
  void Check(int rc);

  sqlite3_stmt* stmt_;
  bool* in_use_;
  std::string_view context_;
  int bind_rc_ = SQLITE_OK;
};

// One connection. Not thread-safe: the caller serialises use (SqliteStore holds a mutex).
class Database {
 public:
  // Opens (creating if missing) the database file. The directory must exist.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs a script of statements without parameters (schema, pragmas). Never for values.
  Status Exec(const char* sql);
  // The cached prepared statement for `sql`, prepared on first use. `sql` is a constant: values
  // are always bound, never spliced into the text.
  Result<Query> Prepare(const char* sql);

  int64_t LastInsertRowid() const;
  int64_t Changes() const;
  bool InTransaction() const;
  const std::string& Path() const { return path_; }
  sqlite3* Handle() const { return db_; }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  // Keyed by the SQL text; finalized before the connection closes (see the destructor).
  std::unordered_map<std::string, Cached> statements_;
};

// BEGIN ... COMMIT, rolled back by the destructor unless Commit() succeeded.
class Transaction {
 public:
  enum class Kind {
    kRead,   // BEGIN (deferred): one consistent snapshot for several SELECTs
    kWrite,  // BEGIN IMMEDIATE: takes the write lock up front, so a read lock is never
             // upgraded mid-transaction (that can fail with SQLITE_BUSY without waiting)
  };

  static Result<Transaction> Begin(Database& db, Kind kind);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace wiredesk::store::sqlite
