// The subscription scheduler's flags, shared by `wiredesk refresh` and `wiredesk serve` (which
// runs the scheduler beside the site), so both take the same options with the same meaning.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "fetch/curl_fetcher.h"
#include "pipeline/refresh.h"

namespace wiredesk::cli {

struct RefreshFlags {
  std::vector<std::string> allow_networks;
  int workers = 4;
  int host_delay_ms = 1000;
  int per_host = 2;
  int timeout_s = 30;
  bool no_pages = false;
};

void AddRefreshFlags(CLI::App& cmd, RefreshFlags& flags);

// The fetcher the flags describe: the SSRF policy from --allow-network and
// $WIREDESK_ALLOW_NETWORKS, the time-out. Fails on a malformed network.
Result<std::unique_ptr<fetch::CurlFetcher>> MakeFetcher(const RefreshFlags& flags);
pipeline::RefreshOptions MakeRefreshOptions(const RefreshFlags& flags);

// One line per pass (and per failed or moved feed) on stdout.
void PrintRefreshReport(const pipeline::RefreshReport& report);

}  // namespace wiredesk::cli
