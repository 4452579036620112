// The PostgreSQL schema as an ordered list of migrations, and the code that applies them at
// open. Versions 1-6 mirror sqlite/migrations.cc table for table and column for column (so
// `wiredesk migrate` copies by column name); later versions are PostgreSQL's own.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "store/postgres/pg_db.h"

namespace wiredesk::store::postgres {

struct Migration {
  int version;  // ascending; one taken by work not merged yet may be missing
  std::string_view name;
  const char* sql;  // a script of statements; runs inside the migration transaction
};

// Every migration, oldest first. Append only: a released migration is never edited.
std::span<const Migration> Migrations();
int LatestSchemaVersion();

// Applies the migrations after the database's version up to `target` in one transaction
// (PostgreSQL DDL is transactional), recording each in schema_migrations. Nodes starting at
// the same moment serialise on an advisory lock; the later ones find nothing to do. A
// database newer than `target` is kStorage; one with tables but no schema_migrations (another
// program's) is kStorage too.
Status Migrate(Connection& db, Instant now, int target = LatestSchemaVersion());

// The version recorded in schema_migrations; 0 for an empty database.
Result<int> SchemaVersion(Connection& db);

}  // namespace wiredesk::store::postgres
