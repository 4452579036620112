// `wiredesk eval quotes IN_DIR OUT_DIR`: quotes and their speakers in each IN_DIR/<name>.txt
// (or IN_DIR/text/<name>.txt, a PolNeAR compartment), written to OUT_DIR/<name>.ann in brat
// standoff as PolNeAR labels it (T Content/Source/Cue, an Attribution trigger on the cue and an
// E line; R for a source carried from an earlier statement), with code point offsets, for
// ../shared/data/eval/quote_eval.py to score.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "enrich/entities/canonical_names.h"
#include "enrich/entities/ner_tagger.h"
#include "enrich/quotes/cue_lexicon.h"
#include "enrich/quotes/quote_finder.h"

namespace wiredesk::cli {
namespace {

namespace fs = std::filesystem;
namespace ent = enrich::entities;
namespace qt = enrich::quotes;

struct EvalQuotesFlags {
  std::string input;
  std::string output;
  std::string method = "wiredesk";
  std::string cues;
  bool no_entities = false;
};

// Code point index of every byte offset: brat offsets are Python string indexes.
std::vector<size_t> CodePointIndex(std::string_view text) {
  std::vector<size_t> at(text.size() + 1, 0);
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    at[i] = n;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  at[text.size()] = n;
  // A byte inside a code point maps to the code point after it, as an end offset should.
  for (size_t i = 1; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) at[i] = at[i - 1] + 1;
  }
  return at;
}

std::string Flat(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

std::string ToBrat(std::string_view text, const std::vector<qt::Attribution>& attributions) {
  const std::vector<size_t> cp = CodePointIndex(text);
  std::string out;
  int t = 0;
  int e = 0;
  int r = 0;
  auto span = [&](qt::TextSpan s) {
    return std::to_string(cp[s.begin]) + " " + std::to_string(cp[s.end]);
  };
  auto add_t = [&](std::string_view type, const std::vector<qt::TextSpan>& spans) {
    out += "T" + std::to_string(++t) + "\t" + std::string(type) + " ";
    std::string words;
    for (size_t k = 0; k < spans.size(); ++k) {
      if (k > 0) {
        out += ';';
        words += ' ';
      }
      out += span(spans[k]);
      words += Flat(text.substr(spans[k].begin, spans[k].end - spans[k].begin));
    }
    out += "\t" + words + "\n";
    return t;
  };
  for (const qt::Attribution& a : attributions) {
    const int content = add_t("Content", a.content);
    if (a.source.empty()) continue;
    const int source = add_t("Source", {a.source});
    if (a.cue.empty()) {
      out += "R" + std::to_string(++r) + "\tAttribution Arg1:T" + std::to_string(content) +
             " Arg2:T" + std::to_string(source) + "\n";
      continue;
    }
    const int cue = add_t("Cue", {a.cue});
    const int trigger = add_t("Attribution", {a.cue});
    out += "E" + std::to_string(++e) + "\tAttribution:T" + std::to_string(trigger) +
           " Content:T" + std::to_string(content) + " Source:T" + std::to_string(source) +
           " Cue:T" + std::to_string(cue) + "\n";
  }
  return out;
}

// "word<TAB>score" lines (score 1-100), as bench/nlp/make_quote_cues.py writes them.
Result<qt::CueLexicon> ReadCues(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unexpected(MakeError(ErrorCode::kNotFound, "cannot read the cue list", path));
  std::vector<std::pair<std::string, int>> entries;
  std::string line;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#') continue;
    int score = 0;
    if (tab == std::string::npos || std::sscanf(line.c_str() + tab + 1, "%d", &score) != 1 ||
        score < 1 || score > 100) {
      return Unexpected(MakeError(ErrorCode::kParse, "a cue line is not word<TAB>score (1-100)",
                                  path + ": " + line));
    }
    entries.emplace_back(line.substr(0, tab), score);
  }
  return qt::CueLexicon::FromEntries(std::move(entries));
}

int RunEvalQuotes(const EvalQuotesFlags& f) {
  qt::QuoteMethod method = qt::QuoteMethod::kWiredesk;
  if (f.method == "baseline") {
    method = qt::QuoteMethod::kBaseline;
  } else if (f.method != "wiredesk") {
    return ReportError("eval quotes: unknown --method " + f.method + " (wiredesk|baseline)");
  }
  qt::CueLexicon custom;
  const qt::CueLexicon* cues = nullptr;
  if (!f.cues.empty()) {
    auto c = ReadCues(f.cues);
    if (!c) return ReportError(c.error());
    custom = std::move(*c);
    cues = &custom;
  }
  const ent::NerModel* model = nullptr;
  const bool entities = method == qt::QuoteMethod::kWiredesk && !f.no_entities;
  if (entities) {
    auto m = ent::BuiltinNerModel();
    if (!m) return ReportError(m.error());
    model = *m;
  }

  fs::path dir = f.input;
  if (fs::is_directory(dir / "text")) dir /= "text";
  std::error_code ec;
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") docs.push_back(entry.path());
  }
  if (ec) return ReportError("eval quotes: cannot read " + dir.string() + ": " + ec.message());
  std::sort(docs.begin(), docs.end());
  fs::create_directories(f.output, ec);
  if (ec) return ReportError("eval quotes: cannot create " + f.output + ": " + ec.message());

  std::unique_ptr<ent::NerTagger> tagger;
  if (model != nullptr) tagger = std::make_unique<ent::NerTagger>(*model);
  double quote_cpu = 0;
  double entity_cpu = 0;
  size_t failed = 0;
  size_t found = 0;
  for (const fs::path& path : docs) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in && !in.eof()) {
      std::fprintf(stderr, "wiredesk: eval quotes: cannot read %s; skipped\n", path.c_str());
      ++failed;
      continue;
    }
    const std::string text = buffer.str();
    std::vector<ent::Mention> mentions;
    std::vector<ent::ArticleEntity> grouped;
    std::clock_t c0 = std::clock();
    if (tagger) {
      mentions = ent::FindMentions(*tagger, text);
      grouped = ent::GroupMentions(mentions);
    }
    std::clock_t c1 = std::clock();
    const auto attributions = qt::FindAttributions(text, mentions, grouped, method, cues);
    std::clock_t c2 = std::clock();
    entity_cpu += static_cast<double>(c1 - c0) / CLOCKS_PER_SEC;
    quote_cpu += static_cast<double>(c2 - c1) / CLOCKS_PER_SEC;
    found += attributions.size();
    const fs::path out_path = fs::path(f.output) / (path.stem().string() + ".ann");
    std::ofstream out(out_path, std::ios::binary);
    out << ToBrat(text, attributions);
    if (!out) {
      std::fprintf(stderr, "wiredesk: eval quotes: cannot write %s\n", out_path.c_str());
      ++failed;
    }
  }
  // Machine-readable: bench/quotes_bench.sh reads the rates from this line.
  const double n = static_cast<double>(docs.size());
  std::fprintf(stderr,
               "eval quotes: method=%s docs=%zu attributions=%zu failed=%zu quote_cpu_s=%.4f "
               "quotes_articles_per_cpu_s=%.0f entity_cpu_s=%.4f with_entities_articles_per_cpu_s=%.0f\n",
               f.method.c_str(), docs.size(), found, failed, quote_cpu,
               quote_cpu > 0 ? n / quote_cpu : 0.0, entity_cpu,
               quote_cpu + entity_cpu > 0 ? n / (quote_cpu + entity_cpu) : 0.0);
  return failed == 0 ? 0 : 1;
}

}  // namespace

void AddEvalQuotes(CLI::App& eval, Action& action) {
  auto f = std::make_shared<EvalQuotesFlags>();
  CLI::App* quotes = eval.add_subcommand(
      "quotes", "Find quotes and speakers in IN_DIR/*.txt (or IN_DIR/text/*.txt); write "
                "OUT_DIR/<name>.ann (brat, PolNeAR labels)");
  quotes->add_option("IN_DIR", f->input, "texts, one .txt per article")
      ->required()
      ->check(CLI::ExistingDirectory);
  quotes->add_option("OUT_DIR", f->output, "where the .ann files go")->required();
  quotes->add_option("--method", f->method, "wiredesk|baseline (default wiredesk)");
  quotes->add_option("--cues", f->cues, "cue list (word<TAB>score) instead of the built-in one");
  quotes->add_flag("--no-entities", f->no_entities, "skip the entity model (speakers as written)");
  quotes->callback([f, &action] { action = [f] { return RunEvalQuotes(*f); }; });
}

}  // namespace wiredesk::cli
