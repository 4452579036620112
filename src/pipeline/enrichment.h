// The enrich step of ingest and refresh: an article's hashtags and insights, computed once
// when it is stored (or changed) and stored with it, so serving never runs a model.
#pragma once

#include <cstdint>

#include "core/model.h"
#include "core/result.h"
#include "enrich/article_enricher.h"
#include "store/store.h"

namespace wiredesk::pipeline {

// Computes and stores the article's hashtags and insights. A store without insights
// (kUnsupported) still gets its hashtags.
Status EnrichStored(store::Store& store, enrich::ArticleEnricher& enricher, int64_t article_id,
                    const Article& article, Instant now);

struct EnrichReport {
  int64_t enriched = 0;
  int64_t failed = 0;
  std::vector<std::string> errors;  // one line each, at most the first 20
};

// `wiredesk enrich`: recomputes every stored article's hashtags and insights, oldest first.
Result<EnrichReport> EnrichAll(store::Store& store, const Clock& clock);

}  // namespace wiredesk::pipeline
