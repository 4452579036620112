// HTML bytes in any encoding to a read-only UTF-8 DOM: a thin RAII wrapper over myhtml.
#pragma once

#include <myhtml/api.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wiredesk::parse {

using TagId = myhtml_tag_id_t;

// A non-owning handle to one node of an HtmlDocument; valid while the document lives.
// A default Node is null: every accessor on it returns an empty value, so chains like
// node.Parent().Parent().Attr("class") never need a check in between.
class Node {
 public:
  Node() = default;
  explicit Node(myhtml_tree_node_t* node) : node_(node) {}

  explicit operator bool() const { return node_ != nullptr; }
  bool operator==(const Node& other) const = default;

  TagId Tag() const;
  // Lower-case tag name ("div"), "-text" for text nodes, "!--" for comments.
  std::string_view TagName() const;
  bool IsElement() const;
  bool IsText() const;
  bool Is(TagId tag) const { return node_ != nullptr && Tag() == tag; }

  // The attribute's value, or empty when the attribute is absent (or empty).
  std::string_view Attr(std::string_view key) const;
  bool HasAttr(std::string_view key) const;

  // A text node's (or comment's) characters, entities already decoded. Empty for elements.
  // Raw from myhtml: after a legacy decoder it may hold an ill-formed byte; TextContent()
  // repairs, so prefer it for anything shown to readers.
  std::string_view Text() const;

  Node Parent() const;
  Node FirstChild() const;
  Node LastChild() const;
  Node Next() const;
  Node Prev() const;

  // for (Node child : node.Children()) ...
  class ChildRange Children() const;

  // for (auto [key, value] : node.Attributes()) ...
  struct Attribute {
    std::string_view key;
    std::string_view value;
  };
  std::vector<Attribute> Attributes() const;
  // visit(key, value) for each attribute in source order, allocating nothing: one pass instead
  // of one Attr() scan per attribute asked for.
  template <typename Visit>
  void ForEachAttribute(Visit&& visit) const {
    if (node_ == nullptr) return;
    for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node_); a != nullptr;
         a = myhtml_attribute_next(a)) {
      size_t klen = 0;
      size_t vlen = 0;
      const char* k = myhtml_attribute_key(a, &klen);
      const char* v = myhtml_attribute_value(a, &vlen);
      visit(k ? std::string_view(k, klen) : std::string_view(),
            v ? std::string_view(v, vlen) : std::string_view());
    }
  }

  myhtml_tree_node_t* raw() const { return node_; }

  // One word a caller may keep on each node (myhtml's per-node user data), e.g. an index into
  // a side table, so that facts worked out once per node need no hash map to find again.
  // Zero until set; setting it on a null Node does nothing.
  uintptr_t Mark() const;
  void SetMark(uintptr_t mark) const;

 private:
  myhtml_tree_node_t* node_ = nullptr;
};

class ChildIterator {
 public:
  explicit ChildIterator(Node n) : n_(n) {}
  Node operator*() const { return n_; }
  ChildIterator& operator++() {
    n_ = n_.Next();
    return *this;
  }
  bool operator!=(const ChildIterator& o) const { return n_ != o.n_; }

 private:
  Node n_;
};

class ChildRange {
 public:
  explicit ChildRange(Node first) : first_(first) {}
  ChildIterator begin() const { return ChildIterator(first_); }
  ChildIterator end() const { return ChildIterator(Node()); }

 private:
  Node first_;
};

inline ChildRange Node::Children() const { return ChildRange(FirstChild()); }

// Pre-order walk of the subtree under `root` (root included), without recursion, so a hostile
// page's depth cannot overflow the stack. `visit(Node)` returns false to skip that node's
// children.
template <typename Visit>
void WalkSubtree(Node root, Visit&& visit) {
  if (!root) return;
  Node n = root;
  while (n) {
    Node child = visit(n) ? n.FirstChild() : Node();
    if (child) {
      n = child;
      continue;
    }
    while (n && n != root && !n.Next()) n = n.Parent();
    if (!n || n == root) return;
    n = n.Next();
  }
}

// All text under `node`, whitespace collapsed, always well-formed UTF-8; <script>, <style>, <noscript> and
// <template> are left out, and block-level elements break words apart.
std::string TextContent(Node node);

struct HtmlParseOptions {
  // The charset from the HTTP Content-Type header, when there was one.
  std::string_view charset;
  // Inputs above this are cut at the last tag start before it (see html_document.cc).
  size_t max_bytes = size_t{16} << 20;
  // Deeper element nesting is flattened before parsing (see html_document.cc).
  size_t max_depth = 512;
  // Big pages are mostly scripts, styles and comments, which no reader sees: above this size
  // their contents are dropped before parsing (JSON-LD scripts are kept), so the tree holds
  // the page's markup and text only.
  size_t strip_above = size_t{1} << 20;
  // What is left is then cut at the last tag start before this: myhtml's tree takes about five
  // times the bytes of a page of short paragraphs, and no article is megabytes of text.
  size_t max_markup_bytes = size_t{4} << 20;
};

class HtmlDocument {
 public:
  // Fails with kParse only when myhtml itself gives up; junk bytes still give a document.
  static Result<HtmlDocument> Parse(std::string_view bytes, const HtmlParseOptions& options = {});

  Node Document() const;
  Node Html() const;
  Node Head() const;
  Node Body() const;

  // The encoding the bytes were read as, e.g. "utf-8", "windows-1252".
  const std::string& encoding() const { return encoding_; }
  // True when the input was cut (to max_bytes, or its markup to max_markup_bytes) or its
  // nesting flattened to max_depth.
  bool truncated() const { return truncated_; }
  bool flattened() const { return flattened_; }

  // Every element with this tag, in document order.
  std::vector<Node> ElementsByTag(TagId tag) const;

 private:
  struct TreeDeleter {
    void operator()(myhtml_tree_t* tree) const;
  };
  std::unique_ptr<myhtml_tree_t, TreeDeleter> tree_;
  std::string encoding_;
  bool truncated_ = false;
  bool flattened_ = false;
};

// Exposed for tests: the encoding chosen for `bytes` (BOM, then `charset`, then <meta>, then
// detection), as myencoding's id, and the number of BOM bytes to skip.
struct EncodingChoice {
  myencoding_t encoding = MyENCODING_UTF_8;
  size_t bom_bytes = 0;
  bool valid_utf8 = false;  // the bytes after the BOM, as checked while choosing
};
EncodingChoice ChooseEncoding(std::string_view bytes, std::string_view charset);

}  // namespace wiredesk::parse
