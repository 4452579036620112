// The SQLite backend of the Store: one file, WAL, FTS5 search.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace wiredesk::store::sqlite {

// Opens (creating and migrating if need be) the SQLite database at `path`. The directory must
// exist. The store is safe to share between threads; other processes may read and write the
// same file at the same time.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options);

}  // namespace wiredesk::store::sqlite
