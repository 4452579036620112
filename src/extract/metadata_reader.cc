#include "extract/metadata_reader.h"

#include <nlohmann/json.hpp>

#include <array>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "core/url.h"
#include "extract/dom_hints.h"

namespace wiredesk::extract {

using parse::Node;

namespace {

// Hostile pages can carry megabytes of JSON-LD; real ones carry a few kilobytes.
constexpr size_t kMaxJsonLdBytes = 1 << 20;
constexpr int kMaxJsonLdScripts = 16;
constexpr size_t kMaxJsonLdObjects = 2000;

bool IsArticleType(std::string_view t) {
  static constexpr std::array<std::string_view, 14> kTypes = {
      "NewsArticle",        "Article",          "ReportageNewsArticle", "AnalysisNewsArticle",
      "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "BlogPosting",
      "LiveBlogPosting",    "TechArticle",      "ScholarlyArticle",     "Report",
      "SocialMediaPosting", "SatiricalArticle"};
  if (StartsWith(t, "http://schema.org/")) t.remove_prefix(18);
  if (StartsWith(t, "https://schema.org/")) t.remove_prefix(19);
  for (std::string_view k : kTypes) {
    if (t == k) return true;
  }
  return false;
}

bool HasArticleType(const nlohmann::json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  if (it->is_string()) return IsArticleType(it->get_ref<const std::string&>());
  if (it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string() && IsArticleType(t.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

std::string JsonString(const nlohmann::json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return CollapseWhitespace(it->get_ref<const std::string&>());
  return {};
}

// schema.org `author` / `publisher`: a string, a Person/Organization, or an array of them.
std::string NamesOf(const nlohmann::json& v) {
  if (v.is_string()) return CollapseWhitespace(v.get_ref<const std::string&>());
  if (v.is_object()) return JsonString(v, "name");
  std::string out;
  if (v.is_array()) {
    for (const auto& item : v) {
      std::string name = NamesOf(item.is_array() ? nlohmann::json() : item);
      if (name.empty() || out.find(name) != std::string::npos) continue;
      if (!out.empty()) out += ", ";
      out += name;
    }
  }
  return out;
}

struct JsonLdArticle {
  std::string headline;
  std::string description;
  std::string author;
  std::string date_published;
  std::string publisher;
  std::string license;
  std::string url;
};

// Finds the first article object in a JSON-LD value: top level, an array, or @graph.
// Iterative, with a bound, because the JSON comes from the page.
const nlohmann::json* FindArticleObject(const nlohmann::json& root) {
  std::vector<const nlohmann::json*> stack{&root};
  size_t seen = 0;
  while (!stack.empty() && seen++ < kMaxJsonLdObjects) {
    const nlohmann::json* v = stack.back();
    stack.pop_back();
    if (v->is_object()) {
      if (HasArticleType(*v)) return v;
      auto graph = v->find("@graph");
      if (graph != v->end()) stack.push_back(&*graph);
      auto main = v->find("mainEntity");
      if (main != v->end()) stack.push_back(&*main);
    } else if (v->is_array()) {
      for (auto it = v->rbegin(); it != v->rend(); ++it) stack.push_back(&*it);
    }
  }
  return nullptr;
}

std::optional<JsonLdArticle> ReadJsonLd(const std::vector<Node>& scripts) {
  int count = 0;
  for (Node script : scripts) {
    if (AsciiLower(Trim(script.Attr("type"))) != "application/ld+json") continue;
    if (++count > kMaxJsonLdScripts) break;
    std::string text;
    for (Node c : script.Children()) text += c.Text();
    if (text.size() > kMaxJsonLdBytes) continue;
    // Publishers often leave a trailing ';' or HTML comment markers around the JSON.
    std::string_view body = Trim(text);
    if (StartsWith(body, "<!--")) body.remove_prefix(4);
    if (EndsWith(body, "-->")) body.remove_suffix(3);
    body = Trim(body);
    while (!body.empty() && body.back() == ';') body.remove_suffix(1);
    nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    const nlohmann::json* obj = FindArticleObject(j);
    if (obj == nullptr) continue;
    JsonLdArticle a;
    a.headline = JsonString(*obj, "headline");
    if (a.headline.empty()) a.headline = JsonString(*obj, "name");
    a.description = JsonString(*obj, "description");
    if (auto it = obj->find("author"); it != obj->end()) a.author = NamesOf(*it);
    a.date_published = JsonString(*obj, "datePublished");
    if (auto it = obj->find("publisher"); it != obj->end()) a.publisher = NamesOf(*it);
    a.license = JsonString(*obj, "license");
    a.url = JsonString(*obj, "url");
    return a;
  }
  return std::nullopt;
}

std::string StripBy(std::string_view s) {
  s = Trim(s);
  std::string lower = AsciiLower(s.substr(0, 3));
  if (lower == "by " || lower == "by:") s = Trim(s.substr(3));
  return std::string(s);
}

bool LooksLikeUrl(std::string_view s) { return StartsWith(s, "http://") || StartsWith(s, "https://"); }

std::string HttpUrlOrEmpty(std::string_view base, std::string_view ref) {
  ref = Trim(ref);
  if (ref.empty()) return {};
  std::string resolved = ResolveUrl(base, ref);
  auto url = ParseUrl(resolved);
  if (!url || (url->scheme != "http" && url->scheme != "https")) return {};
  return url->ToString();
}

}  // namespace

std::string PrimaryLanguage(std::string_view tag) {
  tag = Trim(tag);
  size_t end = tag.find_first_of("-_");
  std::string_view primary = tag.substr(0, end);
  if (primary.size() < 2 || primary.size() > 3) return {};
  for (char c : primary) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return {};
  }
  return AsciiLower(primary);
}

std::string StripSiteSuffix(std::string_view title_in, std::string_view site_name) {
  std::string title = CollapseWhitespace(title_in);
  static constexpr std::array<std::string_view, 7> kSeparators = {
      " | ", " - ", " – ", " — ", " :: ", " · ", " / "};
  // The suffix is the text after the last separator; keep the rest when it still reads as a
  // headline (3+ words), as Readability.js does, else the site name was probably the title.
  size_t best = std::string::npos;
  size_t sep_len = 0;
  for (std::string_view sep : kSeparators) {
    size_t at = title.rfind(sep);
    if (at != std::string::npos && (best == std::string::npos || at > best)) {
      best = at;
      sep_len = sep.size();
    }
  }
  if (best == std::string::npos) return title;
  std::string head = title.substr(0, best);
  std::string tail = title.substr(best + sep_len);
  if (!site_name.empty() && AsciiLower(Trim(head)) == AsciiLower(Trim(site_name))) {
    return tail;  // "The Gazette | Storm hits coast"
  }
  size_t words = 1;
  for (char c : head) words += c == ' ';
  if (words < 3) return title;
  return head;
}

PageMetadata ReadMetadata(const parse::HtmlDocument& doc, std::string_view page_url) {
  PageMetadata m;
  // One walk collects everything the head (and body microdata) can say.
  std::unordered_map<std::string, std::string> meta;  // first value per lower-cased key
  std::vector<Node> scripts;
  std::string title_text;
  std::string base_href;
  std::string canonical_href;
  std::string license_href;
  std::string rel_author;
  std::string byline_class_text;
  std::string itemprop_author;
  std::string time_datetime;
  bool have_title = false;
  parse::WalkSubtree(doc.Document(), [&](Node n) {
    switch (n.Tag()) {
      case MyHTML_TAG_META: {
        std::string_view content = n.Attr("content");
        if (content.empty()) return false;
        for (std::string_view attr : {"property", "name", "itemprop", "http-equiv"}) {
          std::string_view key = n.Attr(attr);
          if (!key.empty()) meta.try_emplace(AsciiLower(Trim(key)), std::string(Trim(content)));
        }
        return false;
      }
      case MyHTML_TAG_LINK: {
        std::string rel = AsciiLower(n.Attr("rel"));
        if (rel == "canonical" && canonical_href.empty()) canonical_href = n.Attr("href");
        if (rel == "license" && license_href.empty()) license_href = n.Attr("href");
        return false;
      }
      case MyHTML_TAG_BASE:
        if (base_href.empty()) base_href = n.Attr("href");
        return false;
      case MyHTML_TAG_TITLE:
        if (!have_title) {
          title_text = parse::TextContent(n);
          have_title = true;
        }
        return false;
      case MyHTML_TAG_SCRIPT:
        scripts.push_back(n);
        return false;
      case MyHTML_TAG_STYLE: case MyHTML_TAG_TEMPLATE: case MyHTML_TAG_SVG:
        return false;
      case MyHTML_TAG_H1:
        if (m.h1.empty()) m.h1 = parse::TextContent(n);
        return false;
      case MyHTML_TAG_A: {
        if (rel_author.empty() && AsciiLower(n.Attr("rel")) == "author") {
          rel_author = parse::TextContent(n);
        }
        if (AsciiLower(n.Attr("rel")) == "license" && license_href.empty()) {
          license_href = n.Attr("href");
        }
        break;
      }
      case MyHTML_TAG_TIME:
        if (time_datetime.empty() || n.HasAttr("pubdate")) {
          std::string_view dt = n.Attr("datetime");
          if (!dt.empty() && (time_datetime.empty() || n.HasAttr("pubdate"))) time_datetime = dt;
        }
        break;
      default:
        break;
    }
    if (n.IsElement()) {
      std::string_view itemprop = n.Attr("itemprop");
      if (itemprop == "author" && itemprop_author.empty()) {
        Node name_node = n;
        parse::WalkSubtree(n, [&](Node c) {
          if (c.Attr("itemprop") == "name") name_node = c;
          return name_node == n;
        });
        itemprop_author = name_node.Is(MyHTML_TAG_META) ? std::string(name_node.Attr("content"))
                                                        : parse::TextContent(name_node);
      }
      if (byline_class_text.empty()) {
        std::string cls = AsciiLower(n.Attr("class"));
        if (cls.find("byline") != std::string::npos || cls.find("author-name") != std::string::npos) {
          std::string text = parse::TextContent(n);
          if (!text.empty() && text.size() < 100) byline_class_text = text;
        }
      }
    }
    return true;
  });

  auto get = [&](std::string_view key) -> std::string {
    auto it = meta.find(std::string(key));
    return it == meta.end() ? std::string() : CollapseWhitespace(it->second);
  };
  auto first_of = [&](std::initializer_list<std::string_view> keys) -> std::string {
    for (std::string_view k : keys) {
      std::string v = get(k);
      if (!v.empty()) return v;
    }
    return {};
  };

  std::optional<JsonLdArticle> ld = ReadJsonLd(scripts);

  m.base_url = std::string(page_url);
  if (!base_href.empty()) {
    std::string b = HttpUrlOrEmpty(page_url, base_href);
    if (!b.empty()) m.base_url = b;
  }

  m.site_name = first_of({"og:site_name", "application-name"});
  if (m.site_name.empty() && ld) m.site_name = ld->publisher;

  // Headline: the article's own structured data first, then social cards, then <title>.
  if (ld && !ld->headline.empty()) {
    m.title = ld->headline;
  } else if (std::string og = first_of({"dc:title", "dcterm:title", "dc.title", "dcterms.title", "og:title", "parsely-title", "twitter:title"});
             !og.empty()) {
    m.title = StripSiteSuffix(og, m.site_name);
  } else if (!title_text.empty()) {
    m.title = StripSiteSuffix(title_text, m.site_name);
  } else {
    m.title = m.h1;
  }

  m.dek = first_of({"og:description", "description", "twitter:description"});
  if (m.dek.empty() && ld) m.dek = ld->description;

  if (ld && !ld->author.empty()) {
    m.byline = ld->author;
  } else if (std::string a = first_of({"author", "dc:creator", "dc.creator", "dcterm:creator", "parsely-author", "sailthru.author"});
             !a.empty() && !LooksLikeUrl(a)) {
    m.byline = a;
  } else if (std::string aa = get("article:author"); !aa.empty() && !LooksLikeUrl(aa)) {
    m.byline = aa;
  } else if (!rel_author.empty()) {
    m.byline = rel_author;
  } else if (!itemprop_author.empty()) {
    m.byline = itemprop_author;
  } else {
    m.byline = byline_class_text;
  }
  m.byline = StripBy(m.byline);
  if (m.byline.size() > 200) m.byline.clear();

  std::vector<std::string> dates;
  if (ld) dates.push_back(ld->date_published);
  for (std::string_view k : {"article:published_time", "og:article:published_time",
                             "datepublished", "date", "pubdate", "publishdate", "dc.date",
                             "dc.date.issued", "dcterms.date", "dcterms.created",
                             "sailthru.date", "parsely-pub-date", "publish-date"}) {
    dates.push_back(get(k));
  }
  dates.push_back(time_datetime);
  for (const std::string& d : dates) {
    if (d.empty()) continue;
    if (auto t = ParseIso8601(Trim(d))) {
      m.published = t;
      break;
    }
  }

  std::string canonical = HttpUrlOrEmpty(page_url, canonical_href);
  if (canonical.empty()) canonical = HttpUrlOrEmpty(page_url, get("og:url"));
  m.canonical_url = canonical;

  std::string lang = PrimaryLanguage(doc.Html().Attr("lang"));
  if (lang.empty()) lang = PrimaryLanguage(doc.Html().Attr("xml:lang"));
  if (lang.empty()) lang = PrimaryLanguage(get("og:locale"));
  if (lang.empty()) lang = PrimaryLanguage(get("content-language"));
  if (lang.empty()) lang = PrimaryLanguage(get("language"));
  m.language = lang;

  if (!license_href.empty()) {
    m.rights = HttpUrlOrEmpty(m.base_url, license_href);
    if (m.rights.empty()) m.rights = CollapseWhitespace(license_href);
  }
  if (m.rights.empty()) m.rights = first_of({"dcterms.rights", "dc.rights", "copyright", "rights"});
  if (m.rights.empty() && ld) m.rights = ld->license;
  return m;
}

}  // namespace wiredesk::extract
