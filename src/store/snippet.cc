#include "store/snippet.h"

#include <algorithm>

#include "core/text.h"
#include "enrich/summarize/text_units.h"
#include "store/store.h"

namespace wiredesk::store {
namespace {

using enrich::summarize::SplitWords;
using enrich::summarize::Stemmer;
using enrich::summarize::Word;

// One stemmer per thread: a search runs on the caller's thread, and Stemmer keeps a cache.
Stemmer& EnglishStemmer() {
  thread_local Stemmer stemmer("english");
  return stemmer;
}

// Words the tsvector indexed as parts ("covid-19" holds "covid" and "19").
template <typename F>
bool AnyPart(std::string_view lower, F&& f) {
  if (f(lower)) return true;
  if (lower.find('-') == std::string_view::npos) return false;
  size_t start = 0;
  while (start <= lower.size()) {
    const size_t dash = std::min(lower.find('-', start), lower.size());
    if (dash > start && f(lower.substr(start, dash - start))) return true;
    start = dash + 1;
  }
  return false;
}

// The text's own control bytes equal to the marks would unbalance them (a page turns each
// into <mark> or </mark>), so they are left out.
void AppendWithoutMarks(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c != kMarkOpen && c != kMarkClose) out += c;
  }
}

// The first byte after any leading apostrophes (which Snowball's English stemmer drops), or
// '\0' when there is none.
char Initial(std::string_view word) {
  const size_t at = word.find_first_not_of('\'');
  return at == std::string_view::npos ? '\0' : word[at];
}

}  // namespace

SnippetMaker::SnippetMaker(const std::vector<SearchTerm>& terms) {
  Stemmer& stemmer = EnglishStemmer();
  for (const SearchTerm& term : terms) {
    const std::vector<Word> words = SplitWords(term.text);
    for (size_t i = 0; i < words.size(); ++i) {
      if (term.prefix && i + 1 == words.size()) {
        prefixes_.push_back(words[i].lower);
      } else {
        stems_.push_back(stemmer.Stem(words[i].lower));
      }
    }
  }
  for (const std::string& stem : stems_) {
    const char initial = Initial(stem);
    if (initial == '\0') {
      stem_initials_.clear();
      break;
    }
    stem_initials_ += initial;
  }
}

bool SnippetMaker::Matches(std::string_view lower_word) const {
  Stemmer& stemmer = EnglishStemmer();
  return AnyPart(lower_word, [&](std::string_view w) {
    for (const std::string& p : prefixes_) {
      if (StartsWith(w, p)) return true;
    }
    if (stems_.empty()) return false;
    // Snowball's English stemmer changes a word's ending only (and drops a leading
    // apostrophe): its stem starts with the word's first letter. So a word whose first letter
    // begins no query stem is not stemmed at all: the stemmer's cache of every word seen is a
    // hash lookup that missed the CPU caches, a third of a PostgreSQL search's client time.
    if (!stem_initials_.empty() && stem_initials_.find(Initial(w)) == std::string::npos) {
      return false;
    }
    const std::string& stem = stemmer.Stem(w);
    return std::find(stems_.begin(), stems_.end(), stem) != stems_.end();
  });
}

std::string SnippetMaker::Make(std::string_view text, bool cut, size_t max_words) const {
  std::vector<Word> words = SplitWords(text);
  // A text cut at a character count may end in half a word.
  if (cut && !words.empty()) {
    const Word& last = words.back();
    if (last.surface.data() + last.surface.size() == text.data() + text.size()) words.pop_back();
  }
  if (words.empty() || max_words == 0) {
    std::string out;
    AppendWithoutMarks(out, Trim(text));
    return out;
  }
  std::vector<char> hit(words.size());
  for (size_t i = 0; i < words.size(); ++i) hit[i] = Matches(words[i].lower) ? 1 : 0;
  // The window of max_words words with the most hits, the earliest of equals.
  const size_t span = std::min(max_words, words.size());
  size_t best = 0;
  size_t best_hits = 0;
  size_t in_window = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    in_window += hit[i];
    if (i >= span) in_window -= hit[i - span];
    if (i + 1 >= span && in_window > best_hits) {
      best_hits = in_window;
      best = i + 1 - span;
    }
  }
  // The earliest best window may hold many words before its first hit: start a few words
  // before that hit instead, keeping the window's last hit in it (a later start only adds
  // words after the window, which cannot hold more hits than the best).
  if (best_hits > 0) {
    size_t first = best;
    while (hit[first] == 0) ++first;
    size_t last = best + span - 1;
    while (hit[last] == 0) --last;
    constexpr size_t kLeadIn = 3;
    size_t start = first >= kLeadIn ? first - kLeadIn : 0;
    start = std::max(start, last + 1 >= span ? last + 1 - span : 0);
    best = std::min(start, words.size() - span);
  }
  const size_t end = best + span;

  std::string out;
  if (best > 0) out += "…";
  const char* at = best == 0 ? text.data() : words[best].surface.data();
  for (size_t i = best; i < end; ++i) {
    const std::string_view w = words[i].surface;
    AppendWithoutMarks(out, std::string_view(at, static_cast<size_t>(w.data() - at)));
    if (hit[i]) out += kMarkOpen;
    AppendWithoutMarks(out, w);
    if (hit[i]) out += kMarkClose;
    at = w.data() + w.size();
  }
  const char* text_end = text.data() + text.size();
  if (end == words.size()) {
    // The sentence's closing punctuation, not the whitespace after it.
    std::string_view rest(at, static_cast<size_t>(text_end - at));
    rest = Trim(rest);
    if (!cut && rest.size() <= 3) {
      AppendWithoutMarks(out, rest);
      return std::string(Trim(out));
    }
  }
  std::string trimmed(Trim(out));
  trimmed += "…";
  return trimmed;
}

}  // namespace wiredesk::store
