#include "pipeline/ingest.h"

#include <algorithm>
#include <system_error>

#include "core/text.h"
#include "pipeline/enrichment.h"

namespace wiredesk::pipeline {

namespace fs = std::filesystem;

namespace {

bool IsPageFile(const fs::path& p) {
  const std::string ext = AsciiLower(p.extension().string());
  return ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".txt";
}

}  // namespace

std::vector<fs::path> ListInputs(const std::vector<fs::path>& paths,
                                 std::vector<SkippedInput>& missing) {
  std::vector<fs::path> out;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      auto it = fs::recursive_directory_iterator(
          p, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && IsPageFile(it->path())) found.push_back(it->path());
      }
      if (ec) missing.push_back({p.string(), "cannot read directory: " + ec.message()});
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      missing.push_back({p.string(), "no such file or directory"});
    }
  }
  return out;
}

IngestReport IngestPaths(store::Store& store, const std::vector<fs::path>& paths,
                         const PageFacts& overrides, const Clock& clock) {
  IngestReport report;
  const std::vector<fs::path> inputs = ListInputs(paths, report.skipped);
  enrich::ArticleEnricher enricher;
  std::optional<Instant> oldest_added;
  for (const fs::path& input : inputs) {
    auto article = ExtractFile(input, InputFormat::kAuto, overrides, clock.Now());
    if (!article) {
      report.skipped.push_back({input.string(), article.error().message});
      continue;
    }
    auto outcome = store.UpsertArticle(*article);
    if (!outcome) {
      report.skipped.push_back({input.string(), outcome.error().ToString()});
      continue;
    }
    if (outcome->kind != store::UpsertKind::kUnchanged) {
      // Computed at ingest and stored: serving a page never runs a model.
      if (auto st = EnrichStored(store, enricher, outcome->article_id, *article, clock.Now());
          !st) {
        report.skipped.push_back({input.string(), "stored, but its hashtags and insights were "
                                                  "not: " + st.error().ToString()});
      }
    }
    switch (outcome->kind) {
      case store::UpsertKind::kAdded: {
        ++report.added;
        const Instant when = article->published.value_or(article->captured);
        oldest_added = oldest_added ? std::min(*oldest_added, when) : when;
        break;
      }
      case store::UpsertKind::kUpdated: ++report.updated; break;
      case store::UpsertKind::kUnchanged:
        report.skipped.push_back({input.string(), "unchanged since the last ingest"});
        break;
    }
  }
  StoryDesk desk(store);
  if (oldest_added) {
    // After the batch, so a directory read in name order is still clustered in time order.
    if (auto filed = desk.FileSince(*oldest_added)) {
      report.stories = *filed;
    } else {
      report.stories_error = filed.error().ToString();
    }
  }
  // Then what other nodes left behind (PostgreSQL; no-op elsewhere).
  if (auto backlog = WorkBacklog(store, enricher, desk, clock)) {
    report.backlog = *backlog;
  } else if (report.stories_error.empty()) {
    report.stories_error = backlog.error().ToString();
  }
  return report;
}

}  // namespace wiredesk::pipeline
