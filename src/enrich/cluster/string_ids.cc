#include "enrich/cluster/string_ids.h"

#include <algorithm>
#include <cstring>

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
  // In place: the kept entries are gathered, the slots cleared and the entries put back, their
  // strings moved down the arena in offset order. A rebuild beside the old table allocated a
  // second table and arena at each forgetting and raised the process's peak memory by more
  // than forgetting saved on a small store.
  if (slots_.empty()) return;
  std::vector<Slot> kept;
  for (const Slot& s : slots_) {
    if (s.used && keep(s.value)) kept.push_back(s);
  }
  std::sort(kept.begin(), kept.end(),
            [](const Slot& a, const Slot& b) { return a.offset < b.offset; });
  size_t end = 0;
  for (Slot& s : kept) {
    // Offsets only go down, so a string never overwrites one still to move.
    if (s.offset != end) std::memmove(arena_.data() + end, arena_.data() + s.offset, s.length);
    s.offset = static_cast<uint32_t>(end);
    end += s.length;
  }
  arena_.resize(end);
  std::fill(slots_.begin(), slots_.end(), Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : kept) {
    size_t i = s.hash & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
  size_ = kept.size();
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
