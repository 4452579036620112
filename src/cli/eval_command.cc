// `wiredesk eval ...`: measure a stage on a labelled set. `eval cluster INPUT OUT` writes one
// "id<TAB>story" line per item, placed by the same StoryPlacer that ingest uses.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <memory>
#include <unordered_map>

#include "cli/cli.h"
#include "cli/eval_inputs.h"
#include "enrich/cluster/story_clusterer.h"
#include "enrich/dedupe/syndication_index.h"
#include "pipeline/story_placer.h"

namespace wiredesk::cli {
namespace {

using enrich::cluster::StoryId;

// Where each merged story ended up, after every merge of the run.
class MergeMap {
 public:
  void Apply(const enrich::cluster::StoryMerge& m) { parent_[Find(m.from)] = Find(m.into); }
  StoryId Find(StoryId id) {
    StoryId root = id;
    for (auto it = parent_.find(root); it != parent_.end(); it = parent_.find(root)) {
      root = it->second;
    }
    // Path compression keeps chains of merges short.
    for (auto it = parent_.find(id); it != parent_.end() && it->second != root;
         it = parent_.find(id)) {
      id = std::exchange(it->second, root);
    }
    return root;
  }

 private:
  std::unordered_map<StoryId, StoryId> parent_;
};

struct ClusterFlags {
  std::string input;
  std::string output;
  double window_hours = -1;
  double half_life_hours = -1;
  double recency_floor = -1;
  double half_life_hours_title = -1;
  double recency_floor_title = -1;
  double join_text = -1;
  double join_title = -1;
  double merge_text = -1;
  double merge_title = -1;
  double centroid_weight = -1;
  double entity_boost = -1;
  double number_boost = -1;
  double title_boost = -1;
  bool no_stem = false;
  double split_max_size = -1;
  double split_bar = -1;
  double split_margin = -1;
  double date_conflict = -1;
  int date_gap_days = -1;
  double place_conflict = -1;
  int lead_bytes = -1;
  double place_common_share = -1;
  int lead_days_back = -1;
};

int RunEvalCluster(const ClusterFlags& f) {
  auto items = ReadEvalItems(f.input);
  if (!items) return ReportError(items.error());
  SortForStreaming(*items);

  enrich::cluster::ClusterOptions options;
  if (f.window_hours > 0) {
    options.window = std::chrono::seconds(static_cast<int64_t>(f.window_hours * 3600));
  }
  if (f.half_life_hours > 0) {
    options.recency_half_life =
        std::chrono::seconds(static_cast<int64_t>(f.half_life_hours * 3600));
  }
  if (f.half_life_hours_title > 0) {
    options.recency_half_life_title =
        std::chrono::seconds(static_cast<int64_t>(f.half_life_hours_title * 3600));
  }
  auto set = [](double flag, double& field) {
    if (flag >= 0) field = flag;
  };
  set(f.recency_floor, options.recency_floor);
  set(f.recency_floor_title, options.recency_floor_title);
  set(f.join_text, options.join_text);
  set(f.join_title, options.join_title);
  set(f.merge_text, options.merge_text);
  set(f.merge_title, options.merge_title);
  set(f.centroid_weight, options.centroid_weight);
  set(f.entity_boost, options.entity_boost);
  set(f.number_boost, options.number_boost);
  set(f.title_boost, options.title_boost);
  if (f.no_stem) options.stem = false;
  if (f.split_max_size >= 0) options.split_max_size = static_cast<size_t>(f.split_max_size);
  set(f.split_bar, options.split_bar);
  set(f.split_margin, options.split_margin);
  set(f.date_conflict, options.date_conflict);
  set(f.place_conflict, options.place_conflict);
  if (f.date_gap_days >= 0) options.date_gap_days = f.date_gap_days;
  if (f.lead_days_back >= 0) options.facts.lead_days_back = f.lead_days_back;
  set(f.place_common_share, options.place_common_share);
  if (f.lead_bytes >= 0) options.facts.lead_bytes = static_cast<size_t>(f.lead_bytes);

  // The placer ingest's StoryDesk uses: a syndicated copy goes into its canonical item's story.
  pipeline::StoryPlacer placer(pipeline::PlacerOptions{options, {}});
  MergeMap merges;
  size_t copies = 0;
  std::vector<StoryId> story(items->size());
  // A copy goes where its canonical item is at the end (the canonical one may move).
  std::vector<int64_t> canonical(items->size(), -1);
  size_t merge_count = 0;
  size_t move_count = 0;
  size_t peak_active = 0;
  size_t peak_bytes = 0;
  // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours.
  const std::clock_t cpu_start = std::clock();
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < items->size(); ++i) {
    const EvalItem& item = (*items)[i];
    const pipeline::Placement p = placer.Place(
        static_cast<int64_t>(i),
        enrich::cluster::StoryDocument{item.title, item.text, item.source, item.published});
    if (p.copy_of) {
      ++copies;
      canonical[i] = *p.copy_of;
    }
    story[i] = p.story;
    for (const auto& m : placer.TakeMerges()) {
      merges.Apply(m);
      ++merge_count;
    }
    for (const auto& m : placer.TakeMoves()) {
      story[static_cast<size_t>(m.key)] = m.into;
      ++move_count;
    }
    peak_active = std::max(peak_active, placer.clusterer().ActiveStories());
    // Sampled: MemoryUsage() walks every story.
    if (i % 65536 == 0) peak_bytes = std::max(peak_bytes, placer.clusterer().MemoryUsage());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;

  std::ofstream out(f.output, std::ios::binary);
  if (!out) return ReportError(MakeError(ErrorCode::kStorage, "cannot write the output", f.output));
  std::unordered_map<StoryId, bool> distinct;
  for (size_t i = 0; i < items->size(); ++i) {
    size_t placed = i;
    while (canonical[placed] >= 0) placed = static_cast<size_t>(canonical[placed]);
    const StoryId s = merges.Find(story[placed]);
    distinct[s] = true;
    out << (*items)[i].id << '\t' << s << '\n';
  }
  out.flush();
  if (!out) return ReportError(MakeError(ErrorCode::kStorage, "cannot write the output", f.output));
  // Machine-readable on purpose: bench/cluster_bench.sh reads the rate from this line.
  std::fprintf(stderr,
               "eval cluster: items=%zu stories=%zu merges=%zu cluster_seconds=%.3f "
               "items_per_second=%.0f cpu_seconds=%.3f items_per_cpu_second=%.0f "
               "peak_active_stories=%zu index_bytes=%zu peak_index_bytes=%zu vocabulary=%zu "
               "copies=%zu moves=%zu\n",
               items->size(), distinct.size(), merge_count, seconds,
               static_cast<double>(items->size()) / std::max(seconds, 1e-9), cpu_seconds,
               static_cast<double>(items->size()) / std::max(cpu_seconds, 1e-9), peak_active,
               placer.clusterer().MemoryUsage(),
               std::max(peak_bytes, placer.clusterer().MemoryUsage()),
               placer.clusterer().VocabularySize(), copies, move_count);
  return 0;
}

struct SyndicationFlags {
  std::string input;
  std::string output;
  double threshold = -1;
};

// Feeds the items in file order (the set is a stream) and writes "id<TAB>original<TAB>score"
// for each item found to be a copy of an earlier one; scoring is bench/dedupe_bench.py's job.
int RunEvalSyndication(const SyndicationFlags& f) {
  auto items = ReadEvalItems(f.input);
  if (!items) return ReportError(items.error());
  enrich::dedupe::SyndicationOptions options;
  if (f.threshold >= 0) options.threshold = f.threshold;
  enrich::dedupe::SyndicationIndex index(options);
  std::ofstream out(f.output, std::ios::binary);
  if (!out) return ReportError(MakeError(ErrorCode::kStorage, "cannot write the output", f.output));
  size_t copies = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < items->size(); ++i) {
    const EvalItem& item = (*items)[i];
    const auto match = index.Add(static_cast<int64_t>(i), item.text, item.published);
    if (!match) continue;
    ++copies;
    out << item.id << '\t' << (*items)[static_cast<size_t>(match->original)].id << '\t'
        << match->containment << '\n';
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.flush();
  if (!out) return ReportError(MakeError(ErrorCode::kStorage, "cannot write the output", f.output));
  std::fprintf(stderr, "eval syndication: items=%zu copies=%zu seconds=%.3f\n", items->size(),
               copies, seconds);
  return 0;
}

}  // namespace

void AddEvalCommand(CLI::App& root, Action& action) {
  CLI::App* eval = root.add_subcommand("eval", "Measure a stage on a labelled data set");
  eval->require_subcommand(1);
  AddEvalKeyphrasesAndKeypoints(*eval, action);
  AddEvalNer(*eval, action);
  AddEvalEnrich(*eval, action);
  AddEvalTimex(*eval, action);
  AddEvalQuotes(*eval, action);

  auto f = std::make_shared<ClusterFlags>();
  CLI::App* cluster = eval->add_subcommand(
      "cluster", "Cluster INPUT (JSON lines or UCI TSV, gzipped or not) into stories; write "
                 "id<TAB>story lines to OUT");
  cluster->add_option("INPUT", f->input, "labelled set")->required()->check(CLI::ExistingFile);
  cluster->add_option("OUT", f->output, "predictions file")->required();
  cluster->add_option("--window-hours", f->window_hours, "story window (default 168)");
  cluster->add_option("--half-life-hours", f->half_life_hours, "recency half-life (default 48)");
  cluster->add_option("--recency-floor", f->recency_floor, "recency floor (default 0.4)");
  cluster->add_option("--half-life-hours-title", f->half_life_hours_title,
                      "recency half-life, headline-only (default 1)");
  cluster->add_option("--recency-floor-title", f->recency_floor_title,
                      "recency floor, headline-only (default 0.3)");
  cluster->add_option("--join-text", f->join_text, "join threshold, documents with text");
  cluster->add_option("--join-title", f->join_title, "join threshold, headline-only documents");
  cluster->add_option("--merge-text", f->merge_text, "story merge threshold, with text (default 0.5)");
  cluster->add_option("--merge-title", f->merge_title, "story merge threshold, headline-only (default 0.2)");
  cluster->add_option("--centroid-weight", f->centroid_weight, "centroid vs best member");
  cluster->add_option("--entity-boost", f->entity_boost, "weight of names");
  cluster->add_option("--number-boost", f->number_boost, "weight of numbers");
  cluster->add_option("--title-boost", f->title_boost, "weight of title words");
  cluster->add_flag("--no-stem", f->no_stem, "turn stemming off");
  cluster->add_option("--split-max-size", f->split_max_size,
                      "split stories up to this size in two (default 12, 0: never)");
  cluster->add_option("--split-bar", f->split_bar, "split below this average cosine (default 0.25)");
  cluster->add_option("--split-margin", f->split_margin, "split margin (default 0.12)");
  cluster->add_option("--date-conflict", f->date_conflict,
                      "score factor when an article's lead's day is days from its story's "
                      "(default 0.5; 1: off)");
  cluster->add_option("--date-gap-days", f->date_gap_days, "days that are far (default 3)");
  cluster->add_option("--place-conflict", f->place_conflict,
                      "score factor when the article's place is not the story's (default 1: off)");
  cluster->add_option("--lead-days-back", f->lead_days_back,
                      "a lead's date this many days before publication counts (default 3)");
  cluster->add_option("--place-common-share", f->place_common_share,
                      "a place more documents name is no event's own (default 0.1)");
  cluster->add_option("--lead-bytes", f->lead_bytes, "the lead's length (default 300)");
  cluster->callback([f, &action] { action = [f] { return RunEvalCluster(*f); }; });

  auto g = std::make_shared<SyndicationFlags>();
  CLI::App* syndication = eval->add_subcommand(
      "syndication", "Find syndicated copies in INPUT (JSON lines, a stream in file order); "
                     "write id<TAB>original<TAB>score lines to OUT");
  syndication->add_option("INPUT", g->input, "article stream")->required()->check(
      CLI::ExistingFile);
  syndication->add_option("OUT", g->output, "copies found")->required();
  syndication->add_option("--threshold", g->threshold, "containment threshold (default 0.5)");
  syndication->callback([g, &action] { action = [g] { return RunEvalSyndication(*g); }; });
}

}  // namespace wiredesk::cli
