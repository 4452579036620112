#include "enrich/summarize/sentence_splitter.h"

#include <algorithm>
#include <array>
#include <string>

namespace wiredesk::enrich::summarize {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// Titles and abbreviations after which a period does not end a sentence.
constexpr std::array<std::string_view, 44> kNeverFinal = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "col", "lt", "sgt",
    "capt", "cpl", "maj", "adm", "cmdr", "rev", "hon", "pres", "supt", "det", "insp", "fr",
    "no", "nos", "vs", "v", "e.g", "i.e", "cf", "approx", "dept", "est", "fig", "vol", "mt",
    "ft", "jan", "feb", "aug", "sept", "oct"};
// Abbreviations that often end a sentence too: split only before a capitalised word.
constexpr std::array<std::string_view, 14> kMaybeFinal = {
    "u.s", "u.k", "u.n", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m", "nov",
    "dec"};

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// True for the bytes of a closing quote or bracket at text[i]; sets its length.
bool ClosingMark(std::string_view text, size_t i, size_t& len) {
  const char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') {
    len = 1;
    return true;
  }
  // ” ’ » (E2 80 9D, E2 80 99, C2 BB)
  if (text.substr(i, 3) == "\xE2\x80\x9D" || text.substr(i, 3) == "\xE2\x80\x99") {
    len = 3;
    return true;
  }
  if (text.substr(i, 2) == "\xC2\xBB") {
    len = 2;
    return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string_view> SplitSentences(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  auto emit = [&](size_t end) {
    const std::string_view s = Trim(text.substr(start, end - start));
    if (!s.empty()) out.push_back(s);
    start = end;
  };
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      emit(i);
      ++i;
      continue;
    }
    const bool ellipsis = text.substr(i, 3) == "\xE2\x80\xA6";
    if (c != '.' && c != '!' && c != '?' && !ellipsis) {
      ++i;
      continue;
    }
    const size_t term = i;
    // The run of terminators ("?!", "...", "…").
    while (i < text.size()) {
      if (text[i] == '.' || text[i] == '!' || text[i] == '?') {
        ++i;
      } else if (text.substr(i, 3) == "\xE2\x80\xA6") {
        i += 3;
      } else {
        break;
      }
    }
    // Closing quotes and brackets, also PTB's spaced "''" and "-rrb-" after a lone period.
    size_t end = i;
    while (end < text.size()) {
      size_t len = 0;
      if (ClosingMark(text, end, len)) {
        end += len;
      } else if (text.substr(end, 3) == " ''") {
        end += 3;  // PTB's closing quote after a lone period: "he said . ''"
      } else {
        break;
      }
    }
    i = end;
    if (end < text.size() && !IsSpace(text[end])) continue;  // "3.5", "U.S.-led", "...and"
    const bool lone = term == 0 || IsSpace(text[term - 1]);
    // The next word.
    size_t n = end;
    while (n < text.size() && IsSpace(text[n]) && text[n] != '\n') ++n;
    if (n >= text.size()) {
      emit(end);
      break;
    }
    const char next = text[n];
    if (!lone) {
      // The word before the terminator.
      size_t w = term;
      while (w > start && !IsSpace(text[w - 1]) && text[w - 1] != '(' && text[w - 1] != '"')
        --w;
      const std::string word = LowerAscii(text.substr(w, term - w));
      if (text[term] == '.') {
        const bool initial = word.size() == 1 && IsUpper(text[w]);
        if (initial && std::find(kNeverFinal.begin(), kNeverFinal.end(), word) == kNeverFinal.end()
            && IsUpper(next)) {
          continue;  // "J. Smith"
        }
        if (std::find(kNeverFinal.begin(), kNeverFinal.end(), word) != kNeverFinal.end()) continue;
        if (std::find(kMaybeFinal.begin(), kMaybeFinal.end(), word) != kMaybeFinal.end() &&
            !IsUpper(next)) {
          continue;
        }
        // Dotted initialisms ("D.C.", "a.m.") other than those listed: final before a capital.
        if (word.find('.') != std::string::npos && !IsUpper(next)) continue;
      }
      // Cased text: a lower-case word goes on the same sentence ("...", "wow! said he").
      if (IsLower(next)) continue;
    }
    emit(end);
  }
  if (start < text.size()) emit(text.size());
  return out;
}

}  // namespace wiredesk::enrich::summarize
