// Proleptic Gregorian day arithmetic and the TIMEX3 value formats, for the time-expression
// normaliser and the timeline (whose ordering reads the values back).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace wiredesk::enrich::timex {

struct Day {
  int year = 1970;
  int month = 1;
  int day = 1;
  bool operator==(const Day&) const = default;
};

// Days since 1970-01-01 and back (any year; H. Hinnant's civil-date algorithms).
int64_t DayNumber(const Day& d);
Day FromDayNumber(int64_t n);
Day DayOf(Instant t);
Day AddDays(const Day& d, int64_t n);
// The same day `n` months on, clamped to the month's last day (Jan 31 + 1 month = Feb 28).
Day AddMonths(const Day& d, int n);
int DaysInMonth(int year, int month);
// 1 = Monday .. 7 = Sunday.
int Weekday(const Day& d);
// ISO 8601 week-numbering year and week of `d`.
void IsoWeek(const Day& d, int& iso_year, int& week);

// "2014", "2014-05", "2014-05-14", "2014-W20", "2014-Q2".
std::string FormatYear(int year);
std::string FormatMonth(int year, int month);
std::string FormatDay(const Day& d);
std::string FormatWeek(const Day& d);
std::string FormatQuarter(int year, int quarter);

// The first instant of the period a TIMEX3 DATE/TIME value names ("2014-05" -> 2014-05-01,
// "2014-W20", "2014-Q2", "2014-SU", "199" the 1990s, "19" the 1900s, "2014-05-14T10:30"), or
// nullopt for references, durations and values with unknown digits ("PRESENT_REF", "P3Y",
// "XXXX-05"). `span_days` is set to the period's length in days (at least 1), so that a day
// sorts before the month that holds it.
std::optional<Instant> PeriodStart(std::string_view value, int64_t* span_days = nullptr);

}  // namespace wiredesk::enrich::timex
