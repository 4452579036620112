#include "pipeline/story_placer.h"

namespace wiredesk::pipeline {

StoryPlacer::StoryPlacer(PlacerOptions options)
    : options_(options), copies_(options.syndication), clusterer_(options.cluster) {}

Placement StoryPlacer::Place(int64_t key, const enrich::cluster::StoryDocument& doc) {
  Placement p;
  // A headline alone is never called a copy (the index needs a body's worth of shingles),
  // so headline-only feeds go straight to the clusterer.
  if (!doc.text.empty()) {
    if (auto match = copies_.Add(key, doc.text, doc.published)) {
      p.copy_of = match->original;
      return p;
    }
  }
  enrich::cluster::StoryDocument keyed = doc;
  keyed.key = key;
  const enrich::cluster::Assignment a = clusterer_.Add(keyed);
  p.story = a.story;
  p.new_story = a.new_story;
  return p;
}

}  // namespace wiredesk::pipeline
