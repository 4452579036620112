#include "pipeline/enrichment.h"

#include <optional>

#include "pipeline/story_desk.h"
#include "pipeline/work_queue.h"
#include "store/result_macros.h"

namespace wiredesk::pipeline {

namespace {
constexpr int kBatch = 200;
constexpr size_t kMaxErrors = 20;
}  // namespace

Status EnrichStored(store::Store& store, enrich::ArticleEnricher& enricher, int64_t article_id,
                    const Article& article, Instant now) {
  enrich::Enrichment e = enricher.Enrich(article, article_id, now);
  WD_RETURN_IF_ERROR(store.SetTags(article_id, e.tags));
  if (auto st = store.SetInsights(article_id, e.insights);
      !st && st.error().code != ErrorCode::kUnsupported) {
    return st;
  }
  // Its queued job (several nodes on PostgreSQL) is done; other stores have no queue.
  if (auto st = store.FinishJob(store::JobKind::kEnrich, article_id);
      !st && st.error().code != ErrorCode::kUnsupported) {
    return st;
  }
  return {};
}

Result<EnrichReport> EnrichAll(store::Store& store, const Clock& clock) {
  EnrichReport report;
  enrich::ArticleEnricher enricher;
  // With a work queue (PostgreSQL) every article becomes a job, so nodes running this at the
  // same time share the work and each article is enriched once.
  if (auto queued = store.QueueForAll(store::JobKind::kEnrich, clock.Now())) {
    StoryDesk desk(store);
    WD_ASSIGN_OR_RETURN(const BacklogReport done, WorkBacklog(store, enricher, desk, clock));
    report.enriched = done.enriched;
    report.failed = done.failed;
    report.errors = done.errors;
    return report;
  } else if (queued.error().code != ErrorCode::kUnsupported) {
    return Fail(queued.error());
  }
  std::optional<store::TimeCursor> cursor;
  while (true) {
    // The time-order walk is keyed by a cursor, not an offset: each batch costs the same
    // however far into a large store it is.
    WD_ASSIGN_OR_RETURN(std::vector<store::StoryInput> batch,
                        store.ArticlesInTimeOrder(cursor, kBatch));
    if (batch.empty()) break;
    for (const store::StoryInput& in : batch) {
      auto failed = [&](const std::string& why) {
        ++report.failed;
        if (report.errors.size() < kMaxErrors) {
          report.errors.push_back("article " + std::to_string(in.article_id) + ": " + why);
        }
      };
      auto article = store.FindArticle(in.article_id);
      if (!article) {
        failed(article.error().ToString());
        continue;
      }
      if (!*article) continue;  // deleted meanwhile
      if (auto st = EnrichStored(store, enricher, in.article_id, **article, clock.Now()); !st) {
        failed(st.error().ToString());
        continue;
      }
      ++report.enriched;
    }
    cursor = store::TimeCursor{batch.back().When(), batch.back().article_id};
  }
  return report;
}

}  // namespace wiredesk::pipeline
