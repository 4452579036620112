#include "enrich/entities/word_clusters.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace wiredesk::enrich::entities {
namespace {

std::vector<std::vector<std::string_view>> Sentences(const std::vector<std::string>& lines,
                                                     std::vector<std::string>& storage) {
  storage = lines;
  std::vector<std::vector<std::string_view>> out;
  for (const std::string& line : storage) {
    auto& tokens = out.emplace_back();
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == ' ') {
        if (i > start) tokens.push_back(std::string_view(line).substr(start, i - start));
        start = i + 1;
      }
    }
  }
  return out;
}

// Two kinds of word in disjoint contexts: towns ("flew to X .") and verbs ("they X it ."). The
// exchange algorithm must put each kind in its own cluster at the coarse level (4 clusters).
TEST(WordClustersTest, SeparatesWordsByContext) {
  std::vector<std::string> lines;
  const char* towns[] = {"Paris", "Berlin", "Madrid", "Rome", "Oslo"};
  const char* verbs[] = {"took", "made", "sold", "kept", "broke"};
  for (int rep = 0; rep < 4; ++rep) {
    for (const char* t : towns) lines.push_back(std::string("she flew to ") + t + " .");
    for (const char* v : verbs) lines.push_back(std::string("they ") + v + " it .");
  }
  std::vector<std::string> storage;
  const auto sentences = Sentences(lines, storage);
  ClusterOptions options;
  options.sizes = {4, 8, 16};
  options.min_count = 2;
  const WordClusters c = InduceWordClusters(sentences, options, [](const std::string&) {});
  auto level0 = [&](std::string_view w) {
    for (size_t i = 0; i < c.words.size(); ++i) {
      if (c.words[i] == w) return static_cast<int>(c.ids[i][0]);
    }
    ADD_FAILURE() << "no cluster for " << w;
    return -1;
  };
  for (const char* t : towns) EXPECT_EQ(level0(t), level0("Paris")) << t;
  for (const char* v : verbs) EXPECT_EQ(level0(v), level0("took")) << v;
  EXPECT_NE(level0("Paris"), level0("took"));
  // Deterministic: the same input gives the same clusters.
  const WordClusters again = InduceWordClusters(sentences, options, [](const std::string&) {});
  EXPECT_EQ(again.words, c.words);
  EXPECT_EQ(again.ids, c.ids);
}

TEST(WordClustersTest, FileRoundTripAndLookupFallbacks) {
  WordClusters c;
  c.words = {"Reuters", "said", "Sarajevo"};
  c.ids = {ClusterIds{1, 10, 100}, ClusterIds{2, 20, 200}, ClusterIds{3, 30, 300}};
  c.counts = {9, 8, 7};
  const std::string path = ::testing::TempDir() + "/clusters.txt.gz";
  ASSERT_TRUE(WriteWordClusters(c, path).has_value());
  const auto back = ReadWordClusters(path);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(back->words, c.words);
  EXPECT_EQ(back->ids, c.ids);
  EXPECT_EQ(back->counts, c.counts);

  ClusterTable table;
  table.AddWords(*back);
  EXPECT_EQ(table.Lookup("Reuters"), (ClusterIds{1, 10, 100}));
  EXPECT_EQ(table.Lookup("SARAJEVO"), (ClusterIds{3, 30, 300}));  // all caps: capitalised form
  EXPECT_EQ(table.Lookup("Said"), (ClusterIds{2, 20, 200}));      // sentence-initial: lower case
  EXPECT_EQ(table.Lookup("unknown"), (ClusterIds{kNoCluster, kNoCluster, kNoCluster}));
  EXPECT_EQ(table.Lookup(""), (ClusterIds{kNoCluster, kNoCluster, kNoCluster}));
}

TEST(WordClustersTest, TableGrowsAndKeepsEveryEntry) {
  ClusterTable table;
  for (uint64_t h = 0; h < 5000; ++h) table.Add(h * 0x9E3779B97F4A7C15ULL, ClusterIds{1, 2, static_cast<uint16_t>(h)});
  table.Add(7 * 0x9E3779B97F4A7C15ULL, ClusterIds{9, 9, 9});  // replaces, does not add
  EXPECT_EQ(table.size(), 5000u);
  const auto entries = table.Entries();
  ASSERT_EQ(entries.size(), 5000u);
  EXPECT_TRUE(std::is_sorted(entries.begin(), entries.end()));
  size_t replaced = 0;
  for (const auto& [h, ids] : entries) {
    if (ids == ClusterIds{9, 9, 9}) ++replaced;
  }
  EXPECT_EQ(replaced, 1u);
}

TEST(WordClustersTest, BadFilesAreClearErrors) {
  EXPECT_EQ(ReadWordClusters("/nonexistent/clusters.gz").error().code, ErrorCode::kNotFound);
  const std::string path = ::testing::TempDir() + "/bad-clusters.txt";
  WordClusters c;
  c.words = {"word"};
  c.ids = {ClusterIds{1, 2, 3}};
  c.counts = {1};
  ASSERT_TRUE(WriteWordClusters(c, path).has_value());
  {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("word\t1\t2\n", f);
    std::fclose(f);
  }
  const auto bad = ReadWordClusters(path);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kParse);
  EXPECT_NE(bad.error().message.find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace wiredesk::enrich::entities
