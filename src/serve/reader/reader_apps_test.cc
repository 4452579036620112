// The reader apps' APIs through the Site (router and page cache) over a real SQLite store,
// replaying the requests Reeder, NetNewsWire and Fluent Reader send (as FreshRSS's and
// Miniflux's documentation and the apps' sources show them): sign-in, token, subscriptions,
// streams with continuation, marks, stars and unread counts; refusals of bad or absent auth
// and of garbage; and the signed-in reader's Save button, /saved and OPML export.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "parse/opml.h"
#include "serve/accounts/credentials.h"
#include "serve/fake_store_test_util.h"
#include "serve/reader/app_password.h"
#include "serve/reader/reader_items.h"
#include "serve/site.h"

namespace wiredesk::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kReadingList = "user/-/state/com.google/reading-list";
constexpr char kAppPassword[] = "correct-horse-battery";

bool Has(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

class ReaderAppsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "wd_reader_apps_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto s = store::OpenStore((dir_ / "wiredesk.db").string(), store::StoreOptions{&clock_});
    ASSERT_TRUE(s) << s.error().ToString();
    store_ = std::move(*s);
    ana_ = store_->AddAccount(User{0, "ana", "reader", {}}, "").value();
    bob_ = store_->AddAccount(User{0, "bob", "reader", {}}, "").value();
    ASSERT_TRUE(store_->SetAppKeyHash(ana_, AppKeyHash(FeverKey("ana", kAppPassword))));
    world_ = store_
                 ->Subscribe(ana_, store::FeedSubscription{"https://wire.example.com/world.xml",
                                                           "World", "News", ""})
                 .value();
    sport_ = store_
                 ->Subscribe(ana_, store::FeedSubscription{"https://wire.example.com/sport.xml",
                                                           "Sport", "", ""})
                 .value();
    // Three articles, an hour apart: two from World, one from Sport.
    for (const char* slug : {"w1", "s1", "w2"}) {
      Article a = testing::SampleArticle();
      a.url = std::string("https://wire.example.com/") + slug;
      a.canonical_url.clear();
      a.title = std::string("Headline ") + slug;
      const int64_t id = store_->UpsertArticle(a).value().article_id;
      EXPECT_TRUE(store_->MarkEntrySeen(slug[0] == 'w' ? world_ : sport_, slug, id));
      ids_.push_back(id);
      clock_.Advance(std::chrono::hours(1));
    }
    site_ = std::make_unique<Site>(
        *store_, clock_, SiteOptions{.now = [this] { return now_; }, .writer = store_.get()});
  }
  void TearDown() override {
    site_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::shared_ptr<const WireResponse> Send(
      std::string method, std::string target, std::string body = {},
      std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.body = std::move(body);
    req.peer = "198.51.100.7";
    req.headers = std::move(headers);
    if (req.method == "POST")
      req.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    now_ += std::chrono::seconds(1);
    return site_->Respond(req);
  }

  // A Google Reader API call with the token ClientLogin gave.
  std::shared_ptr<const WireResponse> Api(std::string method, std::string target,
                                          std::string body = {}) {
    return Send(std::move(method), "/reader/api/0/" + target, std::move(body),
                {{"authorization", "GoogleLogin auth=" + auth_}});
  }
  json ApiJson(std::string target) {
    auto r = Api("GET", std::move(target));
    EXPECT_EQ(r->status, 200) << r->Body();
    json j = json::parse(r->Body(), nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r->Body();
    return j;
  }
  void Login() {
    auto r = Send("POST", "/accounts/ClientLogin",
                  "Email=ana&Passwd=" + std::string(kAppPassword) +
                      "&service=reader&accountType=HOSTED_OR_GOOGLE&client=NetNewsWire");
    ASSERT_EQ(r->status, 200) << r->Body();
    const std::string body(r->Body());
    const size_t at = body.find("Auth=");
    ASSERT_NE(at, std::string::npos) << body;
    auth_ = body.substr(at + 5, body.find('\n', at) - at - 5);
  }

  json Fever(std::string query, std::string key = FeverKey("ana", kAppPassword), int status = 200) {
    auto r = Send("POST", "/fever/?api" + query, "api_key=" + key);
    EXPECT_EQ(r->status, status) << r->Body();
    EXPECT_TRUE(Has(r->Head(), "Content-Type: application/json"));
    json j = json::parse(r->Body(), nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r->Body();
    return j;
  }

  // A signed-in browser session for ana: the cookie and its forms' CSRF token.
  std::pair<std::string, std::string> Session() {
    const std::string token = NewToken();
    EXPECT_TRUE(store_->AddSession(TokenHash(token), ana_, clock_.Now() + std::chrono::hours(1)));
    return {"wd_session=" + token, SessionCsrf(token)};
  }

  static std::vector<int64_t> RefIds(const json& j) {
    std::vector<int64_t> out;
    for (const json& r : j["itemRefs"]) out.push_back(std::stoll(r["id"].get<std::string>()));
    return out;
  }

  fs::path dir_;
  FakeClock clock_{*MakeInstant(2025, 6, 27, 12)};
  std::chrono::steady_clock::time_point now_{};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Site> site_;
  int64_t ana_ = 0, bob_ = 0, world_ = 0, sport_ = 0;
  std::vector<int64_t> ids_;  // w1, s1, w2
  std::string auth_;
};

// NetNewsWire's and Reeder's first sync: sign in, token, user info, subscriptions, tags,
// unread ids in pages, then the items' contents.
TEST_F(ReaderAppsTest, GoogleReaderFirstSyncAsTheAppsSendIt) {
  Login();
  EXPECT_TRUE(StartsWith(auth_, "ana/"));
  EXPECT_EQ(auth_.size(), 4u + 32u);

  auto token = Api("GET", "token");
  ASSERT_EQ(token->status, 200);
  EXPECT_EQ(Trim(token->Body()).size(), 57u);
  EXPECT_TRUE(Has(token->Head(), "Cache-Control: no-store"));

  json info = ApiJson("user-info?output=json");
  EXPECT_EQ(info["userName"], "ana");
  EXPECT_EQ(info["userId"], std::to_string(ana_));

  json subs = ApiJson("subscription/list?output=json");
  ASSERT_EQ(subs["subscriptions"].size(), 2u);
  const json& world = subs["subscriptions"][1];  // by folder: "" (Sport) first, then News
  EXPECT_EQ(world["id"], "feed/" + std::to_string(world_));
  EXPECT_EQ(world["title"], "World");
  EXPECT_EQ(world["url"], "https://wire.example.com/world.xml");
  EXPECT_EQ(world["categories"][0]["id"], "user/-/label/News");
  EXPECT_EQ(world["categories"][0]["label"], "News");

  json tags = ApiJson("tag/list?output=json");
  ASSERT_EQ(tags["tags"].size(), 2u);
  EXPECT_EQ(tags["tags"][0]["id"], "user/-/state/com.google/starred");
  EXPECT_EQ(tags["tags"][1]["id"], "user/-/label/News");

  // Unread ids, two at a time: a continuation, then the rest without one.
  json page1 = ApiJson(
      "stream/items/ids?s=user/-/state/com.google/reading-list&n=2"
      "&xt=user/-/state/com.google/read&output=json");
  EXPECT_EQ(RefIds(page1), (std::vector<int64_t>{ids_[2], ids_[1]}));
  ASSERT_TRUE(page1.contains("continuation"));
  json page2 = ApiJson(
      "stream/items/ids?s=user/-/state/com.google/reading-list&n=2"
      "&xt=user/-/state/com.google/read&output=json&c=" +
      page1["continuation"].get<std::string>());
  EXPECT_EQ(RefIds(page2), (std::vector<int64_t>{ids_[0]}));
  EXPECT_FALSE(page2.contains("continuation"));
  EXPECT_TRUE(RefIds(ApiJson("stream/items/ids?s=user/-/state/com.google/starred&n=1000")).empty());

  // items/contents takes decimal and long-form ids alike, as repeated i= fields.
  char long_id[64];
  std::snprintf(long_id, sizeof long_id, "tag:google.com,2005:reader/item/%016llx",
                static_cast<unsigned long long>(ids_[0]));
  auto contents = Api("POST", "stream/items/contents?output=json",
                      "i=" + std::to_string(ids_[2]) + "&i=" + PercentEncode(long_id) + "&T=x");
  ASSERT_EQ(contents->status, 200) << contents->Body();
  json items = json::parse(contents->Body())["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["id"], long_id);
  EXPECT_EQ(items[0]["title"], "Headline w2");
  EXPECT_EQ(items[0]["origin"]["streamId"], "feed/" + std::to_string(world_));
  EXPECT_EQ(items[0]["origin"]["title"], "World");
  EXPECT_EQ(items[0]["alternate"][0]["href"], "https://wire.example.com/w2");
  EXPECT_EQ(items[0]["author"], "Maya Gebeily");
  EXPECT_TRUE(Has(items[0]["summary"]["content"].get<std::string>(), "<p>"));
  EXPECT_EQ(items[0]["categories"], json({std::string(kReadingList), "user/-/label/News"}));
  EXPECT_EQ(items[0]["crawlTimeMsec"], "1751032800000");  // first seen 27 Jun 2025 14:00 UTC
}

// What the apps send as the reader reads: mark read, star, unread again, mark a feed read,
// and the unread counts after each.
TEST_F(ReaderAppsTest, GoogleReaderMarksStarsAndCounts) {
  Login();
  const std::string token(Trim(Api("GET", "token")->Body()));
  const std::string w2 = std::to_string(ids_[2]);

  json counts = ApiJson("unread-count?output=json");
  EXPECT_EQ(counts["max"], 3);
  auto count_of = [](const json& c, const std::string& id) {
    for (const json& u : c["unreadcounts"]) {
      if (u["id"] == id) return u["count"].get<int64_t>();
    }
    return int64_t{-1};
  };
  EXPECT_EQ(count_of(counts, std::string(kReadingList)), 3);
  EXPECT_EQ(count_of(counts, "feed/" + std::to_string(world_)), 2);
  EXPECT_EQ(count_of(counts, "user/-/label/News"), 2);

  auto r = Api("POST", "edit-tag", "i=" + w2 + "&a=user/-/state/com.google/read&T=" + token);
  ASSERT_EQ(r->status, 200) << r->Body();
  EXPECT_EQ(Trim(r->Body()), "OK");
  EXPECT_EQ(count_of(ApiJson("unread-count?output=json"), std::string(kReadingList)), 2);
  r = Api("POST", "edit-tag", "i=" + w2 + "&a=user/-/state/com.google/starred&T=" + token);
  ASSERT_EQ(r->status, 200);
  json starred = ApiJson("stream/contents/user/-/state/com.google/starred?output=json");
  ASSERT_EQ(starred["items"].size(), 1u);
  EXPECT_EQ(starred["items"][0]["categories"],
            json({std::string(kReadingList), "user/-/label/News", "user/-/state/com.google/read",
                  "user/-/state/com.google/starred"}));
  // Unread again (Reeder adds kept-unread beside it; nothing to record for that).
  r = Api("POST", "edit-tag",
          "i=" + w2 + "&r=user/-/state/com.google/read&a=user/-/state/com.google/kept-unread");
  ASSERT_EQ(r->status, 200) << r->Body();
  EXPECT_EQ(count_of(ApiJson("unread-count?output=json"), std::string(kReadingList)), 3);
  r = Api("POST", "edit-tag", "i=" + w2 + "&r=user/-/state/com.google/starred");
  EXPECT_TRUE(ApiJson("stream/contents/user/-/state/com.google/starred")["items"].empty());

  // Mark one feed read (ts in microseconds, as the apps send it), then everything.
  r = Api("POST", "mark-all-as-read",
          "s=feed/" + std::to_string(world_) + "&ts=" +
              std::to_string(clock_.Now().time_since_epoch().count()) + "000000&T=" + token);
  ASSERT_EQ(r->status, 200) << r->Body();
  counts = ApiJson("unread-count?output=json");
  EXPECT_EQ(count_of(counts, "feed/" + std::to_string(world_)), 0);
  EXPECT_EQ(count_of(counts, std::string(kReadingList)), 1);
  r = Api("POST", "mark-all-as-read", "s=user/-/state/com.google/reading-list");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(ApiJson("unread-count")["max"], 0);
  // Bob's state is untouched (he follows World too, from now on).
  ASSERT_TRUE(
      store_->Subscribe(bob_, store::FeedSubscription{"https://wire.example.com/world.xml"}));
  EXPECT_EQ(store_->UnreadCounts(bob_).value().back().count, 2);
}

TEST_F(ReaderAppsTest, GoogleReaderStreamsPageAndNarrow) {
  Login();
  // Oldest first, one at a time, following continuations to the end.
  std::vector<int64_t> seen;
  std::string c;
  for (int guard = 0; guard < 5; ++guard) {
    json page = ApiJson("stream/contents/user/-/state/com.google/reading-list?n=1&r=o" +
                        (c.empty() ? std::string() : "&c=" + c));
    for (const json& item : page["items"]) {
      seen.push_back(std::stoll(item["id"].get<std::string>().substr(32), nullptr, 16));
    }
    if (!page.contains("continuation")) break;
    c = page["continuation"].get<std::string>();
  }
  EXPECT_EQ(seen, ids_);
  // A feed by id (its slash encoded, as some apps send it) and by URL; a label; times.
  EXPECT_EQ(ApiJson("stream/contents/feed%2F" + std::to_string(sport_))["items"].size(), 1u);
  EXPECT_EQ(ApiJson("stream/contents/feed/" +
                    PercentEncode("https://wire.example.com/world.xml"))["items"]
                .size(),
            2u);
  EXPECT_EQ(ApiJson("stream/contents/user/-/label/News")["items"].size(), 2u);
  EXPECT_EQ(ApiJson("stream/contents/user/" + std::to_string(ana_) + "/label/News")["items"].size(),
            2u);
  EXPECT_EQ(ApiJson("stream/contents?s=feed/https://nowhere.example/feed")["items"].size(), 0u);
  const int64_t start = clock_.Now().time_since_epoch().count() - 3 * 3600;
  EXPECT_EQ(ApiJson("stream/contents?ot=" + std::to_string(start + 3600))["items"].size(), 2u);
  EXPECT_EQ(ApiJson("stream/contents?nt=" + std::to_string(start))["items"].size(), 1u);
}

TEST_F(ReaderAppsTest, GoogleReaderSubscriptionsAreEditedAndExported) {
  Login();
  auto r =
      Api("POST", "subscription/quickadd", "quickadd=https%3A%2F%2Fnew.example.org%2Ffeed.xml");
  ASSERT_EQ(r->status, 200) << r->Body();
  json added = json::parse(r->Body());
  EXPECT_EQ(added["numResults"], 1);
  const std::string stream = added["streamId"];
  // The site fetches it now: it is one of the site's feeds.
  EXPECT_TRUE(store_->FindFeed("https://new.example.org/feed.xml").value());

  r = Api("POST", "subscription/edit",
          "ac=edit&s=" + stream + "&t=Newcomer&a=user%2F-%2Flabel%2FLater");
  ASSERT_EQ(r->status, 200) << r->Body();
  r = Api("POST", "subscription/edit",
          "ac=subscribe&s=feed%2Fhttps%3A%2F%2Fthird.example.net%2Frss&t=Third");
  ASSERT_EQ(r->status, 200) << r->Body();
  r = Api("POST", "subscription/edit", "ac=unsubscribe&s=feed/" + std::to_string(sport_));
  ASSERT_EQ(r->status, 200) << r->Body();

  auto opml = Api("GET", "subscription/export");
  ASSERT_EQ(opml->status, 200);
  EXPECT_TRUE(Has(opml->Head(), "text/x-opml"));
  auto doc = parse::ParseOpml(opml->Body());
  ASSERT_TRUE(doc) << doc.error().ToString();
  ASSERT_EQ(doc->subscriptions.size(), 3u);
  std::map<std::string, parse::OpmlSubscription> by_url;
  for (const auto& s : doc->subscriptions) by_url[s.xml_url] = s;
  EXPECT_EQ(by_url["https://new.example.org/feed.xml"].title, "Newcomer");
  EXPECT_EQ(by_url["https://new.example.org/feed.xml"].folder, "Later");
  EXPECT_EQ(by_url["https://wire.example.com/world.xml"].folder, "News");
  EXPECT_EQ(by_url["https://third.example.net/rss"].title, "Third");
  EXPECT_FALSE(by_url.contains("https://wire.example.com/sport.xml"));

  r = Api("POST", "rename-tag", "s=user/-/label/Later&dest=user/-/label/Soon");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(ApiJson("tag/list")["tags"].size(), 3u);  // starred, News, Soon
}

TEST_F(ReaderAppsTest, GoogleReaderRefusesBadAuthAndGarbage) {
  // Sign-in: missing fields, a wrong password, the account password's place taken by nothing.
  EXPECT_EQ(Send("POST", "/accounts/ClientLogin", "Email=ana")->status, 400);
  auto wrong = Send("POST", "/accounts/ClientLogin", "Email=ana&Passwd=guess");
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(Has(wrong->Body(), "Error=BadAuthentication"));
  EXPECT_EQ(Send("POST", "/accounts/ClientLogin", "Email=nobody&Passwd=guess")->status, 401);
  EXPECT_EQ(Send("POST", "/accounts/ClientLogin", "Email=bob&Passwd=x")->status, 401);
  // No Authorization, another scheme, a wrong key, ana's key under bob's name.
  EXPECT_EQ(Send("GET", "/reader/api/0/subscription/list")->status, 401);
  EXPECT_EQ(
      Send("GET", "/reader/api/0/subscription/list", {}, {{"authorization", "Bearer abc"}})->status,
      401);
  EXPECT_EQ(Send("GET", "/reader/api/0/subscription/list", {},
                 {{"authorization", "GoogleLogin auth=ana/0123456789abcdef0123456789abcdef"}})
                ->status,
            401);
  Login();
  const std::string key = auth_.substr(4);
  EXPECT_EQ(
      Send("GET", "/reader/api/0/user-info", {}, {{"authorization", "GoogleLogin auth=bob/" + key}})
          ->status,
      401);
  EXPECT_EQ(
      Send("GET", "/reader/api/0/user-info", {}, {{"authorization", "GoogleLogin auth=" + key}})
          ->status,
      200);

  // Garbage parameters: a clear 400, never a crash.
  for (const char* target :
       {"stream/contents?n=abc", "stream/contents?n=0", "stream/contents?c=%00x",
        "stream/contents?ot=-5", "stream/contents?s=splice/everything", "stream/items/ids",
        "stream/items/contents?i=tag:google.com,2005:reader/item/zz",
        "stream/items/contents?i=-3"}) {
    auto r = Api("GET", target);
    EXPECT_EQ(r->status, 400) << target << ": " << r->Body();
    EXPECT_FALSE(r->Body().empty());
  }
  EXPECT_EQ(Api("POST", "edit-tag", "i=1&a=user/-/label/Mine")->status, 400);
  EXPECT_EQ(Api("POST", "edit-tag", "a=user/-/state/com.google/read")->status, 400);
  EXPECT_EQ(Api("POST", "subscription/edit", "ac=explode&s=feed/1")->status, 400);
  EXPECT_EQ(Api("POST", "subscription/quickadd", "quickadd=javascript:alert(1)")->status, 400);
  EXPECT_EQ(
      Api("POST", "mark-all-as-read", "s=user/-/state/com.google/reading-list&ts=soon")->status,
      400);
  // Writes need POST; a wrong action token is refused the way Google Reader did.
  EXPECT_EQ(Api("GET", "edit-tag?i=1&a=user/-/state/com.google/read")->status, 405);
  auto bad_token = Api("POST", "edit-tag", "i=1&a=user/-/state/com.google/read&T=forged");
  EXPECT_EQ(bad_token->status, 401);
  EXPECT_TRUE(Has(bad_token->Head(), "X-Reader-Google-Bad-Token: true"));
  EXPECT_EQ(Api("GET", "nonsense")->status, 404);

  // Sign-in guessing is rate-limited per account.
  int last = 0;
  for (int i = 0; i < 8; ++i) {
    last =
        Send("POST", "/accounts/ClientLogin", "Email=ana&Passwd=guess" + std::to_string(i))->status;
  }
  EXPECT_EQ(last, 429);
}

// Reeder's and Fluent Reader's Fever sync: auth, groups and feeds, unread and saved ids, items
// by since_id / with_ids / max_id, then marks.
TEST_F(ReaderAppsTest, FeverSyncAsTheAppsSendIt) {
  json refused = Fever("", "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(refused["auth"], 0);
  EXPECT_EQ(refused["api_version"], 3);
  EXPECT_FALSE(refused.contains("feeds"));
  EXPECT_EQ(Fever("&feeds", "")["auth"], 0);

  json hello = Fever("");
  EXPECT_EQ(hello["auth"], 1);
  EXPECT_TRUE(hello.contains("last_refreshed_on_time"));

  json groups = Fever("&groups");
  ASSERT_EQ(groups["groups"].size(), 1u);
  EXPECT_EQ(groups["groups"][0]["title"], "News");
  EXPECT_EQ(groups["groups"][0]["id"], FolderId("News"));
  EXPECT_EQ(groups["feeds_groups"][0]["feed_ids"], std::to_string(world_));

  json feeds = Fever("&feeds");
  ASSERT_EQ(feeds["feeds"].size(), 2u);
  EXPECT_EQ(feeds["feeds"][1]["title"], "World");
  EXPECT_EQ(feeds["feeds"][1]["url"], "https://wire.example.com/world.xml");
  EXPECT_EQ(feeds["feeds"][1]["is_spark"], 0);
  EXPECT_TRUE(Fever("&favicons")["favicons"].empty());

  const std::string all =
      std::to_string(ids_[2]) + "," + std::to_string(ids_[1]) + "," + std::to_string(ids_[0]);
  EXPECT_EQ(Fever("&unread_item_ids")["unread_item_ids"], all);
  EXPECT_EQ(Fever("&saved_item_ids")["saved_item_ids"], "");

  json since = Fever("&items&since_id=0");
  ASSERT_EQ(since["items"].size(), 3u);
  EXPECT_EQ(since["items"][0]["id"], ids_[0]);  // oldest first above since_id
  EXPECT_EQ(since["items"][0]["feed_id"], world_);
  EXPECT_EQ(since["items"][0]["is_read"], 0);
  EXPECT_TRUE(Has(since["items"][0]["html"].get<std::string>(), "<p>"));
  EXPECT_EQ(since["total_items"], 3);
  EXPECT_EQ(Fever("&items&since_id=" + std::to_string(ids_[1]))["items"].size(), 1u);
  json max = Fever("&items&max_id=" + std::to_string(ids_[2]));
  ASSERT_EQ(max["items"].size(), 2u);
  EXPECT_EQ(max["items"][0]["id"], ids_[1]);
  json with = Fever("&items&with_ids=" + std::to_string(ids_[1]) + "," + std::to_string(ids_[0]));
  EXPECT_EQ(with["items"].size(), 2u);

  json marked = Fever("&mark=item&as=read&id=" + std::to_string(ids_[2]));
  EXPECT_EQ(marked["unread_item_ids"], std::to_string(ids_[1]) + "," + std::to_string(ids_[0]));
  marked = Fever("&mark=item&as=saved&id=" + std::to_string(ids_[0]));
  EXPECT_EQ(marked["saved_item_ids"], std::to_string(ids_[0]));
  EXPECT_EQ(Fever("&items&with_ids=" + std::to_string(ids_[0]))["items"][0]["is_saved"], 1);
  Fever("&mark=item&as=unsaved&id=" + std::to_string(ids_[0]));
  Fever("&mark=item&as=unread&id=" + std::to_string(ids_[2]));
  const std::string later = std::to_string(clock_.Now().time_since_epoch().count());
  marked = Fever("&mark=feed&as=read&id=" + std::to_string(world_) + "&before=" + later);
  EXPECT_EQ(marked["unread_item_ids"], std::to_string(ids_[1]));
  marked = Fever("&mark=group&as=read&id=0&before=" + later);
  EXPECT_EQ(marked["unread_item_ids"], "");
  Fever("&mark=item&as=unread&id=" + std::to_string(ids_[2]));
  marked = Fever("&mark=group&as=read&id=" + std::to_string(FolderId("News")));
  EXPECT_EQ(marked["unread_item_ids"], "");
}

TEST_F(ReaderAppsTest, FeverRefusesGarbage) {
  EXPECT_EQ(Send("POST", "/fever/", "api_key=x")->status, 400);  // no ?api
  EXPECT_TRUE(Fever("&items&with_ids=1,two", FeverKey("ana", kAppPassword), 400).contains("error"));
  EXPECT_TRUE(Fever("&items&since_id=-1", FeverKey("ana", kAppPassword), 400).contains("error"));
  EXPECT_TRUE(
      Fever("&mark=item&as=eaten&id=1", FeverKey("ana", kAppPassword), 400).contains("error"));
  EXPECT_TRUE(
      Fever("&mark=feed&as=read&id=999", FeverKey("ana", kAppPassword), 400).contains("error"));
  EXPECT_TRUE(
      Fever("&mark=item&as=read&id=x", FeverKey("ana", kAppPassword), 400).contains("error"));
  EXPECT_TRUE(
      Fever("&mark=everything&as=read&id=1", FeverKey("ana", kAppPassword), 400).contains("error"));
}

// The signed-in reader's pages: Save on the article page (CSRF checked), /saved, the OPML
// export, and a new app password that the apps then sign in with.
TEST_F(ReaderAppsTest, SavedArticlesAreAPrivateFeedForFeedReaders) {
  ASSERT_TRUE(store_->SetSaved(ana_, {ids_[0], ids_[2]}, true));
  const std::pair<std::string, std::string> host{"host", "news.example"};
  // Feed readers carry no cookie: HTTP Basic with the name and app password.
  auto feed = Send("GET", "/saved/feed.json", {}, {host, {"authorization", "Basic YW5hOmNvcnJlY3QtaG9yc2UtYmF0dGVyeQ=="}});
  ASSERT_EQ(feed->status, 200) << feed->Body();
  EXPECT_TRUE(Has(feed->Head(), "Cache-Control: private, no-store"));
  json j = json::parse(feed->Body());
  EXPECT_EQ(j["feed_url"], "http://news.example/saved/feed.json");
  ASSERT_EQ(j["items"].size(), 2u);
  std::vector<std::string> titles{j["items"][0]["title"], j["items"][1]["title"]};
  std::sort(titles.begin(), titles.end());
  EXPECT_EQ(titles, (std::vector<std::string>{"Headline w1", "Headline w2"}));
  auto rss = Send("GET", "/saved/feed.xml", {}, {host, {"authorization", "Basic YW5hOmNvcnJlY3QtaG9yc2UtYmF0dGVyeQ=="}});
  ASSERT_EQ(rss->status, 200);
  EXPECT_NE(rss->Body().find("<title>Headline w2</title>"), std::string::npos);

  // Nobody else's: no credentials, a wrong password, garbage.
  auto anonymous = Send("GET", "/saved/feed.xml", {}, {host});
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_TRUE(Has(anonymous->Head(), "WWW-Authenticate: Basic"));
  EXPECT_EQ(Send("GET", "/saved/feed.xml", {}, {host, {"authorization", "Basic YW5hOndyb25n"}})->status, 401);
  EXPECT_EQ(Send("GET", "/saved/feed.xml", {}, {host, {"authorization", "Basic !!!"}})->status, 400);
  EXPECT_EQ(Send("POST", "/saved/feed.xml", "x=1", {host})->status, 405);
}

TEST_F(ReaderAppsTest, ReadersSaveArticlesAndExportSubscriptions) {
  const auto [cookie, csrf] = Session();
  const std::string article = "/articles/" + std::to_string(ids_[0]);
  auto page = Send("GET", article, {}, {{"cookie", cookie}});
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(Has(page->Body(), "action=\"" + article + "/save\""));
  EXPECT_TRUE(Has(page->Body(), ">Save</button>"));
  // Anonymous readers see no Save button.
  EXPECT_FALSE(Has(Send("GET", article)->Body(), "/save\""));

  EXPECT_EQ(Send("POST", article + "/save", "saved=1", {{"cookie", cookie}})->status, 403);
  EXPECT_EQ(Send("POST", article + "/save", "csrf=" + csrf + "&saved=1")->status,
            303);  // to /login
  EXPECT_EQ(Send("GET", article + "/save", {}, {{"cookie", cookie}})->status, 405);
  EXPECT_EQ(Send("POST", "/articles/999999/save", "csrf=" + csrf, {{"cookie", cookie}})->status,
            404);
  auto saved = Send("POST", article + "/save", "csrf=" + csrf + "&saved=1", {{"cookie", cookie}});
  ASSERT_EQ(saved->status, 303);
  EXPECT_TRUE(Has(saved->Head(), "Location: " + article));
  EXPECT_TRUE(Has(Send("GET", article, {}, {{"cookie", cookie}})->Body(), ">Unsave</button>"));
  EXPECT_EQ(store_->SavedArticles(ana_, 10, 0).value().total, 1);

  auto list = Send("GET", "/saved", {}, {{"cookie", cookie}});
  ASSERT_EQ(list->status, 200);
  EXPECT_TRUE(Has(list->Body(), "1 saved article"));
  EXPECT_TRUE(Has(list->Body(), "Headline w1"));
  // Past the last page: not "Nothing saved yet" under "1 saved article".
  auto past = Send("GET", "/saved?page=3", {}, {{"cookie", cookie}});
  EXPECT_TRUE(Has(past->Body(), "past the last"));
  EXPECT_FALSE(Has(past->Body(), "Nothing saved yet"));
  EXPECT_EQ(Send("GET", "/saved")->status, 303);
  auto unsaved = Send("POST", article + "/save", "csrf=" + csrf + "&saved=0&next=/saved",
                      {{"cookie", cookie}});
  EXPECT_TRUE(Has(unsaved->Head(), "Location: /saved"));
  EXPECT_TRUE(Has(Send("GET", "/saved", {}, {{"cookie", cookie}})->Body(), "Nothing saved yet"));

  auto opml = Send("GET", "/account/subscriptions.opml", {}, {{"cookie", cookie}});
  ASSERT_EQ(opml->status, 200);
  auto doc = parse::ParseOpml(opml->Body());
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc->subscriptions.size(), 2u);
  EXPECT_EQ(doc->subscriptions[1].folder, "News");
  EXPECT_EQ(Send("GET", "/account/subscriptions.opml")->status, 303);

  // A new app password: shown once, and ClientLogin takes it (the old one no longer).
  EXPECT_EQ(Send("POST", "/account/app-password", "csrf=wrong", {{"cookie", cookie}})->status, 403);
  auto made = Send("POST", "/account/app-password", "csrf=" + csrf, {{"cookie", cookie}});
  ASSERT_EQ(made->status, 200);
  const std::string body(made->Body());
  const size_t at = body.find("<code>");
  ASSERT_NE(at, std::string::npos);
  const std::string password = body.substr(at + 6, body.find("</code>") - at - 6);
  EXPECT_EQ(password.size(), 24u);
  EXPECT_EQ(Send("POST", "/accounts/ClientLogin", "Email=ana&Passwd=" + password)->status, 200);
  EXPECT_EQ(Send("POST", "/accounts/ClientLogin", "Email=ana&Passwd=" + std::string(kAppPassword))
                ->status,
            401);
  EXPECT_EQ(Fever("", FeverKey("ana", password))["auth"], 1);
}

}  // namespace
}  // namespace wiredesk::serve
