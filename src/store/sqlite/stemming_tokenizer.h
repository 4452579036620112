// The FTS5 tokenizer "wiredesk": FTS5's unicode61 words, stemmed by Snowball's English stemmer.
#pragma once

#include <sqlite3.h>

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

}  // namespace wiredesk::store::sqlite
