// A search hit's snippet: the stretch of an article's text that holds the most of the query's
// words, the matched words between kMarkOpen and kMarkClose, "…" where text was left out.
// PostgreSQL's search builds it here rather than with ts_headline, which parsed each hit's
// text again on the server: about 0.1 ms a hit, 40 % of a rare word's search at 100k articles
// (see docs/postgresql.md). SQLite's FTS5 snippet() already marks what the index matched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "store/search_terms.h"

namespace wiredesk::store {

class SnippetMaker {
 public:
  // Words are matched as the search matched them: Snowball English stems, case folded, a
  // prefix term's last word as a prefix.
  explicit SnippetMaker(const std::vector<SearchTerm>& terms);

  // `text`: the start of the article's text; `cut` says the article goes on past it.
  std::string Make(std::string_view text, bool cut, size_t max_words = 24) const;

 private:
  bool Matches(std::string_view lower_word) const;

  std::vector<std::string> stems_;
  std::vector<std::string> prefixes_;
  // The first byte of each stem (see Matches); empty when a stem has none to compare.
  std::string stem_initials_;
};

}  // namespace wiredesk::store
