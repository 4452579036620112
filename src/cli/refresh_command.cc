// `wiredesk refresh`: the subscription scheduler on its own (for cron with --once, or as a
// second process beside `wiredesk serve`).
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "fetch/curl_fetcher.h"
#include "pipeline/refresh.h"
#include "store/store.h"

namespace wiredesk::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop = true; }

struct RefreshCommandOptions {
  std::string db;
  bool once = false;
  std::vector<std::string> allow_networks;
  int workers = 4;
  int host_delay_ms = 1000;
  int per_host = 2;
  int timeout_s = 30;
  bool no_pages = false;
};

void Print(const pipeline::RefreshReport& r) {
  std::cout << FormatIso8601(SystemClock().Now()) << " refreshed " << r.feeds.size() << " feed"
            << (r.feeds.size() == 1 ? "" : "s") << ": " << r.updated << " updated, "
            << r.not_modified << " not modified, " << r.failed << " failed; " << r.new_entries
            << " new entries, " << r.articles_added << " articles added, " << r.pages_fetched
            << " pages fetched\n";
  for (const pipeline::FeedRefresh& f : r.feeds) {
    // Errors come from the network and the feed: one line, no control characters.
    std::string line = f.url + ": " + f.error;
    for (char& c : line) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    }
    if (f.outcome == pipeline::FeedOutcome::kFailed) std::cout << "  failed " << line << "\n";
    if (!f.moved_to.empty()) std::cout << "  moved " << f.url << " -> " << f.moved_to << "\n";
  }
  std::cout.flush();
}

int RunRefresh(const RefreshCommandOptions& o) {
  auto policy = fetch::NetworkPolicy::FromFlagsAndEnvironment(o.allow_networks);
  if (!policy) return ReportError(policy.error());
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  SystemClock clock;
  fetch::CurlFetcherOptions fo;
  fo.policy = std::move(*policy);
  fo.total_timeout = std::chrono::seconds(o.timeout_s);
  fetch::CurlFetcher fetcher(std::move(fo));
  pipeline::RefreshOptions ro;
  ro.workers = o.workers;
  ro.fetch_pages = !o.no_pages;
  ro.politeness.min_delay = std::chrono::milliseconds(o.host_delay_ms);
  ro.politeness.max_concurrent_per_host = o.per_host;
  if (o.once) {
    Print(pipeline::RefreshDueFeeds(**store, fetcher, clock, ro));
    return 0;
  }
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  std::cout << "wiredesk: refreshing subscriptions in " << DatabaseSpec(o.db)
            << " (Ctrl-C to stop)" << std::endl;
  pipeline::RunRefreshLoop(**store, fetcher, clock, ro, g_stop, [](const pipeline::RefreshReport& r) {
    if (!r.feeds.empty()) Print(r);
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
  cmd->add_option("--allow-network", opts->allow_networks,
                  "a network (CIDR) that may be fetched from although it is private, loopback "
                  "or otherwise special; repeatable; also $WIREDESK_ALLOW_NETWORKS (a,b,...)");
  cmd->add_option("--workers", opts->workers, "feeds fetched at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--host-delay-ms", opts->host_delay_ms,
                  "least time between two requests to one host")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  cmd->add_option("--per-host", opts->per_host, "most requests to one host at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--timeout", opts->timeout_s, "seconds one fetch may take, redirects included")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  cmd->add_flag("--no-pages", opts->no_pages,
                "store summary-only entries from their summary instead of fetching their pages");
  cmd->callback([opts, &action] { action = [opts] { return RunRefresh(*opts); }; });
}

}  // namespace wiredesk::cli
