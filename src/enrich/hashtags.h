// Hashtags: the few people, places, organisations and topics that say what an article is about.
#pragma once

#include <memory>
#include <vector>

#include "core/model.h"
#include "enrich/entities/ner_tagger.h"

namespace wiredesk::enrich {

// Reusable across articles (it holds the entity tagger's buffers and a stemmer per language);
// one per thread.
// The tag kind an entity type becomes (MISC entities are topics).
TagKind TagKindOf(entities::EntityType type);

// The text entities are looked for in: the headline, a blank line, the body.
std::string HashtagDocument(const Article& article);

class HashtagPicker {
 public:
  HashtagPicker();
  ~HashtagPicker();
  HashtagPicker(const HashtagPicker&) = delete;
  HashtagPicker& operator=(const HashtagPicker&) = delete;

  // At most `max_tags`, best first: the entities named most often (English only: the entity
  // model is English), then keyphrases that no entity already covers (any language Snowball
  // stems). Empty for an article without text.
  std::vector<Tag> Pick(const Article& article, size_t max_tags = 8);
  // The same, from entity mentions already found in HashtagDocument(article) (so a caller that
  // needs the mentions for other features runs the tagger once); the keyphrase ranker weighs
  // them too. `mentions` is ignored for articles not in English.
  std::vector<Tag> Pick(const Article& article, const std::vector<entities::Mention>& mentions,
                        size_t max_tags = 8);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk::enrich
