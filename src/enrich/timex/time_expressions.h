// Time expressions in news text, found and normalised as TimeML's TIMEX3 (in the tradition of
// HeidelTime: hand-written patterns, normalisation functions, anchoring to the publication
// date or to the date last mentioned, and tense cues for "on Thursday").
#pragma once

#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/time.h"

namespace wiredesk::enrich::timex {

enum class TimexMethod {
  kRules,     // everything below
  kBaseline,  // explicit dates, years, weekdays, today/yesterday, "N units (ago)": no tense,
              // no anchoring to the last date, no modifiers, no references ("now", "recently")
};

struct TimexOptions {
  TimexMethod method = TimexMethod::kRules;
};

// Every time expression in `text`, in order, not overlapping, relative expressions resolved
// against `publication` (the document creation time). Works on any bytes; English only.
std::vector<TimeExpression> FindTimeExpressions(std::string_view text, Instant publication,
                                                const TimexOptions& options = {});

}  // namespace wiredesk::enrich::timex
