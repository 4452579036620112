// Fuzz target for the quote finder: any bytes give attributions whose spans lie inside the
// text, in order, with content; the stored form and the baseline survive them too.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "enrich/quotes/quote_finder.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace qt = wiredesk::enrich::quotes;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto method : {qt::QuoteMethod::kWiredesk, qt::QuoteMethod::kBaseline}) {
    const auto found = qt::FindAttributions(text, {}, {}, method);
    for (const qt::Attribution& a : found) {
      Require(!a.content.empty());
      for (const qt::TextSpan& c : a.content) Require(c.begin < c.end && c.end <= size);
      Require(a.source.begin <= a.source.end && a.source.end <= size);
      Require(a.cue.begin <= a.cue.end && a.cue.end <= size);
    }
    for (const auto& q : qt::ToQuotes(text, found)) Require(q.end <= size && !q.text.empty());
  }
  return 0;
}
