// RAII over libpq: one connection, results, parameters, transactions, SQLSTATEs to Error.
// The PostgreSQL twin of sqlite/sqlite_db.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/result_macros.h"

// libpq's types, kept out of every includer's namespace.
struct pg_conn;
struct pg_result;

namespace wiredesk::store::postgres {

// The URL with any password replaced by "***", for messages and logs.
std::string RedactUrl(std::string_view url);

// Statement parameters, $1.. in the order added, sent as text. Text values are repaired to
// valid UTF-8 and lose NUL bytes: PostgreSQL's text type accepts neither, and a capture must
// not fail to store over one bad byte.
class Params {
 public:
  Params& Add(std::string_view value);
  Params& Add(const std::string& value) { return Add(std::string_view(value)); }
  Params& Add(const char* value) { return Add(std::string_view(value)); }
  Params& Add(int64_t value);
  Params& Add(int value) { return Add(int64_t{value}); }
  Params& Add(double value);
  Params& Add(bool value);
  Params& Add(Instant value);
  Params& Add(std::optional<Instant> value);  // NULL when absent
  Params& AddNull();
  // Bytes exactly as given (for a value that is already valid UTF-8 without NULs).
  Params& AddRaw(std::string value);

  int size() const { return static_cast<int>(values_.size()); }
  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  std::vector<std::optional<std::string>> values_;
};

// Appends one value in COPY's text format: repaired UTF-8 without NULs, backslash escapes for
// backslash, tab, newline and carriage return; nullopt is \N.
void AppendCopyField(std::string& out, const std::optional<std::string_view>& value);

// A statement's result rows, read in libpq's text format.
class Rows {
 public:
  Rows() = default;
  explicit Rows(pg_result* result) : result_(result) {}
  Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Rows& operator=(Rows&& other) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  ~Rows();

  int size() const;
  bool empty() const { return size() == 0; }
  bool IsNull(int row, int col) const;
  std::string Text(int row, int col) const;
  std::string_view View(int row, int col) const;
  int64_t Int64(int row, int col) const;  // 0 for NULL
  double Double(int row, int col) const;
  bool Bool(int row, int col) const;  // 't'
  Instant Time(int row, int col) const;
  std::optional<Instant> OptionalTime(int row, int col) const;
  // Rows an INSERT/UPDATE/DELETE touched.
  int64_t Affected() const;

 private:
  pg_result* result_ = nullptr;
};

// One connection. Not thread-safe: the caller serialises use (PostgresStore holds a mutex).
class Connection {
 public:
  // Connects to a "postgresql://" URL (or a libpq key=value string).
  static Result<std::unique_ptr<Connection>> Open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A script of statements without parameters (schema, BEGIN/COMMIT). Never for values.
  Status Exec(const char* sql);
  // One statement; values always go in `params`, never into the text. Prepared on first use.
  Result<Rows> Query(const char* sql, const Params& params = {});
  // COPY ... FROM STDIN: BeginCopy with the COPY statement, PutCopyData with rows in COPY's
  // text format (CopyField escapes a value), EndCopy to finish (and learn of bad rows).
  Status BeginCopy(const char* sql);
  Status PutCopyData(std::string_view data);
  Status EndCopy();

  // The values of NOTIFYs received so far on `channel`, in order; empties the queue.
  std::vector<std::string> TakeNotifications(std::string_view channel);

  bool InTransaction() const;
  // The URL, password redacted: the context of every error.
  const std::string& Target() const { return target_; }
  pg_conn* Handle() const { return conn_; }

 private:
  Connection(pg_conn* conn, std::string target) : conn_(conn), target_(std::move(target)) {}
  // A connection the server dropped (restart, failover) is re-established between
  // transactions; inside one the transaction is lost anyway and the caller hears of it.
  Status Revive();

  pg_conn* conn_;
  std::string target_;
  // Each statement text is prepared once per connection (PQprepare) and then only executed:
  // parsing and planning cost more than running most of the store's statements.
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

// BEGIN ... COMMIT, rolled back by the destructor unless Commit() succeeded.
class Transaction {
 public:
  enum class Kind {
    kRead,   // REPEATABLE READ, READ ONLY: one snapshot for several SELECTs
    kWrite,  // READ COMMITTED: each statement sees what other nodes committed before it
  };

  // `then`: statements without parameters (SET LOCAL ...) sent with the BEGIN, in the same
  // round trip.
  static Result<Transaction> Begin(Connection& db, Kind kind, std::string_view then = {});
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  Status Commit();

 private:
  explicit Transaction(Connection* db) : db_(db) {}
  Connection* db_;
};

}  // namespace wiredesk::store::postgres
