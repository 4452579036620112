// Fuzz target for readers' comment Markdown: any bytes give HTML in which nothing typed became
// markup of its own: no tag outside the subset, no attribute but a link's href and rel, no
// link that is not http(s).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "serve/accounts/comment_markdown.h"
#include "require.h"

namespace {

using wiredesk::fuzz::Require;

bool StartsWithAt(std::string_view s, size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string html = wiredesk::serve::CommentHtml(input);
  static constexpr std::string_view kAllowed[] = {
      "<p>", "</p>", "<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>", "<pre>",
      "</pre>", "<blockquote>", "</blockquote>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>",
      "</li>", "<br>", "<hr>", "</a>", "<a href=\"http"};
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    bool ok = false;
    for (std::string_view tag : kAllowed) ok = ok || StartsWithAt(html, at, tag);
    Require(ok);
    if (StartsWithAt(html, at, "<a href=\"http")) {
      // The href value holds no quote (escaped), then only the rel attribute follows.
      const size_t close = html.find('"', at + 9);
      Require(close != std::string::npos);
      Require(StartsWithAt(html, close, "\" rel=\"nofollow ugc noopener noreferrer\">"));
    }
  }
  return 0;
}
