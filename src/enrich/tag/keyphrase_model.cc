#include "enrich/tag/keyphrase_model.h"

#include <charconv>
#include <cstdio>
#include <cmath>
#include <map>
#include <vector>

#include "core/embedded_file.h"

#if defined(WD_KEYPHRASE_MODEL_FILE)
// Embedded at build time like the entity model, so the binary finds it wherever it runs.
WD_EMBED_FILE(wd_keyphrase_model, WD_KEYPHRASE_MODEL_FILE);
#endif

namespace wiredesk::enrich::tag {
namespace {

constexpr std::string_view kMagic = "wiredesk-keyphrase-model 1";

constexpr std::string_view kNamedFeatures[kTfWordsBins] = {
    "log_tf", "idf", "first_position", "position_spread", "sentence_spread", "one_word",
    "two_words", "three_words", "cased", "in_title", "whole_name", "part_name", "mixed_case",
    "inner_stopword", "ends_ly", "ends_ed", "ends_ing", "ends_s", "keyphrase_rate",
    "corpus_idf", "acronym", "log_document_words", "rate_confidence", "one_word_tf",
    "one_word_first", "log_first_sentence", "log_tf_squared", "entity_person", "entity_place",
    "entity_organisation", "entity_other", "inside_entity", "straddles_entity", "title_count",
    "in_lead", "last_position", "body_cased", "word_tf_ratio", "log_last_word_length",
    "noun_ending", "adjective_ending", "after_determiner", "after_preposition", "after_to",
    "after_pronoun", "before_of", "before_verb", "hyphenated", "apostrophe",
};

// Never 0, which marks an empty slot.
uint64_t PhraseHash(std::string_view stems) {
  const uint64_t h = std::hash<std::string_view>{}(stems);
  return h == 0 ? 1 : h;
}

// The named features, then the indicator bins as tf_words_N and rate_seen_N.
const std::vector<std::string>& FeatureNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n(std::begin(kNamedFeatures), std::end(kNamedFeatures));
    for (int i = 0; i < 15; ++i) n.push_back("tf_words_" + std::to_string(i));
    for (int i = 0; i < 15; ++i) n.push_back("rate_seen_" + std::to_string(i));
    return n;
  }();
  return names;
}

// Finite numbers only: a NaN weight would leave the ranking's sort without an order.
bool ParseDouble(std::string_view s, double& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

// A count as the model stores it (whole, non-negative, within int).
bool ParseCount(std::string_view s, int& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && out >= 0;
}

// Splits off the first space-separated field of `line`.
std::string_view Field(std::string_view& line) {
  const size_t sp = line.find(' ');
  std::string_view f = line.substr(0, sp);
  line = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
  return f;
}

}  // namespace

std::string_view KeyphraseFeatureName(int feature) {
  return feature >= 0 && feature < kNumKeyphraseFeatures ? std::string_view(FeatureNames()[static_cast<size_t>(feature)]) : "";
}

namespace {

// The keyphraseness features' values; of the indicator bins, the one set.
struct Keyphraseness {
  double rate, corpus_idf, confidence;
  int bin;
};

Keyphraseness KeyphrasenessOf(int chosen, int seen, int documents) {
  Keyphraseness k{};
  // Smoothed towards "unknown": a phrase seen once and chosen once is not a certainty.
  k.rate = (chosen + 0.1) / (seen + 1.0);
  // Rarity among the training documents: news of the same kind, unlike the small background.
  k.corpus_idf = std::log((documents + 1.0) / (seen + 1.0));
  // A linear model cannot weigh a rate by the evidence behind it unless told.
  k.confidence = k.rate * std::log1p(seen);
  const double rate = seen > 0 ? static_cast<double>(chosen) / seen : 0;
  const int rate_bin = chosen == 0 ? 0 : rate < 0.25 ? 1 : rate < 0.5 ? 2 : rate < 0.75 ? 3 : 4;
  const int seen_bin = seen == 0 ? 0 : seen <= 2 ? 1 : 2;
  k.bin = kRateSeenBins + seen_bin * 5 + rate_bin;
  return k;
}

}  // namespace

void SetKeyphraseness(int chosen, int seen, int documents, KeyphraseFeatures& x) {
  const Keyphraseness k = KeyphrasenessOf(chosen, seen, documents);
  x[kKeyphraseRate] = k.rate;
  x[kCorpusIdf] = k.corpus_idf;
  x[kRateConfidence] = k.confidence;
  for (int b = 0; b < 15; ++b) x[kRateSeenBins + b] = 0;
  x[k.bin] = 1;
}

double KeyphraseModel::ScorePhrase(std::string_view stems, const KeyphraseFeatures& x) const {
  int chosen = 0, seen = 0;
  if (!slots.empty()) {
    const uint64_t h = PhraseHash(stems);
    for (size_t i = h & (slots.size() - 1); slots[i].hash != 0; i = (i + 1) & (slots.size() - 1)) {
      if (slots[i].hash == h) {
        chosen = slots[i].chosen;
        seen = slots[i].seen;
        break;
      }
    }
  }
  // Score(x) with x's keyphraseness features replaced, without copying x: the dot product
  // over the rest, plus the folded weights of the replacements.
  const Keyphraseness k = KeyphrasenessOf(chosen, seen, documents);
  const KeyphraseFeatures& w = folded_weights;
  double s = folded_bias + w[kKeyphraseRate] * k.rate + w[kCorpusIdf] * k.corpus_idf +
             w[kRateConfidence] * k.confidence + w[k.bin];
  static_assert(kRateSeenBins + 15 == kNumKeyphraseFeatures, "the rate bins come last");
  for (int f = 0; f < kRateSeenBins; ++f) s += w[f] * x[f];
  s -= w[kKeyphraseRate] * x[kKeyphraseRate] + w[kCorpusIdf] * x[kCorpusIdf] +
       w[kRateConfidence] * x[kRateConfidence];
  return std::isnan(s) ? -HUGE_VAL : s;
}

void KeyphraseModel::Fold() {
  size_t capacity = 16;
  while (capacity < keyphraseness.size() * 2) capacity *= 2;
  slots.assign(capacity, Slot{});
  for (const auto& [stems, counts] : keyphraseness) {
    const uint64_t h = PhraseHash(stems);
    size_t i = h & (capacity - 1);
    while (slots[i].hash != 0) i = (i + 1) & (capacity - 1);
    slots[i] = {h, counts.first, counts.second};
  }
  FoldWeights();
}

void KeyphraseModel::FoldWeights() {
  folded_bias = bias;
  for (int f = 0; f < kNumKeyphraseFeatures; ++f) {
    folded_weights[f] = weights[f] / scale[f];
    folded_bias -= folded_weights[f] * mean[f];
  }
}

double KeyphraseModel::Score(const KeyphraseFeatures& x) const {
  double s = folded_bias;
  for (int f = 0; f < kNumKeyphraseFeatures; ++f) s += folded_weights[f] * x[f];
  // Extreme weights can overflow into inf - inf: rank such a phrase last, never as NaN.
  return std::isnan(s) ? -HUGE_VAL : s;
}

Result<KeyphraseModel> ParseKeyphraseModel(std::string_view text, std::string_view origin) {
  KeyphraseModel m;
  auto bad = [&](size_t line_no, std::string_view why) {
    return Fail(ErrorCode::kParse,
                "keyphrase model line " + std::to_string(line_no) + ": " + std::string(why),
                std::string(origin));
  };
  size_t line_no = 0;
  int features = 0;
  bool magic = false;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty()) continue;
    if (!magic) {
      if (line != kMagic) return bad(line_no, "not a wiredesk keyphrase model");
      magic = true;
      continue;
    }
    const std::string_view kind = Field(line);
    if (kind == "note") {
      m.note = std::string(line);
    } else if (kind == "feature") {
      const std::string_view name = Field(line);
      if (features >= kNumKeyphraseFeatures || name != FeatureNames()[static_cast<size_t>(features)]) {
        return bad(line_no, "feature " + std::string(name) + " is not the one expected here");
      }
      double mean = 0, scale = 0, weight = 0;
      if (!ParseDouble(Field(line), mean) || !ParseDouble(Field(line), scale) ||
          !ParseDouble(Field(line), weight) || !(scale > 0)) {
        return bad(line_no, "feature wants MEAN SCALE WEIGHT, scale > 0");
      }
      m.mean[features] = mean;
      m.scale[features] = scale;
      m.weights[features] = weight;
      ++features;
    } else if (kind == "documents") {
      if (!ParseCount(line, m.documents)) return bad(line_no, "documents wants a count");
    } else if (kind == "bias") {
      if (!ParseDouble(line, m.bias)) return bad(line_no, "bias wants a number");
    } else if (kind == "phrase") {
      int chosen = 0, seen = 0;
      if (!ParseCount(Field(line), chosen) || !ParseCount(Field(line), seen) || line.empty() ||
          seen < chosen) {
        return bad(line_no, "phrase wants CHOSEN SEEN STEMS, chosen <= seen");
      }
      m.keyphraseness[std::string(line)] = {chosen, seen};
    } else {
      return bad(line_no, "unknown line kind " + std::string(kind));
    }
  }
  if (!magic) return bad(line_no, "empty");
  if (features != kNumKeyphraseFeatures) return bad(line_no, "missing features");
  m.Fold();
  return m;
}

std::string SerializeKeyphraseModel(const KeyphraseModel& model) {
  std::string out(kMagic);
  out += "\nnote ";
  for (char c : model.note) out += c == '\n' ? ' ' : c;
  out += '\n';
  char buf[128];
  for (int f = 0; f < kNumKeyphraseFeatures; ++f) {
    std::snprintf(buf, sizeof buf, "feature %s %.9g %.9g %.9g\n",
                  FeatureNames()[static_cast<size_t>(f)].c_str(), model.mean[f], model.scale[f],
                  model.weights[f]);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "bias %.9g\ndocuments %d\n", model.bias, model.documents);
  out += buf;
  // Sorted, so a retrained model diffs cleanly.
  const std::map<std::string, std::pair<int, int>> sorted(model.keyphraseness.begin(),
                                                          model.keyphraseness.end());
  for (const auto& [stems, counts] : sorted) {
    out += "phrase " + std::to_string(counts.first) + ' ' + std::to_string(counts.second) + ' ' +
           stems + '\n';
  }
  return out;
}

const KeyphraseModel* BuiltinKeyphraseModel() {
#if defined(WD_KEYPHRASE_MODEL_FILE)
  static const KeyphraseModel* const model = []() -> const KeyphraseModel* {
    const std::string_view text(
        wd_keyphrase_model_begin,
        static_cast<size_t>(wd_keyphrase_model_end - wd_keyphrase_model_begin));
    auto m = ParseKeyphraseModel(text, "built-in keyphrase model");
    if (!m) {
      std::fprintf(stderr, "wiredesk: %s (keyphrases fall back to the unlearned score)\n",
                   m.error().message.c_str());
      return nullptr;
    }
    return new KeyphraseModel(std::move(*m));
  }();
  return model;
#else
  return nullptr;
#endif
}

void FitKeyphraseModel(const LabelledCandidates& data, KeyphraseModel& model, int iterations) {
  const size_t n = data.x.size();
  model.mean.fill(0);
  model.scale.fill(1);
  model.weights.fill(0);
  model.bias = 0;
  model.FoldWeights();
  if (n == 0) return;
  for (const auto& x : data.x) {
    for (int f = 0; f < kNumKeyphraseFeatures; ++f) model.mean[f] += x[f];
  }
  for (double& m : model.mean) m /= static_cast<double>(n);
  KeyphraseFeatures var{};
  for (const auto& x : data.x) {
    for (int f = 0; f < kNumKeyphraseFeatures; ++f) {
      var[f] += (x[f] - model.mean[f]) * (x[f] - model.mean[f]);
    }
  }
  for (int f = 0; f < kNumKeyphraseFeatures; ++f) {
    const double sd = std::sqrt(var[f] / static_cast<double>(n));
    model.scale[f] = sd > 1e-9 ? sd : 1.0;
  }
  std::vector<KeyphraseFeatures> z(n);
  for (size_t i = 0; i < n; ++i) {
    for (int f = 0; f < kNumKeyphraseFeatures; ++f) {
      z[i][f] = (data.x[i][f] - model.mean[f]) / model.scale[f];
    }
  }
  // Adam on the mean log-loss: standardised features make one step size fit all weights.
  constexpr double kL2 = 1e-4, kRate = 0.05, kB1 = 0.9, kB2 = 0.999;
  std::array<double, kNumKeyphraseFeatures + 1> m1{}, m2{}, grad{};
  for (int it = 1; it <= iterations; ++it) {
    model.FoldWeights();
    grad.fill(0);
    for (size_t i = 0; i < n; ++i) {
      const double s = model.Score(data.x[i]);
      const double p = 1.0 / (1.0 + std::exp(-s));
      const double g = p - data.y[i];
      for (int f = 0; f < kNumKeyphraseFeatures; ++f) grad[f] += g * z[i][f];
      grad[kNumKeyphraseFeatures] += g;
    }
    for (size_t k = 0; k < grad.size(); ++k) {
      double g = grad[k] / static_cast<double>(n);
      if (k < kNumKeyphraseFeatures) g += kL2 * model.weights[k];
      m1[k] = kB1 * m1[k] + (1 - kB1) * g;
      m2[k] = kB2 * m2[k] + (1 - kB2) * g * g;
      const double step = kRate * (m1[k] / (1 - std::pow(kB1, it))) /
                          (std::sqrt(m2[k] / (1 - std::pow(kB2, it))) + 1e-8);
      if (k < kNumKeyphraseFeatures) model.weights[k] -= step;
      else model.bias -= step;
    }
  }
  model.Fold();
}

}  // namespace wiredesk::enrich::tag
