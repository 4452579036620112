// Words of a news text for similarity: lower-cased, stopwords dropped, entity-ish words marked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wiredesk::enrich::cluster {

struct Token {
  // Lower-cased UTF-8; points into the scratch buffer of the Tokenizer that made it.
  std::string_view text;
  // Starts with a capital letter ("Reid", "NASA").
  bool capitalised = false;
  // Capitalised in running text (not the first word of a sentence or headline): a name, most
  // often, and names are what separate two earthquakes or two trials.
  bool entity = false;
  // All digits ("2013", "7"): dates, tolls and magnitudes separate events of the same kind.
  bool number = false;
};

// Splits on anything that is not a letter or digit (Unicode punctuation and spaces included), so
// "Reid's" gives "reid" and the tokenised ECB+ text ("33 - year - old") and raw text agree.
// Reuses its buffers: no allocation per call once warmed up.
class Tokenizer {
 public:
  // The tokens of `text`, valid until the next call.
  const std::vector<Token>& Tokenize(std::string_view text);

 private:
  std::string lowered_;
  std::vector<Token> tokens_;
};

// True for the small English stopword list (function words, reporting verbs, "'s" remnants).
bool IsStopword(std::string_view lowered);

}  // namespace wiredesk::enrich::cluster
