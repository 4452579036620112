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
