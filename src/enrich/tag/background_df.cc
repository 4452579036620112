#include "enrich/tag/background_df.h"

#include <cmath>
#include <string>
#include <unordered_map>

#include "enrich/summarize/text_units.h"

namespace wiredesk::enrich::tag {
namespace {
#include "enrich/tag/background_df.inc"

const std::unordered_map<std::string_view, int>& Table() {
  static const auto* const kTable = [] {
    auto* t = new std::unordered_map<std::string_view, int>;
    t->reserve(std::size(kBackgroundDf));
    for (const BackgroundEntry& e : kBackgroundDf) t->emplace(e.word, e.df);
    return t;
  }();
  return *kTable;
}

}  // namespace

double BackgroundIdf(std::string_view lower, std::string_view language) {
  const double n = kBackgroundDocuments;
  if (summarize::SnowballName(language) != "english") return std::log(n + 1) + 1;
  const auto& table = Table();
  auto it = table.find(lower);
  const double df = it == table.end() ? 0 : it->second;
  return std::log((n + 1) / (df + 1)) + 1;
}

}  // namespace wiredesk::enrich::tag
