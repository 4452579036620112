#include "serve/story_routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/text.h"
#include "enrich/summarize/new_points.h"
#include "enrich/timex/timeline.h"
#include "serve/api/api_routes.h"
#include "serve/api/story_api.h"
#include "serve/insights_view.h"
#include "serve/page_data.h"
#include "serve/router.h"

namespace wiredesk::serve {

namespace mu = kainjow::mustache;
using Data = mu::data;

namespace {

// The coverage chart: at most this many bars (days are grouped when a story runs longer), in
// an SVG viewBox this wide and high. Sizes are SVG attributes, not style: the CSP allows no
// inline style.
constexpr int kMaxBars = 30;
constexpr double kChartWidth = 300;
constexpr double kChartHeight = 60;
constexpr size_t kDekChars = 240;

Data Str(std::string_view s) { return Data(std::string(s)); }
Data Opt(std::string_view s) { return s.empty() ? Data(false) : Data(std::string(s)); }
Data NewList() { return Data(Data::type::list); }

std::string Count(int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

Instant When(const store::ArticleSummary& a) { return a.published.value_or(a.captured); }

std::string Names(const std::vector<Source>& sources) {
  std::string out;
  for (size_t i = 0; i < sources.size(); ++i) {
    if (i > 0) out += i + 1 == sources.size() ? " and " : ", ";
    out += sources[i].name;
  }
  return out;
}

void SetTime(Data& d, std::string_view prefix, Instant now, Instant when) {
  const std::string p(prefix);
  d.set(p + "ago", RelativeTime(now, when));
  d.set(p + "iso", FormatIso8601(when));
  d.set(p + "date", HumanDate(when));
}

// Bars for the coverage per day, oldest first; days without articles are empty slots.
Data Chart(const std::vector<store::DayCoverage>& per_day, Data& d) {
  Data bars = NewList();
  if (per_day.empty()) return bars;
  using std::chrono::days;
  const auto day_no = [](Instant t) {
    return std::chrono::floor<days>(t).time_since_epoch().count();
  };
  const int64_t first = day_no(per_day.front().day);
  const int64_t span = day_no(per_day.back().day) - first + 1;
  const int64_t per_bar = (span + kMaxBars - 1) / kMaxBars;
  const int64_t count = (span + per_bar - 1) / per_bar;
  std::vector<int64_t> totals(static_cast<size_t>(count), 0);
  for (const store::DayCoverage& c : per_day) {
    totals[static_cast<size_t>((day_no(c.day) - first) / per_bar)] += c.articles;
  }
  const int64_t top = std::max<int64_t>(1, *std::max_element(totals.begin(), totals.end()));
  const double width = kChartWidth / static_cast<double>(count);
  for (int64_t i = 0; i < count; ++i) {
    const int64_t n = totals[static_cast<size_t>(i)];
    const double h = n == 0 ? 0 : std::max(2.0, kChartHeight * static_cast<double>(n) / top);
    const Instant from{days(first + i * per_bar)};
    Data bar;
    bar.set("bar_x", fmt::format("{:.1f}", width * static_cast<double>(i) + width * 0.1));
    bar.set("bar_y", fmt::format("{:.1f}", kChartHeight - h));
    bar.set("bar_w", fmt::format("{:.1f}", width * 0.8));
    bar.set("bar_h", fmt::format("{:.1f}", h));
    bar.set("bar_label", per_bar == 1 ? fmt::format("{}: {}", HumanDate(from), Count(n, "article", "articles"))
                                      : fmt::format("{} to {}: {}", HumanDate(from),
                                                    HumanDate(from + days(per_bar - 1)),
                                                    Count(n, "article", "articles")));
    bars.push_back(bar);
  }
  d.set("chart_from", HumanDate(per_day.front().day));
  d.set("chart_to", HumanDate(per_day.back().day));
  d.set("chart_unit", per_bar == 1 ? std::string("day") : fmt::format("{} days", per_bar));
  return bars;
}

Response StoreFailure(Pages& pages, const Error& e) {
  std::fprintf(stderr, "wiredesk serve: %s\n", e.ToString().c_str());
  return pages.Error(500, "The news store could not be read. Try again in a moment.");
}

}  // namespace

Response StoryPages::Front(const QueryParams& params) {
  const std::optional<int> page = ParsePageNumber(params);
  if (!page) return pages_.Error(400, "The page number must be a whole number from 1 to 10000.");
  auto stories = pages_.store().ListStories(kStoriesPageSize, (*page - 1) * kStoriesPageSize);
  if (!stories && stories.error().code == ErrorCode::kUnsupported) return pages_.Front(params);
  if (!stories) return StoreFailure(pages_, stories.error());
  if (stories->total == 0) {
    // Articles stored before stories were (or never clustered): show them rather than nothing.
    auto count = pages_.store().CountArticles();
    if (count && *count > 0) return pages_.Front(params);
  }
  const Instant now = pages_.clock().Now();
  PageData data;
  Data& d = data.value;
  Data list = NewList();
  for (const store::StorySummary& s : stories->stories) {
    Data item;
    item.set("s_id", std::to_string(s.id));
    // A story of one article is that article: its card goes straight to it.
    const bool single = s.article_count <= 1 && s.publisher_count <= 1 && s.lead.id != 0;
    item.set("s_href", single ? fmt::format("/articles/{}", s.lead.id)
                              : fmt::format("/stories/{}", s.id));
    item.set("s_headline", Str(s.headline.empty() ? "Untitled" : s.headline));
    item.set("s_multi", !single);
    item.set("s_articles", Count(s.article_count, "article", "articles"));
    item.set("s_publishers", Count(s.publisher_count, "publisher", "publishers"));
    item.set("s_source", Str(s.lead.source.name));
    item.set("s_dek", Opt(TruncateWords(CollapseWhitespace(s.lead.dek), kDekChars)));
    SetTime(item, "s_", now, s.last_published.value_or(When(s.lead)));
    list.push_back(item);
  }
  d.set("has_stories", !stories->stories.empty());
  d.set("stories", list);
  d.set("pager", Pager("/", *page, stories->total, kStoriesPageSize));
  d.set("alt_links", FeedAlternates("Latest news", "/feed"));
  return pages_.Render(200, "stories", *page > 1 ? fmt::format("Top stories, page {}", *page)
                                                 : std::string("Top stories"),
                       data);
}

namespace {

// A story's articles read for its AI features: its newest ones (the page is cached, and a
// long story's early coverage is in its timeline through the later articles anyway).
constexpr size_t kStoryInsightArticles = 30;
constexpr size_t kStoryTimelineEntries = 15;

// The story's AI features from what enrich stored for its articles; no model runs here.
// Key points: the newest article's, less those that earlier coverage's points already made
// (what is new in the latest report; enrich/summarize/new_points.h compares content words). Timeline: the articles' timelines merged, a sentence several
// articles carry kept once.
void AddStoryInsights(store::StoreReader& store, const store::StoryDetail& story, Data& d) {
  std::vector<const store::ArticleSummary*> articles;
  for (const store::SourceCoverage& group : story.by_source) {
    for (const store::StoryArticle& sa : group.articles) articles.push_back(&sa.article);
  }
  std::stable_sort(articles.begin(), articles.end(), [](const auto* a, const auto* b) {
    return When(*a) > When(*b);
  });
  if (articles.size() > kStoryInsightArticles) articles.resize(kStoryInsightArticles);
  std::vector<std::vector<DatedEvent>> timelines;
  std::vector<std::string> newest_points;
  std::vector<std::string> earlier_points;
  std::string_view language = "en";
  for (size_t i = 0; i < articles.size(); ++i) {
    auto insights = store.InsightsOf(articles[i]->id);
    if (!insights || !*insights) continue;  // a store without insights: nothing to show
    if (newest_points.empty() && earlier_points.empty()) {
      newest_points = (*insights)->key_points;
      if (!articles[i]->language.empty()) language = articles[i]->language;
    } else {
      const auto& points = (*insights)->key_points;
      earlier_points.insert(earlier_points.end(), points.begin(), points.end());
    }
    timelines.push_back((*insights)->timeline);
  }
  Data points = NewList();
  for (const std::string& p : enrich::summarize::NewPoints(newest_points, earlier_points, language)) {
    Data pd;
    pd.set("st_point", Str(p));
    points.push_back(pd);
  }
  std::vector<DatedEvent> merged = enrich::timex::MergeTimelines(timelines);
  if (merged.size() > kStoryTimelineEntries) merged.resize(kStoryTimelineEntries);
  Data timeline = NewList();
  for (const DatedEvent& ev : merged) {
    Data td;
    td.set("st_when", HumanTimexValue(ev.when));
    td.set("st_event", Str(TruncateWords(CollapseWhitespace(ev.sentence), 400)));
    td.set("st_event_href", "/articles/" + std::to_string(ev.article_id));
    timeline.push_back(td);
  }
  const bool has_points = !points.is_empty_list();
  d.set("st_has_points", has_points);
  d.set("st_points", points);
  d.set("st_has_timeline", !merged.empty());
  d.set("st_timeline", timeline);
  d.set("st_has_ai", has_points || !merged.empty());
}

}  // namespace

Response StoryPages::Story(int64_t id) {
  auto found = pages_.store().FindStory(id);
  if (!found && found.error().code == ErrorCode::kUnsupported) {
    return pages_.Error(404, "This site does not group articles into stories.");
  }
  if (!found) return StoreFailure(pages_, found.error());
  if (!*found) return pages_.Error(404, "There is no story with that number. It may have been merged into another.");
  const store::StoryDetail& story = **found;
  const Instant now = pages_.clock().Now();
  PageData data;
  Data& d = data.value;
  const std::string headline = story.summary.headline.empty() ? "Untitled" : story.summary.headline;
  d.set("st_headline", Str(headline));
  d.set("st_articles", Count(story.summary.article_count, "article", "articles"));
  d.set("st_publishers", Count(story.summary.publisher_count, "publisher", "publishers"));
  if (story.summary.first_published) SetTime(d, "st_first_", now, *story.summary.first_published);
  if (story.summary.last_published) SetTime(d, "st_last_", now, *story.summary.last_published);
  d.set("st_bars", Chart(story.coverage, d));
  d.set("st_has_chart", !story.coverage.empty());
  d.set("st_chart_w", fmt::format("{:.0f}", kChartWidth));
  d.set("st_chart_h", fmt::format("{:.0f}", kChartHeight));
  AddStoryInsights(pages_.store(), story, d);

  Data sources = NewList();
  for (const store::SourceCoverage& group : story.by_source) {
    Data g;
    g.set("sc_name", Str(group.source.name));
    g.set("sc_href", Opt(SafeHref(group.source.url)));
    g.set("sc_count", Count(static_cast<int64_t>(group.articles.size()), "article", "articles"));
    Data articles = NewList();
    for (const store::StoryArticle& sa : group.articles) {
      Data a;
      a.set("sa_id", std::to_string(sa.article.id));
      a.set("sa_title", Str(sa.article.title.empty() ? "Untitled" : sa.article.title));
      a.set("sa_dek", Opt(TruncateWords(CollapseWhitespace(sa.article.dek), kDekChars)));
      SetTime(a, "sa_", now, When(sa.article));
      a.set("sa_also", Opt(Names(sa.also_published_by)));
      articles.push_back(a);
    }
    g.set("sc_articles", articles);
    sources.push_back(g);
  }
  d.set("st_sources", sources);
  d.set("alt_links", FeedAlternates(headline, "/stories/" + std::to_string(id) + "/feed"));
  return pages_.Render(200, "story", headline, data);
}

std::optional<Response> RouteStories(std::string_view path, const QueryParams& params,
                                     Pages& pages) {
  constexpr std::string_view kStories = "/stories/";
  constexpr std::string_view kApiStories = "/api/v1/stories";
  if (StartsWith(path, kStories)) {
    const std::optional<int64_t> id = ParseId(path.substr(kStories.size()));
    if (!id) return pages.Error(400, "A story address ends in its number, like /stories/42.");
    return StoryPages(pages).Story(*id);
  }
  if (path == kApiStories) return api::ListStories(pages.store(), params);
  if (StartsWith(path, kApiStories) && path.size() > kApiStories.size() &&
      path[kApiStories.size()] == '/') {
    const std::optional<int64_t> id = ParseId(path.substr(kApiStories.size() + 1));
    if (!id) return api::JsonError(400, "story id must be a positive whole number");
    return api::GetStory(pages.store(), *id);
  }
  return std::nullopt;
}

void AddStoryCoverage(store::StoreReader& store, Instant now, int64_t article_id, Data& d) {
  d.set("has_coverage", false);
  d.set("has_also", false);
  auto related = store.RelatedArticles(article_id, kRelatedCoverage);
  auto story = store.StoryOf(article_id);
  auto also = store.AlsoPublishedBy(article_id);
  // Without stories (another backend) the page simply has no such sections; a failing store
  // is said in the log, and the article is still shown.
  for (const Error* e : {related ? nullptr : &related.error(), story ? nullptr : &story.error(),
                         also ? nullptr : &also.error()}) {
    if (e != nullptr && e->code != ErrorCode::kUnsupported) {
      std::fprintf(stderr, "wiredesk serve: %s\n", e->ToString().c_str());
    }
  }
  if (related && !related->empty()) {
    Data items = NewList();
    for (const store::RelatedArticle& r : *related) {
      Data item;
      item.set("rc_id", std::to_string(r.article.id));
      item.set("rc_title", Str(r.article.title.empty() ? "Untitled" : r.article.title));
      item.set("rc_source", Str(r.article.source.name));
      item.set("rc_same", r.same_story);
      SetTime(item, "rc_", now, When(r.article));
      items.push_back(item);
    }
    d.set("has_coverage", true);
    d.set("rc_items", items);
  }
  d.set("rc_story_href",
        story && *story ? Data(fmt::format("/stories/{}", **story)) : Data(false));
  if (also && !also->empty()) {
    Data items = NewList();
    for (size_t i = 0; i < also->size(); ++i) {
      Data item;
      item.set("ap_id", std::to_string((*also)[i].id));
      item.set("ap_source", Str((*also)[i].source.name));
      item.set("ap_sep", i + 1 == also->size() ? std::string() : i + 2 == also->size() ? " and " : ", ");
      items.push_back(item);
    }
    d.set("has_also", true);
    d.set("ap_items", items);
  }
}

}  // namespace wiredesk::serve
