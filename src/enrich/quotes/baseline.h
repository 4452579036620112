// The shared rule baseline (../shared/data/eval/baselines/quote_rules.py), in C++ so that
// `eval quotes --method baseline` measures it in the same run as ours.
#pragma once

#include <string_view>
#include <vector>

#include "enrich/quotes/quote_finder.h"

namespace wiredesk::enrich::quotes {

// Quotations in double quote marks within one line, of 4 words or more; the speech verb
// nearest to them in their sentence; the capitalised words (or a pronoun) next to that verb as
// the source; a speaker-less quotation after an attributed one in the same line joins it.
std::vector<Attribution> FindBaselineAttributions(std::string_view text);

}  // namespace wiredesk::enrich::quotes
