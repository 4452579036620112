// Separates a photo credit ("REUTERS/Jane Doe") from the caption text it trails.
#pragma once

#include <string>
#include <string_view>

#include "parse/html_document.h"

namespace wiredesk::extract {

struct CaptionParts {
  std::string text;
  std::string credit;
};

// Splits a trailing credit off caption text: "Photo: X", "Credit: X", "(Reuters)",
// "(AP Photo/X)", "... | X", "REUTERS/X", "X/Getty Images".
CaptionParts SplitCredit(std::string_view caption);

// A caption element: credit taken from its credit-like children (.credit, .photo-credit,
// <small>, <cite>) when it has them, else from the text's trailing pattern.
CaptionParts ReadCaption(parse::Node caption);

}  // namespace wiredesk::extract
