// `wiredesk eval enrich PAGE...`: the throughput of everything enrich computes at ingest
// (hashtags, key points, entities, quotes, timeline), on extracted articles, with where the
// time goes. Extraction is done first and not timed. For bench/enrich_bench.sh.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "enrich/article_enricher.h"
#include "enrich/entities/canonical_names.h"
#include "enrich/entities/ner_tagger.h"
#include "enrich/entities/text_tokenizer.h"
#include "enrich/hashtags.h"
#include "enrich/quotes/quote_finder.h"
#include "enrich/summarize/key_points.h"
#include "enrich/summarize/text_units.h"
#include "enrich/timex/time_expressions.h"
#include "enrich/timex/timeline.h"
#include "pipeline/page_input.h"

namespace wiredesk::cli {
namespace {

struct EnrichEvalFlags {
  std::vector<std::string> pages;
  int repeat = 3;
};

using SteadyClock = std::chrono::steady_clock;

double Since(SteadyClock::time_point t) {
  return std::chrono::duration<double>(SteadyClock::now() - t).count();
}

// This thread's CPU seconds: on a shared machine the wall clock also counts the time other
// processes held the core.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int RunEvalEnrich(const EnrichEvalFlags& f) {
  std::vector<Article> articles;
  size_t bytes = 0;
  const Instant now = SystemClock().Now();
  for (const std::string& page : f.pages) {
    auto a = pipeline::ExtractFile(page, pipeline::InputFormat::kAuto, {}, now);
    if (!a) {
      std::fprintf(stderr, "wiredesk: %s: %s (skipped)\n", page.c_str(), a.error().message.c_str());
      continue;
    }
    bytes += a->text.size();
    articles.push_back(std::move(*a));
  }
  if (articles.empty()) return ReportError("no article could be extracted from the pages given");

  // Everything together, as ingest runs it: best of `repeat` passes.
  enrich::ArticleEnricher enricher;
  double best = 1e300;
  double best_cpu = 1e300;
  size_t counts[4] = {0, 0, 0, 0};
  for (int r = 0; r < f.repeat; ++r) {
    const auto t = SteadyClock::now();
    const double cpu = ThreadCpuSeconds();
    size_t c[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < articles.size(); ++i) {
      const enrich::Enrichment e = enricher.Enrich(articles[i], static_cast<int64_t>(i), now);
      c[0] += e.insights.key_points.size();
      c[1] += e.insights.entities.size();
      c[2] += e.insights.quotes.size();
      c[3] += e.insights.timeline.size();
    }
    best = std::min(best, Since(t));
    best_cpu = std::min(best_cpu, ThreadCpuSeconds() - cpu);
    std::copy(std::begin(c), std::end(c), std::begin(counts));
  }
  const double n_articles = static_cast<double>(articles.size());
  std::printf("articles %zu (%.1f KiB of text); all features together, one thread, best of %d: "
              "%.1f articles per CPU-second (%.2f ms each), %.1f articles/s wall\n",
              articles.size(), static_cast<double>(bytes) / 1024, f.repeat, n_articles / best_cpu,
              1000 * best_cpu / n_articles, n_articles / best);
  std::printf("found: %zu key points, %zu entities, %zu quotes, %zu dated events\n", counts[0],
              counts[1], counts[2], counts[3]);

  // A reference measured in the same run, so the figure can be compared across loads and
  // machines: only splitting the texts into sentences and words, which every step starts with.
  double ref_cpu = 1e300;
  size_t ref_tokens = 0;
  for (int r = 0; r < f.repeat; ++r) {
    const double cpu = ThreadCpuSeconds();
    size_t tokens = 0;
    for (const Article& a : articles) {
      for (const auto& s : enrich::entities::SplitSentences(enrich::HashtagDocument(a))) {
        tokens += s.tokens.size();
      }
      tokens += enrich::summarize::SplitWords(a.text).size();
    }
    ref_cpu = std::min(ref_cpu, ThreadCpuSeconds() - cpu);
    ref_tokens = tokens;
  }
  std::printf("reference, same run: tokenising alone (sentences and words, %zu tokens) %.1f "
              "articles per CPU-second; all features cost %.1fx that\n",
              ref_tokens, n_articles / ref_cpu, best_cpu / ref_cpu);

  // Where the time goes: each step alone, in the order Enrich runs them (one pass).
  auto model = enrich::entities::BuiltinNerModel();
  if (!model) return ReportError(model.error());
  enrich::entities::NerTagger tagger(**model);
  enrich::HashtagPicker picker;
  enrich::summarize::KeyPointSelector selector("en");
  double t_ner = 0, t_tags = 0, t_points = 0, t_quotes = 0, t_timex = 0;
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = articles[i];
    double t = ThreadCpuSeconds();
    const auto mentions = enrich::entities::FindMentions(tagger, enrich::HashtagDocument(a));
    (void)enrich::entities::GroupMentions(mentions);
    t_ner += ThreadCpuSeconds() - t;
    t = ThreadCpuSeconds();
    (void)picker.Pick(a, mentions);
    t_tags += ThreadCpuSeconds() - t;
    t = ThreadCpuSeconds();
    (void)selector.Select(a.text);
    t_points += ThreadCpuSeconds() - t;
    t = ThreadCpuSeconds();
    // As Enrich does: the body's mentions, at body offsets, for the speakers.
    std::vector<enrich::entities::Mention> body;
    const size_t body_start = a.title.size() + 2;
    for (const auto& m : mentions) {
      if (m.begin < body_start) continue;
      body.push_back(m);
      body.back().begin -= body_start;
      body.back().end -= body_start;
    }
    (void)enrich::quotes::FindQuotes(a, body, enrich::entities::GroupMentions(body));
    t_quotes += ThreadCpuSeconds() - t;
    t = ThreadCpuSeconds();
    const auto expressions = enrich::timex::FindTimeExpressions(a.text, a.published.value_or(now));
    (void)enrich::timex::BuildTimeline(static_cast<int64_t>(i), a.text, expressions);
    t_timex += ThreadCpuSeconds() - t;
  }
  const double n = static_cast<double>(articles.size());
  const double total = t_ner + t_tags + t_points + t_quotes + t_timex;
  auto line = [&](const char* name, double s) {
    std::printf("  %-28s %8.3f ms/article  %5.1f%%\n", name, 1000 * s / n, 100 * s / total);
  };
  std::printf("CPU time per step (one pass):\n");
  line("entities (tagger + names)", t_ner);
  line("hashtags (keyphrases)", t_tags);
  line("key points", t_points);
  line("quotes", t_quotes);
  line("timeline (time expressions)", t_timex);
  return 0;
}

}  // namespace

void AddEvalEnrich(CLI::App& eval, Action& action) {
  auto f = std::make_shared<EnrichEvalFlags>();
  CLI::App* cmd = eval.add_subcommand(
      "enrich", "Throughput of all of enrich (hashtags, key points, entities, quotes, timeline)");
  cmd->add_option("pages", f->pages, "HTML pages or text captures")->required();
  cmd->add_option("--repeat", f->repeat, "passes over the articles; the fastest counts")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->callback([f, &action] { action = [f] { return RunEvalEnrich(*f); }; });
}

}  // namespace wiredesk::cli
