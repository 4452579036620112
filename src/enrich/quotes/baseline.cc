#include "enrich/quotes/baseline.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "enrich/quotes/quote_text.h"

namespace wiredesk::enrich::quotes {
namespace {

constexpr std::string_view kOpen = "\xE2\x80\x9C";   // “
constexpr std::string_view kClose = "\xE2\x80\x9D";  // ”
constexpr std::string_view kApostrophe = "\xE2\x80\x99";  // ’

constexpr std::array<std::string_view, 29> kVerbs = {
    "said",      "says",     "say",       "told",       "tells",     "added",    "adds",
    "stated",    "explained", "asked",    "wrote",      "noted",     "argued",   "insisted",
    "claimed",   "warned",   "continued", "recalled",   "declared",  "announced", "replied",
    "responded", "tweeted",  "acknowledged", "admitted", "predicted", "suggested", "joked",
    "according"};
constexpr std::array<std::string_view, 20> kStopCap = {
    "The", "A", "An", "In", "On", "But", "And", "It", "This", "That",
    "If",  "When", "As", "At", "For", "So", "Yet", "Or", "Then", "Also"};
constexpr std::array<std::string_view, 6> kJoiners = {"of", "de", "van", "von", "la", "del"};
constexpr std::array<std::string_view, 9> kPronouns = {"he", "she", "they", "we", "I",
                                                        "He", "She", "They", "We"};
constexpr std::array<std::string_view, 17> kAbbrev = {
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt",
    "Col", "Sgt", "St", "Jr", "Sr", "Rev", "Prof", "Pres"};

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordByte(char c) {
  return IsAlpha(c) || (c >= '0' && c <= '9') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

size_t CountWords(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsWordByte(s[i]) && (i == 0 || !IsWordByte(s[i - 1]))) ++n;
  }
  return n;
}

// Text before a full stop ends with an abbreviation, an initial or "U.S".
bool EndsWithAbbreviation(std::string_view s) {
  size_t b = s.size();
  while (b > 0 && IsAlpha(s[b - 1])) --b;
  const std::string_view w = s.substr(b);
  if (b > 0 && IsWordByte(s[b - 1])) return false;
  if (In(kAbbrev, w)) return true;
  if (w.size() == 1 && IsUpper(w[0])) return true;
  return s.ends_with("U.S");
}

// "J." or "Jr." closes the text: the full stop belongs to the name.
bool EndsWithInitial(std::string_view s) {
  if (s.size() < 2 || s.back() != '.') return false;
  size_t b = s.size() - 1;
  if (b >= 1 && s[b - 1] >= 'a' && s[b - 1] <= 'z') --b;
  if (b == 0 || !IsUpper(s[b - 1])) return false;
  --b;
  return b == 0 || !IsWordByte(s[b - 1]);
}

// The prefix of `w` that is a capitalised word: [A-Z] then letters, digits, ' ’ . -
size_t CapitalisedPrefix(std::string_view w) {
  if (w.empty() || !IsUpper(w[0])) return 0;
  size_t i = 1;
  while (i < w.size()) {
    if (IsWordByte(w[i]) && static_cast<unsigned char>(w[i]) < 0x80) {
      ++i;
    } else if (w[i] == '\'' || w[i] == '.' || w[i] == '-') {
      ++i;
    } else if (w.substr(i).starts_with(kApostrophe)) {
      i += kApostrophe.size();
    } else {
      break;
    }
  }
  return i;
}

struct Piece {
  size_t begin, end;
};

// Whitespace-separated pieces of text[b, e).
std::vector<Piece> Pieces(std::string_view text, size_t b, size_t e) {
  std::vector<Piece> out;
  size_t i = b;
  while (i < e) {
    while (i < e && IsSpace(text[i])) ++i;
    const size_t s = i;
    while (i < e && !IsSpace(text[i])) ++i;
    if (i > s) out.push_back({s, i});
  }
  return out;
}

// Drops leading words capitalised only by position ("The", "But").
std::optional<Piece> TrimCap(std::string_view text, std::vector<Piece> seq) {
  size_t k = 0;
  while (k < seq.size() && In(kStopCap, text.substr(seq[k].begin, seq[k].end - seq[k].begin))) ++k;
  if (k == seq.size()) return std::nullopt;
  return Piece{seq[k].begin, seq.back().end};
}

// Capitalised words at the end of text[b, e), allowing a comma after them.
std::optional<Piece> NameBefore(std::string_view text, size_t b, size_t e) {
  auto ps = Pieces(text, b, e);
  if (ps.empty()) return std::nullopt;
  if (text.substr(ps.back().begin, ps.back().end - ps.back().begin) == ",") ps.pop_back();
  if (ps.empty()) return std::nullopt;
  std::vector<Piece> seq;
  for (size_t k = ps.size(); k-- > 0;) {
    Piece p = ps[k];
    if (k + 1 == ps.size() && text[p.end - 1] == ',') --p.end;
    const std::string_view w = text.substr(p.begin, p.end - p.begin);
    if (!(CapitalisedPrefix(w) == w.size() && !w.empty()) && !In(kJoiners, w)) break;
    seq.insert(seq.begin(), p);
  }
  while (!seq.empty() && !IsUpper(text[seq.front().begin])) seq.erase(seq.begin());
  if (seq.empty()) return std::nullopt;
  return TrimCap(text, seq);
}

// Capitalised words at the start of text[b, e), after an optional comma and "to".
std::optional<Piece> NameAfter(std::string_view text, size_t b, size_t e) {
  size_t i = b;
  while (i < e && IsSpace(text[i])) ++i;
  if (i < e && text[i] == ',') ++i;
  while (i < e && IsSpace(text[i])) ++i;
  if (text.substr(i, std::min<size_t>(3, e - i)) == "to " ) {
    i += 3;
    while (i < e && IsSpace(text[i])) ++i;
  }
  std::vector<Piece> seq;
  for (const Piece& p : Pieces(text, i, e)) {
    const std::string_view w = text.substr(p.begin, p.end - p.begin);
    const size_t cap = CapitalisedPrefix(w);
    if (cap == 0 && !(In(kJoiners, w) && !seq.empty())) break;
    if (cap == 0) {
      seq.push_back(p);
      continue;
    }
    seq.push_back({p.begin, p.begin + cap});
    if (cap < w.size()) break;
  }
  while (!seq.empty() && !IsUpper(text[seq.back().begin])) seq.pop_back();
  if (seq.empty()) return std::nullopt;
  return TrimCap(text, seq);
}

std::optional<Piece> PronounBefore(std::string_view text, size_t b, size_t e) {
  auto ps = Pieces(text, b, e);
  if (ps.empty()) return std::nullopt;
  const Piece p = ps.back();
  if (!In(kPronouns, text.substr(p.begin, p.end - p.begin))) return std::nullopt;
  return p;
}
std::optional<Piece> PronounAfter(std::string_view text, size_t b, size_t e) {
  auto ps = Pieces(text, b, e);
  if (ps.empty()) return std::nullopt;
  Piece p = ps.front();
  while (p.end > p.begin && !IsAlpha(text[p.end - 1])) --p.end;
  if (!In(kPronouns, text.substr(p.begin, p.end - p.begin))) return std::nullopt;
  return p;
}

struct Verb {
  size_t dist, begin, end;
};

std::vector<Verb> FindVerbs(std::string_view text, size_t b, size_t e, size_t qs, size_t qe,
                            bool left) {
  std::vector<Verb> out;
  size_t i = b;
  while (i < e) {
    if (!IsAlpha(text[i]) || (i > 0 && IsWordByte(text[i - 1]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < e && IsAlpha(text[j])) ++j;
    const std::string_view w = text.substr(i, j - i);
    size_t end = j;
    bool ok = (j >= e || !IsWordByte(text[j])) && In(kVerbs, w);
    if (ok && w == "according") {
      ok = text.substr(j, 3) == " to" && j + 3 <= e && (j + 3 == e || !IsWordByte(text[j + 3]));
      end = j + 3;
    }
    if (ok) out.push_back({left ? qs - end : i - qe, i, end});
    i = j;
  }
  return out;
}

}  // namespace

std::vector<Attribution> FindBaselineAttributions(std::string_view text) {
  std::vector<Attribution> out;
  size_t last_end = 0;
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // A pair of “...” or "..." with no line break inside.
    size_t open_len = 0;
    std::string_view close;
    if (text.substr(i).starts_with(kOpen)) {
      open_len = kOpen.size();
      close = kClose;
    } else if (text[i] == '"') {
      open_len = 1;
      close = "\"";
    } else {
      ++i;
      continue;
    }
    const size_t qs = i;
    const size_t found = text.find(close, i + open_len);
    const size_t nl = text.find('\n', i + open_len);
    if (found == std::string_view::npos || (nl != std::string_view::npos && nl < found)) {
      ++i;
      continue;
    }
    const size_t qe = found + close.size();
    i = qe;
    size_t cs = qs + open_len;
    size_t ce = found;
    while (cs < ce && IsSpace(text[cs])) ++cs;
    while (ce > cs && IsSpace(text[ce - 1])) --ce;
    if (CountWords(text.substr(cs, ce - cs)) < 4) continue;

    // The sentence around the quotation.
    size_t ls = qs;
    while (ls > 0) {
      const char ch = text[ls - 1];
      if (ch == '\n') break;
      if ((ch == ' ' || ch == '\t') && ls >= 2 && (text[ls - 2] == '.' || text[ls - 2] == '!' ||
                                                   text[ls - 2] == '?') &&
          !EndsWithAbbreviation(text.substr(ls >= 8 ? ls - 8 : 0, ls >= 8 ? 7 : ls - 1))) {
        break;
      }
      if (ls != qs && (ch == '"' || (ls >= 3 && text.substr(ls - 3, 3) == kClose))) break;
      --ls;
    }
    size_t re = qe;
    while (re < n) {
      const char ch = text[re];
      if (ch == '\n' || text.substr(re).starts_with(kOpen)) break;
      if ((ch == '.' || ch == '!' || ch == '?') &&
          (re + 1 >= n || IsSpace(text[re + 1]) || text[re + 1] == '"' ||
           text.substr(re + 1).starts_with(kClose)) &&
          !EndsWithAbbreviation(text.substr(re >= 7 ? re - 7 : 0, re >= 7 ? 7 : re))) {
        ++re;
        break;
      }
      if (ch == '"' && re != qe) break;
      ++re;
    }

    auto verbs = FindVerbs(text, ls, qs, qs, qe, true);
    auto right = FindVerbs(text, qe, re, qs, qe, false);
    verbs.insert(verbs.end(), right.begin(), right.end());
    std::sort(verbs.begin(), verbs.end(), [](const Verb& a, const Verb& b) {
      return std::tie(a.dist, a.begin, a.end) < std::tie(b.dist, b.begin, b.end);
    });
    TextSpan cue, source;
    for (const Verb& v : verbs) {
      const bool according = text.substr(v.begin, 9) == "according";
      const size_t lo = v.begin >= qe ? qe : ls;
      const size_t hi = v.begin >= qe ? re : qs;
      std::optional<Piece> p;
      if (!according) p = NameBefore(text, lo, v.begin);
      if (!p) p = NameAfter(text, v.end, hi);
      if (!p && !according) p = PronounBefore(text, lo, v.begin);
      if (!p) p = PronounAfter(text, v.end, hi);
      if (!p) continue;
      while (p->end > p->begin && (text[p->end - 1] == '.' || text[p->end - 1] == ',')) {
        if (text[p->end - 1] == '.' && EndsWithInitial(text.substr(p->begin, p->end - p->begin))) {
          break;
        }
        --p->end;
      }
      cue = {v.begin, v.end};
      source = {p->begin, p->end};
      break;
    }
    const bool same_line = !out.empty() && text.substr(last_end, qs - last_end).find('\n') ==
                                               std::string_view::npos;
    if (source.empty() && same_line && !out.back().source.empty()) {
      out.back().content.push_back({cs, ce});
      last_end = qe;
      continue;
    }
    Attribution a;
    a.content.push_back({cs, ce});
    a.direct = true;
    a.cue = cue;
    a.source = source;
    out.push_back(std::move(a));
    last_end = qe;
  }
  // Paragraph indexes, as FindAttributions gives them.
  size_t paragraph = 0;
  size_t pos = 0;
  bool in_line = false;
  for (Attribution& a : out) {
    for (; pos < a.content[0].begin; ++pos) {
      if (text[pos] == '\n') {
        if (in_line) ++paragraph;
        in_line = false;
      } else if (!IsSpace(text[pos])) {
        in_line = true;
      }
    }
    a.paragraph = paragraph;
  }
  return out;
}

}  // namespace wiredesk::enrich::quotes
