// Token-level matchers (no std::regex: slow, and noisy under GCC 12's -Werror) over one pass of
// the text. At each token every rule is tried and the longest match wins; a match is
// normalised as it is found, so a relative expression can anchor to the date mentioned last.
#include "enrich/timex/time_expressions.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <unordered_set>

#include "enrich/summarize/sentence_splitter.h"
#include "enrich/timex/calendar.h"

namespace wiredesk::enrich::timex {
namespace {

enum class Kind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  Kind kind = Kind::kPunct;
  bool space_before = true;  // anything between the previous token and this one
  bool upper = false;        // starts with an ASCII capital
  bool plain = false;        // kNumber: digits only
  std::string_view low;      // lower-cased
  int64_t number = -1;       // kNumber and plain: its value (capped)
  uint32_t sentence = 0;
};

bool IsAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Words (letters and any non-ASCII bytes, with "a.m."-style initials and inner apostrophes
// other than a possessive 's kept whole), numbers ("10:35", "1,000", "3.5" whole; "1990s" is
// a number glued to a word), and single punctuation marks.
std::vector<Token> Tokenize(std::string_view text, std::string_view lower) {
  std::vector<Token> toks;
  toks.reserve(text.size() / 5 + 4);
  const size_t n = text.size();
  size_t i = 0;
  bool space = true;
  auto at = [&](size_t k) -> unsigned char { return k < n ? static_cast<unsigned char>(text[k]) : 0; };
  while (i < n) {
    const unsigned char c = at(i);
    if (IsSpace(c)) {
      space = true;
      ++i;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    t.space_before = space;
    space = false;
    if (IsAlpha(c) || c >= 0x80) {
      t.kind = Kind::kWord;
      t.upper = c >= 'A' && c <= 'Z';
      size_t j = i;
      while (j < n && (IsAlpha(at(j)) || at(j) >= 0x80)) ++j;
      // "a.m.", "p.m.", "U.S.": single letters joined by dots.
      if (j == i + 1 && at(j) == '.' && IsAlpha(at(j + 1)) && !IsAlpha(at(j + 2))) {
        j += 2;
        if (at(j) == '.') ++j;
      }
      // "o'clock", "don't", "he'll"; not "month's".
      while (at(j) == '\'' && IsAlpha(at(j + 1))) {
        size_t k = j + 1;
        while (IsAlpha(at(k))) ++k;
        if (k == j + 2 && (at(j + 1) | 0x20) == 's') break;
        j = k;
      }
      i = j;
    } else if (IsDigit(c)) {
      t.kind = Kind::kNumber;
      t.plain = true;
      size_t j = i;
      while (true) {
        while (IsDigit(at(j))) ++j;
        const unsigned char p = at(j);
        if ((p == ':' && IsDigit(at(j + 1)) && IsDigit(at(j + 2))) ||
            (p == '.' && IsDigit(at(j + 1))) ||
            (p == ',' && IsDigit(at(j + 1)) && IsDigit(at(j + 2)) && IsDigit(at(j + 3)) &&
             !IsDigit(at(j + 4)))) {
          t.plain = false;
          ++j;
          continue;
        }
        break;
      }
      if (t.plain) {
        int64_t v = 0;
        for (size_t k = i; k < j && v < 100000000; ++k) v = v * 10 + (at(k) - '0');
        t.number = v;
      }
      i = j;
    } else {
      t.kind = Kind::kPunct;
      // A possessive 's stays one token, so that it never joins an expression.
      i += (c == '\'' && (at(i + 1) | 0x20) == 's' && !IsAlpha(at(i + 2))) ? 2 : 1;
    }
    t.end = static_cast<uint32_t>(i);
    t.low = lower.substr(t.begin, t.end - t.begin);
    toks.push_back(t);
  }
  return toks;
}

enum class Unit : uint8_t { kSecond, kMinute, kHour, kDay, kWeek, kWeekend, kMonth, kQuarter, kYear, kDecade, kCentury };
enum class Tense : uint8_t { kUnknown, kPast, kFuture };

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

struct Candidate {
  size_t end = 0;  // token index past the match
  TimexType type = TimexType::kDate;
  std::string value;
  // The day this expression resolved to, when it names one: later expressions anchor to it.
  std::optional<Day> day;
  bool quarter = false;  // names a quarter: "a year earlier" then means that quarter a year back
};

std::string Num(int64_t n) { return n < 0 ? std::string("X") : std::to_string(n); }

std::string DurationValue(int64_t n, Unit u) {
  switch (u) {
    case Unit::kSecond: return "PT" + Num(n) + "S";
    case Unit::kMinute: return "PT" + Num(n) + "M";
    case Unit::kHour: return "PT" + Num(n) + "H";
    case Unit::kDay: return "P" + Num(n) + "D";
    case Unit::kWeek: return "P" + Num(n) + "W";
    case Unit::kWeekend: return "P" + Num(n < 0 ? n : 2 * n) + "D";
    case Unit::kMonth: return "P" + Num(n) + "M";
    case Unit::kQuarter: return "P" + Num(n) + "Q";
    case Unit::kYear: return "P" + Num(n) + "Y";
    case Unit::kDecade: return n < 0 ? "P" + Num(n) + "DE" : "P" + Num(10 * n) + "Y";
    case Unit::kCentury: return n < 0 ? "P" + Num(n) + "CE" : "P" + Num(100 * n) + "Y";
  }
  return "PXY";
}

int QuarterOf(int month) { return (month - 1) / 3 + 1; }

std::string QuarterShift(int year, int quarter, int k) {
  const int q0 = year * 4 + (quarter - 1) + k;
  return FormatQuarter(q0 / 4, q0 % 4 + 1);
}

std::string Decade(int year) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%03d", year / 10);
  return buf;
}

// The period `k` units from `base`, at that unit's granularity.
std::string Shift(const Day& base, Unit u, int64_t k) {
  switch (u) {
    case Unit::kSecond:
    case Unit::kMinute:
    case Unit::kHour: return FormatDay(base);
    case Unit::kDay: return FormatDay(AddDays(base, k));
    case Unit::kWeek: return FormatWeek(AddDays(base, 7 * k));
    case Unit::kWeekend: return FormatWeek(AddDays(base, 7 * k)) + "-WE";
    case Unit::kMonth: {
      const Day d = AddMonths(Day{base.year, base.month, 1}, static_cast<int>(k));
      return FormatMonth(d.year, d.month);
    }
    case Unit::kQuarter: return QuarterShift(base.year, QuarterOf(base.month), static_cast<int>(k));
    case Unit::kYear: return FormatYear(base.year + static_cast<int>(k));
    case Unit::kDecade: return Decade(base.year + 10 * static_cast<int>(k));
    case Unit::kCentury: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%02d", (base.year + 100 * static_cast<int>(k)) / 100);
      return buf;
    }
  }
  return FormatDay(base);
}

class Tagger {
 public:
  Tagger(std::string_view text, Instant publication, const TimexOptions& options)
      : text_(text), options_(options), dct_(DayOf(publication)) {
    lower_.assign(text.begin(), text.end());
    for (char& c : lower_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    toks_ = Tokenize(text_, lower_);
    n_ = toks_.size();
    sentences_ = summarize::SplitSentences(text_);
    size_t s = 0;
    for (Token& t : toks_) {
      while (s + 1 < sentences_.size() &&
             t.begin >= static_cast<size_t>(sentences_[s + 1].data() - text_.data())) {
        ++s;
      }
      t.sentence = static_cast<uint32_t>(s);
    }
  }

  std::vector<TimeExpression> Run() {
    std::vector<TimeExpression> out;
    size_t i = 0;
    while (i < n_) {
      Candidate best;
      size_t best_begin = i;
      if (Longest(i, best)) {
        // An expression never starts with punctuation nor ends with a hyphen.
        while (best.end > best_begin + 1 && toks_[best.end - 1].kind == Kind::kPunct &&
               toks_[best.end - 1].low != ".") {
          --best.end;
        }
        Emit(best_begin, best, out);
        i = best.end;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  // Most words start no expression: one look-up skips them before any rule runs.
  static bool CanStart(const Token& t) {
    if (t.kind != Kind::kWord) return true;
    static const std::unordered_set<std::string_view> kStarters = [] {
      std::unordered_set<std::string_view> s = {
          // articles, deictics, modifiers, references
          "the", "a", "an", "last", "past", "next", "this", "that", "these", "earlier", "later",
          "early", "late", "mid", "about", "nearly", "almost", "around", "approximately",
          "roughly", "some", "over", "barely", "only", "more", "less", "fewer", "at", "up",
          "today", "yesterday", "tomorrow", "tonight", "now", "currently", "nowadays", "presently",
          "current", "right", "recently", "lately", "recent", "future", "fiscal", "every", "each",
          "per", "noon", "midday", "midnight", "coming", "previous", "prior", "following",
          "upcoming", "same", "first", "second", "third", "fourth", "final", "latest", "most",
          "year", "christmas", "thanksgiving", "new", "independence", "halloween", "election",
          "nineteen", "for", "within", "in", "after",
          // sets
          "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly",
          // counts
          "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
          "ninety", "hundred", "dozen", "several", "few", "many",
          // seasons
          "spring", "summer", "fall", "autumn", "winter",
          // units (bare plurals: "for years")
          "seconds", "minutes", "hours", "days", "weeks", "weekends", "months", "quarters",
          "years", "decades", "centuries"};
      for (const std::string_view m : kMonths) {
        s.insert(m);
        s.insert(m.substr(0, 3));
      }
      s.insert("sept");
      for (const std::string_view d : kWeekdays) s.insert(d);
      for (const std::string_view d : {"mondays", "tuesdays", "wednesdays", "thursdays",
                                       "fridays", "saturdays", "sundays"}) {
        s.insert(d);
      }
      return s;
    }();
    return kStarters.contains(t.low);
  }

  // ---- token predicates ----
  bool W(size_t j, std::string_view w) const { return j < n_ && toks_[j].low == w; }
  template <size_t N>
  int AnyOf(size_t j, const std::array<std::string_view, N>& words) const {
    if (j >= n_) return -1;
    for (size_t k = 0; k < N; ++k) {
      if (toks_[j].low == words[k]) return static_cast<int>(k);
    }
    return -1;
  }
  bool Punct(size_t j, char c) const {
    return j < n_ && toks_[j].kind == Kind::kPunct && toks_[j].low.size() == 1 && toks_[j].low[0] == c;
  }
  // A hyphen joining two words: "third-quarter", "mid-1990s".
  bool GluedHyphen(size_t j) const {
    return Punct(j, '-') && !toks_[j].space_before && j + 1 < n_ && !toks_[j + 1].space_before;
  }
  // Position after an optional joining hyphen.
  size_t Hy(size_t j) const { return GluedHyphen(j) ? j + 1 : j; }
  bool Glued(size_t j) const { return j < n_ && !toks_[j].space_before; }
  bool SameSentence(size_t a, size_t b) const {
    return a < n_ && b < n_ && toks_[a].sentence == toks_[b].sentence;
  }

  // "January", "Jan.", "Sept"; capitalised (so "may" and "march" stay verbs). A bare "May" or
  // an abbreviation without its dot needs a day or a year after it, or a date word before.
  bool Month(size_t j, int& month, size_t& end) const {
    if (j >= n_ || toks_[j].kind != Kind::kWord || !toks_[j].upper) return false;
    const std::string_view w = toks_[j].low;
    for (size_t m = 0; m < 12; ++m) {
      const std::string_view full = kMonths[m];
      bool abbrev = false;
      if (w == full) {
        abbrev = false;
      } else if ((w.size() == 3 && full.substr(0, 3) == w && m != 4) || (m == 8 && w == "sept")) {
        abbrev = true;
      } else {
        continue;
      }
      month = static_cast<int>(m) + 1;
      end = j + 1;
      const bool dot = abbrev && Punct(end, '.') && Glued(end);
      if (dot) ++end;
      const bool number_after = end < n_ && toks_[end].kind == Kind::kNumber && toks_[end].plain;
      if (abbrev && !dot && !number_after) return false;
      if (m == 4 || m == 2) {  // May, March: verbs at the start of a sentence too
        static constexpr std::array<std::string_view, 14> kBefore = {
            "in", "since", "until", "till", "by", "early", "late", "mid", "last", "next",
            "this", "of", "during", "through"};
        const bool date_word_before = j > 0 && (AnyOf(j - 1, kBefore) >= 0 || Punct(j - 1, '-'));
        if (!number_after && !date_word_before) return false;
      }
      return true;
    }
    return false;
  }

  // 1 = Monday .. 7 = Sunday; "Friday", "Fri." (capitalised abbreviations only).
  int WeekdayAt(size_t j, size_t& end) const {
    if (j >= n_ || toks_[j].kind != Kind::kWord) return 0;
    const std::string_view w = toks_[j].low;
    for (size_t d = 0; d < 7; ++d) {
      if (w == kWeekdays[d] || (w.size() == kWeekdays[d].size() + 1 && w.back() == 's' &&
                                w.substr(0, w.size() - 1) == kWeekdays[d])) {
        end = j + 1;
        return static_cast<int>(d) + 1;
      }
    }
    return 0;
  }

  // A day of the month: "14", "14th".
  bool DayNumberAt(size_t j, int& day, size_t& end) const {
    if (j >= n_ || toks_[j].kind != Kind::kNumber || !toks_[j].plain) return false;
    if (toks_[j].low.size() > 2 || toks_[j].number < 1 || toks_[j].number > 31) return false;
    day = static_cast<int>(toks_[j].number);
    end = j + 1;
    if (end < n_ && Glued(end) && toks_[end].kind == Kind::kWord) {
      const std::string_view s = toks_[end].low;
      if (s == "st" || s == "nd" || s == "rd" || s == "th") {
        ++end;
      } else {
        return false;
      }
    }
    return true;
  }

  // A four-digit year, 1000..2099, not glued to letters or a unit.
  bool YearAt(size_t j, int& year) const {
    if (j >= n_ || toks_[j].kind != Kind::kNumber || !toks_[j].plain || toks_[j].low.size() != 4) {
      return false;
    }
    if (toks_[j].number < 1000 || toks_[j].number > 2099) return false;
    if (j + 1 < n_ && Glued(j + 1) && toks_[j + 1].kind == Kind::kWord) return false;
    if (j > 0 && Glued(j) && (Punct(j - 1, '$') || Punct(j - 1, '#'))) return false;
    year = static_cast<int>(toks_[j].number);
    return true;
  }

  // "three", "twenty-five", "3", "a", "an", "several" (-1: unknown count).
  bool Count(size_t j, int64_t& n, size_t& end, bool allow_article) const {
    if (j >= n_) return false;
    const Token& t = toks_[j];
    if (t.kind == Kind::kNumber) {
      if (!t.plain) {
        // "1.5": a fractional count; TIMEX3 writes it as is.
        return false;
      }
      n = t.number;
      end = j + 1;
      return true;
    }
    static constexpr std::array<std::string_view, 20> kOnes = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"};
    static constexpr std::array<std::string_view, 8> kTens = {
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    if (int k = AnyOf(j, kOnes); k >= 0) {
      n = k;
      end = j + 1;
      return true;
    }
    if (int k = AnyOf(j, kTens); k >= 0) {
      n = 20 + 10 * k;
      end = j + 1;
      if (GluedHyphen(end)) {
        if (int o = AnyOf(end + 1, kOnes); o > 0 && o < 10) {
          n += o;
          end += 2;
        }
      }
      return true;
    }
    if (W(j, "hundred") || W(j, "dozen")) {
      n = W(j, "hundred") ? 100 : 12;
      end = j + 1;
      return true;
    }
    static constexpr std::array<std::string_view, 4> kVague = {"several", "few", "many", "some"};
    if (AnyOf(j, kVague) >= 0) {
      n = -1;
      end = j + 1;
      return true;
    }
    if (allow_article && (W(j, "a") || W(j, "an"))) {
      if (W(j + 1, "few") || W(j + 1, "couple")) {
        n = -1;
        end = j + 2;
        if (W(end, "of")) ++end;
        if (W(j + 1, "couple")) n = 2;
        return true;
      }
      n = 1;
      end = j + 1;
      return true;
    }
    return false;
  }

  bool UnitAt(size_t j, Unit& u, bool& plural) const {
    if (j >= n_ || toks_[j].kind != Kind::kWord) return false;
    std::string_view w = toks_[j].low;
    plural = false;
    if (w == "centuries") {
      u = Unit::kCentury;
      plural = true;
      return true;
    }
    if (w.size() > 3 && w.back() == 's') {
      w.remove_suffix(1);
      plural = true;
    }
    static constexpr std::array<std::string_view, 11> kUnits = {
        "second", "minute", "hour", "day", "week", "weekend", "month", "quarter", "year", "decade", "century"};
    for (size_t m = 0; m < kUnits.size(); ++m) {
      if (w == kUnits[m]) {
        u = static_cast<Unit>(m);
        return true;
      }
    }
    if (w == "yr" || w == "hr" || w == "min") {
      u = w == "yr" ? Unit::kYear : (w == "hr" ? Unit::kHour : Unit::kMinute);
      return true;
    }
    return false;
  }

  // ---- context ----

  // The tense of the clause around tokens [b, e): the nearest cue in its sentence.
  Tense TenseAround(size_t b, size_t e) const {
    if (options_.method == TimexMethod::kBaseline) return Tense::kUnknown;
    static constexpr std::array<std::string_view, 14> kFuture = {
        "will", "shall", "ll", "won't", "going", "plans", "plan", "scheduled", "expected",
        "expects", "upcoming", "due", "next", "intends"};
    static constexpr std::array<std::string_view, 12> kPast = {
        "was", "were", "had", "did", "said", "told", "came", "went", "began", "took", "made", "ago"};
    // Right before the expression: "until Tuesday", "as early as Tuesday".
    if (b >= 1 && (W(b - 1, "until") || W(b - 1, "till") || (W(b - 1, "as") && b >= 3 && W(b - 3, "as")))) {
      return Tense::kFuture;
    }
    auto cue = [&](size_t j) -> Tense {
      const std::string_view w = toks_[j].low;
      // "planned to", "expected to", "set to": an intention, so the future.
      if (W(j + 1, "to") && (w.ends_with("ed") || w == "set" || w == "plans" || w == "planning")) {
        return Tense::kFuture;
      }
      if (AnyOf(j, kFuture) >= 0 || (w.size() > 3 && w.substr(w.size() - 3) == "'ll")) return Tense::kFuture;
      if (AnyOf(j, kPast) >= 0) return Tense::kPast;
      if (w.size() > 4 && w.substr(w.size() - 2) == "ed" && toks_[j].kind == Kind::kWord) return Tense::kPast;
      return Tense::kUnknown;
    };
    for (size_t d = 1; d <= 10; ++d) {
      if (b >= d && SameSentence(b - d, b)) {
        if (Tense t = cue(b - d); t != Tense::kUnknown) return t;
      }
      if (e - 1 + d < n_ && SameSentence(e - 1 + d, e - 1)) {
        if (Tense t = cue(e - 1 + d); t != Tense::kUnknown) return t;
      }
    }
    return Tense::kUnknown;
  }

  // The year of a month (and day) named without one.
  // The nearest such month to the publication date, a past one when the clause speaks of the
  // past and a coming one when it speaks of the future, unless that is much further away.
  int YearFor(int month, int day, Tense tense) const {
    const int64_t now = DayNumber(dct_);
    int best_year = dct_.year;
    int64_t best_cost = std::numeric_limits<int64_t>::max();
    for (int y = dct_.year - 1; y <= dct_.year + 1; ++y) {
      const Day first{y, month, day > 0 ? std::min(day, DaysInMonth(y, month)) : 1};
      const Day last{y, month, day > 0 ? first.day : DaysInMonth(y, month)};
      int64_t cost = 0;
      if (DayNumber(last) < now) cost = now - DayNumber(last);
      if (DayNumber(first) > now) cost = DayNumber(first) - now;
      // News mostly reports what happened: the future costs a little even with no cue.
      if (DayNumber(first) > now) cost += tense == Tense::kPast ? 200 : (tense == Tense::kFuture ? 0 : 100);
      if (tense == Tense::kFuture && DayNumber(last) < now) cost += 200;
      if (cost < best_cost) {
        best_cost = cost;
        best_year = y;
      }
    }
    return best_year;
  }

  Day WeekdayDay(int wd, Tense tense) const {
    const int now = Weekday(dct_);
    if (tense == Tense::kFuture) return AddDays(dct_, (wd - now + 7) % 7);
    return AddDays(dct_, -((now - wd + 7) % 7));
  }

  // ---- rules ----

  bool Longest(size_t i, Candidate& best, bool modifiers = true) {
    best = Candidate{};
    if (!CanStart(toks_[i])) return false;
    Candidate c;
    auto take = [&](bool ok) {
      if (ok && c.end > best.end) best = c;
      c = Candidate{};
    };
    const bool rules = options_.method == TimexMethod::kRules;
    take(ExplicitDate(i, c));
    take(NumericDate(i, c));
    take(YearOrDecade(i, c));
    take(WeekdayExpr(i, c));
    take(Deictic(i, c));
    take(CountedUnits(i, c));
    take(ClockTime(i, c));
    if (rules) {
      take(References(i, c));
      take(RelativeUnit(i, c));
      take(Quarter(i, c));
      take(Season(i, c));
      take(Sets(i, c));
      take(Anaphoric(i, c));
      take(Holiday(i, c));
      take(SpelledYear(i, c));
      if (modifiers) take(Modified(i, c));
    }
    return best.end > i;
  }

  // "early", "late 1990", "mid-1990s", "the end of 1990", "more than three years",
  // "nearly two weeks ago": the modifier joins the extent, the value stays.
  bool Modified(size_t i, Candidate& c) {
    size_t j = i;
    bool the = false;
    if (W(j, "the")) {
      the = true;
      ++j;
    }
    static constexpr std::array<std::string_view, 5> kPos = {"early", "late", "mid", "earlier", "later"};
    static constexpr std::array<std::string_view, 4> kParts = {"end", "beginning", "start", "middle"};
    static constexpr std::array<std::string_view, 10> kApprox = {
        "about", "nearly", "almost", "around", "approximately", "roughly", "some", "over",
        "barely", "only"};
    if (AnyOf(j, kPos) >= 0) {
      ++j;
      j = Hy(j);
      if (Punct(j, '-')) ++j;
    } else if (the && AnyOf(j, kParts) >= 0 && W(j + 1, "of")) {
      j += 2;
    } else if (!the && AnyOf(j, kApprox) >= 0 && !W(j + 1, "the")) {
      ++j;  // not "over the past two decades": there "over" is a preposition
    } else if (!the && (W(j, "more") || W(j, "less") || W(j, "fewer")) && W(j + 1, "than")) {
      j += 2;
    } else if (!the && W(j, "at") && (W(j + 1, "least") || W(j + 1, "most"))) {
      j += 2;
    } else if (!the && W(j, "up") && W(j + 1, "to")) {
      j += 2;
    } else {
      return false;
    }
    if (j >= n_ || j == i) return false;
    Candidate inner;
    if (the && AnyOf(j - 2, kParts) >= 0 && W(j, "the")) {
      // "the end of the year": this year's end, not a year's length.
      Unit u;
      bool plural = false;
      if (UnitAt(j + 1, u, plural) && !plural && u >= Unit::kWeek) {
        c.end = j + 2;
        c.value = Shift(dct_, u, 0);
        return true;
      }
    }
    if (!Longest(j, inner, false)) return false;
    // "the early 1990s" keeps "the"; "the end of" needs a date after it.
    c = inner;
    if (the && W(j, "the")) return false;
    return true;
  }

  // "May 14", "May 14, 2014", "14 May 2014", "May 2014", "May", "Friday, May 14".
  bool ExplicitDate(size_t i, Candidate& c) {
    size_t j = i;
    size_t e = 0;
    int shift = 0;  // "last April", "next May", "this June"
    if (options_.method == TimexMethod::kRules) {
      if (W(i, "last") || W(i, "past")) shift = -1;
      if (W(i, "next") || W(i, "coming")) shift = 1;
      if (W(i, "this")) shift = 2;
      if (shift != 0) ++j;
    }
    int wd = shift != 0 ? 0 : WeekdayAt(j, e);
    if (wd != 0) {
      j = e;
      if (Punct(j, ',')) ++j;
      if (W(j, "the")) ++j;
    }
    int month = 0;
    int day = 0;
    int year = 0;
    size_t end = 0;
    if (Month(j, month, end)) {
      size_t k = end;
      if (DayNumberAt(k, day, k)) {
        end = k;
        size_t y = end;
        if (Punct(y, ',')) ++y;
        if (YearAt(y, year)) end = y + 1;
      } else {
        size_t y = end;
        if (Punct(y, ',')) ++y;
        if (W(y, "of")) ++y;
        if (YearAt(y, year)) {
          end = y + 1;
        } else if (shift == 0 && options_.method == TimexMethod::kRules && W(end + 1, "year") &&
                   (W(end, "this") || W(end, "last") || W(end, "next"))) {
          // "June last year".
          year = dct_.year + (W(end, "last") ? -1 : (W(end, "next") ? 1 : 0));
          end += 2;
        }
      }
    } else {
      size_t k = j;
      if (W(k, "the")) ++k;
      if (!DayNumberAt(k, day, k)) return false;
      if (W(k, "of")) ++k;
      if (!Month(k, month, end)) return false;
      size_t y = end;
      if (Punct(y, ',')) ++y;
      if (YearAt(y, year)) end = y + 1;
    }
    if (wd != 0 && day == 0) return false;  // "Friday, May" is not a date
    if (shift != 0 && (day != 0 || year != 0)) return false;
    if (j > i && day == 0 && shift == 0) return false;
    if (day > DaysInMonth(year != 0 ? year : 2000, month)) return false;
    c.end = end;
    const Tense tense = year == 0 ? TenseAround(i, end) : Tense::kUnknown;
    if (shift == -1) {
      year = month < dct_.month || (month == dct_.month && day > 0 && day < dct_.day) ? dct_.year : dct_.year - 1;
    } else if (shift == 1) {
      year = month > dct_.month || (month == dct_.month && day > dct_.day) ? dct_.year : dct_.year + 1;
    } else if (shift == 2) {
      year = dct_.year;
    }
    if (year == 0) year = YearFor(month, day, tense);
    if (day != 0) {
      const Day d{year, month, day};
      c.value = FormatDay(d);
      c.day = d;
    } else {
      c.value = FormatMonth(year, month);
    }
    return true;
  }

  // "10/23/1998", "10/23/98", "1998-10-23".
  bool NumericDate(size_t i, Candidate& c) {
    if (i + 4 >= n_) return false;
    const Token& a = toks_[i];
    if (a.kind != Kind::kNumber || !a.plain) return false;
    const bool slash = Punct(i + 1, '/') && Punct(i + 3, '/');
    const bool dash = Punct(i + 1, '-') && Punct(i + 3, '-');
    if (!slash && !dash) return false;
    for (size_t k = i + 1; k <= i + 4; ++k) {
      if (!Glued(k)) return false;
    }
    const Token& b = toks_[i + 2];
    const Token& y = toks_[i + 4];
    if (b.kind != Kind::kNumber || !b.plain || y.kind != Kind::kNumber || !y.plain) return false;
    Day d;
    if (dash) {
      if (a.low.size() != 4) return false;
      d = Day{static_cast<int>(a.number), static_cast<int>(b.number), static_cast<int>(y.number)};
    } else {
      int64_t yy = y.number;
      if (y.low.size() == 2) yy += yy < 40 ? 2000 : 1900;
      else if (y.low.size() != 4) return false;
      d = Day{static_cast<int>(yy), static_cast<int>(a.number), static_cast<int>(b.number)};
    }
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return false;
    c.end = i + 5;
    c.value = FormatDay(d);
    c.day = d;
    return true;
  }

  // "2014", "fiscal 2014", "the 1990s", "the '90s", "1990s", "the 20th century".
  bool YearOrDecade(size_t i, Candidate& c) {
    size_t j = i;
    const bool the = W(j, "the");
    if (the) ++j;
    const bool fiscal = W(j, "fiscal");
    if (fiscal) ++j;
    int year = 0;
    // Decades: "1990s", "1990's", "'90s", "90s".
    if (j < n_ && toks_[j].kind == Kind::kNumber && toks_[j].plain && j + 1 < n_ && Glued(j + 1) &&
        (W(j + 1, "s") || W(j + 1, "'s"))) {
      const int64_t v = toks_[j].number;
      if (toks_[j].low.size() == 4 && v % 10 == 0 && v >= 1000 && v <= 2090) {
        c.value = Decade(static_cast<int>(v));
      } else if (toks_[j].low.size() == 2 && v % 10 == 0 && j > 0 && Punct(j - 1, '\'')) {
        c.value = Decade(1900 + static_cast<int>(v));
      } else {
        return false;
      }
      c.end = j + 2;
      return true;
    }
    if (Punct(j, '\'') && j + 2 < n_ && Glued(j + 1) && toks_[j + 1].kind == Kind::kNumber &&
        toks_[j + 1].low.size() == 2 && W(j + 2, "s") && Glued(j + 2)) {
      c.value = Decade(1900 + static_cast<int>(toks_[j + 1].number));
      c.end = j + 3;
      return true;
    }
    // Centuries: "the 20th century", "the nineteenth century".
    if (the && j + 1 < n_) {
      static constexpr std::array<std::string_view, 22> kOrd = {
          "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
          "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
          "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "21st"};
      int ord = 0;
      size_t k = j;
      if (toks_[k].kind == Kind::kNumber && toks_[k].plain && k + 1 < n_ && Glued(k + 1) &&
          (W(k + 1, "st") || W(k + 1, "nd") || W(k + 1, "rd") || W(k + 1, "th"))) {
        ord = static_cast<int>(toks_[k].number);
        k += 2;
      } else if (int o = AnyOf(k, kOrd); o >= 0) {
        ord = o + 1;
        ++k;
      }
      if (ord > 0 && ord <= 21 && (W(k, "century") || (GluedHyphen(k) && W(k + 1, "century")))) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02d", ord - 1);
        c.value = buf;
        c.end = (W(k, "century") ? k : k + 1) + 1;
        return true;
      }
    }
    if (!YearAt(j, year)) return false;
    // Not a count: "1998 people", "2000 feet".
    static constexpr std::array<std::string_view, 16> kCounted = {
        "percent", "people", "shares", "tons", "miles", "feet", "meters", "points", "troops",
        "workers", "barrels", "acres", "jobs", "students", "pounds", "units"};
    if (AnyOf(j + 1, kCounted) >= 0 || Punct(j + 1, '%')) return false;
    if (j > 0 && Glued(j) && (Punct(j - 1, ',') || Punct(j - 1, '.'))) return false;
    if (options_.method == TimexMethod::kRules && the && !fiscal) {
      // "the 1998 period", "the 1988 quarter": the year alone.
      return false;
    }
    c.end = j + 1;
    c.value = FormatYear(year);
    // "1998-99" stays "1998".
    return true;
  }

  // "Friday", "on Thursday", "last Friday", "Friday morning", "Friday's".
  bool WeekdayExpr(size_t i, Candidate& c) {
    size_t j = i;
    int dir = 0;
    const bool rules = options_.method == TimexMethod::kRules;
    if (rules && (W(j, "last") || W(j, "past") || W(j, "previous"))) {
      dir = -1;
      ++j;
    } else if (rules && (W(j, "next") || W(j, "coming"))) {
      dir = 1;
      ++j;
    } else if (rules && W(j, "this")) {
      dir = 2;
      ++j;
    }
    size_t e = 0;
    const int wd = WeekdayAt(j, e);
    if (wd == 0) return false;
    if (!toks_[j].upper && !rules) return false;
    if (toks_[j].low.back() == 's' && toks_[j].low != kWeekdays[static_cast<size_t>(wd - 1)]) {
      // "Mondays" is a set.
      if (!rules) return false;
      c.end = e;
      c.type = TimexType::kSet;
      c.value = "XXXX-WXX-" + std::to_string(wd);
      return true;
    }
    Day d;
    const int now = Weekday(dct_);
    if (dir == -1) {
      const int back = (now - wd + 7) % 7;
      d = AddDays(dct_, -(back == 0 ? 7 : back));
    } else if (dir == 1) {
      const int fwd = (wd - now + 7) % 7;
      d = AddDays(dct_, fwd == 0 ? 7 : fwd);
    } else if (dir == 2) {
      d = WeekdayDay(wd, TenseAround(i, e));
    } else {
      d = WeekdayDay(wd, TenseAround(i, e));
    }
    c.end = e;
    c.day = d;
    c.value = FormatDay(d);
    if (rules) PartOfDay(c, d);
    return true;
  }

  // "morning", "night" after a day: a TIME.
  void PartOfDay(Candidate& c, const Day& d) {
    static constexpr std::array<std::string_view, 6> kParts = {
        "morning", "afternoon", "evening", "night", "noon", "midnight"};
    static constexpr std::array<std::string_view, 6> kCodes = {"TMO", "TAF", "TEV", "TNI", "T12:00", "T24:00"};
    const int p = AnyOf(c.end, kParts);
    if (p < 0) return;
    c.type = TimexType::kTime;
    c.value = FormatDay(d) + std::string(kCodes[static_cast<size_t>(p)]);
    ++c.end;
  }

  // "today", "yesterday", "tomorrow", "tonight", "this morning", "last night".
  bool Deictic(size_t i, Candidate& c) {
    const bool rules = options_.method == TimexMethod::kRules;
    int offset = 0;
    size_t j = i;
    if (W(j, "today")) {
      offset = 0;
    } else if (W(j, "yesterday")) {
      offset = -1;
    } else if (W(j, "tomorrow")) {
      offset = 1;
    } else if (W(j, "tonight")) {
      c.end = j + 1;
      c.type = TimexType::kTime;
      c.value = FormatDay(dct_) + "TNI";
      c.day = dct_;
      return true;
    } else if (rules && W(j, "the") && W(j + 1, "day") && (W(j + 2, "before") || W(j + 2, "after")) &&
               (W(j + 3, "yesterday") || W(j + 3, "tomorrow"))) {
      offset = W(j + 3, "yesterday") ? -2 : 2;
      j += 3;
    } else if (rules && (W(j, "this") || W(j, "last")) && j + 1 < n_) {
      static constexpr std::array<std::string_view, 5> kParts = {"morning", "afternoon", "evening", "night", "weekend"};
      const int p = AnyOf(j + 1, kParts);
      if (p < 0 || p == 4) return false;
      const bool last = W(j, "last");
      if (last && p != 3) return false;
      const Day d = last ? AddDays(dct_, -1) : dct_;
      static constexpr std::array<std::string_view, 4> kCodes = {"TMO", "TAF", "TEV", "TNI"};
      c.end = j + 2;
      c.type = TimexType::kTime;
      c.value = FormatDay(d) + std::string(kCodes[static_cast<size_t>(p)]);
      c.day = d;
      return true;
    } else {
      return false;
    }
    const Day d = AddDays(dct_, offset);
    c.end = j + 1;
    c.value = FormatDay(d);
    c.day = d;
    if (rules) PartOfDay(c, d);
    return true;
  }

  // "now", "currently", "recently", "the past", "the future", "soon", "recent years".
  bool References(size_t i, Candidate& c) {
    static constexpr std::array<std::string_view, 4> kPresent = {"now", "currently", "nowadays", "presently"};
    static constexpr std::array<std::string_view, 2> kPast = {"recently", "lately"};
    const Token& t = toks_[i];
    if (t.kind != Kind::kWord) return false;
    c.end = i + 1;
    if (AnyOf(i, kPresent) >= 0) {
      // "now" as a discourse marker ("Now, ...") still counts in TimeBank.
      c.value = "PRESENT_REF";
      return true;
    }
    if (W(i, "current") && !W(i + 1, "account") && !W(i + 1, "accounts")) {
      Unit u;
      bool plural = false;
      if (UnitAt(i + 1, u, plural)) return false;  // "the current quarter": RelativeUnit
      c.value = "PRESENT_REF";
      return true;
    }
    if ((W(i, "at") && W(i + 1, "present")) || (W(i, "these") && W(i + 1, "days")) ||
        (W(i, "right") && W(i + 1, "now"))) {
      c.end = i + 2;
      c.value = "PRESENT_REF";
      return true;
    }
    if (AnyOf(i, kPast) >= 0) {
      c.value = "PAST_REF";
      return true;
    }
    if (W(i, "recent")) {
      // "recent years"; a bare "recent" is more often not a time expression.
      Unit u;
      bool plural = false;
      if (!UnitAt(i + 1, u, plural) || !plural) return false;
      c.end = i + 2;
      // TimeBank's habit: "recent years" is a reference, "recent months" a duration.
      if (u == Unit::kYear || u == Unit::kDecade) {
        c.value = "PAST_REF";
      } else {
        c.type = TimexType::kDuration;
        c.value = DurationValue(-1, u);
      }
      return true;
    }
    if (W(i, "the") && W(i + 1, "past")) {
      Unit u;
      bool plural = false;
      int64_t n = 0;
      size_t e = 0;
      if (UnitAt(i + 2, u, plural) || Count(i + 2, n, e, false)) return false;
      c.end = i + 2;
      c.value = "PAST_REF";
      return true;
    }
    if ((W(i, "the") && W(i + 1, "future")) ||
        (W(i, "a") && W(i + 1, "later") && W(i + 2, "date"))) {
      c.end = W(i, "a") ? i + 3 : i + 2;
      c.value = "FUTURE_REF";
      return true;
    }
    if (W(i, "future") && i > 0 && (W(i - 1, "in") || W(i - 1, "near"))) {
      c.value = "FUTURE_REF";
      return true;
    }
    return false;
  }

  // "last month", "this year", "next week", "the past year", "earlier this month",
  // "the current quarter", "the weekend".
  bool RelativeUnit(size_t i, Candidate& c) {
    size_t j = i;
    if (W(j, "earlier") || W(j, "later")) {
      if (!(W(j + 1, "this") || W(j + 1, "that") || W(j + 1, "next") || W(j + 1, "last"))) return false;
      ++j;
    }
    int k = 0;
    bool the = false;
    if (W(j, "the")) {
      the = true;
      ++j;
    }
    if (W(j, "last") || W(j, "past") || W(j, "previous") || W(j, "prior")) {
      k = -1;
    } else if (W(j, "next") || W(j, "coming") || W(j, "following") || W(j, "upcoming")) {
      k = 1;
    } else if ((!the && (W(j, "this") || W(j, "that"))) || W(j, "current") || W(j, "same")) {
      k = 0;
    } else if (the && j < n_ && (W(j, "weekend") || W(j, "year"))) {
      // "the weekend": the last one, or this one if the paper is out on it.
      c.end = j + 1;
      if (W(j, "year")) {
        c.type = TimexType::kDuration;
        c.value = "P1Y";
        return true;
      }
      const int wd = Weekday(dct_);
      const Tense tense = TenseAround(i, j + 1);
      c.value = Shift(dct_, Unit::kWeekend, (wd >= 6 || tense == Tense::kFuture) ? 0 : -1);
      return true;
    } else {
      return false;
    }
    ++j;
    Unit u;
    bool plural = false;
    if (!UnitAt(j, u, plural) || plural || u == Unit::kSecond || u == Unit::kMinute || u == Unit::kHour) {
      return false;
    }
    c.end = j + 1;
    if (W(j - 1, "that") || W(j - 1, "same")) {
      // "that year": the date last mentioned.
      c.value = Shift(anchors_.last_day ? *anchors_.last_day : dct_, u, 0);
      return true;
    }
    if (W(j - 1, "following") && anchors_.last_day) {
      c.value = Shift(*anchors_.last_day, u, 1);
      return true;
    }
    if (u == Unit::kDay) {
      if (k == 0) return false;
      c.value = FormatDay(AddDays(anchors_.last_day ? *anchors_.last_day : dct_, k));
      c.day = AddDays(anchors_.last_day ? *anchors_.last_day : dct_, k);
      return true;
    }
    if (u == Unit::kQuarter && k == 0 && the) {
      c.value = Shift(dct_, u, 0);
      c.quarter = true;
      return true;
    }
    c.value = Shift(dct_, u, k);
    c.quarter = u == Unit::kQuarter;
    // "the next year" and "the last quarter" read as the last/next one from today.
    return true;
  }

  // "the third quarter", "third-quarter", "the fiscal first quarter", "the fourth quarter of
  // 1998", "the first half", "the latest quarter", "the year-earlier quarter".
  bool Quarter(size_t i, Candidate& c) {
    size_t j = i;
    if (W(j, "the")) ++j;
    int year = 0;
    if (YearAt(j, year) && W(j + 1, "'s")) {
      j += 2;
    } else if ((W(j, "this") || W(j, "last") || W(j, "next")) && W(j + 1, "year") && W(j + 2, "'s")) {
      year = dct_.year + (W(j, "last") ? -1 : (W(j, "next") ? 1 : 0));
      j += 3;
    }
    if (W(j, "fiscal")) j = Hy(j + 1);
    static constexpr std::array<std::string_view, 8> kOrd = {"first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"};
    int q = AnyOf(j, kOrd);
    bool half = false;
    bool latest = false;
    bool earlier = false;
    if (q >= 0) {
      q = q % 4 + 1;
      j = Hy(j + 1);
    } else if (j < n_ && toks_[j].kind == Kind::kNumber && toks_[j].plain && toks_[j].number >= 1 &&
               toks_[j].number <= 4 && Glued(j + 1) && toks_[j + 1].kind == Kind::kWord) {
      q = static_cast<int>(toks_[j].number);
      j = Hy(j + 2);
    } else if (W(j, "latest") || W(j, "final") || W(j, "recent") || W(j, "most")) {
      latest = true;
      if (W(j, "most")) ++j;
      ++j;
    } else if ((W(j, "year") && GluedHyphen(j + 1) && (W(j + 2, "earlier") || W(j + 2, "ago"))) ) {
      earlier = true;
      j += 3;
    } else if (W(i, "the") && (W(j, "quarter"))) {
      latest = true;
    } else {
      return false;
    }
    if (W(j, "fiscal")) j = Hy(j + 1);
    if (W(j, "quarter")) {
      ++j;
    } else if (W(j, "half") && !latest && !earlier && q >= 1 && q <= 2) {
      half = true;
      ++j;
    } else if (W(j, "period") && (latest || earlier)) {
      ++j;
    } else if (earlier && (W(j - 1, "earlier") || W(j - 1, "ago"))) {
      // "year-earlier" alone, as an adjective before something else.
    } else {
      return false;
    }
    c.end = j;
    if (earlier) {
      if (!anchors_.last_quarter.empty()) {
        c.value = anchors_.last_quarter;
        c.value.replace(0, 4, FormatYear(std::stoi(anchors_.last_quarter.substr(0, 4)) - 1));
      } else {
        c.value = FormatYear(dct_.year - 1);
      }
      return true;
    }
    if (latest) {
      // "the latest quarter": the last one reported, before the paper's; "the quarter": the one
      // last mentioned.
      if (!anchors_.last_quarter.empty() && W(i, "the") && W(i + 1, "quarter")) {
        c.value = anchors_.last_quarter;
      } else {
        c.value = QuarterShift(dct_.year, QuarterOf(dct_.month), -1);
      }
      c.quarter = true;
      return true;
    }
    int y = year;
    if (y == 0) {
      size_t k = j;
      if (W(k, "of") || W(k, ",")) ++k;
      if (W(k, "fiscal")) ++k;
      if (YearAt(k, y)) {
        c.end = k + 1;
      } else {
        y = dct_.year;
        // A quarter that has not begun yet, spoken of in the past: last year's.
        if (!half && q > QuarterOf(dct_.month) && TenseAround(i, j) == Tense::kPast) y -= 1;
      }
    }
    if (half) {
      c.value = FormatYear(y) + "-H" + std::to_string(q);
    } else {
      c.value = FormatQuarter(y, q);
      c.quarter = true;
    }
    return true;
  }

  // "this summer", "last fall", "the spring of 1998", "summer".
  bool Season(size_t i, Candidate& c) {
    size_t j = i;
    int k = 0;
    bool rel = false;
    if (W(j, "this") || W(j, "last") || W(j, "next") || W(j, "early") || W(j, "late")) {
      if (W(j, "last")) k = -1;
      if (W(j, "next")) k = 1;
      rel = !(W(j, "early") || W(j, "late"));
      ++j;
    } else if (W(j, "the")) {
      ++j;
    }
    static constexpr std::array<std::string_view, 5> kSeasons = {"spring", "summer", "fall", "autumn", "winter"};
    static constexpr std::array<std::string_view, 5> kCodes = {"SP", "SU", "FA", "FA", "WI"};
    static constexpr std::array<int, 5> kEnds = {5, 8, 11, 11, 14};
    const int s = AnyOf(j, kSeasons);
    if (s < 0) return false;
    ++j;
    int year = dct_.year;
    size_t end = j;
    if (W(j, "of") && YearAt(j + 1, year)) {
      end = j + 2;
    } else if (YearAt(j, year)) {
      end = j + 1;
    } else if (!rel) {
      if (j - 1 == i || W(i, "the")) return false;  // a bare "fall" is a verb more often
    }
    if (rel && end == j) {
      const int until = kEnds[static_cast<size_t>(s)];
      if (k == -1) year = dct_.month > until ? dct_.year : dct_.year - 1;
      if (k == 1) year = dct_.month > until - 3 ? dct_.year + 1 : dct_.year;
    }
    c.end = end;
    c.value = FormatYear(year) + "-" + std::string(kCodes[static_cast<size_t>(s)]);
    return true;
  }

  // "three years", "the past two months", "the first nine months", "two-year", "two days ago",
  // "three weeks later", "for years".
  bool CountedUnits(size_t i, Candidate& c) {
    const bool rules = options_.method == TimexMethod::kRules;
    size_t j = i;
    bool the = false;
    int dir = 0;
    if (rules && W(j, "the")) {
      the = true;
      ++j;
    }
    if (rules && (W(j, "past") || W(j, "last") || W(j, "next") || W(j, "first") || W(j, "coming") ||
                  W(j, "latest") || W(j, "previous") || W(j, "following") || W(j, "final") || W(j, "recent"))) {
      ++j;
    }
    int64_t n = 0;
    size_t e = 0;
    Unit u;
    bool plural = false;
    if (!Count(j, n, e, !the || j > i + 1)) {
      // "for years", "within days": an unknown count.
      if (!rules || the) return false;
      if (!UnitAt(i, u, plural) || !plural || i == 0) return false;
      static constexpr std::array<std::string_view, 5> kBefore = {"for", "within", "over", "in", "after"};
      if (AnyOf(i - 1, kBefore) < 0 || u == Unit::kSecond || u == Unit::kWeekend) return false;
      if (W(i - 1, "in") && !(W(i + 1, ".") || W(i + 1, ","))) return false;
      c.end = i + 1;
      c.type = TimexType::kDuration;
      c.value = DurationValue(-1, u);
      return true;
    }
    if (the && j == i + 1 && W(j, "a")) return false;
    size_t k = Hy(e);
    if (W(k, "and") && W(k + 1, "a") && W(k + 2, "half")) {
      k += 3;  // "two and a half years"
      if (!UnitAt(k, u, plural)) return false;
    } else if (!UnitAt(k, u, plural)) {
      return false;
    }
    // "a year" needs more than the article: "a year ago", "a year earlier", "for a year".
    const bool article = W(j, "a") || W(j, "an");
    if (n == 1 && !article && plural && u != Unit::kSecond) return false;
    if (toks_[j].kind == Kind::kNumber && n > 2100) return false;
    c.end = k + 1;
    // "a 6-year-old", "52 years old"; "a year-earlier loss" is the Quarter rule's.
    if (W(c.end, "old") || (GluedHyphen(c.end) && (W(c.end + 1, "old") || W(c.end + 1, "earlier") ||
                                                  W(c.end + 1, "ago")))) {
      return false;
    }
    if (W(j + 1, "and") || W(k - 1, "half")) {
      // A fraction: keep the extent, the count is not a whole number.
      c.type = TimexType::kDuration;
      c.value = DurationValue(-1, u);
      return true;
    }
    if (j > i && W(i, "the") && W(i + 1, "recent")) return false;
    // Where it points.
    const size_t after = c.end;
    if (W(after, "ago") || W(after, "earlier") || W(after, "before") || W(after, "back") ||
        (W(after, "from") && W(after + 1, "now")) || W(after, "later") || W(after, "hence") ||
        W(after, "after")) {
      const bool back = W(after, "ago") || W(after, "earlier") || W(after, "before") || W(after, "back");
      dir = back ? -1 : 1;
      c.end = after + ((W(after, "from")) ? 2 : 1);
      // "before"/"after" followed by something is a preposition: "two days before the vote".
      if ((W(after, "before") || W(after, "after")) && after + 1 < n_ &&
          toks_[after + 1].kind == Kind::kWord) {
        c.end = after;
        dir = 0;
      }
    }
    if (dir != 0 && j == i) {
      // "two days ago": from the paper's date; "two days later": from the date last mentioned.
      const bool from_dct = W(c.end - 1, "ago") || W(c.end - 1, "now") || W(c.end - 1, "hence") ||
                            W(c.end - 1, "back") || !anchors_.last_day || !rules;
      const Day base = from_dct ? dct_ : *anchors_.last_day;
      if (n < 0) {
        c.value = dir < 0 ? "PAST_REF" : "FUTURE_REF";
        return true;
      }
      if (rules && n == 1 && u == Unit::kYear && !anchors_.last_quarter.empty()) {
        c.value = anchors_.last_quarter;
        c.value.replace(0, 4, FormatYear(std::stoi(anchors_.last_quarter.substr(0, 4)) - 1));
        return true;
      }
      c.value = Shift(base, u, dir * n);
      if (u == Unit::kDay) c.day = AddDays(base, dir * n);
      if (u == Unit::kHour || u == Unit::kMinute || u == Unit::kSecond) {
        c.type = TimexType::kDate;
      }
      return true;
    }
    if (article && !the && j == i && !rules) {
      return false;
    }
    if (article && !the && j == i) {
      // "$5 a year", "twice a year": a SET; "for a year": a duration.
      static constexpr std::array<std::string_view, 4> kTimes = {"once", "twice", "times", "thrice"};
      if (i > 0 && (toks_[i - 1].kind == Kind::kNumber || AnyOf(i - 1, kTimes) >= 0 ||
                    toks_[i - 1].low == "million" || toks_[i - 1].low == "billion" ||
                    toks_[i - 1].low == "percent" || toks_[i - 1].low == "%")) {
        c.type = TimexType::kSet;
        c.value = DurationValue(1, u);
        return true;
      }
    }
    c.type = TimexType::kDuration;
    c.value = DurationValue(n, u);
    return true;
  }

  // "10:35 a.m.", "6 a.m. Friday", "noon Thursday", "midnight", "10 p.m. EST".
  bool ClockTime(size_t i, Candidate& c) {
    const bool rules = options_.method == TimexMethod::kRules;
    size_t j = i;
    int hour = -1;
    int minute = 0;
    if (W(j, "noon") || W(j, "midday")) {
      hour = 12;
      ++j;
    } else if (W(j, "midnight")) {
      hour = 24;
      ++j;
    } else if (j < n_ && toks_[j].kind == Kind::kNumber) {
      const std::string_view s = toks_[j].low;
      if (toks_[j].plain && toks_[j].number >= 1 && toks_[j].number <= 12 && s.size() <= 2) {
        hour = static_cast<int>(toks_[j].number);
      } else if (s.size() >= 4 && s.size() <= 5 && s[s.size() - 3] == ':') {
        hour = std::stoi(std::string(s.substr(0, s.size() - 3)));
        minute = std::stoi(std::string(s.substr(s.size() - 2)));
        if (hour > 24 || minute > 59) return false;
      } else {
        return false;
      }
      ++j;
      bool pm = false;
      bool meridian = false;
      if (W(j, "a.m.") || W(j, "a.m") || W(j, "am")) {
        meridian = true;
      } else if (W(j, "p.m.") || W(j, "p.m") || W(j, "pm")) {
        meridian = pm = true;
      } else if (W(j, "o'clock")) {
        meridian = true;
      }
      if (meridian) {
        ++j;
        if (hour <= 12) {
          if (pm && hour < 12) hour += 12;
          if (!pm && hour == 12 && !W(j - 1, "o'clock")) hour = 0;
        }
      } else if (s.find(':') == std::string_view::npos) {
        return false;
      } else {
        // "10:35" alone needs a zone or a day after it.
        static constexpr std::array<std::string_view, 8> kZones = {"est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt"};
        if (AnyOf(j, kZones) < 0) return false;
      }
    } else {
      return false;
    }
    static constexpr std::array<std::string_view, 10> kZones = {
        "est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt", "et", "local"};
    if (AnyOf(j, kZones) >= 0 && (toks_[j].upper || W(j, "local"))) {
      ++j;
      if (W(j - 1, "local") && W(j, "time")) ++j;
    }
    // The day it falls on: after it ("10 p.m. Wednesday", "noon today"), else the last day.
    Day d = anchors_.last_day ? *anchors_.last_day : dct_;
    if (!rules) d = dct_;
    size_t k = j;
    if (Punct(k, ',')) ++k;
    if (W(k, "on")) ++k;
    Candidate day;
    if (rules && k < n_ && (WeekdayExpr(k, day) || Deictic(k, day) || ExplicitDate(k, day)) && day.day &&
        day.type == TimexType::kDate) {
      d = *day.day;
      j = day.end;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "T%02d:%02d", hour, minute);
    c.end = j;
    c.type = TimexType::kTime;
    c.value = FormatDay(d) + buf;
    return true;
  }

  // "daily", "every week", "each Thursday", "every other month".
  bool Sets(size_t i, Candidate& c) {
    // Not "quarterly": mostly "quarterly dividend", which TimeML leaves alone.
    static constexpr std::array<std::string_view, 8> kAdverbs = {
        "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly"};
    static constexpr std::array<std::string_view, 8> kValues = {
        "P1D", "P1W", "P1M", "P1Y", "P1Y", "PT1H", "P1D", "P2W"};
    if (int a = AnyOf(i, kAdverbs); a >= 0) {
      c.end = i + 1;
      c.type = TimexType::kSet;
      c.value = std::string(kValues[static_cast<size_t>(a)]);
      return true;
    }
    if (!(W(i, "every") || W(i, "each") || W(i, "per"))) return false;
    size_t j = i + 1;
    int64_t n = 1;
    if (W(j, "other")) {
      n = 2;
      ++j;
    }
    size_t e = 0;
    int64_t counted = 0;
    if (Count(j, counted, e, false) && counted > 0) {
      n = counted;
      j = e;
    }
    Unit u;
    bool plural = false;
    int month = 0;
    if (UnitAt(j, u, plural)) {
      c.end = j + 1;
      c.type = TimexType::kSet;
      c.value = DurationValue(n, u);
      return true;
    }
    if (const int wd = WeekdayAt(j, e); wd != 0) {
      c.end = e;
      c.type = TimexType::kSet;
      c.value = "XXXX-WXX-" + std::to_string(wd);
      return true;
    }
    if (Month(j, month, e)) {
      c.end = e;
      c.type = TimexType::kSet;
      c.value = "XXXX-" + FormatMonth(2000, month).substr(5);
      return true;
    }
    if (W(j, "morning") || W(j, "night") || W(j, "evening") || W(j, "afternoon")) {
      c.end = j + 1;
      c.type = TimexType::kSet;
      c.value = "P1D";
      return true;
    }
    return false;
  }

  // "Christmas", "Thanksgiving Day", "New Year's Day", "Election Day": fixed days of a year
  // (the publication's, the nearest as for a month without a year), or of the year named.
  bool Holiday(size_t i, Candidate& c) {
    size_t j = i;
    int shift = 0;
    if (W(j, "last") || W(j, "next") || W(j, "this")) {
      shift = W(j, "last") ? -1 : (W(j, "next") ? 1 : 2);
      ++j;
    }
    if (j >= n_ || !toks_[j].upper) return false;
    int month = 0;
    int day = 0;      // fixed day, or
    int weekday = 0;  // the nth weekday of the month
    int nth = 0;
    size_t end = j + 1;
    if (W(j, "christmas")) {
      month = 12;
      day = 25;
      if (W(end, "eve")) {
        day = 24;
        ++end;
      } else if (W(end, "day")) {
        ++end;
      }
    } else if (W(j, "thanksgiving")) {
      month = 11;
      weekday = 4;
      nth = 4;
      if (W(end, "day")) ++end;
    } else if (W(j, "new") && W(j + 1, "year") && W(j + 2, "'s") && (W(j + 3, "day") || W(j + 3, "eve"))) {
      month = W(j + 3, "eve") ? 12 : 1;
      day = W(j + 3, "eve") ? 31 : 1;
      end = j + 4;
    } else if (W(j, "independence") && W(j + 1, "day")) {
      month = 7;
      day = 4;
      end = j + 2;
    } else if (W(j, "halloween")) {
      month = 10;
      day = 31;
    } else if (W(j, "election") && W(j + 1, "day")) {
      month = 11;  // the Tuesday after the first Monday: the 2nd..8th
      weekday = 2;
      nth = -1;
      end = j + 2;
    } else {
      return false;
    }
    int year = 0;
    if (YearAt(end, year)) ++end;
    auto resolve = [&](int y) {
      if (weekday == 0) return Day{y, month, day};
      const Day first{y, month, nth < 0 ? 2 : 1};
      const int offset = (weekday - Weekday(first) + 7) % 7;
      return AddDays(first, offset + 7 * (nth < 0 ? 0 : nth - 1));
    };
    if (year == 0) {
      const int64_t now = DayNumber(dct_);
      if (shift == -1) {
        year = DayNumber(resolve(dct_.year)) < now ? dct_.year : dct_.year - 1;
      } else if (shift == 1) {
        year = DayNumber(resolve(dct_.year)) > now ? dct_.year : dct_.year + 1;
      } else if (shift == 2) {
        year = dct_.year;
      } else {
        year = YearFor(month, resolve(dct_.year).day, TenseAround(i, end));
      }
    }
    const Day d = resolve(year);
    c.end = end;
    c.value = FormatDay(d);
    c.day = d;
    return true;
  }

  // "nineteen ninety-six", "two thousand", "the year two thousand" (spoken transcripts).
  bool SpelledYear(size_t i, Candidate& c) {
    size_t j = i;
    if (W(j, "the") && W(j + 1, "year")) j += 2;
    int64_t n = 0;
    size_t e = 0;
    if (W(j, "nineteen") && Count(j + 1, n, e, false) && n >= 10 && n <= 99 &&
        toks_[j + 1].kind == Kind::kWord) {
      c.end = e;
      c.value = FormatYear(1900 + static_cast<int>(n));
      return true;
    }
    if (W(j, "two") && W(j + 1, "thousand")) {
      c.end = j + 2;
      int64_t extra = 0;
      if (W(c.end, "and") && Count(c.end + 1, extra, e, false) && extra > 0 && extra < 100) {
        c.end = e;
      } else if (Count(c.end, extra, e, false) && extra > 0 && extra < 100 && toks_[c.end].kind == Kind::kWord) {
        c.end = e;
      } else {
        extra = 0;
        if (j == i) return false;  // "two thousand people"
      }
      c.value = FormatYear(2000 + static_cast<int>(extra));
      return true;
    }
    return false;
  }

  // "the same day", "that day", "the next day", "the day before", "the previous day".
  bool Anaphoric(size_t i, Candidate& c) {
    if (!(W(i, "that") || W(i, "the"))) return false;
    size_t j = i + 1;
    int k = 0;
    if (W(i, "the") && W(j, "same")) {
      ++j;
    } else if (W(i, "the") && (W(j, "next") || W(j, "following"))) {
      k = 1;
      ++j;
    } else if (W(i, "the") && (W(j, "previous") || W(j, "prior"))) {
      k = -1;
      ++j;
    } else if (W(i, "the")) {
      return false;
    }
    if (!W(j, "day")) return false;
    const Day base = anchors_.last_day ? *anchors_.last_day : dct_;
    c.end = j + 1;
    const Day d = AddDays(base, k);
    c.value = FormatDay(d);
    c.day = d;
    PartOfDay(c, d);
    return true;
  }

  void Emit(size_t b, const Candidate& cand, std::vector<TimeExpression>& out) {
    const Token& first = toks_[b];
    const Token& last = toks_[cand.end - 1];
    TimeExpression x;
    x.begin = first.begin;
    x.end = last.end;
    x.text = std::string(text_.substr(x.begin, x.end - x.begin));
    x.type = cand.type;
    x.value = cand.value;
    const std::string_view s = sentences_.empty() ? text_ : sentences_[std::min<size_t>(first.sentence, sentences_.size() - 1)];
    x.sentence_begin = static_cast<size_t>(s.data() - text_.data());
    x.sentence_end = x.sentence_begin + s.size();
    if (x.sentence_begin > x.begin || x.sentence_end < x.end) {
      x.sentence_begin = std::min(x.sentence_begin, x.begin);
      x.sentence_end = std::max(x.sentence_end, x.end);
    }
    if (cand.day) anchors_.last_day = cand.day;
    anchors_.last_was_quarter = cand.quarter;
    if (cand.quarter && cand.value.size() == 7) anchors_.last_quarter = cand.value;
    out.push_back(std::move(x));
  }

  struct Anchors {
    std::optional<Day> last_day;
    std::string last_quarter;
    bool last_was_quarter = false;
  };

  std::string_view text_;
  TimexOptions options_;
  Day dct_;
  std::string lower_;
  std::vector<Token> toks_;
  size_t n_ = 0;
  std::vector<std::string_view> sentences_;
  Anchors anchors_;
};

}  // namespace

std::vector<TimeExpression> FindTimeExpressions(std::string_view text, Instant publication,
                                                const TimexOptions& options) {
  if (text.empty() || text.size() > std::numeric_limits<uint32_t>::max()) return {};
  Tagger tagger(text, publication, options);
  return tagger.Run();
}

}  // namespace wiredesk::enrich::timex
