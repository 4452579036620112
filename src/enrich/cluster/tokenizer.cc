#include "enrich/cluster/tokenizer.h"

#include "enrich/cluster/string_ids.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace wiredesk::enrich::cluster {
namespace {


bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Letters outside ASCII: everything from Latin-1 letters up, less the punctuation, symbol and
// emoji blocks that news text uses as separators (curly quotes, dashes, ellipsis, NBSP, ©).
bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return IsAsciiAlnum(c);
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF20) return false;
  if (c == 0xFFFD || c >= 0x1F000) return false;
  return true;
}

// Upper-case letters whose lower case has the same UTF-8 length: Latin-1, Latin Extended-A,
// Greek and Cyrillic capitals. Enough for English news and the names in it.
char32_t LowerIfUpper(char32_t c, bool& upper) {
  upper = false;
  char32_t lower = c;
  if (c >= 'A' && c <= 'Z') {
    lower = c + 32;
  } else if (c < 0xC0) {
    return c;
  } else if (c <= 0xDE && c != 0xD7) {
    lower = c + 0x20;
  } else if (c >= 0x100 && c <= 0x17F) {
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    const bool even_upper = (c <= 0x137) || (c >= 0x14A && c <= 0x177);
    if ((odd_upper && (c & 1)) || (even_upper && !(c & 1))) lower = c + 1;
  } else if (c >= 0x391 && c <= 0x3A9) {
    lower = c + 0x20;
  } else if (c >= 0x410 && c <= 0x42F) {
    lower = c + 0x20;
  } else if (c >= 0x400 && c <= 0x40F) {
    lower = c + 0x50;
  }
  upper = lower != c;
  return lower;
}


bool EndsSentence(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';' || c == '"' ||
         c == 0x201C || c == 0x2014;
}

// Function words plus the verbs of attribution every story has.
constexpr std::array<std::string_view, 132> kStopwords = {
    "about",  "after",   "again",  "against", "all",    "also",  "am",     "an",     "and",
    "any",    "are",     "as",     "at",      "be",     "been",  "before", "being",  "between",
    "both",   "but",     "by",     "can",     "could",  "did",   "do",     "does",   "doing",
    "don",    "down",    "during", "each",    "few",    "for",   "from",   "further", "had",
    "has",    "have",    "having", "he",      "her",    "here",  "hers",   "herself", "him",
    "himself", "his",    "how",    "if",      "in",     "into",  "is",     "it",     "its",
    "itself", "just",    "ll",     "me",      "more",   "most",  "my",     "myself", "no",
    "nor",    "not",     "now",    "of",      "off",    "on",    "once",   "only",   "or",
    "other",  "our",     "ours",   "out",     "over",   "own",   "re",     "said",   "same",
    "say",    "says",    "she",    "should",  "so",     "some",  "such",   "than",   "that",
    "the",    "their",   "theirs", "them",    "then",   "there", "these",  "they",   "this",
    "those",  "through", "to",     "too",     "under",  "until", "up",     "ve",     "very",
    "was",    "we",      "were",   "what",    "when",   "where", "which",  "while",  "who",
    "whom",   "why",     "will",   "with",    "would",  "you",   "your",   "yours",  "yourself",
    "http",   "https",   "www",    "com",     "html",   "htm"};

}  // namespace

bool IsStopword(std::string_view lowered) {
  // Every word of every document is checked: one hash probe, not a binary search of memcmps.
  static const StringIds* const kSet = [] {
    auto* set = new StringIds;
    for (std::string_view w : kStopwords) {
      if (!set->Find(w)) set->Insert(w, 0);
    }
    return set;
  }();
  if (lowered.size() > 8) return false;  // the longest stopword, "yourself"
  return kSet->Find(lowered).has_value();
}

const std::vector<Token>& Tokenizer::Tokenize(std::string_view text) {
  tokens_.clear();
  lowered_.clear();
  // Tokens are views into lowered_; lower-casing never lengthens, so one reservation is enough
  // for the views to stay valid while the buffer fills.
  if (lowered_.capacity() < text.size() + 4) lowered_.reserve(text.size() + 4);
  bool sentence_start = true;
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 0;
    char32_t c = DecodeUtf8(text, i, len);
    if (!IsWordCodePoint(c)) {
      if (EndsSentence(c)) sentence_start = true;
      i += len;
      continue;
    }
    const size_t start = lowered_.size();
    bool first_upper = false;
    bool all_digits = true;
    bool first = true;
    while (i < text.size()) {
      c = DecodeUtf8(text, i, len);
      if (!IsWordCodePoint(c)) {
        // Keep "7.8" and "1,000" whole: a decimal point or a thousands comma between digits.
        const bool digit_joint = all_digits && (c == '.' || c == ',') && i + 1 < text.size() &&
                                 text[i + 1] >= '0' && text[i + 1] <= '9';
        if (!digit_joint) break;
        if (c == '.') lowered_.push_back('.');
        i += len;
        continue;
      }
      bool upper = false;
      const char32_t lower = LowerIfUpper(c, upper);
      if (first) first_upper = upper;
      if (!(c >= '0' && c <= '9')) all_digits = false;
      AppendUtf8(lower, lowered_);
      first = false;
      i += len;
    }
    std::string_view word(lowered_.data() + start, lowered_.size() - start);
    const bool was_sentence_start = sentence_start;
    sentence_start = false;
    if (word.size() < 2 && !all_digits) continue;
    if (IsStopword(word)) continue;
    tokens_.push_back(Token{word, first_upper, first_upper && !was_sentence_start, all_digits});
  }
  return tokens_;
}

}  // namespace wiredesk::enrich::cluster
