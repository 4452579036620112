// The XML tree for feeds, over expat. Safety first: expat never loads a DTD here (parameter
// entity parsing stays off and no external entity handler is set), any entity declaration
// stops the parse (so "billion laughs" and external entities are refused at the declaration,
// before anything expands), and expat 2.4+'s amplification limit stands behind that.
#include "parse/feed_xml.h"

// Debian builds expat with DTD support; the declarations of its DTD-related API (the
// billion-laughs limits among them) sit behind this macro.
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/text.h"
#include "core/url.h"
#include "parse/feed_html.h"

namespace wiredesk::parse::xml {

namespace {

// Prefixes feeds use without declaring them; a forgotten xmlns:media is common.
struct WellKnown {
  std::string_view prefix;
  std::string_view uri;
};
constexpr WellKnown kWellKnown[] = {
    {"atom", "http://www.w3.org/2005/Atom"},
    {"content", "http://purl.org/rss/1.0/modules/content/"},
    {"dc", "http://purl.org/dc/elements/1.1/"},
    {"media", "http://search.yahoo.com/mrss/"},
    {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
    {"itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
    {"xhtml", "http://www.w3.org/1999/xhtml"},
    {"dcterms", "http://purl.org/dc/terms/"},
};

class Builder {
 public:
  Builder(Document& doc, std::string_view base_url, const Limits& limits)
      : doc_(doc), base_url_(base_url), limits_(limits) {}

  void Start(const char* qname, const char** atts) {
    if (failed_) return;
    ++depth_;
    if (depth_ > limits_.max_depth) return;  // flattened: its text goes to the ancestor
    if (++elements_ > limits_.max_elements) {
      Fail("the document has more than " + std::to_string(limits_.max_elements) + " elements");
      return;
    }
    const size_t bindings_before = bindings_.size();
    for (const char** a = atts; a[0] != nullptr; a += 2) {
      const std::string_view name = a[0];
      if (name == "xmlns") {
        bindings_.push_back({"", Intern(a[1])});
      } else if (name.starts_with("xmlns:")) {
        bindings_.push_back({std::string(name.substr(6)), Intern(a[1])});
      }
    }
    binding_counts_.push_back(bindings_.size() - bindings_before);

    auto el = std::make_unique<Element>();
    el->qname = qname;
    const size_t colon = el->qname.find(':');
    if (colon == std::string::npos) {
      el->name = el->qname;
      el->ns = Resolve("");
    } else {
      el->name = el->qname.substr(colon + 1);
      el->ns = Resolve(el->qname.substr(0, colon));
    }
    el->base = stack_.empty() ? base_url_ : stack_.back()->base;
    for (const char** a = atts; a[0] != nullptr; a += 2) {
      const std::string_view name = a[0];
      if (name == "xmlns" || name.starts_with("xmlns:")) continue;
      Attribute attr;
      const size_t c = name.find(':');
      if (c == std::string_view::npos) {
        attr.name = std::string(name);
      } else {
        attr.name = std::string(name.substr(c + 1));
        const std::string_view prefix = name.substr(0, c);
        attr.ns = prefix == "xml" ? kXmlNs : Resolve(prefix);
      }
      attr.value = a[1];
      if (attr.ns == kXmlNs && attr.name == "base") {
        el->base = el->base.empty() ? std::string(Trim(attr.value))
                                    : ResolveUrl(el->base, attr.value);
      }
      el->attributes.push_back(std::move(attr));
    }
    Element* raw = el.get();
    if (stack_.empty()) {
      if (doc_.root) {
        Fail("the document has two root elements");
        return;
      }
      doc_.root = std::move(el);
    } else {
      stack_.back()->children.push_back(Node{{}, std::move(el)});
    }
    stack_.push_back(raw);
  }

  void End() {
    if (failed_) return;
    if (depth_-- > limits_.max_depth) return;
    if (stack_.empty()) return;
    stack_.pop_back();
    bindings_.resize(bindings_.size() - binding_counts_.back());
    binding_counts_.pop_back();
  }

  void Text(std::string_view s) {
    if (failed_ || stack_.empty()) return;
    auto& children = stack_.back()->children;
    if (children.empty() || children.back().element) children.push_back(Node{});
    children.back().text.append(s);
  }

  void Fail(std::string message) {
    if (failed_) return;
    failed_ = true;
    message_ = std::move(message);
    XML_StopParser(parser_, XML_FALSE);
  }

  void set_parser(XML_Parser p) { parser_ = p; }
  bool failed() const { return failed_; }
  const std::string& message() const { return message_; }

 private:
  std::string_view Intern(std::string_view uri) {
    for (const auto& s : doc_.namespaces) {
      if (*s == uri) return *s;
    }
    doc_.namespaces.push_back(std::make_unique<std::string>(uri));
    return *doc_.namespaces.back();
  }

  std::string_view Resolve(std::string_view prefix) {
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
      if (it->first == prefix) return it->second;
    }
    if (prefix.empty()) return {};
    for (const WellKnown& w : kWellKnown) {
      if (w.prefix == prefix) return Intern(w.uri);
    }
    return Intern("urn:wiredesk:unbound:" + std::string(prefix));
  }

  Document& doc_;
  std::string base_url_;
  const Limits& limits_;
  XML_Parser parser_ = nullptr;
  std::vector<Element*> stack_;
  std::vector<std::pair<std::string, std::string_view>> bindings_;
  std::vector<size_t> binding_counts_;
  int depth_ = 0;
  size_t elements_ = 0;
  bool failed_ = false;
  std::string message_;
};

void XMLCALL OnStart(void* ud, const XML_Char* name, const XML_Char** atts) {
  static_cast<Builder*>(ud)->Start(name, atts);
}
void XMLCALL OnEnd(void* ud, const XML_Char*) { static_cast<Builder*>(ud)->End(); }
void XMLCALL OnText(void* ud, const XML_Char* s, int len) {
  static_cast<Builder*>(ud)->Text(std::string_view(s, static_cast<size_t>(len)));
}
void XMLCALL OnEntityDecl(void* ud, const XML_Char* name, int, const XML_Char*, int,
                          const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
  static_cast<Builder*>(ud)->Fail(std::string("the document declares the XML entity '") +
                                  name + "'; entity declarations are refused");
}
// Reached for entities a DTD that is not read might define (RSS 0.91's "&eacute;").
void XMLCALL OnSkippedEntity(void* ud, const XML_Char* name, int is_parameter_entity) {
  if (is_parameter_entity) return;
  if (auto cp = HtmlEntity(name)) {
    std::string s;
    AppendUtf8(s, *cp);
    static_cast<Builder*>(ud)->Text(s);
  }
}

// The encoding named in the XML declaration, lower case; empty when none.
std::string DeclaredEncoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) {
    if (!bytes.starts_with("\xEF\xBB\xBF<?xml")) return {};
    bytes.remove_prefix(3);
  }
  const size_t end = bytes.find("?>");
  const std::string_view decl = bytes.substr(0, std::min<size_t>(end, 256));
  const size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  size_t i = decl.find_first_of("\"'", at);
  if (i == std::string_view::npos) return {};
  const char q = decl[i++];
  const size_t close = decl.find(q, i);
  if (close == std::string_view::npos) return {};
  return AsciiLower(Trim(decl.substr(i, close - i)));
}

bool IsNativeEncoding(const std::string& e) {
  return e.empty() || e == "utf-8" || e == "utf8" || e == "us-ascii" || e == "ascii" ||
         e == "utf-16" || e == "utf-16le" || e == "utf-16be";
}

// Converts to UTF-8 with iconv; bytes the encoding does not define become U+FFFD.
Result<std::string> Transcode(std::string_view bytes, const std::string& encoding) {
  std::string from = encoding;
  // WHATWG Encoding §4.2: the Latin-1 labels mean windows-1252 on the web.
  if (from == "iso-8859-1" || from == "latin1" || from == "iso8859-1" || from == "l1" ||
      from == "cp1252") {
    from = "windows-1252";
  }
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Fail(ErrorCode::kParse, "unknown character encoding '" + encoding + "'");
  }
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buf[8192];
  while (in_left > 0) {
    char* o = buf;
    size_t o_left = sizeof buf;
    const size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, static_cast<size_t>(o - buf));
    if (rc == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      out += "\xEF\xBF\xBD";  // EILSEQ or a cut-off sequence at the end
      ++in;
      --in_left;
    }
  }
  iconv_close(cd);
  return out;
}

// The second try for documents real publishers serve that are not quite XML: broken UTF-8,
// control characters, HTML entities without a DTD, bare ampersands ("AT&T").
std::string RepairXml(std::string_view bytes) {
  const std::string utf8 = RepairUtf8(bytes);
  std::string out;
  out.reserve(utf8.size() + 64);
  for (size_t i = 0; i < utf8.size(); ++i) {
    const char c = utf8[i];
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;  // XML 1.0 §2.2
    if (c != '&') {
      out += c;
      continue;
    }
    size_t j = i + 1;
    if (j < utf8.size() && utf8[j] == '#') {
      size_t k = j + 1;
      if (k < utf8.size() && (utf8[k] == 'x' || utf8[k] == 'X')) ++k;
      const size_t digits = k;
      while (k < utf8.size() && std::isxdigit(static_cast<unsigned char>(utf8[k]))) ++k;
      if (k > digits && k < utf8.size() && utf8[k] == ';') {
        out += '&';
        continue;
      }
      out += "&amp;";
      continue;
    }
    while (j < utf8.size() && j - i <= 32 && std::isalnum(static_cast<unsigned char>(utf8[j]))) {
      ++j;
    }
    const std::string_view name = std::string_view(utf8).substr(i + 1, j - i - 1);
    if (j < utf8.size() && utf8[j] == ';' && !name.empty()) {
      if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
        out += '&';
        continue;
      }
      if (auto cp = HtmlEntity(name)) {
        out += "&#" + std::to_string(static_cast<uint32_t>(*cp)) + ";";
        i = j;
        continue;
      }
    }
    out += "&amp;";
  }
  return out;
}

struct Attempt {
  Document doc;
  XML_Error code = XML_ERROR_NONE;
  std::string message;
};

Attempt ParseOnce(std::string_view bytes, const char* encoding, std::string_view base_url,
                  const Limits& limits) {
  Attempt a;
  XML_Parser p = XML_ParserCreate(encoding);
  if (p == nullptr) {
    a.code = XML_ERROR_NO_MEMORY;
    a.message = "out of memory";
    return a;
  }
  Builder b(a.doc, base_url, limits);
  b.set_parser(p);
  XML_SetUserData(p, &b);
  XML_SetElementHandler(p, OnStart, OnEnd);
  XML_SetCharacterDataHandler(p, OnText);
  XML_SetEntityDeclHandler(p, OnEntityDecl);
  XML_SetSkippedEntityHandler(p, OnSkippedEntity);
  // Belt and braces behind the entity refusal (expat >= 2.4).
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
  XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, 20.0f);
  XML_SetBillionLaughsAttackProtectionActivationThreshold(p, 1u << 20);
#endif
  const XML_Status st = XML_Parse(p, bytes.data(), static_cast<int>(bytes.size()), XML_TRUE);
  if (b.failed()) {
    a.code = XML_ERROR_ABORTED;
    a.message = b.message();
  } else if (st != XML_STATUS_OK) {
    a.code = XML_GetErrorCode(p);
    a.message = std::string("malformed XML at line ") +
                std::to_string(XML_GetCurrentLineNumber(p)) + ", column " +
                std::to_string(XML_GetCurrentColumnNumber(p) + 1) + ": " +
                XML_ErrorString(a.code);
  } else if (!a.doc.root) {
    a.code = XML_ERROR_NO_ELEMENTS;
    a.message = "the document has no elements";
  }
  XML_ParserFree(p);
  return a;
}

bool IsUtf16(std::string_view b) {
  return b.starts_with("\xFF\xFE") || b.starts_with("\xFE\xFF") ||
         (b.size() >= 2 && (b[0] == '\0' || b[1] == '\0'));
}

void AppendEscaped(std::string& out, std::string_view s, bool attribute) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default: out += c;
    }
  }
}

void AppendText(const Element& e, std::string& out) {
  for (const Node& n : e.children) {
    if (n.element) {
      AppendText(*n.element, out);
    } else {
      out += n.text;
    }
  }
}

void AppendXml(const Element& e, std::string& out) {
  for (const Node& n : e.children) {
    if (!n.element) {
      AppendEscaped(out, n.text, false);
      continue;
    }
    const Element& c = *n.element;
    out += '<';
    out += c.name;
    for (const Attribute& a : c.attributes) {
      if (!a.ns.empty() && a.ns != kXmlNs) continue;
      if (a.ns == kXmlNs) continue;  // xml:base, xml:lang mean nothing to HTML
      out += ' ';
      out += a.name;
      out += "=\"";
      AppendEscaped(out, a.value, true);
      out += '"';
    }
    // HTML void elements are written as such; everything else gets an end tag.
    static constexpr std::string_view kVoid[] = {"br", "img", "hr", "input", "meta", "link",
                                                 "source", "wbr", "area", "col", "embed", "track"};
    if (std::find(std::begin(kVoid), std::end(kVoid), c.name) != std::end(kVoid)) {
      out += '>';
      continue;
    }
    out += '>';
    AppendXml(c, out);
    out += "</";
    out += c.name;
    out += '>';
  }
}

}  // namespace

const Element* Element::Child(std::string_view ns_uri, std::string_view local) const {
  for (const Node& n : children) {
    if (n.element && n.element->name == local && n.element->ns == ns_uri) return n.element.get();
  }
  return nullptr;
}

std::vector<const Element*> Element::Children(std::string_view ns_uri,
                                              std::string_view local) const {
  std::vector<const Element*> out;
  for (const Node& n : children) {
    if (n.element && n.element->name == local && n.element->ns == ns_uri) {
      out.push_back(n.element.get());
    }
  }
  return out;
}

std::string_view Element::Attr(std::string_view attr_name, std::string_view attr_ns) const {
  for (const Attribute& a : attributes) {
    if (a.name == attr_name && a.ns == attr_ns) return a.value;
  }
  return {};
}

bool Element::HasAttr(std::string_view attr_name, std::string_view attr_ns) const {
  for (const Attribute& a : attributes) {
    if (a.name == attr_name && a.ns == attr_ns) return true;
  }
  return false;
}

std::string Element::Text() const {
  std::string out;
  AppendText(*this, out);
  return out;
}

std::string Element::InnerXml() const {
  std::string out;
  AppendXml(*this, out);
  return out;
}

Result<Document> Parse(std::string_view bytes, std::string_view base_url, const Limits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return Fail(ErrorCode::kParse, "the document is larger than " +
                                       std::to_string(limits.max_bytes >> 20) + " MiB");
  }
  const std::string encoding = DeclaredEncoding(bytes);
  std::string transcoded;
  const char* override_encoding = nullptr;
  if (!IsNativeEncoding(encoding) && !IsUtf16(bytes)) {
    auto t = Transcode(bytes, encoding);
    if (!t) return Fail(t.error());
    transcoded = std::move(*t);
    bytes = transcoded;
    override_encoding = "UTF-8";  // overrides the declaration the bytes no longer match
  }
  Attempt first = ParseOnce(bytes, override_encoding, base_url, limits);
  if (first.code == XML_ERROR_NONE) return std::move(first.doc);
  const bool repairable = first.code == XML_ERROR_UNDEFINED_ENTITY ||
                          first.code == XML_ERROR_INVALID_TOKEN ||
                          first.code == XML_ERROR_BAD_CHAR_REF;
  if (repairable && !IsUtf16(bytes)) {
    const std::string repaired = RepairXml(bytes);
    Attempt second = ParseOnce(repaired, "UTF-8", base_url, limits);
    if (second.code == XML_ERROR_NONE) return std::move(second.doc);
  }
  return Fail(ErrorCode::kParse, first.message);
}

}  // namespace wiredesk::parse::xml
