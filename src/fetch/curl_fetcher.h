// The libcurl Fetcher: conditional GET, compressed bodies, redirects followed one hop at a
// time, time-outs, a body limit, and the SSRF guard checked on every connection.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/time.h"
#include "fetch/fetcher.h"
#include "fetch/network_policy.h"

namespace wiredesk::fetch {

struct CurlFetcherOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{30'000};  // for the whole fetch, redirects included
  size_t max_body_bytes = 16u << 20;                // after decompression
  int max_redirects = 5;
  std::string user_agent{kUserAgent};
  NetworkPolicy policy;            // which addresses may be connected to
  const Clock* clock = nullptr;    // for Retry-After dates; nullptr: the system clock
};

class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(CurlFetcherOptions options);
  ~CurlFetcher() override;

  Result<FetchResponse> Fetch(const FetchRequest& request) override;

 private:
  CurlFetcherOptions options_;
  SystemClock system_clock_;
};

}  // namespace wiredesk::fetch
