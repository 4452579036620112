// Accounts and comments through the Site (router and page cache) over a real SQLite store:
// sign-up, sign-in, CSRF, whose session acts, moderation rights, rate limits, the comment API,
// and that pages made for one reader never reach another through the cache.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "serve/accounts/account_routes.h"
#include "serve/accounts/comment_markdown.h"
#include "serve/accounts/credentials.h"
#include "serve/fake_store_test_util.h"
#include "serve/site.h"

namespace wiredesk::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool Has(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

// The value of `name=` in a Set-Cookie field of the response head; "" when not set.
std::string SetCookie(std::string_view head, std::string_view name) {
  const std::string prefix = "Set-Cookie: " + std::string(name) + "=";
  const size_t at = head.find(prefix);
  if (at == std::string_view::npos) return {};
  const size_t start = at + prefix.size();
  return std::string(head.substr(start, head.find_first_of(";\r", start) - start));
}

std::string SetCookieLine(std::string_view head, std::string_view name) {
  const size_t at = head.find("Set-Cookie: " + std::string(name) + "=");
  if (at == std::string_view::npos) return {};
  return std::string(head.substr(at, head.find('\r', at) - at));
}

std::string Location(std::string_view head) {
  const size_t at = head.find("Location: ");
  if (at == std::string_view::npos) return {};
  return std::string(head.substr(at + 10, head.find('\r', at) - at - 10));
}

// The value of the first hidden csrf field in a page.
std::string CsrfField(std::string_view body) {
  const std::string_view key = "name=\"csrf\" value=\"";
  const size_t at = body.find(key);
  if (at == std::string_view::npos) return {};
  const size_t start = at + key.size();
  return std::string(body.substr(start, body.find('"', start) - start));
}

struct Reader {
  std::string session;  // the wd_session cookie
  std::string csrf;     // the token that session's forms carry
};

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "wd_accounts_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto s = store::OpenStore((dir_ / "wiredesk.db").string(), store::StoreOptions{&clock_});
    ASSERT_TRUE(s) << s.error().ToString();
    store_ = std::move(*s);
    Article a = testing::SampleArticle();
    article_ = store_->UpsertArticle(a).value().article_id;
    MakeSite({});
  }
  void TearDown() override {
    site_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void MakeSite(AccountOptions accounts) {
    site_ = std::make_unique<Site>(*store_, clock_,
                                   SiteOptions{.now = [this] { return now_; },
                                               .writer = store_.get(),
                                               .accounts = accounts});
  }

  std::shared_ptr<const WireResponse> Send(std::string method, std::string target,
                                           std::string body = {}, std::string cookie = {},
                                           std::vector<std::pair<std::string, std::string>> extra = {}) {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.body = std::move(body);
    req.peer = peer_;
    if (!cookie.empty()) req.headers.emplace_back("cookie", cookie);
    for (auto& h : extra) req.headers.push_back(std::move(h));
    now_ += std::chrono::seconds(1);  // past the generation poll interval, every time
    return site_->Respond(req);
  }

  // Signs up (or, with `login`, signs in) through the forms, as a browser would.
  Reader Enter(const std::string& name, const std::string& password, bool login = false) {
    const std::string path = login ? "/login" : "/signup";
    auto form = Send("GET", path);
    EXPECT_EQ(form->status, 200);
    const std::string anon = SetCookie(form->Head(), "wd_csrf");
    EXPECT_EQ(anon, CsrfField(form->Body()));
    auto r = Send("POST", path, "csrf=" + anon + "&name=" + name + "&password=" + password,
                  "wd_csrf=" + anon);
    EXPECT_EQ(r->status, 303) << r->Body();
    Reader reader;
    reader.session = SetCookie(r->Head(), "wd_session");
    auto page = Send("GET", "/account", "", "wd_session=" + reader.session);
    reader.csrf = CsrfField(page->Body());
    EXPECT_FALSE(reader.csrf.empty());
    return reader;
  }

  std::shared_ptr<const WireResponse> PostAs(const Reader& who, std::string target, std::string form) {
    return Send("POST", std::move(target), std::move(form), "wd_session=" + who.session);
  }

  std::string ArticlePath() const { return "/articles/" + std::to_string(article_); }

  int64_t Comment(const Reader& who, std::string body, std::string parent = {}) {
    auto r = PostAs(who, ArticlePath() + "/comments",
                    "csrf=" + who.csrf + "&body=" + PercentEncode(body) +
                        (parent.empty() ? "" : "&parent=" + parent));
    EXPECT_EQ(r->status, 303) << r->Body();
    const std::string to = Location(r->Head());
    const size_t hash = to.find("#comment-");
    return hash == std::string::npos ? 0 : std::stoll(to.substr(hash + 9));
  }

  std::string ApiToken(const std::string& name) {
    const std::string token = NewToken();
    auto account = store_->FindAccount(name).value();
    EXPECT_TRUE(account);
    EXPECT_TRUE(store_->AddApiToken(account->user.id, TokenHash(token), "test"));
    return token;
  }

  fs::path dir_;
  FakeClock clock_{testing::At(2025, 6, 27, 12)};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Site> site_;
  std::chrono::steady_clock::time_point now_{};
  std::string peer_ = "192.0.2.1";
  int64_t article_ = 0;
};

TEST_F(AccountsTest, SignUpGivesAnHttpOnlyLaxSessionCookieAndTheMastheadNamesTheReader) {
  auto form = Send("GET", "/signup");
  EXPECT_EQ(form->status, 200);
  EXPECT_TRUE(Has(form->Head(), "Cache-Control: no-store"));
  const std::string anon = SetCookie(form->Head(), "wd_csrf");
  ASSERT_TRUE(LooksLikeToken(anon));
  auto r = Send("POST", "/signup", "csrf=" + anon + "&name=ana&password=correct-horse&next=%2Farticles%2F1",
                "wd_csrf=" + anon);
  ASSERT_EQ(r->status, 303) << r->Body();
  EXPECT_EQ(Location(r->Head()), "/articles/1");
  const std::string line = SetCookieLine(r->Head(), "wd_session");
  EXPECT_TRUE(Has(line, "HttpOnly"));
  EXPECT_TRUE(Has(line, "SameSite=Lax"));
  EXPECT_TRUE(Has(line, "Path=/"));
  EXPECT_FALSE(Has(line, "Secure"));
  const std::string session = SetCookie(r->Head(), "wd_session");
  auto page = Send("GET", ArticlePath(), "", "wd_session=" + session);
  EXPECT_TRUE(Has(page->Body(), ">ana</a>"));
  EXPECT_TRUE(Has(page->Body(), "Comment as <strong>ana</strong>"));
  EXPECT_TRUE(Has(page->Head(), "Cache-Control: private, no-cache"));
  // The store keeps the password as argon2id and the session only as a hash.
  const auto account = store_->FindAccount("ana").value();
  ASSERT_TRUE(account);
  EXPECT_TRUE(account->password_hash.starts_with("$argon2id$"));
  EXPECT_TRUE(store_->SessionUser(TokenHash(session), clock_.Now()).value());
  EXPECT_FALSE(store_->SessionUser(session, clock_.Now()).value());
  // An offsite "next" goes home instead.
  auto other = Send("GET", "/login");
  const std::string anon2 = SetCookie(other->Head(), "wd_csrf");
  auto login = Send("POST", "/login", "csrf=" + anon2 + "&name=ana&password=correct-horse&next=%2F%2Fevil.example",
                    "wd_csrf=" + anon2);
  EXPECT_EQ(Location(login->Head()), "/");
}

TEST_F(AccountsTest, SecureCookiesWhenTheOperatorSaysItIsBehindTls) {
  MakeSite(AccountOptions{.secure_cookies = true});
  auto form = Send("GET", "/signup");
  EXPECT_TRUE(Has(SetCookieLine(form->Head(), "wd_csrf"), "; Secure"));
  const std::string anon = SetCookie(form->Head(), "wd_csrf");
  auto r = Send("POST", "/signup", "csrf=" + anon + "&name=ana&password=correct-horse", "wd_csrf=" + anon);
  EXPECT_TRUE(Has(SetCookieLine(r->Head(), "wd_session"), "; Secure"));
}

TEST_F(AccountsTest, FormsWithoutTheirCsrfTokenAreRefused) {
  auto form = Send("GET", "/signup");
  const std::string anon = SetCookie(form->Head(), "wd_csrf");
  // No token, a wrong one, a token without its cookie: all 403, and no account is made.
  EXPECT_EQ(Send("POST", "/signup", "name=ana&password=correct-horse", "wd_csrf=" + anon)->status, 403);
  EXPECT_EQ(Send("POST", "/signup", "csrf=" + NewToken() + "&name=ana&password=correct-horse",
                 "wd_csrf=" + anon)->status, 403);
  EXPECT_EQ(Send("POST", "/signup", "csrf=" + anon + "&name=ana&password=correct-horse")->status, 403);
  EXPECT_FALSE(store_->FindAccount("ana").value());

  const Reader ana = Enter("ana", "correct-horse");
  EXPECT_EQ(PostAs(ana, ArticlePath() + "/comments", "body=hello")->status, 403);
  EXPECT_EQ(PostAs(ana, ArticlePath() + "/comments", "csrf=" + anon + "&body=hello")->status, 403);
  EXPECT_EQ(PostAs(ana, "/logout", "")->status, 403);
  EXPECT_EQ(PostAs(ana, "/account/password", "current=correct-horse&password=another-horse")->status, 403);
  EXPECT_TRUE(store_->CommentsOf(article_).value().empty());
  EXPECT_EQ(Comment(ana, "hello"), 1);
}

TEST_F(AccountsTest, AnotherReadersSessionCannotActAsYou) {
  const Reader ana = Enter("ana", "correct-horse");
  const Reader bob = Enter("bob", "battery-staple");
  EXPECT_NE(ana.csrf, bob.csrf);
  const int64_t mine = Comment(ana, "ana's comment");
  // bob's cookie with ana's token (lifted from a page of hers): refused.
  EXPECT_EQ(PostAs(bob, ArticlePath() + "/comments", "csrf=" + ana.csrf + "&body=as+ana")->status, 403);
  // bob, properly, cannot edit or delete ana's comment.
  const std::string c = "/comments/" + std::to_string(mine);
  EXPECT_EQ(PostAs(bob, c + "/edit", "csrf=" + bob.csrf + "&body=changed")->status, 403);
  EXPECT_EQ(PostAs(bob, c + "/delete", "csrf=" + bob.csrf)->status, 403);
  EXPECT_EQ(store_->FindComment(mine).value()->body, "ana's comment");
  // ana can.
  EXPECT_EQ(PostAs(ana, c + "/edit", "csrf=" + ana.csrf + "&body=ana+again")->status, 303);
  EXPECT_EQ(store_->FindComment(mine).value()->body, "ana again");
  EXPECT_TRUE(Has(Send("GET", ArticlePath())->Body(), "edited"));
  EXPECT_EQ(PostAs(ana, c + "/delete", "csrf=" + ana.csrf)->status, 303);
  EXPECT_TRUE(store_->FindComment(mine).value()->deleted);
  // A made-up session is nobody.
  Reader nobody{NewToken(), ana.csrf};
  EXPECT_EQ(Location(PostAs(nobody, ArticlePath() + "/comments", "csrf=" + ana.csrf + "&body=x")->Head()),
            "/login?next=/articles/1");
}

TEST_F(AccountsTest, ReadersCannotModerateModeratorsCan) {
  const Reader ana = Enter("ana", "correct-horse");
  const Reader bob = Enter("bob", "battery-staple");
  const int64_t rude = Comment(bob, "Something rude");
  const std::string c = "/comments/" + std::to_string(rude);
  EXPECT_EQ(PostAs(ana, c + "/hide", "csrf=" + ana.csrf)->status, 403);
  EXPECT_EQ(PostAs(bob, c + "/hide", "csrf=" + bob.csrf)->status, 403);
  EXPECT_FALSE(Has(Send("GET", ArticlePath(), "", "wd_session=" + ana.session)->Body(), "/hide\""));
  EXPECT_FALSE(store_->FindComment(rude).value()->hidden);
  // ana reports it; moderators see the count.
  EXPECT_EQ(PostAs(ana, c + "/report", "csrf=" + ana.csrf)->status, 303);

  ASSERT_TRUE(store_->SetRole(store_->FindAccount("ana").value()->user.id, "moderator"));
  const std::string mod_page(Send("GET", ArticlePath(), "", "wd_session=" + ana.session)->Body());
  EXPECT_TRUE(Has(mod_page, "reported 1×"));
  EXPECT_TRUE(Has(mod_page, c + "/hide\""));
  EXPECT_EQ(PostAs(ana, c + "/hide", "csrf=" + ana.csrf)->status, 303);
  EXPECT_TRUE(store_->FindComment(rude).value()->hidden);
  const std::string anon_page(Send("GET", ArticlePath())->Body());
  EXPECT_FALSE(Has(anon_page, "Something rude"));
  EXPECT_TRUE(Has(Send("GET", ArticlePath(), "", "wd_session=" + ana.session)->Body(), "Something rude"));
  EXPECT_EQ(PostAs(ana, c + "/restore", "csrf=" + ana.csrf)->status, 303);
  EXPECT_TRUE(Has(Send("GET", ArticlePath())->Body(), "Something rude"));
}

TEST_F(AccountsTest, SignInFailuresAreLimitedPerAccountAndPerAddress) {
  Enter("ana", "correct-horse");
  auto form = Send("GET", "/login");
  const std::string anon = SetCookie(form->Head(), "wd_csrf");
  auto login = [&](const std::string& name, const std::string& password) {
    return Send("POST", "/login", "csrf=" + anon + "&name=" + name + "&password=" + password,
                "wd_csrf=" + anon);
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("ana", "wrong-" + std::to_string(i))->status, 401);
  // The right password no longer helps until the window passes.
  auto blocked = login("ana", "correct-horse");
  EXPECT_EQ(blocked->status, 429);
  EXPECT_TRUE(Has(blocked->Head(), "Retry-After: "));
  EXPECT_TRUE(SetCookie(blocked->Head(), "wd_session").empty());
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_EQ(login("ana", "correct-horse")->status, 303);

  // Per address: guessing across many names from one address stops too.
  for (int i = 0; i < 20; ++i) login("user" + std::to_string(i), "guess-guess");
  EXPECT_EQ(login("ana", "correct-horse")->status, 429);
  peer_ = "192.0.2.2";
  EXPECT_EQ(login("ana", "correct-horse")->status, 303);
}

TEST_F(AccountsTest, CommentsAreLimitedPerReaderAndInLength) {
  MakeSite(AccountOptions{.comments_per_window = 2});
  const Reader ana = Enter("ana", "correct-horse");
  Comment(ana, "one");
  Comment(ana, "two");
  auto third = PostAs(ana, ArticlePath() + "/comments", "csrf=" + ana.csrf + "&body=three");
  EXPECT_EQ(third->status, 429);
  const Reader bob = Enter("bob", "battery-staple");
  Comment(bob, "bob is not limited by ana");
  clock_.Advance(std::chrono::minutes(11));
  Comment(ana, "three, later");
  auto too_long = PostAs(bob, ArticlePath() + "/comments",
                         "csrf=" + bob.csrf + "&body=" + std::string(kMaxCommentBytes + 1, 'x'));
  EXPECT_EQ(too_long->status, 413);
  EXPECT_EQ(PostAs(bob, ArticlePath() + "/comments", "csrf=" + bob.csrf + "&body=+%0A+")->status, 400);
}

TEST_F(AccountsTest, CommentsRenderMarkdownSafelyAndThreadReplies) {
  const Reader ana = Enter("ana", "correct-horse");
  const int64_t top = Comment(ana, "**Bold** [site](https://example.com) <script>alert(1)</script> [x](javascript:alert(1))");
  Comment(ana, "a *reply*", std::to_string(top));
  const std::string b(Send("GET", ArticlePath())->Body());
  EXPECT_TRUE(Has(b, "<strong>Bold</strong>"));
  EXPECT_TRUE(Has(b, "<a href=\"https://example.com\" rel=\"nofollow ugc noopener noreferrer\">site</a>"));
  EXPECT_TRUE(Has(b, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_FALSE(Has(b, "<script>"));
  EXPECT_FALSE(Has(AsciiLower(b), "href=\"javascript"));
  EXPECT_TRUE(Has(b, "comment-replies"));
  EXPECT_TRUE(Has(b, "<em>reply</em>"));
  EXPECT_TRUE(Has(b, "Comments <span class=\"comment-count\">2</span>"));
  // The front page shows the count.
  EXPECT_TRUE(Has(Send("GET", "/")->Body(), "2 comments"));
  // Anonymous readers get a sign-in link, no form and no token.
  EXPECT_TRUE(Has(b, "/login?next=/articles/1"));
  EXPECT_FALSE(Has(b, "name=\"csrf\""));
}

TEST_F(AccountsTest, PagesForASignedInReaderNeverReachAnotherThroughTheCache) {
  const Reader ana = Enter("ana", "correct-horse");
  auto first = Send("GET", ArticlePath());
  auto cached = Send("GET", ArticlePath());
  EXPECT_EQ(first.get(), cached.get());  // anonymous: the same cached bytes
  auto hers = Send("GET", ArticlePath(), "", "wd_session=" + ana.session);
  EXPECT_NE(hers.get(), cached.get());
  EXPECT_TRUE(Has(hers->Body(), ana.csrf));
  auto anon_again = Send("GET", ArticlePath());
  EXPECT_FALSE(Has(anon_again->Body(), ana.csrf));
  EXPECT_FALSE(Has(anon_again->Body(), ">ana</a>"));
}

TEST_F(AccountsTest, SignOutAndPasswordChangeEndSessions) {
  const Reader ana = Enter("ana", "correct-horse");
  const Reader ana_phone = Enter("ana", "correct-horse", /*login=*/true);
  auto wrong = PostAs(ana, "/account/password", "csrf=" + ana.csrf + "&current=nope-nope-nope&password=new-password-1");
  EXPECT_EQ(wrong->status, 401);
  auto changed = PostAs(ana, "/account/password", "csrf=" + ana.csrf + "&current=correct-horse&password=new-password-1");
  EXPECT_EQ(changed->status, 303);
  // The phone's session is gone; this one stays.
  EXPECT_FALSE(Has(Send("GET", "/", "", "wd_session=" + ana_phone.session)->Body(), ">ana</a>"));
  EXPECT_TRUE(Has(Send("GET", "/", "", "wd_session=" + ana.session)->Body(), ">ana</a>"));
  auto out = PostAs(ana, "/logout", "csrf=" + ana.csrf);
  EXPECT_EQ(out->status, 303);
  EXPECT_TRUE(Has(SetCookieLine(out->Head(), "wd_session"), "Max-Age=0"));
  EXPECT_FALSE(Has(Send("GET", "/", "", "wd_session=" + ana.session)->Body(), ">ana</a>"));
  Enter("ana", "new-password-1", /*login=*/true);
}

TEST_F(AccountsTest, SignUpCanBeClosed) {
  MakeSite(AccountOptions{.signup_open = false});
  auto form = Send("GET", "/signup");
  EXPECT_TRUE(Has(form->Body(), "Sign-up is closed"));
  const std::string anon = SetCookie(form->Head(), "wd_csrf");
  auto r = Send("POST", "/signup", "csrf=" + anon + "&name=ana&password=correct-horse", "wd_csrf=" + anon);
  EXPECT_EQ(r->status, 403);
  EXPECT_FALSE(store_->FindAccount("ana").value());
}

TEST_F(AccountsTest, CommentApiTakesBearerTokensForWrites) {
  Enter("ana", "correct-horse");
  Enter("bob", "battery-staple");
  const std::string ana = ApiToken("ana");
  const std::string bob = ApiToken("bob");
  const std::string path = "/api/v1/articles/" + std::to_string(article_) + "/comments";
  auto bearer = [](const std::string& t) {
    return std::vector<std::pair<std::string, std::string>>{{"authorization", "Bearer " + t}};
  };
  EXPECT_EQ(Send("POST", path, R"({"body":"hi","parent":null})")->status, 401);
  EXPECT_EQ(Send("POST", path, R"({"body":"hi"})", "", bearer(NewToken()))->status, 401);
  EXPECT_EQ(Send("POST", path, R"({"body":3})", "", bearer(ana))->status, 400);
  EXPECT_EQ(Send("POST", path, "not json", "", bearer(ana))->status, 400);
  auto made = Send("POST", path, R"({"body":"Hello *world*","parent":null})", "", bearer(ana));
  ASSERT_EQ(made->status, 201) << made->Body();
  const json c = json::parse(made->Body());
  const int64_t id = c["id"];
  EXPECT_EQ(c["author"], "ana");
  EXPECT_EQ(c["body_html"], "<p>Hello <em>world</em></p>\n");
  auto reply = Send("POST", path, json{{"body", "re"}, {"parent", id}}.dump(), "", bearer(bob));
  EXPECT_EQ(json::parse(reply->Body())["parent"], id);
  const json list = json::parse(Send("GET", path)->Body());
  ASSERT_EQ(list["comments"].size(), 2u);
  EXPECT_EQ(Send("GET", "/api/v1/articles/999/comments")->status, 404);
  // Only the author or a moderator deletes.
  const std::string one = "/api/v1/comments/" + std::to_string(id);
  EXPECT_EQ(Send("DELETE", one)->status, 401);
  EXPECT_EQ(Send("DELETE", one, "", "", bearer(bob))->status, 403);
  EXPECT_EQ(Send("DELETE", one, "", "", bearer(ana))->status, 200);
  EXPECT_EQ(json::parse(Send("GET", one)->Body())["state"], "deleted");
  const int64_t reply_id = json::parse(reply->Body())["id"];
  ASSERT_TRUE(store_->SetRole(store_->FindAccount("ana").value()->user.id, "moderator"));
  EXPECT_EQ(Send("DELETE", "/api/v1/comments/" + std::to_string(reply_id), "", "", bearer(ana))->status, 200);
  EXPECT_EQ(Send("DELETE", "/api/v1/comments/999", "", "", bearer(ana))->status, 404);
  // A session cookie is not an API credential.
  const Reader ana_web = Enter("ana", "correct-horse", true);
  EXPECT_EQ(Send("POST", path, R"({"body":"x"})", "wd_session=" + ana_web.session)->status, 401);
}

TEST_F(AccountsTest, CommentApiDropsNulCharactersFromTheBody) {
  Enter("ana", "correct-horse");
  const std::string ana = ApiToken("ana");
  const std::string path = "/api/v1/articles/" + std::to_string(article_) + "/comments";
  const std::vector<std::pair<std::string, std::string>> bearer{{"authorization", "Bearer " + ana}};
  // JSON can spell a NUL; it must not reach the store or the page.
  auto made = Send("POST", path, R"({"body":"a\u0000b"})", "", bearer);
  ASSERT_EQ(made->status, 201) << made->Body();
  EXPECT_EQ(json::parse(made->Body())["body"], "ab");
  const int64_t id = json::parse(made->Body())["id"];
  EXPECT_EQ(store_->FindComment(id).value()->body, "ab");
  EXPECT_FALSE(Has(Send("GET", ArticlePath())->Body(), std::string_view("\0", 1)));
  // Nothing but NULs is no text at all.
  auto empty = Send("POST", path, R"({"body":"\u0000 \u0000"})", "", bearer);
  EXPECT_EQ(empty->status, 400);
  EXPECT_TRUE(Has(empty->Body(), "needs some text"));
}

TEST_F(AccountsTest, APasswordRefusedForItsLengthSaysWhich) {
  auto form = Send("GET", "/signup");
  const std::string anon = SetCookie(form->Head(), "wd_csrf");
  auto too_long = Send("POST", "/signup", "csrf=" + anon + "&name=ana&password=" + std::string(300, 'p'),
                       "wd_csrf=" + anon);
  EXPECT_EQ(too_long->status, 400);
  EXPECT_TRUE(Has(too_long->Body(), "at most 256 characters"));
  EXPECT_FALSE(Has(too_long->Body(), "longer password"));
}

TEST_F(AccountsTest, CommentRedirectsSayWhereTheyGo) {
  // The text of a 303 names the address its Location gives.
  auto get = Send("GET", ArticlePath() + "/comments");
  EXPECT_EQ(get->status, 303);
  EXPECT_EQ(Location(get->Head()), ArticlePath() + "#comments");
  EXPECT_EQ(get->Body(), "See " + ArticlePath() + "#comments\n");
  auto anon = Send("POST", ArticlePath() + "/comments", "body=hi");
  EXPECT_EQ(Location(anon->Head()), "/login?next=" + ArticlePath());
  EXPECT_EQ(anon->Body(), "See /login?next=" + ArticlePath() + "\n");
}

TEST_F(AccountsTest, OpenApiDocumentDescribesTheApi) {
  auto r = Send("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r->status, 200);
  const json doc = json::parse(r->Body());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* p : {"/api/v1/articles", "/api/v1/articles/{id}", "/api/v1/articles/{id}/comments",
                        "/api/v1/comments/{id}", "/healthz"}) {
    EXPECT_TRUE(doc["paths"].contains(p)) << p;
  }
  EXPECT_TRUE(doc["paths"]["/api/v1/articles/{id}/comments"]["post"].contains("security"));
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
}

TEST_F(AccountsTest, EveryPageCarriesTheSecurityFieldsWithoutInlineScripts) {
  const Reader ana = Enter("ana", "correct-horse");
  for (const std::string target : {"/", "/login", "/signup", "/account", "/search?q=x", "/api/v1/openapi.json",
                                   "/articles/1", "/nope"}) {
    auto r = Send("GET", target, "", "wd_session=" + ana.session);
    const std::string_view head = r->Head();
    EXPECT_TRUE(Has(head, "Content-Security-Policy: default-src 'self'; script-src 'none'")) << target;
    EXPECT_FALSE(Has(head, "unsafe-inline")) << target;
    EXPECT_TRUE(Has(head, "X-Content-Type-Options: nosniff")) << target;
    EXPECT_TRUE(Has(head, "Referrer-Policy: strict-origin-when-cross-origin")) << target;
  }
}

TEST(ReadOnlySiteTest, AccountRoutesSayTheSiteIsReadOnly) {
  testing::FakeStore store;
  store.Add(testing::SampleArticle());
  FakeClock clock{testing::At(2025, 6, 27, 12)};
  Site site(store, clock);
  Request req;
  req.target = "/login";
  EXPECT_EQ(site.Respond(req)->status, 503);
  req.method = "POST";
  req.target = "/articles/1/comments";
  EXPECT_EQ(site.Respond(req)->status, 503);
  req.method = "GET";
  req.target = "/articles/1";
  EXPECT_TRUE(Has(site.Respond(req)->Body(), "No comments yet..."));
}

}  // namespace
}  // namespace wiredesk::serve
