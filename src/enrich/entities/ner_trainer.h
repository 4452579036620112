// Training the entity tagger: averaged perceptron (Collins 2002) over greedy decoding with the
// tagger's own predicted history, as in Ratinov & Roth (2009). Also builds the gazetteers.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "enrich/entities/conll.h"
#include "enrich/entities/ner_features.h"
#include "enrich/entities/ner_model.h"

namespace wiredesk::enrich::entities {

struct TaggedDocument {
  std::vector<std::vector<std::string>> tokens;
  std::vector<std::vector<Tag>> tags;
};

// Converts CoNLL documents with PER/LOC/ORG/MISC tags (IOB1 or BIO).
Result<std::vector<TaggedDocument>> ToTagged(const std::vector<ConllDocument>& docs);

struct TrainOptions {
  int epochs = 12;
  int bucket_bits = 20;
  uint64_t seed = 20030601;  // the documents are shuffled each epoch with this seed
  std::string note;
  // Probability of leaving each feature out of a training token (0: none).
  double dropout = 0;
  // Word clusters for the features (word_clusters.h), stored in the model; may be empty.
  ClusterTable clusters;
  // Models trained, with shuffling seeds seed, seed + 1, ..., and averaged into one (see
  // AverageNerModels): 1 trains a single model.
  int average_of = 1;
};

// Entity-level counts with conlleval's rules (exact span and type).
struct NerScore {
  size_t gold = 0;
  size_t predicted = 0;
  size_t correct = 0;
  double Precision() const { return predicted ? static_cast<double>(correct) / predicted : 0; }
  double Recall() const { return gold ? static_cast<double>(correct) / gold : 0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};
void AddScore(const std::vector<Tag>& gold, const std::vector<Tag>& predicted, NerScore& score,
              NerScore* per_type = nullptr);

// Trains on `train`; with a non-empty `dev`, keeps the epoch that scores best on it (each
// model's own best epoch when averaging several). `log` gets one line per epoch.
Result<NerModel> TrainNerModel(const std::vector<TaggedDocument>& train,
                               const std::vector<TaggedDocument>& dev, Gazetteer gazetteer,
                               const TrainOptions& options,
                               const std::function<void(const std::string&)>& log);

// The mean of the real weights (int16 times scale) of models that differ only in their weights
// (trained with the same features, gazetteer, clusters and table size but different shuffling
// seeds), quantised again: one model of the same size and speed. Each perceptron has settled on
// the accidents of its own example order; the mean keeps what they agree on.
Result<NerModel> AverageNerModels(const std::vector<NerModel>& models);

// Gazetteers from Debian's iso-codes JSON files (/usr/share/iso-codes/json): countries
// (3166-1, 3166-3), subdivisions (3166-2), languages (639-3 living, 639-2), currencies (4217).
Result<void> AddIsoCodes(const std::string& json_dir, Gazetteer& gazetteer);

// Named instances from WordNet's noun database (Debian's wordnet-base: DIR/data.noun): synsets
// that are instances of something ("Paris" of a national capital), by lexicographer file:
// people to the person list, locations to the location list, groups to the organisation list.
Result<void> AddWordNet(const std::string& wordnet_dir, Gazetteer& gazetteer);

// Entity names from an annotated corpus that may be shipped (wikigold, WNUT-17): types PER/
// person, LOC/location, ORG/corporation/group, MISC/product/creative-work.
void AddCorpusNames(const std::vector<ConllDocument>& docs, Gazetteer& gazetteer);

}  // namespace wiredesk::enrich::entities
