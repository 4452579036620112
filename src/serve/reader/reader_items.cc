#include "serve/reader/reader_items.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/url.h"

namespace wiredesk::serve {

namespace {

void AddFields(std::string_view raw, std::vector<std::pair<std::string, std::string>>& out) {
  while (!raw.empty()) {
    const size_t amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string name = PercentDecode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
    out.emplace_back(RepairUtf8(name), RepairUtf8(value));
  }
}

}  // namespace

FormFields::FormFields(const Request& req) {
  AddFields(req.RawQuery(), fields_);
  const std::string_view type = req.Header("content-type").value_or("");
  // A POST without a Content-Type is read as a form too: some apps leave it out.
  if (req.method == "POST" &&
      (type.empty() || StartsWith(AsciiLower(type), "application/x-www-form-urlencoded"))) {
    AddFields(req.body, fields_);
  }
}

std::optional<std::string> FormFields::Get(std::string_view name) const {
  for (const auto& [n, v] : fields_) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> FormFields::All(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : fields_) {
    if (n == name) out.push_back(v);
  }
  return out;
}

std::optional<int64_t> ParseCount(std::string_view s, int64_t max) {
  s = Trim(s);
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

std::string LongItemId(int64_t id) {
  return fmt::format("{}{:016x}", kItemPrefix, static_cast<uint64_t>(id));
}

// The long form (hex) or decimal; nullopt for anything else.
std::optional<int64_t> ParseItemId(std::string_view s) {
  s = Trim(s);
  if (StartsWith(s, kItemPrefix)) {
    const std::string_view hex = s.substr(kItemPrefix.size());
    if (hex.empty() || hex.size() > 16) return std::nullopt;
    uint64_t v = 0;
    for (char c : hex) {
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<uint64_t>(d);
    }
    if (v == 0 || v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(v);
  }
  const std::optional<int64_t> id = ParseCount(s, INT64_MAX);
  if (!id || *id == 0) return std::nullopt;
  return id;
}

// "1,2,3" -> ids; nullopt when one is not an id.
std::optional<std::vector<int64_t>> FeverIdList(std::string_view s) {
  std::vector<int64_t> ids;
  for (size_t start = 0; start <= s.size();) {
    const size_t comma = std::min(s.find(',', start), s.size());
    const std::string_view part = Trim(s.substr(start, comma - start));
    start = comma + 1;
    if (part.empty()) continue;
    const std::optional<int64_t> id = ParseCount(part, INT64_MAX);
    if (!id) return std::nullopt;
    ids.push_back(*id);
  }
  return ids;
}

std::string ArticleHtml(const Article& a) {
  std::string out;
  if (!a.images.empty()) {
    // http(s) only, as the site's own pages (SafeHref); the check is repeated here so this file
    // needs nothing of the page templates (the fuzz target builds it alone).
    const std::string_view src = Trim(a.images.front().src);
    const std::optional<Url> u = ParseUrl(src);
    if (u && (u->scheme == "http" || u->scheme == "https") && !u->host.empty()) {
      out += "<figure><img src=\"";
      AppendHtmlEscaped(out, src);
      out += "\" alt=\"";
      AppendHtmlEscaped(out, a.images.front().caption);
      out += "\"></figure>\n";
    }
  }
  auto wrap = [&out](const char* open, std::string_view text, const char* close) {
    out += open;
    AppendHtmlEscaped(out, Trim(text));
    out += close;
  };
  for (const Block& b : a.blocks) {
    switch (b.kind) {
      case BlockKind::kParagraph:
        wrap("<p>", b.text, "</p>\n");
        break;
      case BlockKind::kHeading:
        wrap("<h2>", b.text, "</h2>\n");
        break;
      case BlockKind::kQuote:
        wrap("<blockquote><p>", b.text, "</p></blockquote>\n");
        break;
      case BlockKind::kCaption:
        wrap("<figure><figcaption>", b.credit.empty() ? b.text : b.text + " " + b.credit,
             "</figcaption></figure>\n");
        break;
      case BlockKind::kList:
        out += "<ul>";
        for (std::string_view line : SplitLines(b.text)) {
          if (!Trim(line).empty()) wrap("<li>", line, "</li>");
        }
        out += "</ul>\n";
        break;
    }
  }
  // An article stored without blocks still has its text.
  if (a.blocks.empty()) {
    for (std::string_view para : SplitLines(a.text)) {
      if (!Trim(para).empty()) wrap("<p>", para, "</p>\n");
    }
  }
  return out;
}

int64_t FolderId(std::string_view folder) {
  // FNV-1a: stable across runs and builds, unlike std::hash.
  uint32_t h = 2166136261u;
  for (unsigned char c : folder) {
    h ^= c;
    h *= 16777619u;
  }
  const int64_t id = h & 0x7fffffff;
  return id == 0 ? 1 : id;
}

Response PrivateJson(int status, const nlohmann::json& j) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Response TextResponse(int status, std::string_view body) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::string(body);
  if (!r.body.empty() && r.body.back() != '\n') r.body += '\n';
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace wiredesk::serve
