#include "enrich/article_enricher.h"

#include <algorithm>
#include <map>
#include <string>

#include "core/text.h"
#include "enrich/entities/canonical_names.h"
#include "enrich/entities/ner_tagger.h"
#include "enrich/hashtags.h"
#include "enrich/quotes/quote_finder.h"
#include "enrich/summarize/key_points.h"
#include "enrich/timex/time_expressions.h"
#include "enrich/timex/timeline.h"

namespace wiredesk::enrich {

namespace {

bool IsEnglish(const Article& a) { return a.language.empty() || a.language == "en"; }

}  // namespace

struct ArticleEnricher::Impl {
  EnrichOptions options;
  std::unique_ptr<entities::NerTagger> tagger;  // null when the model cannot be loaded
  HashtagPicker hashtags;
  std::map<std::string, std::unique_ptr<summarize::KeyPointSelector>> key_points;

  summarize::KeyPointSelector& KeyPointsFor(const std::string& language) {
    auto& slot = key_points[language];
    if (!slot) slot = std::make_unique<summarize::KeyPointSelector>(language.empty() ? "en" : language);
    return *slot;
  }
};

ArticleEnricher::ArticleEnricher(EnrichOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (auto model = entities::BuiltinNerModel()) {
    impl_->tagger = std::make_unique<entities::NerTagger>(**model);
  }
}

ArticleEnricher::~ArticleEnricher() = default;

Enrichment ArticleEnricher::Enrich(const Article& article, int64_t article_id, Instant now) {
  Enrichment out;
  out.insights.computed_at = now;
  if (Trim(article.text).empty()) return out;
  const EnrichOptions& o = impl_->options;
  const bool english = IsEnglish(article);

  // Mentions over headline + body (for hashtags and the entity list), and the body's alone,
  // shifted back to body offsets (for the quotes' speakers).
  std::vector<entities::Mention> mentions;
  if (english && impl_->tagger) {
    mentions = entities::FindMentions(*impl_->tagger, HashtagDocument(article));
  }
  out.tags = impl_->hashtags.Pick(article, mentions, o.max_tags);

  const auto grouped = entities::GroupMentions(mentions);
  std::vector<const entities::ArticleEntity*> ranked;
  for (const auto& e : grouped) {
    if (!e.mentions.empty()) ranked.push_back(&e);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto* a, const auto* b) {
    return a->mentions.size() > b->mentions.size();
  });
  for (const auto* e : ranked) {
    if (out.insights.entities.size() >= o.max_entities) break;
    out.insights.entities.push_back({e->canonical, e->key, TagKindOf(e->type),
                                     static_cast<int64_t>(e->mentions.size())});
  }

  for (std::string_view sentence : impl_->KeyPointsFor(article.language).Select(article.text)) {
    out.insights.key_points.emplace_back(Trim(sentence));
  }

  if (english) {
    const size_t body_start = article.title.size() + 2;  // HashtagDocument's "\n\n"
    std::vector<entities::Mention> body;
    for (const entities::Mention& m : mentions) {
      if (m.begin < body_start) continue;
      entities::Mention shifted = m;
      shifted.begin -= body_start;
      shifted.end -= body_start;
      body.push_back(std::move(shifted));
    }
    const auto body_entities = entities::GroupMentions(body);
    out.insights.quotes = quotes::FindQuotes(article, body, body_entities);
    if (out.insights.quotes.size() > o.max_quotes) out.insights.quotes.resize(o.max_quotes);

    const Instant published = article.published.value_or(article.captured);
    const auto expressions = timex::FindTimeExpressions(article.text, published);
    out.insights.timeline = timex::BuildTimeline(article_id, article.text, expressions);
    if (out.insights.timeline.size() > o.max_timeline) out.insights.timeline.resize(o.max_timeline);
  }
  return out;
}

}  // namespace wiredesk::enrich
