// The Fever API (feedafever.com's published API, version 3) as Reeder, ReadKit and Fluent
// Reader speak it: /fever/?api with api_key = md5("name:app password") POSTed; groups (the
// reader's folders), feeds, feeds_groups, items (since_id, max_id, with_ids), unread and saved
// item ids, and marks on items, feeds and groups. favicons and links answer empty lists: this
// server keeps no favicons and makes no Hot links.
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "serve/reader/app_password.h"
#include "serve/reader/reader_routes.h"

namespace wiredesk::serve {

namespace {

using nlohmann::json;
using store::ReaderStreamQuery;

constexpr int kItemsPerAnswer = 50;  // the API's page size

int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }

std::string JoinIds(const std::vector<store::ReaderItem>& items) {
  std::string out;
  for (const store::ReaderItem& i : items) {
    if (!out.empty()) out += ',';
    out += std::to_string(i.article.id);
  }
  return out;
}

}  // namespace

Response ReaderRoutes::Fever(const Request& req) {
  const FormFields f(req);
  if (!f.Has("api")) {
    return TextResponse(400, "This is the Fever API: ask for /fever/?api with api_key POSTed.");
  }
  const Instant now = clock_.Now();
  json out = {{"api_version", 3}, {"auth", 0}};
  const std::string api_key(Trim(f.Get("api_key").value_or("")));
  std::optional<User> user;
  if (api_key.size() == 32) {
    auto found = writer_->AppKeyUser(AppKeyHash(api_key));
    if (!found) {
      std::fprintf(stderr, "wiredesk serve: %s\n", found.error().ToString().c_str());
      return PrivateJson(503, out);
    }
    user = *found;
  }
  // The published API answers a wrong key with auth 0 (and nothing else), not an HTTP error.
  if (!user) return PrivateJson(200, out);
  out["auth"] = 1;
  out["last_refreshed_on_time"] = Seconds(now);
  store::Store& store = *writer_;
  auto fail = [&out](const Error& e) {
    std::fprintf(stderr, "wiredesk serve: %s\n", e.ToString().c_str());
    out["error"] = "the newsroom's database did not answer";
    return PrivateJson(503, out);
  };
  auto refuse = [&out](std::string why) {
    out["error"] = std::move(why);
    return PrivateJson(400, out);
  };

  auto subs = store.SubscriptionsOf(user->id);
  if (!subs) return fail(subs.error());

  // The reader's stream of one scope, ids only (most recent first), for the id lists.
  auto ids_of = [&](ReaderStreamQuery::Scope scope, bool unread) {
    ReaderStreamQuery q;
    q.user_id = user->id;
    q.scope = scope;
    q.unread_only = unread;
    q.limit = store::kMaxReaderPage;
    return store.ReaderStream(q);
  };

  // ---- Marks first, so the lists below show their effect ----
  if (auto mark = f.Get("mark")) {
    const std::string as = f.Get("as").value_or("");
    const std::optional<int64_t> id = ParseCount(f.Get("id").value_or(""), INT64_MAX);
    if (!id) return refuse("id must be a whole number");
    if (*mark == "item") {
      Status st;
      if (as == "read" || as == "unread") {
        st = store.SetRead(user->id, {*id}, as == "read");
      } else if (as == "saved" || as == "unsaved") {
        st = store.SetSaved(user->id, {*id}, as == "saved");
      } else {
        return refuse("as must be read, unread, saved or unsaved");
      }
      if (!st) return fail(st.error());
    } else if (*mark == "feed" || *mark == "group") {
      if (as != "read") return refuse("feeds and groups can only be marked read");
      ReaderStreamQuery q;
      q.user_id = user->id;
      if (auto before = f.Get("before"); before && !Trim(*before).empty()) {
        const std::optional<int64_t> t = ParseCount(*before, INT64_MAX / 2);
        if (!t) return refuse("before must be a Unix time in seconds");
        q.seen_until = Instant(std::chrono::seconds(*t));
      }
      bool known = true;
      if (*mark == "feed") {
        q.feed_id = *id;
        known = std::any_of(subs->begin(), subs->end(),
                            [&](const store::ReaderSubscription& s) { return s.feed_id == *id; });
      } else if (*id != 0) {  // group 0 is every feed ("Kindling")
        known = false;
        for (const store::ReaderSubscription& s : *subs) {
          if (!s.folder.empty() && FolderId(s.folder) == *id) {
            q.folder = s.folder;
            known = true;
          }
        }
      }
      if (!known) return refuse("no " + *mark + " with id " + std::to_string(*id));
      if (auto st = store.MarkStreamRead(q); !st) return fail(st.error());
    } else {
      return refuse("mark must be item, feed or group");
    }
  }

  const bool groups = f.Has("groups");
  const bool feeds = f.Has("feeds");
  if (groups || feeds) {
    std::map<std::string, std::vector<int64_t>> by_folder;
    for (const store::ReaderSubscription& s : *subs) {
      if (!s.folder.empty()) by_folder[s.folder].push_back(s.feed_id);
    }
    json feeds_groups = json::array();
    json group_list = json::array();
    for (const auto& [folder, ids] : by_folder) {
      group_list.push_back({{"id", FolderId(folder)}, {"title", folder}});
      std::string joined;
      for (int64_t id : ids) joined += (joined.empty() ? "" : ",") + std::to_string(id);
      feeds_groups.push_back({{"group_id", FolderId(folder)}, {"feed_ids", joined}});
    }
    if (groups) out["groups"] = group_list;
    out["feeds_groups"] = feeds_groups;
  }
  if (feeds) {
    auto records = store.ListFeeds();
    if (!records) return fail(records.error());
    std::map<int64_t, Instant> updated;
    for (const store::FeedRecord& r : *records) {
      if (r.last_success_at) updated[r.id] = *r.last_success_at;
    }
    json list = json::array();
    for (const store::ReaderSubscription& s : *subs) {
      const auto u = updated.find(s.feed_id);
      list.push_back({{"id", s.feed_id},
                      {"favicon_id", 0},
                      {"title", s.title.empty() ? s.url : s.title},
                      {"url", s.url},
                      {"site_url", s.site_url},
                      {"is_spark", 0},
                      {"last_updated_on_time", u == updated.end() ? 0 : Seconds(u->second)}});
    }
    out["feeds"] = list;
  }
  if (f.Has("favicons")) out["favicons"] = json::array();
  if (f.Has("links")) out["links"] = json::array();
  if (f.Has("items")) {
    ReaderStreamQuery q;
    q.user_id = user->id;
    q.limit = kItemsPerAnswer;
    if (auto with = f.Get("with_ids")) {
      const std::optional<std::vector<int64_t>> ids = FeverIdList(*with);
      if (!ids) return refuse("with_ids must be ids separated by commas");
      if (ids->size() > static_cast<size_t>(kItemsPerAnswer)) return refuse("at most 50 with_ids");
      q.scope = ReaderStreamQuery::Scope::kArticles;
      q.article_ids = *ids;
    } else if (auto since = f.Get("since_id")) {
      const std::optional<int64_t> id = ParseCount(*since, INT64_MAX);
      if (!id) return refuse("since_id must be an item id");
      q.after_id = *id;
      q.oldest_first = true;
    } else if (auto max = f.Get("max_id")) {
      const std::optional<int64_t> id = ParseCount(*max, INT64_MAX);
      if (!id) return refuse("max_id must be an item id");
      q.before_id = *id;
    }
    auto items = store.ReaderStream(q);
    if (!items) return fail(items.error());
    json list = json::array();
    for (const store::ReaderItem& item : *items) {
      const store::ArticleSummary& a = item.article;
      auto full = store.FindArticle(a.id);
      if (!full) return fail(full.error());
      list.push_back({{"id", a.id},
                      {"feed_id", item.feed_id},
                      {"title", a.title},
                      {"author", a.byline},
                      {"html", *full ? ArticleHtml(**full) : std::string()},
                      {"url", a.url},
                      {"is_saved", item.saved_at ? 1 : 0},
                      {"is_read", item.read ? 1 : 0},
                      {"created_on_time", Seconds(a.published.value_or(a.captured))}});
    }
    out["items"] = list;
    // Every article of the reader's subscriptions, counted up to the stream's page limit.
    auto all = ids_of(ReaderStreamQuery::Scope::kSubscribed, false);
    if (!all) return fail(all.error());
    out["total_items"] = all->size();
  }
  // A mark answers with the lists it changed, as the published API's marks do.
  if (f.Has("unread_item_ids") || f.Has("mark")) {
    auto unread = ids_of(ReaderStreamQuery::Scope::kSubscribed, true);
    if (!unread) return fail(unread.error());
    out["unread_item_ids"] = JoinIds(*unread);
  }
  if (f.Has("saved_item_ids") || f.Has("mark")) {
    auto saved = ids_of(ReaderStreamQuery::Scope::kSaved, false);
    if (!saved) return fail(saved.error());
    out["saved_item_ids"] = JoinIds(*saved);
  }
  return PrivateJson(200, out);
}

}  // namespace wiredesk::serve
