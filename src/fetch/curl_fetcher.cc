// libcurl, used so that nothing it does unasked can get past the guard: redirects are
// followed here, one hop at a time, and every connection curl opens (first hop, redirect,
// happy-eyeballs fallback) goes through OnOpenSocket, which checks the address it is about to
// connect to. Checking the resolved address at connect time, not the host name beforehand,
// is what closes DNS rebinding: there is no second lookup between the check and the connect.
#include "fetch/curl_fetcher.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <cctype>
#include <mutex>
#include <utility>
#include <vector>

#include "core/text.h"
#include "core/url.h"

namespace wiredesk::fetch {

namespace {

struct Transfer {
  const NetworkPolicy* policy = nullptr;
  size_t max_body = 0;
  std::string body;
  bool too_large = false;
  std::optional<Error> refused;
  std::vector<std::pair<std::string, std::string>> headers;  // of the last response, lower-case names

  std::string Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return {};
  }
};

size_t OnWrite(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  if (t->body.size() + len > t->max_body) {
    t->too_large = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  t->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  const std::string_view line(data, len);
  if (line.starts_with("HTTP/")) {
    t->headers.clear();  // a new response (after a 100 Continue, say)
    return len;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return len;
  if (t->headers.size() < 200) {
    t->headers.emplace_back(AsciiLower(Trim(line.substr(0, colon))),
                            std::string(Trim(line.substr(colon + 1))));
  }
  return len;
}

curl_socket_t OnOpenSocket(void* user, curlsocktype /*purpose*/, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  const auto ip = FromSockaddr(&address->addr);
  if (!ip) {
    if (!t->refused) {
      t->refused = MakeError(ErrorCode::kNetwork, "refused to connect: not an IP address family");
    }
    return CURL_SOCKET_BAD;
  }
  if (auto st = t->policy->Check(*ip); !st) {
    if (!t->refused) t->refused = st.error();
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

// A header value from a server (a stored ETag) must not smuggle in a second header.
std::string HeaderSafe(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c != '\r' && c != '\n' && c != '\0') out += c;
  }
  return std::string(Trim(out));
}

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

Status CheckScheme(const std::string& url) {
  // The scheme first: "file:///etc/passwd" is not a URL ParseUrl reads (no host), but the
  // operator should hear that the scheme is the problem.
  const size_t colon = url.find(':');
  std::string scheme = colon == std::string::npos ? std::string() : AsciiLower(url.substr(0, colon));
  const bool scheme_like = !scheme.empty() && std::isalpha(static_cast<unsigned char>(scheme[0])) &&
                           scheme.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789+-.") ==
                               std::string::npos;
  if (scheme_like && scheme != "http" && scheme != "https") {
    return Fail(ErrorCode::kInvalidArgument, "only http and https URLs are fetched, not " + scheme,
                url);
  }
  if (!ParseUrl(url)) return Fail(ErrorCode::kInvalidArgument, "not an absolute http(s) URL", url);
  return {};
}

std::string Seconds(std::chrono::milliseconds ms) {
  const long long s10 = ms.count() / 100;
  std::string out = std::to_string(s10 / 10);
  if (s10 % 10 != 0) out += "." + std::to_string(s10 % 10);
  return out + " s";
}

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

CurlFetcher::CurlFetcher(CurlFetcherOptions options) : options_(std::move(options)) {
  // curl_global_init is not thread-safe; do it once, before any fetch.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (options_.clock == nullptr) options_.clock = &system_clock_;
  if (options_.max_redirects < 0) options_.max_redirects = 0;
}

CurlFetcher::~CurlFetcher() = default;

Result<FetchResponse> CurlFetcher::Fetch(const FetchRequest& request) {
  std::string url(Trim(request.url));
  if (auto st = CheckScheme(url); !st) return Fail(st.error());

  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  if (!easy) return Fail(ErrorCode::kInternal, "curl_easy_init failed", url);
  CURL* h = easy.get();

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&headers](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  add_header("Accept: " + HeaderSafe(request.accept));
  if (!request.etag.empty()) add_header("If-None-Match: " + HeaderSafe(request.etag));
  if (!request.last_modified.empty()) {
    add_header("If-Modified-Since: " + HeaderSafe(request.last_modified));
  }

  Transfer t;
  t.policy = &options_.policy;
  t.max_body = options_.max_body_bytes;
  char errbuf[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_PROXY, "");  // no proxy from the environment: the guard checks
                                            // the address actually connected to
  curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, OnOpenSocket);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &t);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);

  const auto deadline = std::chrono::steady_clock::now() + options_.total_timeout;
  FetchResponse out;
  bool all_permanent = true;
  for (int hop = 0;; ++hop) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return Fail(ErrorCode::kTimeout,
                  "no complete response within " + Seconds(options_.total_timeout), url);
    }
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    t.body.clear();
    t.headers.clear();
    t.too_large = false;
    errbuf[0] = '\0';

    const CURLcode rc = curl_easy_perform(h);
    if (t.refused) {
      Error e = *t.refused;
      e.context = url;
      return Fail(std::move(e));
    }
    if (rc != CURLE_OK) {
      const std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
      switch (rc) {
        case CURLE_OPERATION_TIMEDOUT:
          return Fail(ErrorCode::kTimeout,
                      "no complete response within " + Seconds(options_.total_timeout) + " (" +
                          detail + ")",
                      url);
        case CURLE_WRITE_ERROR:
        case CURLE_FILESIZE_EXCEEDED:
          if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
            return Fail(ErrorCode::kUnsupported,
                        "the response is larger than the limit of " +
                            std::to_string(options_.max_body_bytes) + " bytes",
                        url);
          }
          break;
        case CURLE_COULDNT_RESOLVE_HOST:
          return Fail(ErrorCode::kNetwork, "cannot resolve the host name (" + detail + ")", url);
        case CURLE_COULDNT_CONNECT:
          return Fail(ErrorCode::kNetwork, "cannot connect (" + detail + ")", url);
        case CURLE_UNSUPPORTED_PROTOCOL:
          return Fail(ErrorCode::kInvalidArgument, "unsupported protocol (" + detail + ")", url);
        default: break;
      }
      return Fail(ErrorCode::kNetwork, detail, url);
    }

    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (IsRedirect(status)) {
      char* location = nullptr;
      curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &location);
      if (location != nullptr && location[0] != '\0') {
        if (hop >= options_.max_redirects) {
          return Fail(ErrorCode::kHttpStatus,
                      "more than " + std::to_string(options_.max_redirects) + " redirects",
                      request.url);
        }
        std::string next = location;
        if (auto st = CheckScheme(next); !st) {
          Error e = st.error();
          e.message = "redirected to a URL that is not fetched: " + e.message;
          return Fail(std::move(e));
        }
        all_permanent = all_permanent && (status == 301 || status == 308);
        url = std::move(next);
        ++out.redirects;
        continue;
      }
      // A redirect without a Location is an ordinary response.
    }
    out.status = static_cast<int>(status);
    out.url = url;
    out.permanent_redirect = out.redirects > 0 && all_permanent;
    out.content_type = t.Header("content-type");
    out.etag = t.Header("etag");
    out.last_modified = t.Header("last-modified");
    if (status == 429 || status == 503) {
      out.retry_after = ParseRetryAfter(t.Header("retry-after"), options_.clock->Now());
    }
    out.body = std::move(t.body);
    return out;
  }
}

}  // namespace wiredesk::fetch
