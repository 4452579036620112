#include "serve/accounts/credentials.h"

#include <argon2.h>
#include <sodium.h>

#include <array>
#include <cstdlib>

namespace wiredesk::serve {

namespace {

// OWASP's argon2id minimum (19 MiB, two passes, one lane): ~30 ms a hash on one core, cheap
// enough for a small server, dear enough to make a stolen hash slow to guess at.
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenChars = 43;  // base64url of 32 bytes without padding

void InitSodium() {
  // sodium_init is idempotent and thread-safe; it fails only without a random source.
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

}  // namespace

bool IsValidAccountName(std::string_view name) {
  if (name.size() < 3 || name.size() > 32) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status CheckNewPassword(std::string_view password, std::string_view name) {
  if (password.size() < kMinPasswordBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "the password must be at least " + std::to_string(kMinPasswordBytes) + " characters");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "the password must be at most " + std::to_string(kMaxPasswordBytes) + " characters");
  }
  if (password == name) {
    return Fail(ErrorCode::kInvalidArgument, "the password must not be the account name");
  }
  return {};
}

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  std::array<unsigned char, kSaltBytes> salt{};
  randombytes_buf(salt.data(), salt.size());
  std::string encoded(argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes,
                                        Argon2_id),
                      '\0');
  const int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(),
                                       password.size(), salt.data(), salt.size(), kHashBytes,
                                       encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return Fail(ErrorCode::kInternal, std::string("cannot hash the password: ") +
                                          argon2_error_message(rc));
  }
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  if (encoded.empty() || encoded.size() > 512) return false;
  const std::string z(encoded);  // argon2 wants a NUL-terminated string
  return argon2id_verify(z.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void VerifyAgainstNothing(std::string_view password) {
  // A fixed hash of a random password with the same costs; whatever it says is ignored.
  static const std::string dummy = HashPassword(NewToken()).value_or("");
  (void)VerifyPassword(dummy, password);
}

std::string NewToken() {
  InitSodium();
  std::array<unsigned char, kTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string out(sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(kTokenChars);
  return out;
}

std::string TokenHash(std::string_view token) {
  InitSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> h{};
  crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return Hex(h.data(), h.size());
}

std::string SessionCsrf(std::string_view session_token) {
  InitSodium();
  static constexpr std::string_view kPurpose = "wiredesk csrf v1";
  std::array<unsigned char, 24> h{};
  // BLAKE2b keys are 16..64 bytes; a session secret is 43.
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(kPurpose.data()),
                     kPurpose.size(), reinterpret_cast<const unsigned char*>(session_token.data()),
                     session_token.size());
  return Hex(h.data(), h.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool LooksLikeToken(std::string_view s) {
  if (s.size() != kTokenChars) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace wiredesk::serve
