// The Fetcher seam: how every other stage gets bytes from the network. Tests and the pipeline
// inject fakes; CurlFetcher (curl_fetcher.h) is the real one.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace wiredesk::fetch {

inline constexpr std::string_view kUserAgent =
    "wiredesk/0.1 (+https://github.com/wiredesk; feed reader)";

inline constexpr std::string_view kFeedAccept =
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5";

struct FetchRequest {
  std::string url;
  // Conditional GET (RFC 9110 §13.1): the validators the last 200 gave.
  std::string etag;           // sent as If-None-Match
  std::string last_modified;  // sent as If-Modified-Since
  std::string accept{kFeedAccept};
};

struct FetchResponse {
  int status = 0;
  std::string url;                  // where the body came from, after redirects
  int redirects = 0;
  bool permanent_redirect = false;  // every hop was 301/308: the caller may store the new URL
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::optional<Instant> retry_after;  // Retry-After (RFC 9110 §10.2.3), as a time
  std::string body;                    // decoded (gzip, deflate, br); empty for 304

  bool NotModified() const { return status == 304; }
  bool Ok() const { return status >= 200 && status < 300; }
};

// Any HTTP status comes back as a FetchResponse (the caller decides what a 404 or a 429
// means); failures to get one are Errors: kInvalidArgument (not an http(s) URL), kNetwork
// (DNS, refused connection, SSRF guard, TLS), kTimeout, kUnsupported (body over the limit),
// kHttpStatus (too many redirects). Implementations must be safe to call from several threads.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  virtual Result<FetchResponse> Fetch(const FetchRequest& request) = 0;
};

// Retry-After: delay-seconds or an HTTP-date (IMF-fixdate, RFC 850, asctime); nullopt if
// neither. A time in the past is `now`.
std::optional<Instant> ParseRetryAfter(std::string_view value, Instant now);

// An HTTP-date (RFC 9110 §5.6.7) in any of its three forms.
std::optional<Instant> ParseHttpDate(std::string_view value);

}  // namespace wiredesk::fetch
