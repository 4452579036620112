// Timelines: the sentences of an article (or of a story's articles) ordered by the date they
// are about, from the time expressions found in them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace wiredesk::enrich::timex {

// One entry per sentence that names a date (DATE or TIME with a calendar value; references
// such as "now", durations and sets date nothing): the most precise date in the sentence,
// the first of equals. Ordered by date, earliest first; a day sorts before the month holding
// it when both start together; ties keep the text's order.
std::vector<DatedEvent> BuildTimeline(int64_t article_id, std::string_view text,
                                      const std::vector<TimeExpression>& expressions);

// A story's timeline from its articles': merged in date order, a sentence that several
// articles carry under the same date (syndicated copies, repeated background) kept once,
// from the article listed first.
std::vector<DatedEvent> MergeTimelines(const std::vector<std::vector<DatedEvent>>& timelines);

}  // namespace wiredesk::enrich::timex
