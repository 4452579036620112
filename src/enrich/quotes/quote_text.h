// The pieces of text the quote finder reasons over: paragraphs, quotation spans, tokens.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wiredesk::enrich::quotes {

// Whether `w` is one of a fixed word list.
template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

struct Token {
  size_t begin = 0;  // byte range in the whole text
  size_t end = 0;
  std::string lower;  // ASCII-lower-cased form ("mr.", "said", "n’t")
  bool word = false;  // starts with a letter or digit
  bool upper = false;  // starts with an ASCII capital
  bool quote = false;  // a double quotation mark: “ ” " '' ``
};

// Word tokens with their byte offsets: letters and digits joined by inner . ' ’ -
// ("U.S", "al-Dalati", "don’t"), a final full stop kept only on abbreviations and initials
// ("Mr.", "U.S.", "J."); double quote marks ('' and `` too) and other punctuation one each.
// Non-ASCII letters count as letters; ill-formed bytes are punctuation.
std::vector<Token> TokenizeRange(std::string_view text, size_t begin, size_t end);

// Quotations of one paragraph [begin, end): each from an opening mark through its closing one.
// Curly marks say which side they are; straight " and '' alternate. A quotation left open runs
// to the end of the paragraph (news style reopens it in the next one).
std::vector<std::pair<size_t, size_t>> FindQuotations(std::string_view text, size_t begin,
                                                      size_t end);

// Non-empty lines of `text` as [begin, end) byte ranges, trailing '\r' trimmed.
std::vector<std::pair<size_t, size_t>> SplitParagraphs(std::string_view text);

}  // namespace wiredesk::enrich::quotes
