#include "core/url.h"

#include <cctype>
#include <vector>

#include "core/text.h"

namespace wiredesk {

std::string Url::ToString() const {
  std::string out = scheme + "://";
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 0) out += ":" + std::to_string(port);
  out += path.empty() ? "/" : path;
  if (!query.empty()) out += "?" + query;
  return out;
}

std::string Url::Origin() const {
  std::string out = scheme + "://";
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 0) out += ":" + std::to_string(port);
  return out;
}

std::optional<Url> ParseUrl(std::string_view s) {
  s = Trim(s);
  Url u;
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  for (size_t i = 0; i < colon; ++i) {
    const char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  u.scheme = AsciiLower(s.substr(0, colon));
  std::string_view rest = s.substr(colon + 1);
  if (!rest.starts_with("//")) return std::nullopt;
  rest.remove_prefix(2);
  size_t auth_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, auth_end);
  rest = auth_end == std::string_view::npos ? std::string_view() : rest.substr(auth_end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with("[")) {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (after.starts_with(":")) port = after.substr(1);
    else if (!after.empty()) return std::nullopt;
  } else if (auto c = authority.rfind(':'); c != std::string_view::npos) {
    host = authority.substr(0, c);
    port = authority.substr(c + 1);
  }
  if (host.empty()) return std::nullopt;
  for (char c : host) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == '"' || c == '\\') {
      return std::nullopt;
    }
  }
  u.host = AsciiLower(host);
  if (!port.empty()) {
    if (port.size() > 5) return std::nullopt;
    int p = 0;
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return std::nullopt;
    const bool default_port = (u.scheme == "http" && p == 80) || (u.scheme == "https" && p == 443);
    u.port = default_port ? 0 : p;
  }
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    u.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    u.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  u.path = rest.empty() ? "/" : std::string(rest);
  return u;
}

namespace {

// RFC 3986 §5.2.4, for absolute paths.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> segs;
  size_t i = path.starts_with("/") ? 1 : 0;
  bool trailing_slash = false;
  for (;;) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    const std::string_view seg = path.substr(i, j - i);
    const bool last = j == path.size();
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
      trailing_slash = last;
    } else if (seg == ".") {
      trailing_slash = last;
    } else {
      segs.push_back(seg);
      trailing_slash = false;
    }
    if (last) break;
    i = j + 1;
  }
  std::string r;
  for (std::string_view seg : segs) {
    r += '/';
    r += seg;
  }
  if (trailing_slash || r.empty()) r += '/';
  return r;
}

}  // namespace

bool HasUrlScheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  ref = Trim(ref);
  // §5.2.2: a reference with a scheme is the target itself. Merged as a path it would make
  // "javascript:x" or a broken "http://[::1" look like a page on the base's own host.
  if (HasUrlScheme(ref)) return std::string(ref);
  auto b = ParseUrl(base);
  if (!b) return std::string(ref);
  if (ref.starts_with("//")) return b->scheme + ":" + std::string(ref);
  Url r = *b;
  r.fragment.clear();
  std::string_view rest = ref;
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (rest.empty()) return r.ToString();
  std::string query;
  bool has_query = false;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = std::string(rest.substr(q + 1));
    has_query = true;
    rest = rest.substr(0, q);
  }
  if (rest.empty()) {
    r.query = query;
    return r.ToString();
  }
  if (rest.starts_with("/")) {
    r.path = RemoveDotSegments(rest);
  } else {
    std::string merged = r.path.substr(0, r.path.rfind('/') + 1);
    merged += rest;
    r.path = RemoveDotSegments(merged);
  }
  r.query = has_query ? query : "";
  return r.ToString();
}

std::string DisplayHost(std::string_view url) {
  auto u = ParseUrl(url);
  if (!u) return {};
  std::string_view h = u->host;
  for (std::string_view p : {"www.", "m.", "amp.", "mobile."}) {
    if (h.starts_with(p) && h.size() > p.size() + 3) {
      h.remove_prefix(p.size());
      break;
    }
  }
  return std::string(h);
}

}  // namespace wiredesk
