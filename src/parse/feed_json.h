// ParsedFeed as JSON: the golden files' format and what `wiredesk feeds parse` could print.
#pragma once

#include <nlohmann/json.hpp>

#include "parse/feed_parser.h"

namespace wiredesk::parse {

nlohmann::json EntryToJson(const Entry& e);
nlohmann::json ParsedFeedToJson(const ParsedFeed& f);

}  // namespace wiredesk::parse
