// `wiredesk train keyphrases DIR`: trains the keyphrase ranker on documents with gold keyphrases
// (DIR/docsutf8/NAME.txt and DIR/keys/NAME.key, 500N-KPCrowd's layout), and with --folds K
// writes each document's keyphrases from a model that never saw it, for an honest score.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/cli.h"
#include "enrich/entities/ner_model.h"
#include "enrich/entities/ner_tagger.h"
#include "enrich/tag/keyphrase_trainer.h"

namespace wiredesk::cli {
namespace {

namespace fs = std::filesystem;
namespace tag = enrich::tag;

struct TrainKeyphraseFlags {
  std::string dir;
  std::string out;
  int folds = 0;
  std::string cv_out;
  size_t count = 10;
  std::string note;
  std::string dump;
};

bool ReadText(const fs::path& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return static_cast<bool>(in) || in.eof();
}

int RunTrainKeyphrases(const TrainKeyphraseFlags& f) {
  const fs::path docs_dir = fs::path(f.dir) / "docsutf8";
  const fs::path keys_dir = fs::path(f.dir) / "keys";
  std::error_code ec;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(docs_dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  if (ec) return ReportError("train keyphrases: cannot read " + docs_dir.string() + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  tag::KeyphraseExtractor extractor("en");
  // The ranker weighs the names the entity tagger finds, as hashtags do at ingest.
  std::unique_ptr<enrich::entities::NerTagger> tagger;
  if (auto model = enrich::entities::BuiltinNerModel()) {
    tagger = std::make_unique<enrich::entities::NerTagger>(**model);
  } else {
    std::fprintf(stderr, "train keyphrases: %s; training without names\n",
                 model.error().message.c_str());
  }
  std::vector<tag::KeyphraseTrainingDocument> docs;
  for (const fs::path& path : paths) {
    std::string text, keys;
    const fs::path key_path = keys_dir / (path.stem().string() + ".key");
    if (!ReadText(path, text) || !ReadText(key_path, keys)) {
      return ReportError("train keyphrases: cannot read " + path.string() + " or " +
                         key_path.string());
    }
    std::vector<std::string> gold;
    std::istringstream lines(keys);
    for (std::string line; std::getline(lines, line);) gold.push_back(line);
    std::vector<enrich::entities::Mention> mentions;
    if (tagger) mentions = enrich::entities::FindMentions(*tagger, text);
    docs.push_back(
        tag::PrepareTrainingDocument(extractor, path.stem().string(), text, gold, mentions));
  }
  if (docs.empty()) return ReportError("train keyphrases: no documents in " + docs_dir.string());
  if (!f.dump.empty()) {
    // One line per candidate, for error analysis and trying learners outside the binary.
    std::ofstream out(f.dump, std::ios::binary);
    out << "doc\tstems\ttext\tgold";
    for (int k = 0; k < tag::kNumKeyphraseFeatures; ++k) out << '\t' << tag::KeyphraseFeatureName(k);
    out << '\n';
    for (const auto& d : docs) {
      for (const auto& c : d.candidates) {
        out << d.name << '\t' << c.stems << '\t' << c.text << '\t' << d.gold.contains(c.stems);
        for (double v : c.features) out << '\t' << v;
        out << '\n';
      }
    }
    if (!out) return ReportError("train keyphrases: cannot write " + f.dump);
  }

  if (f.folds >= 2) {
    if (f.cv_out.empty()) return ReportError("train keyphrases: --folds needs --cv-out");
    fs::create_directories(f.cv_out, ec);
    if (ec) return ReportError("train keyphrases: cannot create " + f.cv_out + ": " + ec.message());
    // Fold of document i: i mod K over the sorted names, so every run splits alike.
    for (int fold = 0; fold < f.folds; ++fold) {
      std::vector<size_t> train;
      for (size_t i = 0; i < docs.size(); ++i) {
        if (static_cast<int>(i % static_cast<size_t>(f.folds)) != fold) train.push_back(i);
      }
      const tag::KeyphraseModel model = tag::TrainKeyphraseModel(docs, train);
      for (size_t i = static_cast<size_t>(fold); i < docs.size(); i += static_cast<size_t>(f.folds)) {
        std::ofstream out(fs::path(f.cv_out) / (docs[i].name + ".key"), std::ios::binary);
        for (const auto& p : tag::RankCandidates(model, docs[i].candidates, f.count)) out << p << '\n';
        if (!out) return ReportError("train keyphrases: cannot write into " + f.cv_out);
      }
      std::fprintf(stderr, "train keyphrases: fold %d of %d done\n", fold + 1, f.folds);
    }
  }
  if (!f.out.empty()) {
    std::vector<size_t> all(docs.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    tag::KeyphraseModel model = tag::TrainKeyphraseModel(docs, all);
    model.note = f.note;
    std::ofstream out(f.out, std::ios::binary);
    out << tag::SerializeKeyphraseModel(model);
    if (!out) return ReportError("train keyphrases: cannot write " + f.out);
    std::fprintf(stderr, "train keyphrases: %zu documents, %zu phrases kept; wrote %s\n",
                 docs.size(), model.keyphraseness.size(), f.out.c_str());
  }
  return 0;
}

}  // namespace

void AddTrainKeyphrasesCommand(CLI::App& train, Action& action) {
  auto f = std::make_shared<TrainKeyphraseFlags>();
  CLI::App* kp = train.add_subcommand(
      "keyphrases", "Train the keyphrase ranker on DIR/docsutf8/*.txt with DIR/keys/*.key");
  kp->add_option("DIR", f->dir, "a 500N-KPCrowd-style folder")->required()->check(
      CLI::ExistingDirectory);
  kp->add_option("--out", f->out, "model file to write (trained on every document)");
  kp->add_option("--folds", f->folds, "cross-validate: K folds (document i in fold i mod K)");
  kp->add_option("--cv-out", f->cv_out, "where --folds writes each document's keyphrases");
  kp->add_option("--count", f->count, "keyphrases per document in --cv-out (default 10)");
  kp->add_option("--dump", f->dump, "write every candidate's features (TSV) for analysis");
  kp->add_option("--note", f->note, "what the model was trained on, stored in it");
  kp->callback([f, &action] { action = [f] { return RunTrainKeyphrases(*f); }; });
}

}  // namespace wiredesk::cli
