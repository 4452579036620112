#include "enrich/hashtags.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <span>

#include "core/text.h"
#include "enrich/entities/canonical_names.h"
#include "enrich/entities/ner_tagger.h"
#include "enrich/tag/keyphrase_extractor.h"

namespace wiredesk::enrich {

namespace {

// An entity must be named at least this often to be what the article is about, unless it
// is in the headline: one passing mention of a city is not a hashtag.
constexpr size_t kMinMentions = 2;
constexpr size_t kMaxEntityTags = 5;
// Keyphrases past the first few are mostly generic words ("state", "asking"): a short list
// that reads well beats a long one that covers more.
constexpr size_t kMaxTopicTags = 3;

// Words for overlap tests: runs of letters and digits (UTF-8 bytes count as letters).
std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

struct HashtagPicker::Impl {
  std::unique_ptr<entities::NerTagger> tagger;  // null when the model cannot be loaded
  std::map<std::string, std::unique_ptr<tag::KeyphraseExtractor>> extractors;

  tag::KeyphraseExtractor& ExtractorFor(const std::string& language) {
    auto& slot = extractors[language];
    if (!slot) slot = std::make_unique<tag::KeyphraseExtractor>(language.empty() ? "en" : language);
    return *slot;
  }
};

HashtagPicker::HashtagPicker() : impl_(std::make_unique<Impl>()) {
  auto model = entities::BuiltinNerModel();
  if (model) impl_->tagger = std::make_unique<entities::NerTagger>(**model);
}

HashtagPicker::~HashtagPicker() = default;

TagKind TagKindOf(entities::EntityType type) {
  switch (type) {
    case entities::EntityType::kPerson: return TagKind::kPerson;
    case entities::EntityType::kLocation: return TagKind::kPlace;
    case entities::EntityType::kOrganisation: return TagKind::kOrganisation;
    case entities::EntityType::kOther: return TagKind::kTopic;
  }
  return TagKind::kTopic;
}

std::string HashtagDocument(const Article& article) { return article.title + "\n\n" + article.text; }

std::vector<Tag> HashtagPicker::Pick(const Article& article, size_t max_tags) {
  const bool english = article.language.empty() || article.language == "en";
  std::vector<entities::Mention> mentions;
  if (english && impl_->tagger && !Trim(article.text).empty() && max_tags > 0) {
    mentions = entities::FindMentions(*impl_->tagger, HashtagDocument(article));
  }
  return Pick(article, mentions, max_tags);
}

namespace {

// The keyphrase ranker learned from crowd picks, which include past-tense verbs ("announced",
// "passed"): fine as keyphrases, but a hashtag names a thing. English only; "-eed" words
// (speed, greed) and short ones (bed, red) are nouns.
bool IsPastTenseVerb(const std::vector<std::string>& words) {
  if (words.size() != 1) return false;
  const std::string& w = words.front();
  return w.size() > 5 && w.ends_with("ed") && !w.ends_with("eed");
}

}  // namespace

std::vector<Tag> HashtagPicker::Pick(const Article& article,
                                     const std::vector<entities::Mention>& mentions,
                                     size_t max_tags) {
  std::vector<Tag> tags;
  if (Trim(article.text).empty() || max_tags == 0) return tags;
  const std::string document = HashtagDocument(article);
  std::set<std::string> covered;  // lower-cased words of the names already chosen

  const bool english = article.language.empty() || article.language == "en";
  if (english) {
    auto found = entities::GroupMentions(mentions);
    const size_t title_end = article.title.size();
    struct Ranked {
      const entities::ArticleEntity* entity;
      size_t count;
      bool in_title;
      size_t first;
    };
    std::vector<Ranked> ranked;
    for (const auto& e : found) {
      if (e.mentions.empty() || e.type == entities::EntityType::kOther) continue;
      const bool in_title = mentions[e.mentions.front()].begin < title_end;
      if (e.mentions.size() < kMinMentions && !in_title) continue;
      ranked.push_back({&e, e.mentions.size(), in_title, mentions[e.mentions.front()].begin});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      if (a.in_title != b.in_title) return a.in_title;
      if (a.count != b.count) return a.count > b.count;
      return a.first < b.first;
    });
    for (const Ranked& r : ranked) {
      if (tags.size() >= std::min(max_tags, kMaxEntityTags)) break;
      tags.push_back({0, r.entity->canonical, TagKindOf(r.entity->type)});
      for (const auto& word : SplitWords(AsciiLower(r.entity->canonical))) covered.insert(word);
    }
  }

  auto& extractor = impl_->ExtractorFor(article.language);
  size_t topics = 0;
  const auto none = std::span<const entities::Mention>();
  for (const auto& phrase : extractor.Extract(document, english ? mentions : none)) {
    if (tags.size() >= max_tags || topics >= kMaxTopicTags) break;
    const auto words = SplitWords(AsciiLower(phrase.text));
    const bool overlaps = std::any_of(words.begin(), words.end(),
                                      [&](const std::string& w) { return covered.count(w) > 0; });
    if (overlaps || words.empty()) continue;
    const bool lower_case = phrase.text == AsciiLower(phrase.text);
    if (english && lower_case && IsPastTenseVerb(words)) continue;
    tags.push_back({0, phrase.text, TagKind::kTopic});
    ++topics;
    for (const auto& w : words) covered.insert(w);
  }
  return tags;
}

}  // namespace wiredesk::enrich
