#include "extract/metadata_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "core/url.h"
#include "extract/byline.h"
#include "extract/dom_hints.h"

namespace wiredesk::extract {

using parse::Node;

namespace {

// Hostile pages can carry megabytes of JSON-LD; real ones carry a few kilobytes.
constexpr size_t kMaxJsonLdBytes = 1 << 20;
constexpr int kMaxJsonLdScripts = 16;
constexpr size_t kMaxJsonLdObjects = 2000;
constexpr size_t kMaxHeadings = 200;

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
  std::string name;
  std::string description;
  std::string author;
  std::string date_published;
  std::string publisher;
  std::string license;
  std::string url;
  bool locked = false;  // isAccessibleForFree: false
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

std::optional<JsonLdArticle> ReadJsonLd(const std::vector<Node>& scripts, bool* video_object) {
  int count = 0;
  for (Node script : scripts) {
    if (AsciiLower(Trim(script.Attr("type"))) != "application/ld+json") continue;
    if (++count > kMaxJsonLdScripts) break;
    std::string text;
    for (Node c : script.Children()) text += c.Text();
    if (text.size() > kMaxJsonLdBytes) continue;
    if (text.find("\"VideoObject\"") != std::string::npos) *video_object = true;
    // Publishers often leave a trailing ';' or HTML comment markers around the JSON.
    std::string_view body = Trim(text);
    if (StartsWith(body, "<!--")) body.remove_prefix(4);
    if (EndsWith(body, "-->")) body.remove_suffix(3);
    body = Trim(body);
    // XHTML-era templates wrap it in CDATA markers, sometimes behind a JavaScript comment.
    if (StartsWith(body, "//")) body = Trim(body.substr(2));
    if (StartsWith(body, "<![CDATA[")) body.remove_prefix(9);
    if (EndsWith(body, "]]>")) body.remove_suffix(3);
    body = Trim(body);
    if (EndsWith(body, "//")) body = Trim(body.substr(0, body.size() - 2));
    while (!body.empty() && body.back() == ';') body.remove_suffix(1);
    nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    const nlohmann::json* obj = FindArticleObject(j);
    if (obj == nullptr) continue;
    JsonLdArticle a;
    a.headline = JsonString(*obj, "headline");
    a.name = JsonString(*obj, "name");
    a.description = JsonString(*obj, "description");
    if (auto it = obj->find("author"); it != obj->end()) a.author = NamesOf(*it);
    a.date_published = JsonString(*obj, "datePublished");
    if (auto it = obj->find("publisher"); it != obj->end()) a.publisher = NamesOf(*it);
    a.license = JsonString(*obj, "license");
    a.url = JsonString(*obj, "url");
    if (auto it = obj->find("isAccessibleForFree"); it != obj->end()) {
      a.locked = (it->is_boolean() && !it->get<bool>()) ||
                 (it->is_string() && AsciiLower(it->get_ref<const std::string&>()) == "false");
    }
    return a;
  }
  return std::nullopt;
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

size_t WordCount(std::string_view s) {
  // JavaScript's str.split(/\s+/).length: a leading or trailing space makes an empty word.
  size_t n = 1;
  bool in_space = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (space && !in_space) ++n;
    in_space = space;
  }
  return n;
}

bool IsTitleSeparator(char c) {
  return c == '|' || c == '-' || c == '\\' || c == '/' || c == '>';
}

// " X " where X is one of | - \ / > », as Readability.js's / [\|\-\\\/>»] /; returns the
// positions of the leading spaces. "»" is two bytes in UTF-8.
std::vector<size_t> SeparatorPositions(std::string_view t, bool hierarchical_only) {
  std::vector<size_t> out;
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i] != ' ') continue;
    if (StartsWith(t.substr(i + 1), "\u00bb ")) {
      out.push_back(i);
    } else if (IsTitleSeparator(t[i + 1]) && t[i + 2] == ' ' &&
               (!hierarchical_only || (t[i + 1] != '|' && t[i + 1] != '-'))) {
      out.push_back(i);
    }
  }
  return out;
}

// Lower-cased \w+ tokens, for Readability.js's _textSimilarity.
std::vector<std::string> SimilarityTokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
      cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// 1 minus the share of b's text made of tokens a lacks.
double TextSimilarity(std::string_view a, std::string_view b) {
  std::vector<std::string> ta = SimilarityTokens(a);
  std::vector<std::string> tb = SimilarityTokens(b);
  if (ta.empty() || tb.empty()) return 0;
  size_t total = 0;
  size_t unique = 0;
  size_t unique_count = 0;
  for (const std::string& t : tb) {
    total += t.size();
    if (std::find(ta.begin(), ta.end(), t) == ta.end()) {
      unique += t.size();
      ++unique_count;
    }
  }
  total += tb.size() - 1;
  if (unique_count > 0) unique += unique_count - 1;
  return 1.0 - double(unique) / double(total);
}

}  // namespace

std::string TitleFromTitleElement(std::string_view title_in, const std::vector<std::string>& headings,
                                  const std::vector<std::string>& h1s) {
  // Readability.js's _getArticleTitle, the rule the readability test pages were written for.
  std::string orig = CollapseWhitespace(title_in);
  std::string cur = orig;
  bool hierarchical = false;
  std::vector<size_t> seps = SeparatorPositions(orig, false);
  if (!seps.empty()) {
    hierarchical = !SeparatorPositions(orig, true).empty();
    cur = orig.substr(0, seps.back());
    if (WordCount(cur) < 3) {
      // Remove the first part instead: everything up to the first separator character.
      size_t at = std::string::npos;
      for (size_t i = 0; i < orig.size(); ++i) {
        if (IsTitleSeparator(orig[i]) || StartsWith(std::string_view(orig).substr(i), "\u00bb")) {
          at = i + (orig[i] == '\xC2' ? 2 : 1);
          break;
        }
      }
      if (at != std::string::npos) cur = orig.substr(at);
    }
  } else if (orig.find(": ") != std::string::npos) {
    bool heading_matches = std::find(headings.begin(), headings.end(), orig) != headings.end();
    if (!heading_matches) {
      cur = orig.substr(orig.rfind(':') + 1);
      if (WordCount(cur) < 3) {
        cur = orig.substr(orig.find(':') + 1);
      } else if (WordCount(orig.substr(0, orig.find(':'))) > 5) {
        cur = orig;
      }
    }
  } else if ((orig.size() > 150 || orig.size() < 15) && h1s.size() == 1) {
    cur = h1s[0];
  }
  cur = CollapseWhitespace(cur);
  size_t words = WordCount(cur);
  if (words <= 4) {
    std::string stripped;
    for (char c : orig) {
      if (!IsTitleSeparator(c)) stripped += c;
    }
    if (!hierarchical || words != WordCount(stripped) - 1) cur = orig;
  }
  return cur;
}

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

PageMetadata ReadMetadata(const parse::HtmlDocument& doc, std::string_view page_url, HintCache& hints) {
  PageMetadata m;
  // One walk collects everything the head (and body microdata) can say.
  std::unordered_map<std::string, std::string> meta;  // first value per lower-cased key
  std::vector<Node> scripts;
  std::string title_text;
  std::string base_href;
  std::string canonical_href;
  std::string license_href;
  std::string content_byline;
  std::string time_datetime;
  bool have_title = false;
  std::vector<std::string> headings;  // <h1> and <h2> texts
  std::vector<std::string> h1s;
  parse::WalkSubtree(doc.Document(), [&](Node n) {
    switch (n.Tag()) {
      case MyHTML_TAG_META: {
        std::string_view content = n.Attr("content");
        if (content.empty()) return false;
        for (std::string_view attr : {"property", "name", "itemprop", "http-equiv"}) {
          std::string_view key = n.Attr(attr);
          if (key.empty()) continue;
          std::string lower = AsciiLower(Trim(key));
          meta.try_emplace(lower, std::string(Trim(content)));
          // RDFa: property="og:title dc:title" states both.
          if (attr == "property" && lower.find(' ') != std::string::npos) {
            size_t i = 0;
            while (i < lower.size()) {
              size_t j = lower.find(' ', i);
              if (j == std::string::npos) j = lower.size();
              if (j > i) meta.try_emplace(lower.substr(i, j - i), std::string(Trim(content)));
              i = j + 1;
            }
          }
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
      case MyHTML_TAG_H2:
        if (headings.size() < kMaxHeadings) {
          headings.push_back(parse::TextContent(n));
          if (n.Is(MyHTML_TAG_H1)) h1s.push_back(headings.back());
        }
        if (m.h1.empty() && n.Is(MyHTML_TAG_H1)) m.h1 = parse::TextContent(n);
        return false;
      case MyHTML_TAG_VIDEO:
        ++m.video_players;
        break;
      case MyHTML_TAG_IFRAME: {
        std::string src = AsciiLower(n.Attr("src"));
        for (std::string_view host : {"youtube.com/embed", "youtube-nocookie.com", "player.vimeo.com",
                                      "dailymotion.com/embed", "jwplayer", "brightcove"}) {
          if (src.find(host) != std::string::npos) {
            ++m.video_players;
            break;
          }
        }
        return false;
      }
      case MyHTML_TAG_A: {
        if (n.HasAttr("href")) ++m.body_links;
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
    // Readability.js's byline in the page: the first element that says it is one (rel=author,
    // itemprop author, a byline/author/dateline class or id) with a short text.
    if (content_byline.empty() && n.IsElement() && !n.Is(MyHTML_TAG_META) && !n.Is(MyHTML_TAG_LINK) &&
        !n.Is(MyHTML_TAG_HTML) && !n.Is(MyHTML_TAG_BODY)) {
      std::string_view itemprop = n.Attr("itemprop");
      bool by_itemprop = itemprop.find("author") != std::string_view::npos;
      bool is_byline = by_itemprop || AsciiLower(n.Attr("rel")) == "author";
      if (!is_byline) is_byline = hints.Of(n).byline;
      // Not one inside a "related" box or the footer: that is another article's author.
      for (Node a = n.Parent(); is_byline && a; a = a.Parent()) {
        if (a.Is(MyHTML_TAG_ASIDE) || a.Is(MyHTML_TAG_NAV) || a.Is(MyHTML_TAG_FOOTER) ||
            (a.IsElement() && hints.Of(a).related)) {
          is_byline = false;
        }
      }
      if (is_byline && !hints.Of(n).hidden) {
        Node name_node = n;
        if (by_itemprop) {
          parse::WalkSubtree(n, [&](Node c) {
            if (c != n && c.Attr("itemprop") == "name") name_node = c;
            return name_node == n;
          });
        }
        std::string text = name_node.Is(MyHTML_TAG_META) ? CollapseWhitespace(name_node.Attr("content"))
                                                         : parse::TextContent(name_node);
        // A byline element that names nobody (a date, a sign-in strip) does not end the search.
        if (!text.empty() && Utf8Length(text) < 100 && !AuthorsFromByline(text).empty()) {
          content_byline = std::move(text);
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

  std::optional<JsonLdArticle> ld = ReadJsonLd(scripts, &m.video_object);
  m.og_type = AsciiLower(get("og:type"));
  std::string tier = AsciiLower(first_of({"article:content_tier", "content_tier"}));
  m.locked = (ld && ld->locked) || tier == "locked" || tier == "metered";

  m.base_url = std::string(page_url);
  if (!base_href.empty()) {
    std::string b = HttpUrlOrEmpty(page_url, base_href);
    if (!b.empty()) m.base_url = b;
  }

  m.site_name = first_of({"og:site_name", "application-name"});
  if (m.site_name.empty() && ld) m.site_name = ld->publisher;

  // Headline, in Readability.js's order (the readability test pages are its output):
  // JSON-LD name or headline, the metadata titles as written, then <title> cut at separators.
  if (ld && !ld->name.empty() && !ld->headline.empty() && ld->name != ld->headline) {
    std::string from_title = TitleFromTitleElement(title_text, headings, h1s);
    bool name_matches = TextSimilarity(ld->name, from_title) > 0.75;
    bool headline_matches = TextSimilarity(ld->headline, from_title) > 0.75;
    m.title = headline_matches && !name_matches ? ld->headline : ld->name;
  } else if (ld && (!ld->name.empty() || !ld->headline.empty())) {
    m.title = ld->name.empty() ? ld->headline : ld->name;
  }
  if (m.title.empty()) {
    m.title = first_of({"dc:title", "dcterm:title", "dc.title", "dcterms.title", "og:title",
                        "weibo:article:title", "weibo:webpage:title", "title", "twitter:title",
                        "parsely-title"});
  }
  if (m.title.empty() && !title_text.empty()) m.title = TitleFromTitleElement(title_text, headings, h1s);
  if (m.title.empty()) m.title = m.h1;

  m.dek = first_of({"og:description", "description", "twitter:description"});
  if (m.dek.empty() && ld) m.dek = ld->description;

  if (ld && !ld->author.empty()) {
    m.byline = ld->author;
  } else if (std::string a = first_of({"dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator",
                                        "author", "parsely-author", "sailthru.author"});
             !a.empty() && !LooksLikeUrl(a)) {
    m.byline = a;
  } else if (std::string aa = get("article:author"); !aa.empty() && !LooksLikeUrl(aa)) {
    m.byline = aa;
  } else {
    m.byline = content_byline;
  }
  m.authors = AuthorsFromByline(m.byline);
  m.byline = JoinAuthors(m.authors);

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
