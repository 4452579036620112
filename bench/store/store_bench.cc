// The store's speed on one node: ingest (articles/s through Store::UpsertArticle, one
// transaction each, as the pipeline writes) and search latency (p50/p99 over a fixed query
// mix) at N articles, on whatever store --db names. bench/store_bench.sh runs it on SQLite and
// PostgreSQL side by side.
//
// The articles are synthetic and deterministic: words drawn Zipf-style from the vocabulary of
// sample/captures (ranked by frequency there), extended with made-up rare words, so a common
// word matches most of the corpus and a rare one a handful, as in a real archive.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "core/time.h"
#include "store/article_identity.h"
#include "store/postgres/copy_from_sqlite.h"
#include "store/postgres/pg_db.h"
#include "store/result_macros.h"
#include "store/sqlite/sqlite_db.h"
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

// Appends articles [from, to) to a SQLite store straight through SQL, 20,000 to a transaction,
// where UpsertArticle commits each one: a 1M-article corpus in minutes instead of hours. The
// rows are the ones UpsertArticle writes for the same new articles (the same columns, key,
// JSON and content hash; the FTS rows come from the same trigger); only the FTS5 segments are
// flushed 20,000 articles at a time instead of one. The sources must be stored already (the
// first 40 articles go through UpsertArticle).
Status BulkAppend(const std::string& path, int from, int to, const std::vector<std::string>& vocab,
                  const Zipf& zipf) {
  WD_ASSIGN_OR_RETURN(std::unique_ptr<store::sqlite::Database> db,
                      store::sqlite::Database::Open(path));
  const Instant now = SystemClock().Now();
  constexpr int kBatch = 20000;
  for (int start = from; start < to; start += kBatch) {
    WD_ASSIGN_OR_RETURN(
        store::sqlite::Transaction txn,
        store::sqlite::Transaction::Begin(*db, store::sqlite::Transaction::Kind::kWrite));
    const int end = std::min(to, start + kBatch);
    for (int i = start; i < end; ++i) {
      const Article a = MakeArticle(i, vocab, zipf);
      WD_ASSIGN_OR_RETURN(const std::string key, store::IdentityKey(a));
      const nlohmann::json j = ArticleToJson(a);
      auto dump = [&j](const char* field) {
        return j.at(field).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      };
      WD_ASSIGN_OR_RETURN(store::sqlite::Query source,
                          db->Prepare("SELECT id FROM sources WHERE name = ?1"));
      source.Bind(1, std::string_view(a.source.name));
      WD_ASSIGN_OR_RETURN(const bool found, source.Step());
      if (!found) return Fail(ErrorCode::kNotFound, "no source " + a.source.name, path);
      const int64_t source_id = source.Int64(0);
      WD_ASSIGN_OR_RETURN(
          store::sqlite::Query write,
          db->Prepare("INSERT INTO articles (identity_url, url, canonical_url, title, dek, byline, "
                      "published, captured, language, rights, text, blocks, images, related, "
                      "content_hash, first_seen_at, updated_at, source_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                      "?16, ?16, ?17)"));
      write.Bind(1, std::string_view(key))
          .Bind(2, std::string_view(a.url))
          .Bind(3, std::string_view(a.canonical_url))
          .Bind(4, std::string_view(a.title))
          .Bind(5, std::string_view(a.dek))
          .Bind(6, std::string_view(a.byline))
          .Bind(7, a.published)
          .Bind(8, a.captured)
          .Bind(9, std::string_view(a.language))
          .Bind(10, std::string_view(a.rights))
          .Bind(11, std::string_view(a.text))
          .Bind(12, std::string_view(dump("blocks")))
          .Bind(13, std::string_view(dump("images")))
          .Bind(14, std::string_view(dump("related")))
          .Bind(15, std::string_view(store::ContentHash(j)))
          .Bind(16, now)
          .Bind(17, source_id);
      WD_RETURN_IF_ERROR(write.Run());
    }
    WD_ASSIGN_OR_RETURN(store::sqlite::Query bump,
                        db->Prepare("UPDATE meta SET value = value + ?1 WHERE key = 'generation'"));
    bump.Bind(1, int64_t{end - start});
    WD_RETURN_IF_ERROR(bump.Run());
    WD_RETURN_IF_ERROR(txn.Commit());
    std::fprintf(stderr, "\rstore_bench: bulk %d / %d", end, to);
  }
  std::fprintf(stderr, "\n");
  return {};
}

// CPU time, which the other programs on a shared machine do not inflate as they do wall time:
// this thread's, plus a PostgreSQL server backend's when it runs here (its
// se.sum_exec_runtime in /proc/PID/sched, in milliseconds).
double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double BackendCpuMs(int64_t pid) {
  if (pid <= 0) return 0;
  std::ifstream in("/proc/" + std::to_string(pid) + "/sched");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("se.sum_exec_runtime")) {
      const size_t colon = line.find(':');
      return colon == std::string::npos ? 0 : std::atof(line.c_str() + colon + 1);
    }
  }
  return 0;
}

// The server process serving the store's connection: the one other client of the database.
int64_t StoreBackendPid(const std::string& db) {
  if (!db.starts_with("postgres")) return 0;
  auto c = store::postgres::Connection::Open(db);
  if (!c) return 0;
  auto r = (*c)->Query(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
      "AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
  if (!r || r->size() != 1) return 0;
  const int64_t pid = r->Int64(0, 0);
  return std::ifstream("/proc/" + std::to_string(pid) + "/sched") ? pid : 0;
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
  std::string dump;   // --dump FILE: each query's total and hit ids, to compare backends
  bool snippets = false;  // --snippets 1: the dump holds each hit's snippet too (two builds)
  bool scores = false;    // --scores 1: the dump holds each hit's score too (id:score)
  std::string times;  // --times FILE: each timed query's kind, wall and CPU ms (the slow ones)
  bool bulk = false;  // --bulk 1: SQLite only, append the corpus through BulkAppend
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--db") db = argv[i + 1];
    else if (k == "--articles") articles = std::atoi(argv[i + 1]);
    else if (k == "--queries") queries = std::atoi(argv[i + 1]);
    else if (k == "--sample") sample = argv[i + 1];
    else if (k == "--label") label = argv[i + 1];
    else if (k == "--copy-from") copy_from = argv[i + 1];
    else if (k == "--dump") dump = argv[i + 1];
    else if (k == "--times") times = argv[i + 1];
    else if (k == "--snippets") snippets = std::atoi(argv[i + 1]) != 0;
    else if (k == "--scores") scores = std::atoi(argv[i + 1]) != 0;
    else if (k == "--bulk") bulk = std::atoi(argv[i + 1]) != 0;
    else if (k == "--shard") std::sscanf(argv[i + 1], "%d/%d", &shard, &shards);
  }
  if (db.empty()) {
    std::fprintf(stderr, "usage: store_bench --db SPEC [--articles N] [--queries N] [--label L]\n");
    return 2;
  }
  // Before anything is opened or created.
  std::error_code sample_error;
  if (!std::filesystem::is_directory(sample, sample_error)) {
    std::fprintf(stderr, "store_bench: %s is not a directory (run from the repository root, or pass --sample DIR)\n",
                 sample.c_str());
    return 1;
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
  const int upsert_end = bulk ? std::min(articles, std::max(start, 40)) : articles;
  for (int i = start; i < upsert_end; i += shards, ++ingested) {
    auto r = (*store)->UpsertArticle(MakeArticle(i, vocab, zipf));
    if (!r) {
      std::fprintf(stderr, "store_bench: article %d: %s\n", i, r.error().ToString().c_str());
      return 1;
    }
  }
  if (bulk && upsert_end < articles) {
    if (!db.starts_with("sqlite:")) {
      std::fprintf(stderr, "store_bench: --bulk needs a sqlite: store\n");
      return 2;
    }
    store->reset();  // BulkAppend writes through its own connection
    if (auto r = BulkAppend(db.substr(7), upsert_end, articles, vocab, zipf); !r) {
      std::fprintf(stderr, "store_bench: bulk: %s\n", r.error().ToString().c_str());
      return 1;
    }
    store = store::OpenStore(db);
    if (!store) return 1;
    ingested += articles - upsert_end;
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
  if (!dump.empty()) {
    // The query, the total (~ when estimated), then the first page's ids in rank order.
    std::ofstream out(dump);
    for (const std::string& q : mix) {
      auto r = (*store)->Search({q, 20, 0});
      out << q << '\t';
      if (!r) {
        out << "error\n";
        continue;
      }
      out << (r->total_estimated ? "~" : "") << r->total;
      for (const store::SearchHit& h : r->hits) {
        out << '\t' << h.article.id;
        if (scores) out << ':' << std::setprecision(17) << h.score;
        if (snippets) out << ' ' << h.snippet;
      }
      out << '\n';
    }
  }
  const int64_t backend = StoreBackendPid(db);
  std::vector<double> ms;
  std::vector<double> cpu;
  std::vector<double> by_kind[6];
  std::vector<double> cpu_by_kind[6];
  int64_t hits = 0;
  for (size_t i = 0; i < mix.size(); ++i) {
    const double c0 = ThreadCpuMs() + BackendCpuMs(backend);
    const auto s = Steady::now();
    auto r = (*store)->Search({mix[i], 20, 0});
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - s).count());
    cpu.push_back(ThreadCpuMs() + BackendCpuMs(backend) - c0);
    by_kind[i % 6].push_back(ms.back());
    cpu_by_kind[i % 6].push_back(cpu.back());
    if (r) hits += r->total;
  }
  if (!times.empty()) {
    std::ofstream out(times);
    const char* kind_names[] = {"common", "mid", "rare", "two_words", "phrase", "prefix"};
    for (size_t i = 0; i < mix.size(); ++i) {
      out << kind_names[i % 6] << '\t' << mix[i] << '\t' << ms[i] << '\t' << cpu[i] << '\n';
    }
  }
  std::vector<double> latest;
  for (int i = 0; i < 100; ++i) {
    const auto s = Steady::now();
    (void)(*store)->LatestArticles(20, (i % 5) * 20);
    latest.push_back(std::chrono::duration<double, std::milli>(Steady::now() - s).count());
  }
  std::printf(
      "%s\tarticles=%d\tingested=%d\tingest_per_s=%.0f\tsearch_p50_ms=%.2f\t"
      "search_p99_ms=%.2f\tsearch_max_ms=%.2f\tmean_total=%.0f\tlatest_p50_ms=%.2f\t"
      "cpu_p50_ms=%.2f\tcpu_p99_ms=%.2f\tserver_cpu=%d\n",
      label.c_str(), articles, ingested, ingested > 0 ? ingested / ingest_s : 0.0,
      Percentile(ms, 0.5), Percentile(ms, 0.99), Percentile(ms, 1.0),
      static_cast<double>(hits) / static_cast<double>(mix.size()), Percentile(latest, 0.5),
      Percentile(cpu, 0.5), Percentile(cpu, 0.99), backend > 0 ? 1 : 0);
  const char* kinds[] = {"common", "mid", "rare", "two_words", "phrase", "prefix"};
  for (int k = 0; k < 6; ++k) {
    std::printf("%s\tkind=%s\tp50_ms=%.2f\tp99_ms=%.2f\tcpu_p50_ms=%.2f\tcpu_p99_ms=%.2f\n",
                label.c_str(), kinds[k], Percentile(by_kind[k], 0.5), Percentile(by_kind[k], 0.99),
                Percentile(cpu_by_kind[k], 0.5), Percentile(cpu_by_kind[k], 0.99));
  }
  return 0;
}
