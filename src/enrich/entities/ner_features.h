// The tagger's features for one document (internal to entities/: the tagger and the trainer
// must compute them identically). In the style of Ratinov & Roth (2009): the word and its
// neighbours, affixes, shapes, gazetteer matches, the tags already predicted, and what the
// document says elsewhere about the same word.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "enrich/entities/ner_model.h"

namespace wiredesk::enrich::entities {

// One document: sentences of tokens.
using DocumentTokens = std::vector<std::vector<std::string_view>>;

class DocumentFeatures {
 public:
  // Computes what does not depend on predictions: per-token hashes, flags, gazetteer matches and
  // the document-wide case statistics. Clears the prediction history.
  void Prepare(const DocumentTokens& doc, const Gazetteer& gazetteer,
               const ClusterTable* clusters = nullptr);

  // Appends the feature hashes of token `i` of sentence `s`; `tags` holds the tags predicted for
  // tokens 0..i-1 of that sentence.
  void Extract(size_t s, size_t i, const Tag* tags, std::vector<uint64_t>& out) const;

  // The word-cluster features (word_clusters.h) of token `i` of sentence `s`: its clusters at
  // each level and its neighbours'. Part of Extract; apart so that the families stay separate.
  void ExtractClusters(size_t s, size_t i, std::vector<uint64_t>& out) const;

  // Remembers the tag predicted for token `i` of sentence `s`, for the features of later tokens
  // with the same spelling ("extended prediction history").
  void Record(size_t s, size_t i, Tag tag);

 private:
  struct TokenInfo {
    uint64_t word = 0;
    uint64_t lower = 0;
    uint64_t shape = 0;
    uint64_t short_shape = 0;
    std::array<uint64_t, 8> affixes{};
    uint8_t affix_count = 0;
    uint8_t gaz_begin = 0;
    uint8_t gaz_inside = 0;
    bool capitalised = false;
    bool all_caps = false;
    bool lower_elsewhere = false;    // the same word occurs in lower case in the document
    bool capital_mid_sentence = false;  // occurs capitalised, not first in its sentence
    ClusterIds clusters{kNoCluster, kNoCluster, kNoCluster};
    // Short shape of the first token after the run of capitalised tokens this one is in:
    // "d-d-d" in datelines ("LOS ANGELES 1996-08-30"), "d" in results tables ("SAN DIEGO 75 60").
    uint64_t after_name_shape = 0;
    // Index into doc_words_ of this capitalised word's document-wide aggregate (UINT32_MAX: none).
    uint32_t doc_word = UINT32_MAX;
  };
  // What the whole document says about one capitalised word (by lower-case spelling), gathered
  // from every occurrence outside all-caps headlines: the longest run of capitalised tokens it
  // is part of ("Ruch" in "Ruch Chorzow", "Jones" in "Jones Medical Industries Inc"), and the
  // words around its occurrences (Ratinov & Roth's context aggregation: it lowers the tuning
  // half of CoNLL++ dev a little and raises the other half and wikigold, see README.md).
  struct DocWord {
    uint8_t run_length = 0;    // longest run, tokens (0: seen only in headlines)
    uint8_t run_position = 0;  // in that run: 0 alone, 1 first, 2 middle, 3 last
    uint8_t run_gazetteer = 0; // lists matching that run exactly
    uint64_t run_first = 0, run_last = 0;  // lower-case hashes of the run's ends
    // The lower-case words just before and after its occurrences, outside capitalised runs
    // ("Ericsson said", "Ericsson spokesman"), the first kMaxContexts distinct ones.
    static constexpr size_t kMaxContexts = 8;
    std::array<uint64_t, kMaxContexts> contexts{};
    uint8_t context_count = 0;
  };
  void AggregateDocument(const DocumentTokens& doc, const Gazetteer& gazetteer);
  static uint64_t DocumentTopic(const DocumentTokens& doc);
  uint64_t topic_ = 0;  // hash of the document's desk slug ("soccer"), 0 if none
  void ExtractDocument(const TokenInfo& t, std::vector<uint64_t>& out) const;
  std::vector<DocWord> doc_words_;
  std::unordered_map<uint64_t, uint32_t> doc_word_index_;  // Prepare()'s scratch
  std::vector<std::vector<TokenInfo>> tokens_;
  std::vector<uint8_t> all_caps_sentence_;
  bool use_clusters_ = false;  // models without clusters get no cluster features at all
  std::unordered_map<uint64_t, std::array<uint16_t, kNumTypes + 1>> history_;  // per type, then O
  std::unordered_set<uint64_t> lower_seen_, capital_seen_;  // Prepare()'s scratch
};

}  // namespace wiredesk::enrich::entities
