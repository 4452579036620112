// Safety as in parse/feed_xml.cc: expat never loads a DTD, an entity declaration stops the
// parse before anything expands, and expat 2.4+'s amplification limit stands behind that.
#include "enrich/timex/timeml.h"

#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>

#include <climits>
#include <cstring>

namespace wiredesk::enrich::timex {
namespace {

struct Reader {
  XML_Parser parser = nullptr;
  TimemlDocument doc;
  bool in_text = false;
  bool saw_text = false;
  bool text_closed = false;
  std::string refused;

  void Stop(std::string why) {
    if (refused.empty()) refused = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

// "1998-11-20T19:30", "19981120": the date (and the hour and minute when given).
std::optional<Instant> ParseCreationTime(std::string_view v) {
  auto digits = [&](size_t at, size_t n, int& out) {
    if (at + n > v.size()) return false;
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (v[i] < '0' || v[i] > '9') return false;
      out = out * 10 + (v[i] - '0');
    }
    return true;
  };
  int y = 0;
  int m = 0;
  int d = 0;
  size_t next = 0;
  if (digits(0, 4, y) && v.size() >= 10 && v[4] == '-' && digits(5, 2, m) && v[7] == '-' &&
      digits(8, 2, d)) {
    next = 10;
  } else if (digits(0, 4, y) && digits(4, 2, m) && digits(6, 2, d)) {
    next = 8;
  } else {
    return std::nullopt;
  }
  int hh = 0;
  int mm = 0;
  if (next < v.size() && v[next] == 'T' && digits(next + 1, 2, hh)) {
    if (next + 3 < v.size() && v[next + 3] == ':') digits(next + 4, 2, mm);
    if (hh > 23 || mm > 59) hh = mm = 0;
  }
  return MakeInstant(y, m, d, hh, mm);
}

void XMLCALL OnStart(void* ud, const XML_Char* name, const XML_Char** atts) {
  auto* r = static_cast<Reader*>(ud);
  if (std::strcmp(name, "TEXT") == 0 && !r->saw_text) {
    r->saw_text = true;
    r->in_text = true;
    const XML_Index at = XML_GetCurrentByteIndex(r->parser);
    const int len = XML_GetCurrentByteCount(r->parser);
    r->doc.content_begin = at < 0 ? 0 : static_cast<size_t>(at) + static_cast<size_t>(len > 0 ? len : 0);
    return;
  }
  if (std::strcmp(name, "TIMEX3") != 0 || r->doc.creation_time) return;
  const char* value = nullptr;
  bool creation = false;
  for (const XML_Char** a = atts; a[0] != nullptr; a += 2) {
    if (std::strcmp(a[0], "functionInDocument") == 0 && std::strcmp(a[1], "CREATION_TIME") == 0) {
      creation = true;
    } else if (std::strcmp(a[0], "value") == 0) {
      value = a[1];
    }
  }
  if (creation && value != nullptr) r->doc.creation_time = ParseCreationTime(value);
}

void XMLCALL OnEnd(void* ud, const XML_Char* name) {
  auto* r = static_cast<Reader*>(ud);
  if (r->in_text && std::strcmp(name, "TEXT") == 0) {
    r->in_text = false;
    r->text_closed = true;
    const XML_Index at = XML_GetCurrentByteIndex(r->parser);
    r->doc.content_end = at < 0 ? 0 : static_cast<size_t>(at);
  }
}

void XMLCALL OnText(void* ud, const XML_Char* s, int len) {
  auto* r = static_cast<Reader*>(ud);
  if (r->in_text && len > 0) r->doc.text.append(s, static_cast<size_t>(len));
}

void XMLCALL OnEntityDecl(void* ud, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                          const XML_Char*, const XML_Char*, const XML_Char*) {
  static_cast<Reader*>(ud)->Stop("entity declarations are not allowed");
}

void XMLCALL OnSkippedEntity(void* ud, const XML_Char*, int) {
  static_cast<Reader*>(ud)->Stop("undeclared entity");
}

void AppendEscaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

}  // namespace

Result<TimemlDocument> ReadTimeml(std::string_view raw) {
  if (raw.size() > static_cast<size_t>(INT_MAX)) {
    return Fail(ErrorCode::kParse, "the document is larger than 2 GiB");
  }
  Reader r;
  XML_Parser p = XML_ParserCreate(nullptr);
  if (p == nullptr) return Fail(ErrorCode::kInternal, "out of memory creating an XML parser");
  r.parser = p;
  XML_SetUserData(p, &r);
  XML_SetElementHandler(p, OnStart, OnEnd);
  XML_SetCharacterDataHandler(p, OnText);
  XML_SetEntityDeclHandler(p, OnEntityDecl);
  XML_SetSkippedEntityHandler(p, OnSkippedEntity);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
  XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, 20.0f);
  XML_SetBillionLaughsAttackProtectionActivationThreshold(p, 1u << 20);
#endif
  const XML_Status st = XML_Parse(p, raw.data(), static_cast<int>(raw.size()), XML_TRUE);
  std::string error;
  if (!r.refused.empty()) {
    error = r.refused;
  } else if (st != XML_STATUS_OK) {
    error = "line " + std::to_string(XML_GetCurrentLineNumber(p)) + ", column " +
            std::to_string(XML_GetCurrentColumnNumber(p) + 1) + ": " +
            XML_ErrorString(XML_GetErrorCode(p));
  }
  XML_ParserFree(p);
  if (!error.empty()) return Fail(ErrorCode::kParse, "not well-formed TimeML: " + error);
  if (!r.text_closed || r.doc.content_end < r.doc.content_begin || r.doc.content_end > raw.size()) {
    return Fail(ErrorCode::kParse, "no <TEXT> element with content");
  }
  return std::move(r.doc);
}

std::string WriteTimeml(std::string_view raw, const TimemlDocument& doc,
                        const std::vector<TimeExpression>& expressions) {
  std::string out;
  out.reserve(raw.size() + expressions.size() * 64);
  out.append(raw.substr(0, std::min(doc.content_begin, raw.size())));
  size_t pos = 0;
  size_t tid = 1;
  for (const TimeExpression& x : expressions) {
    if (x.begin < pos || x.end <= x.begin || x.end > doc.text.size()) continue;
    AppendEscaped(out, std::string_view(doc.text).substr(pos, x.begin - pos));
    out += "<TIMEX3 tid=\"t";
    out += std::to_string(tid++);
    out += "\" type=\"";
    out += TimexTypeName(x.type);
    out += "\" value=\"";
    AppendEscaped(out, x.value);
    out += "\">";
    AppendEscaped(out, std::string_view(doc.text).substr(x.begin, x.end - x.begin));
    out += "</TIMEX3>";
    pos = x.end;
  }
  AppendEscaped(out, std::string_view(doc.text).substr(pos));
  if (doc.content_end <= raw.size()) out.append(raw.substr(doc.content_end));
  return out;
}

}  // namespace wiredesk::enrich::timex
