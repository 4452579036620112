#include "enrich/quotes/quote_text.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace wiredesk::enrich::quotes {
namespace {

constexpr std::string_view kOpenCurly = "\xE2\x80\x9C";   // “
constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";  // ”
constexpr std::string_view kRightSingle = "\xE2\x80\x99";  // ’

// Abbreviations whose full stop is part of the word: titles, US states as news writes them.
constexpr std::array<std::string_view, 84> kAbbreviations = {
    "mr.",    "mrs.",  "ms.",   "dr.",   "sen.",  "rep.",  "gov.",  "gen.",  "lt.",   "col.",
    "sgt.",   "st.",   "jr.",   "sr.",   "rev.",  "prof.", "u.s.",  "d.c.",  "inc.",  "corp.",
    "co.",    "jan.",  "feb.",  "aug.",  "sept.", "oct.",  "nov.",  "dec.",  "no.",   "vs.",
    "a.m.",   "p.m.",  "calif.", "fla.", "mass.", "pa.",   "va.",   "n.y.",  "ind.",  "ky.",
    "tenn.",  "ariz.", "wis.",  "mich.", "la.",   "tex.",  "ga.",   "ala.",  "colo.", "conn.",
    "del.",   "ill.",  "kan.",  "md.",   "minn.", "miss.", "mo.",   "mont.", "neb.",  "nev.",
    "n.c.",   "n.h.",  "n.j.",  "n.m.",  "n.d.",  "okla.", "ore.",  "r.i.",  "s.c.",  "s.d.",
    "vt.",    "wash.", "w.va.", "wyo.",  "u.k.",  "u.n.",  "e.g.",  "i.e.",  "gens.", "sens.",
    "reps.",  "govs.", "supt.", "capt."};

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A letter outside ASCII: Latin-1 letters and up, minus the punctuation and symbol blocks.
bool IsOtherLetter(char32_t c) {
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, dingbats
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  return true;
}

// Letter or digit at text[i]; `len` gets its byte length.
bool IsWordChar(std::string_view text, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    len = 1;
    return IsAsciiAlnum(c);
  }
  return IsOtherLetter(DecodeUtf8(text, i, len));
}

bool IsSpace(std::string_view text, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(text[i]);
  len = 1;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  if (c < 0x80) return false;
  const char32_t cp = DecodeUtf8(text, i, len);
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000;
}

bool IsAbbreviation(std::string_view lower) {
  if (std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end()) {
    return true;
  }
  // Initials: "J.", "U.S.", "F.B.I.".
  if (lower.size() < 2 || lower.size() % 2 != 0) return false;
  for (size_t i = 0; i < lower.size(); i += 2) {
    if (!(lower[i] >= 'a' && lower[i] <= 'z') || lower[i + 1] != '.') return false;
  }
  return true;
}

void Push(std::vector<Token>& out, std::string_view text, size_t b, size_t e, bool word,
          bool quote) {
  Token t;
  t.begin = b;
  t.end = e;
  t.lower = AsciiLower(text.substr(b, e - b));
  t.word = word;
  t.upper = text[b] >= 'A' && text[b] <= 'Z';
  t.quote = quote;
  out.push_back(std::move(t));
}

}  // namespace

std::vector<Token> TokenizeRange(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> out;
  end = std::min(end, text.size());
  size_t i = begin;
  size_t len = 1;
  while (i < end) {
    if (IsSpace(text, i, len)) {
      i += len;
      continue;
    }
    const std::string_view rest = text.substr(i, end - i);
    if (rest.starts_with("''") || rest.starts_with("``")) {
      Push(out, text, i, i + 2, false, true);
      i += 2;
      continue;
    }
    if (rest.starts_with(kOpenCurly) || rest.starts_with(kCloseCurly)) {
      Push(out, text, i, i + 3, false, true);
      i += 3;
      continue;
    }
    if (text[i] == '"') {
      Push(out, text, i, i + 1, false, true);
      ++i;
      continue;
    }
    if (!IsWordChar(text, i, len)) {
      // One code point of punctuation (ill-formed bytes one byte each).
      if (static_cast<unsigned char>(text[i]) >= 0x80) DecodeUtf8(text, i, len);
      len = std::min(len, end - i);
      Push(out, text, i, i + len, false, false);
      i += len;
      continue;
    }
    size_t j = i;
    while (j < end && IsWordChar(text, j, len)) j += len;
    // Inner joiners: . ' ’ - between letters or digits.
    while (j < end) {
      size_t joiner = 0;
      const std::string_view at = text.substr(j, end - j);
      if (at[0] == '.' || at[0] == '\'' || at[0] == '-') {
        joiner = 1;
      } else if (at.starts_with(kRightSingle)) {
        joiner = 3;
      }
      if (joiner == 0 || j + joiner >= end || !IsWordChar(text, j + joiner, len)) break;
      j += joiner;
      while (j < end && IsWordChar(text, j, len)) j += len;
    }
    if (j < end && text[j] == '.' && IsAbbreviation(AsciiLower(text.substr(i, j + 1 - i)))) ++j;
    Push(out, text, i, j, true, false);
    i = j;
  }
  return out;
}

std::vector<std::pair<size_t, size_t>> FindQuotations(std::string_view text, size_t begin,
                                                      size_t end) {
  std::vector<std::pair<size_t, size_t>> out;
  end = std::min(end, text.size());
  bool open = false;
  size_t start = 0;
  size_t i = begin;
  while (i < end) {
    const std::string_view rest = text.substr(i, end - i);
    size_t len = 0;
    int side = 0;  // 1 opens, -1 closes, 2 either
    if (rest.starts_with("''") || rest.starts_with("``")) {
      len = 2;
      side = 2;
    } else if (rest.starts_with(kOpenCurly)) {
      len = 3;
      side = 1;
    } else if (rest.starts_with(kCloseCurly)) {
      len = 3;
      side = -1;
    } else if (rest[0] == '"') {
      len = 1;
      side = 2;
    }
    if (side == 0) {
      ++i;
      continue;
    }
    if (!open && side != -1) {
      open = true;
      start = i;
    } else if (open && side != 1) {
      out.emplace_back(start, i + len);
      open = false;
    }
    i += len;
  }
  if (open) out.emplace_back(start, end);
  return out;
}

std::vector<std::pair<size_t, size_t>> SplitParagraphs(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    size_t b = i;
    size_t t = e;
    while (t > b && (text[t - 1] == '\r' || text[t - 1] == ' ' || text[t - 1] == '\t')) --t;
    while (b < t && (text[b] == ' ' || text[b] == '\t')) ++b;
    if (t > b) out.emplace_back(b, t);
    i = e + 1;
  }
  return out;
}

}  // namespace wiredesk::enrich::quotes
