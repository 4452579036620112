// `wiredesk train ner`: trains the entity tagger so the shipped model can be rebuilt.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/cli.h"
#include "enrich/entities/conll.h"
#include "enrich/entities/ner_trainer.h"
#include "enrich/entities/text_tokenizer.h"
#include "enrich/entities/word_clusters.h"

namespace wiredesk::cli {

// In train_keyphrases_command.cc.
void AddTrainKeyphrasesCommand(CLI::App& train, Action& action);
namespace {

namespace ent = enrich::entities;

struct TrainNerFlags {
  std::string train;
  std::string dev;
  std::string out;
  int epochs = 12;
  int bucket_bits = 20;
  uint64_t seed = 20030601;
  double dropout = 0;
  int average_of = 1;
  std::string wordnet;
  std::string iso_codes = "/usr/share/iso-codes/json";
  std::vector<std::string> names;
  std::string clusters;
  std::string note;
};

struct TrainClustersFlags {
  std::vector<std::string> text;
  std::string out;
  std::vector<int> sizes;
  ent::ClusterOptions options;
};

// Reads plain text files (a paragraph a line) and splits them as the tagger's tokenizer does.
int RunTrainClusters(const TrainClustersFlags& f) {
  std::vector<std::string> texts;
  for (const std::string& path : f.text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return ReportError(Error{ErrorCode::kNotFound, "cannot open the text file", path});
    texts.emplace_back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  ent::ClusterOptions options = f.options;
  for (size_t l = 0; l < f.sizes.size() && l < options.sizes.size(); ++l) {
    if (f.sizes[l] < 2 || f.sizes[l] >= ent::kNoCluster) {
      return ReportError(Error{ErrorCode::kInvalidArgument, "cluster counts must be 2 to 65534", ""});
    }
    options.sizes[l] = f.sizes[l];
  }
  std::vector<std::vector<std::string_view>> sentences;
  for (const std::string& text : texts) {
    for (const ent::TextSentence& s : ent::SplitSentences(text)) {
      auto& tokens = sentences.emplace_back();
      for (const ent::TextToken& t : s.tokens) {
        tokens.push_back(std::string_view(text).substr(t.begin, t.end - t.begin));
      }
    }
  }
  std::fprintf(stderr, "train clusters: %zu sentences\n", sentences.size());
  const ent::WordClusters clusters =
      ent::InduceWordClusters(sentences, options, [](const std::string& line) {
        std::fprintf(stderr, "train clusters: %s\n", line.c_str());
      });
  if (auto r = ent::WriteWordClusters(clusters, f.out); !r) return ReportError(r.error());
  return 0;
}

int RunTrainNer(const TrainNerFlags& f) {
  auto train_docs = ent::ReadConll(f.train);
  if (!train_docs) return ReportError(train_docs.error());
  auto train = ent::ToTagged(*train_docs);
  if (!train) return ReportError(Error{train.error().code, train.error().message, f.train});
  std::vector<ent::TaggedDocument> dev;
  if (!f.dev.empty()) {
    auto dev_docs = ent::ReadConll(f.dev);
    if (!dev_docs) return ReportError(dev_docs.error());
    auto tagged = ent::ToTagged(*dev_docs);
    if (!tagged) return ReportError(Error{tagged.error().code, tagged.error().message, f.dev});
    dev = std::move(*tagged);
  }
  ent::Gazetteer gazetteer;
  if (!f.iso_codes.empty() && f.iso_codes != "none") {
    if (auto r = ent::AddIsoCodes(f.iso_codes, gazetteer); !r) return ReportError(r.error());
  }
  if (!f.wordnet.empty()) {
    if (auto r = ent::AddWordNet(f.wordnet, gazetteer); !r) return ReportError(r.error());
  }
  for (const std::string& path : f.names) {
    auto docs = ent::ReadConll(path);
    if (!docs) return ReportError(docs.error());
    ent::AddCorpusNames(*docs, gazetteer);
  }
  std::fprintf(stderr, "train ner: %zu documents, %zu gazetteer phrases\n", train->size(),
               gazetteer.size());
  ent::TrainOptions options;
  if (!f.clusters.empty()) {
    auto clusters = ent::ReadWordClusters(f.clusters);
    if (!clusters) return ReportError(clusters.error());
    options.clusters.AddWords(*clusters);
    std::fprintf(stderr, "train ner: %zu clustered words\n", options.clusters.size());
  }
  options.epochs = f.epochs;
  options.bucket_bits = f.bucket_bits;
  options.seed = f.seed;
  options.dropout = f.dropout;
  options.average_of = f.average_of;
  options.note = f.note;
  auto model = ent::TrainNerModel(*train, dev, std::move(gazetteer), options,
                                  [](const std::string& line) {
                                    std::fprintf(stderr, "train ner: %s\n", line.c_str());
                                  });
  if (!model) return ReportError(model.error());
  if (auto r = ent::WriteNerModel(*model, f.out); !r) return ReportError(r.error());
  return 0;
}

}  // namespace

void AddTrainCommand(CLI::App& root, Action& action) {
  CLI::App* train = root.add_subcommand("train", "Train a model from labelled data");
  train->require_subcommand(1);

  auto f = std::make_shared<TrainNerFlags>();
  CLI::App* ner = train->add_subcommand(
      "ner", "Train the entity tagger on a CoNLL file (PER/LOC/ORG/MISC, BIO or IOB1)");
  ner->add_option("--train", f->train, "training set, CoNLL format")->required()->check(
      CLI::ExistingFile);
  ner->add_option("--dev", f->dev, "development set: keeps the best epoch")->check(
      CLI::ExistingFile);
  ner->add_option("--out", f->out, "model file to write")->required();
  ner->add_option("--epochs", f->epochs, "passes over the shuffled training set (default 12)");
  ner->add_option("--bucket-bits", f->bucket_bits, "feature table of 2^N rows (default 20)");
  ner->add_option("--seed", f->seed,
                  "seed of the per-epoch shuffling (default 20030601): another seed shows how "
                  "much a score moves by chance");
  ner->add_option("--dropout", f->dropout,
                  "leave each feature out of a training token with this probability (default 0)")
      ->check(CLI::Range(0.0, 0.9));
  ner->add_option("--average-of", f->average_of,
                  "train this many models, with seeds SEED, SEED+1, ..., and average their "
                  "weights into one of the same size and speed (default 1)")
      ->check(CLI::Range(1, 64));
  ner->add_option("--iso-codes", f->iso_codes,
                  "iso-codes JSON folder for the gazetteers, or 'none'");
  ner->add_option("--names", f->names,
                  "CoNLL files whose entity names become gazetteers (only data you may ship)")
      ->check(CLI::ExistingFile);
  ner->add_option("--wordnet", f->wordnet,
                  "WordNet folder (wordnet-base: /usr/share/wordnet) whose named people, places "
                  "and groups become gazetteers");
  ner->add_option("--clusters", f->clusters,
                  "word cluster file from `wiredesk train clusters`, stored in the model")
      ->check(CLI::ExistingFile);
  ner->add_option("--note", f->note, "what the model was trained on, stored in it");
  ner->callback([f, &action] { action = [f] { return RunTrainNer(*f); }; });
  AddTrainKeyphrasesCommand(*train, action);

  auto c = std::make_shared<TrainClustersFlags>();
  CLI::App* clusters = train->add_subcommand(
      "clusters", "Induce word clusters for the entity tagger from plain text (a paragraph a line)");
  clusters->add_option("--text", c->text, "plain text files, English news")
      ->required()
      ->check(CLI::ExistingFile);
  clusters->add_option("--out", c->out, "cluster file to write (gzip)")->required();
  clusters->add_option("--min-count", c->options.min_count,
                       "words seen fewer times get no cluster (default 3)");
  clusters->add_option("--iterations", c->options.iterations,
                       "exchange passes per level at most (default 10)");
  clusters->add_option("--sizes", c->sizes,
                       "clusters per level, coarse to fine (default 64 256 1024)")
      ->expected(ent::kClusterLevels);
  clusters->callback([c, &action] { action = [c] { return RunTrainClusters(*c); }; });
}

}  // namespace wiredesk::cli
