// HTML helpers for feed text. Deliberately small scanners, not a parser: they run on every
// title and entry, and the extractor (myhtml) does the real work on bodies.
#include "parse/feed_html.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

#include "core/text.h"
#include "core/url.h"

namespace wiredesk::parse {

namespace {

// U+00A0..U+00FF in order (HTML 4 §24.2).
constexpr std::array<std::string_view, 96> kLatin1 = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
    "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
    "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
    "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

struct Named {
  std::string_view name;
  char32_t cp;
};

constexpr Named kOther[] = {
    {"amp", '&'},       {"lt", '<'},          {"gt", '>'},          {"quot", '"'},
    {"apos", '\''},          {"OElig", 0x152},     {"oelig", 0x153},     {"Scaron", 0x160},
    {"scaron", 0x161},       {"Yuml", 0x178},      {"fnof", 0x192},      {"circ", 0x2C6},
    {"tilde", 0x2DC},        {"ensp", 0x2002},     {"emsp", 0x2003},     {"thinsp", 0x2009},
    {"zwnj", 0x200C},        {"zwj", 0x200D},      {"lrm", 0x200E},      {"rlm", 0x200F},
    {"ndash", 0x2013},       {"mdash", 0x2014},    {"lsquo", 0x2018},    {"rsquo", 0x2019},
    {"sbquo", 0x201A},       {"ldquo", 0x201C},    {"rdquo", 0x201D},    {"bdquo", 0x201E},
    {"dagger", 0x2020},      {"Dagger", 0x2021},   {"bull", 0x2022},     {"hellip", 0x2026},
    {"permil", 0x2030},      {"prime", 0x2032},    {"Prime", 0x2033},    {"lsaquo", 0x2039},
    {"rsaquo", 0x203A},      {"oline", 0x203E},    {"frasl", 0x2044},    {"euro", 0x20AC},
    {"trade", 0x2122},       {"larr", 0x2190},     {"uarr", 0x2191},     {"rarr", 0x2192},
    {"darr", 0x2193},        {"harr", 0x2194},     {"minus", 0x2212},    {"le", 0x2264},
    {"ge", 0x2265},          {"ne", 0x2260},       {"infin", 0x221E},    {"alpha", 0x3B1},
    {"beta", 0x3B2},         {"gamma", 0x3B3},     {"delta", 0x3B4},     {"mu", 0x3BC},
    {"pi", 0x3C0},           {"sigma", 0x3C3},     {"omega", 0x3C9},     {"Delta", 0x394},
    {"Omega", 0x3A9},        {"hearts", 0x2665},   {"nbhy", 0x2011},
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
namespace {

bool HasScheme(std::string_view s) { return HasUrlScheme(s); }

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::optional<char32_t> HtmlEntity(std::string_view name) {
  for (size_t i = 0; i < kLatin1.size(); ++i) {
    if (kLatin1[i] == name) return static_cast<char32_t>(0xA0 + i);
  }
  for (const Named& n : kOther) {
    if (n.name == name) return n.cp;
  }
  return std::nullopt;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string DecodeHtmlEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, amp - i));
    i = amp + 1;
    size_t j = i;
    if (j < s.size() && s[j] == '#') {
      ++j;
      const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      if (hex) ++j;
      const size_t digits_start = j;
      uint32_t v = 0;
      while (j < s.size() && j - digits_start < 8 &&
             (hex ? std::isxdigit(static_cast<unsigned char>(s[j])) != 0
                  : (s[j] >= '0' && s[j] <= '9'))) {
        const char c = s[j];
        v = v * (hex ? 16 : 10) +
            static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        ++j;
      }
      if (j > digits_start) {
        AppendUtf8(out, v);
        i = (j < s.size() && s[j] == ';') ? j + 1 : j;
        continue;
      }
    } else {
      while (j < s.size() && j - i < 10 && IsNameChar(s[j])) ++j;
      if (j < s.size() && s[j] == ';') {
        if (auto cp = HtmlEntity(s.substr(i, j - i))) {
          AppendUtf8(out, *cp);
          i = j + 1;
          continue;
        }
      }
    }
    out += '&';
  }
  return out;
}

std::string HtmlToPlainText(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos) return CollapseWhitespace(html);
  std::string text;
  text.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    // A tag starts with '<' and a letter, '/' or '!'; a lone '<' ("x < y") is text.
    if (c == '<' && i + 1 < html.size() &&
        (std::isalpha(static_cast<unsigned char>(html[i + 1])) || html[i + 1] == '/' ||
         html[i + 1] == '!')) {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;  // a cut-off tag: drop the rest
      // Block-ish tags separate words; inline ones (<b>, <a>) do not.
      const std::string_view tag = html.substr(i + 1, end - i - 1);
      std::string name;
      for (char t : tag) {
        if (t == '/' && name.empty()) continue;
        if (!IsNameChar(t)) break;
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(t)));
      }
      static constexpr std::string_view kInline[] = {"a",    "b",   "i",    "em",  "strong",
                                                     "span", "sub", "sup",  "u",   "small",
                                                     "abbr", "q",   "cite", "code", "mark"};
      if (std::find(std::begin(kInline), std::end(kInline), name) == std::end(kInline)) {
        text += ' ';
      }
      i = end + 1;
      continue;
    }
    text += c;
    ++i;
  }
  return CollapseWhitespace(DecodeHtmlEntities(text));
}

std::string ResolveHtmlUrls(std::string_view html, std::string_view base) {
  if (base.empty() || html.find('=') == std::string_view::npos) return std::string(html);
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(html.substr(i));
      break;
    }
    const size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos || lt + 1 >= html.size() ||
        !std::isalpha(static_cast<unsigned char>(html[lt + 1]))) {
      out.append(html.substr(i, lt + 1 - i));
      i = lt + 1;
      continue;
    }
    out.append(html.substr(i, lt - i));
    // Inside one start tag: rewrite the values of the URL attributes.
    const std::string_view tag = html.substr(lt, gt - lt + 1);
    size_t k = 0;
    while (k < tag.size()) {
      size_t name_start = k;
      if (!IsSpace(tag[k]) || k + 1 >= tag.size()) {
        out += tag[k++];
        continue;
      }
      out += tag[k++];
      name_start = k;
      while (k < tag.size() && (IsNameChar(tag[k]) || tag[k] == '-')) ++k;
      const std::string name = AsciiLower(tag.substr(name_start, k - name_start));
      out.append(tag.substr(name_start, k - name_start));
      size_t v = k;
      while (v < tag.size() && IsSpace(tag[v])) ++v;
      if (v >= tag.size() || tag[v] != '=') continue;
      ++v;
      while (v < tag.size() && IsSpace(tag[v])) ++v;
      if (v >= tag.size()) continue;
      const char quote = (tag[v] == '"' || tag[v] == '\'') ? tag[v] : 0;
      const size_t value_start = quote ? v + 1 : v;
      size_t value_end = value_start;
      while (value_end < tag.size() &&
             (quote ? tag[value_end] != quote : !IsSpace(tag[value_end]) && tag[value_end] != '>')) {
        ++value_end;
      }
      const std::string_view value = tag.substr(value_start, value_end - value_start);
      std::string rewritten(value);
      if (name == "href" || name == "src" || name == "poster") {
        const std::string raw = DecodeHtmlEntities(value);
        if (!raw.empty() && raw[0] != '#' && !HasScheme(raw)) {
          rewritten = HtmlEscape(ResolveUrl(base, raw));
        }
      } else if (name == "srcset") {
        // "a.jpg 1x, b.jpg 2x": each candidate's URL resolved, descriptors kept.
        rewritten.clear();
        const std::string raw = DecodeHtmlEntities(value);
        size_t p = 0;
        while (p < raw.size()) {
          while (p < raw.size() && (IsSpace(raw[p]) || raw[p] == ',')) ++p;
          size_t e = p;
          while (e < raw.size() && !IsSpace(raw[e]) && raw[e] != ',') ++e;
          if (e == p) break;
          if (!rewritten.empty()) rewritten += ", ";
          const std::string candidate = raw.substr(p, e - p);
          rewritten += HasScheme(candidate) ? candidate : ResolveUrl(base, candidate);
          size_t d = e;
          while (d < raw.size() && raw[d] != ',') ++d;
          const std::string_view descriptor = Trim(std::string_view(raw).substr(e, d - e));
          if (!descriptor.empty()) rewritten.append(" ").append(descriptor);
          p = d;
        }
        rewritten = HtmlEscape(rewritten);
      }
      out.append(tag.substr(k, value_start - k));
      out.append(rewritten);
      k = value_end;
    }
    i = gt + 1;
  }
  return out;
}

}  // namespace wiredesk::parse
