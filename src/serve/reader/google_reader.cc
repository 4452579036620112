// The Google Reader API as FreshRSS, Miniflux and Inoreader serve it, for Reeder, NetNewsWire,
// FeedMe, ReadYou and Fluent Reader: ClientLogin, token, user-info, subscription list, edit,
// quickadd and export, tag/list, unread-count, stream contents and item ids (n, c, xt, it, ot,
// nt, r), items/contents, edit-tag and mark-all-as-read. Item ids are wiredesk article ids, in
// the long form "tag:google.com,2005:reader/item/<16 hex digits>" or in decimal.
#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "serve/accounts/credentials.h"
#include "serve/reader/app_password.h"
#include "serve/reader/reader_routes.h"

namespace wiredesk::serve {

namespace {

using nlohmann::json;
using store::ReaderStreamQuery;

constexpr std::string_view kReadingList = "user/-/state/com.google/reading-list";
constexpr std::string_view kStarred = "user/-/state/com.google/starred";
constexpr std::string_view kRead = "user/-/state/com.google/read";
constexpr std::string_view kUnread = "user/-/state/com.google/unread";
constexpr std::string_view kLabelPrefix = "user/-/label/";
constexpr std::string_view kFeedPrefix = "feed/";
// Items per stream/contents or items/contents answer; item ids per stream/items/ids answer.
constexpr int64_t kMaxContents = 1000;
constexpr int64_t kMaxIds = store::kMaxReaderPage - 1;
constexpr int64_t kDefaultCount = 20;

Response Unauthorized() {
  Response r = TextResponse(401, "Unauthorized");
  r.headers.emplace_back("WWW-Authenticate", "GoogleLogin realm=\"wiredesk\"");
  return r;
}

Response BadRequest(std::string_view why) { return TextResponse(400, why); }

Response Unavailable(const Error& e) {
  std::fprintf(stderr, "wiredesk serve: %s\n", e.ToString().c_str());
  return TextResponse(503, "The newsroom's database did not answer. Try again in a moment.");
}

Response PostOnly() {
  Response r = TextResponse(405, "This call changes state: send it as a POST.");
  r.headers.emplace_back("Allow", "POST");
  return r;
}

// "user/1234/state/..." means the same as "user/-/state/...": apps may name the reader.
std::string OwnStream(std::string_view s) {
  if (!StartsWith(s, "user/")) return std::string(s);
  const size_t slash = s.find('/', 5);
  if (slash == std::string_view::npos) return std::string(s);
  return "user/-" + std::string(s.substr(slash));
}

// Every i= as an article id; nullopt when one is not an item id.
std::optional<std::vector<int64_t>> ItemIds(const FormFields& f) {
  std::vector<int64_t> ids;
  for (const std::string& i : f.All("i")) {
    const std::optional<int64_t> id = ParseItemId(i);
    if (!id) return std::nullopt;
    ids.push_back(*id);
  }
  return ids;
}

std::string Usec(Instant t) { return std::to_string(t.time_since_epoch().count()) + "000000"; }
int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }

// A stream id: its scope in the reader's state, or why it is not one.
struct StreamRef {
  ReaderStreamQuery::Scope scope = ReaderStreamQuery::Scope::kSubscribed;
  int64_t feed_id = 0;
  std::string folder;
  bool empty = false;  // a feed the site does not have: no items, not an error
};

std::optional<int64_t> SiteFeedId(store::Store& store, std::string_view ref, std::string* error) {
  if (const std::optional<int64_t> id = ParseCount(ref, INT64_MAX); id && *id > 0) return id;
  auto feed = store.FindFeed(ref);
  if (!feed) {
    *error = feed.error().ToString();
    return std::nullopt;
  }
  return *feed ? std::optional<int64_t>((*feed)->id) : std::optional<int64_t>(0);
}

std::optional<StreamRef> ParseStream(store::Store& store, std::string_view raw,
                                     std::string* error) {
  const std::string s = OwnStream(Trim(raw));
  StreamRef ref;
  if (s == kReadingList) return ref;
  if (s == kStarred) {
    ref.scope = ReaderStreamQuery::Scope::kSaved;
    return ref;
  }
  if (StartsWith(s, kFeedPrefix) && s.size() > kFeedPrefix.size()) {
    const std::optional<int64_t> id =
        SiteFeedId(store, std::string_view(s).substr(kFeedPrefix.size()), error);
    if (!id) return std::nullopt;
    ref.feed_id = *id;
    ref.empty = *id == 0;
    return ref;
  }
  if (StartsWith(s, kLabelPrefix) && s.size() > kLabelPrefix.size()) {
    ref.folder = s.substr(kLabelPrefix.size());
    return ref;
  }
  *error = "unknown stream \"" + s + "\": use " + std::string(kReadingList) + ", " +
           std::string(kStarred) + ", feed/ID or user/-/label/NAME";
  return std::nullopt;
}

// The stream query of a stream/contents or stream/items/ids request: n, c, xt, it, ot, nt, r.
// On success query.limit is n + 1, so the caller learns whether a continuation follows.
std::optional<ReaderStreamQuery> StreamQuery(store::Store& store, int64_t user_id,
                                             std::string_view stream, const FormFields& f,
                                             int64_t max_count, std::string* error, bool* empty) {
  const std::optional<StreamRef> ref = ParseStream(store, stream, error);
  if (!ref) return std::nullopt;
  *empty = ref->empty;
  ReaderStreamQuery q;
  q.user_id = user_id;
  q.scope = ref->scope;
  q.feed_id = ref->feed_id;
  q.folder = ref->folder;
  int64_t n = kDefaultCount;
  if (auto v = f.Get("n")) {
    const std::optional<int64_t> parsed = ParseCount(*v, INT64_MAX);
    if (!parsed || *parsed < 1) {
      *error = "n must be a whole number of items, at least 1";
      return std::nullopt;
    }
    n = std::min(*parsed, max_count);
  }
  q.limit = static_cast<int>(n) + 1;
  const std::string order = f.Get("r").value_or("d");
  q.oldest_first = order == "o";
  if (auto c = f.Get("c"); c && !Trim(*c).empty()) {
    const std::optional<int64_t> from = ParseCount(*c, INT64_MAX);
    if (!from) {
      *error = "c must be a continuation from an earlier answer";
      return std::nullopt;
    }
    (q.oldest_first ? q.after_id : q.before_id) = *from;
  }
  for (const char* name : {"ot", "nt"}) {
    if (auto v = f.Get(name); v && !Trim(*v).empty()) {
      const std::optional<int64_t> secs = ParseCount(*v, INT64_MAX / 2);
      if (!secs) {
        *error = std::string(name) + " must be a Unix time in seconds";
        return std::nullopt;
      }
      (std::string_view(name) == "ot" ? q.seen_since : q.seen_until) =
          Instant(std::chrono::seconds(*secs));
    }
  }
  for (const std::string& xt : f.All("xt")) {
    if (OwnStream(xt) == kRead) q.unread_only = true;
  }
  if (auto it = f.Get("it")) {
    const std::string target = OwnStream(*it);
    if (target == kUnread) q.unread_only = true;
    if (target == kStarred) q.scope = ReaderStreamQuery::Scope::kSaved;
  }
  return q;
}

struct Folio {
  std::map<int64_t, store::ReaderSubscription> by_feed;
};

json ItemJson(const store::ReaderItem& item, const Article* full, const Folio& subs) {
  const store::ArticleSummary& a = item.article;
  json categories = json::array({std::string(kReadingList)});
  json origin = json::object();
  if (auto s = subs.by_feed.find(item.feed_id); s != subs.by_feed.end()) {
    if (!s->second.folder.empty())
      categories.push_back(std::string(kLabelPrefix) + s->second.folder);
    origin = {{"streamId", "feed/" + std::to_string(item.feed_id)},
              {"title", s->second.title},
              {"htmlUrl", s->second.site_url}};
  } else {
    origin = {{"streamId", "feed/0"}, {"title", a.source.name}, {"htmlUrl", a.source.url}};
  }
  if (item.read) categories.push_back(std::string(kRead));
  if (item.saved_at) categories.push_back(std::string(kStarred));
  const Instant when = a.published.value_or(a.captured);
  json j = {
      {"id", LongItemId(a.id)},
      {"crawlTimeMsec", std::to_string(Seconds(a.first_seen_at)) + "000"},
      {"timestampUsec", Usec(a.first_seen_at)},
      {"published", Seconds(when)},
      {"updated", Seconds(a.updated_at)},
      {"title", a.title},
      {"canonical", json::array({{{"href", a.url}}})},
      {"alternate", json::array({{{"href", a.url}, {"type", "text/html"}}})},
      {"categories", categories},
      {"origin", origin},
      {"summary", {{"direction", "ltr"}, {"content", full != nullptr ? ArticleHtml(*full) : ""}}},
  };
  if (!a.byline.empty()) j["author"] = a.byline;
  return j;
}

}  // namespace

std::optional<User> ReaderRoutes::GoogleReaderUser(const Request& req, std::string* key) {
  const std::string_view header = Trim(req.Header("authorization").value_or(""));
  constexpr std::string_view kScheme = "googlelogin ";
  if (header.size() <= kScheme.size() || AsciiLower(header.substr(0, kScheme.size())) != kScheme) {
    return std::nullopt;
  }
  std::string_view auth = Trim(header.substr(kScheme.size()));
  if (!StartsWith(auth, "auth=")) return std::nullopt;
  auth.remove_prefix(5);
  // "name/key" as ClientLogin answers, or the bare key.
  std::string_view name;
  if (const size_t slash = auth.rfind('/'); slash != std::string_view::npos) {
    name = auth.substr(0, slash);
    auth = auth.substr(slash + 1);
  }
  if (auth.size() != 32) return std::nullopt;
  auto user = writer_->AppKeyUser(AppKeyHash(auth));
  if (!user) {
    std::fprintf(stderr, "wiredesk serve: %s\n", user.error().ToString().c_str());
    return std::nullopt;
  }
  if (!*user || (!name.empty() && AsciiLower(name) != AsciiLower((*user)->name)))
    return std::nullopt;
  *key = AsciiLower(auth);
  return *user;
}

ReaderRoutes::AppLogin ReaderRoutes::LogInWithAppPassword(const Request& req, std::string_view name,
                                                          std::string_view password) {
  AppLogin login;
  const Instant now = clock_.Now();
  const std::string account_key = "account:" + AsciiLower(name);
  const std::string address_key = "address:" + req.peer;
  if (!logins_by_account_.Allows(account_key, now) ||
      !logins_by_address_.Allows(address_key, now)) {
    login.retry_after = std::max(logins_by_account_.RetryAfter(account_key, now),
                                 logins_by_address_.RetryAfter(address_key, now));
    login.retry_after = std::max(login.retry_after, std::chrono::seconds{1});
    return login;
  }
  auto account = writer_->FindAccount(name);
  if (!account) {
    login.error = account.error();
    return login;
  }
  if (*account) {
    std::string key = FeverKey((*account)->user.name, password);
    auto user = writer_->AppKeyUser(AppKeyHash(key));
    if (!user) {
      login.error = user.error();
      return login;
    }
    if (*user && (*user)->id == (*account)->user.id) {
      login.user = **user;
      login.key = std::move(key);
      logins_by_account_.Clear(account_key);
      return login;
    }
  }
  logins_by_account_.Record(account_key, now);
  logins_by_address_.Record(address_key, now);
  return login;
}

Response ReaderRoutes::ClientLogin(const Request& req) {
  if (req.method != "POST" && req.method != "GET") return PostOnly();
  const FormFields f(req);
  const std::string name(Trim(f.Get("Email").value_or("")));
  const std::string password = f.Get("Passwd").value_or("");
  if (name.empty() || password.empty()) {
    return BadRequest("Error=BadAuthentication\nInfo=send Email (the account name) and Passwd");
  }
  const AppLogin login = LogInWithAppPassword(req, name, password);
  if (login.retry_after.count() > 0) {
    Response r = TextResponse(429, "Error=TooManyAttempts");
    r.headers.emplace_back("Retry-After", std::to_string(login.retry_after.count()));
    return r;
  }
  if (login.error) return Unavailable(*login.error);
  if (!login.user) return TextResponse(401, "Error=BadAuthentication");
  const std::string& key = login.key;
  const std::string auth = login.user->name + "/" + key;
  if (f.Get("output") == std::optional<std::string>("json")) {
    return PrivateJson(200, {{"SID", auth}, {"LSID", "null"}, {"Auth", auth}});
  }
  return TextResponse(200, "SID=" + auth + "\nLSID=null\nAuth=" + auth);
}

Response ReaderRoutes::GoogleReader(const Request& req, std::string_view rest) {
  std::string key;
  const std::optional<User> user = GoogleReaderUser(req, &key);
  if (!user) return Unauthorized();
  if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") return PostOnly();
  const bool post = req.method == "POST";
  const FormFields f(req);
  // The action token: TokenHash of the key, so it needs no storage. FreshRSS lets "x" (Reeder)
  // and an empty T (FeedMe) through; so does this.
  const std::string token = TokenHash("T:" + key).substr(0, 57);
  if (post) {
    const std::string t = f.Get("T").value_or("");
    if (!t.empty() && t != "x" && !ConstantTimeEquals(t, token)) {
      Response r = Unauthorized();
      r.headers.emplace_back("X-Reader-Google-Bad-Token", "true");
      return r;
    }
  }
  store::Store& store = *writer_;
  std::string error;

  if (rest == "token") return TextResponse(200, token);
  if (rest == "user-info") {
    const std::string id = std::to_string(user->id);
    return PrivateJson(
        200, {{"userId", id}, {"userName", user->name}, {"userProfileId", id}, {"userEmail", ""}});
  }
  if (rest == "subscription/export") return SubscriptionsOpml(store, *user);

  auto subs = store.SubscriptionsOf(user->id);
  if (!subs) return Unavailable(subs.error());
  Folio folio;
  for (const store::ReaderSubscription& s : *subs) folio.by_feed[s.feed_id] = s;

  if (rest == "subscription/list") {
    json list = json::array();
    for (const store::ReaderSubscription& s : *subs) {
      json categories = json::array();
      if (!s.folder.empty()) {
        categories.push_back({{"id", std::string(kLabelPrefix) + s.folder}, {"label", s.folder}});
      }
      list.push_back({{"id", "feed/" + std::to_string(s.feed_id)},
                      {"title", s.title.empty() ? s.url : s.title},
                      {"categories", categories},
                      {"url", s.url},
                      {"htmlUrl", s.site_url},
                      {"iconUrl", ""},
                      {"firstitemmsec", std::to_string(Seconds(s.subscribed_at)) + "000"}});
    }
    return PrivateJson(200, {{"subscriptions", list}});
  }
  if (rest == "tag/list") {
    json tags = json::array({{{"id", std::string(kStarred)}}});
    std::string last;
    for (const store::ReaderSubscription& s : *subs) {  // sorted by folder
      if (s.folder.empty() || s.folder == last) continue;
      last = s.folder;
      tags.push_back({{"id", std::string(kLabelPrefix) + s.folder}, {"type", "folder"}});
    }
    return PrivateJson(200, {{"tags", tags}});
  }
  if (rest == "unread-count") {
    auto counts = store.UnreadCounts(user->id);
    if (!counts) return Unavailable(counts.error());
    json list = json::array();
    std::map<std::string, std::pair<int64_t, Instant>> folders;
    int64_t total = 0;
    for (const store::UnreadCount& c : *counts) {
      const std::string newest = c.newest ? Usec(*c.newest) : "0";
      if (c.feed_id == 0) {
        total = c.count;
        list.push_back({{"id", std::string(kReadingList)},
                        {"count", c.count},
                        {"newestItemTimestampUsec", newest}});
        continue;
      }
      list.push_back({{"id", "feed/" + std::to_string(c.feed_id)},
                      {"count", c.count},
                      {"newestItemTimestampUsec", newest}});
      const auto s = folio.by_feed.find(c.feed_id);
      if (s == folio.by_feed.end() || s->second.folder.empty()) continue;
      auto& [count, latest] = folders[s->second.folder];
      count += c.count;
      if (c.newest && *c.newest > latest) latest = *c.newest;
    }
    for (const auto& [folder, sum] : folders) {
      list.push_back({{"id", std::string(kLabelPrefix) + folder},
                      {"count", sum.first},
                      {"newestItemTimestampUsec", sum.first > 0 ? Usec(sum.second) : "0"}});
    }
    return PrivateJson(200, {{"max", total}, {"unreadcounts", list}});
  }

  const bool contents = StartsWith(rest, "stream/contents");
  if (contents || rest == "stream/items/ids") {
    std::string stream;
    if (contents && rest.size() > 16 && rest[15] == '/') {
      stream = PercentDecode(rest.substr(16), false);
    } else {
      stream = f.Get("s").value_or(contents ? std::string(kReadingList) : "");
    }
    if (contents && rest.size() > 15 && rest[15] != '/') return TextResponse(404, "No such call.");
    if (stream.empty()) return BadRequest("s must name a stream");
    bool empty = false;
    auto q =
        StreamQuery(store, user->id, stream, f, contents ? kMaxContents : kMaxIds, &error, &empty);
    if (!q) return error.empty() ? BadRequest("bad stream") : BadRequest(error);
    std::vector<store::ReaderItem> items;
    if (!empty) {
      auto page = store.ReaderStream(*q);
      if (!page) return Unavailable(page.error());
      items = std::move(*page);
    }
    std::optional<std::string> continuation;
    if (items.size() >= static_cast<size_t>(q->limit)) {
      items.resize(q->limit - 1);
      continuation = std::to_string(items.back().article.id);
    }
    json out = json::object();
    if (contents) {
      json list = json::array();
      for (const store::ReaderItem& item : items) {
        auto full = store.FindArticle(item.article.id);
        if (!full) return Unavailable(full.error());
        list.push_back(ItemJson(item, *full ? &**full : nullptr, folio));
      }
      out = {{"id", OwnStream(stream)}, {"updated", Seconds(clock_.Now())}, {"items", list}};
    } else {
      json refs = json::array();
      for (const store::ReaderItem& item : items) {
        refs.push_back({{"id", std::to_string(item.article.id)},
                        {"directStreamIds", json::array()},
                        {"timestampUsec", Usec(item.article.first_seen_at)}});
      }
      out = {{"itemRefs", refs}};
    }
    if (continuation) out["continuation"] = *continuation;
    return PrivateJson(200, out);
  }
  if (rest == "stream/items/contents") {
    const std::optional<std::vector<int64_t>> ids = ItemIds(f);
    if (!ids) return BadRequest("each i must be an item id");
    if (ids->size() > static_cast<size_t>(kMaxContents)) {
      return BadRequest("ask for at most 1000 items at a time");
    }
    ReaderStreamQuery q;
    q.user_id = user->id;
    q.scope = ReaderStreamQuery::Scope::kArticles;
    q.article_ids = *ids;
    q.limit = static_cast<int>(kMaxContents);
    q.oldest_first = f.Get("r") == std::optional<std::string>("o");
    auto items = store.ReaderStream(q);
    if (!items) return Unavailable(items.error());
    json list = json::array();
    for (const store::ReaderItem& item : *items) {
      auto full = store.FindArticle(item.article.id);
      if (!full) return Unavailable(full.error());
      list.push_back(ItemJson(item, *full ? &**full : nullptr, folio));
    }
    return PrivateJson(
        200,
        {{"id", std::string(kReadingList)}, {"updated", Seconds(clock_.Now())}, {"items", list}});
  }

  // ---- Writes ----
  if (rest == "edit-tag") {
    if (!post) return PostOnly();
    const std::optional<std::vector<int64_t>> ids = ItemIds(f);
    if (!ids || ids->empty()) return BadRequest("i must name one or more items");
    // Check every tag before writing any, so a bad request changes nothing.
    for (const std::string& tag : f.All("a")) {
      const std::string t = OwnStream(tag);
      if (t != kRead && t != kStarred && !StartsWith(t, "user/-/state/com.google/")) {
        return BadRequest("only read and starred are kept for items, not " + t);
      }
    }
    for (const std::string& tag : f.All("r")) {
      const std::string t = OwnStream(tag);
      if (t != kRead && t != kStarred && !StartsWith(t, "user/-/state/com.google/")) {
        return BadRequest("only read and starred are kept for items, not " + t);
      }
    }
    // Other com.google states (kept-unread, tracking-...) need no record here.
    for (const auto& [field, on] : {std::pair<const char*, bool>{"a", true}, {"r", false}}) {
      for (const std::string& tag : f.All(field)) {
        const std::string t = OwnStream(tag);
        Status st;
        if (t == kRead) st = store.SetRead(user->id, *ids, on);
        if (t == kStarred) st = store.SetSaved(user->id, *ids, on);
        if (!st) return Unavailable(st.error());
      }
    }
    return TextResponse(200, "OK");
  }
  if (rest == "mark-all-as-read") {
    if (!post) return PostOnly();
    const std::optional<StreamRef> ref = ParseStream(store, f.Get("s").value_or(""), &error);
    if (!ref) return BadRequest(error);
    if (ref->empty) return TextResponse(200, "OK");
    ReaderStreamQuery q;
    q.user_id = user->id;
    q.scope = ref->scope;
    q.feed_id = ref->feed_id;
    q.folder = ref->folder;
    if (auto ts = f.Get("ts"); ts && !Trim(*ts).empty()) {
      // Microseconds, as Google Reader sent it; some apps send seconds.
      const std::optional<int64_t> v = ParseCount(*ts, INT64_MAX);
      if (!v) return BadRequest("ts must be a time in microseconds");
      q.seen_until = Instant(std::chrono::seconds(*v > 100'000'000'000 ? *v / 1'000'000 : *v));
    }
    if (auto st = store.MarkStreamRead(q); !st) return Unavailable(st.error());
    return TextResponse(200, "OK");
  }
  if (rest == "subscription/quickadd") {
    if (!post) return PostOnly();
    const std::string url(Trim(f.Get("quickadd").value_or("")));
    auto id = store.Subscribe(user->id, store::FeedSubscription{url, "", "", ""});
    if (!id) {
      if (id.error().code != ErrorCode::kInvalidArgument) return Unavailable(id.error());
      return PrivateJson(400, {{"numResults", 0}, {"query", url}, {"error", id.error().message}});
    }
    return PrivateJson(200, {{"numResults", 1},
                             {"query", url},
                             {"streamId", "feed/" + std::to_string(*id)},
                             {"streamName", url}});
  }
  if (rest == "subscription/edit") {
    if (!post) return PostOnly();
    const std::string action = f.Get("ac").value_or("");
    if (action != "subscribe" && action != "unsubscribe" && action != "edit") {
      return BadRequest("ac must be subscribe, unsubscribe or edit");
    }
    const std::vector<std::string> streams = f.All("s");
    const std::vector<std::string> titles = f.All("t");
    if (streams.empty()) return BadRequest("s must name a feed");
    std::optional<std::string> folder;
    if (auto a = f.Get("a")) {
      const std::string label = OwnStream(*a);
      if (!StartsWith(label, kLabelPrefix)) return BadRequest("a must be user/-/label/NAME");
      folder = label.substr(kLabelPrefix.size());
    } else if (auto r = f.Get("r")) {
      if (!StartsWith(OwnStream(*r), kLabelPrefix))
        return BadRequest("r must be user/-/label/NAME");
      folder = "";
    }
    for (size_t i = 0; i < streams.size(); ++i) {
      const std::string& s = streams[i];
      if (!StartsWith(s, kFeedPrefix)) return BadRequest("s must be feed/URL or feed/ID");
      const std::string ref = s.substr(kFeedPrefix.size());
      const std::optional<std::string> title =
          i < titles.size() ? std::optional<std::string>(titles[i]) : std::nullopt;
      Status st;
      if (action == "subscribe") {
        std::string url = ref;
        if (ParseCount(ref, INT64_MAX)) {
          auto feeds = store.ListFeeds();
          if (!feeds) return Unavailable(feeds.error());
          url.clear();
          for (const store::FeedRecord& feed : *feeds) {
            if (std::to_string(feed.id) == ref) url = feed.url;
          }
          if (url.empty()) return BadRequest("no feed " + ref + " on this site; subscribe by URL");
        }
        auto id = store.Subscribe(
            user->id, store::FeedSubscription{url, title.value_or(""), folder.value_or(""), ""});
        if (!id) {
          if (id.error().code == ErrorCode::kInvalidArgument) return BadRequest(id.error().message);
          return Unavailable(id.error());
        }
        continue;
      }
      const std::optional<int64_t> feed_id = SiteFeedId(store, ref, &error);
      if (!feed_id) return TextResponse(503, error);
      if (*feed_id == 0 || !folio.by_feed.contains(*feed_id)) {
        return BadRequest("not subscribed to " + s);
      }
      st = action == "unsubscribe"
               ? store.Unsubscribe(user->id, *feed_id)
               : store.EditSubscription(user->id, *feed_id,
                                        title && !title->empty() ? title : std::nullopt, folder);
      if (!st) return Unavailable(st.error());
    }
    return TextResponse(200, "OK");
  }
  if (rest == "rename-tag" || rest == "disable-tag") {
    if (!post) return PostOnly();
    const std::string from = OwnStream(f.Get("s").value_or(""));
    if (!StartsWith(from, kLabelPrefix)) return BadRequest("s must be user/-/label/NAME");
    std::string to;
    if (rest == "rename-tag") {
      to = OwnStream(f.Get("dest").value_or(""));
      if (!StartsWith(to, kLabelPrefix)) return BadRequest("dest must be user/-/label/NAME");
      to = to.substr(kLabelPrefix.size());
    }
    for (const store::ReaderSubscription& s : *subs) {
      if (s.folder != from.substr(kLabelPrefix.size())) continue;
      if (auto st = store.EditSubscription(user->id, s.feed_id, std::nullopt, to); !st) {
        return Unavailable(st.error());
      }
    }
    return TextResponse(200, "OK");
  }
  return TextResponse(404, "No such call in this Google Reader API.");
}

}  // namespace wiredesk::serve
