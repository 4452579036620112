// Reads a plain-text page capture (text copied from a browser) into an Article.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk::parse {

struct CaptureOptions {
  std::string url;     // the page's address, when known
  Instant captured{};  // resolves relative dates ("2 days ago") in the related block
};

// Headline (first line), dek, body paragraphs with captions and their credits, the page
// chrome dropped, and the "Related Articles" block read into Article::related.
// Fails on input that holds no text at all, or nothing but page chrome.
Result<Article> ReadCapture(std::string_view text, const CaptureOptions& options);

// The pieces of ReadCapture, exposed for the unit tests and the fuzz target.

// What every later step reads: ill-formed UTF-8 repaired, a leading BOM and NUL removed, other
// C0 controls (but tab and line ends) turned into spaces, and a lone CR into '\n', so nothing
// downstream sees raw bytes.
std::string PrepareCaptureText(std::string_view raw);

// A date line as captures show them: "2 days ago", "3 hours ago", "yesterday", "25-06-2025"
// (day-month-year), "Jun 25, 2025", "25 June 2025", "2025-06-25". Relative forms are counted
// back from `captured` (so "2 days ago" is exactly 48 hours before it). nullopt when the whole
// line is not a date.
std::optional<Instant> ParseCaptureDate(std::string_view line, Instant captured);

enum class ChromeKind {
  kNone,          // not chrome: article text
  kLine,          // one line of page furniture ("Advertisement", "Share", cookie notices)
  kSectionEnd,    // a heading after which the page holds no more article text ("Comments")
  kRelatedStart,  // "Related Articles": the related block follows
};
// Classifies one trimmed line.
ChromeKind ClassifyChrome(std::string_view line);

// The photo credit that follows a caption's '|': a short run of capitalised words and
// slashes ("REUTERS", "AFP-JIJI", "Daniel Berehulak / The New York Times") that ends where the
// next sentence starts.
struct CreditMatch {
  std::string credit;
  size_t end = 0;  // where the text after the credit starts (spaces skipped)
};
// Reads the credit that starts at `pos`, just after the '|'. nullopt when what follows is not
// a credit (the '|' is then ordinary text).
std::optional<CreditMatch> ReadCredit(std::string_view text, size_t pos);

// The words a document capitalises in mid-sentence: proper nouns. A run-in subheading
// ("Grabbed on her way to school") never starts with one, while a sentence often does
// ("Trump went as far as ..."), which is what tells the two apart.
class ProperNames {
 public:
  void Learn(std::string_view text);
  bool Contains(std::string_view word) const;
  // Whether the learned text reads as English ("the", "of", "and" are common in it). Run-in
  // subheadings are looked for only then: the word lists that tell them from sentences are
  // English, and a French sentence ending "... par le Conseil" would fool them.
  bool LooksEnglish() const;

 private:
  std::unordered_set<std::string> names_;
  size_t words_ = 0;
  size_t english_function_words_ = 0;
};

// Splits text that a capture flattened into one line: photo captions inline ("... on March 9.
// | REUTERS Suleiman's family ...") become kCaption blocks with their credits, and, when
// `names` is given, run-in subheadings become kHeading blocks; the text between them becomes
// kParagraph blocks. Linear in the size of `text`.
std::vector<Block> SplitFlattenedText(std::string_view text, const ProperNames* names);

}  // namespace wiredesk::parse
