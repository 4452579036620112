// The store's speed on one node: ingest (articles/s through Store::UpsertArticle, one
// transaction each, as the pipeline writes) and search latency (p50/p99 over a fixed query
// mix) at N articles, on whatever store --db names. bench/store_bench.sh runs it on SQLite and
// PostgreSQL side by side.
//
// The articles are synthetic and deterministic: words drawn Zipf-style from the vocabulary of
// sample/captures (ranked by frequency there), extended with made-up rare words, so a common
// word matches most of the corpus and a rare one a handful, as in a real archive.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/postgres/copy_from_sqlite.h"
#include "store/store.h"

namespace {

using namespace wiredesk;
using Steady = std::chrono::steady_clock;

struct Rng {
  uint64_t s;
  uint64_t Next() {  // splitmix64
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Unit() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
};

constexpr int kVocabulary = 50000;

std::vector<std::string> Vocabulary(const std::string& sample_dir) {
  std::map<std::string, int> counts;
  for (const auto& e : std::filesystem::directory_iterator(sample_dir)) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::string w;
    while (in >> w) {
      std::string clean;
      for (char c : w) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) clean += static_cast<char>(c | 0x20);
      }
      if (clean.size() >= 2) ++counts[clean];
    }
  }
  std::vector<std::pair<int, std::string>> ranked;
  for (auto& [w, n] : counts) ranked.emplace_back(-n, w);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> vocab;
  for (auto& [n, w] : ranked) vocab.push_back(w);
  // Made-up rare words: syllables, so the stemmer leaves them whole.
  const char* syl[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "ba", "do"};
  Rng rng{42};
  while (vocab.size() < kVocabulary) {
    std::string w;
    const int n = 3 + static_cast<int>(rng.Next() % 3);
    for (int i = 0; i < n; ++i) w += syl[rng.Next() % 12];
    vocab.push_back(w + "x");
  }
  return vocab;
}

// Zipf(1) over the vocabulary's ranks, by inverting the harmonic CDF approximately.
struct Zipf {
  std::vector<double> cdf;
  explicit Zipf(int n) {
    cdf.resize(n);
    double sum = 0;
    for (int i = 0; i < n; ++i) cdf[i] = (sum += 1.0 / (i + 1));
    for (double& c : cdf) c /= sum;
  }
  int Draw(Rng& rng) const {
    return static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), rng.Unit()) - cdf.begin());
  }
};

std::string Words(const std::vector<std::string>& vocab, const Zipf& zipf, Rng& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += (i % 17 == 0) ? ". " : " ";
    out += vocab[zipf.Draw(rng)];
  }
  return out + ".";
}

Article MakeArticle(int i, const std::vector<std::string>& vocab, const Zipf& zipf) {
  Rng rng{static_cast<uint64_t>(i) * 7919 + 1};
  Article a;
  a.url = "https://bench" + std::to_string(i % 40) + ".example.com/a/" + std::to_string(i);
  a.title = Words(vocab, zipf, rng, 8);
  a.dek = Words(vocab, zipf, rng, 14);
  a.text = Words(vocab, zipf, rng, 300);
  a.blocks = {{BlockKind::kParagraph, a.text, ""}};
  a.published = *MakeInstant(2024, 1, 1) + std::chrono::minutes(i * 7);
  a.captured = *a.published + std::chrono::hours(1);
  a.language = "en";
  a.source = Source{0, "Bench Wire " + std::to_string(i % 40), ""};
  return a;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  std::string sample = "sample/captures";
  int articles = 100000;
  int queries = 400;
  std::string label = "store";
  std::string copy_from;  // a SQLite corpus to copy into an empty PostgreSQL database first
  // --shard I/N: this process is ingesting node I of N (bench/nodes_bench.sh): it stores the
  // articles whose number is I modulo N, from the first, and only ingests.
  int shard = 0;
  int shards = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--db") db = argv[i + 1];
    else if (k == "--articles") articles = std::atoi(argv[i + 1]);
    else if (k == "--queries") queries = std::atoi(argv[i + 1]);
    else if (k == "--sample") sample = argv[i + 1];
    else if (k == "--label") label = argv[i + 1];
    else if (k == "--copy-from") copy_from = argv[i + 1];
    else if (k == "--shard") std::sscanf(argv[i + 1], "%d/%d", &shard, &shards);
  }
  if (db.empty()) {
    std::fprintf(stderr, "usage: store_bench --db SPEC [--articles N] [--queries N] [--label L]\n");
    return 2;
  }
  if (!copy_from.empty()) {
    const auto c0 = Steady::now();
    auto copied = store::postgres::CopySqliteToPostgres(copy_from, db);
    if (!copied) {
      std::fprintf(stderr, "store_bench: copy: %s\n", copied.error().ToString().c_str());
      return 1;
    }
    std::fprintf(stderr, "store_bench: copied %s in %.0f s\n", copy_from.c_str(),
                 std::chrono::duration<double>(Steady::now() - c0).count());
  }
  auto store = store::OpenStore(db);
  if (!store) {
    std::fprintf(stderr, "store_bench: %s\n", store.error().ToString().c_str());
    return 1;
  }
  const std::vector<std::string> vocab = Vocabulary(sample);
  const Zipf zipf(static_cast<int>(vocab.size()));

  // Ingest, resuming where a previous run left off (the count), so a 100k corpus is built once.
  auto have = (*store)->CountArticles();
  const int start = shards > 1 ? shard : have ? static_cast<int>(*have) : 0;
  const auto t0 = Steady::now();
  int ingested = 0;
  for (int i = start; i < articles; i += shards, ++ingested) {
    auto r = (*store)->UpsertArticle(MakeArticle(i, vocab, zipf));
    if (!r) {
      std::fprintf(stderr, "store_bench: article %d: %s\n", i, r.error().ToString().c_str());
      return 1;
    }
  }
  const double ingest_s = std::chrono::duration<double>(Steady::now() - t0).count();

  // The query mix: common words (thousands of matches), mid-frequency, rare, two words,
  // phrases taken from stored articles, prefixes.
  Rng rng{7};
  std::vector<std::string> mix;
  for (int q = 0; q < queries; ++q) {
    switch (q % 6) {
      case 0: mix.push_back(vocab[10 + rng.Next() % 200]); break;
      case 1: mix.push_back(vocab[500 + rng.Next() % 3000]); break;
      case 2: mix.push_back(vocab[10000 + rng.Next() % 30000]); break;
      case 3: mix.push_back(vocab[20 + rng.Next() % 500] + " " + vocab[20 + rng.Next() % 2000]); break;
      case 4: {
        Article a = MakeArticle(static_cast<int>(rng.Next() % articles), vocab, zipf);
        std::istringstream in(a.text);
        std::string w1, w2, w3;
        in >> w1 >> w2 >> w3;
        mix.push_back("\"" + w2 + " " + w3 + "\"");
        break;
      }
      default: mix.push_back(vocab[30 + rng.Next() % 1000].substr(0, 4) + "*"); break;
    }
  }
  if (queries == 0) {
    std::printf("%s\tarticles=%d\tingested=%d\tingest_per_s=%.0f\n", label.c_str(), articles,
                ingested, ingested > 0 ? ingested / ingest_s : 0.0);
    return 0;
  }
  for (int i = 0; i < std::min(queries, 50); ++i) (void)(*store)->Search({mix[i], 20, 0});  // warm
  std::vector<double> ms;
  std::vector<double> by_kind[6];
  int64_t hits = 0;
  for (size_t i = 0; i < mix.size(); ++i) {
    const auto s = Steady::now();
    auto r = (*store)->Search({mix[i], 20, 0});
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - s).count());
    by_kind[i % 6].push_back(ms.back());
    if (r) hits += r->total;
  }
  std::vector<double> latest;
  for (int i = 0; i < 100; ++i) {
    const auto s = Steady::now();
    (void)(*store)->LatestArticles(20, (i % 5) * 20);
    latest.push_back(std::chrono::duration<double, std::milli>(Steady::now() - s).count());
  }
  std::printf("%s\tarticles=%d\tingested=%d\tingest_per_s=%.0f\tsearch_p50_ms=%.2f\t"
              "search_p99_ms=%.2f\tsearch_max_ms=%.2f\tmean_total=%.0f\tlatest_p50_ms=%.2f\n",
              label.c_str(), articles, ingested, ingested > 0 ? ingested / ingest_s : 0.0,
              Percentile(ms, 0.5), Percentile(ms, 0.99), Percentile(ms, 1.0),
              static_cast<double>(hits) / static_cast<double>(mix.size()),
              Percentile(latest, 0.5));
  const char* kinds[] = {"common", "mid", "rare", "two_words", "phrase", "prefix"};
  for (int k = 0; k < 6; ++k) {
    std::printf("%s\tkind=%s\tp50_ms=%.2f\tp99_ms=%.2f\n", label.c_str(), kinds[k],
                Percentile(by_kind[k], 0.5), Percentile(by_kind[k], 0.99));
  }
  return 0;
}
