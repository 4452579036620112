// HTTP-dates and Retry-After (RFC 9110 §5.6.7, §10.2.3).
#include <cctype>
#include <string>
#include <vector>

#include "core/text.h"
#include "fetch/fetcher.h"

namespace wiredesk::fetch {

std::optional<Instant> ParseHttpDate(std::string_view value) {
  // Three forms, one tokenizer: "Sun, 06 Nov 1994 08:49:37 GMT",
  // "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994".
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (value.size() > 64) return std::nullopt;
  std::vector<std::string> tokens;
  std::string cur;
  for (char c : value) {
    if (c == ' ' || c == ',' || c == '-' || c == '\t') {
      if (!cur.empty()) tokens.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  int day = -1, month = -1, year = -1, h = -1, m = -1, s = -1;
  for (const std::string& t : tokens) {
    const std::string l = AsciiLower(t);
    if (t.size() == 8 && t[2] == ':' && t[5] == ':') {
      if (!std::isdigit(static_cast<unsigned char>(t[0])) ||
          !std::isdigit(static_cast<unsigned char>(t[1])) ||
          !std::isdigit(static_cast<unsigned char>(t[3])) ||
          !std::isdigit(static_cast<unsigned char>(t[4])) ||
          !std::isdigit(static_cast<unsigned char>(t[6])) ||
          !std::isdigit(static_cast<unsigned char>(t[7]))) {
        return std::nullopt;
      }
      h = (t[0] - '0') * 10 + (t[1] - '0');
      m = (t[3] - '0') * 10 + (t[4] - '0');
      s = (t[6] - '0') * 10 + (t[7] - '0');
      continue;
    }
    bool digits = !t.empty() && t.size() <= 4;
    for (char c : t) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits) {
      const int n = std::stoi(t);
      if (t.size() == 4) {
        year = n;
      } else if (day < 0) {
        day = n;
      } else if (year < 0 && t.size() == 2) {
        year = n < 70 ? 2000 + n : 1900 + n;  // RFC 850's two-digit years
      }
      continue;
    }
    for (int i = 0; i < 12; ++i) {
      if (l == kMonths[i]) month = i + 1;
    }
  }
  if (day < 1 || month < 1 || year < 0 || h < 0 || h > 23 || m > 59 || s > 60) return std::nullopt;
  return MakeInstant(year, month, day, h, m, s == 60 ? 59 : s);
}

std::optional<Instant> ParseRetryAfter(std::string_view value, Instant now) {
  const std::string_view v = Trim(value);
  if (v.empty()) return std::nullopt;
  bool digits = v.size() <= 10;
  for (char c : v) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (digits) return now + std::chrono::seconds(std::stoll(std::string(v)));
  auto t = ParseHttpDate(v);
  if (!t) return std::nullopt;
  return *t < now ? now : *t;
}

}  // namespace wiredesk::fetch
