// Word clusters for the entity tagger: words that occur in similar contexts share a cluster id,
// so the tagger generalises from "Sarajevo" seen in training to "Pristina" seen only in
// unlabelled news text (Ratinov & Roth 2009 used Brown clusters the same way).
//
// Induced by exchange clustering (Kneser & Ney 1993; the predictive, two-sided variant of
// Uszkoreit & Brants 2008): each word moves to the cluster that most raises the likelihood of a
// class bigram model in both directions, P(c(w) | previous word) and P(c(w) | next word). One
// flat clustering per granularity (kClusterLevels of them, coarse to fine) stands in for the
// bit-string prefixes of a Brown hierarchy. Hand-written: Debian packages no word clusterer
// (the brown-cluster and ClusterCat tools are not in Debian 12).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace wiredesk::enrich::entities {

inline constexpr int kClusterLevels = 3;
inline constexpr uint16_t kNoCluster = 0xFFFF;
using ClusterIds = std::array<uint16_t, kClusterLevels>;

struct ClusterOptions {
  // Clusters per level, coarse to fine.
  std::array<int, kClusterLevels> sizes{64, 256, 1024};
  int min_count = 3;             // rarer words get no cluster
  size_t context_words = 10000;  // the most frequent words are contexts; the rest share one
  int iterations = 10;           // passes over the vocabulary (stops early when nothing moves)
};

// Cased words (as the tokenizer splits them) and their cluster ids per level.
struct WordClusters {
  std::vector<std::string> words;
  std::vector<ClusterIds> ids;
  std::vector<uint64_t> counts;
};

// Clusters the words of `sentences` (token lists). `log` gets one line per level and pass.
WordClusters InduceWordClusters(const std::vector<std::vector<std::string_view>>& sentences,
                                const ClusterOptions& options,
                                const std::function<void(const std::string&)>& log);

// Cluster files: one word a line, "word<TAB>id<TAB>id<TAB>id<TAB>count", most frequent first;
// gzip-compressed or plain (read through zlib either way).
Result<void> WriteWordClusters(const WordClusters& clusters, const std::string& path);
Result<WordClusters> ReadWordClusters(const std::string& path);

// Cluster lookup by the hash of the cased word (HashString), as the model stores it. An
// open-addressing table (one cache line per probe; the tagger looks up every token, and
// std::unordered_map's node chasing cost a tenth of the tagging time).
class ClusterTable {
 public:
  void Add(uint64_t word_hash, const ClusterIds& ids);
  void AddWords(const WordClusters& clusters);
  // The ids of `word` (whose HashString is `word_hash`); an all-capitals word ("SARAJEVO",
  // headlines) falls back to its capitalised and then lower-case spelling, any other to its
  // lower-case one. kNoCluster when unknown.
  ClusterIds Lookup(std::string_view word, uint64_t word_hash) const;
  ClusterIds Lookup(std::string_view word) const;
  size_t size() const { return size_; }
  // Every entry, sorted by hash (for writing the model, deterministically).
  std::vector<std::pair<uint64_t, ClusterIds>> Entries() const;

 private:
  struct Slot {
    uint64_t hash = 0;
    ClusterIds ids{};
    bool used = false;
  };
  const Slot* Find(uint64_t hash) const;
  std::vector<Slot> slots_;  // power-of-two size, at most half full
  size_t size_ = 0;
};

}  // namespace wiredesk::enrich::entities
