#include "cli/refresh_flags.h"

#include <iostream>

namespace wiredesk::cli {

void AddRefreshFlags(CLI::App& cmd, RefreshFlags& flags) {
  cmd.add_option("--allow-network", flags.allow_networks,
                 "a network (CIDR) that may be fetched from although it is private, loopback "
                 "or otherwise special; repeatable; also $WIREDESK_ALLOW_NETWORKS (a,b,...)");
  cmd.add_option("--workers", flags.workers, "feeds fetched at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd.add_option("--host-delay-ms", flags.host_delay_ms,
                 "least time between two requests to one host")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  cmd.add_option("--per-host", flags.per_host, "most requests to one host at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd.add_option("--timeout", flags.timeout_s, "seconds one fetch may take, redirects included")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  cmd.add_flag("--no-pages", flags.no_pages,
               "store summary-only entries from their summary instead of fetching their pages");
}

Result<std::unique_ptr<fetch::CurlFetcher>> MakeFetcher(const RefreshFlags& flags) {
  auto policy = fetch::NetworkPolicy::FromFlagsAndEnvironment(flags.allow_networks);
  if (!policy) return Unexpected(policy.error());
  fetch::CurlFetcherOptions fo;
  fo.policy = std::move(*policy);
  fo.total_timeout = std::chrono::seconds(flags.timeout_s);
  return std::make_unique<fetch::CurlFetcher>(std::move(fo));
}

pipeline::RefreshOptions MakeRefreshOptions(const RefreshFlags& flags) {
  pipeline::RefreshOptions ro;
  ro.workers = flags.workers;
  ro.fetch_pages = !flags.no_pages;
  ro.politeness.min_delay = std::chrono::milliseconds(flags.host_delay_ms);
  ro.politeness.max_concurrent_per_host = flags.per_host;
  return ro;
}

void PrintRefreshReport(const pipeline::RefreshReport& r) {
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

}  // namespace wiredesk::cli
