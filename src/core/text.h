// Small text utilities every stage needs: UTF-8 hygiene, whitespace, escaping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wiredesk {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);
// Replaces every ill-formed sequence with U+FFFD, so later stages can trust their input.
std::string RepairUtf8(std::string_view s);

// Trims ASCII and Unicode spaces (NBSP, U+2000..U+200B, U+3000) at both ends.
std::string_view Trim(std::string_view s);
// Collapses runs of whitespace (ASCII, NBSP and other Unicode spaces; control characters count
// as whitespace) into one space and trims.
std::string CollapseWhitespace(std::string_view s);

// `text` after a leading colour swatch: whitespace, block-element glyphs (U+2580-U+259F, "██")
// and the whitespace after them. Results lists colour each row with such a swatch whose
// meaning was its CSS colour; without the colour it reads as black boxes. `text` unchanged
// when it does not start with a glyph.
std::string_view SkipColourSwatch(std::string_view text);

std::string AsciiLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// Splits on '\n', dropping a '\r' before it.
std::vector<std::string_view> SplitLines(std::string_view s);

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);
void AppendHtmlEscaped(std::string& out, std::string_view s);

// Decodes one UTF-8 sequence at s[i] (i < s.size()), setting `len` to its byte length;
// an ill-formed byte comes back as U+FFFD with length 1.
char32_t DecodeUtf8(std::string_view s, size_t i, size_t& len);
// Appends code point `c` as UTF-8.
void AppendUtf8(char32_t c, std::string& out);

// Number of code points (ill-formed bytes count one each).
size_t Utf8Length(std::string_view s);
// Cuts to at most `max_chars` code points at a word boundary, adding "…" when cut.
std::string TruncateWords(std::string_view s, size_t max_chars);

}  // namespace wiredesk
