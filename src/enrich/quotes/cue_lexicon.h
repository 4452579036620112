// Cue words: the words that introduce an attribution ("said", "told", "according", "argued",
// "believes"), each with how often it does so in annotated news, 1-100.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wiredesk::enrich::quotes {

class CueLexicon {
 public:
  CueLexicon() = default;
  CueLexicon(CueLexicon&&) = default;
  CueLexicon& operator=(CueLexicon&&) = default;
  // scores_ holds views into words_: a copy would point into the original.
  CueLexicon(const CueLexicon&) = delete;
  CueLexicon& operator=(const CueLexicon&) = delete;

  // The lexicon built into the binary (cue_lexicon.inc; see README.md for its data).
  static const CueLexicon& Builtin();
  // A lexicon from (lower-cased word, score 1-100) pairs, for `eval quotes --cues`.
  static CueLexicon FromEntries(std::vector<std::pair<std::string, int>> entries);

  // The word's score, 0 when it is no cue.
  int Score(std::string_view lower) const {
    auto it = scores_.find(lower);
    return it == scores_.end() ? 0 : it->second;
  }
  size_t size() const { return scores_.size(); }

 private:
  std::vector<std::string> words_;  // owns the keys of scores_
  std::unordered_map<std::string_view, int> scores_;
};

}  // namespace wiredesk::enrich::quotes
