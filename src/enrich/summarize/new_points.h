// What is new in a story's latest report: its key points less those that earlier coverage
// already made, compared by content words rather than by exact text, because a later report
// rewords a point ("killed at least 12 people" → "at least 12 people were killed").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wiredesk::enrich::summarize {

struct NewPointsOptions {
  // A point whose content-word stems are at least this share of one earlier point's stems is
  // a repeat. 0.6 keeps a point that adds a new fact to an old sentence (a rising toll, a new
  // name) and drops a reworded repeat (see new_points_test.cc).
  double max_overlap = 0.6;
};

// The points of `latest` that no point of `earlier` already covers, in their order.
// `language` picks the stemmer and stopwords (ISO 639-1 code or Snowball name).
std::vector<std::string> NewPoints(const std::vector<std::string>& latest,
                                   const std::vector<std::string>& earlier,
                                   std::string_view language = "en",
                                   NewPointsOptions options = {});

}  // namespace wiredesk::enrich::summarize
