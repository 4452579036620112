// Fuzz target for TimeML reading (expat) and the time-expression tagger: any bytes give a
// document or a kParse error; expressions lie inside the text, in order; a tagged document
// reads back to the same text; the timeline built from it holds only dated sentences.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "enrich/timex/calendar.h"
#include "enrich/timex/time_expressions.h"
#include "enrich/timex/timeline.h"
#include "enrich/timex/timeml.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace tx = wiredesk::enrich::timex;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The tagger alone, on the raw bytes.
  const auto raw_found = tx::FindTimeExpressions(input, wiredesk::Instant{});
  for (const auto& x : raw_found) Require(x.begin < x.end && x.end <= input.size());

  const auto doc = tx::ReadTimeml(input);
  if (!doc.has_value()) {
    Require(doc.error().code == wiredesk::ErrorCode::kParse);
    return 0;
  }
  const auto found = tx::FindTimeExpressions(doc->text, doc->creation_time.value_or(wiredesk::Instant{}));
  size_t pos = 0;
  for (const auto& x : found) {
    Require(x.begin >= pos && x.begin < x.end && x.end <= doc->text.size());
    Require(x.sentence_begin <= x.begin && x.end <= x.sentence_end && x.sentence_end <= doc->text.size());
    Require(!x.value.empty());
    pos = x.end;
  }
  for (const auto& e : tx::BuildTimeline(1, doc->text, found)) {
    Require(tx::PeriodStart(e.when).has_value());
  }
  // A declared encoding other than UTF-8 would read our UTF-8 text back differently.
  if (input.find("encoding") != std::string_view::npos) return 0;
  const auto again = tx::ReadTimeml(tx::WriteTimeml(input, *doc, found));
  Require(again.has_value());
  Require(again->text == doc->text);
  return 0;
}
