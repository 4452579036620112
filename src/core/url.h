// Absolute http(s) URLs: parsing, resolving links against a page, naming a publisher's host.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wiredesk {

struct Url {
  std::string scheme;  // lower case
  std::string host;    // lower case, no brackets for IPv6
  int port = 0;        // 0 when absent
  std::string path;    // starts with '/'
  std::string query;   // without '?'
  std::string fragment;

  std::string ToString() const;  // without the fragment
  std::string Origin() const;    // "https://host[:port]"
};

// Parses an absolute URL (RFC 3986 generic syntax); nullopt for relative or malformed input.
std::optional<Url> ParseUrl(std::string_view s);

// RFC 3986 §3.1: true when `s` starts with a scheme ("https:", "javascript:", "mailto:").
bool HasUrlScheme(std::string_view s);

// Resolves `ref` against `base` (RFC 3986 §5.2); returns `ref` trimmed if base is unusable or
// `ref` has a scheme of its own (absolute, though perhaps not http(s) or not well formed:
// callers that need an http(s) URL check with ParseUrl).
std::string ResolveUrl(std::string_view base, std::string_view ref);

// "www.reuters.com" -> "reuters.com": the host without a leading "www."/"m."/"amp.".
std::string DisplayHost(std::string_view url);

}  // namespace wiredesk
