#include "enrich/entities/ner_tagger.h"

#include <climits>

#include "enrich/entities/text_tokenizer.h"

namespace wiredesk::enrich::entities {

std::vector<std::vector<Tag>> NerTagger::TagDocument(const DocumentTokens& doc) {
  std::vector<std::vector<Tag>> tags(doc.size());
  features_.Prepare(doc, model_->gazetteer, &model_->clusters);
  const int shift = 64 - model_->bucket_bits;
  const int16_t* w = model_->weights.data();
  for (size_t s = 0; s < doc.size(); ++s) {
    tags[s].resize(doc[s].size());
    for (size_t i = 0; i < doc[s].size(); ++i) {
      scratch_.clear();
      features_.Extract(s, i, tags[s].data(), scratch_);
      // The weight table is megabytes and each feature hits a random row: asking for every
      // row first lets the memory system fetch them together instead of one after another.
      for (uint64_t f : scratch_) {
        const int16_t* row = w + (f >> shift) * kNumTags;
        __builtin_prefetch(row);
        __builtin_prefetch(row + kNumTags - 1);
      }
      int32_t scores[kNumTags] = {};
      for (uint64_t f : scratch_) {
        const int16_t* row = w + (f >> shift) * kNumTags;
        for (int k = 0; k < kNumTags; ++k) scores[k] += row[k];
      }
      const Tag prev = i > 0 ? tags[s][i - 1] : kOutside;
      Tag best = kOutside;
      int32_t best_score = INT32_MIN;
      for (int k = 0; k < kNumTags; ++k) {
        if (!Follows(prev, static_cast<Tag>(k))) continue;
        if (scores[k] > best_score) {
          best_score = scores[k];
          best = static_cast<Tag>(k);
        }
      }
      tags[s][i] = best;
      features_.Record(s, i, best);
    }
  }
  return tags;
}

std::vector<Mention> FindMentions(NerTagger& tagger, std::string_view text) {
  const std::vector<TextSentence> sentences = SplitSentences(text);
  DocumentTokens doc(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (const TextToken& t : sentences[s].tokens) {
      doc[s].push_back(text.substr(t.begin, t.end - t.begin));
    }
  }
  const auto tags = tagger.TagDocument(doc);
  std::vector<Mention> mentions;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const auto& toks = sentences[s].tokens;
    for (size_t i = 0; i < toks.size();) {
      if (tags[s][i] == kOutside) {
        ++i;
        continue;
      }
      const EntityType type = TypeOf(tags[s][i]);
      size_t j = i + 1;
      while (j < toks.size() && tags[s][j] == InsideTag(type)) ++j;
      Mention m;
      m.type = type;
      m.begin = toks[i].begin;
      m.end = toks[j - 1].end;
      m.sentence = s;
      for (size_t k = i; k < j; ++k) {
        if (k > i) m.text += ' ';
        m.text += doc[s][k];
      }
      mentions.push_back(std::move(m));
      i = j;
    }
  }
  return mentions;
}

}  // namespace wiredesk::enrich::entities
