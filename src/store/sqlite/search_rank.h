// FTS5's bm25 ranking with each phrase's number of matching articles supplied by the caller.
#pragma once

#include <sqlite3.h>

#include "core/result.h"

namespace wiredesk::store::sqlite {

// Registers the FTS5 auxiliary function
//   wd_bm25(fts_table, title_weight, text_weight, rows)
// on the connection: FTS5's bm25() (the same formula and constants, k1 = 1.2, b = 0.75, the
// same column weights), except that each phrase's inverse document frequency comes from
// `rows`, the number of rows matching each phrase of the MATCH expression in order, as text
// ("1200 37"). bm25() counts those rows itself, once per statement, by running each phrase
// over the whole table: for a word in half of 1M articles that is its whole doclist, for a
// phrase of common words every article holding them, for a prefix every word's doclist
// merged; and it counts again for each value of a rowid IN list. The search already knows
// the counts (exactly up to kSearchExactTotal, estimated beyond, which moves a common word's
// IDF by a few per cent at most), so ranking costs only the ranked rows.
Status RegisterSearchRank(sqlite3* db);

// The connection's FTS5 extension API (an error when this SQLite was built without FTS5).
Result<fts5_api*> Fts5Api(sqlite3* db);

}  // namespace wiredesk::store::sqlite
