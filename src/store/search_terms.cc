// Search box text to SearchTerms: the one place user input is cleaned before a query engine.
#include "store/search_terms.h"

#include "core/text.h"

namespace wiredesk::store {

namespace {

bool IsSpace(char c) {
  // Control bytes, \x01/\x02 (our snippet marks) and NUL included, separate words.
  return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
}

// FTS5 and tsquery syntax characters; in a bare word they only separate. ('"' reaches a bare
// word only as an unclosed quote.)
bool IsSyntax(char c) {
  switch (c) {
    case '(':
    case ')':
    case '{':
    case '}':
    case ':':
    case '^':
    case '+':
    case '*':
    case ',':
    case '&':
    case '|':
    case '!':
    case '<':
    case '>':
    case '"':
      return true;
    default:
      return false;
  }
}

bool IsOperator(std::string_view w) { return w == "AND" || w == "OR" || w == "NOT" || w == "NEAR"; }

// A letter or digit may be in it. Bytes >= 0x80 count: unicode61 decides which of them are
// letters, and a word it reads as empty matches nothing rather than failing.
bool HasWordChar(std::string_view w) {
  for (char c : w) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return true;
    }
  }
  return false;
}

// Adds the bare words of `chunk` (no quotes in it). A '*' ending a word makes it a prefix; any
// other syntax character splits words.
void AddBareWords(std::string_view chunk, std::vector<SearchTerm>& out) {
  size_t i = 0;
  while (i < chunk.size()) {
    while (i < chunk.size() && (IsSpace(chunk[i]) || (IsSyntax(chunk[i]) && chunk[i] != '*'))) {
      ++i;
    }
    while (i < chunk.size() && (chunk[i] == '-' || chunk[i] == '*')) ++i;  // "-word", "*word"
    size_t end = i;
    while (end < chunk.size() && !IsSpace(chunk[end]) && !IsSyntax(chunk[end])) ++end;
    std::string_view word = chunk.substr(i, end - i);
    bool prefix = false;
    if (end < chunk.size() && chunk[end] == '*') {
      prefix = true;
      while (end < chunk.size() && chunk[end] == '*') ++end;
    }
    if (!word.empty() && !IsOperator(word) && HasWordChar(word)) {
      out.push_back({std::string(word), false, prefix});
    }
    i = end > i ? end : i + 1;
  }
}

}  // namespace

Result<std::vector<SearchTerm>> ParseSearchTerms(std::string_view raw) {
  if (raw.size() > kMaxSearchQueryBytes) {
    return Fail(ErrorCode::kInvalidArgument, "search text is too long (at most " +
                                                 std::to_string(kMaxSearchQueryBytes) + " bytes)");
  }
  // Control bytes become spaces before the repair, which would drop a NUL and join its
  // neighbours into one word.
  std::string spaced(raw);
  for (char& c : spaced) {
    if (IsSpace(c)) c = ' ';
  }
  const std::string text = RepairUtf8(spaced);
  std::vector<SearchTerm> terms;
  size_t i = 0;
  while (i < text.size()) {
    const size_t quote = text.find('"', i);
    const size_t close = quote == std::string::npos ? quote : text.find('"', quote + 1);
    if (close == std::string::npos) {
      // No (complete) phrase left: the rest is bare words; an unclosed quote is dropped.
      AddBareWords(std::string_view(text).substr(i), terms);
      break;
    }
    AddBareWords(std::string_view(text).substr(i, quote - i), terms);
    std::string phrase =
        CollapseWhitespace(std::string_view(text).substr(quote + 1, close - quote - 1));
    i = close + 1;
    bool prefix = false;
    if (i < text.size() && text[i] == '*') {
      prefix = true;
      while (i < text.size() && text[i] == '*') ++i;
    }
    // Inside quotes the words are literal: "AND" is the word "and", not an operator.
    if (HasWordChar(phrase)) terms.push_back({std::move(phrase), true, prefix});
  }
  if (terms.size() > kMaxSearchTerms) {
    return Fail(ErrorCode::kInvalidArgument,
                "search has too many words (at most " + std::to_string(kMaxSearchTerms) + ")");
  }
  return terms;
}

}  // namespace wiredesk::store
