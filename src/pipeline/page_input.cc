#include "pipeline/page_input.h"

#include <fstream>
#include <iterator>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/url.h"
#include "enrich/language.h"
#include "extract/article_extractor.h"
#include "parse/capture_reader.h"

namespace wiredesk::pipeline {

namespace fs = std::filesystem;

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "html") return InputFormat::kHtml;
  if (name == "text") return InputFormat::kText;
  return std::nullopt;
}

namespace {

Result<std::string> ReadBounded(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return Fail(ErrorCode::kNotFound, "no such file", path.string());
  if (!fs::is_regular_file(status)) {
    return Fail(ErrorCode::kInvalidArgument, "not a regular file", path.string());
  }
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Fail(ErrorCode::kInternal, ec.message(), path.string());
  if (size > kMaxInputBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "file is " + std::to_string(size >> 20) + " MiB, larger than the " +
                    std::to_string(kMaxInputBytes >> 20) + " MiB limit for one page",
                path.string());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot open file", path.string());
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

// The string at `key`; "" when absent or null. Another type is an error: a sidecar that says
// "url": 5 meant something, and dropping it would leave the article without its address.
std::string JsonString(const nlohmann::json& j, const char* key, Error& error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) {
    error = MakeError(ErrorCode::kParse, std::string("\"") + key + "\" must be a string");
    return {};
  }
  return RepairUtf8(it->get<std::string>());
}

std::optional<Instant> JsonTime(const nlohmann::json& j, const char* key, Error& error) {
  const std::string s = JsonString(j, key, error);
  if (s.empty()) return std::nullopt;
  auto t = ParseIso8601(s);
  if (!t) error = MakeError(ErrorCode::kParse, std::string("\"") + key + "\" is not an ISO 8601 time");
  return t;
}

}  // namespace

Result<PageFacts> ReadSidecar(const fs::path& path) {
  fs::path meta = path;
  meta.replace_extension(".meta.json");
  std::error_code ec;
  if (!fs::exists(meta, ec)) return PageFacts{};
  auto bytes = ReadBounded(meta);
  if (!bytes) return Fail(bytes.error());
  const auto j = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Fail(ErrorCode::kParse, "sidecar is not valid JSON", meta.string());
  if (!j.is_object()) return Fail(ErrorCode::kParse, "sidecar is not a JSON object", meta.string());
  PageFacts facts;
  Error error;
  facts.url = JsonString(j, "url", error);
  facts.captured = JsonTime(j, "captured", error);
  facts.published = JsonTime(j, "published", error);
  facts.rights = JsonString(j, "rights", error);
  if (auto it = j.find("source"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      error = MakeError(ErrorCode::kParse, "\"source\" must be an object with \"name\" and \"url\"");
    } else {
      facts.source.name = JsonString(*it, "name", error);
      facts.source.url = JsonString(*it, "url", error);
    }
  }
  if (!error.message.empty()) return Fail(error.code, error.message, meta.string());
  return facts;
}

InputFormat DetectFormat(const fs::path& path, std::string_view bytes) {
  const std::string ext = AsciiLower(path.extension().string());
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputFormat::kHtml;
  if (ext == ".txt") return InputFormat::kText;
  std::string_view head = bytes.substr(0, 1024);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  head = Trim(head);
  return head.starts_with("<") ? InputFormat::kHtml : InputFormat::kText;
}

Result<Article> ExtractBytes(std::string_view bytes, InputFormat format, const PageFacts& facts,
                             Instant now) {
  if (format == InputFormat::kAuto) format = DetectFormat({}, bytes);
  if (!facts.url.empty()) {
    // A page's address becomes a link on the site: only web addresses are accepted.
    auto u = ParseUrl(facts.url);
    if (!u || (u->scheme != "http" && u->scheme != "https")) {
      return Fail(ErrorCode::kInvalidArgument,
                  "the page URL must be an absolute http(s) URL, not \"" + facts.url + "\"");
    }
  }
  const Instant captured = facts.captured.value_or(now);
  Result<Article> parsed =
      format == InputFormat::kHtml
          ? extract::ExtractArticle(bytes, {.url = facts.url, .captured = captured, .charset = {}})
          : parse::ReadCapture(bytes, {.url = facts.url, .captured = captured});
  if (!parsed) return parsed;
  Article a = std::move(*parsed);
  a.captured = captured;
  if (!facts.url.empty()) a.url = facts.url;
  if (facts.published) a.published = facts.published;
  if (!facts.source.name.empty()) a.source.name = facts.source.name;
  if (!facts.source.url.empty()) a.source.url = facts.source.url;
  if (!facts.rights.empty()) a.rights = facts.rights;
  if (a.source.name.empty()) a.source.name = DisplayHost(a.IdentityUrl());
  if (a.source.url.empty()) {
    if (auto u = ParseUrl(a.IdentityUrl())) a.source.url = u->Origin() + "/";
  }
  if (a.language.empty()) a.language = enrich::DetectLanguage(a.title + "\n" + a.text);
  return a;
}

Result<Article> ExtractFile(const fs::path& path, InputFormat format, const PageFacts& overrides,
                            Instant now) {
  auto bytes = ReadBounded(path);
  if (!bytes) return Fail(bytes.error());
  auto sidecar = ReadSidecar(path);
  if (!sidecar) return Fail(sidecar.error());
  PageFacts facts = std::move(*sidecar);
  if (!overrides.url.empty()) facts.url = overrides.url;
  if (overrides.captured) facts.captured = overrides.captured;
  if (overrides.published) facts.published = overrides.published;
  if (!overrides.source.name.empty()) facts.source = overrides.source;
  if (!overrides.rights.empty()) facts.rights = overrides.rights;
  if (format == InputFormat::kAuto) format = DetectFormat(path, *bytes);
  auto article = ExtractBytes(*bytes, format, facts, now);
  if (!article) {
    Error e = article.error();
    if (e.context.empty()) e.context = path.string();
    return Fail(std::move(e));
  }
  return article;
}

}  // namespace wiredesk::pipeline
