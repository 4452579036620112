// Fuzz target for the plain-text capture reader: any bytes must give an Article or an Error,
// and an Article must keep the reader's promises (valid UTF-8, text rebuilt from blocks,
// captions kept out of the text).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/article_json.h"
#include "core/text.h"
#include "core/time.h"
#include "parse/capture_reader.h"
#include "require.h"

namespace {

using wiredesk::Article;
using wiredesk::Block;
using wiredesk::BlockKind;

// A broken promise is a finding: abort so libFuzzer (and the replay driver under ctest) stops.
using wiredesk::fuzz::Require;

size_t CountOverlapping(std::string_view hay, std::string_view needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + 1)) {
    if (++n > 1) break;
  }
  return n;
}

void CheckBlocks(const std::vector<Block>& blocks, const std::string& text) {
  Require(text == wiredesk::JoinBodyText(blocks));
  for (const Block& b : blocks) {
    Require(!b.text.empty());
    Require(b.text.find('\n') == std::string::npos);
    Require(wiredesk::IsValidUtf8(b.text) && wiredesk::IsValidUtf8(b.credit));
    if (b.kind != BlockKind::kCaption) Require(b.credit.empty());
    Require(b.credit.find('|') == std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  wiredesk::parse::CaptureOptions options;
  options.url = "https://example.com/a";
  options.captured = *wiredesk::ParseIso8601("2025-06-27T12:00:00Z");
  const wiredesk::Result<Article> result = wiredesk::parse::ReadCapture(input, options);
  if (!result.has_value()) {
    Require(result.error().code == wiredesk::ErrorCode::kParse);
    return 0;
  }
  const Article& a = *result;
  Require(a.url == options.url && a.captured == options.captured);
  Require(a.source.name.empty() && a.language.empty());
  Require(wiredesk::IsValidUtf8(a.title) && wiredesk::IsValidUtf8(a.dek) &&
          wiredesk::IsValidUtf8(a.byline));
  CheckBlocks(a.blocks, a.text);

  // Images mirror the caption blocks, in order.
  size_t img = 0;
  for (const Block& b : a.blocks) {
    if (b.kind != BlockKind::kCaption) continue;
    Require(img < a.images.size());
    Require(a.images[img].caption == b.text && a.images[img].credit == b.credit);
    Require(a.images[img].src.empty());
    ++img;
  }
  Require(img == a.images.size());

  // A caption that occurs once in the (normalised) input was taken out of it, so the text
  // cannot hold it. Repeated captions may legitimately also appear as text elsewhere.
  const std::string flat = wiredesk::CollapseWhitespace(wiredesk::parse::PrepareCaptureText(input));
  for (const Block& b : a.blocks) {
    if (b.kind == BlockKind::kCaption && CountOverlapping(flat, b.text) == 1) {
      Require(a.text.find(b.text) == std::string::npos);
    }
  }
  for (const wiredesk::RelatedItem& r : a.related) {
    CheckBlocks(r.blocks, r.text);
    Require(wiredesk::IsValidUtf8(r.source) && wiredesk::IsValidUtf8(r.title));
  }

  // The JSON serialises: nlohmann throws on ill-formed UTF-8, and nothing may throw here.
  try {
    Require(!wiredesk::ArticleToJson(a).dump().empty());
  } catch (...) {
    Require(false);
  }
  return 0;
}
