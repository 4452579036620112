#include "extract/byline.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace wiredesk::extract {

namespace {

// A byline this long is a paragraph or a strip of links, not names.
constexpr size_t kMaxBylineBytes = 300;
// A section label before " by " ("Tech Industry by …") is short.
constexpr size_t kMaxLabelBytes = 60;
constexpr size_t kMaxWordsPerAuthor = 5;

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Lower-cased, without the punctuation that follows a word in running text.
std::string Bare(std::string_view w) {
  while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == ':' || w.back() == ';')) {
    w.remove_suffix(1);
  }
  return AsciiLower(w);
}

template <size_t N>
bool OneOf(std::string_view w, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

constexpr std::array<std::string_view, 8> kLeadingParticles = {
    "by", "por", "par", "von", "door", "di", "written", "words"};
constexpr std::array<std::string_view, 24> kMonths = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 9> kStopWords = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "updated",
    "published"};
// Words that end the names when they come after one ("Jane Doe Posted 2h ago").
constexpr std::array<std::string_view, 9> kMoreStops = {
    "posted", "share", "follow", "email", "twitter", "ago", "min", "hours", "edited"};
constexpr std::array<std::string_view, 12> kJobTitles = {
    "editor", "reporter", "correspondent", "writer", "columnist", "contributor", "staff",
    "producer", "analyst", "critic", "journalist", "editor-at-large"};

bool StartsWithDigit(std::string_view w) { return !w.empty() && w[0] >= '0' && w[0] <= '9'; }

bool IsSeparator(std::string_view w) {
  return w == "-" || w == "|" || w == "\u2013" || w == "\u2014" || w == "\u2022" || w == "\u00b7" ||
         StartsWith(w, "@") || StartsWith(w, "|");
}

// Splits `s` at each of `seps` (case as given).
std::vector<std::string> SplitAt(std::string_view s, std::initializer_list<std::string_view> seps) {
  std::vector<std::string> out;
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    bool hit = false;
    for (std::string_view sep : seps) {
      if (s.substr(i, sep.size()) == sep) {
        out.emplace_back(Trim(s.substr(start, i - start)));
        i += sep.size();
        start = i;
        hit = true;
        break;
      }
    }
    if (!hit) ++i;
  }
  out.emplace_back(Trim(s.substr(start)));
  return out;
}

size_t WordCount(std::string_view s) { return SplitWords(s).size(); }

}  // namespace

std::vector<std::string> AuthorsFromByline(std::string_view byline) {
  std::string s = CollapseWhitespace(byline);
  if (s.empty() || s.size() > kMaxBylineBytes) return {};
  std::string lower = AsciiLower(s);
  for (std::string_view junk : {"sign in", "sign up", "log in", "subscribe", "menu"}) {
    if (lower.find(junk) != std::string::npos) return {};
  }
  std::string_view rest = s;
  if (size_t by = lower.find(" by "); by != std::string::npos && by < kMaxLabelBytes) {
    rest = std::string_view(s).substr(by + 4);
  }
  std::vector<std::string_view> words = SplitWords(rest);
  size_t first = 0;
  while (first < words.size() && OneOf(Bare(words[first]), kLeadingParticles)) ++first;
  size_t end = first;
  for (; end < words.size(); ++end) {
    std::string_view w = words[end];
    std::string bare = Bare(w);
    bool next_is_number = end + 1 < words.size() && StartsWithDigit(words[end + 1]);
    bool last_updated = bare == "last" && end + 1 < words.size() && StartsWith(Bare(words[end + 1]), "updated");
    if (StartsWithDigit(w) || IsSeparator(w) || OneOf(bare, kStopWords) || last_updated ||
        (OneOf(bare, kMoreStops) && end > first) || (OneOf(bare, kMonths) && next_is_number)) {
      break;
    }
    if (OneOf(bare, kJobTitles) && end >= first + 2) {
      // "Ben Silverman Games Editor": the word before a title names the desk, not the person,
      // when that leaves a name of two words.
      if (end - first > 2) --end;
      break;
    }
    // "Akinaka•8h", "Nolan22 Dec": a separator or a digit inside the word ends the names there.
    size_t sep = std::min({w.find("\u2022"), w.find('|'), w.find("\u00b7"), w.find_first_of("0123456789")});
    if (sep != std::string_view::npos) {
      words[end] = w.substr(0, sep);
      ++end;
      break;
    }
  }
  std::string names;
  for (size_t i = first; i < end; ++i) {
    if (!names.empty()) names += ' ';
    names += words[i];
  }
  while (!names.empty() && (names.back() == ',' || names.back() == ';' || names.back() == ':' ||
                            names.back() == '-' || names.back() == ' ')) {
    names.pop_back();
  }
  std::vector<std::string> out;
  // Only the English conjunctions: "y" and "de" are parts of Spanish and Dutch names.
  for (std::string& part : SplitAt(names, {";", " and ", " & "})) {
    // Commas separate names only when every piece is a name of two words or more: "Jong,
    // Michiel de" and "Brenda Goodman, MA" are one author each.
    std::vector<std::string> pieces = SplitAt(part, {","});
    bool names_apart = pieces.size() > 1 && std::all_of(pieces.begin(), pieces.end(), [](const std::string& p) {
                         return WordCount(p) >= 2;
                       });
    if (!names_apart) pieces = {part};
    for (std::string& p : pieces) {
      size_t n = WordCount(p);
      if (n == 0 || n > kMaxWordsPerAuthor) continue;
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
    }
  }
  return out;
}

std::string JoinAuthors(const std::vector<std::string>& authors) {
  std::string out;
  for (const std::string& a : authors) {
    if (!out.empty()) out += ", ";
    out += a;
  }
  return out;
}

}  // namespace wiredesk::extract
