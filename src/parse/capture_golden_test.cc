// Golden cases for the capture reader: tests/golden/capture/<case>/input.txt and the Article
// JSON it must give, expected.json. WIREDESK_UPDATE_GOLDEN=1 rewrites expected.json; review the
// diff by eye before committing, since a golden file is only as right as its reviewer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/article_json.h"
#include "core/time.h"
#include "parse/capture_reader.h"

namespace wiredesk::parse {
namespace {

namespace fs = std::filesystem;

// Every golden case is captured at this instant unless its options.json says otherwise.
constexpr const char* kDefaultCaptured = "2025-06-27T12:00:00Z";

fs::path GoldenRoot() {
  const char* src = std::getenv("WIREDESK_SOURCE_DIR");
  return fs::path(src != nullptr ? src : ".") / "tests" / "golden" / "capture";
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(GoldenRoot(), ec)) {
    if (e.is_directory() && fs::exists(e.path() / "input.txt")) {
      names.push_back(e.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// options.json may set "url" and "captured".
CaptureOptions OptionsFor(const fs::path& dir) {
  CaptureOptions o;
  o.captured = *ParseIso8601(kDefaultCaptured);
  if (fs::exists(dir / "options.json")) {
    const auto j = nlohmann::json::parse(ReadFile(dir / "options.json"));
    if (j.contains("url")) o.url = j["url"].get<std::string>();
    if (j.contains("captured")) o.captured = *ParseIso8601(j["captured"].get<std::string>());
  }
  return o;
}

class CaptureGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(CaptureGolden, MatchesExpectedJson) {
  const fs::path dir = GoldenRoot() / GetParam();
  const Result<Article> article = ReadCapture(ReadFile(dir / "input.txt"), OptionsFor(dir));
  ASSERT_TRUE(article.has_value()) << article.error().ToString();
  const nlohmann::json got = ArticleToJson(*article);
  const fs::path expected_path = dir / "expected.json";
  const char* update = std::getenv("WIREDESK_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(expected_path, std::ios::binary) << got.dump(2) << "\n";
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << "no expected.json in " << dir << "; run with WIREDESK_UPDATE_GOLDEN=1 and review it";
  const nlohmann::json want = nlohmann::json::parse(ReadFile(expected_path));
  // Compared as text so a failure shows the two documents line by line.
  EXPECT_EQ(want.dump(2), got.dump(2)) << "case " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Cases, CaptureGolden, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) {
                           // Test names allow only [A-Za-z0-9_]; case folders use '-'.
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// An empty golden folder must not pass silently.
TEST(CaptureGoldenSet, HasCases) {
  EXPECT_GE(CaseNames().size(), 3u) << "no golden cases under " << GoldenRoot();
}

}  // namespace
}  // namespace wiredesk::parse
