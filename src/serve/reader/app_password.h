// The password a reader gives feed-reader apps (Reeder, NetNewsWire, ...). The Fever API sends
// md5("name:password") as its key, which an argon2id hash cannot be checked against, so apps
// get a password of their own: made by the server (random, so md5's speed buys a guesser
// nothing), shown once, and kept by the store only as a hash of that md5 key. The Google Reader
// API's ClientLogin takes the same password and answers with the same key as its token.
#pragma once

#include <string>
#include <string_view>

namespace wiredesk::serve {

// 24 characters from a 32-letter alphabet without look-alikes (120 bits): typeable on a phone.
std::string NewAppPassword();
// The Fever API key: lower-case hex md5 of "name:password".
std::string FeverKey(std::string_view name, std::string_view password);
// What the store keeps (Store::SetAppKeyHash): the hex SHA-256 of the key in lower case.
std::string AppKeyHash(std::string_view fever_key);

}  // namespace wiredesk::serve
