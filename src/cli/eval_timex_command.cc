// `wiredesk eval timex IN_DIR OUT_DIR`: TimeML documents in (*.tml, *.tml.TE3input, searched
// recursively), the same documents out under the same relative paths (".TE3input" dropped)
// with TIMEX3 tags and values inside <TEXT>, as TempEval-3's scorer and timex_eval.py read
// them. Relative expressions are resolved against each document's creation time (its DCT).
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
#include "enrich/timex/time_expressions.h"
#include "enrich/timex/timeml.h"

namespace wiredesk::cli {
namespace {

namespace fs = std::filesystem;
namespace tx = enrich::timex;

struct EvalTimexFlags {
  std::string in_dir;
  std::string out_dir;
  std::string method = "wiredesk";
  int repeat = 1;
};

bool IsTimeml(const fs::path& p) {
  const std::string name = p.filename().string();
  if (name.starts_with("._")) return false;  // macOS resource forks in some distributions
  return name.ends_with(".tml") || name.ends_with(".tml.TE3input");
}

int RunEvalTimex(const EvalTimexFlags& f) {
  tx::TimexOptions options;
  if (f.method == "baseline") {
    options.method = tx::TimexMethod::kBaseline;
  } else if (f.method != "wiredesk") {
    return ReportError("eval timex: unknown --method " + f.method + " (wiredesk|baseline)");
  }
  std::error_code ec;
  std::vector<fs::path> inputs;
  for (auto it = fs::recursive_directory_iterator(f.in_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && IsTimeml(it->path())) inputs.push_back(it->path());
  }
  if (ec) return ReportError("eval timex: cannot read " + f.in_dir + ": " + ec.message());
  std::sort(inputs.begin(), inputs.end());

  size_t failed = 0;
  size_t expressions = 0;
  size_t bytes = 0;
  size_t no_dct = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  for (const fs::path& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in && !in.eof()) {
      std::fprintf(stderr, "wiredesk: eval timex: cannot read %s; skipped\n", path.c_str());
      ++failed;
      continue;
    }
    const std::string raw = buffer.str();
    auto doc = tx::ReadTimeml(raw);
    if (!doc) {
      std::fprintf(stderr, "wiredesk: eval timex: %s: %s; skipped\n", path.c_str(),
                   doc.error().message.c_str());
      ++failed;
      continue;
    }
    if (!doc->creation_time) ++no_dct;
    const Instant dct = doc->creation_time.value_or(Instant{});
    std::vector<TimeExpression> found;
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < std::max(1, f.repeat); ++r) {
      found = tx::FindTimeExpressions(doc->text, dct, options);
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    cpu_seconds += static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    expressions += found.size();
    bytes += doc->text.size() * static_cast<size_t>(std::max(1, f.repeat));

    std::string rel = fs::relative(path, f.in_dir, ec).string();
    if (ec || rel.empty()) rel = path.filename().string();
    if (rel.ends_with(".TE3input")) rel.resize(rel.size() - std::string_view(".TE3input").size());
    const fs::path out_path = fs::path(f.out_dir) / rel;
    fs::create_directories(out_path.parent_path(), ec);
    std::ofstream out(out_path, std::ios::binary);
    out << tx::WriteTimeml(raw, *doc, found);
    out.flush();
    if (!out) {
      std::fprintf(stderr, "wiredesk: eval timex: cannot write %s\n", out_path.c_str());
      ++failed;
    }
  }
  if (no_dct > 0) {
    std::fprintf(stderr, "wiredesk: eval timex: %zu document(s) without a creation time; "
                 "their relative expressions were resolved against 1970-01-01\n", no_dct);
  }
  const size_t docs = inputs.size() * static_cast<size_t>(std::max(1, f.repeat));
  // Machine-readable: bench/timex_bench.sh reads the rates from this line.
  std::fprintf(stderr,
               "eval timex: method=%s documents=%zu failed=%zu expressions=%zu seconds=%.4f "
               "cpu_seconds=%.4f docs_per_cpu_second=%.0f mb_per_cpu_second=%.1f\n",
               f.method.c_str(), inputs.size(), failed, expressions, seconds, cpu_seconds,
               static_cast<double>(docs) / std::max(cpu_seconds, 1e-9),
               static_cast<double>(bytes) / 1e6 / std::max(cpu_seconds, 1e-9));
  return failed == 0 ? 0 : 1;
}

}  // namespace

void AddEvalTimex(CLI::App& eval, Action& action) {
  auto f = std::make_shared<EvalTimexFlags>();
  CLI::App* timex = eval.add_subcommand(
      "timex", "Tag the TimeML documents of IN_DIR with TIMEX3 time expressions resolved "
               "against each one's creation time; write them under OUT_DIR");
  timex->add_option("IN_DIR", f->in_dir, "TimeML documents (*.tml, *.tml.TE3input)")
      ->required()
      ->check(CLI::ExistingDirectory);
  timex->add_option("OUT_DIR", f->out_dir, "where the tagged documents go")->required();
  timex->add_option("--method", f->method, "wiredesk|baseline (default wiredesk)");
  timex->add_option("--repeat", f->repeat, "tag each document N times, for timing (default 1)");
  timex->callback([f, &action] { action = [f] { return RunEvalTimex(*f); }; });
}

}  // namespace wiredesk::cli
