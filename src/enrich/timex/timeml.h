// TimeML documents (TempEval-3's format) for `wiredesk eval timex`: the text inside <TEXT>
// and the document creation time in, the same document with TIMEX3 tags out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/time.h"

namespace wiredesk::enrich::timex {

struct TimemlDocument {
  // The character content of <TEXT>: tags removed, entities decoded (what the scorer compares).
  std::string text;
  // The TIMEX3 with functionInDocument="CREATION_TIME", when there is one with a readable date.
  std::optional<Instant> creation_time;
  // Bytes of the raw document between <TEXT ...> and </TEXT>.
  size_t content_begin = 0;
  size_t content_end = 0;
};

// Parses a TimeML document with expat: no DTD is read, any entity declaration is refused (no
// external entities, no "billion laughs"). Fails with kParse on malformed XML or no <TEXT>.
Result<TimemlDocument> ReadTimeml(std::string_view raw);

// `raw` with the content of <TEXT> replaced by `doc.text` (escaped) carrying `expressions`
// (offsets into doc.text, in order, not overlapping) as <TIMEX3 tid type value> tags;
// everything outside <TEXT> is copied as it was. Expressions out of range are skipped.
std::string WriteTimeml(std::string_view raw, const TimemlDocument& doc,
                        const std::vector<TimeExpression>& expressions);

}  // namespace wiredesk::enrich::timex
