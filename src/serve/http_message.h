// serve's own HTTP value types, so routing and rendering are testable without sockets and
// the HTTP library (Boost.Beast) stays inside server.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wiredesk::serve {

struct Request {
  std::string method = "GET";  // as sent; methods are case-sensitive (RFC 9110 §9.1)
  std::string target = "/";    // origin-form: "/search?q=syria"
  // Field names in lower case, values as sent, in order.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string peer;  // the client's IP address as the socket sees it; "" when unknown

  std::string_view Path() const;      // the target up to '?'
  std::string_view RawQuery() const;  // after '?', without it; empty when none
  // The first field with this (lower-case) name.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  // Extra fields (Allow, Cache-Control, ETag, ...); the security fields are added on output.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The page cache may keep this response for later GETs of the same target.
  bool cacheable = false;

  std::optional<std::string_view> Header(std::string_view name) const;  // case-insensitive
};

// Decoded query parameters: '+' is a space, %XX a byte; ill-formed UTF-8 is repaired.
class QueryParams {
 public:
  explicit QueryParams(std::string_view raw_query);
  // The first value of `name`; nullopt when absent.
  std::optional<std::string> Get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

std::string PercentDecode(std::string_view s, bool plus_is_space);
// For building links: escapes everything but unreserved characters (RFC 3986 §2.3).
std::string PercentEncode(std::string_view s);

std::string_view StatusReason(int status);

// The fields every response carries: CSP, nosniff, referrer policy, frame denial.
inline constexpr std::string_view kSecurityHeaders =
    "Content-Security-Policy: default-src 'self'; script-src 'none'; style-src 'self'; "
    "img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
    "X-Frame-Options: DENY\r\n";

// A strong validator for `body`: a quoted 64-bit FNV-1a hash.
std::string MakeEtag(std::string_view body);
// RFC 9110 §13.1.2: If-None-Match matches when any listed tag (weak comparison) or "*" does.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// A response ready for the socket. `bytes` holds the status line and header fields (each
// ending in CRLF, but not the blank line), then the body from `head_size` on. The server
// writes head, then its per-connection fields (Date, Connection) and the blank line, then
// the body unless the request was HEAD. Kept in this shape so cached pages cost no copying.
struct WireResponse {
  std::string bytes;
  size_t head_size = 0;
  int status = 200;
  std::string etag;           // from the ETag field, for If-None-Match
  std::string cache_control;  // from the Cache-Control field, repeated on a 304

  std::string_view Head() const { return std::string_view(bytes).substr(0, head_size); }
  std::string_view Body() const { return std::string_view(bytes).substr(head_size); }
};

WireResponse Serialize(const Response& r);
// The whole message with `extra_fields` (each ending CRLF) before the blank line; for tests
// and for the few responses the server writes itself.
std::string ToHttpText(const WireResponse& w, std::string_view extra_fields, bool head_only);

}  // namespace wiredesk::serve
