// The stories half of the SQLite store: filing articles in stories, merges, syndicated-copy
// marks, and the reads the story page, the front page and the article page need. Free
// functions over SqliteStore's connection: the caller holds the connection's lock.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace wiredesk::store::sqlite::stories {

Result<StoryPage> List(Database& db, int limit, int offset);
Result<std::optional<StoryDetail>> Find(Database& db, int64_t story_id);
Result<std::optional<int64_t>> StoryOf(Database& db, int64_t article_id);
Result<std::vector<RelatedArticle>> Related(Database& db, int64_t article_id, int limit);
Result<std::vector<ArticleSummary>> AlsoPublishedBy(Database& db, int64_t article_id);
Result<std::optional<int64_t>> FindArticleIdByTitle(Database& db, std::string_view source,
                                                    std::string_view title);
// InTimeOrder's statement (?1, ?2: the cursor's time and id; ?3: the page size), named so
// that sqlite_store_test can check its plan seeks the time index rather than scanning it.
extern const char* const kInTimeOrderQuery;
Result<std::vector<StoryInput>> InTimeOrder(Database& db, std::optional<TimeCursor> after,
                                            int limit);

Result<int64_t> File(Database& db, Instant now, int64_t article_id, int64_t story_id);
Status Merge(Database& db, int64_t from, int64_t into);
Status MarkCopy(Database& db, int64_t copy_id, int64_t canonical_id);
Status Clear(Database& db);

}  // namespace wiredesk::store::sqlite::stories
