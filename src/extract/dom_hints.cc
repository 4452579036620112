#include "extract/dom_hints.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "core/text.h"

namespace wiredesk::extract {

using parse::Node;
using parse::TagId;

bool IsNonContentTag(TagId tag) {
  switch (tag) {
    case MyHTML_TAG_SCRIPT: case MyHTML_TAG_STYLE: case MyHTML_TAG_NOSCRIPT:
    case MyHTML_TAG_TEMPLATE: case MyHTML_TAG__COMMENT: case MyHTML_TAG_NAV:
    case MyHTML_TAG_FOOTER: case MyHTML_TAG_ASIDE: case MyHTML_TAG_BUTTON:
    case MyHTML_TAG_SELECT: case MyHTML_TAG_TEXTAREA: case MyHTML_TAG_INPUT:
    case MyHTML_TAG_SVG: case MyHTML_TAG_MATH: case MyHTML_TAG_IFRAME: case MyHTML_TAG_OBJECT:
    case MyHTML_TAG_EMBED: case MyHTML_TAG_CANVAS: case MyHTML_TAG_DIALOG: case MyHTML_TAG_MENU:
    case MyHTML_TAG_HEAD: case MyHTML_TAG_TITLE: case MyHTML_TAG_LINK: case MyHTML_TAG_META:
    case MyHTML_TAG_AUDIO: case MyHTML_TAG_VIDEO: case MyHTML_TAG_MAP: case MyHTML_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

bool IsHeadingTag(TagId tag) {
  return tag == MyHTML_TAG_H1 || tag == MyHTML_TAG_H2 || tag == MyHTML_TAG_H3 ||
         tag == MyHTML_TAG_H4 || tag == MyHTML_TAG_H5 || tag == MyHTML_TAG_H6;
}

bool IsBlockTag(TagId tag) {
  switch (tag) {
    case MyHTML_TAG_P: case MyHTML_TAG_DIV: case MyHTML_TAG_LI: case MyHTML_TAG_UL:
    case MyHTML_TAG_OL: case MyHTML_TAG_H1: case MyHTML_TAG_H2: case MyHTML_TAG_H3:
    case MyHTML_TAG_H4: case MyHTML_TAG_H5: case MyHTML_TAG_H6: case MyHTML_TAG_TR:
    case MyHTML_TAG_TD: case MyHTML_TAG_TH: case MyHTML_TAG_BLOCKQUOTE: case MyHTML_TAG_SECTION:
    case MyHTML_TAG_ARTICLE: case MyHTML_TAG_FIGURE: case MyHTML_TAG_FIGCAPTION:
    case MyHTML_TAG_HEADER: case MyHTML_TAG_FOOTER: case MyHTML_TAG_PRE: case MyHTML_TAG_DT:
    case MyHTML_TAG_DD: case MyHTML_TAG_DL: case MyHTML_TAG_HR: case MyHTML_TAG_TABLE:
    case MyHTML_TAG_TBODY: case MyHTML_TAG_THEAD: case MyHTML_TAG_ASIDE: case MyHTML_TAG_NAV:
    case MyHTML_TAG_MAIN: case MyHTML_TAG_FORM: case MyHTML_TAG_ADDRESS: case MyHTML_TAG_DETAILS:
    case MyHTML_TAG_CENTER: case MyHTML_TAG_FIELDSET:
      return true;
    default:
      return false;
  }
}

std::string ClassAndId(Node node) {
  std::string out = AsciiLower(node.Attr("class"));
  std::string_view id = node.Attr("id");
  if (!id.empty()) {
    out += ' ';
    out += AsciiLower(id);
  }
  return out;
}

namespace {

enum HintBit : uint32_t {
  kPositive = 1 << 0,    // ClassWeight +25
  kNegative = 1 << 1,    // ClassWeight -25
  kChromeWord = 1 << 2,  // chrome unless a content word vetoes
  kContentWord = 1 << 3, // the veto
  kRecommendation = 1 << 4,  // chrome whatever else the class says
  kDiscussionWord = 1 << 5,
  kCaptionWord = 1 << 6,
  kBylineWord = 1 << 7,
  kRelatedWord = 1 << 8,
};

struct Hint {
  std::string_view text;
  uint32_t bits;
};

// Substrings of the lower-cased "class id". The lists follow Readability.js (REGEXPS.positive,
// negative and unlikelyCandidates) minus the words that misfire on today's class names, plus
// the news-page furniture it predates (share bars, newsletter boxes, recommendation widgets).
// Recommendation networks name their widgets after the page they sit on ("taboola-<slug>-
// below-article-thumbnails"), so a content word in their class proves nothing: no veto.
constexpr Hint kSubstrings[] = {
    {"article", kPositive | kContentWord}, {"body", kPositive | kContentWord},
    {"content", kPositive | kContentWord}, {"entry", kPositive | kContentWord},
    {"hentry", kPositive}, {"main", kPositive | kContentWord}, {"page", kPositive},
    {"post", kPositive}, {"text", kPositive}, {"blog", kPositive},
    {"story", kPositive | kContentWord}, {"column", kContentWord},
    {"hidden", kNegative}, {"banner", kNegative | kChromeWord},
    {"combx", kNegative | kChromeWord}, {"comment", kNegative | kChromeWord | kDiscussionWord},
    {"com-", kNegative}, {"contact", kNegative}, {"foot", kNegative},
    {"masthead", kNegative}, {"outbrain", kNegative | kChromeWord | kRecommendation},
    {"promo", kNegative | kChromeWord}, {"related", kNegative | kChromeWord | kRelatedWord},
    {"scroll", kNegative}, {"share", kNegative | kChromeWord},
    {"shoutbox", kNegative | kChromeWord}, {"sidebar", kNegative | kChromeWord},
    {"skyscraper", kNegative | kChromeWord}, {"sponsor", kNegative | kChromeWord},
    {"shopping", kNegative}, {"tags", kNegative}, {"widget", kNegative},
    {"newsletter", kNegative | kChromeWord}, {"cookie", kNegative | kChromeWord},
    {"social", kNegative | kChromeWord}, {"recommend", kNegative | kChromeWord},
    {"most-read", kNegative | kChromeWord}, {"taboola", kNegative | kChromeWord | kRecommendation},
    {"trc_related", kRecommendation}, {"trc_rbox", kRecommendation},
    {"sponsored", kRecommendation},
    {"-ad-", kChromeWord}, {"ai2html", kChromeWord}, {"breadcrumb", kChromeWord},
    {"community", kChromeWord}, {"cover-wrap", kChromeWord},
    {"disqus", kChromeWord | kDiscussionWord}, {"extra", kChromeWord}, {"footer", kChromeWord},
    {"gdpr", kChromeWord}, {"header", kChromeWord}, {"legends", kChromeWord},
    {"menu", kChromeWord}, {"remark", kChromeWord},
    {"replies", kChromeWord | kDiscussionWord}, {"rss", kChromeWord},
    {"supplemental", kChromeWord}, {"ad-break", kChromeWord}, {"agegate", kChromeWord},
    {"pagination", kChromeWord}, {"pager", kChromeWord}, {"popup", kChromeWord},
    {"subscribe", kChromeWord}, {"mostread", kChromeWord}, {"most-popular", kChromeWord},
    {"consent", kChromeWord}, {"trending", kChromeWord}, {"signup", kChromeWord},
    {"sign-up", kChromeWord}, {"read-more", kChromeWord}, {"readmore", kChromeWord},
    {"more-stories", kChromeWord}, {"author-bio", kChromeWord}, {"authorbio", kChromeWord},
    {"author-box", kChromeWord}, {"about-author", kChromeWord}, {"author-info", kChromeWord},
    {"post-author", kChromeWord}, {"bio-box", kChromeWord}, {"next-prev", kChromeWord},
    {"prev-next", kChromeWord}, {"post-navigation", kChromeWord},
    {"navigation", kChromeWord}, {"discussion", kDiscussionWord},
    {"respond", kDiscussionWord}, {"caption", kCaptionWord}, {"byline", kBylineWord},
    {"author", kBylineWord}, {"dateline", kBylineWord}, {"writtenby", kBylineWord},
};

// Short hints only count as whole tokens (between ' ', '-', '_'): as substrings "ad" hides in
// "header", "read", "shadow", "download".
constexpr Hint kTokens[] = {
    {"ad", kNegative | kChromeWord}, {"ads", kNegative | kChromeWord}, {"meta", kNegative},
    {"nav", kNegative | kChromeWord}, {"tool", kNegative}, {"menu", kNegative},
    {"advert", kChromeWord}, {"advertisement", kChromeWord}, {"navbar", kChromeWord},
    {"hidden", kChromeWord}, {"tags", kChromeWord}, {"byline", kChromeWord},
    {"dateline", kChromeWord}, {"sr", kChromeWord}, {"visually", kChromeWord},
    {"screen", kChromeWord}, {"cta", kChromeWord},
};

// The substring hints by their first two letters: a class name is read once, and at each
// position only the few hints that start with those letters are compared.
class HintTable {
 public:
  HintTable() {
    for (const Hint& h : kSubstrings) {
      size_t key = Key(h.text[0], h.text[1]);
      buckets_[key].push_back(h);
      starts_[key / 64] |= uint64_t{1} << (key % 64);
    }
  }

  uint32_t Scan(std::string_view s) const {
    uint32_t bits = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      size_t key = Key(s[i], s[i + 1]);
      // Most letter pairs start no hint: one bit says so without touching a bucket.
      if (!(starts_[key / 64] >> (key % 64) & 1)) continue;
      for (const Hint& h : buckets_[key]) {
        if (s.size() - i >= h.text.size() && s.compare(i, h.text.size(), h.text) == 0) bits |= h.bits;
      }
    }
    return bits;
  }

 private:
  static size_t Key(char a, char b) {
    // Letters keep apart (their low five bits differ); other bytes share buckets harmlessly.
    return (static_cast<size_t>(a & 31) << 5) | static_cast<size_t>(b & 31);
  }
  static constexpr size_t kBuckets = 1024;
  std::array<std::vector<Hint>, kBuckets> buckets_;
  std::array<uint64_t, kBuckets / 64> starts_{};
};

uint32_t TokenBits(std::string_view s) {
  uint32_t bits = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '-' || s[i] == '_')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '-' && s[j] != '_') ++j;
    std::string_view tok = s.substr(i, j - i);
    if (!tok.empty() && tok.size() <= 13) {
      for (const Hint& h : kTokens) {
        if (tok == h.text) bits |= h.bits;
      }
    }
    i = j;
  }
  return bits;
}

bool IsChromeRole(std::string_view role) {
  return role == "navigation" || role == "complementary" || role == "banner" ||
         role == "contentinfo" || role == "menu" || role == "menubar" || role == "dialog" ||
         role == "alert" || role == "search";
}

}  // namespace

namespace {

// CSS frameworks' hiding classes, as whole class names: Bootstrap's "d-none" (unless a
// "d-md-block"-like class shows it again on wider screens), "sr-only", "visually-hidden".
// `cls` is lower-cased already.
bool HiddenByClass(std::string_view cls) {
  bool d_none = false;
  bool shown_again = false;
  size_t i = 0;
  while (i < cls.size()) {
    while (i < cls.size() && (cls[i] == ' ' || cls[i] == '\t' || cls[i] == '\n')) ++i;
    size_t j = i;
    while (j < cls.size() && cls[j] != ' ' && cls[j] != '\t' && cls[j] != '\n') ++j;
    std::string_view tok = cls.substr(i, j - i);
    i = j;
    if (tok.empty()) continue;
    if (tok == "d-none") d_none = true;
    if (StartsWith(tok, "d-") && tok != "d-none" && tok.find("print") == std::string_view::npos &&
        !EndsWith(tok, "-none")) {
      shown_again = true;
    }
    if (tok == "hidden" || tok == "hide" || tok == "is-hidden" || tok == "sr-only" ||
        tok == "visually-hidden" || tok == "screen-reader-text" || tok == "visuallyhidden") {
      return true;
    }
  }
  return d_none && !shown_again;
}

// An inline display:none or visibility:hidden, whatever the spacing and case.
bool HiddenByStyle(std::string_view style) {
  std::string compact;
  for (char c : style) {
    if (c != ' ' && c != '\t' && c != '\n') compact += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

}  // namespace

bool IsHidden(Node node) {
  if (node.HasAttr("hidden")) return true;
  if (node.Attr("aria-hidden") == "true") return true;
  std::string_view cls = node.Attr("class");
  if (!cls.empty() && HiddenByClass(AsciiLower(cls))) return true;
  std::string_view style = node.Attr("style");
  return !style.empty() && HiddenByStyle(style);
}

ElementHints ReadHints(Node node) {
  ElementHints h;
  std::string_view cls;
  std::string_view id;
  std::string_view style;
  bool role_chrome = false;
  // The first of repeated attributes counts, as with Node::Attr.
  bool seen_class = false, seen_id = false, seen_role = false, seen_style = false, seen_aria = false;
  node.ForEachAttribute([&](std::string_view key, std::string_view value) {
    auto first = [](bool& seen) { return !std::exchange(seen, true); };
    if (key == "class") {
      if (first(seen_class)) cls = value;
    } else if (key == "id") {
      if (first(seen_id)) id = value;
    } else if (key == "role") {
      if (first(seen_role)) role_chrome = IsChromeRole(value);
    } else if (key == "style") {
      if (first(seen_style)) style = value;
    } else if (key == "hidden") {
      h.hidden = true;
    } else if (key == "aria-hidden") {
      if (first(seen_aria) && value == "true") h.hidden = true;
    }
  });
  h.hidden = h.hidden || (!style.empty() && HiddenByStyle(style));
  if (cls.empty() && id.empty()) {
    h.chrome = role_chrome;
    return h;
  }
  // Reused, so that reading a page's thousands of class names allocates nothing.
  thread_local std::string s;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  s.resize(cls.size() + (id.empty() ? 0 : 1 + id.size()));
  std::transform(cls.begin(), cls.end(), s.begin(), lower);
  h.hidden = h.hidden || HiddenByClass(std::string_view(s).substr(0, cls.size()));
  if (!id.empty()) {
    s[cls.size()] = ' ';
    std::transform(id.begin(), id.end(), s.begin() + static_cast<ptrdiff_t>(cls.size()) + 1, lower);
  }
  static const HintTable table;
  uint32_t bits = table.Scan(s) | TokenBits(s);
  h.class_weight = ((bits & kPositive) ? 25 : 0) - ((bits & kNegative) ? 25 : 0);
  // As in Readability.js, a content word ("article", "body", "main", "column", "content")
  // vetoes: "l-sidebar-fixed l-article-body" is the story.
  h.chrome = role_chrome || (bits & kRecommendation) ||
             ((bits & kChromeWord) && !(bits & kContentWord));
  h.discussion = bits & kDiscussionWord;
  h.caption = bits & kCaptionWord;
  h.byline = bits & kBylineWord;
  h.related = bits & kRelatedWord;
  return h;
}

ElementHints HintCache::Of(Node element) {
  uintptr_t mark = element.Mark();
  if (mark != 0 && mark <= entries_.size() && entries_[mark - 1].node == element.raw()) {
    return entries_[mark - 1].hints;
  }
  entries_.push_back(Entry{element.raw(), ReadHints(element)});
  element.SetMark(entries_.size());
  return entries_.back().hints;
}

size_t CollapsedLength(std::string_view s, bool* last_was_space, size_t* commas) {
  size_t n = 0;
  size_t comma_count = 0;
  bool space = *last_was_space;  // a local, so the loop keeps it in a register
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    comma_count += c == ',';
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      n += !space;
      space = true;
      continue;
    }
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    ++n;
    space = false;
  }
  *last_was_space = space;
  if (commas != nullptr) *commas += comma_count;
  return n;
}

TextStats MeasureText(Node node) {
  TextStats stats;
  bool space = true;
  // Link text is counted by walking up from each text node to `node`: bounded by the depth cap
  // of HtmlDocument, and cheaper than keeping a stack for the usual shallow paragraphs.
  parse::WalkSubtree(node, [&](Node n) {
    TagId t = n.Tag();
    if (t == MyHTML_TAG__TEXT) {
      std::string_view text = n.Text();
      size_t len = CollapsedLength(text, &space, &stats.commas);
      stats.chars += len;
      for (Node p = n.Parent(); p; p = p.Parent()) {
        if (p.Tag() == MyHTML_TAG_A) {
          stats.link_chars += len;
          break;
        }
        if (p == node) break;
      }
      return false;
    }
    return !IsNonContentTag(t) || n == node;
  });
  return stats;
}

}  // namespace wiredesk::extract
