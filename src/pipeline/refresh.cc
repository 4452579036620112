// The refresh pass reads like the handler it is: fetch, parse, per new entry build and store,
// record. Failures are values all the way; a bad entry is reported and skipped, a bad feed
// backs off, and nothing stops the pass.
#include "pipeline/refresh.h"

#include <algorithm>
#include <cstdio>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/text.h"
#include "core/url.h"
#include "enrich/language.h"
#include "parse/feed_discovery.h"
#include "parse/feed_html.h"
#include "parse/feed_parser.h"
#include "pipeline/enrichment.h"
#include "pipeline/page_input.h"
#include "pipeline/work_queue.h"

namespace wiredesk::pipeline {

namespace {

using Ms = std::chrono::milliseconds;

Ms SteadyNow() {
  return std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now().time_since_epoch());
}

std::string HostOf(std::string_view url) {
  auto u = ParseUrl(url);
  return u ? u->host : std::string();
}

// Holds a per-host slot for the length of one request.
class HostSlot {
 public:
  HostSlot(HostLimiter* limiter, std::string host) : limiter_(limiter), host_(std::move(host)) {
    if (limiter_ == nullptr) return;
    while (auto wait = limiter_->TryAcquire(host_, SteadyNow())) std::this_thread::sleep_for(*wait);
  }
  ~HostSlot() {
    if (limiter_ != nullptr) limiter_->Release(host_);
  }
  HostSlot(const HostSlot&) = delete;
  HostSlot& operator=(const HostSlot&) = delete;

 private:
  HostLimiter* limiter_;
  std::string host_;
};

Result<fetch::FetchResponse> PoliteFetch(fetch::Fetcher& fetcher, HostLimiter* limiter,
                                         const fetch::FetchRequest& request) {
  HostSlot slot(limiter, HostOf(request.url));
  return fetcher.Fetch(request);
}

std::string StatusLine(const fetch::FetchResponse& r) {
  std::string s = "HTTP " + std::to_string(r.status);
  switch (r.status) {
    case 401: s += " Unauthorized"; break;
    case 403: s += " Forbidden"; break;
    case 404: s += " Not Found"; break;
    case 410: s += " Gone"; break;
    case 429: s += " Too Many Requests"; break;
    case 500: s += " Internal Server Error"; break;
    case 502: s += " Bad Gateway"; break;
    case 503: s += " Service Unavailable"; break;
    default: break;
  }
  return s;
}

// A document around an entry's HTML, so the extractor (which reads pages) can read it.
std::string EntryPage(const Entry& e) {
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>";
  AppendHtmlEscaped(html, e.title);
  html += "</title></head><body><article><h1>";
  AppendHtmlEscaped(html, e.title);
  html += "</h1>";
  html += e.content_html.empty() ? e.summary : e.content_html;
  html += "</article></body></html>";
  return html;
}

// What the feed knows fills what the page left out.
void FillFromEntry(Article& a, const Entry& e) {
  if (a.title.empty()) a.title = e.title;
  if (a.byline.empty()) a.byline = e.author;
  if (!a.published) a.published = e.published;
  if (a.images.empty() && !e.image.empty()) a.images.push_back(Image{e.image, "", ""});
}

}  // namespace

std::string_view FeedOutcomeName(FeedOutcome o) {
  switch (o) {
    case FeedOutcome::kUpdated: return "updated";
    case FeedOutcome::kNotModified: return "not-modified";
    case FeedOutcome::kFailed: return "failed";
  }
  return "failed";
}

bool HasFullText(const Entry& entry, size_t min_chars) {
  if (entry.content_html.empty()) return false;
  return Utf8Length(parse::HtmlToPlainText(entry.content_html)) >= min_chars;
}

Result<Article> ArticleFromEntryContent(const Entry& entry, const std::string& source_name,
                                        Instant now) {
  const std::string& html = entry.content_html.empty() ? entry.summary : entry.content_html;
  if (Trim(entry.title).empty() && Trim(parse::HtmlToPlainText(html)).empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the entry has neither a title nor any text",
                entry.guid);
  }
  PageFacts facts;
  facts.url = entry.url;
  facts.published = entry.published;
  facts.captured = now;
  if (entry.url.empty()) facts.source.name = source_name;
  // The extractor gives blocks, images and captions when the content is rich enough.
  auto extracted = ExtractBytes(EntryPage(entry), InputFormat::kHtml, facts, now);
  Article a;
  if (extracted && !extracted->text.empty()) {
    a = std::move(*extracted);
  } else {
    // Too little for the extractor: one paragraph of the summary's text.
    a.url = entry.url;
    a.captured = now;
    a.published = entry.published;
    const std::string text = parse::HtmlToPlainText(html);
    if (!text.empty()) a.blocks.push_back(Block{BlockKind::kParagraph, text, ""});
    a.text = JoinBodyText(a.blocks);
    a.source.name = entry.url.empty() ? source_name : DisplayHost(entry.url);
    if (auto u = ParseUrl(entry.url)) a.source.url = u->Origin() + "/";
    a.language = enrich::DetectLanguage(entry.title + "\n" + a.text);
  }
  a.title = entry.title;  // the feed's headline is the one the publisher chose for it
  if (a.title.empty()) a.title = TruncateWords(a.text, 80);
  if (!entry.author.empty()) a.byline = entry.author;
  FillFromEntry(a, entry);
  return a;
}

namespace {

// `slot_held`: the caller already holds `limiter`'s slot for the feed's host; it is released
// here when the feed request ends.
FeedRefresh RefreshFeedImpl(store::Store& store, fetch::Fetcher& fetcher, const Clock& clock,
                            const store::FeedRecord& feed, const RefreshOptions& options,
                            HostLimiter* limiter, bool slot_held) {
  FeedRefresh out;
  out.feed_id = feed.id;
  out.url = feed.url;
  const Instant now = clock.Now();
  store::FeedFetchUpdate update;
  update.fetched_at = now;

  auto fail = [&](std::string message, std::optional<Instant> not_before = std::nullopt) {
    out.outcome = FeedOutcome::kFailed;
    out.error = std::move(message);
    update.success = false;
    update.error = out.error;
    update.failures = feed.failures + 1;
    update.next_fetch_at = now + BackoffDelay(update.failures, options.schedule);
    if (not_before && *not_before > update.next_fetch_at) {
      update.next_fetch_at = std::min(*not_before, now + options.max_retry_after);
    }
    update.interval_seconds = feed.interval_seconds;
    out.next_fetch_at = update.next_fetch_at;
    if (auto st = store.RecordFeedFetch(feed.id, update); !st) {
      out.error += "; and the failure could not be recorded: " + st.error().ToString();
    }
    return out;
  };

  fetch::FetchRequest request{feed.url};
  request.etag = feed.etag;
  request.last_modified = feed.last_modified;
  Result<fetch::FetchResponse> response = Fail(ErrorCode::kInternal, "not fetched");
  if (slot_held && limiter != nullptr) {
    response = fetcher.Fetch(request);
    limiter->Release(HostOf(feed.url));
  } else {
    response = PoliteFetch(fetcher, limiter, request);
  }
  if (!response) return fail(response.error().message);

  if (response->NotModified()) {
    // RFC 9111 §4.3.4: a 304 may carry new validators; keep them.
    out.outcome = FeedOutcome::kNotModified;
    update.success = true;
    update.update_validators = !response->etag.empty() || !response->last_modified.empty();
    update.etag = response->etag.empty() ? feed.etag : response->etag;
    update.last_modified =
        response->last_modified.empty() ? feed.last_modified : response->last_modified;
    const auto interval = feed.interval_seconds > 0
                              ? std::chrono::seconds(feed.interval_seconds)
                              : options.schedule.default_interval;
    update.interval_seconds = interval.count();
    update.next_fetch_at = now + interval;
    if (response->permanent_redirect && response->url != feed.url) update.new_url = response->url;
    out.moved_to = update.new_url;
    out.next_fetch_at = update.next_fetch_at;
    if (auto st = store.RecordFeedFetch(feed.id, update); !st) {
      out.outcome = FeedOutcome::kFailed;
      out.error = st.error().ToString();
    }
    return out;
  }
  if (response->status == 429 || response->status == 503) {
    std::string msg = StatusLine(*response);
    if (response->retry_after) msg += " (retry after " + FormatIso8601(*response->retry_after) + ")";
    return fail(msg, response->retry_after);
  }
  if (!response->Ok()) return fail(StatusLine(*response));

  std::string feed_url = response->url;
  std::string new_url =
      response->permanent_redirect && response->url != feed.url ? response->url : std::string();
  parse::FeedParseOptions parse_options;
  parse_options.url = feed_url;
  auto parsed = parse::ParseFeed(response->body, parse_options);
  if (!parsed && parsed.error().message == "not a feed (an HTML page)") {
    // Autodiscovery: the operator gave a site's page; follow its first announced feed.
    const auto found = parse::DiscoverFeeds(response->body, feed_url);
    if (found.empty()) return fail("the page at this URL announces no feed");
    auto discovered = PoliteFetch(fetcher, limiter, fetch::FetchRequest{found.front().url});
    if (!discovered) return fail("discovered feed " + found.front().url + ": " + discovered.error().message);
    if (!discovered->Ok()) return fail("discovered feed " + found.front().url + ": " + StatusLine(*discovered));
    feed_url = discovered->url;
    new_url = feed_url;
    parse_options.url = feed_url;
    response = std::move(discovered);
    parsed = parse::ParseFeed(response->body, parse_options);
  }
  if (!parsed) return fail("the feed cannot be read: " + parsed.error().message);

  const parse::ParsedFeed& f = *parsed;
  out.entries = static_cast<int>(f.entries.size());
  const std::string source_name = !f.feed.title.empty() ? f.feed.title : DisplayHost(f.site_url);

  // Oldest first, so articles are stored in the order they were published.
  for (auto it = f.entries.rbegin(); it != f.entries.rend(); ++it) {
    const Entry& e = *it;
    if (out.new_entries >= static_cast<int>(options.max_new_entries)) break;
    auto seen = store.EntrySeen(feed.id, e.guid);
    if (!seen) {
      out.entry_errors.push_back(e.guid + ": " + seen.error().ToString());
      continue;
    }
    if (*seen) continue;
    ++out.new_entries;

    // The same article through another feed (or an earlier ingest): stored once.
    if (!e.url.empty()) {
      auto existing = store.FindArticleIdByUrl(e.url);
      if (existing && *existing) {
        ++out.linked;
        (void)store.MarkEntrySeen(feed.id, e.guid, **existing);
        continue;
      }
    }

    Result<Article> article = Fail(ErrorCode::kInternal, "not built");
    const bool full_text = HasFullText(e, options.full_text_min_chars);
    if (!full_text && options.fetch_pages && !e.url.empty()) {
      fetch::FetchRequest page{e.url};
      page.accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
      auto fetched = PoliteFetch(fetcher, limiter, page);
      ++out.pages_fetched;
      if (fetched && fetched->Ok()) {
        PageFacts facts;
        facts.url = fetched->url;
        facts.captured = now;
        article = ExtractBytes(fetched->body, InputFormat::kHtml, facts, now);
        if (article) {
          FillFromEntry(*article, e);
        } else {
          out.entry_errors.push_back(e.url + ": page not extracted (" + article.error().message +
                                     "); kept the feed's summary");
        }
      } else {
        out.entry_errors.push_back(e.url + ": page not fetched (" +
                                   (fetched ? StatusLine(*fetched) : fetched.error().message) +
                                   "); kept the feed's summary");
      }
    }
    if (!article) article = ArticleFromEntryContent(e, source_name, now);
    if (!article) {
      // Nothing to store, ever: remember the entry so it is not retried each pass.
      out.entry_errors.push_back(e.guid + ": " + article.error().message);
      (void)store.MarkEntrySeen(feed.id, e.guid, 0);
      continue;
    }
    auto stored = store.UpsertArticle(*article);
    if (!stored) {
      // Not marked seen: a storage failure may pass, and the entry is tried again next time.
      out.entry_errors.push_back(e.guid + ": " + stored.error().ToString());
      continue;
    }
    if (stored->kind != store::UpsertKind::kUnchanged) {
      // Before filing: related stories are found through the hashtags. One enricher per
      // worker thread: it keeps per-language state and is not thread-safe.
      thread_local enrich::ArticleEnricher enricher;
      if (auto st = EnrichStored(store, enricher, stored->article_id, *article, now); !st) {
        out.entry_errors.push_back(e.guid + ": stored, but its hashtags and insights were not: " +
                                   st.error().ToString());
      }
    }
    if (stored->kind == store::UpsertKind::kAdded) {
      ++out.added;
      if (options.stories != nullptr) {
        auto filed = options.stories->File(stored->article_id);
        if (!filed && filed.error().code != ErrorCode::kUnsupported) {
          out.entry_errors.push_back(e.guid + ": stored, but not filed in a story: " +
                                     filed.error().ToString());
        }
      }
    }
    if (stored->kind == store::UpsertKind::kUpdated) ++out.updated;
    if (stored->kind == store::UpsertKind::kUnchanged) ++out.linked;
    if (auto st = store.MarkEntrySeen(feed.id, e.guid, stored->article_id); !st) {
      out.entry_errors.push_back(e.guid + ": " + st.error().ToString());
    }
  }

  std::vector<Instant> dates;
  for (const Entry& e : f.entries) {
    if (e.published) dates.push_back(*e.published);
  }
  const auto interval = AdaptiveInterval(std::move(dates), now, options.schedule);
  out.outcome = FeedOutcome::kUpdated;
  update.success = true;
  update.failures = 0;
  update.update_validators = true;
  update.etag = response->etag;
  update.last_modified = response->last_modified;
  update.interval_seconds = interval.count();
  update.next_fetch_at = now + interval;
  update.title = f.feed.title;
  update.site_url = f.site_url;
  update.new_url = new_url;
  out.moved_to = new_url;
  out.next_fetch_at = update.next_fetch_at;
  if (auto st = store.RecordFeedFetch(feed.id, update); !st) {
    if (st.error().code == ErrorCode::kConflict && !update.new_url.empty()) {
      // Moved to a feed already subscribed: keep this one where it is.
      update.new_url.clear();
      out.moved_to.clear();
      st = store.RecordFeedFetch(feed.id, update);
    }
    if (!st) {
      out.outcome = FeedOutcome::kFailed;
      out.error = st.error().ToString();
    }
  }
  return out;
}

}  // namespace

FeedRefresh RefreshFeed(store::Store& store, fetch::Fetcher& fetcher, const Clock& clock,
                        const store::FeedRecord& feed, const RefreshOptions& options,
                        HostLimiter* limiter) {
  return RefreshFeedImpl(store, fetcher, clock, feed, options, limiter, /*slot_held=*/false);
}

RefreshReport RefreshDueFeeds(store::Store& store, fetch::Fetcher& fetcher, const Clock& clock,
                              const RefreshOptions& options) {
  RefreshReport report;
  auto due = store.DueFeeds(clock.Now(), std::max(1, options.max_feeds));
  if (!due) {
    FeedRefresh r;
    r.error = due.error().ToString();
    report.feeds.push_back(std::move(r));
    ++report.failed;
    return report;
  }
  HostLimiter limiter(options.politeness);
  // New articles are filed in stories by the caller's desk, else by one for this pass.
  std::optional<StoryDesk> own_desk;
  RefreshOptions filing = options;
  if (filing.stories == nullptr) filing.stories = &own_desk.emplace(store);
  std::mutex mu;
  // Feeds wait in the queue; a worker takes the first one whose host has a free slot, so one
  // slow host does not hold up the rest.
  std::deque<store::FeedRecord> queue(due->begin(), due->end());
  auto worker = [&] {
    while (true) {
      std::optional<store::FeedRecord> next;
      Ms wait{50};
      {
        std::lock_guard lock(mu);
        if (queue.empty() || (options.stop && *options.stop)) return;
        for (auto it = queue.begin(); it != queue.end(); ++it) {
          const auto w = limiter.TryAcquire(HostOf(it->url), SteadyNow());
          if (!w) {
            next = std::move(*it);
            queue.erase(it);
            break;
          }
          wait = std::min(wait, *w);
        }
      }
      if (!next) {
        std::this_thread::sleep_for(std::max(wait, Ms(1)));
        continue;
      }
      // The slot taken above is the feed request's; pages and discovery queue for their own.
      FeedRefresh r = RefreshFeedImpl(store, fetcher, clock, *next, filing, &limiter,
                                      /*slot_held=*/true);
      std::lock_guard lock(mu);
      report.feeds.push_back(std::move(r));
    }
  };
  const int n = std::clamp(options.workers, 1, 64);
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();

  std::sort(report.feeds.begin(), report.feeds.end(),
            [](const FeedRefresh& a, const FeedRefresh& b) { return a.feed_id < b.feed_id; });
  for (const FeedRefresh& r : report.feeds) {
    switch (r.outcome) {
      case FeedOutcome::kUpdated: ++report.updated; break;
      case FeedOutcome::kNotModified: ++report.not_modified; break;
      case FeedOutcome::kFailed: ++report.failed; break;
    }
    report.new_entries += r.new_entries;
    report.articles_added += r.added;
    report.pages_fetched += r.pages_fetched;
  }
  return report;
}

void RunRefreshLoop(store::Store& store, fetch::Fetcher& fetcher, const Clock& clock,
                    const RefreshOptions& options, const std::atomic<bool>& stop,
                    const std::function<void(const RefreshReport&)>& on_pass,
                    std::chrono::seconds poll) {
  RefreshOptions pass_options = options;
  pass_options.stop = &stop;
  // One desk for the loop's life: its window is read back from the store once, not per pass.
  std::optional<StoryDesk> desk;
  if (pass_options.stories == nullptr) pass_options.stories = &desk.emplace(store);
  enrich::ArticleEnricher enricher;
  while (!stop) {
    RefreshReport report = RefreshDueFeeds(store, fetcher, clock, pass_options);
    // Then what other nodes left behind (PostgreSQL: a node died mid-article).
    if (auto backlog = WorkBacklog(store, enricher, *pass_options.stories, clock); !backlog) {
      std::fprintf(stderr, "wiredesk: backlog: %s\n", backlog.error().ToString().c_str());
    }
    if (on_pass) on_pass(report);
    // Sleep until the next feed is due, or `poll` (a feed may be added meanwhile).
    auto wake = std::chrono::steady_clock::now() + poll;
    if (auto feeds = store.ListFeeds()) {
      const Instant now = clock.Now();
      for (const store::FeedRecord& f : *feeds) {
        const auto in = f.next_fetch_at <= now ? std::chrono::seconds(1) : f.next_fetch_at - now;
        wake = std::min(wake, std::chrono::steady_clock::now() + in);
      }
    }
    while (!stop && std::chrono::steady_clock::now() < wake) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

}  // namespace wiredesk::pipeline
