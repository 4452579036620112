// Hashes behind the tagger's features and the gazetteer's phrase keys (internal header).
#pragma once

#include <cstdint>
#include <string_view>

namespace wiredesk::enrich::entities {

// 64-bit hash of a string (XXH3); stable across runs and machines, since models store it.
uint64_t HashString(std::string_view s);
// Hash of `s` with ASCII letters lower-cased.
uint64_t HashLower(std::string_view s);

// splitmix64's finaliser: combines a running hash with one more value.
inline uint64_t Combine(uint64_t h, uint64_t v) {
  uint64_t z = h ^ (v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2));
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The phrase key of tokens whose HashLower values are folded in order from this seed.
inline constexpr uint64_t kPhraseSeed = 0x6E65722D67617A31ULL;

}  // namespace wiredesk::enrich::entities
