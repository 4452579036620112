#include "serve/reader/reader_routes.h"

#include <fmt/format.h>
#include <sodium.h>

#include <cstdio>

#include "core/text.h"
#include "parse/opml.h"
#include "serve/accounts/credentials.h"
#include "serve/page_data.h"
#include "serve/reader/app_password.h"

namespace wiredesk::serve {

namespace {

using Data = kainjow::mustache::data;

constexpr std::string_view kArticlesPrefix = "/articles/";
constexpr std::string_view kSaveSuffix = "/save";
constexpr int kSavedPageSize = 20;

Response SeeOther(std::string_view location) {
  Response r = TextResponse(303, "See " + std::string(location));
  r.headers.emplace_back("Location", std::string(location));
  return r;
}

Response NotSignedIn(std::string_view next) {
  return SeeOther("/login?next=" + PercentEncode(next));
}

bool IsRead(const Request& req) { return req.method == "GET" || req.method == "HEAD"; }

Response WrongMethod(Pages& pages, std::string_view allow) {
  Response r = pages.Error(405, "This address does not take that kind of request.");
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

Response Failed(Pages& pages, const Error& e) {
  std::fprintf(stderr, "wiredesk serve: %s\n", e.ToString().c_str());
  return pages.Error(503, "The newsroom's database did not answer. Try again in a moment.");
}

// "/articles/42/save" -> 42.
std::optional<int64_t> SaveTarget(std::string_view path) {
  if (!StartsWith(path, kArticlesPrefix) || !EndsWith(path, kSaveSuffix)) return std::nullopt;
  path.remove_prefix(kArticlesPrefix.size());
  path.remove_suffix(kSaveSuffix.size());
  const std::optional<int64_t> id = ParseCount(path, INT64_MAX);
  if (!id || *id == 0) return std::nullopt;
  return id;
}

// An HTTP Basic credential ("name:password" in standard base64); nullopt when it is not one.
std::optional<std::string> DecodeBase64(std::string_view text) {
  if (text.empty() || text.size() > 1024) return std::nullopt;
  std::string out(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace

ReaderRoutes::ReaderRoutes(store::Store* writer, const Clock& clock, Pages& pages,
                           AccountOptions options, feeds_out::FeedRoutes& feeds)
    : writer_(writer),
      clock_(clock),
      pages_(pages),
      feeds_(feeds),
      options_(options),
      logins_by_account_(options.login_failures_per_account, options.login_window),
      logins_by_address_(options.login_failures_per_address, options.login_window) {}

std::optional<Response> ReaderRoutes::Route(const Request& req, const Viewer& viewer) {
  const std::string_view path = req.Path();
  constexpr std::string_view kGoogleReader = "/reader/api/0/";
  const bool api = path == "/accounts/ClientLogin" || StartsWith(path, kGoogleReader) ||
                   path == "/fever" || path == "/fever/";
  const std::optional<int64_t> save = SaveTarget(path);
  const bool saved_feed = path == "/saved/feed.xml" || path == "/saved/feed.json";
  const bool own = save || saved_feed || path == "/saved" ||
                   path == "/account/subscriptions.opml" || path == "/account/app-password";
  if (!api && !own) return std::nullopt;
  if (writer_ == nullptr) {
    return api ? TextResponse(503, "This site is read-only: it keeps no reader state.")
               : pages_.Error(503, "This site is read-only: it keeps no reader state.");
  }
  if (path == "/accounts/ClientLogin") return ClientLogin(req);
  if (StartsWith(path, kGoogleReader)) return GoogleReader(req, path.substr(kGoogleReader.size()));
  if (path == "/fever" || path == "/fever/") return Fever(req);
  if (save) return SaveForm(req, viewer, *save);
  if (path == "/saved") return SavedPage(req, viewer);
  if (saved_feed) {
    return SavedFeed(
        req, viewer,
        path.ends_with(".xml") ? feeds_out::OutFormat::kRss : feeds_out::OutFormat::kJsonFeed);
  }
  if (path == "/account/app-password") return NewAppPasswordPage(req, viewer);
  // /account/subscriptions.opml
  if (!IsRead(req)) return WrongMethod(pages_, "GET, HEAD");
  if (!viewer.signed_in()) return NotSignedIn(path);
  return SubscriptionsOpml(*writer_, User{viewer.user_id, viewer.name, viewer.role, {}});
}

Response SubscriptionsOpml(store::Store& store, const User& user) {
  auto subs = store.SubscriptionsOf(user.id);
  if (!subs) {
    std::fprintf(stderr, "wiredesk serve: %s\n", subs.error().ToString().c_str());
    return TextResponse(503, "The newsroom's database did not answer. Try again in a moment.");
  }
  parse::OpmlDocument doc;
  doc.title = user.name + "'s subscriptions on wiredesk";
  for (const store::ReaderSubscription& s : *subs) {
    doc.subscriptions.push_back(parse::OpmlSubscription{s.url, s.site_url, s.title, s.folder});
  }
  Response r;
  r.content_type = "text/x-opml; charset=utf-8";
  r.body = parse::WriteOpml(doc);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"subscriptions.opml\"");
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Response ReaderRoutes::SaveForm(const Request& req, const Viewer& viewer, int64_t article_id) {
  if (req.method != "POST") return WrongMethod(pages_, "POST");
  const std::string back = "/articles/" + std::to_string(article_id);
  if (!viewer.signed_in()) return NotSignedIn(back);
  const QueryParams form(req.body);
  if (!ConstantTimeEquals(viewer.csrf, form.Get("csrf").value_or(""))) {
    return pages_.Error(403,
                        "This form has expired or was sent from another site. Go back, reload "
                        "the page and try again.");
  }
  const std::string want = form.Get("saved").value_or("1");
  if (want != "0" && want != "1") return pages_.Error(400, "Save or unsave: saved is 1 or 0.");
  auto found = writer_->FindArticle(article_id);
  if (!found) return Failed(pages_, found.error());
  if (!*found) return pages_.Error(404, "There is no article with that number.");
  if (auto st = writer_->SetSaved(viewer.user_id, {article_id}, want == "1"); !st) {
    return Failed(pages_, st.error());
  }
  return SeeOther(form.Get("next") == std::optional<std::string>("/saved") ? "/saved" : back);
}

Response ReaderRoutes::SavedPage(const Request& req, const Viewer& viewer) {
  if (!IsRead(req)) return WrongMethod(pages_, "GET, HEAD");
  if (!viewer.signed_in()) return NotSignedIn("/saved");
  const QueryParams params(req.RawQuery());
  const std::optional<int> page = ParsePageNumber(params);
  if (!page) return pages_.Error(400, "The page number must be a whole number from 1 to 10000.");
  auto saved = writer_->SavedArticles(viewer.user_id, kSavedPageSize, (*page - 1) * kSavedPageSize);
  if (!saved) return Failed(pages_, saved.error());
  Data items = Data(Data::type::list);
  for (const store::ArticleSummary& a : saved->articles) {
    Data item;
    item.set("s_id", std::to_string(a.id));
    item.set("s_title", a.title.empty() ? std::string("Untitled") : a.title);
    item.set("s_source", a.source.name);
    item.set("s_date", HumanDate(a.published.value_or(a.captured)));
    item.set("s_dek", a.dek.empty() ? Data(false) : Data(CollapseWhitespace(a.dek)));
    item.set("s_csrf", viewer.csrf);
    items.push_back(item);
  }
  PageData d;
  d.value.set("has_saved", !saved->articles.empty());
  d.value.set("past_end", saved->articles.empty() && saved->total > 0);
  d.value.set("saved", items);
  d.value.set("saved_count", saved->total == 1 ? std::string("1 saved article")
                                               : fmt::format("{} saved articles", saved->total));
  d.value.set("pager", Pager("/saved", *page, saved->total, kSavedPageSize));
  return pages_.Render(200, "saved", "Saved articles", d);
}

// Feed readers fetch a feed on their own, without the site's session cookie, so the saved
// articles' feed also takes HTTP Basic credentials: the reader's name and app password.
Response ReaderRoutes::SavedFeed(const Request& req, const Viewer& viewer,
                                 feeds_out::OutFormat format) {
  if (!IsRead(req)) return WrongMethod(pages_, "GET, HEAD");
  auto refuse = [this](int status, std::string_view why) {
    Response r = pages_.Error(status, why);
    if (status == 401)
      r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"wiredesk\", charset=\"UTF-8\"");
    return r;
  };
  User user{viewer.user_id, viewer.name, viewer.role, {}};
  if (!viewer.signed_in()) {
    const std::string_view header = Trim(req.Header("authorization").value_or(""));
    constexpr std::string_view kBasic = "basic ";
    if (header.size() <= kBasic.size() || AsciiLower(header.substr(0, kBasic.size())) != kBasic) {
      return refuse(401,
                    "Saved articles are private: sign in, or give your feed reader your name "
                    "and app password.");
    }
    const std::optional<std::string> pair = DecodeBase64(Trim(header.substr(kBasic.size())));
    const size_t colon = pair ? pair->find(':') : std::string::npos;
    if (colon == std::string::npos) return refuse(400, "The Authorization field is malformed.");
    const AppLogin login = LogInWithAppPassword(req, std::string_view(*pair).substr(0, colon),
                                                std::string_view(*pair).substr(colon + 1));
    if (login.retry_after.count() > 0) {
      Response r = pages_.Error(429, "Too many sign-in attempts. Try again later.");
      r.headers.emplace_back("Retry-After", std::to_string(login.retry_after.count()));
      return r;
    }
    if (login.error) return Failed(pages_, *login.error);
    if (!login.user) return refuse(401, "That name and app password do not match.");
    user = *login.user;
  }
  auto saved = writer_->SavedArticles(user.id, feeds_out::kFeedItems, 0);
  if (!saved) return Failed(pages_, saved.error());
  const std::string ext = format == feeds_out::OutFormat::kRss ? ".xml" : ".json";
  Response r = feeds_.FeedOfArticles(
      req, format,
      feeds_out::FeedPlace{user.name + "'s saved articles", "The articles " + user.name + " saved.",
                           "/saved", "/saved/feed" + ext},
      saved->articles);
  // One reader's feed: never in the shared cache, never kept by a proxy.
  r.cacheable = false;
  std::erase_if(r.headers, [](const auto& h) { return h.first == "Cache-Control"; });
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Response ReaderRoutes::NewAppPasswordPage(const Request& req, const Viewer& viewer) {
  if (req.method != "POST") return WrongMethod(pages_, "POST");
  if (!viewer.signed_in()) return NotSignedIn("/account");
  const QueryParams form(req.body);
  if (!ConstantTimeEquals(viewer.csrf, form.Get("csrf").value_or(""))) {
    return pages_.Error(403,
                        "This form has expired or was sent from another site. Go back, reload "
                        "the page and try again.");
  }
  const std::string password = NewAppPassword();
  if (auto st = writer_->SetAppKeyHash(viewer.user_id, AppKeyHash(FeverKey(viewer.name, password)));
      !st) {
    return Failed(pages_, st.error());
  }
  Response r = pages_.Form(200, "app_password", "Your app password",
                           {{"f_name", viewer.name}, {"f_password", password}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

void AddSaveForm(PageData& page, store::StoreReader& store, int64_t article_id,
                 const Viewer* viewer) {
  page.value.set("can_save", false);
  if (viewer == nullptr || !viewer->signed_in()) return;
  store::ReaderStreamQuery q;
  q.user_id = viewer->user_id;
  q.scope = store::ReaderStreamQuery::Scope::kArticles;
  q.article_ids = {article_id};
  q.limit = 1;
  auto items = store.ReaderStream(q);
  if (!items) {
    if (items.error().code != ErrorCode::kUnsupported) {
      std::fprintf(stderr, "wiredesk serve: %s\n", items.error().ToString().c_str());
    }
    return;
  }
  const bool saved = !items->empty() && items->front().saved_at.has_value();
  page.value.set("can_save", true);
  page.value.set("save_id", std::to_string(article_id));
  page.value.set("save_value", saved ? "0" : "1");
  page.value.set("save_label", saved ? "Unsave" : "Save");
}

}  // namespace wiredesk::serve
