#include "enrich/entities/ner_features.h"

#include <algorithm>

#include "enrich/entities/feature_hash.h"

namespace wiredesk::enrich::entities {
namespace {

// Feature templates: each feature hash is Combine(template, value...). Changing a number
// changes the model; append new templates at the end.
enum Template : uint64_t {
  kBias = 1, kWord, kLower, kAffix, kShape, kShortShape, kPrev2, kPrev1, kNext1, kNext2,
  kPrevShape, kNextShape, kBigramLeft, kBigramRight, kFirstShape, kAllCapsShape, kGazBegin,
  kGazInside, kGazNextBegin, kLowerElsewhere, kCapitalMid, kTag1, kTag12, kTag1Word,
  kTag1Shape, kHistory, kHistoryShape, kGazPrevInside, kFirstWord, kCluster, kClusterPrev,
  kClusterNext, kAfterNameShape, kDocRun, kDocRunFirst, kDocRunLast,
  kDocRunGazetteer, kTopic, kTopicGazetteer, kDocContext,
};

bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// "Xxxx", "dd-dd", "X.X."; non-ASCII letters count as lower case letters (one per sequence).
void Shapes(std::string_view w, uint64_t& shape, uint64_t& short_shape) {
  char full[16];
  char brief[16];
  size_t nf = 0, nb = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c >= 0x80 && (c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    char s = IsUpper(c) ? 'X' : IsLower(c) || c >= 0x80 ? 'x' : IsDigit(c) ? 'd' : static_cast<char>(c);
    if (nf < sizeof(full)) full[nf++] = s;
    if ((nb == 0 || brief[nb - 1] != s) && nb < sizeof(brief)) brief[nb++] = s;
  }
  shape = HashString(std::string_view(full, nf));
  short_shape = HashString(std::string_view(brief, nb));
}

constexpr uint64_t kBoundaryLeft = 0x3C733E;   // "<s>"
constexpr uint64_t kBoundaryRight = 0x3C2F733E;  // "</s>"
constexpr Tag kStartTag = kNumTags;

inline uint64_t F(uint64_t t, uint64_t a) { return Combine(t * 0x100000001B3ULL, a); }
inline uint64_t F(uint64_t t, uint64_t a, uint64_t b) { return Combine(F(t, a), b); }

}  // namespace

void DocumentFeatures::Prepare(const DocumentTokens& doc, const Gazetteer& gazetteer,
                               const ClusterTable* clusters) {
  tokens_.resize(doc.size());
  all_caps_sentence_.assign(doc.size(), 0);
  history_.clear();
  use_clusters_ = clusters != nullptr && clusters->size() > 0;
  // Members, cleared rather than rebuilt: their buckets are reused from document to document.
  std::unordered_set<uint64_t>& lower_seen = lower_seen_;
  std::unordered_set<uint64_t>& capital_seen = capital_seen_;
  lower_seen.clear();
  capital_seen.clear();
  for (size_t s = 0; s < doc.size(); ++s) {
    auto& infos = tokens_[s];
    infos.assign(doc[s].size(), TokenInfo{});
    size_t letters_words = 0, caps_words = 0;
    for (size_t i = 0; i < doc[s].size(); ++i) {
      const std::string_view w = doc[s][i];
      TokenInfo& t = infos[i];
      t.word = HashString(w);
      t.lower = HashLower(w);
      Shapes(w, t.shape, t.short_shape);
      if (use_clusters_) t.clusters = clusters->Lookup(w, t.word);
      const auto c0 = w.empty() ? 0 : static_cast<unsigned char>(w[0]);
      t.capitalised = IsUpper(c0);
      bool any_lower = false, any_upper = false;
      for (unsigned char c : w) {
        any_lower |= IsLower(c);
        any_upper |= IsUpper(c);
      }
      t.all_caps = any_upper && !any_lower;
      if (any_upper || any_lower) {
        ++letters_words;
        if (t.all_caps) ++caps_words;
      }
      if (IsLower(c0)) lower_seen.insert(t.lower);
      if (t.capitalised && i > 0) capital_seen.insert(t.lower);
      // Prefixes and suffixes of 1-4 bytes of the lower-cased word, for words long enough.
      std::string_view lw = w;
      for (size_t k = 1; k <= 4 && k < lw.size(); ++k) {
        t.affixes[t.affix_count++] = Combine(HashLower(lw.substr(0, k)), 0x70 + k);
        t.affixes[t.affix_count++] = Combine(HashLower(lw.substr(lw.size() - k)), 0x73 + k);
      }
    }
    all_caps_sentence_[s] = letters_words >= 2 && caps_words * 10 >= letters_words * 8;
    // Right to left: what follows each run of capitalised tokens (the sentence end counts).
    uint64_t after = kBoundaryRight;
    for (size_t i = doc[s].size(); i-- > 0;) {
      TokenInfo& t = infos[i];
      t.after_name_shape = after;
      if (!t.capitalised && !t.all_caps) after = t.short_shape;
    }
    // Gazetteer: every phrase that starts at a capitalised token (or a digit: "7-Eleven").
    for (size_t i = 0; i < doc[s].size(); ++i) {
      const auto c0 = doc[s][i].empty() ? 0 : static_cast<unsigned char>(doc[s][i][0]);
      if (!IsUpper(c0) && !IsDigit(c0) && c0 < 0x80) continue;
      uint64_t h = kPhraseSeed;
      for (size_t k = i; k < doc[s].size() && k - i < Gazetteer::kMaxPhraseTokens; ++k) {
        h = Combine(h, infos[k].lower);
        const uint8_t lists = gazetteer.Lookup(h);
        if (lists == 0) continue;
        infos[i].gaz_begin |= lists;
        for (size_t j = i + 1; j <= k; ++j) infos[j].gaz_inside |= lists;
      }
    }
  }
  for (auto& sentence : tokens_) {
    for (TokenInfo& t : sentence) {
      t.lower_elsewhere = lower_seen.contains(t.lower);
      t.capital_mid_sentence = capital_seen.contains(t.lower);
    }
  }
  AggregateDocument(doc, gazetteer);
  topic_ = DocumentTopic(doc);
}

// Wire copy often opens with its desk's slug: "SOCCER - JAPAN GET LUCKY WIN", "RUGBY UNION -
// ...", "PRESS DIGEST - ...". In a sports story a city's name is usually its club ("victory
// over Gloucester"), so the slug conditions what a capitalised word is. 0 when there is none.
uint64_t DocumentFeatures::DocumentTopic(const DocumentTokens& doc) {
  if (doc.empty()) return 0;
  const auto& first = doc[0];
  constexpr size_t kMaxSlugTokens = 3;
  for (size_t k = 1; k <= kMaxSlugTokens && k < first.size(); ++k) {
    if (first[k] != "-") continue;
    uint64_t h = kPhraseSeed;
    for (size_t j = 0; j < k; ++j) h = Combine(h, HashLower(first[j]));
    return h;
  }
  return 0;
}

void DocumentFeatures::AggregateDocument(const DocumentTokens& doc, const Gazetteer& gazetteer) {
  doc_words_.clear();
  doc_word_index_.clear();
  for (size_t s = 0; s < doc.size(); ++s) {
    auto& infos = tokens_[s];
    for (TokenInfo& t : infos) {
      if (!t.capitalised && !t.all_caps) continue;
      auto [it, added] = doc_word_index_.try_emplace(t.lower, static_cast<uint32_t>(doc_words_.size()));
      if (added) doc_words_.emplace_back();
      t.doc_word = it->second;
    }
    // Headlines are capitalised throughout: their runs say nothing.
    if (all_caps_sentence_[s]) continue;
    const size_t n = infos.size();
    for (size_t i = 0; i < n; ++i) {
      if (infos[i].doc_word == UINT32_MAX) continue;
      DocWord& d = doc_words_[infos[i].doc_word];
      auto add = [&d](uint64_t context) {
        const auto end = d.contexts.begin() + d.context_count;
        if (d.context_count < DocWord::kMaxContexts &&
            std::find(d.contexts.begin(), end, context) == end) {
          d.contexts[d.context_count++] = context;
        }
      };
      auto outside_name = [&](size_t k) { return !infos[k].capitalised && !infos[k].all_caps; };
      if (i > 0 && outside_name(i - 1)) add(Combine(infos[i - 1].lower, 1));
      if (i + 1 < n && outside_name(i + 1)) add(Combine(infos[i + 1].lower, 2));
    }
    for (size_t i = 0; i < n;) {
      if (!infos[i].capitalised) {
        ++i;
        continue;
      }
      // "Douglas & Lomason Co", "Marks & Spencer": an ampersand between capitalised words
      // joins one name.
      size_t j = i + 1;
      while (j < n && (infos[j].capitalised ||
                       (doc[s][j] == "&" && j + 1 < n && infos[j + 1].capitalised))) {
        ++j;
      }
      const size_t length = j - i;
      uint8_t lists = 0;
      if (length <= Gazetteer::kMaxPhraseTokens) {
        uint64_t h = kPhraseSeed;
        for (size_t k = i; k < j; ++k) h = Combine(h, infos[k].lower);
        lists = gazetteer.Lookup(h);
      }
      for (size_t k = i; k < j; ++k) {
        if (infos[k].doc_word == UINT32_MAX) continue;  // the ampersand
        DocWord& d = doc_words_[infos[k].doc_word];
        if (length > d.run_length) {
          d.run_length = static_cast<uint8_t>(std::min<size_t>(length, 255));
          d.run_position = length == 1 ? 0 : k == i ? 1 : k + 1 == j ? 3 : 2;
          d.run_gazetteer = lists;
          d.run_first = infos[i].lower;
          d.run_last = infos[j - 1].lower;
        }
      }
      i = j;
    }
  }
}

void DocumentFeatures::Extract(size_t s, size_t i, const Tag* tags,
                               std::vector<uint64_t>& out) const {
  const auto& sent = tokens_[s];
  const TokenInfo& t = sent[i];
  const size_t n = sent.size();
  auto lower_at = [&](ptrdiff_t k) {
    if (k < 0) return kBoundaryLeft;
    if (static_cast<size_t>(k) >= n) return kBoundaryRight;
    return sent[static_cast<size_t>(k)].lower;
  };
  auto shape_at = [&](ptrdiff_t k) {
    if (k < 0) return kBoundaryLeft;
    if (static_cast<size_t>(k) >= n) return kBoundaryRight;
    return sent[static_cast<size_t>(k)].short_shape;
  };
  const auto ii = static_cast<ptrdiff_t>(i);
  const bool caps_sentence = all_caps_sentence_[s] != 0;
  out.push_back(F(kBias, 0));
  if (!caps_sentence) out.push_back(F(kWord, t.word));
  out.push_back(F(kLower, t.lower));
  for (size_t k = 0; k < t.affix_count; ++k) out.push_back(F(kAffix, t.affixes[k]));
  out.push_back(F(kShape, t.shape, caps_sentence));
  out.push_back(F(kShortShape, t.short_shape, caps_sentence));
  out.push_back(F(kPrev2, lower_at(ii - 2)));
  out.push_back(F(kPrev1, lower_at(ii - 1)));
  out.push_back(F(kNext1, lower_at(ii + 1)));
  out.push_back(F(kNext2, lower_at(ii + 2)));
  out.push_back(F(kPrevShape, shape_at(ii - 1), t.short_shape));
  out.push_back(F(kNextShape, shape_at(ii + 1), t.short_shape));
  out.push_back(F(kBigramLeft, lower_at(ii - 1), t.lower));
  out.push_back(F(kBigramRight, t.lower, lower_at(ii + 1)));
  if (i == 0) {
    out.push_back(F(kFirstShape, t.short_shape));
    out.push_back(F(kFirstWord, t.lower));
  }
  if (caps_sentence) out.push_back(F(kAllCapsShape, t.short_shape));
  for (int b = 0; b < kNumGazetteerLists; ++b) {
    if (t.gaz_begin & (1u << b)) out.push_back(F(kGazBegin, b, t.capitalised));
    if (t.gaz_inside & (1u << b)) out.push_back(F(kGazInside, b));
    if (i + 1 < n && (sent[i + 1].gaz_begin & (1u << b))) out.push_back(F(kGazNextBegin, b));
    if (i > 0 && ((sent[i - 1].gaz_begin | sent[i - 1].gaz_inside) & (1u << b))) {
      out.push_back(F(kGazPrevInside, b));
    }
  }
  if ((t.capitalised || t.all_caps) && topic_ != 0) {
    out.push_back(F(kTopic, topic_, caps_sentence));
    for (int b = 0; b < kNumGazetteerLists; ++b) {
      if ((t.gaz_begin | t.gaz_inside) & (1u << b)) out.push_back(F(kTopicGazetteer, topic_, b));
    }
  }
  if (t.capitalised || t.all_caps) {
    out.push_back(F(kAfterNameShape, t.after_name_shape, caps_sentence));
    out.push_back(F(kLowerElsewhere, t.lower_elsewhere, i == 0 ? 1 + caps_sentence : 0));
    out.push_back(F(kCapitalMid, t.capital_mid_sentence, i == 0 ? 1 + caps_sentence : 0));
  }
  const Tag t1 = i >= 1 ? tags[i - 1] : kStartTag;
  const Tag t2 = i >= 2 ? tags[i - 2] : kStartTag;
  out.push_back(F(kTag1, t1));
  out.push_back(F(kTag12, t1, t2));
  out.push_back(F(kTag1Word, t1, t.lower));
  out.push_back(F(kTag1Shape, t1, t.short_shape));
  if (use_clusters_) ExtractClusters(s, i, out);
  if (t.doc_word != UINT32_MAX) ExtractDocument(t, out);
  if (t.capitalised || t.all_caps) {
    auto it = history_.find(t.lower);
    if (it != history_.end()) {
      const auto& counts = it->second;
      const auto best = std::max_element(counts.begin(), counts.end()) - counts.begin();
      out.push_back(F(kHistory, static_cast<uint64_t>(best)));
      out.push_back(F(kHistoryShape, static_cast<uint64_t>(best), t1 == kOutside));
    }
  }
}

void DocumentFeatures::ExtractClusters(size_t s, size_t i, std::vector<uint64_t>& out) const {
  const auto& sent = tokens_[s];
  const ClusterIds& c = sent[i].clusters;
  for (size_t l = 0; l < kClusterLevels; ++l) {
    if (c[l] != kNoCluster) out.push_back(F(kCluster, l, c[l]));
  }
  // The neighbours' middle-level clusters: "<cluster of 'said'> follows", "after <a title>".
  // (Neighbours at every level, ±2 and cluster × previous tag scored the same on dev and cost
  // 15 % more tagging time.)
  constexpr size_t kMid = 1;
  const uint64_t before = i == 0 ? kBoundaryLeft : sent[i - 1].clusters[kMid];
  const uint64_t after = i + 1 == sent.size() ? kBoundaryRight : sent[i + 1].clusters[kMid];
  out.push_back(F(kClusterPrev, before));
  out.push_back(F(kClusterNext, after));
}

void DocumentFeatures::ExtractDocument(const TokenInfo& t, std::vector<uint64_t>& out) const {
  const DocWord& d = doc_words_[t.doc_word];
  for (size_t k = 0; k < d.context_count; ++k) out.push_back(F(kDocContext, d.contexts[k]));
  if (d.run_length == 0) return;
  out.push_back(F(kDocRun, d.run_position, std::min<uint64_t>(d.run_length, 4)));
  if (d.run_position >= 2) out.push_back(F(kDocRunFirst, d.run_first));
  if (d.run_position == 1 || d.run_position == 2) out.push_back(F(kDocRunLast, d.run_last));
  for (int b = 0; b < kNumGazetteerLists; ++b) {
    if (d.run_gazetteer & (1u << b)) out.push_back(F(kDocRunGazetteer, b));
  }
}

void DocumentFeatures::Record(size_t s, size_t i, Tag tag) {
  const TokenInfo& t = tokens_[s][i];
  if (!t.capitalised && !t.all_caps) return;
  auto& counts = history_[t.lower];
  auto& c = counts[tag == kOutside ? kNumTypes : static_cast<size_t>(TypeOf(tag))];
  if (c < UINT16_MAX) ++c;
}

}  // namespace wiredesk::enrich::entities
