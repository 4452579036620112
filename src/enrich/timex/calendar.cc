#include "enrich/timex/calendar.h"

#include <cstdio>

namespace wiredesk::enrich::timex {

int64_t DayNumber(const Day& d) {
  const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Day FromDayNumber(int64_t n) {
  n += 719468;
  const int64_t era = (n >= 0 ? n : n - 146096) / 146097;
  const int64_t doe = n - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Day{year, month, day};
}

Day DayOf(Instant t) {
  const int64_t secs = t.time_since_epoch().count();
  const int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  return FromDayNumber(days);
}

Day AddDays(const Day& d, int64_t n) { return FromDayNumber(DayNumber(d) + n); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 30;
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) return 29;
  return kDays[month - 1];
}

Day AddMonths(const Day& d, int n) {
  const int64_t m0 = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + n;
  const int64_t y = m0 >= 0 ? m0 / 12 : -((-m0 + 11) / 12);
  Day out{static_cast<int>(y), static_cast<int>(m0 - y * 12) + 1, d.day};
  if (out.day > DaysInMonth(out.year, out.month)) out.day = DaysInMonth(out.year, out.month);
  return out;
}

int Weekday(const Day& d) {
  const int64_t n = DayNumber(d);
  // 1970-01-01 was a Thursday (4).
  int64_t w = (n + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

void IsoWeek(const Day& d, int& iso_year, int& week) {
  // The week belongs to the year that holds its Thursday.
  const Day thursday = AddDays(d, 4 - Weekday(d));
  iso_year = thursday.year;
  week = static_cast<int>((DayNumber(thursday) - DayNumber(Day{iso_year, 1, 1})) / 7 + 1);
}

std::string FormatYear(int year) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

std::string FormatMonth(int year, int month) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string FormatDay(const Day& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string FormatWeek(const Day& d) {
  int y = 0;
  int w = 0;
  IsoWeek(d, y, w);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", y, w);
  return buf;
}

std::string FormatQuarter(int year, int quarter) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-Q%d", year, quarter);
  return buf;
}

namespace {

bool Digits(std::string_view s, size_t at, size_t n, int& out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

Instant At(const Day& d, int hour = 0, int minute = 0) {
  return Instant(std::chrono::seconds(DayNumber(d) * 86400 + hour * 3600 + minute * 60));
}

}  // namespace

std::optional<Instant> PeriodStart(std::string_view v, int64_t* span_days) {
  int64_t span = 1;
  auto done = [&](Instant t) -> std::optional<Instant> {
    if (span_days != nullptr) *span_days = span;
    return t;
  };
  int n = 0;
  if (v.size() == 2 && Digits(v, 0, 2, n)) {  // century
    span = 36524;
    return done(At(Day{n * 100, 1, 1}));
  }
  if (v.size() == 3 && Digits(v, 0, 3, n)) {  // decade
    span = 3652;
    return done(At(Day{n * 10, 1, 1}));
  }
  int year = 0;
  if (!Digits(v, 0, 4, year)) return std::nullopt;
  if (v.size() == 4) {
    span = 365;
    return done(At(Day{year, 1, 1}));
  }
  if (v[4] != '-' || v.size() < 7) return std::nullopt;
  const std::string_view rest = v.substr(5);
  int month = 0;
  if (rest[0] == 'Q' && Digits(rest, 1, 1, n) && n >= 1 && n <= 4) {
    span = 91;
    return done(At(Day{year, 3 * (n - 1) + 1, 1}));
  }
  if (rest[0] == 'H' && Digits(rest, 1, 1, n) && n >= 1 && n <= 2) {
    span = 182;
    return done(At(Day{year, n == 1 ? 1 : 7, 1}));
  }
  if (rest[0] == 'W' && Digits(rest, 1, 2, n) && n >= 1 && n <= 53) {
    // Monday of ISO week n: the week of Jan 4 is week 1.
    const Day jan4{year, 1, 4};
    span = 7;
    return done(At(AddDays(jan4, 1 - Weekday(jan4) + 7 * (n - 1))));
  }
  static constexpr struct {
    std::string_view code;
    int month;
  } kSeasons[] = {{"SP", 3}, {"SU", 6}, {"FA", 9}, {"WI", 12}};
  for (const auto& s : kSeasons) {
    if (rest.substr(0, 2) == s.code) {
      span = 91;
      return done(At(Day{year, s.month, 1}));
    }
  }
  if (!Digits(rest, 0, 2, month) || month < 1 || month > 12) return std::nullopt;
  if (rest.size() == 2) {
    span = DaysInMonth(year, month);
    return done(At(Day{year, month, 1}));
  }
  int day = 0;
  if (rest.size() < 5 || rest[2] != '-' || !Digits(rest, 3, 2, day) || day < 1 ||
      day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  const Day d{year, month, day};
  if (rest.size() == 5) return done(At(d));
  if (rest[5] != 'T') return std::nullopt;
  const std::string_view t = rest.substr(6);
  int hour = 0;
  int minute = 0;
  if (Digits(t, 0, 2, hour) && hour <= 24) {
    if (t.size() >= 5 && t[2] == ':') Digits(t, 3, 2, minute);
  } else if (t == "MO") {
    hour = 8;
  } else if (t == "MI") {
    hour = 12;
  } else if (t == "AF") {
    hour = 14;
  } else if (t == "EV") {
    hour = 18;
  } else if (t == "NI") {
    hour = 21;
  }
  return done(At(d, hour, minute));
}

}  // namespace wiredesk::enrich::timex
