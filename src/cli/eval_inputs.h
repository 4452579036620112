// Readers for the labelled evaluation sets: JSON lines and the UCI News Aggregator TSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace wiredesk::cli {

// One item of a labelled set, without its label: the evaluation must not see the answer.
struct EvalItem {
  std::string id;
  std::string title;
  std::string text;
  std::string source;
  std::optional<Instant> published;
};

// Reads JSON lines (fields id, title, text, source, date; extra fields ignored) or the UCI TSV
// (ID, TITLE, URL, PUBLISHER, CATEGORY, STORY, HOSTNAME, TIMESTAMP in ms), gzipped or not.
// The format is told by the first non-blank character: '{' is JSON lines. A malformed line is
// an error naming its line number. Items come back in file order.
Result<std::vector<EvalItem>> ReadEvalItems(const std::string& path);

// The order an aggregator would have seen them: by time when every item has one (stable, so
// equal times keep file order), else file order.
void SortForStreaming(std::vector<EvalItem>& items);

}  // namespace wiredesk::cli
