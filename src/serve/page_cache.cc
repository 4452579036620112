#include "serve/page_cache.h"

namespace wiredesk::serve {

PageCache::PageCache(size_t max_bytes, std::chrono::seconds ttl) : max_bytes_(max_bytes), ttl_(ttl) {}

std::shared_ptr<const WireResponse> PageCache::Find(std::string_view key, TimePoint now) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  if (now >= it->second->expires) {
    EraseLocked(it->second);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->value;
}

void PageCache::Insert(std::string key, std::shared_ptr<const WireResponse> value, TimePoint now,
                       int64_t rendered_at_generation) {
  // Per-entry overhead counted too, so many tiny entries cannot outgrow the cap.
  const size_t cost = value->bytes.size() + key.size() + 128;
  std::lock_guard lock(mu_);
  if (have_generation_ && rendered_at_generation != generation_) return;
  if (cost > max_bytes_ / 4) return;  // one page never takes most of the cache
  if (auto it = index_.find(key); it != index_.end()) EraseLocked(it->second);
  lru_.push_front(Entry{std::move(key), std::move(value), now + ttl_, cost});
  index_.emplace(lru_.front().key, lru_.begin());
  bytes_ += cost;
  while (bytes_ > max_bytes_ && !lru_.empty()) EraseLocked(std::prev(lru_.end()));
}

void PageCache::NoteGeneration(int64_t generation) {
  std::lock_guard lock(mu_);
  if (have_generation_ && generation == generation_) return;
  index_.clear();
  lru_.clear();
  bytes_ = 0;
  generation_ = generation;
  have_generation_ = true;
}

int64_t PageCache::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

void PageCache::Clear() {
  std::lock_guard lock(mu_);
  index_.clear();
  lru_.clear();
  bytes_ = 0;
}

size_t PageCache::entries() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

size_t PageCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

void PageCache::EraseLocked(std::list<Entry>::iterator it) {
  bytes_ -= it->cost;
  index_.erase(std::string_view(it->key));
  lru_.erase(it);
}

}  // namespace wiredesk::serve
