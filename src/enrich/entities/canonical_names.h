// One name per entity across an article: "Ahmad al-Dalati" and a later "Dalati" are one person,
// "U.S." and "United States" one place; the longest name written is the canonical one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "enrich/entities/ner_model.h"
#include "enrich/entities/ner_tagger.h"

namespace wiredesk::enrich::entities {

struct ArticleEntity {
  EntityType type = EntityType::kOther;
  // The longest mention (most words, then most letters, then the first written).
  std::string canonical;
  // NameKey(canonical): the same key for the same name across the corpus.
  std::string key;
  // Indexes into the mentions handed to GroupMentions, in text order.
  std::vector<size_t> mentions;
};

// Groups an article's mentions into entities. Rules, longest mentions first:
// - the same name after normalisation (case, full stops, a leading "the", "Mr"/"Dr" titles);
// - a person's shorter name made of words of a longer one, compared without Arabic and
//   European particles ("Dalati" in "Ahmad al-Dalati", "Merkel" in "Angela Merkel"); a lone
//   surname joins across types (one of the two tagged a person), and the entity takes the type
//   most of its mentions have;
// - an acronym of a longer name of the same type ("EU" / "European Union", "U.S." /
//   "United States"), and a few fixed aliases ("Britain" / "United Kingdom");
// - an organisation's leading words ("Microsoft" / "Microsoft Corp").
// A short name that fits two entities equally joins the one mentioned first.
std::vector<ArticleEntity> GroupMentions(const std::vector<Mention>& mentions);

// A name normalised for matching across articles: lower case, full stops and titles dropped,
// single spaces ("U.S." -> "us", "Mr. Ahmad al-Dalati" -> "ahmad al-dalati").
std::string NameKey(std::string_view name);

}  // namespace wiredesk::enrich::entities
