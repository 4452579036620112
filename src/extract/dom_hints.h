// What an element's tag, class, id, role and style say about it: content, chrome, or hidden.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parse/html_document.h"

namespace wiredesk::extract {

// Elements whose text is never article text (scripts, forms' controls, navigation, embeds).
bool IsNonContentTag(parse::TagId tag);
// Block-level tags: they end an inline run of text.
bool IsBlockTag(parse::TagId tag);
bool IsHeadingTag(parse::TagId tag);

// Lower-cased "class id" of an element (for the rare callers that read it themselves).
std::string ClassAndId(parse::Node node);

// What one element's class, id, role and hidden state say. Worked out in one pass over its
// lower-cased "class id": the ~120 hint words below are matched by their first two letters,
// not searched for one by one.
struct ElementHints {
  // readability's class weight: +25 for article/content/story/body hints, -25 for comment,
  // footer, share, promo and similar, summed; 0 when neither.
  int class_weight = 0;
  // Page chrome around an article: navigation, share bars, related and most-read lists,
  // newsletter and cookie boxes, comments, ads (class, id, role).
  bool chrome = false;
  // Names a comment thread: chrome that can hold more prose than the article itself.
  bool discussion = false;
  bool caption = false;  // "caption" in class or id
  bool byline = false;   // byline, author, dateline in class or id
  bool related = false;  // "related" in class or id: another article's teaser box
  bool hidden = false;   // IsHidden
};
ElementHints ReadHints(parse::Node element);

// ReadHints once per element of one document: the scorer, the block builder and the metadata
// reader all ask about the same elements. Keeps its index on the node (Node::Mark), checked
// against the node so that a mark left by another cache is never trusted.
class HintCache {
 public:
  ElementHints Of(parse::Node element);

 private:
  struct Entry {
    myhtml_tree_node_t* node;
    ElementHints hints;
  };
  std::vector<Entry> entries_;
};

// hidden, aria-hidden="true", or an inline display:none / visibility:hidden.
bool IsHidden(parse::Node node);

// Text metrics of a subtree, counted in code points of whitespace-collapsed text.
struct TextStats {
  size_t chars = 0;
  size_t link_chars = 0;
  size_t commas = 0;
  double LinkDensity() const { return chars == 0 ? 0.0 : double(link_chars) / double(chars); }
};
TextStats MeasureText(parse::Node node);
// Code points of `s` once whitespace runs are collapsed (leading whitespace not counted).
// `commas`, when given, is increased by the commas of `s`.
size_t CollapsedLength(std::string_view s, bool* last_was_space, size_t* commas = nullptr);

}  // namespace wiredesk::extract
