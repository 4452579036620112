// SQLite to PostgreSQL, table by table (see copy_from_sqlite.h). The two schemas share table
// and column names (postgres/migrations.cc mirrors sqlite/migrations.cc), so the copy needs no
// per-table code: it takes the columns both sides have, in an order that satisfies the
// foreign keys, through COPY.
#include "store/postgres/copy_from_sqlite.h"

#include <algorithm>
#include <functional>
#include <set>

#include "store/postgres/pg_db.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/stemming_tokenizer.h"

namespace wiredesk::store::postgres {

namespace {

// Parents before children. Tables not listed (added later by either backend) are copied
// after these, in name order, which is right as long as they only reference listed ones.
constexpr const char* kTableOrder[] = {
    "sources",  "feeds",    "articles",      "tags",       "article_tags",    "stories",
    "story_articles", "users", "comments", "feed_entries", "sessions", "api_tokens",
    "comment_reports", "article_copies", "article_insights",
};

// Kept by each backend itself, never copied.
bool IsBackendOwn(const std::string& table) {
  return table == "meta" || table == "schema_migrations" || table.starts_with("articles_fts") ||
         table == "story_publishers" ||
         table.starts_with("sqlite_") || table == "article_search" ||
         table == "article_lengths";
}

// Rows go to the server in chunks of about this many bytes.
constexpr size_t kCopyChunk = 1 << 20;

Result<std::vector<std::string>> SqliteTables(sqlite::Database& db) {
  WD_ASSIGN_OR_RETURN(sqlite::Query q, db.Prepare("SELECT name FROM sqlite_schema "
                                                  "WHERE type = 'table' ORDER BY name"));
  std::vector<std::string> out;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    out.push_back(q.Text(0));
  }
  return out;
}

Result<std::vector<std::string>> SqliteColumns(sqlite::Database& db, const std::string& table) {
  WD_ASSIGN_OR_RETURN(sqlite::Query q, db.Prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid"));
  q.Bind(1, std::string_view(table));
  std::vector<std::string> out;
  while (true) {
    WD_ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    out.push_back(q.Text(0));
  }
  return out;
}

Result<std::set<std::string>> PostgresColumns(Connection& db, const std::string& table) {
  WD_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT column_name FROM information_schema.columns "
                                       "WHERE table_schema = current_schema() AND table_name = $1",
                                       Params().Add(table)));
  std::set<std::string> out;
  for (int i = 0; i < r.size(); ++i) out.insert(r.Text(i, 0));
  return out;
}

// A name from either schema, quoted for splicing (the names are the schemas', not input).
std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

// Streams the rows of `q` into the COPY statement `copy`, each written by `append_row` (its
// fields tab-separated, without the newline).
using AppendRow = std::function<void(const sqlite::Query&, std::string&)>;
Result<int64_t> CopyRows(sqlite::Query& q, Connection& to, const char* copy,
                         const AppendRow& append_row) {
  WD_RETURN_IF_ERROR(to.BeginCopy(copy));
  std::string buffer;
  int64_t rows = 0;
  while (true) {
    auto row = q.Step();
    if (!row) {
      (void)to.EndCopy();
      return Fail(row.error());
    }
    if (!*row) break;
    append_row(q, buffer);
    buffer += '\n';
    ++rows;
    if (buffer.size() >= kCopyChunk) {
      WD_RETURN_IF_ERROR(to.PutCopyData(buffer));
      buffer.clear();
    }
  }
  if (!buffer.empty()) WD_RETURN_IF_ERROR(to.PutCopyData(buffer));
  WD_RETURN_IF_ERROR(to.EndCopy());
  return rows;
}

Result<int64_t> CopyTable(sqlite::Database& from, Connection& to, const std::string& table,
                          const std::vector<std::string>& columns) {
  std::string list;
  for (const std::string& c : columns) list += (list.empty() ? "" : ", ") + Quoted(c);
  // rowid order: a comment's parent (and any row a later row refers to) comes first.
  const std::string select = "SELECT " + list + " FROM " + Quoted(table) + " ORDER BY rowid";
  const std::string plain = "SELECT " + list + " FROM " + Quoted(table);
  auto prepare = [&]() -> Result<sqlite::Query> {
    auto ordered = from.Prepare(select.c_str());
    if (ordered) return ordered;
    // WITHOUT ROWID tables have no rowid; their keys carry no order the copy needs.
    return from.Prepare(plain.c_str());
  };
  auto q = prepare();
  if (!q) return Fail(q.error());
  const std::string copy = "COPY " + Quoted(table) + " (" + list + ") FROM STDIN";
  return CopyRows(*q, to, copy.c_str(), [&](const sqlite::Query& row, std::string& out) {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out += '\t';
      const int col = static_cast<int>(c);
      if (row.IsNull(col)) {
        AppendCopyField(out, std::nullopt);
      } else {
        const std::string text = row.Text(col);
        AppendCopyField(out, std::string_view(text));
      }
    }
  });
}

// bm25's length of every copied article, as the source's FTS5 index counted it (exactly what
// SQLite ranks with; SearchTokenCounter counts the same for new articles); an article the
// index has no size for is counted in SQL.
Status CopySearchLengths(sqlite::Database& from, Connection& to) {
  WD_ASSIGN_OR_RETURN(sqlite::Query q, from.Prepare("SELECT id, sz FROM articles_fts_docsize"));
  WD_RETURN_IF_ERROR(CopyRows(q, to, "COPY article_lengths (article_id, tokens) FROM STDIN",
                              [](const sqlite::Query& row, std::string& out) {
                                out += std::to_string(row.Int64(0)) + '\t' +
                                       std::to_string(sqlite::IndexedTokens(row.Text(1)));
                              }));
  return to.Exec(
      "INSERT INTO article_lengths (article_id, tokens) "
      "SELECT a.id, wiredesk_token_count(a.title) + wiredesk_token_count(a.text) FROM articles a "
      "WHERE NOT EXISTS (SELECT 1 FROM article_lengths l WHERE l.article_id = a.id)");
}

}  // namespace

Result<CopyReport> CopySqliteToPostgres(const std::string& sqlite_path,
                                        const std::string& postgres_url,
                                        const StoreOptions& options) {
  // Opening each as a store brings both to the latest schema (and checks the SQLite file is
  // a wiredesk database).
  {
    WD_ASSIGN_OR_RETURN(std::unique_ptr<Store> source, sqlite::OpenSqliteStore(sqlite_path, options));
  }
  {
    WD_ASSIGN_OR_RETURN(std::unique_ptr<Store> target, OpenPostgresStore(postgres_url, options));
  }
  WD_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Database> from, sqlite::Database::Open(sqlite_path));
  WD_ASSIGN_OR_RETURN(std::unique_ptr<Connection> to, Connection::Open(postgres_url));

  // One read snapshot of the source and one transaction on the target.
  WD_ASSIGN_OR_RETURN(sqlite::Transaction read,
                      sqlite::Transaction::Begin(*from, sqlite::Transaction::Kind::kRead));
  WD_ASSIGN_OR_RETURN(Transaction write, Transaction::Begin(*to, Transaction::Kind::kWrite));
  {
    WD_ASSIGN_OR_RETURN(Rows used, to->Query("SELECT (SELECT count(*) FROM articles), "
                                             "(SELECT count(*) FROM sources) + "
                                             "(SELECT count(*) FROM feeds) + "
                                             "(SELECT count(*) FROM users)"));
    if (used.Int64(0, 0) > 0 || used.Int64(0, 1) > 0) {
      return Fail(ErrorCode::kConflict,
                  "the target database is not empty (" + std::to_string(used.Int64(0, 0)) +
                      " articles); migrate copies into an empty database only, so give it a "
                      "new one (createdb) or drop this one's tables first",
                  to->Target());
    }
  }

  WD_ASSIGN_OR_RETURN(std::vector<std::string> tables, SqliteTables(*from));
  std::vector<std::string> order;
  for (const char* t : kTableOrder) {
    if (std::find(tables.begin(), tables.end(), t) != tables.end()) order.emplace_back(t);
  }
  for (const std::string& t : tables) {
    if (std::find(order.begin(), order.end(), t) == order.end() && !IsBackendOwn(t)) {
      order.push_back(t);
    }
  }

  // Search's GIN indexes are built once after the copy instead of entry by entry as the
  // trigger fills article_search (fastupdate is off): a million articles in minutes instead
  // of hours. The same definitions come back, read from the catalogue.
  WD_ASSIGN_OR_RETURN(Rows gin, to->Query("SELECT indexname, indexdef FROM pg_indexes "
                                          "WHERE schemaname = current_schema() "
                                          "AND tablename = 'article_search' "
                                          "AND indexdef LIKE '% USING gin %' ORDER BY indexname"));
  for (int i = 0; i < gin.size(); ++i) {
    const std::string drop = "DROP INDEX " + Quoted(gin.Text(i, 0));
    WD_RETURN_IF_ERROR(to->Exec(drop.c_str()));
  }

  // The search trigger counts each article's length and keeps meta's 'search_tokens' row by
  // row unless told this is a bulk copy (migration 15); both are set below.
  WD_RETURN_IF_ERROR(to->Exec("SET LOCAL wiredesk.bulk_copy = 'on'"));
  CopyReport report;
  for (const std::string& table : order) {
    WD_ASSIGN_OR_RETURN(std::set<std::string> target_columns, PostgresColumns(*to, table));
    if (target_columns.empty()) {
      report.skipped.push_back(table);
      continue;
    }
    WD_ASSIGN_OR_RETURN(std::vector<std::string> source_columns, SqliteColumns(*from, table));
    std::vector<std::string> columns;
    for (const std::string& c : source_columns) {
      if (target_columns.contains(c)) columns.push_back(c);
    }
    if (columns.empty()) {
      report.skipped.push_back(table);
      continue;
    }
    auto rows = CopyTable(*from, *to, table, columns);
    if (!rows) {
      Error e = rows.error();
      e.message = "copying " + table + ": " + e.message;
      return Fail(std::move(e));
    }
    report.tables.emplace_back(table, *rows);
    // Ids were copied as they were: new rows continue after the largest.
    if (target_columns.contains("id")) {
      const std::string reset = "SELECT setval(pg_get_serial_sequence('" + table +
                                "', 'id'), greatest((SELECT max(id) FROM " + Quoted(table) +
                                "), 1))";
      WD_RETURN_IF_ERROR(to->Query(reset.c_str()));
    }
  }
  WD_RETURN_IF_ERROR(CopySearchLengths(*from, *to));
  for (int i = 0; i < gin.size(); ++i) {
    const std::string create = gin.Text(i, 1);
    WD_RETURN_IF_ERROR(to->Exec(create.c_str()));
  }
  // The stories' counts came with their rows, and filing each copied row added to them again
  // (a filing counts the filed article): one recount sets them right, and story_publishers
  // (kept by the triggers, never copied) with them.
  WD_RETURN_IF_ERROR(to->Query("SELECT wiredesk_recount_stories(ARRAY(SELECT id FROM stories))"));
  WD_RETURN_IF_ERROR(to->Exec("UPDATE meta SET value = (SELECT count(*) FROM articles) "
                              "WHERE key = 'articles'; "
                              "UPDATE meta SET value = (SELECT coalesce(sum(tokens), 0) "
                              "FROM article_lengths) WHERE key = 'search_tokens'; "
                              "UPDATE meta SET value = value + 1 WHERE key = 'generation'"));
  WD_RETURN_IF_ERROR(write.Commit());
  return report;
}

}  // namespace wiredesk::store::postgres
