// wd_bm25: FTS5's bm25 (ext/fts5/fts5_aux.c in SQLite 3.40) through the FTS5 extension API,
// with the IDF counts given rather than counted (see search_rank.h for why). The scoring loop
// is bm25's own, written again because FTS5 exports no way to call bm25 with other counts.
#include "store/sqlite/search_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

#include "store/sqlite/sqlite_db.h"

namespace wiredesk::store::sqlite {

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// Per statement: what bm25 computes once per query in fts5Bm25GetData.
struct RankData {
  double avgdl = 0;
  std::vector<double> idf;  // one per phrase
};

// The phrase counts, parsed from "N N N": false when they are not as many non-negative
// integers as the expression has phrases.
bool ParseCounts(const char* text, int phrases, std::vector<int64_t>& out) {
  if (text == nullptr) return false;
  const char* p = text;
  while (*p != '\0') {
    char* end = nullptr;
    const long long n = std::strtoll(p, &end, 10);
    if (end == p || n < 0) return false;
    out.push_back(n);
    p = end;
    while (*p == ' ') ++p;
  }
  return static_cast<int>(out.size()) == phrases;
}

Result<RankData*> Data(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_value* counts) {
  if (auto* data = static_cast<RankData*>(api->xGetAuxdata(fts, 0)); data != nullptr) return data;
  auto data = std::make_unique<RankData>();
  sqlite3_int64 rows = 0;
  sqlite3_int64 tokens = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK ||
      api->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK) {
    return Fail(ErrorCode::kStorage, "wd_bm25: cannot read the index's sizes");
  }
  rows = std::max<sqlite3_int64>(rows, 1);
  data->avgdl = static_cast<double>(tokens) / static_cast<double>(rows);
  std::vector<int64_t> hits;
  if (!ParseCounts(reinterpret_cast<const char*>(sqlite3_value_text(counts)),
                   api->xPhraseCount(fts), hits)) {
    return Fail(ErrorCode::kInvalidArgument, "wd_bm25: need one row count per phrase");
  }
  for (const int64_t n : hits) {
    // bm25's IDF, floored as bm25 floors it: a word in more than half the rows still counts.
    const double idf =
        std::log((static_cast<double>(rows - n) + 0.5) / (static_cast<double>(n) + 0.5));
    data->idf.push_back(idf > 0.0 ? idf : 1e-6);
  }
  RankData* raw = data.get();
  if (api->xSetAuxdata(fts, raw, [](void* p) { delete static_cast<RankData*>(p); }) != SQLITE_OK) {
    return Fail(ErrorCode::kStorage, "wd_bm25: out of memory");
  }
  data.release();  // FTS5 owns it now, and frees it with the statement's cursor
  return raw;
}

void Bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
          sqlite3_value** argv) {
  if (argc != 3) {
    sqlite3_result_error(ctx, "wd_bm25: (fts, title_weight, text_weight, rows)", -1);
    return;
  }
  auto data = Data(api, fts, argv[2]);
  if (!data) {
    sqlite3_result_error(ctx, data.error().message.c_str(), -1);
    return;
  }
  std::vector<double> freq((*data)->idf.size(), 0.0);
  int instances = 0;
  if (api->xInstCount(fts, &instances) != SQLITE_OK) {
    sqlite3_result_error(ctx, "wd_bm25: cannot read the row's matches", -1);
    return;
  }
  for (int i = 0; i < instances; ++i) {
    int phrase = 0;
    int column = 0;
    int offset = 0;
    if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) {
      sqlite3_result_error(ctx, "wd_bm25: cannot read the row's matches", -1);
      return;
    }
    // Columns past the weights given weigh 1, as in bm25.
    const double weight = column < 2 ? sqlite3_value_double(argv[column]) : 1.0;
    freq[static_cast<size_t>(phrase)] += weight;
  }
  int row_tokens = 0;
  if (api->xColumnSize(fts, -1, &row_tokens) != SQLITE_OK) {
    sqlite3_result_error(ctx, "wd_bm25: cannot read the row's size", -1);
    return;
  }
  const double d = static_cast<double>(row_tokens);
  double score = 0;
  for (size_t i = 0; i < freq.size(); ++i) {
    score += (*data)->idf[i] *
             ((freq[i] * (kK1 + 1.0)) / (freq[i] + kK1 * (1 - kB + kB * d / (*data)->avgdl)));
  }
  sqlite3_result_double(ctx, -score);  // bm25's sign: lower is better
}

}  // namespace

Result<fts5_api*> Fts5Api(sqlite3* db) {
  // The documented way to reach FTS5's API: SELECT fts5(?) fills a pointer bound to it.
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return Fail(SqliteError(db, rc, "FTS5 API"));
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW || api == nullptr || api->iVersion < 2) {
    return Fail(ErrorCode::kStorage, "this SQLite has no FTS5 extension API");
  }
  return api;
}

Status RegisterSearchRank(sqlite3* db) {
  WD_ASSIGN_OR_RETURN(fts5_api* api, Fts5Api(db));
  const int rc = api->xCreateFunction(api, "wd_bm25", nullptr, &Bm25, nullptr);
  if (rc != SQLITE_OK) return Fail(SqliteError(db, rc, "registering wd_bm25"));
  return {};
}

}  // namespace wiredesk::store::sqlite
