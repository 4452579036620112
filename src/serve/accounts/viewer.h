// Who is reading: a signed-in user (with the CSRF token their forms carry) or nobody. Pages
// made for a signed-in reader are never put in the shared page cache.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace wiredesk::serve {

struct Viewer {
  int64_t user_id = 0;  // 0: anonymous
  std::string name;
  std::string role;     // reader, moderator, admin
  std::string csrf;     // the token this reader's forms carry; empty when anonymous
  std::string session_hash;  // the store's key for the session (for sign-out, password change)

  bool signed_in() const { return user_id != 0; }
  bool moderator() const { return role == "moderator" || role == "admin"; }
};

// The operator's choices for accounts and comments (`wiredesk serve` flags).
struct AccountOptions {
  bool signup_open = true;       // --no-signup closes it; `wiredesk users add` still works
  bool secure_cookies = false;   // --secure-cookies: behind TLS, cookies only over https
  std::chrono::seconds session_lifetime{30 * 24 * 3600};
  // Sign-in failures before a pause: per account and per address, within login_window.
  int login_failures_per_account = 5;
  int login_failures_per_address = 20;
  std::chrono::seconds login_window{15 * 60};
  int signups_per_address = 5;   // per hour
  // Comments a reader may post within comment_window.
  int comments_per_window = 10;
  std::chrono::seconds comment_window{10 * 60};
};

// Cookie names. The session cookie holds the secret; the store holds only its hash.
inline constexpr std::string_view kSessionCookie = "wd_session";
inline constexpr std::string_view kAnonCsrfCookie = "wd_csrf";

}  // namespace wiredesk::serve
