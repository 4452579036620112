#include "enrich/entities/text_tokenizer.h"

#include <algorithm>
#include <array>
#include <string>

namespace wiredesk::enrich::entities {
namespace {

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(unsigned char c) { return IsUpper(c) || IsLower(c) || c >= 0x80; }

// Multi-byte punctuation that news text uses: curly quotes, dashes, ellipsis, guillemets.
constexpr std::array<std::string_view, 10> kUnicodePunct = {
    "\u201C", "\u201D", "\u2018", "\u2019", "\u2013", "\u2014", "\u2026", "\u00AB", "\u00BB",
    "\u00A0"};

// Length of the Unicode punctuation mark at s[i], or 0.
size_t UnicodePunctAt(std::string_view s, size_t i) {
  for (std::string_view p : kUnicodePunct) {
    if (s.substr(i, p.size()) == p) return p.size();
  }
  return 0;
}

// Abbreviations that keep their full stop (lower-cased, without it). Titles never end a
// sentence; the rest may, but only before a newline, since "Corp. said" is the common case.
constexpr std::array<std::string_view, 44> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col",
    "lt", "capt", "sgt", "rev", "inc", "corp", "ltd", "co", "bros", "no", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave",
    "cf", "etc", "approx", "dept", "univ"};

bool IsAbbreviation(std::string_view word) {
  if (word.size() > 6) return false;
  std::string lower(word);
  for (char& c : lower) {
    if (IsUpper(static_cast<unsigned char>(c))) c = static_cast<char>(c + 32);
  }
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

// "U.S", "e.g", "J" (before the final period): letters separated by periods, or one letter.
bool IsInitialism(std::string_view w) {
  if (w.empty()) return false;
  bool expect_letter = true;
  for (unsigned char c : w) {
    if (expect_letter) {
      if (!IsAlpha(c) || c >= 0x80) return false;
    } else if (c != '.') {
      return false;
    }
    expect_letter = !expect_letter;
  }
  return !expect_letter;
}

bool IsOpeningPunct(unsigned char c) { return c == '"' || c == '(' || c == '[' || c == '{' || c == '\'' || c == '`'; }
bool IsClosingPunct(unsigned char c) {
  return c == '"' || c == ')' || c == ']' || c == '}' || c == ',' || c == ';' || c == ':' ||
         c == '!' || c == '?' || c == '\'' || c == '.';
}

// Splits one whitespace-free chunk [b, e) of `s` into tokens.
void SplitChunk(std::string_view s, size_t b, size_t e, std::vector<TextToken>& out) {
  // Leading punctuation, one mark per token.
  while (b < e) {
    if (IsOpeningPunct(static_cast<unsigned char>(s[b]))) {
      out.push_back({b, b + 1});
      ++b;
      continue;
    }
    const size_t u = UnicodePunctAt(s, b);
    if (u == 0 || b + u > e) break;
    out.push_back({b, b + u});
    b += u;
  }
  // Trailing punctuation, collected from the end and emitted after the word.
  std::vector<TextToken> tail;
  while (e > b) {
    const auto c = static_cast<unsigned char>(s[e - 1]);
    size_t u = 0;
    for (std::string_view p : kUnicodePunct) {
      if (e - b >= p.size() && s.substr(e - p.size(), p.size()) == p) {
        u = p.size();
        break;
      }
    }
    if (u > 0) {
      tail.push_back({e - u, e});
      e -= u;
      continue;
    }
    if (!IsClosingPunct(c)) break;
    if (c == '.') {
      const std::string_view word = s.substr(b, e - 1 - b);
      // "U.S.", "Mr." and "..." keep their stops; "J." (an initial) too.
      if (IsInitialism(word) || IsAbbreviation(word)) break;
      if (word.empty() || word.back() == '.') {
        size_t d = e;
        while (d > b && s[d - 1] == '.') --d;
        if (e - d >= 2) {
          tail.push_back({d, e});
          e = d;
          continue;
        }
      }
    }
    tail.push_back({e - 1, e});
    --e;
  }
  if (b < e) {
    // Clitics: "'s", "n't", "'re", "'ve", "'ll", "'d", "'m" (ASCII or curly apostrophe).
    std::string_view w = s.substr(b, e - b);
    size_t split = std::string_view::npos;
    auto ends_with = [&](std::string_view suf) {
      return w.size() > suf.size() && w.substr(w.size() - suf.size()) == suf;
    };
    for (std::string_view suf : {"n't", "N'T", "n\u2019t"}) {
      if (ends_with(suf)) split = w.size() - suf.size();
    }
    if (split == std::string_view::npos) {
      for (std::string_view suf : {"'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "\u2019s",
                                   "\u2019re", "\u2019ve", "\u2019ll", "\u2019d", "\u2019m"}) {
        if (ends_with(suf)) {
          split = w.size() - suf.size();
          break;
        }
      }
    }
    if (split != std::string_view::npos && split > 0) {
      out.push_back({b, b + split});
      out.push_back({b + split, e});
    } else {
      out.push_back({b, e});
    }
  }
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(*it);
}

}  // namespace

std::vector<TextSentence> SplitSentences(std::string_view text) {
  std::vector<TextSentence> sentences;
  TextSentence current;
  auto flush = [&] {
    if (!current.tokens.empty()) sentences.push_back(std::move(current));
    current = {};
  };
  size_t i = 0;
  while (i < text.size()) {
    if (IsSpace(static_cast<unsigned char>(text[i]))) {
      if (text[i] == '\n') flush();
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !IsSpace(static_cast<unsigned char>(text[j]))) ++j;
    const size_t first_new = current.tokens.size();
    SplitChunk(text, i, j, current.tokens);
    i = j;
    // Sentence end: the chunk ended with . ! ? (split off, perhaps before a closing quote or
    // bracket), and the next word starts with a capital, a digit or a quote.
    bool ends = false;
    for (size_t k = current.tokens.size(); k > first_new; --k) {
      const TextToken& t = current.tokens[k - 1];
      const std::string_view w = text.substr(t.begin, t.end - t.begin);
      if (w == "." || w == "!" || w == "?" || w == "..." || w == "\u2026") {
        ends = true;
        break;
      }
      if (w == "\"" || w == ")" || w == "'" || w == "\u201D" || w == "\u2019") continue;
      break;
    }
    if (!ends) continue;
    size_t n = i;
    while (n < text.size() && IsSpace(static_cast<unsigned char>(text[n])) && text[n] != '\n') ++n;
    if (n >= text.size() || text[n] == '\n') {
      flush();
      continue;
    }
    const auto c = static_cast<unsigned char>(text[n]);
    if (IsUpper(c) || IsDigit(c) || c == '"' || c == '\'' || c == '(' || c >= 0x80) flush();
  }
  flush();
  return sentences;
}

}  // namespace wiredesk::enrich::entities
