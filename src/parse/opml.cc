// OPML through the same bounded XML tree as feeds, so the same refusals (entities, depth) hold.
#include "parse/opml.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "core/url.h"
#include "parse/feed_html.h"
#include "parse/feed_xml.h"

namespace wiredesk::parse {

namespace {

// Folder names are joined with '/'; a '/' inside a name would split it, so it becomes '-'.
std::string FolderPart(std::string_view name) {
  std::string s = CollapseWhitespace(DecodeHtmlEntities(name));
  for (char& c : s) {
    if (c == '/') c = '-';
  }
  return s;
}

// Attribute names in OPML are case-sensitive by spec but not in the wild ("xmlurl").
std::string_view AttrAnyCase(const xml::Element& e, std::string_view name) {
  for (const xml::Attribute& a : e.attributes) {
    if (a.ns.empty() && AsciiLower(a.name) == AsciiLower(name)) return a.value;
  }
  return {};
}

void Walk(const xml::Element& parent, const std::string& folder, std::string_view base,
          std::set<std::string>& seen, OpmlDocument& doc) {
  for (const xml::Node& n : parent.children) {
    if (!n.element || n.element->name != "outline") continue;
    const xml::Element& o = *n.element;
    std::string title = CollapseWhitespace(DecodeHtmlEntities(AttrAnyCase(o, "title")));
    if (title.empty()) title = CollapseWhitespace(DecodeHtmlEntities(AttrAnyCase(o, "text")));
    std::string xml_url(Trim(AttrAnyCase(o, "xmlUrl")));
    if (!xml_url.empty()) {
      if (!base.empty()) xml_url = ResolveUrl(base, xml_url);
      if (seen.insert(xml_url).second) {
        std::string html_url(Trim(AttrAnyCase(o, "htmlUrl")));
        if (!html_url.empty() && !base.empty()) html_url = ResolveUrl(base, html_url);
        doc.subscriptions.push_back({xml_url, html_url, title, folder});
      }
      continue;  // a feed's children (rare) are not more feeds
    }
    std::string sub = folder;
    const std::string part = FolderPart(title);
    if (!part.empty()) sub = folder.empty() ? part : folder + "/" + part;
    Walk(o, sub, base, seen, doc);
  }
}

void AppendAttr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  for (char c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        // XML 1.0 §2.2: other control characters cannot be written at all.
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  out += '"';
}

}  // namespace

Result<OpmlDocument> ParseOpml(std::string_view bytes, std::string_view base_url) {
  auto doc = xml::Parse(bytes, base_url);
  if (!doc) return Fail(doc.error());
  const xml::Element& root = *doc->root;
  if (root.name != "opml") {
    return Fail(ErrorCode::kParse, "not an OPML file: the root element is <" + root.qname + ">");
  }
  OpmlDocument out;
  const xml::Element* head = root.Child(root.ns, "head");
  if (head != nullptr) {
    if (const xml::Element* t = head->Child(root.ns, "title")) out.title = HtmlToPlainText(t->Text());
  }
  const xml::Element* body = root.Child(root.ns, "body");
  if (body == nullptr) return Fail(ErrorCode::kParse, "OPML file without a <body>");
  std::set<std::string> seen;
  Walk(*body, "", base_url, seen, out);
  return out;
}

std::string WriteOpml(const OpmlDocument& doc) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>";
  std::string title;
  AppendHtmlEscaped(title, doc.title.empty() ? "wiredesk subscriptions" : doc.title);
  out += title;
  out += "</title>\n  </head>\n  <body>\n";
  // Folders in first-seen order, each written once with all its feeds.
  std::vector<std::string> folders;
  std::map<std::string, std::vector<const OpmlSubscription*>> by_folder;
  for (const OpmlSubscription& s : doc.subscriptions) {
    auto [it, added] = by_folder.try_emplace(s.folder);
    if (added) folders.push_back(s.folder);
    it->second.push_back(&s);
  }
  auto write_feed = [&out](const OpmlSubscription& s, int indent) {
    out.append(static_cast<size_t>(indent), ' ');
    out += "<outline type=\"rss\"";
    AppendAttr(out, "text", s.title.empty() ? s.xml_url : s.title);
    AppendAttr(out, "title", s.title.empty() ? s.xml_url : s.title);
    AppendAttr(out, "xmlUrl", s.xml_url);
    if (!s.html_url.empty()) AppendAttr(out, "htmlUrl", s.html_url);
    out += "/>\n";
  };
  // Nested folders ("News/World") are written as nested outlines.
  std::vector<std::string> open;  // the folder path currently open
  auto split = [](const std::string& f) {
    std::vector<std::string> parts;
    size_t i = 0;
    while (!f.empty() && i <= f.size()) {
      size_t j = f.find('/', i);
      if (j == std::string::npos) j = f.size();
      if (j > i) parts.push_back(f.substr(i, j - i));
      i = j + 1;
    }
    return parts;
  };
  std::sort(folders.begin(), folders.end());  // siblings together, parents before children
  for (const std::string& folder : folders) {
    const std::vector<std::string> parts = split(folder);
    size_t common = 0;
    while (common < open.size() && common < parts.size() && open[common] == parts[common]) {
      ++common;
    }
    while (open.size() > common) {
      open.pop_back();
      out.append(4 + 2 * open.size(), ' ');
      out += "</outline>\n";
    }
    for (size_t k = common; k < parts.size(); ++k) {
      out.append(4 + 2 * open.size(), ' ');
      out += "<outline";
      AppendAttr(out, "text", parts[k]);
      AppendAttr(out, "title", parts[k]);
      out += ">\n";
      open.push_back(parts[k]);
    }
    for (const OpmlSubscription* s : by_folder[folder]) {
      write_feed(*s, static_cast<int>(4 + 2 * open.size()));
    }
  }
  while (!open.empty()) {
    open.pop_back();
    out.append(4 + 2 * open.size(), ' ');
    out += "</outline>\n";
  }
  out += "  </body>\n</opml>\n";
  return out;
}

}  // namespace wiredesk::parse
