// `wiredesk eval keyphrases|keypoints`: tags and key points on labelled sets, for
// bench/nlp_bench.sh and for independent checks on held-out data.
//   keyphrases DOCS_DIR OUT_DIR: one .txt per document in; OUT_DIR/<name>.key out, best first.
//   keypoints FILE: one article a line in (REALSumm's src.txt); one summary a line on stdout,
//   each sentence wrapped in "<t> </t>".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "enrich/summarize/key_points.h"
#include "enrich/entities/ner_model.h"
#include "enrich/entities/ner_tagger.h"
#include "enrich/tag/keyphrase_extractor.h"

namespace wiredesk::cli {
namespace {

namespace fs = std::filesystem;

struct KeyphraseFlags {
  std::string docs_dir;
  std::string out_dir;
  std::string method = "wiredesk";
  std::string language = "en";
  size_t count = 10;
  std::vector<std::string> params;  // name=value, for tuning
};

struct KeypointFlags {
  std::string input;
  std::string method = "wiredesk";
  std::string language = "en";
  std::vector<std::string> params;
};

// Applies "name=value" settings through `set`; an error message for the first bad one.
template <typename Set>
std::string ApplyParams(const std::vector<std::string>& params, Set set) {
  for (const std::string& p : params) {
    const size_t eq = p.find('=');
    if (eq == std::string::npos) return "--param wants name=value, got '" + p + "'";
    double value = 0;
    try {
      value = std::stod(p.substr(eq + 1));
    } catch (const std::exception&) {
      return "--param " + p + ": not a number";
    }
    if (!set(std::string_view(p).substr(0, eq), value)) return "--param " + p + ": unknown name";
  }
  return {};
}

// One line per whitespace-collapsed sentence inside <t> </t>; the input is a REALSumm line.
std::string StripMarkers(std::string line) {
  for (const std::string_view m : {"<t>", "</t>"}) {
    for (size_t at = line.find(m); at != std::string::npos; at = line.find(m, at)) {
      line.replace(at, m.size(), " ");
    }
  }
  return line;
}

int RunEvalKeyphrases(const KeyphraseFlags& f) {
  enrich::tag::KeyphraseMethod method{};
  if (!enrich::tag::ParseKeyphraseMethod(f.method, method)) {
    return ReportError("eval keyphrases: unknown --method " + f.method);
  }
  enrich::tag::KeyphraseOptions options;
  options.method = method;
  options.count = f.count;
  enrich::tag::KeyphraseExtractor extractor(f.language, options);
  if (std::string err = ApplyParams(f.params, [&](std::string_view n, double v) {
        return extractor.SetOption(n, v);
      });
      !err.empty()) {
    return ReportError("eval keyphrases: " + err);
  }
  // The learned ranker weighs the entity tagger's names (English), as hashtags do at ingest;
  // not timed, as at ingest the entity list has already paid for them.
  std::unique_ptr<enrich::entities::NerTagger> tagger;
  if (method == enrich::tag::KeyphraseMethod::kWiredesk &&
      enrich::summarize::SnowballName(f.language) == "english") {
    if (auto model = enrich::entities::BuiltinNerModel()) {
      tagger = std::make_unique<enrich::entities::NerTagger>(**model);
    }
  }
  std::error_code ec;
  fs::create_directories(f.out_dir, ec);
  if (ec) return ReportError("eval keyphrases: cannot create " + f.out_dir + ": " + ec.message());
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(f.docs_dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") docs.push_back(entry.path());
  }
  if (ec) return ReportError("eval keyphrases: cannot read " + f.docs_dir + ": " + ec.message());
  std::sort(docs.begin(), docs.end());
  double seconds = 0;
  size_t failed = 0;
  for (const fs::path& path : docs) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in && !in.eof()) {
      std::fprintf(stderr, "wiredesk: eval keyphrases: cannot read %s; skipped\n", path.c_str());
      ++failed;
      continue;
    }
    const std::string text = buffer.str();
    std::vector<enrich::entities::Mention> mentions;
    if (tagger) mentions = enrich::entities::FindMentions(*tagger, text);
    const auto start = std::chrono::steady_clock::now();
    const auto phrases = extractor.Extract(text, mentions);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const fs::path out_path = fs::path(f.out_dir) / (path.stem().string() + ".key");
    std::ofstream out(out_path, std::ios::binary);
    for (const auto& p : phrases) out << p.text << '\n';
    if (!out) {
      std::fprintf(stderr, "wiredesk: eval keyphrases: cannot write %s\n", out_path.c_str());
      ++failed;
    }
  }
  std::fprintf(stderr, "eval keyphrases: method=%s docs=%zu failed=%zu seconds=%.4f docs_per_s=%.0f\n",
               f.method.c_str(), docs.size(), failed, seconds,
               seconds > 0 ? static_cast<double>(docs.size()) / seconds : 0.0);
  return failed == 0 ? 0 : 1;
}

int RunEvalKeypoints(const KeypointFlags& f) {
  enrich::summarize::KeyPointsOptions options;
  if (f.method == "lead3") {
    options.method = enrich::summarize::KeyPointsMethod::kLead;
  } else if (f.method != "wiredesk") {
    return ReportError("eval keypoints: unknown --method " + f.method);
  }
  enrich::summarize::KeyPointSelector selector(f.language, options);
  if (std::string err = ApplyParams(f.params, [&](std::string_view n, double v) {
        return selector.SetOption(n, v);
      });
      !err.empty()) {
    return ReportError("eval keypoints: " + err);
  }
  if (options.method == enrich::summarize::KeyPointsMethod::kLead) {
    selector.options().points = selector.options().max_points = 3;
  }
  std::ifstream in(f.input, std::ios::binary);
  if (!in) return ReportError("eval keypoints: cannot read " + f.input);
  std::string line;
  size_t articles = 0;
  double seconds = 0;
  std::string out;
  while (std::getline(in, line)) {
    const std::string text = StripMarkers(std::move(line));
    const auto start = std::chrono::steady_clock::now();
    const auto points = selector.Select(text);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.clear();
    for (std::string_view s : points) {
      if (!out.empty()) out += ' ';
      out += "<t> ";
      out += s;
      out += " </t>";
    }
    std::fprintf(stdout, "%s\n", out.c_str());
    ++articles;
  }
  std::fprintf(stderr, "eval keypoints: method=%s articles=%zu seconds=%.4f articles_per_s=%.0f\n",
               f.method.c_str(), articles, seconds,
               seconds > 0 ? static_cast<double>(articles) / seconds : 0.0);
  return 0;
}

}  // namespace

void AddEvalKeyphrasesAndKeypoints(CLI::App& eval, Action& action) {
  auto k = std::make_shared<KeyphraseFlags>();
  CLI::App* keyphrases = eval.add_subcommand(
      "keyphrases", "Extract keyphrases from DOCS_DIR/*.txt; write OUT_DIR/<name>.key, best first");
  keyphrases->add_option("DOCS_DIR", k->docs_dir, "one .txt per document")
      ->required()
      ->check(CLI::ExistingDirectory);
  keyphrases->add_option("OUT_DIR", k->out_dir, "where the .key files go")->required();
  keyphrases->add_option("--method", k->method, "tfidf|textrank|yake|wiredesk (default wiredesk)");
  keyphrases->add_option("--language", k->language, "ISO 639-1 code or Snowball name (default en)");
  keyphrases->add_option("--count", k->count, "phrases per document (default 10)");
  keyphrases->add_option("--param", k->params, "NAME=VALUE: a scoring option, for tuning");
  keyphrases->callback([k, &action] { action = [k] { return RunEvalKeyphrases(*k); }; });

  auto p = std::make_shared<KeypointFlags>();
  CLI::App* keypoints = eval.add_subcommand(
      "keypoints", "Key points of each article of FILE (one a line); one summary a line on "
                   "stdout, sentences in <t> </t>");
  keypoints->add_option("FILE", p->input, "articles, one a line")->required()->check(
      CLI::ExistingFile);
  keypoints->add_option("--method", p->method, "lead3|wiredesk (default wiredesk)");
  keypoints->add_option("--language", p->language, "ISO 639-1 code or Snowball name (default en)");
  keypoints->add_option("--param", p->params, "NAME=VALUE: a scoring option, for tuning");
  keypoints->callback([p, &action] { action = [p] { return RunEvalKeypoints(*p); }; });
}

}  // namespace wiredesk::cli
