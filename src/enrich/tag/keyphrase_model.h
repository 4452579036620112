// The learned keyphrase ranker: a logistic regression over KEA-style candidate features
// (frequency, background rarity, position, spread, length, casing, word endings, title, and
// "keyphraseness": how often annotators chose the phrase where it occurred in training).
// Trained by `wiredesk train keyphrases`; the shipped English model is embedded in the binary.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace wiredesk::enrich::tag {

// The features of one candidate, in this order (the model file names them, so a model of
// another feature set is refused rather than misread).
enum KeyphraseFeature : int {
  kLogTf, kIdf, kFirstPosition, kPositionSpread, kSentenceSpread, kOneWord, kTwoWords,
  kThreeWords, kCased, kInTitle, kWholeName, kPartName, kMixedCase, kInnerStopword, kEndsLy,
  kEndsEd, kEndsIng, kEndsS, kKeyphraseRate, kCorpusIdf, kAcronym, kLogDocumentWords,
  kRateConfidence, kOneWordTf, kOneWordFirst, kLogFirstSentence, kLogTfSquared,
  // Names the entity tagger found (fractions of the occurrences): the whole of a person,
  // place, organisation or other name; inside a longer name; straddling a name's edge.
  kEntityPerson, kEntityPlace, kEntityOrganisation, kEntityOther, kInsideEntity,
  kStraddlesEntity,
  // Where it occurs: in the title (log count), in the first body sentence, its last
  // occurrence; casing outside the title (a Title Case headline capitalises every word).
  kTitleCount, kInLead, kLastPosition, kBodyCased,
  // Its words: how much more often its most frequent word occurs alone (log ratio), the
  // last word's length in letters (log), and noun-like and adjective-like endings.
  kWordTfRatio, kLogLastWordLength, kNounEnding, kAdjectiveEnding,
  // The words around it, standing in for parts of speech (English; fractions of the
  // occurrences): after a determiner ("the"), a preposition, "to", a pronoun or auxiliary
  // (a verb follows those); before "of", before an auxiliary or "said" (a subject).
  kAfterDeterminer, kAfterPreposition, kAfterTo, kAfterPronoun, kBeforeOf, kBeforeVerb,
  // A word with an inner hyphen or apostrophe ("Grammy-winning", "gov't"): annotators who
  // retype such a word seldom match it.
  kHyphenated, kApostrophe,
  // Indicators, so the linear model can learn interactions: frequency (1, 2, 3, 4-5, 6+) by
  // phrase length (1, 2, 3), and keyphraseness rate (0, <.25, <.5, <.75, more) by evidence
  // (seen in 0, 1-2, 3+ training documents).
  kTfWordsBins, kRateSeenBins = kTfWordsBins + 15,
  kNumKeyphraseFeatures = kRateSeenBins + 15,
};
using KeyphraseFeatures = std::array<double, kNumKeyphraseFeatures>;
std::string_view KeyphraseFeatureName(int feature);

// Fills kKeyphraseRate and kCorpusIdf from `chosen` (training documents where the phrase was a
// gold keyphrase) of `seen` (training documents where it was a candidate) of `documents`.
void SetKeyphraseness(int chosen, int seen, int documents, KeyphraseFeatures& x);

struct KeyphraseModel {
  std::string note;  // what it was trained on, and under which licence
  KeyphraseFeatures mean{}, scale{}, weights{};
  double bias = 0;
  int documents = 0;  // training documents, for kCorpusIdf
  // Stemmed phrase ("new york", "vaccin") -> {chosen, seen} over the training documents.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::pair<int, int>, Hash, std::equal_to<>> keyphraseness;

  // Higher is likelier a keyphrase (the log-odds). Call Fold() after changing the weights.
  double Score(const KeyphraseFeatures& x) const;
  // Folds the standardisation into the weights, so Score() is one dot product, and builds the
  // flat look-up table ScorePhrase() uses. Call after changing weights or keyphraseness.
  void Fold();
  void FoldWeights();  // the weights only
  KeyphraseFeatures folded_weights{};
  double folded_bias = 0;
  // Open addressing on the 64-bit hash of the stems (a node-based map's divisions and pointer
  // chasing were the ranker's main cost): {hash, chosen, seen}; hash 0 marks an empty slot.
  struct Slot {
    uint64_t hash = 0;
    int chosen = 0, seen = 0;
  };
  std::vector<Slot> slots;
  // Score() with the keyphraseness features of `stems` looked up in the table (those of `x`
  // are ignored).
  double ScorePhrase(std::string_view stems, const KeyphraseFeatures& x) const;
};

Result<KeyphraseModel> ParseKeyphraseModel(std::string_view text, std::string_view origin);
std::string SerializeKeyphraseModel(const KeyphraseModel& model);

// The English model shipped in src/enrich/tag/model/; null when the build has none.
const KeyphraseModel* BuiltinKeyphraseModel();

// Logistic regression on standardised features, full-batch gradient descent with a small L2
// penalty: a few hundred thousand candidates train in about a second.
struct LabelledCandidates {
  std::vector<KeyphraseFeatures> x;
  std::vector<uint8_t> y;
};
void FitKeyphraseModel(const LabelledCandidates& data, KeyphraseModel& model, int iterations = 300);

}  // namespace wiredesk::enrich::tag
