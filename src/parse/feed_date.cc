// Feed dates. Publishers write RFC 822 dates wrong in every way (RFC 2822 §4.3 lists only some
// of them), so this reads tokens rather than a grammar: a time, a zone, a month name in any of
// several languages, and numbers that become day and year by their size and place.
#include "parse/feed_date.h"

#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "core/text.h"

namespace wiredesk::parse {

namespace {

struct MonthName {
  std::string_view name;  // lower case, UTF-8
  int month;
};

// Full names and the abbreviations that are not their prefixes. A token matches a name it is
// a prefix of (3 bytes at least) when every name it prefixes means the same month.
constexpr MonthName kMonthNames[] = {
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
    {"june", 6}, {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"sept", 9},
    // German
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mrz", 3}, {"mai", 5},
    {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
    // French
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
    // Spanish
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12},
    // Italian
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
    {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
    // Portuguese
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    // Dutch, Swedish, Danish, Norwegian
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5}, {"maj", 5},
    {"augustus", 8}, {"augusti", 8}, {"okt", 10},
};

struct ZoneName {
  std::string_view name;
  int offset_minutes;
};

// RFC 822 §5.1's names and the ones feeds use beyond them. Military letters other than Z are
// ignored: RFC 1123 §5.2.14 notes their signs were published backwards.
constexpr ZoneName kZones[] = {
    {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0},  {"wet", 0},
    {"est", -300},     {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420},
    {"mdt", -360},     {"pst", -480}, {"pdt", -420}, {"akst", -540}, {"akdt", -480},
    {"hst", -600},     {"ast", -240}, {"adt", -180}, {"nst", -210}, {"ndt", -150},
    {"mez", 60},       {"mesz", 120},
    {"bst", 60},       {"ist", 330},  {"cet", 60},   {"cest", 120}, {"met", 60},
    {"mest", 120},     {"west", 60},  {"eet", 120},  {"eest", 180}, {"msk", 180},
    {"jst", 540},      {"kst", 540},  {"hkt", 480},  {"sgt", 480},  {"awst", 480},
    {"acst", 570},     {"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780},
};

// ASCII and Latin-1 capitals (U+00C0..U+00DE, two bytes in UTF-8) to lower case.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

std::optional<int> MonthOf(std::string_view token) {
  if (token.size() < 3) return std::nullopt;
  int found = 0;
  for (const MonthName& m : kMonthNames) {
    if (m.name.substr(0, token.size()) != token) continue;
    if (found != 0 && found != m.month) return std::nullopt;  // "jui": juin or juillet
    found = m.month;
  }
  if (found == 0) return std::nullopt;
  return found;
}

std::optional<int> ZoneOf(std::string_view token) {
  for (const ZoneName& z : kZones) {
    if (z.name == token) return z.offset_minutes;
  }
  return std::nullopt;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

// Reads up to `max` digits at `pos`; false when there are none.
bool ReadNumber(std::string_view s, size_t& pos, size_t max, int& out) {
  const size_t start = pos;
  int v = 0;
  while (pos < s.size() && IsDigit(s[pos]) && pos - start < max) v = v * 10 + (s[pos++] - '0');
  if (pos == start) return false;
  out = v;
  return true;
}

// "+0200", "+02:00", "-05", "+2": minutes east of UTC.
std::optional<int> ParseOffset(std::string_view s) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '+' ? 1 : -1;
  std::string digits;
  for (size_t i = 1; i < s.size(); ++i) {
    if (IsDigit(s[i])) {
      digits += s[i];
    } else if (s[i] != ':') {
      return std::nullopt;
    }
  }
  int h = 0, m = 0;
  if (digits.size() == 4) {
    h = std::stoi(digits.substr(0, 2));
    m = std::stoi(digits.substr(2));
  } else if (digits.size() == 3) {  // "+530"
    h = digits[0] - '0';
    m = std::stoi(digits.substr(1));
  } else if (digits.size() == 1 || digits.size() == 2) {
    h = std::stoi(digits);
  } else {
    return std::nullopt;
  }
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

struct Parts {
  int year = -1, month = -1, day = -1;
  int hour = -1, minute = 0, second = 0;
  std::optional<int> offset;  // minutes east of UTC
  bool pm = false, am = false;
  std::vector<int> numbers;   // bare numbers, in order, for day and year
  std::vector<size_t> number_digits;
};

// "14:30", "14:30:00", "14:30:00.123", with a zone or am/pm stuck to it ("14:30:00Z",
// "14:30:00+02:00", "2:30pm").
bool ReadTime(std::string_view t, Parts& p) {
  size_t pos = 0;
  int h = 0, mi = 0, sec = 0;
  if (!ReadNumber(t, pos, 2, h) || pos >= t.size() || t[pos] != ':') return false;
  ++pos;
  if (!ReadNumber(t, pos, 2, mi)) return false;
  if (pos < t.size() && t[pos] == ':') {
    ++pos;
    if (!ReadNumber(t, pos, 2, sec)) return false;
    if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
      ++pos;
      while (pos < t.size() && IsDigit(t[pos])) ++pos;
    }
  }
  if (h > 24 || mi > 59 || sec > 60) return false;
  p.hour = h;
  p.minute = mi;
  p.second = sec == 60 ? 59 : sec;
  const std::string rest = Lower(t.substr(pos));
  if (rest.empty()) return true;
  if (rest == "am" || rest == "a.m.") {
    p.am = true;
  } else if (rest == "pm" || rest == "p.m.") {
    p.pm = true;
  } else if (rest == "z") {
    p.offset = 0;
  } else if (auto off = ParseOffset(rest)) {
    p.offset = *off;
  } else if (auto zone = ZoneOf(rest)) {
    p.offset = *zone;
  }
  return true;
}

// "2025-06-02", "2025/6/2", "2025.06.02" (year first) and "02.06.2025", "6/2/2025".
bool ReadNumericDate(std::string_view t, Parts& p) {
  int a = 0, b = 0, c = 0;
  size_t pos = 0;
  const size_t a_start = pos;
  if (!ReadNumber(t, pos, 4, a)) return false;
  const size_t a_len = pos - a_start;
  if (pos >= t.size()) return false;
  const char sep = t[pos];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  ++pos;
  if (!ReadNumber(t, pos, 2, b) || pos >= t.size() || t[pos] != sep) return false;
  ++pos;
  const size_t c_start = pos;
  if (!ReadNumber(t, pos, 4, c)) return false;
  const size_t c_len = pos - c_start;
  std::string_view rest = t.substr(pos);
  if (a_len == 4) {
    p.year = a, p.month = b, p.day = c;
  } else if (c_len == 4 || c_len == 2) {
    // Day first everywhere but the US; slashes with a first field that can be a month are US.
    if (sep == '/' && a <= 12) {
      p.month = a, p.day = b;
    } else {
      p.day = a, p.month = b;
    }
    p.year = c_len == 2 ? (c < 50 ? 2000 + c : 1900 + c) : c;
  } else {
    return false;
  }
  if (!rest.empty() && (rest[0] == 'T' || rest[0] == 't')) return ReadTime(rest.substr(1), p);
  return rest.empty();
}

void ReadToken(std::string_view t, Parts& p) {
  if (t.empty()) return;
  if (IsDigit(t[0])) {
    if (ReadNumericDate(t, p)) return;
    if (t.find(':') != std::string_view::npos) {
      ReadTime(t, p);
      return;
    }
    size_t pos = 0;
    int n = 0;
    ReadNumber(t, pos, 9, n);
    const size_t digits = pos;
    const std::string rest = Lower(t.substr(pos));
    // "2.", "2nd", "21st", "3rd", "4th", "2日"-free suffixes; anything else is not a number.
    if (!rest.empty() && rest != "." && rest != "st" && rest != "nd" && rest != "rd" &&
        rest != "th" && rest != "er" && rest != "e" && rest != "º") {
      if (rest == "am" || rest == "pm") {  // "2pm"
        p.hour = n;
        (rest == "am" ? p.am : p.pm) = true;
      }
      return;
    }
    p.numbers.push_back(n);
    p.number_digits.push_back(digits);
    return;
  }
  if (t[0] == '+' || t[0] == '-') {
    if (auto off = ParseOffset(t)) p.offset = *off;
    return;
  }
  if (!IsAlpha(t[0])) return;
  // Letters, maybe followed by an offset ("GMT+0200") or a period ("Jun.", "févr.").
  size_t end = 0;
  while (end < t.size() && IsAlpha(t[end])) ++end;
  const std::string word = Lower(t.substr(0, end));
  std::string_view rest = t.substr(end);
  if (word == "am" || (word == "a" && rest == ".m.")) {
    p.am = true;
    return;
  }
  if (word == "pm" || (word == "p" && rest == ".m.")) {
    p.pm = true;
    return;
  }
  if (auto zone = ZoneOf(word)) {
    p.offset = *zone;
    if (!rest.empty()) {
      if (auto off = ParseOffset(rest)) p.offset = *zone + *off;
    }
    return;
  }
  // A later month name wins: "mar" before "jun" is Spanish or French for Tuesday.
  if (auto month = MonthOf(word)) p.month = *month;
}

// The form most feeds do write, "Fri, 27 Jun 2025 12:00:00 GMT" (or "+0200"), read without
// allocating: the tokenizer below is general but costs more than the rest of an item.
std::optional<Instant> ParseRfc822Fast(std::string_view s) {
  static constexpr std::string_view kEnglish = "janfebmaraprmayjunjulaugsepoctnovdec";
  size_t i = 0;
  auto digits = [&](size_t n, int& out) {
    out = 0;
    for (size_t k = 0; k < n; ++k, ++i) {
      if (i >= s.size() || !IsDigit(s[i])) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  auto expect = [&](char c) { return i < s.size() && s[i++] == c; };
  if (s.size() >= 5 && s[3] == ',') i = s[4] == ' ' ? 5 : 4;  // "Fri, "
  int day = 0, year = 0, h = 0, m = 0, sec = 0;
  if (i + 2 <= s.size() && IsDigit(s[i]) && IsDigit(s[i + 1])) {
    if (!digits(2, day)) return std::nullopt;
  } else if (!digits(1, day)) {
    return std::nullopt;
  }
  if (!expect(' ') || i + 3 > s.size()) return std::nullopt;
  char mon[3];
  for (int k = 0; k < 3; ++k) mon[k] = static_cast<char>(s[i + k] | 0x20);
  i += 3;
  const size_t at = kEnglish.find(std::string_view(mon, 3));
  if (at == std::string_view::npos || at % 3 != 0) return std::nullopt;
  if (!expect(' ') || !digits(4, year) || !expect(' ') || !digits(2, h) || !expect(':') ||
      !digits(2, m)) {
    return std::nullopt;
  }
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!digits(2, sec)) return std::nullopt;
  }
  if (!expect(' ')) return std::nullopt;
  const std::string_view zone = s.substr(i);
  int offset = 0;
  if (zone == "GMT" || zone == "UT" || zone == "UTC" || zone == "Z" || zone == "+0000" ||
      zone == "-0000") {
    offset = 0;
  } else if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-') && IsDigit(zone[1]) &&
             IsDigit(zone[2]) && IsDigit(zone[3]) && IsDigit(zone[4])) {
    const int oh = (zone[1] - '0') * 10 + (zone[2] - '0');
    const int om = (zone[3] - '0') * 10 + (zone[4] - '0');
    if (oh > 14 || om > 59) return std::nullopt;
    offset = (zone[0] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;  // the general reader knows the named zones
  }
  if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  auto t = MakeInstant(year, static_cast<int>(at / 3) + 1, day, h, m, sec == 60 ? 59 : sec);
  if (!t) return std::nullopt;
  return *t - std::chrono::minutes{offset};
}

}  // namespace

std::optional<Instant> ParseFeedDate(std::string_view s) {
  if (s.size() > 256) return std::nullopt;  // no date is this long; don't tokenize junk
  s = Trim(s);
  if (auto fast = ParseRfc822Fast(s)) return fast;
  if (auto iso = ParseIso8601(s)) return iso;
  Parts p;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '\n' ||
                            s[i] == '\r')) {
      ++i;
    }
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t' && s[j] != '\n' &&
           s[j] != '\r') {
      ++j;
    }
    std::string_view token = s.substr(i, j - i);
    // "2025-06-02T14:30:00" with a zone name after it, or "Jun-02-2025": split at 'T' only
    // for a numeric date, which ReadNumericDate handles; other dashes separate words.
    if (!token.empty() && IsAlpha(token[0]) && token.find('-') != std::string_view::npos &&
        token.find_first_of("+:") == std::string_view::npos) {
      size_t k = 0;
      while (k <= token.size()) {
        const size_t dash = std::min(token.find('-', k), token.size());
        ReadToken(token.substr(k, dash - k), p);
        k = dash + 1;
      }
    } else {
      ReadToken(token, p);
    }
    i = j;
  }
  // Bare numbers: a four-digit one is the year, the first other one the day, then a two-digit
  // year ("2 Jun 25").
  for (size_t k = 0; k < p.numbers.size(); ++k) {
    const int n = p.numbers[k];
    if (p.number_digits[k] == 4 && p.year < 0) {
      p.year = n;
    } else if (p.day < 0 && n >= 1 && n <= 31 && p.number_digits[k] <= 2) {
      p.day = n;
    } else if (p.year < 0 && p.number_digits[k] == 2) {
      p.year = n < 50 ? 2000 + n : 1900 + n;
    }
  }
  if (p.year < 1900 || p.year > 2999 || p.month < 1 || p.day < 1) return std::nullopt;
  int hour = p.hour < 0 ? 0 : p.hour;
  if (p.pm && hour < 12) hour += 12;
  if (p.am && hour == 12) hour = 0;
  if (hour == 24) hour = 0;  // "24:00" would need the next day; rare enough to read as 00:00
  auto t = MakeInstant(p.year, p.month, p.day, hour, p.minute, p.second);
  if (!t) return std::nullopt;
  return *t - std::chrono::minutes{p.offset.value_or(0)};
}

}  // namespace wiredesk::parse
