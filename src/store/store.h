// The Store interface: everything wiredesk keeps, behind one seam with SQLite and PostgreSQL
// backends. `serve` sees only StoreReader.
#pragma once

#include <cstdint>
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
  std::vector<SearchHit> hits;
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

class StoreReader {
 public:
  virtual ~StoreReader() = default;

  virtual Result<std::optional<Article>> FindArticle(int64_t id) = 0;
  // By IdentityUrl(), or failing that by the page URL, so a feed entry's link finds an article
  // stored under its canonical URL.
  virtual Result<std::optional<int64_t>> FindArticleIdByUrl(std::string_view identity_url) = 0;
  // Newest first, by published (captured when unknown). limit >= 1 (cut to kMaxPageSize),
  // offset >= 0; anything else is kInvalidArgument. SearchQuery has the same rules.
  virtual Result<ArticlePage> LatestArticles(int limit, int offset) = 0;
  // Full-text search over title and text, ranked by bm25 (title weighted above body).
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
};

class Store : public StoreReader {
 public:
  // Inserts the article, or updates the one with the same IdentityUrl(). Unchanged content
  // (same hash) is reported as kUnchanged and not rewritten. The source is found or created.
  // An article without any URL is identified by its source name and normalised title
  // (see IdentityKey in store/article_identity.h).
  virtual Result<UpsertOutcome> UpsertArticle(const Article& article) = 0;
  virtual Status DeleteArticle(int64_t id) = 0;
  virtual Status SetTags(int64_t article_id, const std::vector<Tag>& tags) = 0;
  virtual Result<int64_t> AddUser(const User& user) = 0;
  virtual Result<int64_t> AddComment(const Comment& comment) = 0;

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

 private:
  static Unexpected NoFeeds(std::string_view context) {
    return Fail(ErrorCode::kUnsupported, "this store does not keep feeds", std::string(context));
  }
};

struct StoreOptions {
  // Stamps first_seen_at/updated_at and comments/users without a time. Must outlive the
  // store; nullptr means the system clock.
  const Clock* clock = nullptr;
};

// Opens the store named by `spec`: a file path or "sqlite:FILE" (created if missing, migrated
// to the latest schema; its directory must exist), or a "postgresql://" URL once that backend
// exists. Other "scheme://" specs are kInvalidArgument.
Result<std::unique_ptr<Store>> OpenStore(std::string_view spec, const StoreOptions& options = {});

}  // namespace wiredesk::store
