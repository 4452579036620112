#include "serve/accounts/comment_markdown.h"

#include <cctype>

#include <cmark.h>

#include <memory>

#include "core/text.h"
#include "core/url.h"

namespace wiredesk::serve {

namespace {

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

std::string_view Literal(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s != nullptr ? std::string_view(s) : std::string_view();
}

// http(s) with a host, else "" (javascript:, data:, relative and the like make no link).
std::string LinkTarget(cmark_node* n) {
  const char* raw = cmark_node_get_url(n);
  if (raw == nullptr) return {};
  const std::string_view url = Trim(raw);
  const std::optional<Url> u = ParseUrl(url);
  if (!u || (u->scheme != "http" && u->scheme != "https") || u->host.empty()) return {};
  // "HTTPS://x" is a valid address; the href is written with the scheme in lower case so the
  // page carries one spelling of it.
  std::string href(url);
  for (size_t i = 0; i < u->scheme.size() && i < href.size(); ++i) {
    href[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(href[i])));
  }
  return href;
}

// A paragraph directly inside an item of a tight list is written without <p>, as cmark does.
bool InTightList(cmark_node* paragraph) {
  cmark_node* item = cmark_node_parent(paragraph);
  if (item == nullptr || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
  cmark_node* list = cmark_node_parent(item);
  return list != nullptr && cmark_node_get_list_tight(list) != 0;
}

void OpenLink(std::string& out, const std::string& href) {
  out += "<a href=\"";
  AppendHtmlEscaped(out, href);
  out += "\" rel=\"nofollow ugc noopener noreferrer\">";
}

}  // namespace

std::string CommentHtml(std::string_view markdown) {
  // No CMARK_OPT_UNSAFE: cmark's own HTML writer is not used, but its parser is told the same.
  std::unique_ptr<cmark_node, NodeFree> doc(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  std::string out;
  if (!doc) return out;
  std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(doc.get()));
  // An iterator, not recursion: quotes nested thousands deep cannot exhaust the stack.
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(iter.get());
    const bool enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_PARAGRAPH:
        if (!InTightList(n)) out += enter ? "<p>" : "</p>\n";
        break;
      case CMARK_NODE_HEADING:
        out += enter ? "<p><strong>" : "</strong></p>\n";
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        out += enter ? "<blockquote>\n" : "</blockquote>\n";
        break;
      case CMARK_NODE_LIST: {
        const bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        out += enter ? (ordered ? "<ol>\n" : "<ul>\n") : (ordered ? "</ol>\n" : "</ul>\n");
        break;
      }
      case CMARK_NODE_ITEM:
        out += enter ? "<li>" : "</li>\n";
        break;
      case CMARK_NODE_CODE_BLOCK:
        out += "<pre><code>";
        AppendHtmlEscaped(out, Literal(n));
        out += "</code></pre>\n";
        break;
      case CMARK_NODE_HTML_BLOCK:
        // Raw HTML is off: what was typed is shown, as text.
        out += "<p>";
        AppendHtmlEscaped(out, Trim(Literal(n)));
        out += "</p>\n";
        break;
      case CMARK_NODE_THEMATIC_BREAK:
        out += "<hr>\n";
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE:
        AppendHtmlEscaped(out, Literal(n));
        break;
      case CMARK_NODE_CODE:
        out += "<code>";
        AppendHtmlEscaped(out, Literal(n));
        out += "</code>";
        break;
      case CMARK_NODE_SOFTBREAK:
        out += "\n";
        break;
      case CMARK_NODE_LINEBREAK:
        out += "<br>\n";
        break;
      case CMARK_NODE_EMPH:
        out += enter ? "<em>" : "</em>";
        break;
      case CMARK_NODE_STRONG:
        out += enter ? "<strong>" : "</strong>";
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        // An image is shown as a link to it: no pictures from elsewhere on the page.
        const std::string href = LinkTarget(n);
        if (href.empty()) break;  // its text stays, unlinked
        if (enter) {
          OpenLink(out, href);
        } else {
          out += "</a>";
        }
        break;
      }
      default:
        break;  // document, custom nodes: their children are written
    }
  }
  return out;
}

}  // namespace wiredesk::serve
