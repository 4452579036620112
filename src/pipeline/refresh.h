// Refreshing subscriptions: fetch the feeds that are due, parse them, turn each new entry into
// an Article (from the feed's full text, else from its page, else from its summary), store it
// once however many feeds list it, and schedule the next fetch.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "fetch/fetcher.h"
#include "pipeline/feed_schedule.h"
#include "pipeline/story_desk.h"
#include "store/store.h"

namespace wiredesk::pipeline {

struct RefreshOptions {
  int max_feeds = 1000;               // feeds per pass
  int workers = 4;                    // feeds fetched at once
  size_t max_new_entries = 100;       // new entries taken from one feed per pass
  bool fetch_pages = true;            // fetch the page of an entry that has only a summary
  size_t full_text_min_chars = 400;   // feed content this long (as text) is the article itself
  std::chrono::seconds max_retry_after{std::chrono::hours(24)};  // a Retry-After beyond this is cut
  PolitenessOptions politeness;
  ScheduleOptions schedule;
  // When set and true, a pass stops taking feeds (those left stay due): shutdown need not wait
  // for a whole pass of slow hosts.
  const std::atomic<bool>* stop = nullptr;
  // Files each new article in a story (see story_desk.h); RefreshDueFeeds and RunRefreshLoop
  // make one for themselves when this is null, RefreshFeed alone files nothing without it.
  StoryDesk* stories = nullptr;
};

enum class FeedOutcome { kUpdated, kNotModified, kFailed };
std::string_view FeedOutcomeName(FeedOutcome o);  // "updated", "not-modified", "failed"

struct FeedRefresh {
  int64_t feed_id = 0;
  std::string url;
  FeedOutcome outcome = FeedOutcome::kFailed;
  std::string error;     // kFailed: why, as the operator sees it
  std::string moved_to;  // a permanent redirect or autodiscovery changed the feed's URL
  int entries = 0;       // entries in the feed
  int new_entries = 0;   // entries not seen before
  int added = 0;         // articles stored for the first time
  int updated = 0;
  int linked = 0;        // new entries whose article was already stored (another feed, say)
  int pages_fetched = 0;
  std::vector<std::string> entry_errors;  // entries kept from their summary or skipped, and why
  Instant next_fetch_at{};
};

struct RefreshReport {
  std::vector<FeedRefresh> feeds;
  int updated = 0;
  int not_modified = 0;
  int failed = 0;
  int new_entries = 0;
  int articles_added = 0;
  int pages_fetched = 0;
};

// Refreshes one feed now, whatever its schedule, and records the outcome in the store.
// `limiter` (optional) spaces requests per host.
FeedRefresh RefreshFeed(store::Store& store, fetch::Fetcher& fetcher, const Clock& clock,
                        const store::FeedRecord& feed, const RefreshOptions& options,
                        HostLimiter* limiter = nullptr);

// One pass over the feeds due now, `options.workers` at a time, polite per host.
RefreshReport RefreshDueFeeds(store::Store& store, fetch::Fetcher& fetcher, const Clock& clock,
                              const RefreshOptions& options);

// Passes until `stop` is set: after each pass, waits until the next feed is due (checking at
// least every `poll`, so feeds added meanwhile are picked up). For `wiredesk refresh` and the
// scheduler thread in `wiredesk serve`. `on_pass` sees every pass's report.
void RunRefreshLoop(store::Store& store, fetch::Fetcher& fetcher, const Clock& clock,
                    const RefreshOptions& options, const std::atomic<bool>& stop,
                    const std::function<void(const RefreshReport&)>& on_pass = {},
                    std::chrono::seconds poll = std::chrono::seconds(30));

// The Article an entry stands for, without the network: from its full-text content when it
// has some, else from its summary. `source_name` names the publisher when the entry has no
// URL to name it by. kInvalidArgument when the entry has neither title nor text.
Result<Article> ArticleFromEntryContent(const Entry& entry, const std::string& source_name,
                                        Instant now);

// Whether the feed's content is the whole article (long enough), so its page need not be
// fetched.
bool HasFullText(const Entry& entry, size_t min_chars);

}  // namespace wiredesk::pipeline
