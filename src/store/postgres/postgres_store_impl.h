// PostgresStore's class, shared by the files that define its methods (postgres_store.cc for
// articles, search and feeds; postgres_store_accounts.cc; postgres_store_stories.cc).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/postgres/pg_db.h"
#include "store/reader_sql.h"
#include "store/sqlite/stemming_tokenizer.h"
#include "store/store.h"

namespace wiredesk::store::postgres {

// The ArticleSummary columns, in ReadSummary's order; `a` is articles, `s` sources. A macro
// only to splice constant SQL text; values are always parameters.
#define WD_PG_SUMMARY_COLUMNS                                                     \
  "a.id, a.url, a.canonical_url, a.title, a.dek, a.byline, s.id, s.name, s.url, " \
  "a.published, a.captured, a.language, a.first_seen_at, a.updated_at, "          \
  "(SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.hidden = 0 AND c.deleted = 0)"
inline constexpr int kSummaryColumnCount = 15;

// The summary at `first_col`; without the comment count column when !with_comments (story
// lists do not show it).
ArticleSummary ReadSummary(const Rows& rows, int row, int first_col = 0, bool with_comments = true);
Status CheckPage(int limit, int offset);

class PostgresStore final : public Store {
 public:
  PostgresStore(std::unique_ptr<Connection> db, const Clock* clock,
                std::unique_ptr<sqlite::SearchTokenCounter> tokens)
      : db_(std::move(db)),
        clock_(clock != nullptr ? clock : &system_clock_),
        tokens_(std::move(tokens)) {}

  Result<std::optional<Article>> FindArticle(int64_t id) override;
  Result<std::optional<int64_t>> FindArticleIdByUrl(std::string_view identity_url) override;
  Result<ArticlePage> LatestArticles(int limit, int offset) override;
  Result<SearchResults> Search(const SearchQuery& query) override;
  Result<std::vector<Tag>> TagsOf(int64_t article_id) override;
  Result<std::vector<Comment>> CommentsOf(int64_t article_id) override;
  Result<std::vector<Source>> Sources() override;
  Result<int64_t> CountArticles() override;
  Result<int64_t> Generation() override;

  Result<UpsertOutcome> UpsertArticle(const Article& article) override;
  Status DeleteArticle(int64_t id) override;
  Status SetTags(int64_t article_id, const std::vector<Tag>& tags) override;
  Result<int64_t> AddUser(const User& user) override;
  Result<int64_t> AddComment(const Comment& comment) override;
  Status SetInsights(int64_t article_id, const ArticleInsights& insights) override;
  Result<std::optional<ArticleInsights>> InsightsOf(int64_t article_id) override;
  Result<ArticlePage> ArticlesTagged(std::string_view tag, int limit, int offset) override;

  Result<std::vector<FeedRecord>> ListFeeds() override;
  Result<int64_t> AddFeed(const FeedSubscription& feed) override;
  Result<std::optional<FeedRecord>> FindFeed(std::string_view url) override;
  Status RemoveFeed(std::string_view url) override;
  Result<std::vector<FeedRecord>> DueFeeds(Instant now, int limit) override;
  Status RecordFeedFetch(int64_t feed_id, const FeedFetchUpdate& update) override;
  Result<bool> EntrySeen(int64_t feed_id, std::string_view guid) override;
  Result<bool> MarkEntrySeen(int64_t feed_id, std::string_view guid, int64_t article_id) override;

  Result<std::vector<QueuedJob>> ClaimJobs(JobKind kind, Instant now, int limit) override;
  Status FinishJob(JobKind kind, int64_t article_id) override;
  Result<int64_t> QueueForAll(JobKind kind, Instant now) override;

  // Accounts and comment moderation (postgres_store_accounts.cc).
  Result<std::optional<Comment>> FindComment(int64_t id) override;
  Result<int64_t> AddAccount(const User& user, std::string_view password_hash) override;
  Result<std::optional<Account>> FindAccount(std::string_view name) override;
  Result<std::optional<User>> FindUser(int64_t id) override;
  Status SetPasswordHash(int64_t user_id, std::string_view password_hash) override;
  Status SetRole(int64_t user_id, std::string_view role) override;
  Status AddSession(std::string_view token_hash, int64_t user_id, Instant expires) override;
  Result<std::optional<User>> SessionUser(std::string_view token_hash, Instant now) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteSessionsOf(int64_t user_id, std::string_view keep_hash, Instant now) override;
  Result<int64_t> AddApiToken(int64_t user_id, std::string_view token_hash,
                              std::string_view label) override;
  Result<std::optional<User>> ApiTokenUser(std::string_view token_hash) override;
  Status EditComment(int64_t comment_id, std::string_view body) override;
  Status ModerateComment(int64_t comment_id, CommentAction action) override;
  Result<int64_t> ReportComment(int64_t comment_id, int64_t user_id,
                                std::string_view reason) override;
  Result<int64_t> CountCommentsSince(int64_t user_id, Instant since) override;

  // Each reader's subscriptions, read and saved articles (postgres_store_reader.cc).
  Result<int64_t> Subscribe(int64_t user_id, const FeedSubscription& feed) override;
  Status EditSubscription(int64_t user_id, int64_t feed_id, std::optional<std::string> title,
                          std::optional<std::string> folder) override;
  Status Unsubscribe(int64_t user_id, int64_t feed_id) override;
  Result<std::vector<ReaderSubscription>> SubscriptionsOf(int64_t user_id) override;
  Result<std::vector<ReaderItem>> ReaderStream(const ReaderStreamQuery& query) override;
  Status SetRead(int64_t user_id, const std::vector<int64_t>& article_ids, bool read) override;
  Result<int64_t> MarkStreamRead(const ReaderStreamQuery& query) override;
  Status SetSaved(int64_t user_id, const std::vector<int64_t>& article_ids, bool saved) override;
  Result<std::vector<UnreadCount>> UnreadCounts(int64_t user_id) override;
  Result<ArticlePage> SavedArticles(int64_t user_id, int limit, int offset) override;
  Status SetAppKeyHash(int64_t user_id, std::string_view key_hash) override;
  Result<std::optional<User>> AppKeyUser(std::string_view key_hash) override;

  // Stories and syndicated copies (postgres_store_stories.cc).
  Result<StoryPage> ListStories(int limit, int offset) override;
  Result<std::optional<StoryDetail>> FindStory(int64_t story_id) override;
  Result<std::optional<int64_t>> StoryOf(int64_t article_id) override;
  Result<std::vector<RelatedArticle>> RelatedArticles(int64_t article_id, int limit) override;
  Result<std::vector<ArticleSummary>> AlsoPublishedBy(int64_t article_id) override;
  Result<std::optional<int64_t>> FindArticleIdByTitle(std::string_view source,
                                                      std::string_view title) override;
  Result<std::vector<StoryInput>> ArticlesInTimeOrder(std::optional<TimeCursor> after,
                                                      int limit) override;
  Result<int64_t> FileInStory(int64_t article_id, int64_t story_id) override;
  Status MergeStories(int64_t from, int64_t into) override;
  Status MarkCopy(int64_t copy_id, int64_t canonical_id) override;
  Status ClearStories() override;
  Result<int64_t> LockStoryDesk() override;
  Result<int64_t> UnlockStoryDesk(bool filed) override;

 private:
  // kNotFound ("no <what> with id N") when `sql` (one $1 = id) returns no row.
  Status CheckRow(const char* sql, int64_t id, const char* what);
  Result<int64_t> CanonicalOf(int64_t article_id);
  Status FinishStoryJob(int64_t article_id);
  Result<std::optional<int64_t>> StoryOfLocked(int64_t article_id);
  // One-comment writes: kNotFound for an unknown comment, kConflict for editing a deleted one.
  Status WriteComment(int64_t comment_id, const char* sql, std::string_view text);
  // Every write transaction ends with this: the generation moves with each commit, whichever
  // node made it, never for a write that rolled back, and a NOTIFY carries the new value.
  Status BumpGeneration();
  Result<int64_t> FindOrAddSource(const Source& source, const Article& article);
  Result<bool> ArticleExists(int64_t id);
  // Marks or unmarks the articles (reader_sql.h MarkArticles).
  Status WriteEach(int64_t user_id, const std::vector<int64_t>& article_ids, ReaderMark mark,
                   bool on);
  // One attempt; nullopt when another node inserted the same article meanwhile (retry).
  Result<std::optional<UpsertOutcome>> TryUpsert(const Article& article);

  // One connection, one mutex, as in the SQLite store: requests are short, and a node that
  // needs more runs more processes (each with its own connection).
  std::mutex mu_;
  SystemClock system_clock_;
  std::unique_ptr<Connection> db_;
  const Clock* clock_;
  // Each stored article's length for bm25, counted as SQLite's search index counts it
  // (migration 15); used under mu_.
  std::unique_ptr<sqlite::SearchTokenCounter> tokens_;
};

}  // namespace wiredesk::store::postgres
