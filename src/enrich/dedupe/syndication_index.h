// Syndicated copies: the same wire text under another outlet's headline, lead and boilerplate.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace wiredesk::enrich::dedupe {

struct SyndicationOptions {
  // Word n-grams of content words (stopwords dropped, lower-cased): long enough that two
  // outlets writing their own copy about one event share few, short enough that an edited
  // sentence still leaves most of its neighbours intact.
  size_t shingle_words = 5;
  // Keep the shingles whose hash is 0 modulo this: a fixed sample, so two copies keep the same
  // shingles wherever their text starts or stops (MinHash would not survive a cut end).
  uint32_t sample_modulus = 4;
  // Containment of the shorter text's sampled shingles in the other's.
  double threshold = 0.5;
  // Below this many sampled shingles a text says too little to call it a copy.
  size_t min_shingles = 6;
  // Shingles found in more articles than this are boilerplate ("All rights reserved. This
  // material may not be published"), not wire text: they are not counted.
  size_t boilerplate_postings = 64;
  // Articles older than this leave the index, so memory is bounded by the window.
  std::chrono::seconds window = std::chrono::days(14);
};

struct CopyMatch {
  int64_t original = 0;  // the id given to Add() of the earlier article
  double containment = 0;
};

// Articles are added in time order; each Add() first answers whether the new article is a copy
// of one already held (the earliest such article is the canonical one).
class SyndicationIndex {
 public:
  explicit SyndicationIndex(SyndicationOptions options = {});
  ~SyndicationIndex();
  SyndicationIndex(const SyndicationIndex&) = delete;
  SyndicationIndex& operator=(const SyndicationIndex&) = delete;

  // The best copy-of answer for `text` against the index, without adding it.
  std::optional<CopyMatch> FindOriginal(std::string_view text);
  // Indexes the article and returns FindOriginal()'s answer from before it was added.
  // A copy is indexed too: a later copy of the copy still finds its way to the text.
  std::optional<CopyMatch> Add(int64_t id, std::string_view text,
                               std::optional<Instant> published = std::nullopt);

  size_t Size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk::enrich::dedupe
