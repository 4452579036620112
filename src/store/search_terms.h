// A user's search box text turned into plain terms, before any backend's query syntax sees it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wiredesk::store {

// One thing to look for. Terms are ANDed. `text` is the user's words, never query syntax; a
// backend quotes it for its own engine (FTS5 string, tsquery lexeme).
struct SearchTerm {
  std::string text;
  bool phrase = false;  // came from "double quotes": the words must be adjacent
  bool prefix = false;  // ended in '*': the last word may be a prefix

  bool operator==(const SearchTerm&) const = default;
};

inline constexpr size_t kMaxSearchQueryBytes = 1000;
inline constexpr size_t kMaxSearchTerms = 16;

// How both backends bound a search's work, so that they give the same answers: ranking reads
// each match's positions (bm25 on both: FTS5's, and PostgreSQL's wiredesk_search), which for a word in most of the
// archive costs tens of milliseconds at 100k articles and ten times that at 1M. So only the
// candidates are ranked: the newest kSearchRankCandidates matches (newest stored: the largest
// article ids, which both engines walk in index order without reading the rest) and the newest
// as many title matches, or twice the page's end when a deep page asks for more. With fewer
// matches than that, every match is ranked. For a news desk the best of the recent matches is
// the answer anyway.
inline constexpr int kSearchRankCandidates = 64;
// Totals are exact up to this many matches; beyond it the backend estimates and says so
// (SearchResults::total_estimated).
inline constexpr int64_t kSearchExactTotal = 1000;
// bm25's column weights on both backends (title, text): a word in the headline says far more
// about what the article is about than the same word somewhere in the body. SQLite passes them
// to its ranking function; PostgreSQL's wiredesk_search (migration 15) has them in its SQL.
inline constexpr double kSearchTitleWeight = 10.0;
inline constexpr double kSearchTextWeight = 1.0;

// Splits the text into words and "quoted phrases". A trailing '*' makes a prefix. Query syntax
// is dropped, not interpreted: bare AND/OR/NOT/NEAR, ( ) { } : ^ + and a leading '-', a stray
// '*', and an unclosed quote. Words with no letter or digit are dropped. Invalid UTF-8 is
// repaired. An empty vector means "nothing to search for". kInvalidArgument when the text is
// longer than kMaxSearchQueryBytes or has more than kMaxSearchTerms terms.
Result<std::vector<SearchTerm>> ParseSearchTerms(std::string_view text);

}  // namespace wiredesk::store
