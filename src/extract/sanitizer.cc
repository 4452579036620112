#include "extract/sanitizer.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace wiredesk::extract {

namespace {

// Blocks this near the top are where templates repeat the headline, byline and date.
constexpr size_t kHeadRegion = 4;

// Lower-cased, letters and digits only: "By JANE DOE," and "by jane doe" compare equal.
std::string Normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool IsBylineBlock(const Block& b, std::string_view byline_norm) {
  if (b.text.size() > 150) return false;
  std::string lower = AsciiLower(b.text.substr(0, 3));
  if (lower == "by " || lower == "by:") return true;
  if (byline_norm.empty()) return false;
  std::string n = Normalise(b.text);
  return n == byline_norm || (n.size() < byline_norm.size() + 40 && n.find(byline_norm) != std::string::npos &&
                              b.text.size() < 100);
}

// A date line near the top ("May 2, 2013 | 5:03pm", "Updated 4:08 p.m. ET", "Published 3 hours
// ago by Jane Doe") is page furniture; a short sentence that names a date ("Gowdy set a May 1
// deadline for the interview.") is the story. So the line needs a digit and a date word as a
// whole word (substrings took "mayor", "market", "decided" for months), and next to the date's
// own words at most two others (a name, a section).
bool IsDatelineBlock(const Block& b) {
  if (b.text.size() > 80) return false;
  static constexpr std::array<std::string_view, 39> kDateWords = {
      "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
      "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
      "november", "dec", "december", "updated", "published", "posted", "modified", "ago",
      "mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu",
      "thursday", "fri", "friday"};
  static constexpr std::array<std::string_view, 47> kAroundDates = {
      "sat", "saturday", "sun", "sunday", "read", "reading", "last", "time", "min", "mins", "minute", "minutes",
      "hour", "hours", "day", "days", "week", "weeks", "second", "seconds", "yesterday", "today",
      "at", "on", "of", "the", "by", "in", "am", "pm", "a", "p", "m", "st", "nd", "rd", "th",
      "et", "est", "edt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet"};
  auto in = [](const auto& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
  };
  const std::string lower = AsciiLower(b.text);
  // "5 min read", "Reading time: 4 minutes": the words name no date, the pair does.
  bool date_word = lower.find("min read") != std::string::npos ||
                   lower.find("minute read") != std::string::npos ||
                   lower.find("reading time") != std::string::npos;
  size_t others = 0;
  size_t digits = 0;
  size_t words = 0;
  for (size_t i = 0; i < lower.size();) {
    const char c = lower[i];
    if (c >= '0' && c <= '9') ++digits;
    if (c < 'a' || c > 'z') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < lower.size() && lower[j] >= 'a' && lower[j] <= 'z') ++j;
    const std::string_view w(lower.data() + i, j - i);
    ++words;
    if (in(kDateWords, w)) {
      date_word = true;
    } else if (!in(kAroundDates, w)) {
      ++others;
    }
    i = j;
  }
  return date_word && digits >= 1 && others <= 2 && words <= 10;
}

bool IsBoilerplate(const Block& b) {
  if (b.text.size() > 240) return false;
  std::string lower = AsciiLower(b.text);
  // Wire-service credit lines and the furniture after a story: longer than the lines below.
  static constexpr std::array<std::string_view, 9> kTrailers = {
      "reporting by", "(reporting by", "additional reporting by", "editing by", "(editing by",
      "writing by", "compiled by", "our standards:", "this document is subject to copyright"};
  for (std::string_view s : kTrailers) {
    if (StartsWith(lower, s)) return true;
  }
  if (b.text.size() > 120) return false;
  static constexpr std::array<std::string_view, 31> kStarts = {
      "see more:", "see also:", "don't miss", "don’t miss", "filed under", "related tags",
      "tags:", "post comment", "explore further",
      "advertisement", "story continues below", "article continues below", "continue reading",
      "read more", "share this", "sign up", "subscribe to", "follow us", "click here",
      "related:", "related articles", "recommended", "most read", "most popular",
      "more from", "you may also like", "skip advertisement", "supported by", "image",
      "photo", "play video"};
  for (std::string_view s : kStarts) {
    if (!StartsWith(lower, s)) continue;
    // "Image" / "Photo" alone (a screen-reader label), not a sentence starting with the word.
    if ((s == "image" || s == "photo") && lower.size() > s.size() + 1) continue;
    return true;
  }
  return lower == "ad" || lower == "advertising" || lower == "advert" || lower == "share" ||
         lower == "comments" || lower == "close";
}

// A house ad for another series after the story: "Tech Enabled: CNET chronicles tech's role in
// providing new kinds of accessibility. Check it out here." A short label with a colon, a
// line about it, and a pointer ("here", "check it out") at the end.
bool IsTrailingPromo(const Block& b) {
  if (b.kind != BlockKind::kParagraph || b.text.size() > 240) return false;
  size_t colon = b.text.find(": ");
  if (colon == std::string::npos || colon > 40 || std::count(b.text.begin(), b.text.begin() + colon, ' ') > 3) {
    return false;
  }
  std::string lower = AsciiLower(b.text);
  // The newsroom's own notes under a story are part of it.
  for (std::string_view note : {"update", "correction", "editor", "note", "clarification"}) {
    if (StartsWith(lower, note)) return false;
  }
  while (!lower.empty() && (lower.back() == '.' || lower.back() == '!' || lower.back() == ' ')) lower.pop_back();
  for (std::string_view end : {" here", "check it out", "read more", "find out more", "learn more",
                               "sign up", "subscribe"}) {
    if (EndsWith(lower, end)) return true;
  }
  return false;
}

}  // namespace

bool DekRepeatsFirstParagraph(std::string_view dek, std::string_view first_paragraph) {
  std::string d = Normalise(dek);
  std::string p = Normalise(first_paragraph);
  if (d.empty() || p.empty()) return false;
  // Descriptions are often the lede cut at ~150 characters with "..." appended.
  size_t n = std::min(d.size(), p.size());
  if (n < 20) return d == p;
  return p.compare(0, n, d, 0, n) == 0 || (d.size() > p.size() && StartsWith(d, p));
}

void Sanitize(ArticleBody& body, const PageMetadata& meta) {
  std::string title_norm = Normalise(meta.title);
  std::string h1_norm = Normalise(meta.h1);
  std::string byline_norm = Normalise(meta.byline);
  std::vector<Block> out;
  out.reserve(body.blocks.size());
  size_t seen_text_blocks = 0;
  for (Block& b : body.blocks) {
    b.text = std::string(Trim(b.text));
    if (b.text.empty() && b.credit.empty()) continue;
    bool head = seen_text_blocks < kHeadRegion;
    if (b.kind != BlockKind::kCaption) {
      std::string n = Normalise(b.text);
      if (head && !n.empty() && (n == title_norm || n == h1_norm)) continue;
      if (head && (IsBylineBlock(b, byline_norm) || IsDatelineBlock(b))) continue;
      if (IsBoilerplate(b)) continue;
      if (!out.empty() && out.back().kind == b.kind && out.back().text == b.text) continue;
      ++seen_text_blocks;
    }
    out.push_back(std::move(b));
  }
  // Trailing captions without any text (an image strip after the story) are dropped with their
  // images kept; trailing headings ("Related") with nothing under them go too.
  while (!out.empty() && (out.back().kind == BlockKind::kHeading || IsTrailingPromo(out.back()))) {
    out.pop_back();
  }
  body.blocks = std::move(out);
}

}  // namespace wiredesk::extract
