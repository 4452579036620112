// Online story clustering: articles arrive one at a time, in time order, and join a story.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "enrich/cluster/event_facts.h"
#include "enrich/cluster/term_vector.h"

namespace wiredesk::enrich::cluster {

// Never reused: a story id stays meaningful to the store after the story leaves the window.
using StoryId = uint64_t;

// What the clusterer reads of an article. Views: they only need to live through Add().
struct StoryDocument {
  std::string_view title;
  std::string_view text;  // may be empty (headline-only feeds such as UCI)
  std::string_view source;
  // Absent: the document is taken to arrive at the time of the one before it.
  std::optional<Instant> published;
  // The caller's name for the document (an article id), given back in a StoryMove.
  int64_t key = 0;
};

// Two stories turned out to be one: every article of `from` now belongs to `into`.
struct StoryMerge {
  StoryId from = 0;
  StoryId into = 0;
};

// A story turned out to hold two events: the document with key `key` left story `from` for
// story `into`, a story opened by the split (see ClusterOptions::split_max_size).
struct StoryMove {
  int64_t key = 0;
  StoryId from = 0;
  StoryId into = 0;
};

struct ClusterOptions {
  // Stories not updated for this long leave the index; memory is bounded by the window.
  std::chrono::seconds window = std::chrono::days(7);
  // Join the best story when its similarity reaches this. Headline-only documents have far
  // fewer words, so their cosines run higher for the same relatedness: two thresholds.
  // (join_title: on the UCI development half, 0.2 let a few broad stories absorb their
  // neighbours, B-cubed precision 0.62; 0.3 gives 0.96 at recall 0.66, and merges win back
  // recall. join_text: on the development halves of ECB+ and BASIL together, 0.17 / 0.18 /
  // 0.19 / 0.20 / 0.21 give B-cubed F1 sums 1.904 / 1.904 / 1.910 / 1.903 / 1.905; the
  // differences are a story or two each, so treat the choice as weak.)
  double join_text = 0.19;
  double join_title = 0.3;
  // Similarity = centroid_weight * cos(doc, centroid) + (1 - centroid_weight) * best member.
  double centroid_weight = 0.5;
  // Two stories merge when one document reaches both and their centroids are this close.
  double merge_text = 0.5;
  double merge_title = 0.2;
  // Recency: a story's similarity is scaled by floor + (1 - floor) * 2^(-idle / half_life),
  // idle being the time since it last grew. Temporal proximity is a feature of news streams
  // (Miranda et al. 2018 learn one); the floor lets a strong match revive a days-old story.
  // (recency_floor: 0.7 let BASIL's story of one week join the same kind of story of the week
  // before. recency_half_life: at 24 h an outlet's article two or three days after the others
  // of its event opened a story of its own; on BASIL's development half, floor 0.5 with
  // 24 / 36 / 48 / 72 h gives B-cubed F1 0.992 / 1 / 1 / 1, and floor 0.4 or 0.45 with 48 h
  // also 1. A longer half-life keeps more of a week-old story's score, so the floor comes down
  // to keep next week's round of the same news apart (the unit test of that fails at 0.5 and
  // 48 h; 0.45 passes it by 0.004, 0.4 by 0.02). 48 h and 0.4 take BASIL's held-out half from
  // 0.985 to 0.988, the whole set from 0.979 to 0.981.)
  std::chrono::seconds recency_half_life = std::chrono::hours(48);
  double recency_floor = 0.4;
  // A document with text but without a time: its similarity is scaled by this, between the
  // floor and a fresh story's 1, so that it joins on textual evidence alone but needs more of
  // it than a fresh dated document. (Headline-only documents without a time get their floor.)
  double undated_text = 0.7;
  // A headline alone is thin evidence, so for headline-only documents closeness in time
  // weighs more: a shorter half-life and a lower floor (tuned on the UCI development half).
  std::chrono::seconds recency_half_life_title = std::chrono::hours(1);
  double recency_floor_title = 0.3;
  // Extra weight for names and numbers, which separate events of the same kind.
  double entity_boost = 1.6;
  double number_boost = 4.0;
  // The title counts this much more than a word of the body.
  double title_boost = 2.0;
  // Snowball English stemming ("earthquakes" = "earthquake").
  bool stem = true;
  // Members kept per story for the best-member similarity (the most recent ones).
  size_t members_kept = 12;
  // Terms kept per centroid, the heaviest ones, so long stories stay cheap to compare.
  size_t centroid_terms = 400;
  // Candidates scored exactly, out of those the inverted index returns.
  size_t candidates = 12;
  // Splitting: when a document with text goes into a story of 4 to split_max_size articles
  // (0: never; at most members_kept, so that every member is at hand), the story's members
  // are parted in the two groups of two or more with the weakest average cosine between them;
  // when that is below split_bar and each group's own average is split_margin above it, the
  // group without the newest article leaves for a story of its own. It undoes the early joins
  // a one-document decision cannot avoid: the first article of a second event of the same
  // kind joining a small story of the first before a story of its own exists, whose mixed
  // centroid then draws in the rest of both. (Chosen on ECB+'s development half over 10
  // orders: split_bar 0.2 / 0.22 / 0.25 / 0.28 / 0.32 with margin 0.1-0.2, best 0.25 / 0.12;
  // figures in src/pipeline/README.md.) Headline-only documents are never split: a headline
  // pair's cosine says too little, and UCI's speed goal leaves no room for it.
  size_t split_max_size = 12;
  double split_bar = 0.25;
  double split_margin = 0.12;
  // Event evidence (event_facts.h), for documents with text: a story's score is multiplied by
  // date_conflict when the document's event day (the day its lead names, else its publication
  // day; none when undated) is more than date_gap_days from every kept member's, and by
  // place_conflict when the document's own place is not the story's (the one most of its kept
  // members have) and neither names the other's in its headline or lead. 1: off (the facts a
  // rule needs are then not looked for). (date_conflict: BASIL 0.981 -> 0.988, held-out half
  // 0.988 -> 1.000, development half 1.000 at every setting; ECB+ is undated and UCI
  // headline-only, so both are unchanged. place_conflict 0.5 parts Indiana's religious-freedom
  // law from Arkansas's but splits a story told from two places and costs both development
  // halves: off. Figures in src/pipeline/README.md.)
  double date_conflict = 0.5;
  int date_gap_days = 3;
  double place_conflict = 1.0;
  // A place more than this share of the documents with text name is no event's own.
  double place_common_share = 0.1;
  EventFactOptions facts;
};

struct Assignment {
  StoryId story = 0;
  bool new_story = false;
  double similarity = 0;  // to the story joined; 0 for a new story
};

// Feed documents in time order; each Add() says which story the document joins. Stories that
// turn out to be one are merged (the smaller into the larger), and the merges are queued for
// TakeMerges() so the store can apply them: a merge never loses an article. A small story
// that turns out to hold two events splits, and the articles that leave it are queued for
// TakeMoves().
//
// Cost per document depends on the stories active in the window (found through an inverted
// index over their centroids), never on how many documents came before. Document frequencies
// are learned online, and the vocabulary forgets the words of no recent article and no active
// story, so memory follows the window as well.
class StoryClusterer {
 public:
  explicit StoryClusterer(ClusterOptions options = {});
  ~StoryClusterer();
  StoryClusterer(const StoryClusterer&) = delete;
  StoryClusterer& operator=(const StoryClusterer&) = delete;

  Assignment Add(const StoryDocument& doc);

  // The merges since the last call, in the order they happened.
  std::vector<StoryMerge> TakeMerges();
  // The moves since the last call, in the order they happened. Within one Add(), its merges
  // come before its moves.
  std::vector<StoryMove> TakeMoves();

  // Stories in the window, and documents seen in all.
  size_t ActiveStories() const;
  uint64_t DocumentsSeen() const;
  // Approximate bytes held by the index, vocabulary included.
  size_t MemoryUsage() const;
  // Distinct terms held: those of the window's articles and of the active stories.
  size_t VocabularySize() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk::enrich::cluster
