// Dates as feeds write them: RFC 822 and its variants, ISO 8601 with or without a zone, and
// month names in the languages publishers use.
#pragma once

#include <optional>
#include <string_view>

#include "core/time.h"

namespace wiredesk::parse {

// Reads a feed date. Accepted, among others:
//   "Mon, 02 Jun 2025 14:30:00 GMT", "2 Jun 2025 14:30 +0200", "Mon, 2 Jun 25 14:30:00 EST",
//   "Monday, June 2, 2025 2:30 PM", "2025-06-02T14:30:00.123+02:00", "2025-06-02 14:30:00",
//   "2025-06-02T14:30:00+0200", "2025/06/02", "2. Juni 2025 14:30", "2 de junio de 2025",
//   "02 févr. 2025". A date without a zone is UTC; a time without seconds has zero seconds.
// nullopt when no day, month and year can be found or the date does not exist.
std::optional<Instant> ParseFeedDate(std::string_view s);

}  // namespace wiredesk::parse
