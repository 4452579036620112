// The XML is written by hand rather than through libxml2's xmlTextWriter: it is one fixed
// shape, and the only care it needs (escaping five characters, dropping the code points XML
// cannot carry) is in AppendXmlText below; expat-based tests check it is well-formed.
#include "serve/feeds_out/feed_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/url.h"

namespace wiredesk::serve::feeds_out {

namespace {

// ordered: JSON Feed asks for "version" at the very top, and readers see fields as written.
using json = nlohmann::ordered_json;

constexpr std::string_view kJsonFeedVersion = "https://jsonfeed.org/version/1.1";

bool XmlAllowed(char32_t c) {
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
  return c != 0xFFFE && c != 0xFFFF;
}

// Escapes for XML character data and attribute values (both quotes, so one function serves
// both). Input must be CleanText already.
void AppendXmlText(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;  // also keeps "]]>" out of character data
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
}

void Element(std::string& out, std::string_view indent, std::string_view name, std::string_view text) {
  out += indent;
  out += '<';
  out += name;
  out += '>';
  AppendXmlText(out, text);
  out += "</";
  out += name;
  out += ">\n";
}

// RSS readers (and parse/feed_parser) read <title>, <dc:creator> and <category> as HTML, so
// their own "<" or "&" is HTML-escaped before the XML escaping: "<script>" reaches the reader
// as text, and "Q&A <x>" as "Q&A <x>".
std::string TextAsHtml(std::string_view plain) { return HtmlEscape(CleanText(plain)); }

// An http(s) URL with a host, else "" (no link): the writer stands alone (fuzz/ builds it
// with core only), so it applies the pages' SafeHref rule itself.
std::string LinkUrl(std::string_view url) {
  const std::string_view trimmed = Trim(url);
  const std::optional<Url> u = ParseUrl(trimmed);
  if (!u || (u->scheme != "http" && u->scheme != "https") || u->host.empty()) return {};
  return CleanText(trimmed);
}

Instant Newest(std::span<const OutItem> items) {
  Instant newest{};
  for (const OutItem& i : items) newest = std::max({newest, i.updated, i.published});
  return newest;
}

}  // namespace

std::string CleanText(std::string_view s) {
  const std::string valid = IsValidUtf8(s) ? std::string(s) : RepairUtf8(s);
  std::string out;
  out.reserve(valid.size());
  for (size_t i = 0; i < valid.size();) {
    size_t len = 1;
    const char32_t c = DecodeUtf8(valid, i, len);
    if (XmlAllowed(c)) out.append(valid, i, len);
    i += len;
  }
  return out;
}

std::string ItemContentHtml(const OutItem& item) {
  std::string html;
  const std::string summary = CleanText(item.summary);
  if (!summary.empty()) {
    html += "<p>";
    AppendHtmlEscaped(html, summary);
    html += "</p>";
  }
  if (!item.key_points.empty()) {
    html += "<ul>";
    for (const std::string& point : item.key_points) {
      html += "<li>";
      AppendHtmlEscaped(html, CleanText(point));
      html += "</li>";
    }
    html += "</ul>";
  }
  const std::string source = CleanText(item.source);
  const std::string href = LinkUrl(item.external_url);
  if (!source.empty() || !href.empty()) {
    html += "<p>Published by ";
    if (!href.empty()) {
      html += "<a href=\"";
      AppendHtmlEscaped(html, href);
      html += "\">";
    }
    AppendHtmlEscaped(html, source.empty() ? href : source);
    if (!href.empty()) html += "</a>";
    const std::string author = CleanText(item.author);
    if (!author.empty()) {
      html += " · ";
      AppendHtmlEscaped(html, author);
    }
    html += "</p>";
  }
  return html;
}

std::string WriteRss(const OutChannel& channel, std::span<const OutItem> items) {
  std::string out;
  out.reserve(1024 + items.size() * 1024);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
      "<channel>\n";
  Element(out, "  ", "title", TextAsHtml(channel.title));
  Element(out, "  ", "link", CleanText(channel.home_url));
  Element(out, "  ", "description", CleanText(channel.description));
  out += "  <atom:link href=\"";
  AppendXmlText(out, CleanText(channel.feed_url));
  out += "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  Element(out, "  ", "generator", "wiredesk");
  if (!items.empty()) Element(out, "  ", "lastBuildDate", FormatHttpDate(Newest(items)));
  for (const OutItem& item : items) {
    out += "  <item>\n";
    Element(out, "    ", "title", TextAsHtml(item.title));
    Element(out, "    ", "link", CleanText(item.url));
    out += "    <guid isPermaLink=\"false\">";
    AppendXmlText(out, CleanText(item.id));
    out += "</guid>\n";
    Element(out, "    ", "pubDate", FormatHttpDate(item.published));
    const std::string creator = TextAsHtml(item.author.empty() ? item.source : item.author);
    if (!creator.empty()) Element(out, "    ", "dc:creator", creator);
    for (const std::string& tag : item.tags) {
      const std::string t = TextAsHtml(tag);
      if (!t.empty()) Element(out, "    ", "category", t);
    }
    // HTML inside XML: escaped once more as character data, never a CDATA section (which a
    // "]]>" in the text would end early).
    Element(out, "    ", "description", ItemContentHtml(item));
    out += "  </item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

std::string WriteJsonFeed(const OutChannel& channel, std::span<const OutItem> items) {
  json feed = {{"version", kJsonFeedVersion},
               {"title", CleanText(channel.title)},
               {"home_page_url", CleanText(channel.home_url)},
               {"feed_url", CleanText(channel.feed_url)},
               {"description", CleanText(channel.description)}};
  json list = json::array();
  for (const OutItem& item : items) {
    json j = {{"id", CleanText(item.id)},
              {"url", CleanText(item.url)},
              {"title", CleanText(item.title)},
              {"content_html", ItemContentHtml(item)},
              {"date_published", FormatIso8601(item.published)},
              {"date_modified", FormatIso8601(std::max(item.updated, item.published))}};
    const std::string external = LinkUrl(item.external_url);
    if (!external.empty()) j["external_url"] = external;
    const std::string summary = CleanText(item.summary);
    if (!summary.empty()) j["summary"] = summary;
    const std::string author = CleanText(item.author.empty() ? item.source : item.author);
    if (!author.empty()) j["authors"] = json::array({{{"name", author}}});
    json tags = json::array();
    for (const std::string& tag : item.tags) {
      const std::string t = CleanText(tag);
      if (!t.empty()) tags.push_back(t);
    }
    if (!tags.empty()) j["tags"] = std::move(tags);
    list.push_back(std::move(j));
  }
  feed["items"] = std::move(list);
  // Every string is valid UTF-8 by now; `replace` only guards against a slip.
  return feed.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string WriteFeed(OutFormat format, const OutChannel& channel, std::span<const OutItem> items) {
  return format == OutFormat::kRss ? WriteRss(channel, items) : WriteJsonFeed(channel, items);
}

}  // namespace wiredesk::serve::feeds_out
