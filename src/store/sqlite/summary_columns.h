// The ArticleSummary columns the SQLite store's lists read, shared by the files that define
// SqliteStore's methods.
#pragma once

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace wiredesk::store::sqlite {

// The ArticleSummary columns, in ReadSummary's order; `a` is articles, `s` sources. A macro
// only to splice constant SQL text; values are always bound.
#define WD_SUMMARY_COLUMNS                                                        \
  "a.id, a.url, a.canonical_url, a.title, a.dek, a.byline, s.id, s.name, s.url, " \
  "a.published, a.captured, a.language, a.first_seen_at, a.updated_at, "          \
  "(SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.hidden = 0 AND c.deleted = 0)"
inline constexpr int kSummaryColumnCount = 15;

// The first 14 of those columns (all but the comment count, which story lists leave out).
inline ArticleSummary ReadSummaryWithoutComments(const Query& q, int first = 0) {
  ArticleSummary s;
  s.id = q.Int64(first + 0);
  s.url = q.Text(first + 1);
  if (s.url.empty()) s.url = q.Text(first + 2);
  s.title = q.Text(first + 3);
  s.dek = q.Text(first + 4);
  s.byline = q.Text(first + 5);
  s.source = Source{q.Int64(first + 6), q.Text(first + 7), q.Text(first + 8)};
  s.published = q.OptionalTime(first + 9);
  s.captured = q.Time(first + 10);
  s.language = q.Text(first + 11);
  s.first_seen_at = q.Time(first + 12);
  s.updated_at = q.Time(first + 13);
  return s;
}

inline ArticleSummary ReadSummary(const Query& q, int first = 0) {
  ArticleSummary s = ReadSummaryWithoutComments(q, first);
  s.comment_count = q.Int64(first + 14);
  return s;
}

inline Status CheckPage(int limit, int offset) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "page size must be at least 1");
  if (offset < 0) return Fail(ErrorCode::kInvalidArgument, "page offset must not be negative");
  return {};
}

}  // namespace wiredesk::store::sqlite
