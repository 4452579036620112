// The SQLite schema as an ordered list of migrations, and the code that applies them at open.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "store/sqlite/sqlite_db.h"

namespace wiredesk::store::sqlite {

struct Migration {
  int version;  // ascending; one taken by work not merged yet may be missing
  std::string_view name;
  const char* sql;  // a script of statements; runs inside the migration transaction
};

// Every migration, oldest first. Append only: a released migration is never edited.
std::span<const Migration> Migrations();
int LatestSchemaVersion();

// PRAGMA application_id of a wiredesk database ("WDsq"), so a file is recognised as ours.
inline constexpr int32_t kApplicationId = 0x57447371;

// Refuses a file that is not a wiredesk database: not SQLite at all, or another program's
// SQLite file (tables but not our application_id). An empty file or database is accepted.
Status CheckIsWiredeskDatabase(Database& db);

// Applies the migrations after the database's version up to `target`, all in one write
// transaction, recording each in schema_migrations(version, name, applied_at). One
// transaction, because SQLite DDL is transactional: a failure leaves the old schema intact,
// and a second process opening the file at the same time waits, then finds nothing to do.
// Opening an up-to-date database writes nothing. A database newer than `target` is kStorage.
Status Migrate(Database& db, Instant now, int target = LatestSchemaVersion());

// The version recorded in schema_migrations; 0 for an empty database.
Result<int> SchemaVersion(Database& db);

}  // namespace wiredesk::store::sqlite
