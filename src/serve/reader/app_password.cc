#include "serve/reader/app_password.h"

#include <openssl/evp.h>
#include <sodium.h>

#include "core/result.h"
#include "core/text.h"
#include "serve/accounts/credentials.h"

namespace wiredesk::serve {

std::string NewAppPassword() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789AB";
  static_assert(kAlphabet.size() >= 32);
  WD_CHECK(sodium_init() >= 0);
  std::string out;
  for (int i = 0; i < 24; ++i) out += kAlphabet[randombytes_uniform(32)];
  return out;
}

std::string FeverKey(std::string_view name, std::string_view password) {
  // OpenSSL's MD5 through EVP: the Fever protocol fixes md5; libsodium has none.
  const std::string input = std::string(name) + ":" + std::string(password);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  WD_CHECK(EVP_Digest(input.data(), input.size(), digest, &size, EVP_md5(), nullptr) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

std::string AppKeyHash(std::string_view fever_key) { return TokenHash(AsciiLower(fever_key)); }

}  // namespace wiredesk::serve
