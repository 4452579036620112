// Secrets for signing in: argon2id password hashes, random session and API tokens (kept by the
// store only as hashes), CSRF tokens, and constant-time comparison. libargon2 and libsodium.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace wiredesk::serve {

// Names people see beside their comments: 3 to 32 ASCII letters, digits, '.', '_' or '-', so
// nothing to mistake for markup, or for someone else by spacing or look-alike letters.
bool IsValidAccountName(std::string_view name);

// Password rules, checked before hashing; the message says what to change.
inline constexpr size_t kMinPasswordBytes = 10;
inline constexpr size_t kMaxPasswordBytes = 256;
Status CheckNewPassword(std::string_view password, std::string_view name);

// argon2id, encoded with its parameters and salt ("$argon2id$v=19$m=19456,t=2,p=1$...").
Result<std::string> HashPassword(std::string_view password);
// Whether `password` matches `encoded`; false for a malformed or empty hash.
bool VerifyPassword(std::string_view encoded, std::string_view password);
// Costs the time of one VerifyPassword, so a wrong name answers as slowly as a wrong password.
void VerifyAgainstNothing(std::string_view password);

// 32 random bytes, base64url without padding (43 characters): session and API token secrets,
// and anonymous CSRF cookies.
std::string NewToken();
// What the store keeps of a token: the hex SHA-256 of it.
std::string TokenHash(std::string_view token);
// The CSRF token for a session: a keyed BLAKE2b of the session secret, so it is tied to the
// session, needs no storage, and cannot be made without the (HttpOnly) cookie.
std::string SessionCsrf(std::string_view session_token);
// sodium_memcmp after a length check: no early exit that timing could reveal.
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// Whether `s` could be a NewToken() (43 base64url characters); cookies are checked before use.
bool LooksLikeToken(std::string_view s);

}  // namespace wiredesk::serve
