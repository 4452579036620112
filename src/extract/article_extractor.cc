#include "extract/article_extractor.h"

#include <array>
#include <cstdint>

#include "core/text.h"
#include "core/url.h"
#include "extract/block_builder.h"
#include "extract/content_scorer.h"
#include "extract/metadata_reader.h"
#include "extract/page_kind.h"
#include "extract/sanitizer.h"
#include "parse/html_document.h"

namespace wiredesk::extract {

namespace {

// What the binary check reads: enough to judge, little enough to stay cheap on 50 MB.
constexpr size_t kSniffBytes = 64 * 1024;
// A longer "headline" is a heading that swallowed the page (an <h1> left open) or a hostile
// one; shown whole it would fill every list and feed the article is in. As the capture reader
// does with an over-long first line, its first words stand in.
constexpr size_t kMaxTitleBytes = 400;
constexpr size_t kCutTitleChars = 120;

// HTML is text. Bytes that no text encoding produces (C0 controls other than whitespace) or
// that break UTF-8 in bulk mean an image, an archive or random junk was handed in.
bool LooksBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, kSniffBytes);
  if (head.empty()) return false;
  // UTF-16 pages are full of NULs; their BOM or "<\0" start tells them apart.
  if (StartsWith(head, "\xFF\xFE") || StartsWith(head, "\xFE\xFF") ||
      StartsWith(head, std::string_view("<\0", 2)) || StartsWith(head, std::string_view("\0<", 2))) {
    return false;
  }
  // Read for every page: a table and no branches, so it costs little beside the parse.
  static constexpr auto kControl = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = c != '\n' && c != '\r' && c != '\t' && c != '\f';
    t[0x7F] = 1;
    return t;
  }();
  size_t controls = 0;
  size_t high = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    controls += kControl[c];
    high += c >> 7;
  }
  if (controls * 20 > head.size()) return true;  // over 5%
  // Legacy single-byte pages have a few high bytes per line; junk has half of them.
  if (high * 5 <= head.size() || IsValidUtf8(head)) return false;
  bool has_tag = head.find('<') != std::string_view::npos;
  return !has_tag || high * 5 > head.size() * 2;
}

// True when a block's text had to be repaired.
bool RepairAll(Article& a) {
  auto fix = [](std::string& s) {
    if (IsValidUtf8(s)) return false;
    s = RepairUtf8(s);
    return true;
  };
  // Text built before this point too: myhtml's legacy decoders can let a raw byte through
  // (found by fuzzing: fuzz/corpus/html_extract_fuzz/crash-raw-byte-in-body-text.html). URLs
  // keep an href's non-ASCII bytes as they came.
  fix(a.canonical_url);
  fix(a.source.url);
  fix(a.language);
  fix(a.title);
  fix(a.dek);
  fix(a.byline);
  fix(a.source.name);
  fix(a.rights);
  bool body_repaired = false;
  for (Block& b : a.blocks) {
    body_repaired = fix(b.text) || body_repaired;
    fix(b.credit);
  }
  for (Image& i : a.images) {
    fix(i.src);
    fix(i.caption);
    fix(i.credit);
  }
  return body_repaired;
}

}  // namespace

Result<Article> ExtractArticle(std::string_view html, const PageOptions& options) {
  if (LooksBinary(html)) {
    return Fail(ErrorCode::kParse, "input is not HTML (binary bytes)", options.url);
  }
  auto doc = parse::HtmlDocument::Parse(html, {.charset = options.charset});
  if (!doc) return Fail(doc.error());

  HintCache hints;
  PageMetadata meta = ReadMetadata(*doc, options.url, hints);
  std::vector<parse::Node> roots = FindContentRoots(*doc, hints);
  if (roots.empty()) {
    PageKind kind = ClassifyPage(meta, parse::TextContent(doc->Body()), 0);
    return Fail(NotAnArticle(kind == PageKind::kArticle ? PageKind::kNoText : kind, options.url));
  }
  ArticleBody body = BuildBlocks(roots, meta.base_url, hints);
  Sanitize(body, meta);

  Article a;
  a.url = options.url;
  a.captured = options.captured;
  a.canonical_url = meta.canonical_url;
  a.title = meta.title.empty() ? meta.h1 : meta.title;
  if (a.title.size() > kMaxTitleBytes) a.title = TruncateWords(a.title, kCutTitleChars);
  a.byline = meta.byline;
  a.published = meta.published;
  a.language = meta.language;
  a.rights = meta.rights;
  a.blocks = std::move(body.blocks);
  a.images = std::move(body.images);
  a.text = JoinBodyText(a.blocks);
  size_t chars = Utf8Length(a.text);
  // Short: the page's own text, for an offer to subscribe that the cleanup took out.
  std::string page_text = chars < kMinArticleChars ? parse::TextContent(doc->Body()) : std::string();
  if (PageKind kind = ClassifyPage(meta, chars < kMinArticleChars ? page_text : a.text, chars);
      kind != PageKind::kArticle) {
    return Fail(NotAnArticle(kind, options.url));
  }
  std::string_view first_paragraph;
  for (const Block& b : a.blocks) {
    if (b.kind == BlockKind::kParagraph) {
      first_paragraph = b.text;
      break;
    }
  }
  if (!DekRepeatsFirstParagraph(meta.dek, first_paragraph)) a.dek = meta.dek;

  const std::string& identity = a.IdentityUrl();
  a.source.name = meta.site_name.empty() ? DisplayHost(identity) : meta.site_name;
  if (auto url = ParseUrl(identity)) a.source.url = url->Origin() + "/";
  // The body text is the blocks' text joined: joined again only when a block was repaired.
  if (RepairAll(a)) a.text = JoinBodyText(a.blocks);
  return a;
}

}  // namespace wiredesk::extract
