// A scanner over <link> and <base> tags, not a full HTML parse: the head is all that matters
// and a home page can be megabytes.
#include "parse/feed_discovery.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "core/url.h"
#include "parse/feed_html.h"

namespace wiredesk::parse {

namespace {

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string_view Get(std::string_view key) const {
    for (const auto& [k, v] : attrs) {
      if (k == key) return v;
    }
    return {};
  }
};

// Reads the tag starting at html[i] == '<'; advances i past it.
Tag ReadTag(std::string_view html, size_t& i) {
  Tag t;
  size_t k = i + 1;
  while (k < html.size() && (std::isalnum(static_cast<unsigned char>(html[k])) != 0)) {
    t.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[k++])));
  }
  while (k < html.size() && html[k] != '>') {
    while (k < html.size() && (std::isspace(static_cast<unsigned char>(html[k])) || html[k] == '/')) ++k;
    size_t n = k;
    while (n < html.size() && !std::isspace(static_cast<unsigned char>(html[n])) && html[n] != '=' &&
           html[n] != '>' && html[n] != '/') {
      ++n;
    }
    std::string key = AsciiLower(html.substr(k, n - k));
    k = n;
    while (k < html.size() && std::isspace(static_cast<unsigned char>(html[k]))) ++k;
    std::string value;
    if (k < html.size() && html[k] == '=') {
      ++k;
      while (k < html.size() && std::isspace(static_cast<unsigned char>(html[k]))) ++k;
      if (k < html.size() && (html[k] == '"' || html[k] == '\'')) {
        const char q = html[k++];
        const size_t end = html.find(q, k);
        const size_t stop = end == std::string_view::npos ? html.size() : end;
        value = std::string(html.substr(k, stop - k));
        k = std::min(stop + 1, html.size());
      } else {
        const size_t start = k;
        while (k < html.size() && !std::isspace(static_cast<unsigned char>(html[k])) && html[k] != '>') ++k;
        value = std::string(html.substr(start, k - start));
      }
    }
    if (!key.empty()) t.attrs.emplace_back(std::move(key), DecodeHtmlEntities(value));
    else if (k < html.size() && html[k] != '>') ++k;  // a stray character: step over it
  }
  i = k;
  return t;
}

bool IsFeedType(std::string_view type) {
  const std::string t = AsciiLower(Trim(type));
  return t == "application/rss+xml" || t == "application/atom+xml" || t == "application/rdf+xml" ||
         t == "application/feed+json" || t == "application/json" || t == "text/xml" ||
         t == "application/xml";
}

bool HasToken(std::string_view list, std::string_view token) {
  const std::string l = AsciiLower(list);
  size_t i = 0;
  while (i < l.size()) {
    while (i < l.size() && std::isspace(static_cast<unsigned char>(l[i]))) ++i;
    size_t j = i;
    while (j < l.size() && !std::isspace(static_cast<unsigned char>(l[j]))) ++j;
    if (std::string_view(l).substr(i, j - i) == token) return true;
    i = j;
  }
  return false;
}

}  // namespace

std::vector<DiscoveredFeed> DiscoverFeeds(std::string_view html, std::string_view page_url) {
  html = html.substr(0, 256 * 1024);
  std::vector<DiscoveredFeed> out;
  std::string base(page_url);
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.substr(i, 4) == "<!--") {
      const size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    Tag t = ReadTag(html, i);
    if (t.name == "body") break;
    if (t.name == "base" && !t.Get("href").empty()) {
      base = base.empty() ? std::string(t.Get("href")) : ResolveUrl(base, t.Get("href"));
    } else if (t.name == "link" && HasToken(t.Get("rel"), "alternate") && IsFeedType(t.Get("type")) &&
               !Trim(t.Get("href")).empty()) {
      const std::string_view href = Trim(t.Get("href"));
      if (HasUrlScheme(href) && !AsciiLower(href).starts_with("http")) continue;
      const std::string url = base.empty() ? std::string(Trim(t.Get("href")))
                                           : ResolveUrl(base, t.Get("href"));
      auto parsed = ParseUrl(url);
      if (!parsed || (parsed->scheme != "http" && parsed->scheme != "https")) continue;
      const bool dup = std::any_of(out.begin(), out.end(),
                                   [&url](const DiscoveredFeed& d) { return d.url == url; });
      if (!dup) {
        out.push_back({url, HtmlToPlainText(t.Get("title")), AsciiLower(Trim(t.Get("type")))});
      }
    }
  }
  return out;
}

}  // namespace wiredesk::parse
