// The bits of HTML a feed reader needs without a DOM: entities, tag stripping for titles, and
// resolving the links inside an entry's HTML against its base URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wiredesk::parse {

// The code point of an HTML named character reference ("eacute" -> U+00E9) for the ~150 that
// feeds use (Latin-1, typography, arrows); nullopt for others.
std::optional<char32_t> HtmlEntity(std::string_view name);

// Appends `cp` as UTF-8 (U+FFFD for surrogates and values past U+10FFFF).
void AppendUtf8(std::string& out, char32_t cp);

// Decodes named (HtmlEntity's), decimal and hex character references; unknown ones stay.
std::string DecodeHtmlEntities(std::string_view s);

// HTML to one line of plain text: tags dropped (a tag becomes a space where it separated
// words), entities decoded, whitespace collapsed. For titles and names, which are data.
std::string HtmlToPlainText(std::string_view html);

// Rewrites relative href/src/poster attribute values (and srcset's URLs) in `html` to absolute
// ones against `base`; "javascript:" and other non-http(s) schemes are left for the sanitizer.
std::string ResolveHtmlUrls(std::string_view html, std::string_view base);

}  // namespace wiredesk::parse
