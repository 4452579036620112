// The story desk: files each new article in a story of the store, or marks it as a syndicated
// copy of an article already there, as articles arrive (ingest, feed refresh) or all over
// again (`wiredesk cluster`). The decision is StoryPlacer's; the desk keeps the store in step
// with it: the clusterer's stories map to the store's, and its merges and splits are applied
// there.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/model.h"
#include "pipeline/story_placer.h"
#include "store/store.h"

namespace wiredesk::pipeline {

struct FilingReport {
  int filed = 0;       // articles placed (copies included)
  int new_stories = 0;
  int copies = 0;
  int merges = 0;      // stories merged into others (clusterer merges and follow-up links)
  int moves = 0;       // articles moved out of a story that split in two
  int replayed = 0;    // already-filed articles read back into the clusterer's window
};

// The article as the desk reads it (an Article just stored, under its new id).
store::StoryInput StoryInputOf(const Article& article, int64_t article_id);

// Thread-safe: feed refresh files from several workers at once. The store must outlive it.
//
// After a restart the clusterer's state is rebuilt from the store: the articles of the
// window before the newest one are read back in time order (an index walk, so the cost is the
// window's, not the store's), and unfiled articles met on the way are filed in their place.
class StoryDesk {
 public:
  explicit StoryDesk(store::Store& store, PlacerOptions options = {});

  // Files the stored article (a no-op when it is already in a story or is a copy).
  Result<FilingReport> File(int64_t article_id);
  // Files, in time order, every unfiled article published at `from` or later (an ingest batch
  // gives its oldest article's time). The first call also rebuilds the window before it.
  Result<FilingReport> FileSince(Instant from);
  // Forgets every story and files the whole store again, oldest first (`wiredesk cluster`).
  Result<FilingReport> Recompute();

 private:
  struct Mapped {
    int64_t story = 0;  // the store's story id
    Instant seen{};     // when the clusterer's story last took an article (article time)
    // This desk filed an article into `story` for it (not only read filed ones back).
    bool filed_here = false;
  };

  // Runs one filing pass in this node's turn at the store's story desk (see story_desk.cc).
  Result<FilingReport> InTurn(const std::function<Status(FilingReport&)>& pass);
  // Reads the window before the newest stored article (or from `from`, when earlier) back into
  // the clusterer, filing unfiled articles on the way.
  Status Warm(Instant from, FilingReport& report);
  // Forgets the clusterer's state: the next pass reads the window back from the store.
  void StartOver();
  Status Walk(std::optional<store::TimeCursor> from, bool replay_filed, FilingReport& report);
  Status Place(const store::StoryInput& in, bool replay, FilingReport& report);
  Status ApplyMerges(FilingReport& report);
  Status ApplyMoves(bool replay, FilingReport& report);
  // The stories the article's publisher lists as its own related coverage.
  std::vector<int64_t> LinkedStories(const store::StoryInput& in);
  Status MergeInStore(int64_t from, int64_t into, FilingReport& report);
  void Forget(Instant now);

  std::mutex mu_;
  store::Store& store_;
  PlacerOptions options_;
  std::optional<StoryPlacer> placer_;
  bool warm_ = false;
  // The clusterer's stories -> the store's; entries for stories gone from the clusterer's
  // window are dropped as time moves on, so this follows the window too.
  std::unordered_map<enrich::cluster::StoryId, Mapped> stories_;
  Instant latest_{};
  Instant last_forget_{};
  // The store's story desk epoch after this desk's last pass; -1: none yet.
  int64_t epoch_ = -1;
};

}  // namespace wiredesk::pipeline
