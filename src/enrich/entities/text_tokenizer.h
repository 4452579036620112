// Sentences and tokens of running English news text, split the way CoNLL-2003 is (Penn
// Treebank-like): punctuation and clitics apart, abbreviations and numbers kept whole.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace wiredesk::enrich::entities {

struct TextToken {
  // Byte range in the text handed to SplitSentences.
  size_t begin = 0;
  size_t end = 0;
};

struct TextSentence {
  std::vector<TextToken> tokens;
};

// Splits `text` into sentences of tokens. A sentence ends at '.', '!' or '?' followed by a
// capital, a quote or the end; at a blank line; and at any newline (headlines, captions and list
// items carry no full stop). "U.S.", "Mr." and "3.5" stay whole. Bytes that are not valid
// UTF-8 pass through inside tokens; nothing is dropped but whitespace.
std::vector<TextSentence> SplitSentences(std::string_view text);

}  // namespace wiredesk::enrich::entities
