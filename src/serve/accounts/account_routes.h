// Readers' accounts and comments over HTTP: /signup, /login, /logout, /account (password
// change), the comment forms (post, reply, edit, delete, report, hide, restore) and the
// comment API (/api/v1/articles/{id}/comments, /api/v1/comments/{id}, /api/v1/openapi.json).
// Every state-changing form carries a CSRF token: the session's (a keyed hash of its secret)
// once signed in, a double-submit cookie before. API writes take Authorization: Bearer TOKEN.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "serve/accounts/rate_limiter.h"
#include "serve/accounts/viewer.h"
#include "serve/http_message.h"
#include "serve/page_routes.h"
#include "store/store.h"

namespace wiredesk::serve {

class AccountRoutes {
 public:
  // `writer` is the same store as `reader` when it can be written; nullptr for a read-only
  // site, where the account routes say so and only the comment reads work.
  AccountRoutes(store::StoreReader& reader, store::Store* writer, const Clock& clock,
                Pages& pages, AccountOptions options);

  // The signed-in reader behind the request's session cookie; anonymous without one, or with
  // one that is unknown or expired.
  Viewer ViewerOf(const Request& req);
  // The response when `req` is for one of these routes; nullopt for any other path. Not
  // thread-safe (the Router's caller serialises requests).
  std::optional<Response> Route(const Request& req, const Viewer& viewer);

 private:
  // A comment write's outcome: the new comment's id, or an HTTP status and why.
  struct Outcome {
    int status = 200;
    std::string message;
    int64_t id = 0;
  };

  // What a sign-up or sign-in POST says, once its CSRF token checks out.
  struct AnonPost {
    std::string name;
    std::string password;
    std::string next;
  };

  // account_routes.cc
  // The sign-up and sign-in forms' common part: the response that ends the request early (a
  // wrong method, a read-only site, already signed in, the form itself, a bad CSRF token), or
  // nullopt with `post` filled.
  std::optional<Response> AnonRequest(const Request& req, const Viewer& viewer,
                                      std::string_view content, std::string_view title,
                                      AnonPost& post);
  Response Signup(const Request& req, const Viewer& viewer);
  Response Login(const Request& req, const Viewer& viewer);
  Response Logout(const Request& req, const Viewer& viewer);
  Response AccountPage(const Request& req, const Viewer& viewer);
  Response ChangePassword(const Request& req, const Viewer& viewer);
  Response StartSession(const User& user, std::string_view next);
  Response AnonForm(const Request& req, int status, std::string_view content,
                    std::string_view title, std::string_view error, std::string_view name,
                    std::string_view next);
  Response ReadOnly(bool api);

  // comment_routes.cc
  Response PostCommentForm(const Request& req, const Viewer& viewer, int64_t article_id);
  Response CommentFormAction(const Request& req, const Viewer& viewer, int64_t comment_id,
                             std::string_view action);
  Response ApiComments(const Request& req, int64_t article_id);
  Response ApiComment(const Request& req, int64_t comment_id);
  Outcome AddCommentAs(const User& author, int64_t article_id, std::string_view body,
                       std::optional<int64_t> parent);
  Outcome ChangeComment(const User& who, int64_t comment_id, std::string_view action,
                        std::string_view body);
  std::optional<User> BearerUser(const Request& req);

  store::StoreReader& reader_;
  store::Store* writer_;
  const Clock& clock_;
  Pages& pages_;
  AccountOptions options_;
  RateLimiter login_by_account_;
  RateLimiter login_by_address_;
  RateLimiter signups_by_address_;
};

// The value of cookie `name` in the request's Cookie fields; nullopt when absent.
std::optional<std::string_view> CookieValue(const Request& req, std::string_view name);
// Whether the request carries a session cookie: its pages are that reader's alone.
bool HasSessionCookie(const Request& req);
// 303 See Other to a path on this site, never stored.
Response Redirect(std::string_view location);

}  // namespace wiredesk::serve
