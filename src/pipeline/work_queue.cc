#include "pipeline/work_queue.h"

#include <algorithm>

#include "pipeline/enrichment.h"
#include "store/result_macros.h"

namespace wiredesk::pipeline {

namespace {
constexpr int kClaimBatch = 64;
constexpr size_t kMaxErrors = 20;
}  // namespace

Result<BacklogReport> WorkBacklog(store::Store& store, enrich::ArticleEnricher& enricher,
                                  StoryDesk& desk, const Clock& clock) {
  BacklogReport report;
  auto failed = [&](int64_t article_id, const std::string& why) {
    ++report.failed;
    if (report.errors.size() < kMaxErrors) {
      report.errors.push_back("article " + std::to_string(article_id) + ": " + why);
    }
  };
  // A claimed job is held for a lease, so a job that fails is not claimed again by this loop:
  // it waits for the lease to run out (a later pass, perhaps another node's).
  while (true) {
    auto jobs = store.ClaimJobs(store::JobKind::kEnrich, clock.Now(), kClaimBatch);
    if (!jobs && jobs.error().code == ErrorCode::kUnsupported) return report;
    if (!jobs) return Fail(jobs.error());
    if (jobs->empty()) break;
    for (const store::QueuedJob& job : *jobs) {
      auto article = store.FindArticle(job.article_id);
      if (!article) {
        failed(job.article_id, article.error().ToString());
        continue;
      }
      if (!*article) continue;  // deleted meanwhile: its job went with it
      if (auto st = EnrichStored(store, enricher, job.article_id, **article, clock.Now()); !st) {
        failed(job.article_id, st.error().ToString());
        continue;
      }
      ++report.enriched;
    }
  }
  while (true) {
    WD_ASSIGN_OR_RETURN(std::vector<store::QueuedJob> jobs,
                        store.ClaimJobs(store::JobKind::kFileInStory, clock.Now(), kClaimBatch));
    if (jobs.empty()) break;
    Instant oldest = jobs.front().article_time;
    for (const store::QueuedJob& job : jobs) oldest = std::min(oldest, job.article_time);
    WD_ASSIGN_OR_RETURN(const FilingReport filed, desk.FileSince(oldest));
    report.filed += filed.filed;
    // Filing finished the jobs of the articles it placed; the rest were already in stories.
    for (const store::QueuedJob& job : jobs) {
      WD_RETURN_IF_ERROR(store.FinishJob(store::JobKind::kFileInStory, job.article_id));
    }
  }
  return report;
}

}  // namespace wiredesk::pipeline
