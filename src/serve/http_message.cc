#include "serve/http_message.h"

#include <fmt/format.h>

#include "core/text.h"

namespace wiredesk::serve {

namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view Request::Path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view Request::RawQuery() const {
  std::string_view t = target;
  const size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
  for (const auto& [n, value] : headers) {
    if (IEquals(n, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

QueryParams::QueryParams(std::string_view raw) {
  while (!raw.empty()) {
    const size_t amp = raw.find('&');
    std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string name = RepairUtf8(PercentDecode(pair.substr(0, eq), true));
    std::string value = eq == std::string_view::npos
                            ? std::string()
                            : RepairUtf8(PercentDecode(pair.substr(eq + 1), true));
    params_.emplace_back(std::move(name), std::move(value));
  }
}

std::optional<std::string> QueryParams::Get(std::string_view name) const {
  for (const auto& [n, v] : params_) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::string_view StatusReason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

std::string MakeEtag(std::string_view body) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("\"{:016x}\"", h);
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  auto opaque = [](std::string_view t) {
    t = Trim(t);
    if (StartsWith(t, "W/")) t.remove_prefix(2);
    return t;
  };
  const std::string_view want = opaque(etag);
  if (want.empty()) return false;
  while (!if_none_match.empty()) {
    const size_t comma = if_none_match.find(',');
    const std::string_view tag = opaque(if_none_match.substr(0, comma));
    if (tag == "*" || tag == want) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

WireResponse Serialize(const Response& r) {
  WireResponse w;
  w.status = r.status;
  std::string& out = w.bytes;
  out.reserve(r.body.size() + 768);
  fmt::format_to(std::back_inserter(out), "HTTP/1.1 {} {}\r\n", r.status, StatusReason(r.status));
  if (!r.content_type.empty()) {
    out += "Content-Type: ";
    out += r.content_type;
    out += "\r\n";
  }
  // RFC 9110 §8.6: a 304 carries no body and must not claim one of length 0.
  if (r.status != 304) fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", r.body.size());
  for (const auto& [name, value] : r.headers) {
    // Field values come from wiredesk, but never let a CR/LF split the message.
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      continue;
    }
    if (IEquals(name, "ETag")) w.etag = value;
    if (IEquals(name, "Cache-Control")) w.cache_control = value;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += kSecurityHeaders;
  w.head_size = out.size();
  if (r.status != 304) out += r.body;
  return w;
}

std::string ToHttpText(const WireResponse& w, std::string_view extra_fields, bool head_only) {
  std::string out(w.Head());
  out += extra_fields;
  out += "\r\n";
  if (!head_only) out += w.Body();
  return out;
}

}  // namespace wiredesk::serve
