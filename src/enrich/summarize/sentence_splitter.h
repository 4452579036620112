// Sentences of a news text: terminators, abbreviations, initials, decimals, quotes, line breaks.
#pragma once

#include <string_view>
#include <vector>

namespace wiredesk::enrich::summarize {

// The sentences of `text`, trimmed, as views into it, in order. A sentence ends at . ! ? or …
// followed by space (closing quotes and brackets stay with it), and at a line break. No split
// after an abbreviation ("Mr.", "Gen.", "e.g."), an initial ("J. Smith"), inside a number
// ("3.5", "1,000.25"), or before a lower-case word in cased text. Tokenised text (" . " as its
// own token, as in CNN/DailyMail's PTB files) always splits at a lone terminator.
std::vector<std::string_view> SplitSentences(std::string_view text);

}  // namespace wiredesk::enrich::summarize
