// `wiredesk eval ner FILE`: tags a CoNLL file with the entity model and writes token<TAB>tag
// lines (BIO, PER/LOC/ORG/MISC), a blank line after each sentence, for ner_eval.py to score.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "enrich/entities/conll.h"
#include "enrich/entities/ner_tagger.h"

namespace wiredesk::cli {
namespace {

namespace ent = enrich::entities;

struct EvalNerFlags {
  std::string input;
  std::string output;
  std::string model;
};

int RunEvalNer(const EvalNerFlags& f) {
  ent::NerModel loaded;
  const ent::NerModel* model = nullptr;
  if (!f.model.empty()) {
    auto m = ent::ReadNerModel(f.model);
    if (!m) return ReportError(m.error());
    loaded = std::move(*m);
    model = &loaded;
  } else {
    auto m = ent::BuiltinNerModel();
    if (!m) return ReportError(m.error());
    model = *m;
  }
  auto docs = ent::ReadConll(f.input);
  if (!docs) return ReportError(docs.error());

  ent::NerTagger tagger(*model);
  std::vector<std::vector<std::vector<ent::Tag>>> tags;
  tags.reserve(docs->size());
  size_t tokens = 0;
  const std::clock_t cpu_start = std::clock();
  const auto start = std::chrono::steady_clock::now();
  for (const ent::ConllDocument& d : *docs) {
    tags.push_back(tagger.TagDocument(d.Views()));
    for (const auto& s : d.tokens) tokens += s.size();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;

  std::ofstream file;
  if (!f.output.empty() && f.output != "-") {
    file.open(f.output, std::ios::binary);
    if (!file) return ReportError(MakeError(ErrorCode::kStorage, "cannot write the output", f.output));
  }
  std::ostream& out = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  std::string buf;
  for (size_t d = 0; d < docs->size(); ++d) {
    for (size_t s = 0; s < (*docs)[d].tokens.size(); ++s) {
      buf.clear();
      for (size_t i = 0; i < (*docs)[d].tokens[s].size(); ++i) {
        buf += (*docs)[d].tokens[s][i];
        buf += '\t';
        buf += ent::TagName(tags[d][s][i]);
        buf += '\n';
      }
      buf += '\n';
      out << buf;
    }
  }
  out.flush();
  if (!out) return ReportError(MakeError(ErrorCode::kStorage, "cannot write the output", f.output));
  // Machine-readable: bench/ner_bench.sh reads the rate from this line.
  std::fprintf(stderr,
               "eval ner: documents=%zu tokens=%zu seconds=%.3f tokens_per_second=%.0f "
               "cpu_seconds=%.3f tokens_per_cpu_second=%.0f\n",
               docs->size(), tokens, seconds, static_cast<double>(tokens) / std::max(seconds, 1e-9),
               cpu_seconds, static_cast<double>(tokens) / std::max(cpu_seconds, 1e-9));
  return 0;
}

}  // namespace

void AddEvalNer(CLI::App& eval, Action& action) {
  auto f = std::make_shared<EvalNerFlags>();
  CLI::App* ner = eval.add_subcommand(
      "ner", "Tag FILE (CoNLL: token first, -DOCSTART- between documents) with the English "
             "entity model; write token<TAB>tag lines (BIO, PER/LOC/ORG/MISC)");
  ner->add_option("FILE", f->input, "CoNLL file")->required()->check(CLI::ExistingFile);
  ner->add_option("--out,-o", f->output, "where to write the tags (default: stdout)");
  ner->add_option("--model", f->model, "model file (default: the built-in one)");
  ner->callback([f, &action] { action = [f] { return RunEvalNer(*f); }; });
}

}  // namespace wiredesk::cli
