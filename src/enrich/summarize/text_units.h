// Words of a news text for the extractive features (key points, tags): case kept beside a
// folded form, punctuation breaks marked, Snowball stems, stopwords for the common languages.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wiredesk::enrich::summarize {

struct Word {
  std::string_view surface;  // into the text handed to SplitWords
  std::string lower;         // case-folded (Latin, Greek, Cyrillic)
  bool capitalised = false;  // first letter upper case
  bool all_caps = false;     // two or more letters, all upper case ("NASA")
  bool number = false;       // has a digit
  // Punctuation other than an in-word hyphen or apostrophe lies between this word and the one
  // before it (or it is the first): phrases do not cross such breaks.
  bool break_before = true;
  // A sentence terminator (. ! ? or a line break) lies before it: its capital says nothing.
  bool sentence_start = true;
};

// Splits on anything that is not a letter or digit; in-word apostrophes and hyphens stay
// ("o'brien", "covid-19"), a trailing possessive "'s" is dropped. Ill-formed UTF-8 is skipped.
std::vector<Word> SplitWords(std::string_view text);

// A Snowball stemmer with a cache; Stem() of a language libstemmer lacks returns the word.
// Not thread-safe: one per thread.
class Stemmer {
 public:
  // `language`: a Snowball name or ISO 639 code ("english", "en", "fr"); empty means English.
  explicit Stemmer(std::string_view language = "english");
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // `lower` must be case-folded.
  const std::string& Stem(std::string_view lower);
  bool HasAlgorithm() const { return impl_ != nullptr; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  // Looked up by string_view without building a std::string: Stem() runs for every word.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> cache_;
};

// Function words of `language` (ISO 639-1 code or Snowball name) for English, French, German,
// Spanish, Italian, Portuguese and Dutch; elsewhere words of one or two letters.
bool IsStopword(std::string_view lower, std::string_view language);

// "english" for "en", "french" for "fr", ...; unknown codes come back as given.
std::string_view SnowballName(std::string_view language);

}  // namespace wiredesk::enrich::summarize
