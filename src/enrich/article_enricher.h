// Everything enrich works out about one article, in one pass: hashtags, and the insights of
// the article page's "AI features" panel (key points, entities, quotes, timeline). The entity
// tagger runs once and feeds the hashtags, the entities and the quotes' speakers.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/model.h"
#include "core/time.h"

namespace wiredesk::enrich {

struct Enrichment {
  std::vector<Tag> tags;
  ArticleInsights insights;
};

struct EnrichOptions {
  size_t max_tags = 8;
  size_t max_entities = 15;
  size_t max_quotes = 12;
  size_t max_timeline = 20;
};

// Reusable across articles (tagger buffers, stemmers and keyphrase statistics per language);
// not thread-safe: one per thread.
class ArticleEnricher {
 public:
  explicit ArticleEnricher(EnrichOptions options = {});
  ~ArticleEnricher();
  ArticleEnricher(const ArticleEnricher&) = delete;
  ArticleEnricher& operator=(const ArticleEnricher&) = delete;

  // `article_id` is stamped on the timeline's events; `now` on the insights. Entities and
  // quotes need English (the entity model is English-only; an empty language counts as
  // English); key points and hashtags work in any language Snowball stems; the timeline reads
  // English time expressions. Never fails: an article without text gives empty results.
  Enrichment Enrich(const Article& article, int64_t article_id, Instant now);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk::enrich
