#include "enrich/summarize/new_points.h"

#include <algorithm>

#include "enrich/summarize/text_units.h"

namespace wiredesk::enrich::summarize {
namespace {

// Sorted, unique content-word stems of a sentence; numbers kept whole (a new toll is news).
std::vector<std::string> ContentStems(std::string_view sentence, std::string_view language,
                                      Stemmer& stemmer) {
  std::vector<std::string> stems;
  for (const Word& w : SplitWords(sentence)) {
    if (!w.number && IsStopword(w.lower, language)) continue;
    stems.push_back(w.number ? w.lower : stemmer.Stem(w.lower));
  }
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  return stems;
}

size_t SharedCount(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t shared = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return shared;
}

}  // namespace

std::vector<std::string> NewPoints(const std::vector<std::string>& latest,
                                   const std::vector<std::string>& earlier,
                                   std::string_view language, NewPointsOptions options) {
  Stemmer stemmer(language);
  std::vector<std::vector<std::string>> seen;
  seen.reserve(earlier.size());
  for (const std::string& p : earlier) seen.push_back(ContentStems(p, language, stemmer));
  std::vector<std::string> fresh;
  for (const std::string& p : latest) {
    const std::vector<std::string> stems = ContentStems(p, language, stemmer);
    if (stems.empty()) continue;
    const bool repeat = std::any_of(seen.begin(), seen.end(), [&](const auto& old) {
      return static_cast<double>(SharedCount(stems, old)) >=
             options.max_overlap * static_cast<double>(stems.size());
    });
    if (!repeat) fresh.push_back(p);
  }
  return fresh;
}

}  // namespace wiredesk::enrich::summarize
