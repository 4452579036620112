#include "enrich/entities/word_clusters.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "enrich/entities/feature_hash.h"

namespace wiredesk::enrich::entities {
namespace {

// x log x, tabulated for the small counts that dominate the inner loop.
class XLogX {
 public:
  XLogX() : table_(kSize) {
    for (size_t x = 1; x < kSize; ++x) table_[x] = static_cast<double>(x) * std::log(static_cast<double>(x));
  }
  double operator()(uint64_t x) const {
    return x < kSize ? table_[x] : static_cast<double>(x) * std::log(static_cast<double>(x));
  }

 private:
  static constexpr size_t kSize = size_t{1} << 20;
  std::vector<double> table_;
};

// Each vocabulary word's neighbours on one side: (context id, bigram count), grouped by word.
struct Neighbours {
  std::vector<uint32_t> begin;  // V + 1 offsets
  std::vector<uint32_t> context;
  std::vector<uint32_t> count;
};

Neighbours Group(std::vector<uint64_t>& pairs, size_t vocab) {
  std::sort(pairs.begin(), pairs.end());
  Neighbours n;
  n.begin.assign(vocab + 1, 0);
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const auto word = static_cast<uint32_t>(pairs[i] >> 32);
    n.context.push_back(static_cast<uint32_t>(pairs[i]));
    n.count.push_back(static_cast<uint32_t>(j - i));
    ++n.begin[word + 1];
    i = j;
  }
  for (size_t w = 0; w < vocab; ++w) n.begin[w + 1] += n.begin[w];
  pairs.clear();
  pairs.shrink_to_fit();
  return n;
}

// One flat clustering of the vocabulary into k clusters.
std::vector<uint16_t> Exchange(const std::vector<uint64_t>& word_counts, const Neighbours& left,
                               const Neighbours& right, size_t contexts, size_t k,
                               int iterations, const XLogX& f,
                               const std::function<void(const std::string&)>& log) {
  const size_t vocab = word_counts.size();
  std::vector<uint16_t> cluster(vocab);
  // Round robin by frequency: the k most frequent words start alone.
  for (size_t w = 0; w < vocab; ++w) cluster[w] = static_cast<uint16_t>(w % k);
  std::vector<uint32_t> l(contexts * k, 0), r(contexts * k, 0);
  std::vector<uint64_t> size(k, 0);
  auto apply = [&](size_t w, size_t c, int sign) {
    for (uint32_t e = left.begin[w]; e < left.begin[w + 1]; ++e) {
      l[left.context[e] * k + c] += static_cast<uint32_t>(sign) * left.count[e];
    }
    for (uint32_t e = right.begin[w]; e < right.begin[w + 1]; ++e) {
      r[right.context[e] * k + c] += static_cast<uint32_t>(sign) * right.count[e];
    }
    size[c] += static_cast<uint64_t>(sign) * word_counts[w];
  };
  for (size_t w = 0; w < vocab; ++w) apply(w, cluster[w], 1);
  std::vector<double> gain(k);
  for (int it = 1; it <= iterations; ++it) {
    size_t moved = 0;
    for (size_t w = 0; w < vocab; ++w) {
      const size_t from = cluster[w];
      apply(w, from, -1);
      // The change in log likelihood of putting w in c: its bigrams with each context join
      // those of c's words (both directions), and c's size term (counted once per side) grows.
      const uint64_t cw = word_counts[w];
      for (size_t c = 0; c < k; ++c) gain[c] = -2 * (f(size[c] + cw) - f(size[c]));
      auto add_side = [&](const Neighbours& n, const std::vector<uint32_t>& table) {
        for (uint32_t e = n.begin[w]; e < n.begin[w + 1]; ++e) {
          const uint32_t* row = table.data() + n.context[e] * k;
          const uint32_t m = n.count[e];
          for (size_t c = 0; c < k; ++c) gain[c] += f(row[c] + m) - f(row[c]);
        }
      };
      add_side(left, l);
      add_side(right, r);
      size_t best = from;
      for (size_t c = 0; c < k; ++c) {
        if (gain[c] > gain[best] + 1e-9) best = c;
      }
      apply(w, best, 1);
      if (best != from) {
        cluster[w] = static_cast<uint16_t>(best);
        ++moved;
      }
    }
    std::ostringstream line;
    line << k << " clusters, pass " << it << ": " << moved << " of " << vocab << " words moved";
    log(line.str());
    if (moved * 1000 < vocab) break;  // converged enough: fewer than 0.1% still move
  }
  return cluster;
}

}  // namespace

WordClusters InduceWordClusters(const std::vector<std::vector<std::string_view>>& sentences,
                                const ClusterOptions& options,
                                const std::function<void(const std::string&)>& log) {
  std::unordered_map<std::string_view, uint64_t> counts;
  for (const auto& s : sentences) {
    for (std::string_view t : s) ++counts[t];
  }
  std::vector<std::pair<std::string_view, uint64_t>> vocab;
  for (const auto& [w, n] : counts) {
    if (n >= static_cast<uint64_t>(options.min_count)) vocab.emplace_back(w, n);
  }
  // Most frequent first, then by spelling, so that the result is deterministic.
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  const size_t v = vocab.size();
  std::unordered_map<std::string_view, uint32_t> id;
  id.reserve(v);
  for (size_t i = 0; i < v; ++i) id.emplace(vocab[i].first, static_cast<uint32_t>(i));
  // Context ids: the most frequent words, then "any other word", then the sentence boundary.
  const size_t top = std::min(options.context_words, v);
  const auto other = static_cast<uint32_t>(top), boundary = static_cast<uint32_t>(top + 1);
  const size_t contexts = top + 2;
  std::vector<uint64_t> left_pairs, right_pairs;
  constexpr uint32_t kRare = UINT32_MAX;
  std::vector<uint32_t> ids;
  for (const auto& s : sentences) {
    ids.clear();
    for (std::string_view t : s) {
      auto it = id.find(t);
      ids.push_back(it == id.end() ? kRare : it->second);
    }
    auto context = [&](size_t i) -> uint32_t {
      return ids[i] == kRare || ids[i] >= top ? other : ids[i];
    };
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == kRare) continue;
      const uint64_t w = uint64_t{ids[i]} << 32;
      left_pairs.push_back(w | (i == 0 ? boundary : context(i - 1)));
      right_pairs.push_back(w | (i + 1 == ids.size() ? boundary : context(i + 1)));
    }
  }
  const Neighbours left = Group(left_pairs, v), right = Group(right_pairs, v);
  std::vector<uint64_t> word_counts(v);
  for (size_t i = 0; i < v; ++i) word_counts[i] = vocab[i].second;
  {
    std::ostringstream line;
    line << v << " words (count >= " << options.min_count << "), " << contexts << " contexts, "
         << left.context.size() + right.context.size() << " distinct neighbour pairs";
    log(line.str());
  }
  WordClusters out;
  out.words.reserve(v);
  for (const auto& [w, n] : vocab) {
    out.words.emplace_back(w);
    out.counts.push_back(n);
  }
  out.ids.assign(v, ClusterIds{});
  const XLogX f;
  for (int level = 0; level < kClusterLevels; ++level) {
    const size_t k = std::clamp<size_t>(static_cast<size_t>(options.sizes[level]), 1,
                                        std::min<size_t>(v == 0 ? 1 : v, kNoCluster));
    const auto cluster = Exchange(word_counts, left, right, contexts, k, options.iterations, f, log);
    for (size_t w = 0; w < v; ++w) out.ids[w][level] = cluster[w];
  }
  return out;
}

Result<void> WriteWordClusters(const WordClusters& clusters, const std::string& path) {
  gzFile z = gzopen(path.c_str(), "wb9");
  if (z == nullptr) return Unexpected(MakeError(ErrorCode::kStorage, "cannot write", path));
  bool ok = true;
  for (size_t i = 0; i < clusters.words.size() && ok; ++i) {
    std::string line = clusters.words[i];
    for (uint16_t c : clusters.ids[i]) line += '\t' + std::to_string(c);
    line += '\t' + std::to_string(clusters.counts[i]) + '\n';
    ok = gzwrite(z, line.data(), static_cast<unsigned>(line.size())) == static_cast<int>(line.size());
  }
  ok = gzclose(z) == Z_OK && ok;
  if (!ok) return Unexpected(MakeError(ErrorCode::kStorage, "cannot write", path));
  return {};
}

Result<WordClusters> ReadWordClusters(const std::string& path) {
  gzFile z = gzopen(path.c_str(), "rb");
  if (z == nullptr) {
    return Unexpected(MakeError(ErrorCode::kNotFound, "cannot open the word cluster file", path));
  }
  WordClusters out;
  char buf[4096];
  size_t line_no = 0;
  while (gzgets(z, buf, sizeof(buf)) != nullptr) {
    ++line_no;
    std::string_view line(buf);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string_view> fields;
    for (size_t start = 0;;) {
      const size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    ClusterIds ids{};
    bool ok = fields.size() == kClusterLevels + 2 && !fields[0].empty();
    for (int l = 0; ok && l < kClusterLevels; ++l) {
      unsigned long c = 0;
      const std::string f(fields[static_cast<size_t>(l) + 1]);
      ok = std::sscanf(f.c_str(), "%lu", &c) == 1 && c < kNoCluster;
      ids[static_cast<size_t>(l)] = static_cast<uint16_t>(c);
    }
    if (!ok) {
      gzclose(z);
      return Unexpected(MakeError(ErrorCode::kParse,
                                  "line " + std::to_string(line_no) +
                                      ": expected word, " + std::to_string(kClusterLevels) +
                                      " cluster ids and a count, separated by tabs",
                                  path));
    }
    out.words.emplace_back(fields[0]);
    out.ids.push_back(ids);
    out.counts.push_back(std::strtoull(std::string(fields.back()).c_str(), nullptr, 10));
  }
  gzclose(z);
  return out;
}

void ClusterTable::Add(uint64_t word_hash, const ClusterIds& ids) {
  if ((size_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(64, old.size() * 2), Slot{});
    size_ = 0;
    for (const Slot& s : old) {
      if (s.used) Add(s.hash, s.ids);
    }
  }
  const size_t mask = slots_.size() - 1;
  for (size_t i = word_hash & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.used) {
      s = Slot{word_hash, ids, true};
      ++size_;
      return;
    }
    if (s.hash == word_hash) {
      s.ids = ids;
      return;
    }
  }
}

const ClusterTable::Slot* ClusterTable::Find(uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.used) return nullptr;
    if (s.hash == hash) return &s;
  }
}

std::vector<std::pair<uint64_t, ClusterIds>> ClusterTable::Entries() const {
  std::vector<std::pair<uint64_t, ClusterIds>> out;
  out.reserve(size_);
  for (const Slot& s : slots_) {
    if (s.used) out.emplace_back(s.hash, s.ids);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ClusterTable::AddWords(const WordClusters& clusters) {
  for (size_t i = 0; i < clusters.words.size(); ++i) Add(HashString(clusters.words[i]), clusters.ids[i]);
}

ClusterIds ClusterTable::Lookup(std::string_view word) const {
  return Lookup(word, HashString(word));
}

ClusterIds ClusterTable::Lookup(std::string_view word, uint64_t word_hash) const {
  ClusterIds out;
  out.fill(kNoCluster);
  if (const Slot* s = Find(word_hash)) return s->ids;
  char buf[64];
  if (word.size() > sizeof(buf)) return out;
  bool any_upper = false, any_lower = false;
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    any_upper |= c >= 'A' && c <= 'Z';
    any_lower |= c >= 'a' && c <= 'z';
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  if (!any_upper) return out;
  if (!any_lower && word.size() > 1) {
    const char first = buf[0];
    if (first >= 'a' && first <= 'z') buf[0] = static_cast<char>(first - 32);
    if (const Slot* s = Find(HashString(std::string_view(buf, word.size())))) return s->ids;
    buf[0] = first;
  }
  if (const Slot* s = Find(HashString(std::string_view(buf, word.size())))) return s->ids;
  return out;
}

}  // namespace wiredesk::enrich::entities
