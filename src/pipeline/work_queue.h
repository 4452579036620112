// The work a node left behind: articles another node stored but died before enriching or
// filing in a story. With PostgreSQL the store queues that work with each stored article
// (Store::ClaimJobs); every ingesting node takes its turn at what has been waiting longer than
// a lease, so nothing stored goes without its hashtags, insights or story.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "enrich/article_enricher.h"
#include "pipeline/story_desk.h"
#include "store/store.h"

namespace wiredesk::pipeline {

struct BacklogReport {
  int enriched = 0;
  int filed = 0;  // articles placed in stories (copies included)
  int failed = 0;
  std::vector<std::string> errors;  // one line each, at most the first 20
};

// Claims and does the queued work no node holds: enrichment first, then filing (the desk
// files from the oldest claimed article's time). A store without a queue (kUnsupported) has
// no backlog: an empty report.
Result<BacklogReport> WorkBacklog(store::Store& store, enrich::ArticleEnricher& enricher,
                                  StoryDesk& desk, const Clock& clock);

}  // namespace wiredesk::pipeline
