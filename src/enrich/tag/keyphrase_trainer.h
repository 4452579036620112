// Training the keyphrase ranker on documents with gold keyphrases (500N-KPCrowd's layout),
// with k-fold cross-validation so a figure on the training data is an honest one.
#pragma once

#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "enrich/tag/keyphrase_extractor.h"
#include "enrich/tag/keyphrase_model.h"

namespace wiredesk::enrich::tag {

struct KeyphraseTrainingDocument {
  std::string name;
  std::vector<KeyphraseCandidate> candidates;  // keyphraseness not yet set
  std::unordered_set<std::string> gold;        // stemmed, as KeyphraseCandidate::stems
};

// Candidates and stemmed gold phrases of one English document; `mentions`: the entity
// tagger's names in `text`, as Extract() takes them.
KeyphraseTrainingDocument PrepareTrainingDocument(KeyphraseExtractor& extractor, std::string name,
                                                  std::string_view text,
                                                  const std::vector<std::string>& gold,
                                                  std::span<const entities::Mention> mentions = {});

// A model trained on `docs[i]` for each i in `train`. Keyphraseness is counted over those
// documents, each document's own features leaving itself out, as an unseen one would.
KeyphraseModel TrainKeyphraseModel(const std::vector<KeyphraseTrainingDocument>& docs,
                                   const std::vector<size_t>& train);

// The best `count` candidates' surface forms under `model`, best first.
std::vector<std::string> RankCandidates(const KeyphraseModel& model,
                                        const std::vector<KeyphraseCandidate>& candidates,
                                        size_t count);

}  // namespace wiredesk::enrich::tag
