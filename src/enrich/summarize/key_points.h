// Key points: an extractive summary of an article, 3 (to 5) of its own sentences in order.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/summarize/text_units.h"

namespace wiredesk::enrich::summarize {

enum class KeyPointsMethod {
  kLead,      // the first sentences: news puts the point first (Lead-3, the baseline)
  kWiredesk,  // position prior + centrality + MMR redundancy control
};

struct KeyPointsOptions {
  KeyPointsMethod method = KeyPointsMethod::kWiredesk;
  size_t points = 3;      // sentences chosen
  size_t max_points = 3;  // up to this many for long articles (one more per extra_every)
  size_t extra_every = 40;
  // Scoring (measured on REALSumm's CNN/DailyMail development articles; see bench/nlp_bench.sh).
  double position_decay = 0.35;  // prior = exp(-decay * index)
  double centrality_weight = 1.0;
  double position_weight = 1.0;
  double redundancy = 0.5;       // MMR: penalty per unit of similarity to a chosen sentence
  size_t min_words = 6;          // shorter sentences are datelines, captions, fragments
  size_t long_words = 45;        // longer ones are penalised in proportion
  double long_penalty = 0.01;
  double quote_penalty = 0.1;    // a sentence that opens with a quote is rarely the point
  double question_penalty = 0.2;
  size_t window = 12;            // only the first sentences are candidates
};

// Reusable across articles (the stem cache warms up); one per thread.
class KeyPointSelector {
 public:
  explicit KeyPointSelector(std::string_view language = "en", KeyPointsOptions options = {});

  // The chosen sentences of `text`, as views into it, in document order. Empty for empty text.
  std::vector<std::string_view> Select(std::string_view text);

  KeyPointsOptions& options() { return options_; }
  // Sets a scoring option by its field name ("position_decay"); false for an unknown name.
  bool SetOption(std::string_view name, double value);

 private:
  std::string language_;
  KeyPointsOptions options_;
  Stemmer stemmer_;
};

}  // namespace wiredesk::enrich::summarize
