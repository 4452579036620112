#include "parse/html_document.h"

#include <myencoding/encoding.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>

#include "core/text.h"

namespace wiredesk::parse {
namespace {

// One myhtml_t per thread, reused for every page: creating it sets up tag and charset tables
// (measurably slower than a parse of a small page), and single mode keeps myhtml from starting
// threads of its own, which a worker pool parsing many pages at once must not do.
class ThreadParser {
 public:
  ThreadParser() {
    myhtml_ = myhtml_create();
    if (myhtml_ != nullptr &&
        myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
      myhtml_destroy(myhtml_);
      myhtml_ = nullptr;
    }
  }
  ~ThreadParser() {
    if (myhtml_ != nullptr) myhtml_destroy(myhtml_);
  }
  ThreadParser(const ThreadParser&) = delete;
  ThreadParser& operator=(const ThreadParser&) = delete;

  myhtml_t* get() const { return myhtml_; }

 private:
  myhtml_t* myhtml_ = nullptr;
};

myhtml_t* ThisThreadsMyhtml() {
  thread_local ThreadParser parser;
  return parser.get();
}

// Fewer bytes than this are not worth (nor safe for) myencoding's statistical detection.
constexpr size_t kMinDetectBytes = 16;

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// core's IsValidUtf8 checks byte by byte; pages are mostly ASCII markup, so skip eight ASCII
// bytes at a time and hand only the rest to it. Parse runs this over every input once.
bool FastValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (s.size() - i >= 8) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    // A non-ASCII sequence: at most 4 bytes; validate it with its ASCII-free neighbourhood.
    size_t end = i + 1;
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80 && end - i < 4) ++end;
    if (!IsValidUtf8(s.substr(i, end - i))) return false;
    i = end;
  }
  return true;
}

bool HasMultibyte(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::optional<myencoding_t> EncodingByLabel(std::string_view label) {
  label = Trim(label);
  while (!label.empty() && (label.front() == '"' || label.front() == '\'')) label.remove_prefix(1);
  while (!label.empty() && (label.back() == '"' || label.back() == '\'')) label.remove_suffix(1);
  label = Trim(label);
  if (label.empty() || label.size() > 64) return std::nullopt;
  myencoding_t enc = MyENCODING_NOT_DETERMINED;
  if (!myencoding_by_name(label.data(), label.size(), &enc)) return std::nullopt;
  return enc;
}

// A legacy label over bytes that are valid UTF-8 with non-ASCII characters is almost always a
// template that was never updated after the site moved to UTF-8: random windows-1252 or
// Shift_JIS text is valid UTF-8 with vanishing probability, so the bytes win over the label.
// The reverse lie (a UTF-8 label over invalid UTF-8) falls through to detection.
bool Plausible(myencoding_t enc, std::string_view bytes, bool valid_utf8) {
  if (enc == MyENCODING_UTF_8) return valid_utf8;
  if (enc == MyENCODING_UTF_16LE || enc == MyENCODING_UTF_16BE) return true;
  return !(valid_utf8 && HasMultibyte(bytes));
}

// Tags the pre-scan does not count as nesting: void elements, and elements whose end tag the
// tree builder implies, so a page of unclosed <p> or <li> does not look deep.
bool NestsForPrescan(std::string_view name) {
  static constexpr std::array<std::string_view, 40> kFlat = {
      "area",  "base",  "br",     "col",      "embed", "hr",       "img",   "input", "link",
      "meta",  "param", "source", "track",    "wbr",   "keygen",   "frame", "p",     "li",
      "dt",    "dd",    "option", "optgroup", "rb",    "rp",       "rt",    "rtc",   "tr",
      "td",    "th",    "tbody",  "thead",    "tfoot", "colgroup", "html",  "body",  "head",
      "caption", "basefont", "bgsound", "image"};
  // Asked once per tag of the page: only the names with the same first letter are compared.
  static const auto kByLetter = [] {
    std::array<std::vector<std::string_view>, 26> by;
    for (std::string_view f : kFlat) by[f[0] - 'a'].push_back(f);
    return by;
  }();
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return true;
  for (std::string_view f : kByLetter[name[0] - 'a']) {
    if (f == name) return false;
  }
  return true;
}

bool IsRawTextTag(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes" ||
         name == "plaintext";
}

size_t FindCaseInsensitive(std::string_view hay, std::string_view needle, size_t from) {
  while (from < hay.size()) {
    size_t lt = hay.find('<', from);
    if (lt == std::string_view::npos || hay.size() - lt < needle.size()) return std::string_view::npos;
    bool match = true;
    for (size_t i = 0; i < needle.size() && match; ++i) match = LowerAscii(hay[lt + i]) == needle[i];
    if (match) return lt;
    from = lt + 1;
  }
  return std::string_view::npos;
}

// The end of a tag that starts at `pos` ('<'): the index after its '>', honouring quoted
// attribute values, or the input's end.
size_t TagEnd(std::string_view in, size_t pos) {
  // Every tag of the page goes through here: jump from one '>' or quote to the next, and over
  // a quoted value with memchr, instead of testing each byte for all three.
  size_t i = pos + 1;
  while (i < in.size()) {
    char c = in[i];
    if (c == '>') return i + 1;
    if ((c == '"' || c == '\'') && (in[i - 1] == '=' || in[i - 1] == ' ')) {
      size_t close = in.find(c, i + 1);
      if (close == std::string_view::npos) return in.size();
      i = close + 1;
      continue;
    }
    ++i;
  }
  return in.size();
}

// WHATWG Encoding's UTF-16 decoder: a lone surrogate is U+FFFD. A trailing odd byte (a page cut
// mid-character) is dropped rather than shown as U+FFFD, as myhtml's decoder did.
std::string Utf16ToUtf8(std::string_view in, bool big_endian) {
  std::string out;
  out.reserve(in.size());
  auto unit = [&](size_t i) -> char32_t {
    auto hi = static_cast<unsigned char>(in[big_endian ? i : i + 1]);
    auto lo = static_cast<unsigned char>(in[big_endian ? i + 1 : i]);
    return (char32_t{hi} << 8) | lo;
  };
  for (size_t i = 0; i + 1 < in.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < in.size()) {
      char32_t next = unit(i + 2);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (next - 0xDC00), out);
        i += 2;
        continue;
      }
    }
    AppendUtf8(u >= 0xD800 && u <= 0xDFFF ? char32_t{0xFFFD} : u, out);
  }
  return out;
}

// A copy of `in` with ranges left out (in order), made only once something is left out: the
// pre-scans below leave almost every page as it is.
class Excision {
 public:
  Excision(std::string_view in, std::string& out) : in_(in), out_(out) {}

  void Drop(size_t begin, size_t end) {
    if (!changed_) out_.reserve(in_.size());
    changed_ = true;
    out_.append(in_.substr(copied_, begin - copied_));
    copied_ = end;
  }

  // Appends what is left; true when something was dropped (and `out` holds the copy).
  bool Finish() {
    if (changed_) out_.append(in_.substr(copied_));
    return changed_;
  }

 private:
  std::string_view in_;
  std::string& out_;
  size_t copied_ = 0;
  bool changed_ = false;
};

// myhtml, like every parser that follows the HTML standard literally, has no nesting limit, and
// its tree builder scans the stack of open elements on each block start tag: 40,000 nested
// <div>s take seconds, 100,000 most of a minute. Browsers cap the depth at 512 (Blink's
// kMaximumHTMLParserDOMTreeDepth). This pre-scan approximates the depth from the tags and drops
// start and end tags beyond `max_depth`, keeping their text, so the builder's stack stays short.
// It copies only when it drops something.
bool FlattenDeepNesting(std::string_view in, size_t max_depth, std::string& out) {
  size_t depth = 0;
  Excision copy(in, out);
  size_t pos = 0;
  while (pos < in.size()) {
    size_t lt = in.find('<', pos);
    if (lt == std::string_view::npos || lt + 1 >= in.size()) break;
    char next = in[lt + 1];
    if (next == '!') {
      if (in.substr(lt, 4) == "<!--") {
        size_t end = in.find("-->", lt + 4);
        pos = end == std::string_view::npos ? in.size() : end + 3;
      } else {
        size_t end = in.find('>', lt + 2);
        pos = end == std::string_view::npos ? in.size() : end + 1;
      }
      continue;
    }
    bool closing = next == '/';
    size_t name_begin = lt + (closing ? 2 : 1);
    if (name_begin >= in.size() || !IsAsciiAlpha(in[name_begin])) {
      pos = lt + 1;
      continue;
    }
    std::array<char, 16> name_buf{};
    size_t name_len = 0;
    size_t i = name_begin;
    for (; i < in.size(); ++i) {
      char c = in[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>') break;
      if (name_len < name_buf.size()) name_buf[name_len] = LowerAscii(c);
      ++name_len;
    }
    std::string_view name(name_buf.data(), std::min(name_len, name_buf.size()));
    size_t end = TagEnd(in, lt);
    pos = end;
    if (!closing && IsRawTextTag(name)) {
      std::string close = "</" + std::string(name);
      size_t close_at = FindCaseInsensitive(in, close, end);
      pos = close_at == std::string_view::npos ? in.size() : close_at;
      continue;
    }
    if (!NestsForPrescan(name)) continue;
    if (closing) {
      if (depth > max_depth) copy.Drop(lt, end);
      if (depth > 0) --depth;
    } else {
      bool self_closing = end >= 2 && in[end - 2] == '/';
      if (self_closing) continue;
      ++depth;
      if (depth > max_depth) copy.Drop(lt, end);
    }
  }
  return copy.Finish();
}

// True when `in` from `pos` starts with the tag name `name` (lower-case) and the name ends there.
bool StartsTag(std::string_view in, size_t pos, std::string_view name) {
  if (in.size() - pos <= name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (LowerAscii(in[pos + i]) != name[i]) return false;
  }
  char after = in[pos + name.size()];
  return after == ' ' || after == '>' || after == '/' || after == '\t' || after == '\n' ||
         after == '\r' || after == '\f';
}

bool ContainsCaseInsensitive(std::string_view hay, std::string_view needle) {
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && LowerAscii(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// Drops the contents of <script> (all but JSON-LD), <style> and comments, keeping the tags
// themselves, so that what follows parses as before. Copies only when it drops something.
bool StripInertContent(std::string_view in, std::string& out) {
  Excision copy(in, out);
  size_t pos = 0;
  while (pos < in.size()) {
    size_t lt = in.find('<', pos);
    if (lt == std::string_view::npos || lt + 1 >= in.size()) break;
    if (in.substr(lt, 4) == "<!--") {
      size_t end = in.find("-->", lt + 4);
      end = end == std::string_view::npos ? in.size() : end + 3;
      copy.Drop(lt, end);
      pos = end;
      continue;
    }
    bool script = StartsTag(in, lt + 1, "script");
    if (!script && !StartsTag(in, lt + 1, "style")) {
      pos = lt + 1;
      continue;
    }
    size_t open_end = TagEnd(in, lt);
    size_t close = FindCaseInsensitive(in, script ? "</script" : "</style", open_end);
    if (close == std::string_view::npos) close = in.size();
    if (!(script && ContainsCaseInsensitive(in.substr(lt, open_end - lt), "ld+json"))) {
      copy.Drop(open_end, close);
    }
    pos = close;
  }
  return copy.Finish();
}

}  // namespace

// --- Node ---

TagId Node::Tag() const {
  return node_ ? myhtml_node_tag_id(node_) : static_cast<TagId>(MyHTML_TAG__UNDEF);
}

std::string_view Node::TagName() const {
  if (node_ == nullptr) return {};
  size_t len = 0;
  const char* name = myhtml_tag_name_by_id(myhtml_node_tree(node_), myhtml_node_tag_id(node_), &len);
  return name ? std::string_view(name, len) : std::string_view();
}

bool Node::IsElement() const {
  TagId t = Tag();
  return node_ != nullptr && t != MyHTML_TAG__TEXT && t != MyHTML_TAG__COMMENT &&
         t != MyHTML_TAG__DOCTYPE && t != MyHTML_TAG__UNDEF;
}

bool Node::IsText() const { return node_ != nullptr && Tag() == MyHTML_TAG__TEXT; }

std::string_view Node::Attr(std::string_view key) const {
  if (node_ == nullptr) return {};
  myhtml_tree_attr_t* attr = myhtml_attribute_by_key(node_, key.data(), key.size());
  if (attr == nullptr) return {};
  size_t len = 0;
  const char* value = myhtml_attribute_value(attr, &len);
  return value ? std::string_view(value, len) : std::string_view();
}

bool Node::HasAttr(std::string_view key) const {
  return node_ != nullptr && myhtml_attribute_by_key(node_, key.data(), key.size()) != nullptr;
}

std::vector<Node::Attribute> Node::Attributes() const {
  std::vector<Attribute> out;
  ForEachAttribute([&](std::string_view key, std::string_view value) { out.push_back({key, value}); });
  return out;
}

std::string_view Node::Text() const {
  if (node_ == nullptr) return {};
  size_t len = 0;
  const char* text = myhtml_node_text(node_, &len);
  return text ? std::string_view(text, len) : std::string_view();
}

uintptr_t Node::Mark() const {
  return node_ ? reinterpret_cast<uintptr_t>(myhtml_node_get_data(node_)) : 0;
}

void Node::SetMark(uintptr_t mark) const {
  if (node_ != nullptr) myhtml_node_set_data(node_, reinterpret_cast<void*>(mark));
}

Node Node::Parent() const { return Node(node_ ? myhtml_node_parent(node_) : nullptr); }
Node Node::FirstChild() const { return Node(node_ ? myhtml_node_child(node_) : nullptr); }
Node Node::LastChild() const { return Node(node_ ? myhtml_node_last_child(node_) : nullptr); }
Node Node::Next() const { return Node(node_ ? myhtml_node_next(node_) : nullptr); }
Node Node::Prev() const { return Node(node_ ? myhtml_node_prev(node_) : nullptr); }

namespace {

bool IsBlockTag(TagId t) {
  switch (t) {
    case MyHTML_TAG_P: case MyHTML_TAG_DIV: case MyHTML_TAG_BR: case MyHTML_TAG_LI:
    case MyHTML_TAG_UL: case MyHTML_TAG_OL: case MyHTML_TAG_H1: case MyHTML_TAG_H2:
    case MyHTML_TAG_H3: case MyHTML_TAG_H4: case MyHTML_TAG_H5: case MyHTML_TAG_H6:
    case MyHTML_TAG_TR: case MyHTML_TAG_TD: case MyHTML_TAG_TH: case MyHTML_TAG_BLOCKQUOTE:
    case MyHTML_TAG_SECTION: case MyHTML_TAG_ARTICLE: case MyHTML_TAG_FIGURE:
    case MyHTML_TAG_FIGCAPTION: case MyHTML_TAG_HEADER: case MyHTML_TAG_FOOTER:
    case MyHTML_TAG_PRE: case MyHTML_TAG_DT: case MyHTML_TAG_DD: case MyHTML_TAG_HR:
    case MyHTML_TAG_TABLE: case MyHTML_TAG_ASIDE: case MyHTML_TAG_NAV: case MyHTML_TAG_MAIN:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string TextContent(Node node) {
  std::string raw;
  WalkSubtree(node, [&](Node n) {
    TagId t = n.Tag();
    if (t == MyHTML_TAG__TEXT) {
      raw += n.Text();
      return false;
    }
    if (t == MyHTML_TAG_SCRIPT || t == MyHTML_TAG_STYLE || t == MyHTML_TAG_NOSCRIPT ||
        t == MyHTML_TAG_TEMPLATE || t == MyHTML_TAG__COMMENT) {
      return false;
    }
    if (IsBlockTag(t)) raw += ' ';
    return true;
  });
  std::string text = CollapseWhitespace(raw);
  // UTF-8 input was repaired before parsing, but myhtml's legacy decoders can still let a raw
  // byte through (seen with windows-1252 junk around character references).
  if (!FastValidUtf8(text)) text = RepairUtf8(text);
  return text;
}

// --- HtmlDocument ---

void HtmlDocument::TreeDeleter::operator()(myhtml_tree_t* tree) const { myhtml_tree_destroy(tree); }

EncodingChoice ChooseEncoding(std::string_view bytes, std::string_view charset) {
  EncodingChoice choice;
  myencoding_t enc = MyENCODING_NOT_DETERMINED;
  const char* rest = nullptr;
  size_t rest_size = 0;
  // WHATWG Encoding §4.1 "decode": a BOM overrides every label.
  if (myencoding_detect_and_cut_bom(bytes.data(), bytes.size(), &enc, &rest, &rest_size)) {
    choice.encoding = enc;
    choice.bom_bytes = bytes.size() - rest_size;
    choice.valid_utf8 = FastValidUtf8(bytes.substr(choice.bom_bytes));
    return choice;
  }
  bool valid_utf8 = FastValidUtf8(bytes);
  choice.valid_utf8 = valid_utf8;
  if (auto label = EncodingByLabel(charset); label && Plausible(*label, bytes, valid_utf8)) {
    choice.encoding = *label;
    return choice;
  }
  // HTML §13.2.3.2 prescan looks at the first 1024 bytes; pages that put a long <script> or
  // comment block before <meta charset> are common, so look further (it is cheap).
  myencoding_t meta = myencoding_prescan_stream_to_determine_encoding(
      bytes.data(), std::min<size_t>(bytes.size(), 64 * 1024));
  if (meta != MyENCODING_NOT_DETERMINED && Plausible(meta, bytes, valid_utf8)) {
    choice.encoding = meta;
    return choice;
  }
  if (valid_utf8) {
    choice.encoding = MyENCODING_UTF_8;
    return choice;
  }
  // myencoding's trigram detectors loop to `length - 3` in size_t: under 3 bytes that wraps
  // and they read far past the buffer (found by fuzzing: fuzz/corpus/encoding_fuzz/
  // crash-trigram-detect-short-input). Too few bytes to detect anything from anyway.
  if (bytes.size() >= kMinDetectBytes &&
      myencoding_detect(bytes.data(), std::min<size_t>(bytes.size(), 64 * 1024), &enc) &&
      enc != MyENCODING_UTF_8 && enc != MyENCODING_NOT_DETERMINED) {
    choice.encoding = enc;
    return choice;
  }
  // The web's default for unlabelled legacy pages (HTML §13.2.3.3 for most locales).
  choice.encoding = MyENCODING_WINDOWS_1252;
  return choice;
}

Result<HtmlDocument> HtmlDocument::Parse(std::string_view bytes, const HtmlParseOptions& options) {
  HtmlDocument doc;
  if (bytes.size() > options.max_bytes) {
    // Cut before the last tag start inside the limit so no half tag swallows what follows.
    size_t cut = bytes.substr(0, options.max_bytes).rfind('<');
    bytes = bytes.substr(0, cut == std::string_view::npos || cut == 0 ? options.max_bytes : cut);
    doc.truncated_ = true;
  }
  EncodingChoice choice = ChooseEncoding(bytes, options.charset);
  bytes.remove_prefix(choice.bom_bytes);
  size_t name_len = 0;
  const char* name = myencoding_name_by_id(choice.encoding, &name_len);
  doc.encoding_ = AsciiLower(name ? std::string_view(name, name_len) : "utf-8");

  std::string repaired;
  myencoding_t parse_encoding = choice.encoding;
  if (choice.encoding == MyENCODING_UTF_8 && !choice.valid_utf8) {
    // myhtml copies ill-formed UTF-8 through unchanged; everything after this trusts its text.
    repaired = RepairUtf8(bytes);
    bytes = repaired;
  } else if (choice.encoding == MyENCODING_UTF_16LE || choice.encoding == MyENCODING_UTF_16BE) {
    // Decoded here rather than by myhtml, whose UTF-16 path writes through a null pointer on
    // input that decodes to nothing it keeps (a BOM alone, U+0000 or lone surrogates only;
    // found by fuzzing: fuzz/corpus/encoding_fuzz/crash-utf16-*), and so that the ASCII
    // pre-scans below see the tags.
    repaired = Utf16ToUtf8(bytes, choice.encoding == MyENCODING_UTF_16BE);
    bytes = repaired;
    parse_encoding = MyENCODING_UTF_8;
  }
  std::string stripped;
  if (bytes.size() > options.strip_above && StripInertContent(bytes, stripped)) {
    bytes = stripped;
  }
  if (bytes.size() > options.max_markup_bytes) {
    size_t cut = bytes.substr(0, options.max_markup_bytes).rfind('<');
    bytes = bytes.substr(0, cut == std::string_view::npos || cut == 0 ? options.max_markup_bytes : cut);
    doc.truncated_ = true;
  }
  std::string flat;
  if (FlattenDeepNesting(bytes, options.max_depth, flat)) {
    bytes = flat;
    doc.flattened_ = true;
  }

  myhtml_t* myhtml = ThisThreadsMyhtml();
  if (myhtml == nullptr) return Fail(ErrorCode::kInternal, "cannot initialise the HTML parser");
  doc.tree_.reset(myhtml_tree_create());
  if (!doc.tree_ || myhtml_tree_init(doc.tree_.get(), myhtml) != MyHTML_STATUS_OK) {
    return Fail(ErrorCode::kInternal, "cannot create an HTML tree");
  }
  // An empty view's data() may be null, which myhtml does not expect.
  const char* data = bytes.empty() ? "" : bytes.data();
  mystatus_t status = myhtml_parse(doc.tree_.get(), parse_encoding, data, bytes.size());
  if (status != MyHTML_STATUS_OK) {
    return Fail(ErrorCode::kParse, "HTML parser gave up on the page (myhtml status " +
                                       std::to_string(status) + ")");
  }
  return doc;
}

Node HtmlDocument::Document() const { return Node(myhtml_tree_get_document(tree_.get())); }
Node HtmlDocument::Html() const { return Node(myhtml_tree_get_node_html(tree_.get())); }
Node HtmlDocument::Head() const { return Node(myhtml_tree_get_node_head(tree_.get())); }
Node HtmlDocument::Body() const { return Node(myhtml_tree_get_node_body(tree_.get())); }

std::vector<Node> HtmlDocument::ElementsByTag(TagId tag) const {
  std::vector<Node> out;
  WalkSubtree(Document(), [&](Node n) {
    if (n.Tag() == tag) out.push_back(n);
    return true;
  });
  return out;
}

}  // namespace wiredesk::parse
