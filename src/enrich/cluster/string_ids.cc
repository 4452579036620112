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
