#include "enrich/dedupe/syndication_index.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "enrich/cluster/tokenizer.h"

namespace wiredesk::enrich::dedupe {
namespace {

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// splitmix64's finaliser: spreads the combined word hashes so the modulus sample is uniform.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

struct Held {
  int64_t id = 0;
  Instant added{};
  std::vector<uint64_t> shingles;  // sampled, unique
};

}  // namespace

struct SyndicationIndex::Impl {
  explicit Impl(SyndicationOptions o) : options(o) {}

  SyndicationOptions options;
  cluster::Tokenizer tokenizer;
  std::vector<uint64_t> words;
  std::vector<uint64_t> sample;
  // Held articles in arrival order; `first_serial` is the serial of held.front().
  std::deque<Held> held;
  uint64_t first_serial = 0;
  std::unordered_map<uint64_t, std::vector<uint64_t>> postings;  // shingle -> serials
  std::unordered_map<uint64_t, uint32_t> hits;                   // serial -> shared shingles
  Instant now{};

  void Shingle(std::string_view text) {
    words.clear();
    for (const cluster::Token& t : tokenizer.Tokenize(text)) words.push_back(Fnv1a(t.text));
    sample.clear();
    const size_t n = options.shingle_words;
    for (size_t i = 0; i + n <= words.size(); ++i) {
      uint64_t h = 0;
      for (size_t k = 0; k < n; ++k) h = Mix(h ^ words[i + k]) + k;
      if (h % options.sample_modulus == 0) sample.push_back(h);
    }
    std::sort(sample.begin(), sample.end());
    sample.erase(std::unique(sample.begin(), sample.end()), sample.end());
  }

  std::optional<CopyMatch> Find() {
    if (sample.size() < options.min_shingles) return std::nullopt;
    hits.clear();
    size_t counted = 0;  // the query's shingles that are not boilerplate
    for (uint64_t h : sample) {
      auto it = postings.find(h);
      if (it != postings.end() && it->second.size() > options.boilerplate_postings) continue;
      ++counted;
      if (it == postings.end()) continue;
      for (uint64_t serial : it->second) ++hits[serial];
    }
    std::optional<CopyMatch> best;
    for (const auto& [serial, shared] : hits) {
      const Held& h = held[serial - first_serial];
      const size_t smaller = std::min(counted, h.shingles.size());
      if (smaller < options.min_shingles) continue;
      const double containment = static_cast<double>(shared) / static_cast<double>(smaller);
      if (containment < options.threshold) continue;
      // Ties go to the earlier article: it is the canonical one.
      if (!best || containment > best->containment ||
          (containment == best->containment && h.id < best->original)) {
        best = CopyMatch{h.id, containment};
      }
    }
    return best;
  }

  void Evict() {
    while (!held.empty() && held.front().added < now - options.window) {
      for (uint64_t h : held.front().shingles) {
        auto it = postings.find(h);
        if (it == postings.end()) continue;
        auto& list = it->second;
        list.erase(std::remove(list.begin(), list.end(), first_serial), list.end());
        if (list.empty()) postings.erase(it);
      }
      held.pop_front();
      ++first_serial;
    }
  }
};

SyndicationIndex::SyndicationIndex(SyndicationOptions options)
    : impl_(std::make_unique<Impl>(options)) {}

SyndicationIndex::~SyndicationIndex() = default;

std::optional<CopyMatch> SyndicationIndex::FindOriginal(std::string_view text) {
  impl_->Shingle(text);
  return impl_->Find();
}

std::optional<CopyMatch> SyndicationIndex::Add(int64_t id, std::string_view text,
                                               std::optional<Instant> published) {
  if (published) impl_->now = std::max(impl_->now, *published);
  impl_->Evict();
  impl_->Shingle(text);
  std::optional<CopyMatch> match = impl_->Find();
  const uint64_t serial = impl_->first_serial + impl_->held.size();
  for (uint64_t h : impl_->sample) impl_->postings[h].push_back(serial);
  impl_->held.push_back(Held{id, impl_->now, impl_->sample});
  return match;
}

size_t SyndicationIndex::Size() const { return impl_->held.size(); }

}  // namespace wiredesk::enrich::dedupe
