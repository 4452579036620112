// The Store interface: everything wiredesk keeps, behind one seam with SQLite and PostgreSQL
// backends. `serve` sees only StoreReader.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk::store {

enum class UpsertKind { kAdded, kUpdated, kUnchanged };

struct UpsertOutcome {
  int64_t article_id = 0;
  UpsertKind kind = UpsertKind::kAdded;
};

// What article lists show; the full Article is read only for its own page.
struct ArticleSummary {
  int64_t id = 0;
  std::string url;
  std::string title;
  std::string dek;
  std::string byline;
  Source source;
  std::optional<Instant> published;
  Instant captured{};
  std::string language;
  int64_t comment_count = 0;  // visible (not hidden) comments
  // When this store first saw the article, and last changed it; first_seen_at survives updates.
  Instant first_seen_at{};
  Instant updated_at{};
};

struct ArticlePage {
  int64_t total = 0;
  std::vector<ArticleSummary> articles;
};

struct SearchQuery {
  std::string text;  // the user's words; never passed to FTS5 unquoted
  int limit = 20;
  int offset = 0;
};

// A search result. `snippet` is plain text with the matched terms between kMarkOpen and
// kMarkClose, so the page can escape it and then turn the marks into <mark>.
struct SearchHit {
  ArticleSummary article;
  std::string snippet;
  double score = 0;  // higher is better
};

inline constexpr char kMarkOpen = '\x01';
inline constexpr char kMarkClose = '\x02';

// Page sizes above this are cut to it; the server should not ask for more.
inline constexpr int kMaxPageSize = 200;

struct SearchResults {
  int64_t total = 0;
  // The total is an estimate ("about"): beyond kSearchExactTotal matches (search_terms.h),
  // or when PostgreSQL checks a phrase only in the newest articles holding its words because
  // very many do (see postgres/postgres_store.cc).
  bool total_estimated = false;
  std::vector<SearchHit> hits;
};

// ---- Work queue (see Store::ClaimJobs) ---------------------------------------------------------

enum class JobKind { kEnrich, kFileInStory };

struct QueuedJob {
  int64_t article_id = 0;
  Instant article_time{};  // published, else captured: the story desk files from the oldest
  int attempts = 0;        // claims so far, this one included
};

// ---- Feeds ---------------------------------------------------------------------------------

// What the operator subscribes to (`wiredesk feeds add`, an OPML import).
struct FeedSubscription {
  std::string url;
  std::string title;     // empty: learnt from the feed on its first fetch
  std::string folder;    // "News/World"; empty at the top level
  std::string site_url;  // the publisher's page; may be empty
};

enum class FeedState {
  kNew,      // never fetched
  kOk,       // the last fetch worked (or said "not modified")
  kFailing,  // the last fetch failed; see last_error and failures
};
// "new", "ok", "failing".
inline std::string_view FeedStateName(FeedState state) {
  switch (state) {
    case FeedState::kNew: return "new";
    case FeedState::kOk: return "ok";
    case FeedState::kFailing: return "failing";
  }
  return "new";
}

// A subscription with its fetch state.
struct FeedRecord {
  int64_t id = 0;
  std::string url;
  std::string title;
  std::string site_url;
  std::string folder;
  std::string etag;           // validators of the last 200, for conditional GET
  std::string last_modified;
  std::string last_error;     // the last failure, for the operator; empty after a success
  int failures = 0;           // consecutive failures: drives the back-off
  std::optional<Instant> last_fetched_at;
  std::optional<Instant> last_success_at;
  Instant next_fetch_at{};    // due when this is not in the future
  int64_t interval_seconds = 0;  // the refresh interval last chosen
  int64_t entry_count = 0;       // entries seen from this feed
  Instant created_at{};

  FeedState State() const {
    if (!last_fetched_at) return FeedState::kNew;
    return failures > 0 ? FeedState::kFailing : FeedState::kOk;
  }
};

// The outcome of one fetch of a feed, written by RecordFeedFetch.
struct FeedFetchUpdate {
  Instant fetched_at{};
  bool success = false;
  std::string error;           // when !success: one line for the operator
  int failures = 0;            // the new consecutive-failure count
  Instant next_fetch_at{};
  int64_t interval_seconds = 0;
  bool update_validators = false;  // replace etag/last_modified with these
  std::string etag;
  std::string last_modified;
  std::string new_url;   // non-empty: a permanent redirect or autodiscovery moved the feed
  std::string title;     // non-empty: the feed's title, kept only if the feed had none
  std::string site_url;  // non-empty: replaces site_url
};

// ---- Accounts and comments ------------------------------------------------------------------

// A user with what signing in needs. The store keeps only hashes: password_hash is an argon2id
// encoded string made by the caller, and session and API tokens are kept as hashes too, so a
// copy of the database signs nobody in.
struct Account {
  User user;
  std::string password_hash;  // empty: no password set (cannot sign in with one)
};

// What a moderator or author may do to a comment (see Store::ModerateComment).
enum class CommentAction { kHide, kRestore, kDelete };

// ---- Reader state ---------------------------------------------------------------------------

// A reader's subscription to one of the site's feeds, under the reader's own title and folder.
struct ReaderSubscription {
  int64_t feed_id = 0;
  std::string url;       // the feed's
  std::string title;     // the reader's title, else the feed's; empty when neither is known
  std::string folder;    // the reader's folder ("News"); empty at the top level
  std::string site_url;  // the publisher's page; may be empty
  Instant subscribed_at{};
};

// Which of a reader's articles a stream holds, and a page of it. Articles come in the order
// the store first saw them (their ids), newest first unless oldest_first: reader apps page
// by that order, and an id never moves in it.
struct ReaderStreamQuery {
  enum class Scope {
    kSubscribed,  // articles the reader's subscribed feeds listed (narrowed by feed_id, folder)
    kSaved,       // the reader's saved articles, subscribed or not
    kArticles,    // exactly article_ids, subscribed or not
  };
  int64_t user_id = 0;
  Scope scope = Scope::kSubscribed;
  int64_t feed_id = 0;                // kSubscribed: only this feed (0: every subscribed one)
  std::string folder;                 // kSubscribed: only feeds in this folder ("": all)
  std::vector<int64_t> article_ids;   // kArticles
  bool unread_only = false;
  int64_t after_id = 0;               // only ids above this
  int64_t before_id = 0;              // only ids below this (0: no bound)
  std::optional<Instant> seen_since;  // only articles first seen at or after this
  std::optional<Instant> seen_until;  // only articles first seen at or before this
  bool oldest_first = false;
  int limit = 20;                     // 1..kMaxReaderPage; anything else is kInvalidArgument
};
inline constexpr int kMaxReaderPage = 10000;

struct ReaderItem {
  ArticleSummary article;
  int64_t feed_id = 0;  // a subscribed feed that listed it; 0 when none did (saved elsewhere)
  bool read = false;
  std::optional<Instant> saved_at;  // set when the reader saved it
};

// Unread articles in one subscribed feed; feed_id 0 is every subscription together (an
// article two feeds listed counted once).
struct UnreadCount {
  int64_t feed_id = 0;
  int64_t count = 0;
  std::optional<Instant> newest;  // the newest unread article's first_seen_at
};

// ---- Stories ---------------------------------------------------------------------------------

// A story as lists show it. A syndicated copy is not counted as an article of its own (it is
// its canonical article under another outlet's name), but its outlet counts as a publisher.
struct StorySummary {
  int64_t id = 0;
  std::string headline;          // the newest article's headline
  int64_t article_count = 0;     // copies left out
  int64_t publisher_count = 0;   // distinct sources, copies' outlets included
  std::optional<Instant> first_published;  // the earliest article's time (published, else captured)
  std::optional<Instant> last_published;
  ArticleSummary lead;           // the newest article that is not a copy, for cards
};

struct StoryPage {
  int64_t total = 0;
  std::vector<StorySummary> stories;
};

// An article of a story with the outlets that published the same text as copies.
struct StoryArticle {
  ArticleSummary article;
  std::vector<Source> also_published_by;
};

// One publisher's articles in a story, newest first.
struct SourceCoverage {
  Source source;
  std::vector<StoryArticle> articles;
};

// Articles (copies included: each is coverage) published on one UTC day.
struct DayCoverage {
  Instant day{};  // 00:00 UTC
  int64_t articles = 0;
};

struct StoryDetail {
  StorySummary summary;
  std::vector<SourceCoverage> by_source;  // sources in the order of their first article
  std::vector<DayCoverage> coverage;      // oldest day first; days without articles left out
};

// An article shown as related coverage: from the same story, or from a related story.
struct RelatedArticle {
  ArticleSummary article;
  int64_t story_id = 0;
  bool same_story = false;
};

// What story clustering reads of a stored article.
struct StoryInput {
  int64_t article_id = 0;
  std::string title;
  std::string text;
  std::string source;
  std::optional<Instant> published;
  Instant captured{};
  std::vector<RelatedItem> related;  // the page's own related list (titles, URLs)
  int64_t story_id = 0;  // 0: in no story yet
  int64_t copy_of = 0;   // 0: not a syndicated copy

  Instant When() const { return published.value_or(captured); }
};

// A position in the articles' time order (published, else captured; then id).
struct TimeCursor {
  Instant time{};
  int64_t article_id = 0;
};

namespace internal {
inline Unexpected NoReaderState(std::string_view context) {
  return Fail(ErrorCode::kUnsupported, "this store does not keep reader state",
              std::string(context));
}
inline Unexpected NoStories(std::string_view context) {
  return Fail(ErrorCode::kUnsupported, "this store does not keep stories", std::string(context));
}
}  // namespace internal

class StoreReader {
 public:
  virtual ~StoreReader() = default;

  // ---- Stories. Defaults fail with kUnsupported, so other backends and fakes compile. ----

  // Largest and newest first: by the day of the latest article, then publishers, then
  // articles. Same paging rules as LatestArticles.
  virtual Result<StoryPage> ListStories(int limit, int offset) {
    (void)limit, (void)offset;
    return internal::NoStories({});
  }
  // nullopt for an unknown story.
  virtual Result<std::optional<StoryDetail>> FindStory(int64_t story_id) {
    return internal::NoStories(std::to_string(story_id));
  }
  // The story the article is filed in; nullopt when none.
  virtual Result<std::optional<int64_t>> StoryOf(int64_t article_id) {
    return internal::NoStories(std::to_string(article_id));
  }
  // The same story's articles first (newest first), then one article from each of the stories
  // that share the most hashtags with it; never the article itself, its canonical article or
  // a copy of either, and no copy at all. At most `limit` (>= 1).
  virtual Result<std::vector<RelatedArticle>> RelatedArticles(int64_t article_id, int limit) {
    (void)limit;
    return internal::NoStories(std::to_string(article_id));
  }
  // The other outlets' publications of the same text: for a canonical article its copies, for
  // a copy its canonical article and the other copies. Oldest first.
  virtual Result<std::vector<ArticleSummary>> AlsoPublishedBy(int64_t article_id) {
    return internal::NoStories(std::to_string(article_id));
  }
  // The article a source published under this headline (compared without case or extra
  // spaces); for a page's related list, which often names articles by headline only.
  virtual Result<std::optional<int64_t>> FindArticleIdByTitle(std::string_view source,
                                                              std::string_view title) {
    (void)source;
    return internal::NoStories(title);
  }
  // Articles in time order after `after` (from the first when nullopt), at most `limit`.
  virtual Result<std::vector<StoryInput>> ArticlesInTimeOrder(std::optional<TimeCursor> after,
                                                              int limit) {
    (void)after, (void)limit;
    return internal::NoStories({});
  }

  virtual Result<std::optional<Article>> FindArticle(int64_t id) = 0;
  // By IdentityUrl(), or failing that by the page URL, so a feed entry's link finds an article
  // stored under its canonical URL.
  virtual Result<std::optional<int64_t>> FindArticleIdByUrl(std::string_view identity_url) = 0;
  // Newest first, by published (captured when unknown); syndicated copies (MarkCopy) are left
  // out. limit >= 1 (cut to kMaxPageSize),
  // offset >= 0; anything else is kInvalidArgument. SearchQuery has the same rules.
  virtual Result<ArticlePage> LatestArticles(int limit, int offset) = 0;
  // Full-text search over title and text, ranked by bm25 (title weighted above body) over the
  // newest matches and the newest title matches when there are many (kSearchRankCandidates).
  virtual Result<SearchResults> Search(const SearchQuery& query) = 0;
  virtual Result<std::vector<Tag>> TagsOf(int64_t article_id) = 0;
  // Oldest first; hidden comments are included and flagged.
  virtual Result<std::vector<Comment>> CommentsOf(int64_t article_id) = 0;
  virtual Result<std::vector<Source>> Sources() = 0;
  virtual Result<int64_t> CountArticles() = 0;
  // Changes whenever anything is written, by this process or another; caches key on it.
  virtual Result<int64_t> Generation() = 0;

  // Subscriptions by folder, then title, then URL. Backends without feeds give kUnsupported
  // (the default, so read-only fakes need not implement it).
  virtual Result<std::vector<FeedRecord>> ListFeeds() {
    return Fail(ErrorCode::kUnsupported, "this store does not keep feeds");
  }

  // ---- Insights (key points, entities, quotes, timeline) and tags. Defaults: kUnsupported. --

  // What enrich stored for the article; nullopt when nothing was (yet).
  virtual Result<std::optional<ArticleInsights>> InsightsOf(int64_t article_id) {
    return Fail(ErrorCode::kUnsupported, "this store does not keep insights",
                std::to_string(article_id));
  }
  // Every article carrying the tag (its name compared without case, any kind), newest first;
  // paging as LatestArticles.
  virtual Result<ArticlePage> ArticlesTagged(std::string_view tag, int limit, int offset) {
    (void)limit, (void)offset;
    return Fail(ErrorCode::kUnsupported, "this store does not keep tags", std::string(tag));
  }

  // ---- Reader state (Store has the writes). Defaults: kUnsupported. ----

  // A reader's subscriptions, by folder, then title, then URL.
  virtual Result<std::vector<ReaderSubscription>> SubscriptionsOf(int64_t user_id) {
    return internal::NoReaderState(std::to_string(user_id));
  }
  // A page of one of the reader's streams (see ReaderStreamQuery).
  virtual Result<std::vector<ReaderItem>> ReaderStream(const ReaderStreamQuery& query) {
    return internal::NoReaderState(std::to_string(query.user_id));
  }
  // One count per subscribed feed (zeros included), then feed_id 0 for them all.
  virtual Result<std::vector<UnreadCount>> UnreadCounts(int64_t user_id) {
    return internal::NoReaderState(std::to_string(user_id));
  }
  // The reader's saved articles, the most recently saved first; paging as LatestArticles.
  virtual Result<ArticlePage> SavedArticles(int64_t user_id, int limit, int offset) {
    (void)limit, (void)offset;
    return internal::NoReaderState(std::to_string(user_id));
  }

  // One comment (hidden and deleted ones too); nullopt when there is none. kUnsupported by
  // default, like every accounts method, so read-only fakes need not implement it.
  virtual Result<std::optional<Comment>> FindComment(int64_t id) {
    (void)id;
    return Fail(ErrorCode::kUnsupported, "this store does not keep accounts");
  }
};

class Store : public StoreReader {
 public:
  // ---- Stories. Defaults fail with kUnsupported. Each call is one transaction. ----

  // Files the article in the story (story_id 0: a new story), taking it out of any other
  // (a story left empty goes). Returns the story's id. kNotFound for an unknown article or
  // story.
  virtual Result<int64_t> FileInStory(int64_t article_id, int64_t story_id) {
    (void)story_id;
    return internal::NoStories(std::to_string(article_id));
  }
  // Moves every article of `from` into `into`, then removes `from`. kNotFound when either is
  // unknown; merging a story into itself changes nothing.
  virtual Status MergeStories(int64_t from, int64_t into) {
    (void)into;
    return internal::NoStories(std::to_string(from));
  }
  // Records `copy_id` as a syndicated copy of `canonical_id` (0: no longer a copy). A copy
  // is left out of lists and related articles. kInvalidArgument for a copy of itself.
  virtual Status MarkCopy(int64_t copy_id, int64_t canonical_id) {
    (void)canonical_id;
    return internal::NoStories(std::to_string(copy_id));
  }
  // Forgets every story and copy mark (before a recomputation); articles stay.
  virtual Status ClearStories() { return internal::NoStories({}); }

  // Inserts the article, or updates the one with the same IdentityUrl(). Unchanged content
  // (same hash) is reported as kUnchanged and not rewritten. The source is found or created.
  // An article without any URL is identified by its source name and normalised title
  // (see IdentityKey in store/article_identity.h).
  virtual Result<UpsertOutcome> UpsertArticle(const Article& article) = 0;
  virtual Status DeleteArticle(int64_t id) = 0;
  virtual Status SetTags(int64_t article_id, const std::vector<Tag>& tags) = 0;
  virtual Result<int64_t> AddUser(const User& user) = 0;
  virtual Result<int64_t> AddComment(const Comment& comment) = 0;

  // Replaces the article's insights. kNotFound for an unknown article.
  virtual Status SetInsights(int64_t article_id, const ArticleInsights& insights) {
    (void)insights;
    return Fail(ErrorCode::kUnsupported, "this store does not keep insights",
                std::to_string(article_id));
  }

  // ---- Feeds. Defaults fail with kUnsupported, so a backend or fake can add them later. ----

  // Subscribes; due at once. kConflict when the URL is already subscribed, kInvalidArgument
  // when it is not an http(s) URL.
  virtual Result<int64_t> AddFeed(const FeedSubscription& feed) { return NoFeeds(feed.url); }
  virtual Result<std::optional<FeedRecord>> FindFeed(std::string_view url) { return NoFeeds(url); }
  // Unsubscribes (its seen-entry marks go with it; stored articles stay). kNotFound if absent.
  virtual Status RemoveFeed(std::string_view url) { return NoFeeds(url); }
  // Feeds with next_fetch_at <= now, most overdue first, at most `limit` (>= 1).
  virtual Result<std::vector<FeedRecord>> DueFeeds(Instant now, int limit) {
    (void)now, (void)limit;
    return NoFeeds({});
  }
  // Writes one fetch's outcome. kNotFound for an unknown id; kConflict when new_url is
  // another subscription's URL.
  virtual Status RecordFeedFetch(int64_t feed_id, const FeedFetchUpdate& update) {
    (void)update;
    return NoFeeds(std::to_string(feed_id));
  }
  // Whether the feed has listed this entry GUID before.
  virtual Result<bool> EntrySeen(int64_t feed_id, std::string_view guid) {
    (void)feed_id;
    return NoFeeds(guid);
  }
  // Marks the entry seen (linking the article it became, when article_id != 0); true when it
  // was not seen before.
  virtual Result<bool> MarkEntrySeen(int64_t feed_id, std::string_view guid, int64_t article_id) {
    (void)feed_id, (void)article_id;
    return NoFeeds(guid);
  }

  // ---- The story desk across nodes. Defaults fail with kUnsupported (one writer). ----

  // Waits for and takes the database-wide story desk lock (one node files at a time) and
  // returns the desk's epoch, which moves whenever a node ends a pass that filed something:
  // a desk that finds it moved since its own last pass must re-read the stories.
  virtual Result<int64_t> LockStoryDesk() {
    return Fail(ErrorCode::kUnsupported, "this store has one writer");
  }
  // Releases the lock, first moving the epoch when the pass filed something; returns the
  // epoch as the lock is released.
  virtual Result<int64_t> UnlockStoryDesk(bool filed) {
    (void)filed;
    return Fail(ErrorCode::kUnsupported, "this store has one writer");
  }

  // ---- Work queue: pipeline work owed to a stored article, shared by the nodes of one
  // PostgreSQL database so each piece runs once and a node that dies mid-job loses it to
  // another when its lease runs out. An upsert that adds or changes an article queues its
  // jobs claimed by the storing node; doing the work finishes them (FileInStory and MarkCopy
  // finish kFileInStory themselves). Defaults fail with kUnsupported: a single-file store has
  // one writer, which does the work as it stores. ----

  // Claims up to `limit` (>= 1) jobs of `kind` that no node holds or whose lease ran out,
  // oldest article first, for this node for the store's lease (10 minutes).
  virtual Result<std::vector<QueuedJob>> ClaimJobs(JobKind kind, Instant now, int limit) {
    (void)kind, (void)now, (void)limit;
    return Fail(ErrorCode::kUnsupported, "this store has no work queue");
  }
  // The job is done (a no-op when it is not queued).
  virtual Status FinishJob(JobKind kind, int64_t article_id) {
    (void)kind, (void)article_id;
    return Fail(ErrorCode::kUnsupported, "this store has no work queue");
  }
  // Queues `kind` for every stored article not already queued (`wiredesk enrich`); returns
  // how many were added.
  virtual Result<int64_t> QueueForAll(JobKind kind, Instant now) {
    (void)kind, (void)now;
    return Fail(ErrorCode::kUnsupported, "this store has no work queue");
  }

  // ---- Accounts. Defaults fail with kUnsupported. Sessions, tokens and passwords change no
  // page anyone sees, so these writes leave Generation() alone (a sign-in must not empty the
  // server's page cache); comment writes move it like any other. ----

  // A user who can sign in. kConflict when the name is taken (names compare case-insensitively),
  // kInvalidArgument for an empty name or an unknown role.
  virtual Result<int64_t> AddAccount(const User& user, std::string_view password_hash) {
    (void)password_hash;
    return NoAccounts(user.name);
  }
  virtual Result<std::optional<Account>> FindAccount(std::string_view name) {
    return NoAccounts(name);
  }
  virtual Result<std::optional<User>> FindUser(int64_t id) { return NoAccounts(std::to_string(id)); }
  // kNotFound for an unknown user.
  virtual Status SetPasswordHash(int64_t user_id, std::string_view password_hash) {
    (void)password_hash;
    return NoAccounts(std::to_string(user_id));
  }
  // kNotFound for an unknown user, kInvalidArgument for an unknown role.
  virtual Status SetRole(int64_t user_id, std::string_view role) {
    (void)role;
    return NoAccounts(std::to_string(user_id));
  }

  // Sessions: `token_hash` is a hash of the cookie's secret, never the secret.
  virtual Status AddSession(std::string_view token_hash, int64_t user_id, Instant expires) {
    (void)token_hash, (void)user_id, (void)expires;
    return NoAccounts({});
  }
  // The user whose session this is, if it has not expired by `now`.
  virtual Result<std::optional<User>> SessionUser(std::string_view token_hash, Instant now) {
    (void)token_hash, (void)now;
    return NoAccounts({});
  }
  // Ends one session; ending an unknown one is not an error.
  virtual Status DeleteSession(std::string_view token_hash) {
    (void)token_hash;
    return NoAccounts({});
  }
  // Ends every session of the user but `keep_hash` (after a password change), and any expired
  // session of anyone.
  virtual Status DeleteSessionsOf(int64_t user_id, std::string_view keep_hash, Instant now) {
    (void)keep_hash, (void)now;
    return NoAccounts(std::to_string(user_id));
  }

  // API tokens, for Authorization: Bearer. Returns the token's id. kNotFound for an unknown user.
  virtual Result<int64_t> AddApiToken(int64_t user_id, std::string_view token_hash,
                                      std::string_view label) {
    (void)token_hash, (void)user_id, (void)label;
    return NoAccounts({});
  }
  virtual Result<std::optional<User>> ApiTokenUser(std::string_view token_hash) {
    (void)token_hash;
    return NoAccounts({});
  }

  // ---- Comment moderation ----

  // New text for a comment, stamped `edited` now. kNotFound when there is no such comment,
  // kConflict when it was deleted.
  virtual Status EditComment(int64_t comment_id, std::string_view body) {
    (void)body;
    return NoAccounts(std::to_string(comment_id));
  }
  // kHide/kRestore flip `hidden`; kDelete clears the body and marks it deleted (its replies
  // stay). kNotFound when there is no such comment.
  virtual Status ModerateComment(int64_t comment_id, CommentAction action) {
    (void)action;
    return NoAccounts(std::to_string(comment_id));
  }
  // A reader reports a comment, once per reader; returns the comment's report count.
  // kNotFound for an unknown comment or user.
  virtual Result<int64_t> ReportComment(int64_t comment_id, int64_t user_id,
                                        std::string_view reason) {
    (void)user_id, (void)reason;
    return NoAccounts(std::to_string(comment_id));
  }
  // Comments the user wrote at or after `since` (deleted ones count): the posting rate limit.
  virtual Result<int64_t> CountCommentsSince(int64_t user_id, Instant since) {
    (void)since;
    return NoAccounts(std::to_string(user_id));
  }

  // ---- Reader state: each reader's subscriptions, read and saved articles. Defaults fail with
  // kUnsupported. Like account writes, these change no page anyone else sees, so they leave
  // Generation() alone; pages showing them are the reader's own and never cached. ----

  // Subscribes the reader to the feed at feed.url, adding it to the site's feeds (due at
  // once, so the refresher fetches it) when no one had it. Subscribing again keeps the
  // subscription and takes the new title and folder. Returns the feed's id.
  // kInvalidArgument for a URL that is not http(s), kNotFound for an unknown user.
  virtual Result<int64_t> Subscribe(int64_t user_id, const FeedSubscription& feed) {
    (void)user_id;
    return NoReaderState(feed.url);
  }
  // nullopt keeps the title or folder as it is ("" clears it). kNotFound when not subscribed.
  virtual Status EditSubscription(int64_t user_id, int64_t feed_id,
                                  std::optional<std::string> title,
                                  std::optional<std::string> folder) {
    (void)user_id, (void)title, (void)folder;
    return NoReaderState(std::to_string(feed_id));
  }
  // The site's feed stays (other readers, the front page). kNotFound when not subscribed.
  virtual Status Unsubscribe(int64_t user_id, int64_t feed_id) {
    (void)user_id;
    return NoReaderState(std::to_string(feed_id));
  }
  // Marks the articles read (or unread again); ids of no article are skipped.
  virtual Status SetRead(int64_t user_id, const std::vector<int64_t>& article_ids, bool read) {
    (void)article_ids, (void)read;
    return NoReaderState(std::to_string(user_id));
  }
  // Marks read every article of the query's stream (its scope, feed_id, folder, before_id and
  // seen_until; paging and unread_only aside). Returns how many were unread.
  virtual Result<int64_t> MarkStreamRead(const ReaderStreamQuery& query) {
    return NoReaderState(std::to_string(query.user_id));
  }
  // Saves the articles (stamped now; saving again keeps the first time), or unsaves them;
  // ids of no article are skipped.
  virtual Status SetSaved(int64_t user_id, const std::vector<int64_t>& article_ids, bool saved) {
    (void)article_ids, (void)saved;
    return NoReaderState(std::to_string(user_id));
  }
  // The reader apps' key (serve/reader/app_password.h): kept as a hash like API tokens, one
  // per user; an empty hash removes it. kNotFound for an unknown user, kConflict when another
  // user has the same hash.
  virtual Status SetAppKeyHash(int64_t user_id, std::string_view key_hash) {
    (void)key_hash;
    return NoReaderState(std::to_string(user_id));
  }
  virtual Result<std::optional<User>> AppKeyUser(std::string_view key_hash) {
    (void)key_hash;
    return NoReaderState({});
  }
 private:
  static Unexpected NoReaderState(std::string_view context) {
    return internal::NoReaderState(context);
  }
  static Unexpected NoFeeds(std::string_view context) {
    return Fail(ErrorCode::kUnsupported, "this store does not keep feeds", std::string(context));
  }
  static Unexpected NoAccounts(std::string_view context) {
    return Fail(ErrorCode::kUnsupported, "this store does not keep accounts", std::string(context));
  }
};

struct StoreOptions {
  // Stamps first_seen_at/updated_at and comments/users without a time. Must outlive the
  // store; nullptr means the system clock.
  const Clock* clock = nullptr;
};

// Where the backend can push (PostgreSQL: LISTEN/NOTIFY), a watch calls `on_change` from its
// own thread with each new Generation() as soon as any process commits it; it reconnects by
// itself after a lost connection. live() says whether it is connected now: while it is not,
// the caller must poll Generation() as before.
class GenerationWatch {
 public:
  virtual ~GenerationWatch() = default;
  virtual bool live() const = 0;
};
// kUnsupported for a store that cannot push (SQLite: poll its file's generation).
Result<std::unique_ptr<GenerationWatch>> WatchGeneration(std::string_view spec,
                                                         std::function<void(int64_t)> on_change);

// Opens the store named by `spec`: a file path or "sqlite:FILE" (created if missing, migrated
// to the latest schema; its directory must exist), or a "postgresql://" (or "postgres://") URL
// of an existing database (migrated at open). Other "scheme://" specs are kInvalidArgument.
Result<std::unique_ptr<Store>> OpenStore(std::string_view spec, const StoreOptions& options = {});

}  // namespace wiredesk::store
