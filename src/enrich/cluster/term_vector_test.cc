#include "enrich/cluster/term_vector.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "enrich/cluster/string_ids.h"

namespace wiredesk::enrich::cluster {
namespace {

TEST(StringIdsTest, RetainKeepsTheChosenKeysAndDropsTheRest) {
  StringIds ids;
  for (uint32_t k = 0; k < 3000; ++k) ids.Insert("word" + std::to_string(k), k);
  ids.Retain([](uint32_t v) { return v % 100 == 0; });
  EXPECT_EQ(ids.Size(), 30u);
  for (uint32_t k = 0; k < 3000; ++k) {
    const auto found = ids.Find("word" + std::to_string(k));
    if (k % 100 == 0) {
      ASSERT_TRUE(found.has_value()) << k;
      EXPECT_EQ(*found, k);
    } else {
      EXPECT_FALSE(found.has_value()) << k;
    }
  }
  // Still a working table: new keys go in, and nothing left can be found.
  ids.Insert("fresh", 7);
  EXPECT_EQ(ids.Find("fresh"), 7u);
  ids.Retain([](uint32_t) { return false; });
  EXPECT_EQ(ids.Size(), 0u);
  EXPECT_FALSE(ids.Find("fresh").has_value());
  ids.Insert("again", 1);
  EXPECT_EQ(ids.Find("again"), 1u);
}

TEST(StringIdsTest, KeysComingAndGoingDoNotGrowTheTable) {
  StringIds ids;
  size_t after_first = 0;
  for (uint32_t round = 0; round < 20; ++round) {
    for (uint32_t k = 0; k < 3000; ++k) {
      ids.Insert("round" + std::to_string(round) + "-word" + std::to_string(k), round * 3000 + k);
    }
    // Keep one key in a hundred of this round, none of the earlier ones.
    ids.Retain([round](uint32_t v) { return v / 3000 == round && v % 100 == 0; });
    ASSERT_EQ(ids.Size(), 30u);
    if (round == 0) after_first = ids.MemoryUsage();
    EXPECT_LE(ids.MemoryUsage(), after_first + 1024) << round;  // later keys are a little longer
    EXPECT_EQ(ids.Find("round" + std::to_string(round) + "-word200"), round * 3000 + 200);
    EXPECT_FALSE(ids.Find("round" + std::to_string(round) + "-word201").has_value());
  }
  EXPECT_FALSE(ids.Find("round0-word0").has_value());
}

// Random inserts and retains against a plain map: every key kept is found with its value,
// every key dropped is gone.
TEST(StringIdsTest, AgreesWithAMapThroughRandomInsertsAndRetains) {
  StringIds ids;
  std::map<std::string, uint32_t> reference;
  uint64_t state = 42;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  uint32_t value = 0;
  for (int round = 0; round < 30; ++round) {
    for (int k = 0; k < 500; ++k) {
      const std::string key = "k" + std::to_string(next() % 5000) + std::string(next() % 7, 'x');
      if (reference.count(key)) continue;
      ids.Insert(key, value);
      reference[key] = value++;
    }
    const uint32_t modulus = 2 + next() % 5;
    auto keep = [modulus](uint32_t v) { return v % modulus != 0; };
    ids.Retain(keep);
    std::erase_if(reference, [&](const auto& e) { return !keep(e.second); });
    ASSERT_EQ(ids.Size(), reference.size()) << round;
    for (const auto& [key, v] : reference) ASSERT_EQ(ids.Find(key), v) << key;
    for (int k = 0; k < 200; ++k) {
      const std::string key = "k" + std::to_string(next() % 5000) + std::string(next() % 7, 'x');
      const auto it = reference.find(key);
      ASSERT_EQ(ids.Find(key), it == reference.end() ? std::nullopt : std::optional(it->second));
    }
  }
}

uint32_t TermOf(Vectorizer& v, std::string_view word) {
  TermVector out;
  v.Vectorize(word, "", out);
  EXPECT_EQ(out.size(), 1u) << word;
  return out.empty() ? UINT32_MAX : out[0].term;
}

TEST(VectorizerTest, WordsUnseenForSomePeriodsAreForgottenAndTheirIdsReused) {
  Vectorizer v(VectorizeOptions{});
  const uint32_t volcano = TermOf(v, "volcano");
  const uint32_t harbour = TermOf(v, "harbour");
  const uint32_t glacier = TermOf(v, "glacier");
  EXPECT_EQ(v.VocabularySize(), 3u);
  std::vector<uint8_t> in_use(v.IdLimit(), 0);
  in_use[glacier] = 1;  // the owner still holds it (a story's centroid)
  // Period 0 ends: seen in the last 2 periods, everything stays.
  EXPECT_EQ(v.Forget(2, in_use), 0u);
  EXPECT_EQ(TermOf(v, "volcanoes"), volcano);  // one stem, one term; seen in period 1
  // Period 1 ends: periods 0 and 1 are the last two, everything stays.
  EXPECT_EQ(v.Forget(2, in_use), 0u);
  // Period 2 ends: "harbour" (period 0) is in neither of the last two and not in use;
  // "glacier" is as old but in use.
  EXPECT_EQ(v.Forget(2, in_use), 1u);
  EXPECT_EQ(v.VocabularySize(), 2u);
  // A new word takes the forgotten id; the words kept keep theirs.
  EXPECT_EQ(TermOf(v, "lighthouse"), harbour);
  EXPECT_EQ(TermOf(v, "volcano"), volcano);
  EXPECT_EQ(TermOf(v, "glacier"), glacier);
  // "harbour" comes back as a new word with an id of its own.
  const uint32_t again = TermOf(v, "harbour");
  EXPECT_NE(again, harbour);
  EXPECT_EQ(v.VocabularySize(), 4u);
}

TEST(VectorizerTest, AForgottenWordStartsItsDocumentFrequencyAgain) {
  Vectorizer v(VectorizeOptions{});
  TermVector out;
  v.Vectorize("storm", "", out);
  const uint32_t storm = out[0].term;
  // The weights of "budget" and "storm" in one headline: (budget, storm).
  auto weights = [&]() {
    v.Vectorize("budget storm", "", out);
    EXPECT_EQ(out.size(), 2u);
    float budget_weight = 0;
    float storm_weight = 0;
    for (const TermWeight& tw : out) (tw.term == storm ? storm_weight : budget_weight) = tw.weight;
    return std::make_pair(budget_weight, storm_weight);
  };
  for (int k = 0; k < 20; ++k) v.Vectorize("budget", "", out);
  const auto [common, rare] = weights();
  EXPECT_LT(common, rare);  // "budget" is the common word now
  // "budget" goes unseen for two periods while "storm" is everywhere: forgotten, it comes back
  // as rare as a new word.
  for (int p = 0; p < 3; ++p) {
    for (int k = 0; k < 20; ++k) v.Vectorize("storm", "", out);
    v.Forget(2, {});
  }
  const auto [returned, everywhere] = weights();
  EXPECT_GT(returned, everywhere);
}

}  // namespace
}  // namespace wiredesk::enrich::cluster
