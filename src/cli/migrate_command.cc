// `wiredesk migrate --from sqlite:FILE --to postgresql://...`: moves a site from one machine's
// SQLite file to a PostgreSQL database that several nodes can share.
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "store/postgres/copy_from_sqlite.h"

namespace wiredesk::cli {

namespace {

struct MigrateOptions {
  std::string from;
  std::string to;
};

int RunMigrate(const MigrateOptions& o) {
  std::string from = o.from;
  if (from.starts_with("sqlite:")) from.erase(0, std::string_view("sqlite:").size());
  if (from.empty() || from.find("://") != std::string::npos) {
    return ReportError("--from must name a SQLite file (sqlite:FILE or FILE), not '" + o.from +
                       "'");
  }
  if (!o.to.starts_with("postgresql://") && !o.to.starts_with("postgres://")) {
    return ReportError("--to must be a postgresql:// URL");
  }
  auto report = store::postgres::CopySqliteToPostgres(from, o.to);
  if (!report) return ReportError(report.error());
  for (const auto& [table, rows] : report->tables) {
    std::cout << "  " << table << ": " << rows << " rows\n";
  }
  for (const std::string& table : report->skipped) {
    std::cout << "  " << table << ": skipped (PostgreSQL has no such table)\n";
  }
  std::cout << "wiredesk: copied " << from << " into the PostgreSQL database; point every node "
            << "at it with --db or WIREDESK_DB\n";
  return 0;
}

}  // namespace

void AddMigrateCommand(CLI::App& root, Action& action) {
  auto opts = std::make_shared<MigrateOptions>();
  CLI::App* cmd = root.add_subcommand(
      "migrate", "Copy a SQLite site into an empty PostgreSQL database (all or nothing)");
  cmd->add_option("--from", opts->from, "the SQLite database: sqlite:FILE")->required();
  cmd->add_option("--to", opts->to, "the PostgreSQL database: postgresql://USER@HOST/NAME")
      ->required();
  cmd->callback([opts, &action] { action = [opts] { return RunMigrate(*opts); }; });
}

}  // namespace wiredesk::cli
