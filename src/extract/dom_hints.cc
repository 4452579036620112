#include "extract/dom_hints.h"

#include <array>

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

bool ContainsAny(std::string_view hay, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (hay.find(n) != std::string_view::npos) return true;
  }
  return false;
}

// Short hints ("ad", "ads") only count as whole tokens: as substrings they hide in "header",
// "read", "shadow", "download".
bool HasToken(std::string_view s, std::initializer_list<std::string_view> tokens) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '-' || s[i] == '_')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '-' && s[j] != '_') ++j;
    std::string_view tok = s.substr(i, j - i);
    for (std::string_view t : tokens) {
      if (tok == t) return true;
    }
    i = j;
  }
  return false;
}

}  // namespace

int ClassWeight(std::string_view s) {
  if (s.empty()) return 0;
  int weight = 0;
  // The hint lists follow Readability.js (REGEXPS.positive / negative), minus the ones that
  // misfire on today's class names.
  if (ContainsAny(s, {"article", "body", "content", "entry", "hentry", "main", "page", "post",
                      "text", "blog", "story"})) {
    weight += 25;
  }
  if (ContainsAny(s, {"hidden", "banner", "combx", "comment", "com-", "contact", "foot",
                      "masthead", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
                      "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
                      "newsletter", "cookie", "social", "recommend", "most-read", "taboola"}) ||
      HasToken(s, {"ad", "ads", "meta", "nav", "tool", "menu"})) {
    weight -= 25;
  }
  return weight;
}

bool IsChrome(Node node, std::string_view s) {
  std::string_view role = node.Attr("role");
  if (role == "navigation" || role == "complementary" || role == "banner" ||
      role == "contentinfo" || role == "menu" || role == "menubar" || role == "dialog" ||
      role == "alert" || role == "search") {
    return true;
  }
  if (s.empty()) return false;
  // Recommendation networks name their widgets after the page they sit on ("taboola-<slug>-
  // below-article-thumbnails"), so a content word in their class proves nothing: no veto.
  if (ContainsAny(s, {"taboola", "outbrain", "trc_related", "trc_rbox", "sponsored"})) return true;
  // Readability.js's unlikelyCandidates, plus the news-page furniture it predates (share bars,
  // newsletter boxes, recommendation widgets). As there, a content word ("article", "body",
  // "main", "column", "content") vetoes: "l-sidebar-fixed l-article-body" is the story.
  bool chrome = ContainsAny(s, {"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
                                "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
                                "header", "legends", "menu", "related", "remark", "replies",
                                "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
                                "supplemental", "ad-break", "agegate", "pagination", "pager",
                                "popup", "share", "newsletter", "subscribe", "promo",
                                "recommend", "most-read", "mostread", "most-popular",
                                "outbrain", "taboola", "cookie", "consent", "trending",
                                "signup", "sign-up", "read-more", "readmore", "more-stories",
                                "author-bio", "authorbio", "author-box", "about-author",
                                "author-info", "post-author", "bio-box", "next-prev",
                                "prev-next", "post-navigation", "navigation"}) ||
                HasToken(s, {"ad", "ads", "advert", "advertisement", "nav", "navbar", "hidden",
                             "tags", "byline", "dateline", "sr", "visually", "screen", "cta"});
  if (!chrome) return false;
  return !ContainsAny(s, {"article", "body", "column", "content", "main", "story", "entry"});
}

bool IsDiscussion(std::string_view s) {
  return ContainsAny(s, {"comment", "disqus", "replies", "discussion", "respond"});
}

namespace {

// CSS frameworks' hiding classes, as whole class names: Bootstrap's "d-none" (unless a
// "d-md-block"-like class shows it again on wider screens), "sr-only", "visually-hidden".
bool HiddenByClass(std::string_view cls) {
  if (cls.empty()) return false;
  bool d_none = false;
  bool shown_again = false;
  size_t i = 0;
  while (i < cls.size()) {
    while (i < cls.size() && (cls[i] == ' ' || cls[i] == '\t' || cls[i] == '\n')) ++i;
    size_t j = i;
    while (j < cls.size() && cls[j] != ' ' && cls[j] != '\t' && cls[j] != '\n') ++j;
    std::string tok = AsciiLower(cls.substr(i, j - i));
    i = j;
    if (tok == "d-none") d_none = true;
    if (StartsWith(tok, "d-") && tok != "d-none" && tok.find("print") == std::string::npos &&
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

}  // namespace

bool IsHidden(Node node) {
  if (node.HasAttr("hidden")) return true;
  if (node.Attr("aria-hidden") == "true") return true;
  if (HiddenByClass(node.Attr("class"))) return true;
  std::string_view style = node.Attr("style");
  if (style.empty()) return false;
  std::string s = AsciiLower(style);
  std::string compact;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n') compact += c;
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

size_t CollapsedLength(std::string_view s, bool* last_was_space) {
  size_t n = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!*last_was_space) {
        ++n;
        *last_was_space = true;
      }
      continue;
    }
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    ++n;
    *last_was_space = false;
  }
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
      size_t len = CollapsedLength(text, &space);
      stats.chars += len;
      for (char c : text) stats.commas += c == ',';
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
