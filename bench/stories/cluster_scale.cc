// Story clustering at the scale of a long-lived store: a synthetic news stream of N articles
// (default 1,000 a day, stories of every size across a few thousand outlets, wire copies), put
// into a SQLite store, and the cost of filing new articles on top of it.
//
//   cluster_scale load --db FILE --articles N [--per-day R] [--sample DIR]
//     stores articles 0..N-1 as UpsertArticle would (same rows, same JSON, same content hash;
//     the FTS rows by the store's own triggers), but in transactions of many thousand rows
//     through one prepared statement, so 1M articles load in minutes. Not enriched: nothing in
//     story filing reads tags or insights.
//   cluster_scale file --db FILE --new K [--per-day R] [--sample DIR]
//     the ingest path for K more articles of the same stream: Store::UpsertArticle, then
//     StoryDesk::File on one desk (the refresh loop's way). Prints the first filing's CPU time
//     (it reads the clusterer's window back from the store) and the mean CPU time per article
//     after it, upsert and filing apart, so a small and a large store can be compared.
//   cluster_scale place --db FILE
//     the StoryPlacer alone over the stored articles in time order, printing its memory, its
//     vocabulary and the process's peak RSS every 50,000 articles (no store writes: what the
//     clusterer holds, apart from the store's).
//
// The stream is deterministic: article i's event, outlet and words depend only on i and the
// seed, so `file` continues exactly where `load` stopped. Words come Zipf-style from the
// vocabulary of sample/captures (ranked by frequency there) padded with made-up words; each
// event has names of its own (new words, as news keeps bringing), a place, numbers and a
// lexicon of mid-frequency words that its articles share.
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/article_json.h"
#include "core/time.h"
#include "pipeline/story_desk.h"
#include "store/article_identity.h"
#include "store/store.h"

namespace {

using namespace wiredesk;

// xorshift-multiply (splitmix64): one stream per seed, cheap enough to reseed per article.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed * 0x2545f4914f6cdd1dULL + 1) {}
  uint64_t Bits() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Bits() >> 11) * 0x1.0p-53; }
  size_t Below(size_t n) { return static_cast<size_t>(Bits() % n); }
  bool Chance(double p) { return Uniform() < p; }

 private:
  uint64_t state_;
};

// Ranks drawn with probability ~ 1/rank: the sampling table is the cumulative sum.
class RankDraw {
 public:
  explicit RankDraw(size_t n) : cumulative_(n) {
    double total = 0;
    for (size_t r = 0; r < n; ++r) cumulative_[r] = total += 1.0 / static_cast<double>(r + 1);
    for (double& c : cumulative_) c /= total;
  }
  size_t Draw(Random& rng) const {
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), rng.Uniform());
    return std::min<size_t>(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

// A made-up word from syllables, distinct for distinct numbers (the number in base 16).
std::string Coined(uint64_t n, bool capital) {
  static const char* const kSyllables[16] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi",
                                             "pe", "su", "ba", "do", "gra", "hel", "jor", "win"};
  std::string w;
  do {
    w += kSyllables[n & 15];
    n >>= 4;
  } while (n != 0);
  if (w.size() < 5) w += "ton";
  if (capital) w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}

std::vector<std::string> LoadVocabulary(const std::string& dir, size_t size) {
  std::unordered_map<std::string, int> counts;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path());
    std::string token;
    while (in >> token) {
      std::string word;
      for (char c : token) {
        if (std::isalpha(static_cast<unsigned char>(c))) word += static_cast<char>(std::tolower(c));
      }
      if (word.size() > 1) ++counts[word];
    }
  }
  std::vector<std::pair<std::string, int>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> vocabulary;
  for (const auto& [word, n] : ranked) vocabulary.push_back(word);
  // Without sample/ (or past its words) the tail is made up; lower case, so not names.
  for (uint64_t k = 0; vocabulary.size() < size; ++k) vocabulary.push_back(Coined(k + 7, false) + "e");
  vocabulary.resize(size);
  return vocabulary;
}

constexpr size_t kVocabulary = 60000;
constexpr size_t kOutlets = 3000;
constexpr size_t kWires = 4;
constexpr size_t kPlaces = 4000;
constexpr size_t kRecurringNames = 30000;

struct Event {
  Instant start{};
  Instant end{};
  int remaining = 0;
  int64_t wire_original = -1;  // the article number of its first wire story, when it has one
  int64_t wire_outlet = 0;
};

// What article i is: its event, outlet and time, and the original when it is a wire copy.
struct Slot {
  uint64_t event = 0;
  size_t outlet = 0;  // 0..kWires-1: a wire service
  Instant when{};
  int64_t copy_of = -1;
};

class Stream {
 public:
  Stream(std::vector<std::string> vocabulary, double per_day)
      : vocabulary_(std::move(vocabulary)),
        words_(vocabulary_.size()),
        outlets_(kOutlets),
        step_(86400.0 / per_day),
        start_(*MakeInstant(2024, 1, 1)) {}

  // The bookkeeping of article i (called for i = 0, 1, 2, ... in order).
  Slot Next() {
    Slot s;
    s.when = start_ + std::chrono::seconds(static_cast<int64_t>(static_cast<double>(next_) * step_));
    uint64_t id = 0;
    bool found = false;
    // An event still running, picked by ticket (bigger events hold more), or a new one.
    for (int tries = 0; tries < 4 && !tickets_.empty() && !rng_.Chance(0.3); ++tries) {
      const size_t k = rng_.Below(tickets_.size());
      auto it = events_.find(tickets_[k]);
      if (it == events_.end() || it->second.remaining <= 0 || it->second.end < s.when) {
        tickets_[k] = tickets_.back();
        tickets_.pop_back();
        if (it != events_.end() && (it->second.remaining <= 0 || it->second.end < s.when)) {
          events_.erase(it);
        }
        continue;
      }
      id = it->first;
      found = true;
      break;
    }
    if (!found) id = Open(s.when);
    Event& e = events_[id];
    --e.remaining;
    s.event = id;
    const bool wire = rng_.Chance(0.12);
    s.outlet = wire ? rng_.Below(kWires) : kWires + outlets_.Draw(rng_) % (kOutlets - kWires);
    if (!wire && e.wire_original >= 0 && rng_.Chance(0.3)) {
      s.copy_of = e.wire_original;
    } else if (wire && e.wire_original < 0) {
      e.wire_original = next_;
      e.wire_outlet = static_cast<int64_t>(s.outlet);
    }
    slots_.emplace(next_, s);
    if (next_ % 4096 == 0) {
      // Slots are looked up by copies of wire originals; an event lasts at most 90 days.
      std::erase_if(slots_, [&](const auto& kv) { return kv.second.when + std::chrono::days(120) < s.when; });
      // Events over are dropped with their tickets: dead tickets left in the draw would make a
      // new event likelier as the stream goes on (the mix must be the same at 10k and 1M).
      std::erase_if(events_, [&](const auto& kv) { return kv.second.remaining <= 0 || kv.second.end < s.when; });
      std::erase_if(tickets_, [&](uint64_t t) { return !events_.contains(t); });
    }
    ++next_;
    return s;
  }

  Article Make(int64_t i, const Slot& s) {
    Article a;
    a.source = Source{0, OutletName(s.outlet), "https://" + OutletHost(s.outlet) + "/"};
    a.url = a.source.url + "news/" + std::to_string(i);
    a.published = s.when;
    a.captured = s.when + std::chrono::minutes(20);
    a.language = "en";
    Random rng(static_cast<uint64_t>(i) * 1000003 + 17);
    a.byline = "By " + Coined(rng.Below(5000) + 100, true) + " " + Coined(rng.Below(5000) + 9000, true);
    std::vector<std::string> paragraphs;
    if (s.copy_of >= 0) {
      // A wire copy: the original's body, its first paragraph sometimes rewritten, its end
      // sometimes cut, the outlet's boilerplate added, and a headline of its own.
      const Slot& original = slots_.at(s.copy_of);
      Random body(BodySeed(s.copy_of));
      paragraphs = Body(body, original.event);
      if (rng.Chance(0.5)) paragraphs.front() = Sentence(rng, s.event, 24);
      if (paragraphs.size() > 3 && rng.Chance(0.4)) paragraphs.pop_back();
      paragraphs.front() = Dateline(s.event) + " (" + OutletName(original.outlet) + ") - " +
                           paragraphs.front();
    } else {
      Random body(BodySeed(i));
      paragraphs = Body(body, s.event);
    }
    a.title = Headline(rng, s.event);
    if (s.outlet % 3 == 0) {
      paragraphs.push_back("Copyright " + OutletName(s.outlet) +
                           ". All rights reserved. This material may not be published, "
                           "broadcast, rewritten or redistributed.");
    }
    a.dek = paragraphs.front().substr(0, 160);
    for (const std::string& p : paragraphs) {
      a.blocks.push_back(Block{BlockKind::kParagraph, p, ""});
    }
    a.text = JoinBodyText(a.blocks);
    return a;
  }

 private:
  static uint64_t BodySeed(int64_t i) { return static_cast<uint64_t>(i) * 2654435761u + 99; }

  uint64_t Open(Instant when) {
    const uint64_t id = next_event_++;
    Event e;
    e.start = when;
    // Sizes: P(size >= k) ~ k^-1.1 (most events one or two articles, a few hundreds); 1 % run
    // for months (a trial, a war) with steady coverage.
    const bool long_running = rng_.Chance(0.01);
    const double u = std::max(rng_.Uniform(), 1e-9);
    const int size = long_running ? 200 + static_cast<int>(rng_.Below(1500))
                                  : std::min(3000, static_cast<int>(std::pow(u, -1.0 / 1.1)));
    e.remaining = size;
    const double hours = long_running ? 24.0 * 90 : std::min(24.0 * 21, 12.0 + 1.5 * size);
    e.end = when + std::chrono::seconds(static_cast<int64_t>(hours * 3600));
    events_.emplace(id, e);
    const int tickets = 1 + std::min(40, size / 6);
    for (int t = 0; t < tickets; ++t) tickets_.push_back(id);
    return id;
  }

  static std::string OutletName(size_t outlet) {
    if (outlet < kWires) return "Wire Service " + std::string(1, static_cast<char>('A' + outlet));
    return Coined(outlet * 7 + 3, true) + " " + (outlet % 4 == 0 ? "Times" : outlet % 4 == 1 ? "Herald" : outlet % 4 == 2 ? "News" : "Post");
  }
  static std::string OutletHost(size_t outlet) {
    std::string host = OutletName(outlet);
    std::replace(host.begin(), host.end(), ' ', '-');
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    return host + ".example";
  }

  // An event's own words, the same for each of its articles.
  std::string EventWord(uint64_t event, int which) {
    Random r(event * 7919 + static_cast<uint64_t>(which) * 104729 + 5);
    switch (which % 8) {
      case 0:  // its own name, new to the vocabulary
        return Coined(1000000 + event, true);
      case 1:  // a name that recurs across events
        return Coined(200000 + r.Below(kRecurringNames), true);
      case 2:
        return Coined(600000 + r.Below(kPlaces), true);
      case 3:
        return std::to_string(2 + r.Below(998));
      default:  // its lexicon: mid-frequency words
        return vocabulary_[200 + r.Below(15000)];
    }
  }

  std::string Word(Random& rng, uint64_t event) {
    if (rng.Chance(0.3)) return EventWord(event, static_cast<int>(rng.Below(24)));
    if (rng.Chance(0.01)) return std::to_string(rng.Below(100000));
    return vocabulary_[words_.Draw(rng)];
  }

  std::string Sentence(Random& rng, uint64_t event, size_t n) {
    std::string out;
    for (size_t k = 0; k < n; ++k) {
      std::string w = Word(rng, event);
      if (k == 0 && std::islower(static_cast<unsigned char>(w[0]))) w[0] = static_cast<char>(std::toupper(w[0]));
      if (!out.empty()) out += ' ';
      out += w;
    }
    return out + ".";
  }

  std::vector<std::string> Body(Random& rng, uint64_t event) {
    std::vector<std::string> paragraphs(3 + rng.Below(6));
    for (std::string& p : paragraphs) {
      const size_t sentences = 1 + rng.Below(3);
      for (size_t k = 0; k < sentences; ++k) {
        if (!p.empty()) p += ' ';
        p += Sentence(rng, event, 10 + rng.Below(14));
      }
    }
    return paragraphs;
  }

  std::string Headline(Random& rng, uint64_t event) {
    std::string h = EventWord(event, 0) + " " + EventWord(event, 4 + static_cast<int>(rng.Below(4)));
    const size_t n = 4 + rng.Below(5);
    for (size_t k = 0; k < n; ++k) h += " " + Word(rng, event);
    return h;
  }

  std::string Dateline(uint64_t event) {
    std::string place = EventWord(event, 2);
    std::transform(place.begin(), place.end(), place.begin(), [](unsigned char c) { return std::toupper(c); });
    return place;
  }

  std::vector<std::string> vocabulary_;
  RankDraw words_;
  RankDraw outlets_;
  double step_;
  Instant start_;
  Random rng_{12345};
  int64_t next_ = 0;
  uint64_t next_event_ = 1;
  std::unordered_map<uint64_t, Event> events_;
  std::vector<uint64_t> tickets_;
  std::unordered_map<int64_t, Slot> slots_;
};

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "cluster_scale: %s\n", what.c_str());
  return 1;
}

// SQLite through its C API (the bench's bulk path; the store's Database keeps transactions
// per call).
struct Raw {
  sqlite3* db = nullptr;
  ~Raw() { sqlite3_close(db); }
  bool Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK) return true;
    std::fprintf(stderr, "cluster_scale: %s: %s\n", sql, err ? err : "?");
    sqlite3_free(err);
    return false;
  }
};

int Load(const std::string& path, int64_t articles, Stream& stream) {
  {
    // The schema, by the store's own migrations.
    auto store = store::OpenStore("sqlite:" + path);
    if (!store) return Fail(store.error().ToString());
  }
  Raw raw;
  if (sqlite3_open(path.c_str(), &raw.db) != SQLITE_OK) return Fail("cannot open " + path);
  if (!raw.Exec("PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536")) return 1;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* source = nullptr;
  sqlite3_stmt* find_source = nullptr;
  // UpsertArticle's INSERT, column for column.
  sqlite3_prepare_v2(raw.db,
                     "INSERT INTO articles (identity_url, url, canonical_url, title, dek, byline, "
                     "published, captured, language, rights, text, blocks, images, related, "
                     "content_hash, first_seen_at, updated_at, source_id) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                     "?16, ?16, ?17)",
                     -1, &insert, nullptr);
  sqlite3_prepare_v2(raw.db, "INSERT INTO sources (name, url) VALUES (?1, ?2)", -1, &source, nullptr);
  sqlite3_prepare_v2(raw.db, "SELECT id FROM sources WHERE name = ?1", -1, &find_source, nullptr);
  std::unordered_map<std::string, int64_t> sources;
  const double cpu0 = CpuSeconds();
  if (!raw.Exec("BEGIN")) return 1;
  for (int64_t i = 0; i < articles; ++i) {
    const Slot slot = stream.Next();
    const Article a = stream.Make(i, slot);
    auto [it, added] = sources.emplace(a.source.name, 0);
    if (added) {
      sqlite3_bind_text(find_source, 1, a.source.name.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(find_source) == SQLITE_ROW) {
        it->second = sqlite3_column_int64(find_source, 0);
      } else {
        sqlite3_bind_text(source, 1, a.source.name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(source, 2, a.source.url.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(source) != SQLITE_DONE) return Fail(sqlite3_errmsg(raw.db));
        sqlite3_reset(source);
        it->second = sqlite3_last_insert_rowid(raw.db);
      }
      sqlite3_reset(find_source);
    }
    const nlohmann::json j = ArticleToJson(a);
    auto dump = [&j](const char* field) {
      return j.at(field).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    const std::string key = *store::IdentityKey(a);
    const std::string hash = store::ContentHash(j);
    const std::string blocks = dump("blocks");
    const std::string images = dump("images");
    const std::string related = dump("related");
    const std::vector<const std::string*> text = {&key, &a.url, &a.canonical_url, &a.title,
                                                  &a.dek, &a.byline};
    for (size_t k = 0; k < text.size(); ++k) {
      sqlite3_bind_text(insert, static_cast<int>(k + 1), text[k]->data(),
                        static_cast<int>(text[k]->size()), SQLITE_STATIC);
    }
    sqlite3_bind_int64(insert, 7, a.published->time_since_epoch().count());
    sqlite3_bind_int64(insert, 8, a.captured.time_since_epoch().count());
    sqlite3_bind_text(insert, 9, a.language.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 10, a.rights.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 11, a.text.data(), static_cast<int>(a.text.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 12, blocks.data(), static_cast<int>(blocks.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 13, images.data(), static_cast<int>(images.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 14, related.data(), static_cast<int>(related.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 15, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
    sqlite3_bind_int64(insert, 16, a.captured.time_since_epoch().count());
    sqlite3_bind_int64(insert, 17, it->second);
    if (sqlite3_step(insert) != SQLITE_DONE) return Fail(sqlite3_errmsg(raw.db));
    sqlite3_reset(insert);
    if ((i + 1) % 50000 == 0) {
      if (!raw.Exec("COMMIT; BEGIN")) return 1;
      std::fprintf(stderr, "cluster_scale: %lld articles\n", static_cast<long long>(i + 1));
    }
  }
  if (!raw.Exec("UPDATE meta SET value = value + 1 WHERE key = 'generation'; COMMIT")) return 1;
  sqlite3_finalize(insert);
  sqlite3_finalize(source);
  sqlite3_finalize(find_source);
  std::printf("loaded\tarticles=%lld\tsources=%zu\tcpu_s=%.1f\n", static_cast<long long>(articles),
              sources.size(), CpuSeconds() - cpu0);
  return 0;
}

int File(const std::string& path, int64_t count, Stream& stream) {
  auto opened = store::OpenStore("sqlite:" + path);
  if (!opened) return Fail(opened.error().ToString());
  store::Store& store = **opened;
  auto stored = store.CountArticles();
  if (!stored) return Fail(stored.error().ToString());
  for (int64_t i = 0; i < *stored; ++i) (void)stream.Next();
  pipeline::StoryDesk desk(store);
  double upsert_cpu = 0;
  double file_cpu = 0;
  double first_cpu = 0;
  for (int64_t k = 0; k < count; ++k) {
    const int64_t i = *stored + k;
    const Article a = stream.Make(i, stream.Next());
    double t0 = CpuSeconds();
    auto outcome = store.UpsertArticle(a);
    if (!outcome) return Fail(outcome.error().ToString());
    const double t1 = CpuSeconds();
    auto filed = desk.File(outcome->article_id);
    if (!filed) return Fail(filed.error().ToString());
    const double t2 = CpuSeconds();
    if (k == 0) {
      first_cpu = t2 - t1;
      std::fprintf(stderr, "cluster_scale: window read back: %d articles\n", filed->replayed);
      continue;
    }
    upsert_cpu += t1 - t0;
    file_cpu += t2 - t1;
  }
  const double n = static_cast<double>(std::max<int64_t>(1, count - 1));
  std::printf("filed\tstored=%lld\tnew=%lld\twarm_cpu_ms=%.0f\tupsert_cpu_ms=%.3f\t"
              "file_cpu_ms=%.3f\tpeak_rss_mb=%ld\n",
              static_cast<long long>(*stored), static_cast<long long>(count), first_cpu * 1e3,
              upsert_cpu / n * 1e3, file_cpu / n * 1e3, PeakRssMb());
  return 0;
}

// The placer alone over the stored articles in time order (no store writes): how its memory
// and its window grow with the articles seen.
int Place(const std::string& path) {
  auto opened = store::OpenStore("sqlite:" + path);
  if (!opened) return Fail(opened.error().ToString());
  pipeline::StoryPlacer placer;
  std::optional<store::TimeCursor> cursor;
  int64_t seen = 0;
  const double cpu0 = CpuSeconds();
  auto report = [&] {
    std::printf("placed\tarticles=%lld\tclusterer_mb=%.1f\tvocabulary=%zu\tactive_stories=%zu\t"
                "cpu_s=%.1f\tpeak_rss_mb=%ld\n",
                static_cast<long long>(seen),
                static_cast<double>(placer.clusterer().MemoryUsage()) / 1e6,
                placer.clusterer().VocabularySize(), placer.clusterer().ActiveStories(),
                CpuSeconds() - cpu0, PeakRssMb());
    std::fflush(stdout);
  };
  while (true) {
    auto page = (*opened)->ArticlesInTimeOrder(cursor, 256);
    if (!page) return Fail(page.error().ToString());
    if (page->empty()) break;
    for (const store::StoryInput& in : *page) {
      (void)placer.Place(in.article_id, enrich::cluster::StoryDocument{in.title, in.text, in.source, in.When()});
      (void)placer.TakeMerges();
      (void)placer.TakeMoves();  // the desk files and drops them; kept here they would pile up
      if (++seen % 50000 == 0) {
        report();
      }
    }
    cursor = store::TimeCursor{page->back().When(), page->back().article_id};
  }
  report();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: cluster_scale load --db FILE --articles N [--per-day R] [--sample DIR]\n"
                 "       cluster_scale file --db FILE --new K [--per-day R] [--sample DIR]\n"
                 "       cluster_scale place --db FILE\n");
    return 2;
  }
  const std::string mode = argv[1];
  std::string db;
  std::string sample = "sample/captures";
  int64_t articles = 0;
  int64_t fresh = 1000;
  double per_day = 1000;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const std::string v = argv[i + 1];
    if (k == "--db") db = v;
    else if (k == "--articles") articles = std::stoll(v);
    else if (k == "--new") fresh = std::stoll(v);
    else if (k == "--per-day") per_day = std::stod(v);
    else if (k == "--sample") sample = v;
    else return Fail("unknown option " + k);
  }
  if (db.empty()) return Fail("--db is required");
  Stream stream(LoadVocabulary(sample, kVocabulary), per_day);
  if (mode == "load") return Load(db, articles, stream);
  if (mode == "file") return File(db, fresh, stream);
  if (mode == "place") return Place(db);
  return Fail("unknown mode " + mode);
}
