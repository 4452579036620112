// Hashtags: the few people, places, organisations and topics that say what an article is about.
#pragma once

#include <memory>
#include <vector>

#include "core/model.h"

namespace wiredesk::enrich {

// Reusable across articles (it holds the entity tagger's buffers and a stemmer per language);
// one per thread.
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk::enrich
