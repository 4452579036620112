#include "enrich/entities/ner_trainer.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <cstdlib>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "enrich/entities/ner_tagger.h"
#include "enrich/entities/text_tokenizer.h"

namespace wiredesk::enrich::entities {

Result<std::vector<TaggedDocument>> ToTagged(const std::vector<ConllDocument>& docs) {
  std::vector<TaggedDocument> out;
  out.reserve(docs.size());
  for (const ConllDocument& d : docs) {
    TaggedDocument t;
    t.tokens = d.tokens;
    for (const auto& raw : d.raw_tags) {
      auto bio = ToBio(raw);
      if (!bio) return Unexpected(bio.error());
      t.tags.push_back(std::move(*bio));
    }
    out.push_back(std::move(t));
  }
  return out;
}

namespace {

struct Chunk {
  size_t begin, end;
  int type;
  bool operator==(const Chunk&) const = default;
};

std::vector<Chunk> Chunks(const std::vector<Tag>& tags) {
  std::vector<Chunk> out;
  for (size_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == kOutside) continue;
    const auto type = TypeOf(tags[i]);
    const bool continues = IsInside(tags[i]) && !out.empty() && out.back().end == i &&
                           out.back().type == static_cast<int>(type);
    if (continues) {
      out.back().end = i + 1;
    } else {
      out.push_back({i, i + 1, static_cast<int>(type)});
    }
  }
  return out;
}

}  // namespace

void AddScore(const std::vector<Tag>& gold, const std::vector<Tag>& predicted, NerScore& score,
              NerScore* per_type) {
  const auto g = Chunks(gold), p = Chunks(predicted);
  score.gold += g.size();
  score.predicted += p.size();
  for (const Chunk& c : g) {
    if (per_type) ++per_type[c.type].gold;
  }
  for (const Chunk& c : p) {
    if (per_type) ++per_type[c.type].predicted;
    if (std::find(g.begin(), g.end(), c) != g.end()) {
      ++score.correct;
      if (per_type) ++per_type[c.type].correct;
    }
  }
}

namespace {

// Averaged weights, quantised to int16 with one scale.
NerModel Snapshot(const std::vector<float>& w, const std::vector<double>& u, double c,
                  const Gazetteer& gazetteer, const TrainOptions& options) {
  NerModel m;
  m.bucket_bits = options.bucket_bits;
  m.gazetteer = gazetteer;
  m.clusters = options.clusters;
  m.note = options.note;
  std::vector<float> avg(w.size());
  float max_abs = 0;
  for (size_t k = 0; k < w.size(); ++k) {
    avg[k] = static_cast<float>(w[k] - u[k] / c);
    max_abs = std::max(max_abs, std::fabs(avg[k]));
  }
  m.scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  m.weights.resize(w.size());
  for (size_t k = 0; k < w.size(); ++k) {
    m.weights[k] = static_cast<int16_t>(std::lround(avg[k] / m.scale));
  }
  return m;
}

NerScore Evaluate(const NerModel& model, const std::vector<TaggedDocument>& docs) {
  NerTagger tagger(model);
  NerScore score;
  for (const TaggedDocument& d : docs) {
    DocumentTokens views(d.tokens.size());
    for (size_t s = 0; s < d.tokens.size(); ++s) views[s].assign(d.tokens[s].begin(), d.tokens[s].end());
    const auto predicted = tagger.TagDocument(views);
    for (size_t s = 0; s < d.tags.size(); ++s) AddScore(d.tags[s], predicted[s], score);
  }
  return score;
}

// One averaged perceptron, shuffled with options.seed; the best epoch on `dev` if any.
NerModel TrainOne(const std::vector<TaggedDocument>& train, const std::vector<TaggedDocument>& dev,
                  const Gazetteer& gazetteer, const TrainOptions& options,
                  const std::function<void(const std::string&)>& log) {
  const size_t rows = size_t{1} << options.bucket_bits;
  const int shift = 64 - options.bucket_bits;
  std::vector<float> w(rows * kNumTags, 0.0f);
  std::vector<double> u(rows * kNumTags, 0.0);  // sum of c * update, for lazy averaging
  double c = 1;
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  DocumentFeatures features;
  std::vector<uint64_t> feats;
  NerModel best;
  double best_f1 = -1;
  const uint64_t drop_below = static_cast<uint64_t>(options.dropout * double(uint64_t{1} << 24));
  uint64_t dropout_state = options.seed;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t tokens = 0, errors = 0;
    for (size_t d : order) {
      const TaggedDocument& doc = train[d];
      DocumentTokens views(doc.tokens.size());
      for (size_t s = 0; s < doc.tokens.size(); ++s) {
        views[s].assign(doc.tokens[s].begin(), doc.tokens[s].end());
      }
      features.Prepare(views, gazetteer, &options.clusters);
      for (size_t s = 0; s < views.size(); ++s) {
        std::vector<Tag> predicted(views[s].size(), kOutside);
        for (size_t i = 0; i < views[s].size(); ++i) {
          feats.clear();
          features.Extract(s, i, predicted.data(), feats);
          if (drop_below > 0) {
            // Feature dropout: each feature of this token is left out with the given
            // probability, so that no single feature (the word itself) carries a decision alone.
            size_t kept = 0;
            for (uint64_t f : feats) {
              dropout_state = dropout_state * 6364136223846793005ULL + 1442695040888963407ULL;
              if ((dropout_state >> 40) >= drop_below) feats[kept++] = f;
            }
            feats.resize(kept);
          }
          float scores[kNumTags] = {};
          for (uint64_t f : feats) {
            const float* row = w.data() + (f >> shift) * kNumTags;
            for (int k = 0; k < kNumTags; ++k) scores[k] += row[k];
          }
          const Tag prev = i > 0 ? predicted[i - 1] : kOutside;
          Tag guess = kOutside;
          float best_score = -1e30f;
          for (int k = 0; k < kNumTags; ++k) {
            if (Follows(prev, static_cast<Tag>(k)) && scores[k] > best_score) {
              best_score = scores[k];
              guess = static_cast<Tag>(k);
            }
          }
          const Tag gold = doc.tags[s][i];
          // A gold tag the constraint rules out (an I- after a predicted O) teaches nothing.
          if (guess != gold && Follows(prev, gold)) {
            ++errors;
            for (uint64_t f : feats) {
              const size_t row = (f >> shift) * kNumTags;
              w[row + gold] += 1;
              u[row + gold] += c;
              w[row + guess] -= 1;
              u[row + guess] -= c;
            }
          }
          predicted[i] = guess;
          features.Record(s, i, guess);
          ++tokens;
          c += 1;
        }
      }
    }
    std::ostringstream line;
    line << "epoch " << epoch << ": train token errors " << errors << "/" << tokens;
    if (!dev.empty() || epoch == options.epochs) {
      NerModel m = Snapshot(w, u, c, gazetteer, options);
      if (!dev.empty()) {
        const NerScore score = Evaluate(m, dev);
        line << ", dev F1 " << 100 * score.F1();
        if (score.F1() > best_f1) {
          best_f1 = score.F1();
          best = std::move(m);
        }
      } else {
        best = std::move(m);
      }
    }
    log(line.str());
  }
  return best;
}

}  // namespace

Result<NerModel> AverageNerModels(const std::vector<NerModel>& models) {
  if (models.empty()) {
    return Unexpected(MakeError(ErrorCode::kInvalidArgument, "no models to average"));
  }
  for (const NerModel& m : models) {
    if (m.bucket_bits != models[0].bucket_bits || m.weights.size() != models[0].weights.size()) {
      return Unexpected(MakeError(ErrorCode::kInvalidArgument,
                                  "models to average must have the same feature table size"));
    }
  }
  std::vector<float> mean(models[0].weights.size(), 0.0f);
  for (const NerModel& m : models) {
    const float share = m.scale / static_cast<float>(models.size());
    for (size_t k = 0; k < mean.size(); ++k) mean[k] += share * static_cast<float>(m.weights[k]);
  }
  float max_abs = 0;
  for (float v : mean) max_abs = std::max(max_abs, std::fabs(v));
  NerModel out;
  out.bucket_bits = models[0].bucket_bits;
  out.gazetteer = models[0].gazetteer;
  out.clusters = models[0].clusters;
  out.note = models[0].note;
  out.scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  out.weights.resize(mean.size());
  for (size_t k = 0; k < mean.size(); ++k) {
    out.weights[k] = static_cast<int16_t>(std::lround(mean[k] / out.scale));
  }
  return out;
}

Result<NerModel> TrainNerModel(const std::vector<TaggedDocument>& train,
                               const std::vector<TaggedDocument>& dev, Gazetteer gazetteer,
                               const TrainOptions& options,
                               const std::function<void(const std::string&)>& log) {
  if (train.empty()) {
    return Unexpected(MakeError(ErrorCode::kInvalidArgument, "no training sentences"));
  }
  if (options.bucket_bits < 10 || options.bucket_bits > 24 || options.epochs < 1) {
    return Unexpected(MakeError(ErrorCode::kInvalidArgument, "bad bucket bits or epochs"));
  }
  if (options.average_of < 1) {
    return Unexpected(MakeError(ErrorCode::kInvalidArgument, "average_of must be at least 1"));
  }
  if (options.average_of == 1) return TrainOne(train, dev, gazetteer, options, log);
  std::vector<NerModel> models;
  for (int k = 0; k < options.average_of; ++k) {
    TrainOptions one = options;
    one.seed = options.seed + static_cast<uint64_t>(k);
    const std::string prefix =
        "model " + std::to_string(k + 1) + "/" + std::to_string(options.average_of) + ", ";
    models.push_back(TrainOne(train, dev, gazetteer, one,
                              [&](const std::string& line) { log(prefix + line); }));
  }
  auto averaged = AverageNerModels(models);
  if (averaged && !dev.empty()) {
    std::ostringstream line;
    line << "averaged model: dev F1 " << 100 * Evaluate(*averaged, dev).F1();
    log(line.str());
  }
  return averaged;
}

namespace {

void AddName(std::string_view name, GazetteerList list, Gazetteer& gazetteer) {
  const auto sentences = SplitSentences(name);
  std::vector<std::string_view> tokens;
  for (const auto& s : sentences) {
    for (const auto& t : s.tokens) tokens.push_back(name.substr(t.begin, t.end - t.begin));
  }
  gazetteer.Add(tokens, list);
}

}  // namespace

Result<void> AddIsoCodes(const std::string& json_dir, Gazetteer& gazetteer) {
  struct Source {
    const char* file;
    const char* key;
    GazetteerList list;
  };
  const Source sources[] = {
      {"iso_3166-1.json", "3166-1", GazetteerList::kCountry},
      {"iso_3166-3.json", "3166-3", GazetteerList::kCountry},
      {"iso_3166-2.json", "3166-2", GazetteerList::kSubdivision},
      {"iso_639-2.json", "639-2", GazetteerList::kLanguage},
      {"iso_639-3.json", "639-3", GazetteerList::kLanguage},
      {"iso_4217.json", "4217", GazetteerList::kCurrency},
  };
  for (const Source& src : sources) {
    const std::string path = (std::filesystem::path(json_dir) / src.file).string();
    std::ifstream in(path);
    if (!in) {
      return Unexpected(MakeError(ErrorCode::kNotFound,
                                  "cannot open an iso-codes file (apt-get install iso-codes)",
                                  path));
    }
    nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.contains(src.key) || !j[src.key].is_array()) {
      return Unexpected(MakeError(ErrorCode::kParse, "unexpected iso-codes JSON", path));
    }
    for (const auto& entry : j[src.key]) {
      // ISO 639-3 lists thousands of extinct and tiny languages: living, individual only.
      if (std::string_view(src.key) == "639-3" &&
          (entry.value("type", "") != "L" || entry.value("scope", "") != "I")) {
        continue;
      }
      for (const char* field : {"name", "common_name", "official_name"}) {
        if (!entry.contains(field) || !entry[field].is_string()) continue;
        std::string name = entry[field].get<std::string>();
        // "Korea, Republic of" / "Bolivia, Plurinational State of": the part before the comma.
        AddName(name, src.list, gazetteer);
        if (const size_t comma = name.find(','); comma != std::string::npos) {
          AddName(std::string_view(name).substr(0, comma), src.list, gazetteer);
        }
        // "English (Old)" or "Greek, Modern (1453-)": the first word is the useful part.
        if (const size_t paren = name.find(" ("); paren != std::string::npos) {
          AddName(std::string_view(name).substr(0, paren), src.list, gazetteer);
        }
      }
    }
  }
  return {};
}

Result<void> AddWordNet(const std::string& wordnet_dir, Gazetteer& gazetteer) {
  const std::string path = (std::filesystem::path(wordnet_dir) / "data.noun").string();
  std::ifstream in(path);
  if (!in) {
    return Unexpected(MakeError(ErrorCode::kNotFound,
                                "cannot open WordNet's noun database (apt-get install wordnet-base)",
                                path));
  }
  // A data line: offset lex_filenum ss_type w_cnt(hex) {word lex_id} p_cnt {ptr offset pos st}
  // | gloss. Licence lines start with spaces.
  std::string line;
  size_t added = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;
    std::istringstream fields(line);
    std::string offset, pos, count_hex;
    int lexfile = -1;
    if (!(fields >> offset >> lexfile >> pos >> count_hex)) continue;
    GazetteerList list;
    if (lexfile == 18) {
      list = GazetteerList::kPersonList;  // noun.person
    } else if (lexfile == 15) {
      list = GazetteerList::kLocationList;  // noun.location
    } else if (lexfile == 14) {
      list = GazetteerList::kOrganisationList;  // noun.group
    } else {
      continue;
    }
    const unsigned long words = std::strtoul(count_hex.c_str(), nullptr, 16);
    std::vector<std::string> names;
    for (unsigned long k = 0; k < words; ++k) {
      std::string word, lex_id;
      if (!(fields >> word >> lex_id)) break;
      if (const size_t paren = word.find('('); paren != std::string::npos) word.resize(paren);
      std::replace(word.begin(), word.end(), '_', ' ');
      if (!word.empty() && std::isupper(static_cast<unsigned char>(word[0]))) names.push_back(word);
    }
    size_t pointers = 0;
    if (!(fields >> pointers)) continue;
    bool instance = false;
    for (size_t k = 0; k < pointers; ++k) {
      std::string symbol, target, target_pos, source_target;
      if (!(fields >> symbol >> target >> target_pos >> source_target)) break;
      instance |= symbol == "@i";
    }
    if (!instance) continue;
    for (const std::string& name : names) {
      AddName(name, list, gazetteer);
      ++added;
    }
  }
  if (added == 0) {
    return Unexpected(MakeError(ErrorCode::kParse, "no named instances in WordNet's nouns", path));
  }
  return {};
}

void AddCorpusNames(const std::vector<ConllDocument>& docs, Gazetteer& gazetteer) {
  for (const ConllDocument& d : docs) {
    for (size_t s = 0; s < d.tokens.size(); ++s) {
      for (const RawSpan& span : RawSpans(d.raw_tags[s])) {
        std::string type = span.type;
        for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        GazetteerList list;
        if (type == "per" || type == "person") {
          list = GazetteerList::kPersonList;
        } else if (type == "loc" || type == "location") {
          list = GazetteerList::kLocationList;
        } else if (type == "org" || type == "corporation" || type == "group") {
          list = GazetteerList::kOrganisationList;
        } else if (type == "misc" || type == "product" || type == "creative-work") {
          list = GazetteerList::kOtherList;
        } else {
          continue;
        }
        std::vector<std::string_view> tokens(d.tokens[s].begin() + static_cast<ptrdiff_t>(span.begin),
                                             d.tokens[s].begin() + static_cast<ptrdiff_t>(span.end));
        gazetteer.Add(tokens, list);
      }
    }
  }
}

}  // namespace wiredesk::enrich::entities
