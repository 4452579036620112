#include "enrich/tag/keyphrase_trainer.h"

#include <algorithm>
#include <unordered_map>

namespace wiredesk::enrich::tag {

KeyphraseTrainingDocument PrepareTrainingDocument(KeyphraseExtractor& extractor, std::string name,
                                                  std::string_view text,
                                                  const std::vector<std::string>& gold,
                                                  std::span<const entities::Mention> mentions) {
  KeyphraseTrainingDocument doc;
  doc.name = std::move(name);
  doc.candidates = extractor.Candidates(text, mentions);
  summarize::Stemmer stemmer("english");
  for (const std::string& phrase : gold) {
    std::string key;
    for (const summarize::Word& w : summarize::SplitWords(phrase)) {
      if (!key.empty()) key += ' ';
      key += stemmer.Stem(w.lower);
    }
    if (!key.empty()) doc.gold.insert(std::move(key));
  }
  return doc;
}

KeyphraseModel TrainKeyphraseModel(const std::vector<KeyphraseTrainingDocument>& docs,
                                   const std::vector<size_t>& train) {
  KeyphraseModel model;
  model.documents = static_cast<int>(train.size());
  for (size_t d : train) {
    for (const KeyphraseCandidate& c : docs[d].candidates) {
      auto& counts = model.keyphraseness[c.stems];
      counts.first += docs[d].gold.contains(c.stems);
      ++counts.second;
    }
  }
  LabelledCandidates data;
  for (size_t d : train) {
    for (const KeyphraseCandidate& c : docs[d].candidates) {
      const bool gold = docs[d].gold.contains(c.stems);
      const auto& counts = model.keyphraseness.at(c.stems);
      KeyphraseFeatures x = c.features;
      SetKeyphraseness(counts.first - gold, counts.second - 1, model.documents - 1, x);
      data.x.push_back(x);
      data.y.push_back(gold);
    }
  }
  FitKeyphraseModel(data, model);
  // Phrases seen once and never chosen score as unseen ones nearly do: not worth shipping.
  std::erase_if(model.keyphraseness, [](const auto& e) {
    return e.second.first == 0 && e.second.second < 2;
  });
  model.Fold();
  return model;
}

std::vector<std::string> RankCandidates(const KeyphraseModel& model,
                                        const std::vector<KeyphraseCandidate>& candidates,
                                        size_t count) {
  std::vector<std::pair<double, size_t>> scored;
  scored.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    scored.push_back({model.ScorePhrase(candidates[i].stems, candidates[i].features), i});
  }
  // Ties go to the earlier candidate, as in Extract().
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && out.size() < count; ++i) {
    out.push_back(candidates[scored[i].second].text);
  }
  return out;
}

}  // namespace wiredesk::enrich::tag
