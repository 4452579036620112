// libFuzzer target: any bytes through ExtractArticle, and a successful result through the JSON
// mapping, so crashes in the DOM walk, the scorer and the serialiser all surface; then through
// the parser's big-page pre-scans.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/article_json.h"
#include "core/text.h"
#include "core/result.h"
#include "extract/article_extractor.h"
#include "parse/html_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  wiredesk::extract::PageOptions options;
  options.url = "https://example.com/news/story";
  auto article = wiredesk::extract::ExtractArticle(html, options);
  if (article) {
    std::string json = wiredesk::ArticleToJson(*article).dump();
    WD_CHECK(wiredesk::IsValidUtf8(article->text));
    WD_CHECK(!json.empty());
  }
  // The big-page path (scripts, styles and comments dropped, the markup cut) only runs above a
  // megabyte by default: run it on every input too, with tiny limits.
  auto doc = wiredesk::parse::HtmlDocument::Parse(html, {.strip_above = 0, .max_markup_bytes = 4096});
  if (doc) WD_CHECK(!doc->Body() || doc->Body().IsElement());
  return 0;
}
