// Background document frequencies for TF-IDF: a small table shipped with the program.
#pragma once

#include <string_view>

namespace wiredesk::enrich::tag {

struct BackgroundEntry {
  std::string_view word;
  int df;
};

// Inverse document frequency of a lower-cased word, log((N + 1) / (df + 1)) + 1, from the
// English Wikinews table (background_df.inc); a word the table lacks counts as df = 0.
// Outside English the table says little, and the result is the same for every word.
double BackgroundIdf(std::string_view lower, std::string_view language);

}  // namespace wiredesk::enrich::tag
