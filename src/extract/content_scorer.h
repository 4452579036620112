// Finds the elements that hold the article body: a readability-style score over the DOM.
#pragma once

#include <vector>

#include "extract/dom_hints.h"
#include "parse/html_document.h"

namespace wiredesk::extract {

// The best-scoring container and the siblings that continue it, in document order; empty when
// nothing on the page reads like article text.
std::vector<parse::Node> FindContentRoots(const parse::HtmlDocument& doc, HintCache& hints);

}  // namespace wiredesk::extract
