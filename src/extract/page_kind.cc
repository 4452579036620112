#include "extract/page_kind.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace wiredesk::extract {

namespace {

// A locked page whose free part is at least kMinArticleChars long is kept: readers get that
// part (the benchmark scores it so too), and its metadata says the rest is for subscribers.
// A video page's text is a caption and a description.
constexpr size_t kMaxVideoPageChars = 1000;
// Pages under kMinArticleChars with this many links are lists of other pages.
constexpr size_t kMinIndexLinks = 30;

bool SaysSubscribeToRead(std::string_view text) {
  std::string lower = AsciiLower(text);
  static constexpr std::array<std::string_view, 9> kOffers = {
      "subscribe to continue", "to continue reading", "subscribe to read", "subscribers only",
      "for subscribers", "already a subscriber", "to read the full", "subscribe now to",
      "become a member to"};
  for (std::string_view o : kOffers) {
    if (lower.find(o) != std::string::npos) return true;
  }
  return false;
}

constexpr std::array<std::pair<PageKind, std::string_view>, 4> kMessages = {{
    {PageKind::kIndex, "not an article: an index of links to other pages"},
    {PageKind::kVideo, "not an article: a video page"},
    {PageKind::kPaywall, "not an article: a paywall stub (the story is for subscribers)"},
    {PageKind::kNoText, "page holds no article text"},
}};

}  // namespace

std::string_view PageKindName(PageKind kind) {
  switch (kind) {
    case PageKind::kArticle: return "article";
    case PageKind::kIndex: return "index";
    case PageKind::kVideo: return "video";
    case PageKind::kPaywall: return "paywall";
    case PageKind::kNoText: return "no-text";
  }
  return "article";
}

PageKind ClassifyPage(const PageMetadata& meta, std::string_view page_text, size_t body_chars) {
  if (body_chars < kMinArticleChars && (meta.locked || SaysSubscribeToRead(page_text))) {
    return PageKind::kPaywall;
  }
  bool says_video = StartsWith(meta.og_type, "video") || meta.video_object;
  if (body_chars < kMaxVideoPageChars && says_video && meta.video_players > 0) return PageKind::kVideo;
  if (body_chars >= kMinArticleChars) return PageKind::kArticle;
  if (says_video || meta.video_players > 0) return PageKind::kVideo;
  if (meta.body_links >= kMinIndexLinks || meta.og_type == "website") return PageKind::kIndex;
  return PageKind::kNoText;
}

Error NotAnArticle(PageKind kind, std::string context) {
  for (const auto& [k, message] : kMessages) {
    if (k == kind) return MakeError(ErrorCode::kUnsupported, std::string(message), std::move(context));
  }
  return MakeError(ErrorCode::kUnsupported, std::string(kMessages.back().second), std::move(context));
}

PageKind PageKindOf(const Error& error) {
  if (error.code != ErrorCode::kUnsupported) return PageKind::kArticle;
  for (const auto& [k, message] : kMessages) {
    if (error.message == message) return k;
  }
  return PageKind::kArticle;
}

}  // namespace wiredesk::extract
