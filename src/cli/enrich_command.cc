// `wiredesk enrich`: recomputes every stored article's hashtags and insights (after an
// upgrade of the models, or for articles stored before insights existed).
#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "pipeline/enrichment.h"
#include "store/store.h"

namespace wiredesk::cli {

void AddEnrichCommand(CLI::App& root, Action& action) {
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = root.add_subcommand(
      "enrich", "Recompute every article's hashtags, key points, entities, quotes and timeline");
  cmd->add_option("--db", *db, "database file (or $WIREDESK_DB)");
  cmd->callback([db, &action] {
    action = [db] {
      auto store = OpenDatabase(*db);
      if (!store) return ReportError(store.error());
      SystemClock clock;
      const auto start = std::chrono::steady_clock::now();
      auto report = pipeline::EnrichAll(**store, clock);
      if (!report) return ReportError(report.error());
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      for (const std::string& e : report->errors) std::cerr << "wiredesk: " << e << '\n';
      std::cout << "enriched " << report->enriched << " article"
                << (report->enriched == 1 ? "" : "s") << " in " << std::fixed
                << std::setprecision(1) << seconds << " s";
      if (report->failed > 0) std::cout << "; " << report->failed << " failed";
      std::cout << '\n';
      return report->failed > 0 ? 1 : 0;
    };
  });
}

}  // namespace wiredesk::cli
