// Feed formats to entries. XML formats go through the bounded tree of feed_xml.h; JSON Feed
// through nlohmann (exceptions caught here). Everything ends in Normalise(), so the rules in
// feed_parser.h hold whatever the format.
#include "parse/feed_parser.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/text.h"
#include "core/url.h"
#include "parse/feed_date.h"
#include "parse/feed_html.h"
#include "parse/feed_xml.h"

namespace wiredesk::parse {

namespace {

using xml::Element;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kDcTermsNs = "http://purl.org/dc/terms/";
constexpr std::string_view kItunesNs = "http://www.itunes.com/dtds/podcast-1.0.dtd";
constexpr std::string_view kXhtmlNs = "http://www.w3.org/1999/xhtml";

bool IsMediaNs(std::string_view ns) { return ns.starts_with("http://search.yahoo.com/mrss"); }

std::string TrimmedText(const Element* e) {
  return e == nullptr ? std::string() : std::string(Trim(e->Text()));
}

std::string PlainText(const Element* e) {
  return e == nullptr ? std::string() : HtmlToPlainText(e->Text());
}

// The base for links inside `e`: its xml:base (or the document URL), else the site.
std::string BaseOf(const Element& e, const std::string& fallback) {
  return e.base.empty() ? fallback : e.base;
}

constexpr size_t kMaxTitleBytes = 400;
constexpr size_t kCutTitleChars = 120;

// A link's absolute http(s) URL; "" for another scheme ("javascript:", "data:") or a malformed
// one, which no reader can follow and no fetch may use.
std::string Absolute(const std::string& base, std::string_view ref) {
  const std::string_view r = Trim(ref);
  if (r.empty()) return {};
  std::string url = base.empty() ? std::string(r) : ResolveUrl(base, r);
  if (HasUrlScheme(url)) {
    const std::optional<Url> u = ParseUrl(url);
    if (!u || (u->scheme != "http" && u->scheme != "https")) return {};
  }
  return url;
}

std::string EscapedTextToHtml(std::string_view text) {
  // Plain text in an HTML field: escaped, with blank lines as paragraph breaks.
  const std::string_view t = Trim(text);
  if (t.empty()) return {};
  std::string out;
  size_t i = 0;
  while (i <= t.size()) {
    size_t end = t.find("\n\n", i);
    if (end == std::string_view::npos) end = t.size();
    const std::string para = CollapseWhitespace(t.substr(i, end - i));
    if (!para.empty()) {
      out += "<p>";
      AppendHtmlEscaped(out, para);
      out += "</p>";
    }
    i = end + 2;
  }
  return out;
}

enum class TextType { kText, kHtml, kXhtml };

TextType TextTypeOf(const Element& e) {
  const std::string type = AsciiLower(e.Attr("type"));
  if (type == "html" || type == "text/html" || e.Attr("mode") == "escaped") return TextType::kHtml;
  if (type == "xhtml" || type == "application/xhtml+xml") return TextType::kXhtml;
  return TextType::kText;
}

// Atom §3.1 text constructs as HTML.
std::string TextConstructHtml(const Element* e, const std::string& fallback_base) {
  if (e == nullptr) return {};
  const std::string base = BaseOf(*e, fallback_base);
  switch (TextTypeOf(*e)) {
    case TextType::kHtml: return ResolveHtmlUrls(Trim(e->Text()), base);
    case TextType::kXhtml: {
      const Element* div = e->Child(kXhtmlNs, "div");
      return ResolveHtmlUrls(Trim(div != nullptr ? div->InnerXml() : e->InnerXml()), base);
    }
    case TextType::kText: break;
  }
  return EscapedTextToHtml(e->Text());
}

// Atom §3.1 text constructs as one line of plain text.
std::string TextConstructPlain(const Element* e) {
  if (e == nullptr) return {};
  if (TextTypeOf(*e) == TextType::kHtml) return HtmlToPlainText(e->Text());
  return CollapseWhitespace(e->Text());
}

// RSS 2.0 <author> is an e-mail address, "jo@example.com (Jo Smith)" or just a name.
std::string AuthorName(std::string_view raw) {
  std::string s = HtmlToPlainText(raw);
  const size_t open = s.find('(');
  const size_t close = s.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1 &&
      s.substr(0, open).find('@') != std::string::npos) {
    return CollapseWhitespace(std::string_view(s).substr(open + 1, close - open - 1));
  }
  if (s.starts_with("mailto:")) s = s.substr(7);
  return s;
}

void AddAuthor(Entry& e, std::string name) {
  name = CollapseWhitespace(name);
  if (name.empty()) return;
  if (std::find(e.authors.begin(), e.authors.end(), name) == e.authors.end()) {
    e.authors.push_back(std::move(name));
  }
}

void AddCategory(Entry& e, std::string name) {
  name = HtmlToPlainText(name);
  if (name.empty()) return;
  if (std::find(e.categories.begin(), e.categories.end(), name) == e.categories.end()) {
    e.categories.push_back(std::move(name));
  }
}

int64_t ToLength(std::string_view s) {
  int64_t v = 0;
  for (char c : Trim(s)) {
    if (c < '0' || c > '9') return 0;
    if (v > (int64_t{1} << 50)) return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

void AddEnclosure(Entry& e, Enclosure enc) {
  if (enc.url.empty()) return;
  for (const Enclosure& have : e.enclosures) {
    if (have.url == enc.url) return;
  }
  e.enclosures.push_back(std::move(enc));
}

bool IsImage(const Enclosure& enc) {
  return enc.medium == "image" || enc.type.starts_with("image/");
}

// Media RSS (media:content, media:group, media:thumbnail, media:description), used by RSS and
// Atom feeds alike.
void ReadMedia(const Element& parent, Entry& e, const std::string& base, std::string& thumbnail,
               std::string& media_description, int level = 0) {
  for (const xml::Node& n : parent.children) {
    if (!n.element || !IsMediaNs(n.element->ns)) continue;
    const Element& m = *n.element;
    if (m.name == "content") {
      Enclosure enc;
      enc.url = Absolute(BaseOf(m, base), m.Attr("url"));
      enc.type = std::string(Trim(m.Attr("type")));
      enc.length = ToLength(m.Attr("fileSize"));
      enc.medium = AsciiLower(Trim(m.Attr("medium")));
      AddEnclosure(e, std::move(enc));
      if (level == 0) ReadMedia(m, e, base, thumbnail, media_description, level + 1);
    } else if (m.name == "group" && level == 0) {
      ReadMedia(m, e, base, thumbnail, media_description, level + 1);
    } else if (m.name == "thumbnail" && thumbnail.empty()) {
      thumbnail = Absolute(BaseOf(m, base), m.Attr("url"));
    } else if (m.name == "description" && media_description.empty()) {
      media_description = m.Attr("type") == "html" ? m.Text() : EscapedTextToHtml(m.Text());
    } else if (m.name == "credit" && m.Attr("role") == "author") {
      AddAuthor(e, m.Text());
    }
  }
}

void PickImage(Entry& e, const std::string& thumbnail) {
  if (!thumbnail.empty()) {
    e.image = thumbnail;
    return;
  }
  for (const Enclosure& enc : e.enclosures) {
    if (IsImage(enc)) {
      e.image = enc.url;
      return;
    }
  }
}

// ---- RSS 0.9x / 2.0 and RSS 1.0 ----------------------------------------------------------

Entry ReadRssItem(const Element& item, std::string_view ns, const std::string& site_url) {
  Entry e;
  const std::string base = BaseOf(item, site_url);
  e.title = PlainText(item.Child(ns, "title"));
  if (e.title.empty()) e.title = PlainText(item.Child(kDcNs, "title"));
  e.url = Absolute(base, TrimmedText(item.Child(ns, "link")));
  for (const Element* l : item.Children(kAtomNs, "link")) {
    const std::string_view rel = l->Attr("rel");
    if (e.url.empty() && (rel.empty() || rel == "alternate")) {
      e.url = Absolute(BaseOf(*l, base), l->Attr("href"));
    }
  }
  if (const Element* g = item.Child(ns, "guid")) {
    e.guid = std::string(Trim(g->Text()));
    // RSS 2.0: isPermaLink defaults to true; a permalink GUID is the link when there is none.
    // Only an absolute http(s) GUID: many feeds leave isPermaLink out on opaque ids.
    if (e.url.empty() && AsciiLower(g->Attr("isPermaLink")) != "false") {
      if (auto u = ParseUrl(e.guid); u && (u->scheme == "http" || u->scheme == "https")) {
        e.url = e.guid;
      }
    }
  }
  if (e.guid.empty()) e.guid = std::string(Trim(item.Attr("about", kRdfNs)));

  if (const Element* d = item.Child(ns, "description")) {
    e.summary = ResolveHtmlUrls(Trim(d->Text()), BaseOf(*d, base));
  }
  if (const Element* c = item.Child(kContentNs, "encoded")) {
    e.content_html = ResolveHtmlUrls(Trim(c->Text()), BaseOf(*c, base));
  }
  if (e.summary.empty()) {
    if (const Element* s = item.Child(kItunesNs, "summary")) e.summary = EscapedTextToHtml(s->Text());
  }

  for (const Element* a : item.Children(ns, "author")) AddAuthor(e, AuthorName(a->Text()));
  for (const Element* a : item.Children(kDcNs, "creator")) AddAuthor(e, HtmlToPlainText(a->Text()));
  if (e.authors.empty()) {
    if (const Element* a = item.Child(kItunesNs, "author")) AddAuthor(e, HtmlToPlainText(a->Text()));
  }
  for (const Element* c : item.Children(ns, "category")) AddCategory(e, c->Text());
  for (const Element* c : item.Children(kDcNs, "subject")) AddCategory(e, c->Text());

  for (const Element* enc : item.Children(ns, "enclosure")) {
    Enclosure x;
    x.url = Absolute(BaseOf(*enc, base), enc->Attr("url"));
    x.type = std::string(Trim(enc->Attr("type")));
    x.length = ToLength(enc->Attr("length"));
    AddEnclosure(e, std::move(x));
  }
  std::string thumbnail, media_description;
  ReadMedia(item, e, base, thumbnail, media_description);
  if (thumbnail.empty()) {
    if (const Element* img = item.Child(kItunesNs, "image")) {
      thumbnail = Absolute(BaseOf(*img, base), img->Attr("href"));
    }
  }
  PickImage(e, thumbnail);
  if (e.summary.empty()) e.summary = media_description;

  for (const char* name : {"pubDate", "pubdate"}) {
    if (!e.published) {
      if (const Element* d = item.Child(ns, name)) e.published = ParseFeedDate(d->Text());
    }
  }
  if (!e.published) {
    if (const Element* d = item.Child(kDcNs, "date")) e.published = ParseFeedDate(d->Text());
  }
  if (!e.published) {
    if (const Element* d = item.Child(kDcTermsNs, "issued")) e.published = ParseFeedDate(d->Text());
  }
  if (const Element* u = item.Child(kAtomNs, "updated")) e.updated = ParseFeedDate(u->Text());
  if (!e.updated) {
    if (const Element* u = item.Child(kDcTermsNs, "modified")) e.updated = ParseFeedDate(u->Text());
  }
  return e;
}

Result<ParsedFeed> ReadRss(const Element& root, const FeedParseOptions& options) {
  ParsedFeed f;
  f.format = FeedFormat::kRss;
  f.version = std::string(Trim(root.Attr("version")));
  const std::string_view ns = root.ns;  // RSS has none, but a few feeds add a default one
  const Element* channel = root.Child(ns, "channel");
  if (channel == nullptr) return Fail(ErrorCode::kParse, "RSS feed without a <channel>");
  f.feed.title = PlainText(channel->Child(ns, "title"));
  f.site_url = Absolute(BaseOf(*channel, options.url), TrimmedText(channel->Child(ns, "link")));
  for (const Element* l : channel->Children(kAtomNs, "link")) {
    if (l->Attr("rel") == "self" && f.self_url.empty()) {
      f.self_url = Absolute(BaseOf(*l, options.url), l->Attr("href"));
    }
    if (f.site_url.empty() && (l->Attr("rel").empty() || l->Attr("rel") == "alternate")) {
      f.site_url = Absolute(BaseOf(*l, options.url), l->Attr("href"));
    }
  }
  f.description = PlainText(channel->Child(ns, "description"));
  f.language = TrimmedText(channel->Child(ns, "language"));
  // RSS 0.91 puts items in the channel; a few broken feeds put them beside it.
  const std::string& base = options.url.empty() ? f.site_url : options.url;
  for (const Element* item : channel->Children(ns, "item")) {
    f.entries.push_back(ReadRssItem(*item, ns, base));
  }
  for (const Element* item : root.Children(ns, "item")) {
    f.entries.push_back(ReadRssItem(*item, ns, base));
  }
  return f;
}

Result<ParsedFeed> ReadRdf(const Element& root, const FeedParseOptions& options) {
  ParsedFeed f;
  f.format = FeedFormat::kRdf;
  std::string_view ns = kRss10Ns;
  f.version = "1.0";
  const Element* channel = root.Child(ns, "channel");
  if (channel == nullptr && root.Child(kRss090Ns, "channel") != nullptr) {
    ns = kRss090Ns;
    f.version = "0.90";
    channel = root.Child(ns, "channel");
  }
  if (channel == nullptr) return Fail(ErrorCode::kParse, "RDF document without an RSS <channel>");
  f.feed.title = PlainText(channel->Child(ns, "title"));
  f.site_url = Absolute(BaseOf(*channel, options.url), TrimmedText(channel->Child(ns, "link")));
  f.description = PlainText(channel->Child(ns, "description"));
  f.language = TrimmedText(channel->Child(kDcNs, "language"));
  const std::string& base = options.url.empty() ? f.site_url : options.url;
  for (const Element* item : root.Children(ns, "item")) {
    f.entries.push_back(ReadRssItem(*item, ns, base));
  }
  return f;
}

// ---- Atom --------------------------------------------------------------------------------

std::vector<std::string> AtomAuthors(const Element& parent, std::string_view ns) {
  std::vector<std::string> names;
  for (const Element* a : parent.Children(ns, "author")) {
    std::string name = CollapseWhitespace(TrimmedText(a->Child(ns, "name")));
    if (name.empty()) name = CollapseWhitespace(TrimmedText(a->Child(ns, "email")));
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

Entry ReadAtomEntry(const Element& entry, std::string_view ns, const std::string& fallback_base,
                    const std::vector<std::string>& feed_authors) {
  Entry e;
  const std::string base = BaseOf(entry, fallback_base);
  e.guid = TrimmedText(entry.Child(ns, "id"));
  e.title = TextConstructPlain(entry.Child(ns, "title"));
  int best = -1;  // 2: alternate text/html, 1: alternate of another type
  for (const Element* l : entry.Children(ns, "link")) {
    const std::string rel = AsciiLower(Trim(l->Attr("rel")));
    const std::string href = Absolute(BaseOf(*l, base), l->Attr("href"));
    if (href.empty()) continue;
    if (rel.empty() || rel == "alternate") {
      const std::string_view type = l->Attr("type");
      const int score = (type.empty() || type == "text/html") ? 2 : 1;
      if (score > best) {
        best = score;
        e.url = href;
      }
    } else if (rel == "enclosure") {
      AddEnclosure(e, Enclosure{href, std::string(Trim(l->Attr("type"))),
                                ToLength(l->Attr("length")), ""});
    }
  }
  for (std::string& a : AtomAuthors(entry, ns)) AddAuthor(e, std::move(a));
  for (const Element* a : entry.Children(kDcNs, "creator")) AddAuthor(e, HtmlToPlainText(a->Text()));
  if (e.authors.empty()) {
    if (const Element* src = entry.Child(ns, "source")) {
      for (std::string& a : AtomAuthors(*src, ns)) AddAuthor(e, std::move(a));
    }
  }
  if (e.authors.empty()) {
    for (const std::string& a : feed_authors) AddAuthor(e, a);
  }
  for (const Element* c : entry.Children(ns, "category")) {
    const std::string_view label = c->Attr("label");
    AddCategory(e, std::string(label.empty() ? c->Attr("term") : label));
  }
  e.summary = TextConstructHtml(entry.Child(ns, "summary"), base);
  if (const Element* c = entry.Child(ns, "content")) {
    // Out-of-line content (src=) is a link, not a body (RFC 4287 §4.1.3.2).
    if (!c->HasAttr("src")) e.content_html = TextConstructHtml(c, base);
  }
  std::string thumbnail, media_description;
  ReadMedia(entry, e, base, thumbnail, media_description);
  PickImage(e, thumbnail);
  if (e.summary.empty() && e.content_html.empty()) e.summary = media_description;

  const Element* published = entry.Child(ns, "published");
  if (published == nullptr) published = entry.Child(ns, "issued");  // Atom 0.3
  if (published != nullptr) e.published = ParseFeedDate(published->Text());
  const Element* updated = entry.Child(ns, "updated");
  if (updated == nullptr) updated = entry.Child(ns, "modified");  // Atom 0.3
  if (updated != nullptr) e.updated = ParseFeedDate(updated->Text());
  return e;
}

Result<ParsedFeed> ReadAtom(const Element& root, const FeedParseOptions& options) {
  ParsedFeed f;
  f.format = FeedFormat::kAtom;
  const std::string_view ns = root.ns;
  f.version = ns == kAtomNs ? "1.0" : "0.3";
  f.feed.title = TextConstructPlain(root.Child(ns, "title"));
  for (const Element* l : root.Children(ns, "link")) {
    const std::string rel = AsciiLower(Trim(l->Attr("rel")));
    const std::string href = Absolute(BaseOf(*l, options.url), l->Attr("href"));
    if ((rel.empty() || rel == "alternate") && f.site_url.empty()) f.site_url = href;
    if (rel == "self" && f.self_url.empty()) f.self_url = href;
  }
  const Element* subtitle = root.Child(ns, "subtitle");
  if (subtitle == nullptr) subtitle = root.Child(ns, "tagline");  // Atom 0.3
  f.description = TextConstructPlain(subtitle);
  f.language = std::string(Trim(root.Attr("lang", xml::kXmlNs)));
  const std::vector<std::string> feed_authors = AtomAuthors(root, ns);
  const std::string base = root.base.empty() ? f.site_url : root.base;
  for (const Element* entry : root.Children(ns, "entry")) {
    f.entries.push_back(ReadAtomEntry(*entry, ns, base, feed_authors));
  }
  return f;
}

// ---- JSON Feed ---------------------------------------------------------------------------

using nlohmann::json;

std::string JStr(const json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number_unsigned()) return std::to_string(it->get<uint64_t>());
  return {};
}

std::vector<std::string> JAuthors(const json& o) {
  std::vector<std::string> names;
  auto add = [&names](const json& a) {
    if (a.is_object()) {
      std::string n = HtmlToPlainText(JStr(a, "name"));
      if (!n.empty()) names.push_back(std::move(n));
    } else if (a.is_string()) {
      std::string n = HtmlToPlainText(a.get<std::string>());
      if (!n.empty()) names.push_back(std::move(n));
    }
  };
  if (const auto it = o.find("authors"); it != o.end() && it->is_array()) {
    for (const json& a : *it) add(a);
  }
  if (names.empty()) {
    if (const auto it = o.find("author"); it != o.end()) add(*it);  // JSON Feed 1.0
  }
  return names;
}

Result<ParsedFeed> ReadJsonFeed(std::string_view bytes, const FeedParseOptions& options) {
  const json j = json::parse(RepairUtf8(bytes), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Fail(ErrorCode::kParse, "malformed JSON");
  if (!j.is_object()) return Fail(ErrorCode::kParse, "not a JSON Feed (not a JSON object)");
  ParsedFeed f;
  f.format = FeedFormat::kJsonFeed;
  const std::string version = JStr(j, "version");
  constexpr std::string_view kPrefix = "https://jsonfeed.org/version/";
  if (version.starts_with(kPrefix)) {
    f.version = version.substr(kPrefix.size());
  } else if (version.empty() && j.contains("items")) {
    f.version.clear();  // lenient: items without a version still read as a feed
  } else {
    return Fail(ErrorCode::kParse, "not a JSON Feed (no https://jsonfeed.org/version/ version)");
  }
  const auto items = j.find("items");
  if (items == j.end() || !items->is_array()) {
    return Fail(ErrorCode::kParse, "JSON Feed without an \"items\" array");
  }
  f.feed.title = HtmlToPlainText(JStr(j, "title"));
  f.site_url = Absolute(options.url, JStr(j, "home_page_url"));
  f.self_url = Absolute(options.url, JStr(j, "feed_url"));
  f.description = HtmlToPlainText(JStr(j, "description"));
  f.language = JStr(j, "language");
  const std::vector<std::string> feed_authors = JAuthors(j);
  const std::string& base = options.url.empty() ? f.site_url : options.url;
  for (const json& it : *items) {
    if (!it.is_object()) continue;
    Entry e;
    e.guid = std::string(Trim(JStr(it, "id")));
    e.url = Absolute(base, JStr(it, "url"));
    if (e.url.empty()) e.url = Absolute(base, JStr(it, "external_url"));
    e.title = HtmlToPlainText(JStr(it, "title"));
    e.content_html = ResolveHtmlUrls(Trim(JStr(it, "content_html")), base);
    if (e.content_html.empty()) e.content_html = EscapedTextToHtml(JStr(it, "content_text"));
    e.summary = EscapedTextToHtml(JStr(it, "summary"));  // plain text in JSON Feed
    for (std::string& a : JAuthors(it)) AddAuthor(e, std::move(a));
    if (e.authors.empty()) {
      for (const std::string& a : feed_authors) AddAuthor(e, a);
    }
    if (const auto tags = it.find("tags"); tags != it.end() && tags->is_array()) {
      for (const json& t : *tags) {
        if (t.is_string()) AddCategory(e, t.get<std::string>());
      }
    }
    if (const auto att = it.find("attachments"); att != it.end() && att->is_array()) {
      for (const json& a : *att) {
        if (!a.is_object()) continue;
        Enclosure enc;
        enc.url = Absolute(base, JStr(a, "url"));
        enc.type = JStr(a, "mime_type");
        if (const auto size = a.find("size_in_bytes");
            size != a.end() && size->is_number_integer() && size->get<int64_t>() > 0) {
          enc.length = size->get<int64_t>();
        }
        AddEnclosure(e, std::move(enc));
      }
    }
    std::string image = Absolute(base, JStr(it, "image"));
    if (image.empty()) image = Absolute(base, JStr(it, "banner_image"));
    PickImage(e, image);
    e.published = ParseFeedDate(JStr(it, "date_published"));
    e.updated = ParseFeedDate(JStr(it, "date_modified"));
    f.entries.push_back(std::move(e));
  }
  return f;
}

// ---- Shared ------------------------------------------------------------------------------

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

void Normalise(ParsedFeed& f, const FeedParseOptions& options) {
  f.feed.url = options.url;
  std::vector<Entry> out;
  out.reserve(std::min(f.entries.size(), options.max_entries));
  // guid -> index in `out`, to find a GUID that repeats.
  std::unordered_map<std::string, size_t> seen;
  for (Entry& e : f.entries) {
    if (out.size() >= options.max_entries) break;
    if (e.title.empty() && e.url.empty() && e.summary.empty() && e.content_html.empty()) continue;
    // A title longer than any headline is the item's text put in the wrong field (or a
    // hostile one): its first words stand in, as for pages and captures.
    if (e.title.size() > kMaxTitleBytes) e.title = TruncateWords(e.title, kCutTitleChars);
    if (e.authors.size() > 0) {
      e.author.clear();
      for (const std::string& a : e.authors) {
        if (!e.author.empty()) e.author += ", ";
        e.author += a;
      }
    }
    if (!e.published) e.published = e.updated;
    if (e.guid.empty()) e.guid = e.url;
    if (e.guid.empty()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "hash:%016llx",
                    static_cast<unsigned long long>(Fnv1a(
                        e.summary, Fnv1a(e.title, Fnv1a(e.published ? FormatIso8601(*e.published)
                                                                    : std::string())))));
      e.guid = buf;
    }
    if (auto it = seen.find(e.guid); it != seen.end()) {
      // The same GUID again: the same item repeated (dropped), or a feed whose GUIDs lie
      // (one id for every item), told apart by their links.
      if (out[it->second].url == e.url) continue;
      e.guid += "#" + e.url;
      if (seen.contains(e.guid)) continue;
    }
    seen.emplace(e.guid, out.size());
    out.push_back(std::move(e));
  }
  f.entries = std::move(out);
}

bool LooksLikeHtml(std::string_view bytes) {
  const std::string head = AsciiLower(bytes.substr(0, 1024));
  if (head.find("<rss") != std::string::npos || head.find("<feed") != std::string::npos ||
      head.find("<rdf:rdf") != std::string::npos) {
    return false;
  }
  return head.find("<!doctype html") != std::string::npos ||
         head.find("<html") != std::string::npos;
}

}  // namespace

std::string_view FeedFormatName(FeedFormat f) {
  switch (f) {
    case FeedFormat::kRss: return "rss";
    case FeedFormat::kRdf: return "rdf";
    case FeedFormat::kAtom: return "atom";
    case FeedFormat::kJsonFeed: return "json";
  }
  return "rss";
}

Result<ParsedFeed> ParseFeed(std::string_view bytes, const FeedParseOptions& options) {
  std::string_view body = bytes;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  while (!body.empty() && (body[0] == ' ' || body[0] == '\n' || body[0] == '\r' || body[0] == '\t')) {
    body.remove_prefix(1);
  }
  if (body.empty()) return Fail(ErrorCode::kParse, "the feed is empty");
  Result<ParsedFeed> parsed = Fail(ErrorCode::kInternal, "unparsed");
  if (body[0] == '{' || body[0] == '[') {
    try {
      parsed = ReadJsonFeed(body, options);
    } catch (const std::exception& e) {
      return Fail(ErrorCode::kParse, std::string("unreadable JSON Feed: ") + e.what());
    }
  } else {
    if (LooksLikeHtml(body)) return Fail(ErrorCode::kParse, "not a feed (an HTML page)");
    auto doc = xml::Parse(bytes, options.url);
    if (!doc) return Fail(doc.error());
    const Element& root = *doc->root;
    if (root.name == "rss" && (root.ns.empty() || !root.ns.starts_with("http://www.w3.org"))) {
      parsed = ReadRss(root, options);
    } else if (root.name == "RDF" && root.ns == kRdfNs) {
      parsed = ReadRdf(root, options);
    } else if (root.name == "feed" && (root.ns == kAtomNs || root.ns == kAtom03Ns)) {
      parsed = ReadAtom(root, options);
    } else if (root.name == "html" || root.ns == kXhtmlNs) {
      return Fail(ErrorCode::kParse, "not a feed (an HTML page)");
    } else {
      return Fail(ErrorCode::kParse, "not a feed: the root element is <" + root.qname + ">");
    }
  }
  if (!parsed) return parsed;
  Normalise(*parsed, options);
  return parsed;
}

}  // namespace wiredesk::parse
