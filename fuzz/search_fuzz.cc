// Fuzz target for the search box: the first line is a user's query, the rest an article's
// text. Any query gives terms or a kInvalidArgument error; any text gives a snippet whose
// marks pair up and that is valid UTF-8 when the text is.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "store/search_terms.h"
#include "store/snippet.h"
#include "store/store.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nl = input.find('\n');
  const std::string_view query = input.substr(0, nl);
  const std::string_view text = nl == std::string_view::npos ? "" : input.substr(nl + 1);
  const auto terms = wiredesk::store::ParseSearchTerms(query);
  if (!terms.has_value()) {
    Require(terms.error().code == wiredesk::ErrorCode::kInvalidArgument);
    return 0;
  }
  for (const auto& t : *terms) Require(!t.text.empty() && wiredesk::IsValidUtf8(t.text));
  const wiredesk::store::SnippetMaker snippets(*terms);
  for (bool cut : {false, true}) {
    const std::string s = snippets.Make(text, cut, 1 + size % 30);
    int open = 0;
    for (char c : s) {
      if (c == wiredesk::store::kMarkOpen) Require(++open == 1);
      if (c == wiredesk::store::kMarkClose) Require(--open == 0);
    }
    Require(open == 0);
    if (wiredesk::IsValidUtf8(text)) Require(wiredesk::IsValidUtf8(s));
  }
  return 0;
}
