// Language identification of article text (cld2), so later features pick the right stemmer.
#pragma once

#include <string>
#include <string_view>

namespace wiredesk::enrich {

// The ISO 639-1 code ("en", "fr") of `text`, or "" when cld2 is not reliably sure.
// Looks at the first 8 KiB at most: enough for cld2's quadgram model, bounded on huge pages.
std::string DetectLanguage(std::string_view text);

}  // namespace wiredesk::enrich
