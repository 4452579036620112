// Turning files on disk (pages and captures, with optional sidecar metadata) into Articles.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk::pipeline {

enum class InputFormat { kAuto, kHtml, kText };
std::optional<InputFormat> ParseInputFormat(std::string_view name);

// Larger inputs are refused with a clear error: no news page comes near it, and reading
// it whole would let one bad file take the process's memory.
inline constexpr uintmax_t kMaxInputBytes = 32u << 20;

// What the caller knows about a page beyond its bytes. Empty fields are unknown.
struct PageFacts {
  std::string url;
  std::optional<Instant> captured;
  std::optional<Instant> published;
  Source source;
  std::string rights;
};

// Reads NAME.meta.json beside `path` (for NAME.html / NAME.txt) when there is one:
// {"url", "source": {"name", "url"}, "published", "captured", "rights"}.
Result<PageFacts> ReadSidecar(const std::filesystem::path& path);

// .html/.htm/.xhtml -> HTML, .txt -> text; otherwise sniffed: markup at the start means HTML.
InputFormat DetectFormat(const std::filesystem::path& path, std::string_view bytes);

// Parses and extracts one page or capture, then applies `facts` (they win over what the page
// says) and derives what is still missing: source from the URL, language from the text.
Result<Article> ExtractBytes(std::string_view bytes, InputFormat format, const PageFacts& facts,
                             Instant now);

// Reads the file (bounded by kMaxInputBytes), merges its sidecar under `overrides`, extracts.
Result<Article> ExtractFile(const std::filesystem::path& path, InputFormat format,
                            const PageFacts& overrides, Instant now);

}  // namespace wiredesk::pipeline
