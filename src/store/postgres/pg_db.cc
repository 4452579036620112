// libpq RAII (see pg_db.h).
#include "store/postgres/pg_db.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdio>

#include "core/text.h"

namespace wiredesk::store::postgres {

namespace {

std::string OneLine(std::string_view s) {
  std::string out = CollapseWhitespace(s);
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

// SQLSTATE classes to the codes callers handle: a unique violation is a conflict (the caller
// may retry or report "already exists"), a bad value or a broken reference is the caller's
// argument, everything else is the storage's problem.
Error PgError(std::string_view sqlstate, std::string message, std::string context) {
  ErrorCode code = ErrorCode::kStorage;
  if (sqlstate == "23505") {
    code = ErrorCode::kConflict;
  } else if (sqlstate.starts_with("23") || sqlstate.starts_with("22")) {
    code = ErrorCode::kInvalidArgument;
  }
  return MakeError(code, OneLine(message), std::move(context));
}

// Notices ("word is too long to be indexed", "query contains only stop words") are not
// errors; libpq would print them on stderr.
void IgnoreNotice(void*, const char*) {}

}  // namespace

std::string RedactUrl(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t at = url.find('@', scheme + 3);
  const size_t slash = url.find('/', scheme + 3);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(url);
  }
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

// ---- Params --------------------------------------------------------------------------------

Params& Params::Add(std::string_view value) {
  std::string clean = RepairUtf8(value);
  std::erase(clean, '\0');
  values_.emplace_back(std::move(clean));
  return *this;
}
Params& Params::Add(int64_t value) {
  values_.emplace_back(std::to_string(value));
  return *this;
}
Params& Params::Add(double value) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%.17g", value);
  values_.emplace_back(std::string(buf, static_cast<size_t>(n)));
  return *this;
}
Params& Params::Add(bool value) {
  values_.emplace_back(value ? "t" : "f");
  return *this;
}
Params& Params::Add(Instant value) { return Add(int64_t{value.time_since_epoch().count()}); }
Params& Params::Add(std::optional<Instant> value) {
  return value ? Add(*value) : AddNull();
}
Params& Params::AddNull() {
  values_.emplace_back(std::nullopt);
  return *this;
}
Params& Params::AddRaw(std::string value) {
  values_.emplace_back(std::move(value));
  return *this;
}

// ---- Rows ----------------------------------------------------------------------------------

Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}
Rows::~Rows() {
  if (result_ != nullptr) PQclear(result_);
}
int Rows::size() const { return result_ == nullptr ? 0 : PQntuples(result_); }
bool Rows::IsNull(int row, int col) const { return PQgetisnull(result_, row, col) != 0; }
std::string_view Rows::View(int row, int col) const {
  return {PQgetvalue(result_, row, col), static_cast<size_t>(PQgetlength(result_, row, col))};
}
std::string Rows::Text(int row, int col) const { return std::string(View(row, col)); }
int64_t Rows::Int64(int row, int col) const {
  const std::string_view v = View(row, col);
  int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}
double Rows::Double(int row, int col) const {
  const std::string_view v = View(row, col);
  double out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}
bool Rows::Bool(int row, int col) const { return View(row, col) == "t"; }
Instant Rows::Time(int row, int col) const { return Instant(std::chrono::seconds(Int64(row, col))); }
std::optional<Instant> Rows::OptionalTime(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Time(row, col);
}
int64_t Rows::Affected() const {
  if (result_ == nullptr) return 0;
  const char* n = PQcmdTuples(result_);
  int64_t out = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), out);
  return out;
}

// ---- Connection ----------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url) {
  std::string target = RedactUrl(url);
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return Fail(ErrorCode::kStorage, "out of memory connecting", target);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = "cannot connect to PostgreSQL: " + OneLine(PQerrorMessage(conn));
    PQfinish(conn);
    return Fail(ErrorCode::kStorage, std::move(message), std::move(target));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto db = std::unique_ptr<Connection>(new Connection(conn, std::move(target)));
  // Times are integers and text is UTF-8 whatever the server's defaults.
  WD_RETURN_IF_ERROR(db->Exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return db;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::InTransaction() const {
  const PGTransactionStatusType t = PQtransactionStatus(conn_);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

Status Connection::Revive() {
  if (PQstatus(conn_) == CONNECTION_OK) return {};
  PQreset(conn_);
  prepared_.clear();  // they lived in the old session
  if (PQstatus(conn_) != CONNECTION_OK) {
    return Fail(ErrorCode::kStorage, "lost the connection to PostgreSQL: " +
                                         OneLine(PQerrorMessage(conn_)), target_);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  return Exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
}

// The result, or the Error it carries (a NULL result is a lost connection).
Result<Rows> Checked(PGconn* conn, PGresult* res, const std::string& target) {
  Rows rows(res);
  if (res == nullptr) {
    return Fail(ErrorCode::kStorage, "lost the connection to PostgreSQL: " +
                                         OneLine(PQerrorMessage(conn)), target);
  }
  const ExecStatusType st = PQresultStatus(res);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return rows;
  const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
  return Fail(PgError(state != nullptr ? state : "",
                      primary != nullptr ? primary : PQresultErrorMessage(res), target));
}

Status Connection::Exec(const char* sql) {
  if (!InTransaction()) WD_RETURN_IF_ERROR(Revive());
  WD_ASSIGN_OR_RETURN(Rows rows, Checked(conn_, PQexec(conn_, sql), target_));
  (void)rows;
  return {};
}

Result<Rows> Connection::Query(const char* sql, const Params& params) {
  if (!InTransaction()) WD_RETURN_IF_ERROR(Revive());
  std::vector<const char*> values;
  std::vector<int> lengths;
  values.reserve(params.values().size());
  for (const auto& v : params.values()) {
    values.push_back(v ? v->c_str() : nullptr);
    lengths.push_back(v ? static_cast<int>(v->size()) : 0);
  }
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "wd" + std::to_string(prepared_.size() + 1);
    WD_ASSIGN_OR_RETURN(Rows done,
                        Checked(conn_, PQprepare(conn_, name.c_str(), sql, params.size(), nullptr),
                                target_));
    (void)done;
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  return Checked(conn_,
                 PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(),
                                lengths.data(), nullptr, /*resultFormat=*/0),
                 target_);
}

std::vector<std::string> Connection::TakeNotifications(std::string_view channel) {
  std::vector<std::string> out;
  PQconsumeInput(conn_);
  while (PGnotify* n = PQnotifies(conn_)) {
    if (channel == n->relname) out.emplace_back(n->extra);
    PQfreemem(n);
  }
  return out;
}

Status Connection::BeginCopy(const char* sql) {
  if (!InTransaction()) WD_RETURN_IF_ERROR(Revive());
  PGresult* res = PQexec(conn_, sql);
  if (res != nullptr && PQresultStatus(res) == PGRES_COPY_IN) {
    PQclear(res);
    return {};
  }
  WD_ASSIGN_OR_RETURN(Rows rows, Checked(conn_, res, target_));
  (void)rows;
  return Fail(ErrorCode::kInternal, "the statement is not a COPY FROM STDIN", target_);
}

Status Connection::PutCopyData(std::string_view data) {
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1) {
    return Fail(ErrorCode::kStorage, "COPY failed: " + OneLine(PQerrorMessage(conn_)), target_);
  }
  return {};
}

Status Connection::EndCopy() {
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    return Fail(ErrorCode::kStorage, "COPY failed: " + OneLine(PQerrorMessage(conn_)), target_);
  }
  Status status;
  while (PGresult* res = PQgetResult(conn_)) {
    auto checked = Checked(conn_, res, target_);
    if (!checked && status) status = Fail(checked.error());
  }
  return status;
}

void AppendCopyField(std::string& out, const std::optional<std::string_view>& value) {
  if (!value) {
    out += "\\N";
    return;
  }
  const std::string clean = RepairUtf8(*value);
  for (char c : clean) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': break;
      default: out += c;
    }
  }
}

// ---- Transaction ---------------------------------------------------------------------------

Result<Transaction> Transaction::Begin(Connection& db, Kind kind, std::string_view then) {
  std::string sql = kind == Kind::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                                        : "BEGIN ISOLATION LEVEL READ COMMITTED";
  if (!then.empty()) {
    sql += "; ";
    sql += then;
  }
  Transaction txn(&db);  // rolls back what began if `then` failed
  WD_RETURN_IF_ERROR(db.Exec(sql.c_str()));
  return txn;
}

Transaction::~Transaction() {
  if (db_ != nullptr && db_->InTransaction()) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  Connection* db = db_;
  db_ = nullptr;
  return db->Exec("COMMIT");
}

}  // namespace wiredesk::store::postgres
