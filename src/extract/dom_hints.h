// What an element's tag, class, id, role and style say about it: content, chrome, or hidden.
#pragma once

#include <string>
#include <string_view>

#include "parse/html_document.h"

namespace wiredesk::extract {

// Elements whose text is never article text (scripts, forms' controls, navigation, embeds).
bool IsNonContentTag(parse::TagId tag);
// Block-level tags: they end an inline run of text.
bool IsBlockTag(parse::TagId tag);
bool IsHeadingTag(parse::TagId tag);

// Lower-cased "class id" of an element, the string the hints below look at.
std::string ClassAndId(parse::Node node);

// readability's class weight: +25 for article/content/story/body hints, -25 for comment,
// footer, share, promo and similar, summed; 0 when neither.
int ClassWeight(std::string_view class_and_id);

// Page chrome around an article: navigation, share bars, related and most-read lists,
// newsletter and cookie boxes, comments, ads. Looks at class, id, role and aria attributes.
bool IsChrome(parse::Node node, std::string_view class_and_id);

// Chrome that can hold more prose than the article itself: comment threads.
bool IsDiscussion(std::string_view class_and_id);

// hidden, aria-hidden="true", or an inline display:none / visibility:hidden.
bool IsHidden(parse::Node node);

// Text metrics of a subtree, counted in code points of whitespace-collapsed text.
struct TextStats {
  size_t chars = 0;
  size_t link_chars = 0;
  size_t commas = 0;
  double LinkDensity() const { return chars == 0 ? 0.0 : double(link_chars) / double(chars); }
};
TextStats MeasureText(parse::Node node);
// Code points of `s` once whitespace runs are collapsed (leading whitespace not counted).
size_t CollapsedLength(std::string_view s, bool* last_was_space);

}  // namespace wiredesk::extract
