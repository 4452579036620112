#include "enrich/cluster/string_ids.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace wiredesk::enrich::cluster {

uint64_t StringIds::Hash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

std::optional<uint32_t> StringIds::Find(std::string_view key) const {
  if (slots_.empty()) return std::nullopt;
  const uint64_t h = Hash(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.used) return std::nullopt;
    if (s.hash == h && s.length == key.size() &&
        std::string_view(arena_.data() + s.offset, s.length) == key) {
      return s.value;
    }
  }
}

void StringIds::Insert(std::string_view key, uint32_t value) {
  // Load factor at most 1/2: probes stay short.
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = Hash(key);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].used) i = (i + 1) & mask;
  slots_[i] = Slot{h, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()),
                   value, true};
  arena_.append(key);
  ++size_;
}

void StringIds::Retain(const std::function<bool(uint32_t)>& keep) {
  std::vector<Slot> old = std::move(slots_);
  std::string old_arena = std::move(arena_);
  slots_.clear();
  arena_.clear();
  size_ = 0;
  size_t kept = 0;
  size_t bytes = 0;
  for (const Slot& s : old) {
    if (s.used && keep(s.value)) {
      ++kept;
      bytes += s.length;
    }
  }
  if (kept == 0) return;
  size_t capacity = 1024;
  while (capacity < kept * 2 + 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  arena_.reserve(bytes);
  const size_t mask = capacity - 1;
  for (const Slot& s : old) {
    if (!s.used || !keep(s.value)) continue;
    size_t i = s.hash & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = Slot{s.hash, static_cast<uint32_t>(arena_.size()), s.length, s.value, true};
    arena_.append(old_arena, s.offset, s.length);
    ++size_;
  }
}

void StringIds::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    size_t i = s.hash & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace wiredesk::enrich::cluster
