#include "enrich/quotes/cue_lexicon.h"

#include <iterator>

namespace wiredesk::enrich::quotes {
namespace {

struct CueEntry {
  const char* word;
  int score;
};

#include "enrich/quotes/cue_lexicon.inc"

}  // namespace

const CueLexicon& CueLexicon::Builtin() {
  static const CueLexicon* const kBuiltin = [] {
    std::vector<std::pair<std::string, int>> entries;
    entries.reserve(std::size(kCueEntries));
    for (const CueEntry& e : kCueEntries) entries.emplace_back(e.word, e.score);
    return new CueLexicon(FromEntries(std::move(entries)));
  }();
  return *kBuiltin;
}

CueLexicon CueLexicon::FromEntries(std::vector<std::pair<std::string, int>> entries) {
  CueLexicon out;
  out.words_.reserve(entries.size());
  for (auto& e : entries) out.words_.push_back(std::move(e.first));
  // words_ no longer grows, so the views stay valid (and move with the vector's buffer).
  out.scores_.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) out.scores_[out.words_[i]] = entries[i].second;
  return out;
}

}  // namespace wiredesk::enrich::quotes
