// Golden feeds: tests/golden/feeds/<case>/input.{xml,json} (and options.json with "url") and
// the ParsedFeed JSON they must give, expected.json. WIREDESK_UPDATE_GOLDEN=1 rewrites
// expected.json; review the diff by eye before committing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "parse/feed_json.h"
#include "parse/feed_parser.h"

namespace wiredesk::parse {
namespace {

namespace fs = std::filesystem;

fs::path GoldenRoot() {
  const char* src = std::getenv("WIREDESK_SOURCE_DIR");
  return fs::path(src != nullptr ? src : ".") / "tests" / "golden" / "feeds";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

fs::path InputOf(const fs::path& dir) {
  for (const char* name : {"input.xml", "input.json"}) {
    if (fs::exists(dir / name)) return dir / name;
  }
  return {};
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(GoldenRoot(), ec)) {
    if (e.is_directory() && !InputOf(e.path()).empty()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class FeedGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(FeedGolden, MatchesExpectedJson) {
  const fs::path dir = GoldenRoot() / GetParam();
  FeedParseOptions options;
  options.url = "https://example.com/feed";
  if (fs::exists(dir / "options.json")) {
    const auto j = nlohmann::json::parse(ReadFile(dir / "options.json"));
    if (j.contains("url")) options.url = j["url"].get<std::string>();
  }
  const Result<ParsedFeed> feed = ParseFeed(ReadFile(InputOf(dir)), options);
  ASSERT_TRUE(feed.has_value()) << feed.error().ToString();
  const nlohmann::json got = ParsedFeedToJson(*feed);
  const fs::path expected_path = dir / "expected.json";
  const char* update = std::getenv("WIREDESK_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(expected_path, std::ios::binary) << got.dump(2) << "\n";
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << "no expected.json in " << dir << "; run with WIREDESK_UPDATE_GOLDEN=1 and review it";
  const nlohmann::json want = nlohmann::json::parse(ReadFile(expected_path));
  EXPECT_EQ(want.dump(2), got.dump(2)) << "case " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Feeds, FeedGolden, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(FeedGoldenSet, IsNotEmpty) { EXPECT_GE(CaseNames().size(), 8u); }

}  // namespace
}  // namespace wiredesk::parse
