// The FTS5 tokenizer "wiredesk": FTS5's unicode61 words, stemmed by Snowball's English stemmer.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/result.h"

namespace wiredesk::store::sqlite {

// Registers the tokenizer on the connection; the search index (schema version 11) is built with
// it, so every connection that may write an article or search must call this first
// (Database::Open does).
//
// Why not FTS5's built-in "porter": it is Porter's 1980 stemmer, PostgreSQL's tsvector uses
// Snowball's English (Porter2), and the two disagree on common words ("similarly" similarli /
// similar, "died" di / die), so the same query matched different articles on the two backends.
// Snowball is also what the rest of wiredesk stems with (enrich/summarize's Stemmer). FTS5 has no
// Snowball tokenizer, so this one wraps unicode61 and stems each token it emits, as "porter"
// does.
Status RegisterStemmingTokenizer(sqlite3* db);

// How many tokens the search index counts in a text: FTS5's unicode61 words with diacritics
// removed, as the "wiredesk" tokenizer reads them (stemming changes no count), counted by
// unicode61 itself on a connection of its own. bm25 weighs a match by the article's length in
// these tokens, so PostgreSQL stores each article's count to rank as SQLite does (its
// migration 15). One per thread: the tokenizer keeps state between calls.
// The tokens FTS5 counted in one row: the sum of its docsize record (articles_fts_docsize.sz,
// one varint per column: 7 bits a byte, the high bit set on every byte but the last).
int64_t IndexedTokens(std::string_view docsize);

class SearchTokenCounter {
 public:
  static Result<std::unique_ptr<SearchTokenCounter>> Open();
  ~SearchTokenCounter();
  SearchTokenCounter(const SearchTokenCounter&) = delete;
  SearchTokenCounter& operator=(const SearchTokenCounter&) = delete;

  Result<int64_t> Count(std::string_view text);

 private:
  SearchTokenCounter() = default;

  sqlite3* db_ = nullptr;
  fts5_tokenizer words_{};
  Fts5Tokenizer* instance_ = nullptr;
};

}  // namespace wiredesk::store::sqlite
