// `wiredesk ingest`: pages and captures, files or directories, into the store.
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "pipeline/ingest.h"

namespace wiredesk::cli {

namespace {

struct IngestOptions {
  std::string db;
  std::string captured_at;
  std::vector<std::string> paths;
};

int RunIngest(const IngestOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  pipeline::PageFacts overrides;
  if (!o.captured_at.empty()) overrides.captured = ParseIso8601(o.captured_at);
  std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
  SystemClock clock;
  const auto report = pipeline::IngestPaths(**store, paths, overrides, clock);
  for (const auto& s : report.skipped) std::cout << "skipped " << s.path << ": " << s.reason << '\n';
  std::cout << "added " << report.added << ", updated " << report.updated << ", skipped "
            << report.skipped.size() << '\n';
  if (report.stories.filed > 0) {
    std::cout << "stories: " << report.stories.filed << " filed, " << report.stories.new_stories
              << " new, " << report.stories.copies << " syndicated copies, "
              << report.stories.merges << " merges, " << report.stories.moves << " moved\n";
  }
  if (report.backlog.enriched > 0 || report.backlog.filed > 0) {
    std::cout << "left by other nodes: " << report.backlog.enriched << " enriched, "
              << report.backlog.filed << " filed in stories\n";
  }
  for (const std::string& e : report.backlog.errors) std::cerr << "wiredesk: " << e << '\n';
  // The articles are stored; `wiredesk cluster` files them later.
  if (!report.stories_error.empty()) {
    std::cerr << "wiredesk: stories not updated: " << report.stories_error << '\n';
    return 1;
  }
  // Unchanged inputs are not failures; unreadable ones are.
  for (const auto& s : report.skipped) {
    if (s.reason.find("unchanged") == std::string::npos) return 1;
  }
  return 0;
}

}  // namespace

void AddIngestCommand(CLI::App& root, Action& action) {
  auto opts = std::make_shared<IngestOptions>();
  CLI::App* cmd = root.add_subcommand(
      "ingest", "Store pages (.html) and captures (.txt), files or directories, and print counts");
  cmd->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  cmd->add_option("--captured-at", opts->captured_at, "capture time for inputs without one")
      ->check(ValidateInstant, "ISO 8601 time");
  cmd->add_option("PATH", opts->paths, "files or directories")->required();
  cmd->callback([opts, &action] { action = [opts] { return RunIngest(*opts); }; });
}

}  // namespace wiredesk::cli
