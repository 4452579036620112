// A small, bounded XML tree over expat for feeds and OPML: namespaces resolved (with the usual
// prefixes known even when a feed forgets to declare them), xml:base tracked, DTD entities
// refused, HTML entities and broken UTF-8 repaired on a second try.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wiredesk::parse::xml {

inline constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

struct Element;

// A child of an element: text (element == nullptr) or an element.
struct Node {
  std::string text;
  std::unique_ptr<Element> element;
};

struct Attribute {
  std::string_view ns;  // namespace URI; empty for unprefixed attributes
  std::string name;     // local name
  std::string value;
};

struct Element {
  std::string_view ns;    // namespace URI, interned in the Document; empty when none
  std::string name;       // local name
  std::string qname;      // as written, "media:content"
  std::string base;       // the xml:base in effect here, resolved; the document URL at the root
  std::vector<Attribute> attributes;
  std::vector<Node> children;

  // The first child element with this namespace and local name, or nullptr.
  const Element* Child(std::string_view ns, std::string_view name) const;
  std::vector<const Element*> Children(std::string_view ns, std::string_view name) const;
  // The attribute's value, or empty.
  std::string_view Attr(std::string_view name, std::string_view ns = {}) const;
  bool HasAttr(std::string_view name, std::string_view ns = {}) const;
  // All text below this element, in order.
  std::string Text() const;
  // The children serialised back to XML text (for Atom's type="xhtml" content).
  std::string InnerXml() const;
};

struct Limits {
  size_t max_bytes = 32u << 20;     // larger documents are refused before parsing
  int max_depth = 128;              // deeper elements are flattened into their ancestor
  size_t max_elements = 1u << 20;   // more than this is refused
};

struct Document {
  std::unique_ptr<Element> root;
  std::vector<std::unique_ptr<std::string>> namespaces;  // interned URIs the elements point at
};

// Parses `bytes` (any encoding the XML declaration names that iconv knows; ISO-8859-1 is read
// as windows-1252, as browsers do). `base_url` is where the document came from. Fails with
// kParse and a message naming the line for malformed XML, entity declarations, and documents
// over the limits.
Result<Document> Parse(std::string_view bytes, std::string_view base_url, const Limits& limits = {});

}  // namespace wiredesk::parse::xml
