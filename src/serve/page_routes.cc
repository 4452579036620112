#include "serve/page_routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/text.h"
#include "core/url.h"
#include "serve/accounts/comment_view.h"
#include "serve/assets.h"
#include "serve/insights_view.h"
#include "serve/reader/reader_routes.h"
#include "serve/page_data.h"
#include "serve/story_routes.h"

namespace wiredesk::serve {

namespace mu = kainjow::mustache;
using Data = mu::data;

namespace {

constexpr std::string_view kStylesheetAsset = "static/site.css";
constexpr size_t kRelatedExcerptChars = 360;
constexpr size_t kMaxQueryBytes = 512;

Data Str(std::string_view s) { return Data(std::string(s)); }
// A value a section can test: false when empty, so {{#x}}...{{x}}...{{/x}} shows it or nothing.
Data Opt(std::string_view s) { return s.empty() ? Data(false) : Data(std::string(s)); }
Data NewList() { return Data(Data::type::list); }

std::string Stem(std::string_view asset_name) {
  // "pages/card.mustache" -> "card"
  const size_t slash = asset_name.rfind('/');
  std::string_view base = slash == std::string_view::npos ? asset_name : asset_name.substr(slash + 1);
  return std::string(base.substr(0, base.find('.')));
}

std::string HeadingFor(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 404: return "Page not found";
    case 401: return "Sign in first";
    case 403: return "Not allowed";
    case 405: return "Method not allowed";
    case 409: return "Conflict";
    case 413: return "Too long";
    case 429: return "Slow down";
    case 503: return "Service unavailable";
    default: return status >= 500 ? "Something went wrong" : "Request failed";
  }
}

// Splits a snippet with store::kMarkOpen/kMarkClose into parts; each part is escaped by the
// template, and marked parts are wrapped in <mark>. Stray or nested marks are tolerated.
Data SnippetParts(std::string_view snippet) {
  Data parts = NewList();
  std::string text;
  bool marked = false;
  auto flush = [&] {
    if (text.empty()) return;
    Data part;
    part.set("p_text", RepairUtf8(text));
    part.set("p_mark", marked);
    parts.push_back(part);
    text.clear();
  };
  for (char c : snippet) {
    if (c == store::kMarkOpen || c == store::kMarkClose) {
      const bool want = c == store::kMarkOpen;
      if (want != marked) {
        flush();
        marked = want;
      }
      continue;
    }
    text.push_back(c);
  }
  flush();
  return parts;
}

}  // namespace

// Shared with story_routes.cc (declared in page_data.h).
std::optional<int> ParsePageNumber(const QueryParams& params) {
  const std::optional<std::string> raw = params.Get("page");
  if (!raw || raw->empty()) return 1;
  if (raw->size() > 6) return std::nullopt;
  int n = 0;
  for (char c : *raw) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > kMaxPageNumber) return std::nullopt;
  return n;
}

Data Pager(std::string_view base, int page, int64_t total, int page_size) {
  const int64_t count = std::max<int64_t>(1, (total + page_size - 1) / page_size);
  if (count <= 1 && page <= 1) return Data(false);
  const char* sep = base.find('?') == std::string_view::npos ? "?" : "&";
  auto href = [&](int p) {
    return p <= 1 ? std::string(base) : fmt::format("{}{}page={}", base, sep, p);
  };
  Data pager;
  pager.set("page_no", std::to_string(page));
  pager.set("page_count", std::to_string(count));
  pager.set("prev_href", page > 1 ? Data(href(std::min<int64_t>(page - 1, count))) : Data(false));
  pager.set("next_href", page < count ? Data(href(page + 1)) : Data(false));
  return pager;
}

// "27 Jun 2025", the form RelativeTime falls back to for old dates.
std::string HumanDate(Instant t) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()),
                     kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()));
}

namespace {

// "due now", "in 5 minutes", "in 3 hours", "in 2 days": when the scheduler takes a feed next.
std::string NextFetch(Instant now, Instant next) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(next - now).count();
  if (secs <= 0) return "due now";
  auto in = [](long long n, const char* unit) {
    return fmt::format("in {} {}{}", n, unit, n == 1 ? "" : "s");
  };
  if (secs < 60) return "in under a minute";
  if (secs < 3600) return in(secs / 60, "minute");
  if (secs < 86400) return in(secs / 3600, "hour");
  return in(secs / 86400, "day");
}

std::string CaptionText(std::string_view text) {
  // Captures end a caption with " |" before the credit; the credit has its own element here.
  std::string_view t = Trim(text);
  while (!t.empty() && t.back() == '|') t = Trim(t.substr(0, t.size() - 1));
  return std::string(t);
}

}  // namespace

std::string SafeHref(std::string_view url) {
  const std::optional<Url> u = ParseUrl(Trim(url));
  if (!u || (u->scheme != "http" && u->scheme != "https") || u->host.empty()) return {};
  return std::string(Trim(url));
}

struct Pages::Impl {
  store::StoreReader& store;
  const Clock& clock;
  std::string layout;
  std::map<std::string, std::string, std::less<>> partials;  // stem -> template text
  std::string css;
  std::string css_href;
  const Viewer* viewer = nullptr;  // who the page being made is for; nullptr: anonymous

  Impl(store::StoreReader& s, const Clock& c) : store(s), clock(c) {
    for (const Asset& a : Assets()) {
      if (!EndsWith(a.name, ".mustache")) continue;
      if (Stem(a.name) == "layout") {
        layout = std::string(a.data);
      } else {
        partials.emplace(Stem(a.name), std::string(a.data));
      }
    }
    css = std::string(FindAsset(kStylesheetAsset).value_or(""));
    // The embedded files are part of the binary; a missing one is a build bug.
    WD_CHECK(!layout.empty() && !css.empty());
    css_href = "/static/site.css?v=" + MakeEtag(css).substr(1, 12);
  }

  Response Page(int status, std::string_view content, std::string_view title,
                std::string_view query, Data data) {
    // Partials are named partial_* and no value ever is, so data cannot name a template.
    for (const auto& [stem, text] : partials) {
      const std::string* src = &text;
      data.set("partial_" + stem, mu::partial([src] { return *src; }));
    }
    const std::string* content_src = &partials.at(std::string(content));
    data.set("partial_content", mu::partial([content_src] { return *content_src; }));
    data.set("page_title", Str(title));
    data.set("css_href", css_href);
    data.set("query", Str(query));
    // Who is signed in, for the masthead; pages for a signed-in reader are never cached.
    const bool signed_in = viewer != nullptr && viewer->signed_in();
    data.set("v_signed_in", signed_in);
    data.set("v_name", signed_in ? viewer->name : std::string());
    data.set("v_csrf", signed_in ? viewer->csrf : std::string());
    mu::mustache tmpl{layout};
    Response r;
    r.status = status;
    r.body = tmpl.render(data);
    WD_CHECK(tmpl.is_valid() && tmpl.error_message().empty());
    r.headers.emplace_back("Cache-Control", status == 200 ? "no-cache" : "no-store");
    r.cacheable = status == 200;
    return r;
  }

  Response StoreFailure(const wiredesk::Error& e) {
    std::fprintf(stderr, "wiredesk serve: %s\n", e.ToString().c_str());
    return Failure(500, "The news store could not be read. Try again in a moment.");
  }

  Response Failure(int status, std::string_view message) {
    Data d;
    d.set("error_status", std::to_string(status));
    d.set("error_heading", HeadingFor(status));
    d.set("error_message", Str(message));
    return Page(status, "error", HeadingFor(status), "", std::move(d));
  }

  Data Card(const store::ArticleSummary& a, const std::string* snippet) {
    const Instant now = clock.Now();
    const Instant when = a.published.value_or(a.captured);
    Data c;
    c.set("c_id", std::to_string(a.id));
    c.set("c_title", Str(a.title.empty() ? "Untitled" : a.title));
    c.set("c_source", Str(a.source.name));
    c.set("c_ago", RelativeTime(now, when));
    c.set("c_iso", FormatIso8601(when));
    c.set("c_date", HumanDate(when));
    c.set("c_dek", snippet ? Data(false) : Opt(a.dek));
    c.set("c_has_snippet", snippet != nullptr);
    c.set("c_parts", snippet ? SnippetParts(*snippet) : NewList());
    c.set("c_comments", a.comment_count == 0 ? Data(false)
                        : Data(fmt::format("{} comment{}", a.comment_count,
                                           a.comment_count == 1 ? "" : "s")));
    return c;
  }
};

Pages::Pages(store::StoreReader& store, const Clock& clock)
    : impl_(std::make_unique<Impl>(store, clock)) {}
Pages::~Pages() = default;

const std::string& Pages::StylesheetHref() const { return impl_->css_href; }

void Pages::SetViewer(const Viewer* viewer) { impl_->viewer = viewer; }

Response Pages::Form(int status, std::string_view content, std::string_view title,
                     const std::vector<std::pair<std::string, std::string>>& values) {
  Data d;
  for (const auto& [key, value] : values) d.set(key, Opt(value));
  Response r = impl_->Page(status, content, title, "", std::move(d));
  // Forms carry a CSRF token or an error for one reader: never cached, by anyone.
  r.cacheable = false;
  for (auto& [name, value] : r.headers) {
    if (name == "Cache-Control") value = "no-store";
  }
  return r;
}

Response Pages::Error(int status, std::string_view message) {
  return impl_->Failure(status, message);
}

Response Pages::Render(int status, std::string_view content, std::string_view title,
                       const PageData& data) {
  return impl_->Page(status, content, title, "", data.value);
}

store::StoreReader& Pages::store() { return impl_->store; }
const Clock& Pages::clock() const { return impl_->clock; }

Response Pages::Stylesheet() const {
  Response r;
  r.content_type = "text/css; charset=utf-8";
  r.body = impl_->css;
  r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  r.cacheable = true;
  return r;
}

Response Pages::Front(const QueryParams& params) {
  const std::optional<int> page = ParsePageNumber(params);
  if (!page) return Error(400, "The page number must be a whole number from 1 to 10000.");
  auto latest = impl_->store.LatestArticles(kFrontPageSize, (*page - 1) * kFrontPageSize);
  if (!latest) return impl_->StoreFailure(latest.error());
  Data d;
  Data cards = NewList();
  for (const store::ArticleSummary& a : latest->articles) cards.push_back(impl_->Card(a, nullptr));
  d.set("has_cards", !latest->articles.empty());
  d.set("cards", cards);
  d.set("pager", Pager("/", *page, latest->total, kFrontPageSize));
  d.set("alt_links", FeedAlternates("Latest news", "/feed"));
  return impl_->Page(200, "front", *page > 1 ? fmt::format("Latest news, page {}", *page) : "Latest news",
                     "", std::move(d));
}

Response Pages::Search(const QueryParams& params) {
  const std::optional<int> page = ParsePageNumber(params);
  if (!page) return Error(400, "The page number must be a whole number from 1 to 10000.");
  const std::string q = CollapseWhitespace(params.Get("q").value_or(""));
  if (q.size() > kMaxQueryBytes) return Error(400, "The search is too long; use fewer words.");
  Data d;
  d.set("has_query", !q.empty());
  if (q.empty()) return impl_->Page(200, "search", "Search", "", std::move(d));
  store::SearchQuery query{q, kSearchPageSize, (*page - 1) * kSearchPageSize};
  auto results = impl_->store.Search(query);
  if (!results) return impl_->StoreFailure(results.error());
  Data cards = NewList();
  for (const store::SearchHit& h : results->hits) cards.push_back(impl_->Card(h.article, &h.snippet));
  d.set("has_cards", !results->hits.empty());
  // Page 5 of 2 has no hits, but the search matched: say so, not "No articles match".
  d.set("past_end", results->hits.empty() && results->total > 0);
  d.set("cards", cards);
  d.set("result_count", fmt::format("{}{} result{}", results->total_estimated ? "about " : "",
                                    results->total, results->total == 1 ? "" : "s"));
  d.set("pager", Pager("/search?q=" + PercentEncode(q), *page, results->total, kSearchPageSize));
  d.set("alt_links", FeedAlternates("Search: " + q, "/search/feed", "?q=" + PercentEncode(q)));
  return impl_->Page(200, "search", "Search: " + q, q, std::move(d));
}

Response Pages::Tagged(std::string_view raw_tag, const QueryParams& params) {
  const std::optional<int> page = ParsePageNumber(params);
  if (!page) return Error(400, "The page number must be a whole number from 1 to 10000.");
  const std::string tag = CollapseWhitespace(RepairUtf8(raw_tag));
  if (tag.empty()) return Error(404, "A tag page needs a tag, like /tags/Lisbon.");
  if (tag.size() > kMaxQueryBytes) return Error(400, "That tag is too long.");
  auto tagged = impl_->store.ArticlesTagged(tag, kSearchPageSize, (*page - 1) * kSearchPageSize);
  if (!tagged) return impl_->StoreFailure(tagged.error());
  if (tagged->total == 0) return Error(404, "No article carries that tag.");
  Data d;
  d.set("tag", tag);
  Data cards = NewList();
  for (const store::ArticleSummary& a : tagged->articles) cards.push_back(impl_->Card(a, nullptr));
  d.set("cards", cards);
  d.set("result_count", tagged->total == 1 ? std::string("1 article")
                                            : fmt::format("{} articles", tagged->total));
  d.set("search_href", "/search?q=" + PercentEncode(tag));
  d.set("pager", Pager(TagHref(tag), *page, tagged->total, kSearchPageSize));
  d.set("alt_links", FeedAlternates("#" + tag, TagHref(tag) + "/feed"));
  return impl_->Page(200, "tag", "#" + tag, "", std::move(d));
}

Response Pages::Subscriptions() {
  auto feeds = impl_->store.ListFeeds();
  Data d;
  if (!feeds && feeds.error().code == ErrorCode::kUnsupported) {
    d.set("has_feeds", false);
    return impl_->Page(200, "subscriptions", "Subscriptions", "", std::move(d));
  }
  if (!feeds) return impl_->StoreFailure(feeds.error());
  const Instant now = impl_->clock.Now();
  auto when = [&](const std::optional<Instant>& t) {
    return t ? Data(RelativeTime(now, *t)) : Data(false);
  };
  int failing = 0;
  Data list = NewList();
  for (const store::FeedRecord& f : *feeds) {
    const store::FeedState state = f.State();
    if (state == store::FeedState::kFailing) ++failing;
    Data fd;
    // Feed titles and errors come from the network: the template escapes them like any text.
    fd.set("f_title", Str(f.title.empty() ? DisplayHost(f.url) : f.title));
    fd.set("f_url", Str(f.url));
    fd.set("f_site_href", Opt(SafeHref(f.site_url)));
    fd.set("f_folder", Opt(f.folder));
    fd.set("f_state", Str(store::FeedStateName(state)));
    fd.set("f_failing", state == store::FeedState::kFailing);
    fd.set("f_error", Opt(f.last_error));
    fd.set("f_failures", std::to_string(f.failures));
    fd.set("f_entries", std::to_string(f.entry_count));
    fd.set("f_fetched", when(f.last_fetched_at));
    fd.set("f_success", when(f.last_success_at));
    fd.set("f_next", NextFetch(now, f.next_fetch_at));
    list.push_back(fd);
  }
  d.set("has_feeds", !feeds->empty());
  d.set("feeds", list);
  d.set("feed_count", feeds->size() == 1 ? std::string("1 subscription")
                                         : fmt::format("{} subscriptions", feeds->size()));
  d.set("failing_count", failing == 0 ? Data(false)
                                      : Data(fmt::format("{} failing", failing)));
  return impl_->Page(200, "subscriptions", "Subscriptions", "", std::move(d));
}

Response Pages::Article(int64_t id) {
  auto found = impl_->store.FindArticle(id);
  if (!found) return impl_->StoreFailure(found.error());
  if (!*found) return Error(404, "There is no article with that number. It may have been removed.");
  const wiredesk::Article& a = **found;
  auto tags = impl_->store.TagsOf(id);
  if (!tags) return impl_->StoreFailure(tags.error());
  auto comments = impl_->store.CommentsOf(id);
  if (!comments) return impl_->StoreFailure(comments.error());
  const Instant now = impl_->clock.Now();

  Data d;
  d.set("headline", Str(a.title.empty() ? "Untitled" : a.title));
  d.set("lang", Opt(a.language));
  d.set("source_name", Str(a.source.name));
  d.set("source_href", Opt(SafeHref(a.source.url)));
  // The dek is left out when the page repeats it as the first paragraph.
  std::string dek = CollapseWhitespace(a.dek);
  for (const Block& b : a.blocks) {
    if (b.kind != BlockKind::kParagraph) continue;
    if (CollapseWhitespace(b.text) == dek) dek.clear();
    break;
  }
  d.set("dek", Opt(dek));
  d.set("byline", Opt(Trim(a.byline)));
  const Instant when = a.published.value_or(a.captured);
  d.set("published_date", HumanDate(when));
  d.set("published_iso", FormatIso8601(when));
  const std::string ago = RelativeTime(now, when);
  d.set("published_ago", ago == HumanDate(when) ? Data(false) : Data(ago));

  Data blocks = NewList();
  for (const Block& b : a.blocks) {
    Data bd;
    bd.set("b_paragraph", b.kind == BlockKind::kParagraph);
    bd.set("b_heading", b.kind == BlockKind::kHeading);
    bd.set("b_quote", b.kind == BlockKind::kQuote);
    bd.set("b_list", b.kind == BlockKind::kList);
    bd.set("b_caption", b.kind == BlockKind::kCaption);
    bd.set("b_text", b.kind == BlockKind::kCaption ? CaptionText(b.text) : std::string(Trim(b.text)));
    bd.set("b_credit", b.kind == BlockKind::kCaption ? Opt(Trim(b.credit)) : Data(false));
    Data items = NewList();
    if (b.kind == BlockKind::kList) {
      for (std::string_view line : SplitLines(b.text)) {
        if (Trim(line).empty()) continue;
        Data item;
        item.set("b_item", Str(Trim(line)));
        items.push_back(item);
      }
    }
    bd.set("b_items", items);
    blocks.push_back(bd);
  }
  d.set("blocks", blocks);
  d.set("rights", Opt(Trim(a.rights)));
  const std::string original = SafeHref(a.url.empty() ? a.canonical_url : a.url);
  d.set("original_href", Opt(original));
  d.set("original_host", Str(original.empty() ? "" : DisplayHost(original)));

  Data tag_list = NewList();
  for (const Tag& t : *tags) {
    Data td;
    td.set("t_name", Str(t.name));
    td.set("t_kind", Str(TagKindName(t.kind)));
    td.set("t_href", TagHref(t.name));
    tag_list.push_back(td);
  }
  d.set("has_tags", !tags->empty());
  d.set("tags", tag_list);
  // Stored at ingest; a store without insights just leaves the panel out.
  auto insights = impl_->store.InsightsOf(id);
  if (!insights && insights.error().code != ErrorCode::kUnsupported) {
    return impl_->StoreFailure(insights.error());
  }
  AddInsightsPanel(d, insights && *insights ? &**insights : nullptr);

  AddCommentSection(d, id, *comments, impl_->viewer, now);
  PageData with_save{std::move(d)};  // serve/reader: Save/Unsave for a signed-in reader
  AddSaveForm(with_save, impl_->store, id, impl_->viewer);
  d = std::move(with_save.value);

  Data related = NewList();
  for (const RelatedItem& r : a.related) {
    Data rd;
    rd.set("r_source", Str(r.source));
    rd.set("r_when", r.published ? Data(RelativeTime(now, *r.published)) : Data(false));
    rd.set("r_iso", r.published ? Data(FormatIso8601(*r.published)) : Data(false));
    rd.set("r_title", Str(r.title.empty() ? "Untitled" : r.title));
    rd.set("r_href", Opt(SafeHref(r.url)));
    rd.set("r_excerpt", Opt(TruncateWords(CollapseWhitespace(r.text), kRelatedExcerptChars)));
    related.push_back(rd);
  }
  d.set("has_related", !a.related.empty());
  d.set("related", related);
  // Related coverage from the stories and "also published by" (story_routes.cc).
  AddStoryCoverage(impl_->store, now, id, d);
  return impl_->Page(200, "article", a.title.empty() ? "Untitled" : a.title, "", std::move(d));
}

}  // namespace wiredesk::serve
