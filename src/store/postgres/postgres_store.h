// The PostgreSQL backend of the Store: one database shared by any number of wiredesk nodes.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace wiredesk::store::postgres {

// Connects to the "postgresql://" (or "postgres://") URL and migrates the database to the
// latest schema. The database must exist; wiredesk needs to own it (or hold CREATE on it) the
// first time, to create its tables and the unaccent extension. The store is safe to share
// between threads; other nodes may read and write the same database at the same time.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const StoreOptions& options);

// The NOTIFY channel every write transaction signals with the new generation, so a node
// that LISTENs learns of other nodes' writes without asking.
inline constexpr const char* kGenerationChannel = "wiredesk_generation";

}  // namespace wiredesk::store::postgres
