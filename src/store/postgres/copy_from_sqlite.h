// `wiredesk migrate`: an existing SQLite site copied into an empty PostgreSQL database.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace wiredesk::store::postgres {

struct CopyReport {
  std::vector<std::pair<std::string, int64_t>> tables;  // table, rows copied, in copy order
  std::vector<std::string> skipped;                     // SQLite tables PostgreSQL has no twin of
};

// Copies every row of the SQLite database at `sqlite_path` (migrated to the latest schema
// first) into the PostgreSQL database at `postgres_url` (migrated too), table by table and
// column by column, ids included, in one transaction: a failure leaves the target as it was,
// so the command can simply be run again. Refuses (kConflict) a target that already holds
// articles, sources, feeds or users, rather than merging two sites. Search indexes, the
// article count and the identity sequences are rebuilt; the generation moves.
Result<CopyReport> CopySqliteToPostgres(const std::string& sqlite_path,
                                        const std::string& postgres_url,
                                        const StoreOptions& options = {});

}  // namespace wiredesk::store::postgres
