#include "extract/block_builder.h"

#include <cstdlib>

#include "core/text.h"
#include "core/url.h"
#include "extract/caption_credit.h"
#include "extract/dom_hints.h"

namespace wiredesk::extract {

using parse::Node;
using parse::TagId;

namespace {

// A text node that is only a colour swatch ("██" in a coloured span beside a party's result).
bool IsColourSwatch(std::string_view text) {
  return !text.empty() && SkipColourSwatch(text).empty();
}

// Below the parser's depth cap (512, plus elements the pre-scan does not count), so the
// recursion is bounded even on hostile input.
constexpr int kMaxDepth = 1200;
// Lists mostly made of links are navigation or "related" teasers, not article lists.
constexpr double kMaxListLinkDensity = 0.5;
// Paragraphs mostly made of links are "see also" strips between the article's paragraphs.
constexpr double kMaxParagraphLinkDensity = 0.6;
// The longest long reads are a few hundred kilobytes; past this a "body" is a data dump, and
// keeping it would only cost memory in every later stage.
constexpr size_t kMaxBodyBytes = size_t{1} << 20;

bool ContainsTag(Node root, TagId tag) {
  bool found = false;
  parse::WalkSubtree(root, [&](Node n) {
    if (found) return false;
    if (n.Tag() == tag) found = true;
    return !found;
  });
  return found;
}

bool ContainsBlock(Node root) {
  bool found = false;
  parse::WalkSubtree(root, [&](Node n) {
    if (found) return false;
    if (n != root && (IsBlockTag(n.Tag()) || n.Is(MyHTML_TAG_IMG))) found = true;
    return !found;
  });
  return found;
}

bool IsPlaceholderSrc(std::string_view src) {
  if (src.empty() || StartsWith(src, "data:") || StartsWith(src, "about:") ||
      StartsWith(src, "javascript:")) {
    return true;
  }
  std::string lower = AsciiLower(src);
  return lower.find("blank.gif") != std::string::npos ||
         lower.find("spacer.gif") != std::string::npos ||
         lower.find("pixel.gif") != std::string::npos ||
         lower.find("placeholder") != std::string::npos ||
         lower.find("lazy-load") != std::string::npos;
}

// The widest candidate of a srcset ("a.jpg 480w, b.jpg 1024w" -> "b.jpg").
std::string_view BestFromSrcset(std::string_view srcset) {
  std::string_view best;
  double best_w = -1;
  size_t i = 0;
  while (i < srcset.size()) {
    while (i < srcset.size() &&
           (srcset[i] == ' ' || srcset[i] == ',' || srcset[i] == '\n' || srcset[i] == '\t')) {
      ++i;
    }
    size_t url_begin = i;
    while (i < srcset.size() && srcset[i] != ' ' && srcset[i] != '\n' && srcset[i] != '\t') ++i;
    std::string_view url = srcset.substr(url_begin, i - url_begin);
    // A URL may itself end in ',' when no descriptor follows.
    bool ended = !url.empty() && url.back() == ',';
    if (ended) url.remove_suffix(1);
    double w = 0;
    if (!ended) {
      while (i < srcset.size() && srcset[i] == ' ') ++i;
      size_t d_begin = i;
      while (i < srcset.size() && srcset[i] != ',') ++i;
      std::string desc(Trim(srcset.substr(d_begin, i - d_begin)));
      if (!desc.empty()) w = std::strtod(desc.c_str(), nullptr);
      if (!desc.empty() && desc.back() == 'x') w *= 1000;  // density: rank after widths alike
    }
    if (!url.empty() && w > best_w) {
      best = url;
      best_w = w;
    }
  }
  return best;
}

bool IsInlineTag(TagId t) {
  switch (t) {
    case MyHTML_TAG_A:
    case MyHTML_TAG_SPAN:
    case MyHTML_TAG_EM:
    case MyHTML_TAG_STRONG:
    case MyHTML_TAG_B:
    case MyHTML_TAG_I:
    case MyHTML_TAG_U:
    case MyHTML_TAG_SMALL:
    case MyHTML_TAG_SUP:
    case MyHTML_TAG_SUB:
    case MyHTML_TAG_ABBR:
    case MyHTML_TAG_TIME:
    case MyHTML_TAG_MARK:
    case MyHTML_TAG_CODE:
    case MyHTML_TAG_Q:
    case MyHTML_TAG_CITE:
    case MyHTML_TAG_FONT:
    case MyHTML_TAG_S:
    case MyHTML_TAG_DEL:
    case MyHTML_TAG_INS:
    case MyHTML_TAG_BR:
    case MyHTML_TAG_BIG:
    case MyHTML_TAG_TT:
    case MyHTML_TAG_VAR:
    case MyHTML_TAG_KBD:
    case MyHTML_TAG_SAMP:
    case MyHTML_TAG_DFN:
    case MyHTML_TAG_BDI:
    case MyHTML_TAG_BDO:
    case MyHTML_TAG_WBR:
    case MyHTML_TAG_STRIKE:
    case MyHTML_TAG__TEXT:
      return true;
    default:
      return false;
  }
}

class Builder {
 public:
  Builder(std::string_view base_url, HintCache& hints) : base_url_(base_url), hints_(hints) {}

  void AddRoot(Node root) {
    if (full_) return;
    TextStats stats = MeasureText(root);
    root_prose_ = stats.chars - stats.link_chars;
    if (!Skip(root)) VisitNode(root, 0);
    FlushInline();
  }

  ArticleBody Take() { return std::move(body_); }

 private:
  void Emit(BlockKind kind, std::string text, std::string credit = {}) {
    if ((text.empty() && credit.empty()) || full_) return;
    body_bytes_ += text.size() + credit.size();
    full_ = body_bytes_ > kMaxBodyBytes;
    body_.blocks.push_back(Block{kind, std::move(text), std::move(credit)});
  }

  void FlushInline() {
    double density = inline_.empty() ? 0.0 : double(inline_links_) / double(inline_.size());
    std::string text = CollapseWhitespace(inline_);
    if (!IsValidUtf8(text)) text = RepairUtf8(text);
    inline_.clear();
    inline_links_ = 0;
    EmitProse(BlockKind::kParagraph, std::move(text), density);
  }

  bool Skip(Node n) {
    if (!n.IsElement()) return !n.IsText();
    if (IsNonContentTag(n.Tag())) return true;
    ElementHints hints = hints_.Of(n);
    if (hints.hidden) return true;
    if (!hints.chrome) return false;
    // As in the scorer: a chrome-looking class on what holds most of the text is a wrapper.
    if (hints.discussion) return true;
    TextStats stats = MeasureText(n);
    return (stats.chars - stats.link_chars) * 2 < root_prose_ || root_prose_ == 0;
  }

  void AddImage(Node img, std::string caption = {}, std::string credit = {}) {
    std::string src = ImageSource(img, base_url_);
    if (src.empty()) return;
    std::string_view w = img.Attr("width");
    std::string_view h = img.Attr("height");
    // Tracking pixels and icons.
    if ((!w.empty() && std::atoi(std::string(w).c_str()) > 0 &&
         std::atoi(std::string(w).c_str()) < 50) ||
        (!h.empty() && std::atoi(std::string(h).c_str()) > 0 &&
         std::atoi(std::string(h).c_str()) < 50)) {
      return;
    }
    for (const Image& existing : body_.images) {
      if (existing.src == src) return;
    }
    body_.images.push_back(Image{std::move(src), std::move(caption), std::move(credit)});
  }

  void ImagesIn(Node root, const CaptionParts& caption) {
    parse::WalkSubtree(root, [&](Node n) {
      if (n.Is(MyHTML_TAG_IMG)) AddImage(n, caption.text, caption.credit);
      return n == root || !Skip(n);
    });
  }

  // A <figure> or caption-classed wrapper: images plus one caption block.
  void Figure(Node fig) {
    Node caption;
    parse::WalkSubtree(fig, [&](Node n) {
      if (caption) return false;
      if (n != fig && (n.Is(MyHTML_TAG_FIGCAPTION) || IsCaption(n))) {
        caption = n;
        return false;
      }
      return true;
    });
    CaptionParts parts;
    if (caption) parts = ReadCaption(caption);
    ImagesIn(fig, parts);
    if (!parts.text.empty() || !parts.credit.empty()) {
      Emit(BlockKind::kCaption, parts.text, parts.credit);
    }
  }

  // The text of an element's inline content, as a reader sees it: hidden and non-content
  // elements left out, images collected, and captions (a credit <span class="caption"> inside
  // a <p>, a photo inside an inline wrapper) set aside as caption blocks of their own instead
  // of running into the prose. Chrome classes are not judged here: inside a sentence a link
  // classed "related-link" is still words of the sentence.
  struct InlineText {
    std::string text;
    size_t link_bytes = 0;
  };
  void GatherInline(Node root, InlineText& out) {
    std::vector<std::pair<Node, bool>> stack;  // node, inside a link
    for (Node c = root.LastChild(); c; c = c.Prev()) stack.emplace_back(c, root.Is(MyHTML_TAG_A));
    while (!stack.empty()) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
      Node n = stack.back().first;
      bool in_link = stack.back().second;
      stack.pop_back();
      if (!n) {
        out.text += ' ';
        continue;
      }
      TagId t = n.Tag();
      if (t == MyHTML_TAG__TEXT) {
        std::string_view text = n.Text();
        if (IsColourSwatch(text)) continue;
        out.text += text;
        if (in_link) out.link_bytes += text.size();
        continue;
      }
      if (!n.IsElement() || IsNonContentTag(t) || hints_.Of(n).hidden) continue;
      if (t == MyHTML_TAG_IMG) {
        AddImage(n);
        continue;
      }
      if (t == MyHTML_TAG_FIGURE || t == MyHTML_TAG_FIGCAPTION || IsCaption(n)) {
        CaptionParts parts;
        if (t == MyHTML_TAG_FIGURE) {
          Node caption;
          parse::WalkSubtree(n, [&](Node d) {
            if (caption) return false;
            if (d != n && (d.Is(MyHTML_TAG_FIGCAPTION) || IsCaption(d))) caption = d;
            return !caption;
          });
          if (caption) parts = ReadCaption(caption);
          ImagesIn(n, parts);
        } else {
          parts = ReadCaption(n);
          if (ContainsTag(n, MyHTML_TAG_IMG)) ImagesIn(n, parts);
        }
        if (!parts.text.empty() || !parts.credit.empty())
          pending_captions_.push_back(std::move(parts));
        continue;
      }
      if (t == MyHTML_TAG_BR || IsBlockTag(t)) out.text += ' ';
      bool link = in_link || t == MyHTML_TAG_A;
      // A null node is the end of a block: words after it must not run into its last one.
      if (t == MyHTML_TAG_BR || IsBlockTag(t)) stack.emplace_back(Node(), false);
      for (Node c = n.LastChild(); c; c = c.Prev()) stack.emplace_back(c, link);
    }
  }

  // Text, whitespace collapsed and well-formed, of an element's inline content.
  std::string InlineOf(Node n, double* link_density = nullptr) {
    InlineText gathered;
    GatherInline(n, gathered);
    std::string text = CollapseWhitespace(gathered.text);
    if (!IsValidUtf8(text)) text = RepairUtf8(text);
    if (link_density != nullptr) {
      *link_density =
          gathered.text.empty() ? 0.0 : double(gathered.link_bytes) / double(gathered.text.size());
    }
    return text;
  }

  void EmitPendingCaptions() {
    for (CaptionParts& parts : pending_captions_) {
      Emit(BlockKind::kCaption, std::move(parts.text), std::move(parts.credit));
    }
    pending_captions_.clear();
  }

  // A paragraph that is mostly links ("SEE MORE: <a>…</a> | <a>…</a>") is a teaser strip.
  void EmitProse(BlockKind kind, std::string text, double link_density) {
    if (link_density <= kMaxParagraphLinkDensity) Emit(kind, std::move(text));
    EmitPendingCaptions();
  }

  void List(Node list) {
    TextStats stats = MeasureText(list);
    if (stats.chars == 0 || stats.LinkDensity() > kMaxListLinkDensity) {
      // A gallery is a list too: keep its images and captions.
      if (ContainsTag(list, MyHTML_TAG_IMG)) {
        InlineOf(list);
        EmitPendingCaptions();
      }
      return;
    }
    std::string items;
    for (Node li : list.Children()) {
      if (!li.IsElement() || Skip(li)) continue;
      std::string text = InlineOf(li);
      if (text.empty()) continue;
      if (!items.empty()) items += '\n';
      items += text;
    }
    Emit(BlockKind::kList, std::move(items));
    EmitPendingCaptions();
  }

  void Visit(Node n, int depth) {
    if (depth > kMaxDepth) return;
    for (Node child : n.Children()) {
      if (full_) return;
      if (!Skip(child)) VisitNode(child, depth);
    }
  }

  void VisitNode(Node child, int depth) {
    TagId t = child.Tag();
    if (IsInlineTag(t) && (t == MyHTML_TAG__TEXT || !ContainsBlock(child))) {
      if (t == MyHTML_TAG__TEXT) {
        if (!IsColourSwatch(child.Text())) inline_ += child.Text();
        return;
      }
      if (IsCaption(child)) {
        FlushInline();
        CaptionParts parts = ReadCaption(child);
        Emit(BlockKind::kCaption, parts.text, parts.credit);
        return;
      }
      InlineText gathered;
      GatherInline(child, gathered);
      inline_ += ' ';
      inline_ += gathered.text;
      inline_ += ' ';
      if (child.Is(MyHTML_TAG_A)) {
        inline_links_ += gathered.text.size();
      } else {
        inline_links_ += gathered.link_bytes;
      }
      return;
    }
    FlushInline();
    switch (t) {
      case MyHTML_TAG_P: {
        if (IsCaption(child)) {
          CaptionParts parts = ReadCaption(child);
          Emit(BlockKind::kCaption, parts.text, parts.credit);
          break;
        }
        double density = 0;
        std::string text = InlineOf(child, &density);
        EmitProse(BlockKind::kParagraph, std::move(text), density);
        break;
      }
      case MyHTML_TAG_H1:
      case MyHTML_TAG_H2:
      case MyHTML_TAG_H3:
      case MyHTML_TAG_H4:
      case MyHTML_TAG_H5:
      case MyHTML_TAG_H6: {
        double density = 0;
        std::string text = InlineOf(child, &density);
        // A heading that is a link is a teaser's title, not a subheading of this article.
        EmitProse(BlockKind::kHeading, std::move(text), density > 0.5 ? 1.0 : 0.0);
        break;
      }
      case MyHTML_TAG_BLOCKQUOTE:
        Emit(BlockKind::kQuote, InlineOf(child));
        EmitPendingCaptions();
        break;
      case MyHTML_TAG_UL:
      case MyHTML_TAG_OL:
        List(child);
        break;
      case MyHTML_TAG_FIGURE:
        Figure(child);
        break;
      case MyHTML_TAG_FIGCAPTION: {
        CaptionParts parts = ReadCaption(child);
        Emit(BlockKind::kCaption, parts.text, parts.credit);
        break;
      }
      case MyHTML_TAG_IMG:
        AddImage(child);
        break;
      case MyHTML_TAG_PRE:
        Emit(BlockKind::kParagraph, parse::TextContent(child));
        break;
      case MyHTML_TAG_HR:
        break;
      default: {
        if (IsCaption(child)) {
          if (ContainsTag(child, MyHTML_TAG_IMG)) {
            Figure(child);
          } else {
            CaptionParts parts = ReadCaption(child);
            if (!body_.images.empty() && body_.images.back().caption.empty()) {
              body_.images.back().caption = parts.text;
              body_.images.back().credit = parts.credit;
            }
            Emit(BlockKind::kCaption, parts.text, parts.credit);
          }
          break;
        }
        Visit(child, depth + 1);
        FlushInline();
        break;
      }
    }
  }

  bool IsCaption(Node n) { return hints_.Of(n).caption; }

  std::string base_url_;
  HintCache& hints_;
  size_t root_prose_ = 0;  // text outside links in the current root
  size_t body_bytes_ = 0;
  bool full_ = false;  // kMaxBodyBytes reached: the rest of the page is not read
  std::string inline_;
  size_t inline_links_ = 0;  // bytes of inline_ inside links
  std::vector<CaptionParts> pending_captions_;
  ArticleBody body_;
};

}  // namespace

std::string ImageSource(Node img, std::string_view base_url) {
  std::string_view src = Trim(img.Attr("src"));
  // Lazy loaders keep the real address in a data attribute and a placeholder in src.
  for (std::string_view attr : {"data-src", "data-lazy-src", "data-original", "data-url",
                                "data-hi-res-src", "data-full-src"}) {
    std::string_view v = Trim(img.Attr(attr));
    if (!v.empty() && !IsPlaceholderSrc(v)) {
      src = v;
      break;
    }
  }
  if (IsPlaceholderSrc(src)) {
    std::string_view srcset = img.Attr("srcset");
    if (srcset.empty()) srcset = img.Attr("data-srcset");
    if (srcset.empty() && img.Parent().TagName() == "picture") {
      for (Node s : img.Parent().Children()) {
        if (s.Is(MyHTML_TAG_SOURCE) && !s.Attr("srcset").empty()) {
          srcset = s.Attr("srcset");
          break;
        }
      }
    }
    src = BestFromSrcset(srcset);
  }
  if (IsPlaceholderSrc(src)) return {};
  std::string resolved = ResolveUrl(base_url, src);
  auto url = ParseUrl(resolved);
  if (!url || (url->scheme != "http" && url->scheme != "https")) return {};
  return url->ToString();
}

ArticleBody BuildBlocks(const std::vector<Node>& roots, std::string_view base_url,
                        HintCache& hints) {
  Builder builder(base_url, hints);
  for (Node root : roots) builder.AddRoot(root);
  return builder.Take();
}

}  // namespace wiredesk::extract
