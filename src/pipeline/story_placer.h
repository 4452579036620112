// Where a new article goes: a syndicated copy of an article already placed, or a story (an
// existing one or a new one). The one decision that ingest, feed refresh, `wiredesk cluster`
// and `wiredesk eval cluster` share; it keeps no store, so the evaluation runs it alone.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "enrich/cluster/story_clusterer.h"
#include "enrich/dedupe/syndication_index.h"

namespace wiredesk::pipeline {

struct PlacerOptions {
  enrich::cluster::ClusterOptions cluster;
  enrich::dedupe::SyndicationOptions syndication;
};

struct Placement {
  // The clusterer's story the article joined; 0 for a copy (it goes where its canonical went).
  enrich::cluster::StoryId story = 0;
  bool new_story = false;
  // The key of the canonical article when this one is a syndicated copy of it.
  std::optional<int64_t> copy_of;
};

// Articles arrive in time order, each with a key of the caller's (the article id). A copy is
// not clustered: it is its canonical article under another name, and goes into its story.
class StoryPlacer {
 public:
  explicit StoryPlacer(PlacerOptions options = {});

  Placement Place(int64_t key, const enrich::cluster::StoryDocument& doc);
  // The clusterer's merges since the last call, in order (see StoryClusterer::TakeMerges).
  std::vector<enrich::cluster::StoryMerge> TakeMerges() { return clusterer_.TakeMerges(); }
  // Articles placed before that turned out to belong to another story (see
  // ClusterOptions::replace_max_size), named by the caller's key; in order, after the merges
  // of the same Place().
  std::vector<enrich::cluster::StoryMove> TakeMoves() { return clusterer_.TakeMoves(); }

  const enrich::cluster::StoryClusterer& clusterer() const { return clusterer_; }
  const PlacerOptions& options() const { return options_; }

 private:
  PlacerOptions options_;
  enrich::dedupe::SyndicationIndex copies_;
  enrich::cluster::StoryClusterer clusterer_;
};

}  // namespace wiredesk::pipeline
