// The article page's "AI features" panel: key points, quotes with their speakers, entities and
// the timeline, from the insights enrich stored. Rendering only: serving never runs a model.
#pragma once

#include <kainjow/mustache.hpp>

#include "core/model.h"

namespace wiredesk::serve {

// Sets `has_ai` and the panel's fields on an article page's data. Empty insights (or none
// stored) leave the panel out entirely.
void AddInsightsPanel(kainjow::mustache::data& page, const ArticleInsights* insights);

// A TIMEX3 value for readers: "2014-05-14" -> "14 May 2014", "2014-05" -> "May 2014"; other
// values ("1967", "2014-W20", "PRESENT_REF") as they are.
std::string HumanTimexValue(std::string_view value);

// "/tags/Ahmad%20al-Dalati": the page of every article with that tag.
std::string TagHref(std::string_view name);

}  // namespace wiredesk::serve
