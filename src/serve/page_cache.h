// Fully rendered responses (head and body bytes, ready for the socket) keyed by request
// target, so a popular article costs a hash lookup instead of a store read and a render.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "serve/http_message.h"

namespace wiredesk::serve {

class PageCache {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Holds at most `max_bytes` of responses (least recently used go first); an entry expires
  // `ttl` after it was stored, because relative times ("2 hours ago") in it go stale.
  PageCache(size_t max_bytes, std::chrono::seconds ttl);

  std::shared_ptr<const WireResponse> Find(std::string_view key, TimePoint now);
  // Stores `value` unless the store generation it was rendered at is no longer current.
  void Insert(std::string key, std::shared_ptr<const WireResponse> value, TimePoint now,
              int64_t rendered_at_generation);
  // The store's generation as last polled; a change empties the cache.
  void NoteGeneration(int64_t generation);
  int64_t generation() const;
  void Clear();

  size_t entries() const;
  size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const WireResponse> value;
    TimePoint expires;
    size_t cost;
  };
  void EraseLocked(std::list<Entry>::iterator it);

  const size_t max_bytes_;
  const std::chrono::seconds ttl_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  // Keys are views of the entries' own strings (list nodes never move): Find copies nothing.
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  int64_t generation_ = 0;
  bool have_generation_ = false;
};

}  // namespace wiredesk::serve
