// `wiredesk refresh`: the subscription scheduler on its own (for cron with --once, or as a
// second process beside `wiredesk serve --no-refresh`).
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "cli/refresh_flags.h"
#include "pipeline/refresh.h"
#include "pipeline/work_queue.h"
#include "store/store.h"

namespace wiredesk::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop = true; }

struct RefreshCommandOptions {
  std::string db;
  bool once = false;
  RefreshFlags flags;
};

int RunRefresh(const RefreshCommandOptions& o) {
  auto fetcher = MakeFetcher(o.flags);
  if (!fetcher) return ReportError(fetcher.error());
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  SystemClock clock;
  const pipeline::RefreshOptions ro = MakeRefreshOptions(o.flags);
  if (o.once) {
    PrintRefreshReport(pipeline::RefreshDueFeeds(**store, **fetcher, clock, ro));
    // Then work other nodes left behind (PostgreSQL), as each pass of the loop does.
    enrich::ArticleEnricher enricher;
    pipeline::StoryDesk desk(**store);
    if (auto backlog = pipeline::WorkBacklog(**store, enricher, desk, clock); !backlog) {
      return ReportError(backlog.error());
    }
    return 0;
  }
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  std::cout << "wiredesk: refreshing subscriptions in " << DatabaseSpec(o.db)
            << " (Ctrl-C to stop)" << std::endl;
  pipeline::RunRefreshLoop(**store, **fetcher, clock, ro, g_stop,
                           [](const pipeline::RefreshReport& r) {
                             if (!r.feeds.empty()) PrintRefreshReport(r);
                           });
  return 0;
}

}  // namespace

void AddRefreshCommand(CLI::App& root, Action& action) {
  auto opts = std::make_shared<RefreshCommandOptions>();
  CLI::App* cmd = root.add_subcommand(
      "refresh", "Fetch due subscriptions and store their new entries (loops unless --once)");
  cmd->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  cmd->add_flag("--once", opts->once, "one pass over the feeds due now, then exit (for cron)");
  AddRefreshFlags(*cmd, opts->flags);
  cmd->callback([opts, &action] { action = [opts] { return RunRefresh(*opts); }; });
}

}  // namespace wiredesk::cli
