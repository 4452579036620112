// Ingest: pages and captures on disk, through extraction and enrichment, into the store.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/time.h"
#include "pipeline/page_input.h"
#include "pipeline/story_desk.h"
#include "pipeline/work_queue.h"
#include "store/store.h"

namespace wiredesk::pipeline {

struct SkippedInput {
  std::string path;
  std::string reason;
};

struct IngestReport {
  int added = 0;
  int updated = 0;
  std::vector<SkippedInput> skipped;  // unchanged inputs and failures, each with its reason
  FilingReport stories;               // the new articles filed in stories
  std::string stories_error;          // non-empty: the articles are stored, not all filed
  BacklogReport backlog;              // work other nodes left behind, done by this one
};

// Expands directories (recursively, in name order) to the files ingest reads: .html, .htm,
// .xhtml and .txt. Files named explicitly are taken whatever their extension.
std::vector<std::filesystem::path> ListInputs(const std::vector<std::filesystem::path>& paths,
                                              std::vector<SkippedInput>& missing);

// Ingests every input. A bad file is reported and skipped; the batch goes on, and nothing
// already stored is lost. The new articles are then filed in stories (or marked as syndicated
// copies) in time order, whatever order the files came in, through a StoryDesk.
IngestReport IngestPaths(store::Store& store, const std::vector<std::filesystem::path>& paths,
                         const PageFacts& overrides, const Clock& clock);

}  // namespace wiredesk::pipeline
