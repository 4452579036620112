// Sign-up, sign-in, sign-out and password change, and the dispatch of every account and
// comment route (the comment routes themselves are in comment_routes.cc).
#include "serve/accounts/account_routes.h"

#include <fmt/format.h>

#include <cstdio>

#include "core/text.h"
#include "serve/accounts/credentials.h"
#include "serve/api/api_routes.h"
#include "serve/assets.h"
#include "serve/router.h"

namespace wiredesk::serve {

namespace {

constexpr std::string_view kSignup = "/signup";
constexpr std::string_view kLogin = "/login";
constexpr std::string_view kLogout = "/logout";
constexpr std::string_view kAccount = "/account";
constexpr std::string_view kPassword = "/account/password";
constexpr std::string_view kOpenApi = "/api/v1/openapi.json";
constexpr std::string_view kArticles = "/articles/";
constexpr std::string_view kComments = "/comments/";
constexpr std::string_view kApiArticles = "/api/v1/articles/";
constexpr std::string_view kApiComments = "/api/v1/comments/";
constexpr std::string_view kCommentsSuffix = "/comments";
constexpr size_t kMaxNextBytes = 512;

// Where to go after signing in: a path on this site only, never "//elsewhere" or a URL.
std::string SafeNext(std::string_view next) {
  if (next.empty() || next.size() > kMaxNextBytes || next[0] != '/') return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (char c : next) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f) return "/";
  }
  return std::string(next);
}

std::string Minutes(std::chrono::seconds s) {
  const int64_t m = std::max<int64_t>(1, (s.count() + 59) / 60);
  return fmt::format("{} minute{}", m, m == 1 ? "" : "s");
}

}  // namespace

Response Redirect(std::string_view location) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "See " + std::string(location) + "\n";
  r.headers.emplace_back("Location", std::string(location));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::optional<std::string_view> CookieValue(const Request& req, std::string_view name) {
  for (const auto& [field, value] : req.headers) {
    if (field != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (Trim(pair.substr(0, eq)) == name) return Trim(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

bool HasSessionCookie(const Request& req) { return CookieValue(req, kSessionCookie).has_value(); }

AccountRoutes::AccountRoutes(store::StoreReader& reader, store::Store* writer, const Clock& clock,
                             Pages& pages, AccountOptions options)
    : reader_(reader),
      writer_(writer),
      clock_(clock),
      pages_(pages),
      options_(options),
      login_by_account_(static_cast<size_t>(std::max(1, options.login_failures_per_account)),
                        options.login_window),
      login_by_address_(static_cast<size_t>(std::max(1, options.login_failures_per_address)),
                        options.login_window),
      signups_by_address_(static_cast<size_t>(std::max(1, options.signups_per_address)),
                          std::chrono::hours(1)) {}

Viewer AccountRoutes::ViewerOf(const Request& req) {
  Viewer v;
  if (writer_ == nullptr) return v;
  const std::optional<std::string_view> token = CookieValue(req, kSessionCookie);
  if (!token || !LooksLikeToken(*token)) return v;
  const std::string hash = TokenHash(*token);
  auto user = writer_->SessionUser(hash, clock_.Now());
  if (!user) {
    std::fprintf(stderr, "wiredesk serve: %s\n", user.error().ToString().c_str());
    return v;
  }
  if (!*user) return v;
  v.user_id = (*user)->id;
  v.name = (*user)->name;
  v.role = (*user)->role;
  v.csrf = SessionCsrf(*token);
  v.session_hash = hash;
  return v;
}

std::optional<Response> AccountRoutes::Route(const Request& req, const Viewer& viewer) {
  const std::string_view path = req.Path();
  if (path == kSignup) return Signup(req, viewer);
  if (path == kLogin) return Login(req, viewer);
  if (path == kLogout) return Logout(req, viewer);
  if (path == kAccount) return AccountPage(req, viewer);
  if (path == kPassword) return ChangePassword(req, viewer);
  if (path == kOpenApi) {
    if (req.method != "GET" && req.method != "HEAD") return api::JsonError(405, "only GET");
    Response r;
    r.content_type = "application/json; charset=utf-8";
    r.body = std::string(FindAsset("static/openapi.json").value_or("{}"));
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.cacheable = true;
    return r;
  }
  // /articles/{id}/comments, /api/v1/articles/{id}/comments
  for (const std::string_view prefix : {kArticles, kApiArticles}) {
    if (!StartsWith(path, prefix) || !EndsWith(path, kCommentsSuffix)) continue;
    const std::string_view middle =
        path.substr(prefix.size(), path.size() - prefix.size() - kCommentsSuffix.size());
    const std::optional<int64_t> id = ParseId(middle);
    if (!id) continue;
    if (prefix == kApiArticles) return ApiComments(req, *id);
    return PostCommentForm(req, viewer, *id);
  }
  // /api/v1/comments/{id}
  if (StartsWith(path, kApiComments)) {
    const std::optional<int64_t> id = ParseId(path.substr(kApiComments.size()));
    if (!id) return api::JsonError(400, "comment id must be a positive whole number");
    return ApiComment(req, *id);
  }
  // /comments/{id}/{action}
  if (StartsWith(path, kComments)) {
    const std::string_view rest = path.substr(kComments.size());
    const size_t slash = rest.find('/');
    const std::optional<int64_t> id = ParseId(rest.substr(0, slash));
    if (!id || slash == std::string_view::npos) {
      return pages_.Error(404, "There is nothing at this address.");
    }
    return CommentFormAction(req, viewer, *id, rest.substr(slash + 1));
  }
  return std::nullopt;
}

Response AccountRoutes::ReadOnly(bool api) {
  const std::string_view why = "This site is read-only: accounts and comments are off.";
  return api ? api::JsonError(503, "this site is read-only: accounts and comments are off")
             : pages_.Error(503, why);
}

// A form for someone not signed in (sign-in, sign-up), with a double-submit CSRF cookie: the
// token in the form must equal the cookie, which another site can neither read nor set.
Response AccountRoutes::AnonForm(const Request& req, int status, std::string_view content,
                                 std::string_view title, std::string_view error,
                                 std::string_view name, std::string_view next) {
  std::string csrf;
  bool fresh = false;
  if (auto c = CookieValue(req, kAnonCsrfCookie); c && LooksLikeToken(*c)) {
    csrf = std::string(*c);
  } else {
    csrf = NewToken();
    fresh = true;
  }
  const std::string safe_next = SafeNext(next);
  Response r = pages_.Form(
      status, content, title,
      {{"f_csrf", csrf},
       {"f_error", std::string(error)},
       {"f_name", std::string(name)},
       {"f_next", safe_next == "/" ? std::string() : safe_next},
       {"f_next_q", PercentEncode(safe_next)},
       {"f_signup_open", options_.signup_open ? "yes" : ""},
       {"f_closed", options_.signup_open ? "" : "yes"}});
  if (fresh) {
    r.headers.emplace_back("Set-Cookie", std::string(kAnonCsrfCookie) + "=" + csrf +
                                             "; Path=/; HttpOnly; SameSite=Lax" +
                                             (options_.secure_cookies ? "; Secure" : ""));
  }
  return r;
}

namespace {

bool IsPost(const Request& req) { return req.method == "POST"; }

Response MethodNotAllowed(Pages& pages, std::string_view allow) {
  Response r = pages.Error(405, "This address does not take that method.");
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

Response CsrfRefused(Pages& pages) {
  return pages.Error(403,
                     "This form has expired or was sent from another site. Go back, reload the "
                     "page and try again.");
}

}  // namespace

std::optional<Response> AccountRoutes::AnonRequest(const Request& req, const Viewer& viewer,
                                                   std::string_view content,
                                                   std::string_view title, AnonPost& post) {
  const bool get = req.method == "GET" || req.method == "HEAD";
  if (!get && !IsPost(req)) return MethodNotAllowed(pages_, "GET, HEAD, POST");
  if (writer_ == nullptr) return ReadOnly(false);
  const QueryParams query(req.RawQuery());
  if (viewer.signed_in()) return Redirect(SafeNext(query.Get("next").value_or("/")));
  if (get) return AnonForm(req, 200, content, title, "", "", query.Get("next").value_or(""));
  const QueryParams form(req.body);
  const std::optional<std::string_view> cookie = CookieValue(req, kAnonCsrfCookie);
  if (!cookie || !ConstantTimeEquals(*cookie, form.Get("csrf").value_or(""))) {
    return CsrfRefused(pages_);
  }
  post.name = std::string(Trim(form.Get("name").value_or("")));
  post.password = form.Get("password").value_or("");
  post.next = form.Get("next").value_or("");
  return std::nullopt;
}

Response AccountRoutes::Signup(const Request& req, const Viewer& viewer) {
  AnonPost post;
  if (auto done = AnonRequest(req, viewer, "signup", "Create an account", post)) return *done;
  const std::string& name = post.name;
  const std::string& password = post.password;
  const std::string& next = post.next;
  if (!options_.signup_open) {
    return AnonForm(req, 403, "signup", "Create an account", "", "", next);
  }
  auto again = [&](int status, std::string_view error) {
    return AnonForm(req, status, "signup", "Create an account", error, name, next);
  };
  const Instant now = clock_.Now();
  const std::string address_key = "signup:" + req.peer;
  if (!signups_by_address_.Allows(address_key, now)) {
    Response r = again(429, "Too many new accounts from your address. Try again in " +
                                Minutes(signups_by_address_.RetryAfter(address_key, now)) + ".");
    r.headers.emplace_back("Retry-After", std::to_string(signups_by_address_.RetryAfter(address_key, now).count()));
    return r;
  }
  if (!IsValidAccountName(name)) {
    return again(400, "A name is 3 to 32 letters, digits, dots, dashes or underscores.");
  }
  if (auto ok = CheckNewPassword(password, name); !ok) {
    return again(400, "Choose another password: " + ok.error().message + ".");
  }
  auto hash = HashPassword(password);
  if (!hash) return pages_.Error(500, "The account could not be made. Try again in a moment.");
  auto id = writer_->AddAccount(User{0, name, "reader", {}}, *hash);
  if (!id) {
    if (id.error().code == ErrorCode::kConflict) return again(409, "That name is taken. Choose another.");
    std::fprintf(stderr, "wiredesk serve: %s\n", id.error().ToString().c_str());
    return pages_.Error(500, "The account could not be made. Try again in a moment.");
  }
  signups_by_address_.Record(address_key, now);
  return StartSession(User{*id, name, "reader", now}, next);
}

Response AccountRoutes::StartSession(const User& user, std::string_view next) {
  // A new secret at every sign-in: a session id planted before it is worth nothing after.
  const std::string token = NewToken();
  const Instant now = clock_.Now();
  auto added = writer_->AddSession(TokenHash(token), user.id, now + options_.session_lifetime);
  if (!added) {
    std::fprintf(stderr, "wiredesk serve: %s\n", added.error().ToString().c_str());
    return pages_.Error(500, "You could not be signed in. Try again in a moment.");
  }
  Response r = Redirect(SafeNext(next));
  r.headers.emplace_back(
      "Set-Cookie", fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", kSessionCookie,
                                token, options_.session_lifetime.count(),
                                options_.secure_cookies ? "; Secure" : ""));
  return r;
}

Response AccountRoutes::Login(const Request& req, const Viewer& viewer) {
  AnonPost post;
  if (auto done = AnonRequest(req, viewer, "login", "Sign in", post)) return *done;
  const std::string& name = post.name;
  const std::string& password = post.password;
  const std::string& next = post.next;
  const Instant now = clock_.Now();
  const std::string account_key = "login:" + AsciiLower(name);
  const std::string address_key = "login:" + req.peer;
  // Checked before the password, so a guesser past the limit learns nothing more.
  for (RateLimiter* limiter : {&login_by_account_, &login_by_address_}) {
    const std::string& key = limiter == &login_by_account_ ? account_key : address_key;
    if (limiter->Allows(key, now)) continue;
    const std::chrono::seconds wait = limiter->RetryAfter(key, now);
    Response r = AnonForm(req, 429, "login", "Sign in",
                          "Too many failed sign-ins. Try again in " + Minutes(wait) + ".", name, next);
    r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return r;
  }
  auto account = writer_->FindAccount(name);
  if (!account) {
    std::fprintf(stderr, "wiredesk serve: %s\n", account.error().ToString().c_str());
    return pages_.Error(500, "You could not be signed in. Try again in a moment.");
  }
  bool ok = false;
  if (*account && !name.empty()) {
    ok = VerifyPassword((*account)->password_hash, password);
  } else {
    VerifyAgainstNothing(password);  // an unknown name takes as long as a wrong password
  }
  if (!ok) {
    login_by_account_.Record(account_key, now);
    login_by_address_.Record(address_key, now);
    return AnonForm(req, 401, "login", "Sign in", "Wrong name or password.", name, next);
  }
  login_by_account_.Clear(account_key);
  return StartSession((*account)->user, next);
}

Response AccountRoutes::Logout(const Request& req, const Viewer& viewer) {
  if (!IsPost(req)) return MethodNotAllowed(pages_, "POST");
  if (writer_ == nullptr) return ReadOnly(false);
  if (!viewer.signed_in()) return Redirect("/");
  const QueryParams form(req.body);
  if (!ConstantTimeEquals(viewer.csrf, form.Get("csrf").value_or(""))) return CsrfRefused(pages_);
  if (auto st = writer_->DeleteSession(viewer.session_hash); !st) {
    std::fprintf(stderr, "wiredesk serve: %s\n", st.error().ToString().c_str());
    return pages_.Error(500, "You could not be signed out. Try again in a moment.");
  }
  Response r = Redirect("/");
  r.headers.emplace_back("Set-Cookie", fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
                                                   kSessionCookie,
                                                   options_.secure_cookies ? "; Secure" : ""));
  return r;
}

Response AccountRoutes::AccountPage(const Request& req, const Viewer& viewer) {
  if (req.method != "GET" && req.method != "HEAD") return MethodNotAllowed(pages_, "GET, HEAD");
  if (writer_ == nullptr) return ReadOnly(false);
  if (!viewer.signed_in()) return Redirect("/login?next=/account");
  const QueryParams query(req.RawQuery());
  return pages_.Form(200, "account", "Your account",
                     {{"f_name", viewer.name},
                      {"f_role", viewer.role},
                      {"f_csrf", viewer.csrf},
                      {"f_notice", query.Get("changed") ? "Your password was changed." : ""}});
}

Response AccountRoutes::ChangePassword(const Request& req, const Viewer& viewer) {
  if (!IsPost(req)) return MethodNotAllowed(pages_, "POST");
  if (writer_ == nullptr) return ReadOnly(false);
  if (!viewer.signed_in()) return Redirect("/login?next=/account");
  const QueryParams form(req.body);
  if (!ConstantTimeEquals(viewer.csrf, form.Get("csrf").value_or(""))) return CsrfRefused(pages_);
  auto again = [&](int status, std::string_view error) {
    return pages_.Form(status, "account", "Your account",
                       {{"f_name", viewer.name},
                        {"f_role", viewer.role},
                        {"f_csrf", viewer.csrf},
                        {"f_error", std::string(error)}});
  };
  const Instant now = clock_.Now();
  const std::string account_key = "login:" + AsciiLower(viewer.name);
  if (!login_by_account_.Allows(account_key, now)) {
    return again(429, "Too many wrong passwords. Try again in " +
                          Minutes(login_by_account_.RetryAfter(account_key, now)) + ".");
  }
  auto account = writer_->FindAccount(viewer.name);
  if (!account || !*account) return pages_.Error(500, "Your account could not be read.");
  if (!VerifyPassword((*account)->password_hash, form.Get("current").value_or(""))) {
    login_by_account_.Record(account_key, now);
    return again(401, "The current password is wrong.");
  }
  const std::string password = form.Get("password").value_or("");
  if (auto ok = CheckNewPassword(password, viewer.name); !ok) {
    return again(400, "Choose another password: " + ok.error().message + ".");
  }
  auto hash = HashPassword(password);
  if (!hash) return pages_.Error(500, "The password could not be changed.");
  if (auto st = writer_->SetPasswordHash(viewer.user_id, *hash); !st) {
    std::fprintf(stderr, "wiredesk serve: %s\n", st.error().ToString().c_str());
    return pages_.Error(500, "The password could not be changed.");
  }
  // Whoever else holds a session of this account (a stolen cookie) is signed out.
  if (auto st = writer_->DeleteSessionsOf(viewer.user_id, viewer.session_hash, now); !st) {
    std::fprintf(stderr, "wiredesk serve: %s\n", st.error().ToString().c_str());
  }
  return Redirect("/account?changed=1");
}

}  // namespace wiredesk::serve
