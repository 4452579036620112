#include "enrich/timex/timeline.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "enrich/timex/calendar.h"

namespace wiredesk::enrich::timex {
namespace {

struct Keyed {
  Instant starts;
  int64_t span = 1;
  size_t order = 0;
  DatedEvent event;
};

void SortKeyed(std::vector<Keyed>& keyed) {
  std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.starts != b.starts) return a.starts < b.starts;
    if (a.span != b.span) return a.span < b.span;
    return a.order < b.order;
  });
}

}  // namespace

std::vector<DatedEvent> BuildTimeline(int64_t article_id, std::string_view text,
                                      const std::vector<TimeExpression>& expressions) {
  std::vector<Keyed> keyed;
  size_t i = 0;
  while (i < expressions.size()) {
    // The expressions of one sentence are adjacent: pick its most precise date.
    size_t j = i;
    const TimeExpression* best = nullptr;
    int64_t best_span = 0;
    Instant best_start{};
    for (; j < expressions.size() && expressions[j].sentence_begin == expressions[i].sentence_begin;
         ++j) {
      const TimeExpression& x = expressions[j];
      if (x.type != TimexType::kDate && x.type != TimexType::kTime) continue;
      int64_t span = 0;
      const auto start = PeriodStart(x.value, &span);
      if (!start) continue;
      if (best == nullptr || span < best_span) {
        best = &x;
        best_span = span;
        best_start = *start;
      }
    }
    if (best != nullptr && best->sentence_end <= text.size() &&
        best->sentence_begin <= best->sentence_end) {
      DatedEvent e;
      e.article_id = article_id;
      e.when = best->value;
      e.starts = best_start;
      e.expression = best->text;
      e.sentence = std::string(
          text.substr(best->sentence_begin, best->sentence_end - best->sentence_begin));
      keyed.push_back(Keyed{best_start, best_span, keyed.size(), std::move(e)});
    }
    i = j;
  }
  SortKeyed(keyed);
  std::vector<DatedEvent> out;
  out.reserve(keyed.size());
  for (Keyed& k : keyed) out.push_back(std::move(k.event));
  return out;
}

std::vector<DatedEvent> MergeTimelines(const std::vector<std::vector<DatedEvent>>& timelines) {
  std::vector<Keyed> keyed;
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auto& timeline : timelines) {
    for (const DatedEvent& e : timeline) {
      if (!seen.insert({e.when, e.sentence}).second) continue;
      int64_t span = 1;
      PeriodStart(e.when, &span);
      keyed.push_back(Keyed{e.starts, span, keyed.size(), e});
    }
  }
  SortKeyed(keyed);
  std::vector<DatedEvent> out;
  out.reserve(keyed.size());
  for (Keyed& k : keyed) out.push_back(std::move(k.event));
  return out;
}

}  // namespace wiredesk::enrich::timex
