// Golden cases: tests/golden/extract/<case>/input.html (+ optional url.txt) against
// expected.json, the Article JSON of `wiredesk extract`. WIREDESK_UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/article_json.h"
#include "extract/article_extractor.h"

namespace wiredesk::extract {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path GoldenDir() {
  const char* root = std::getenv("WIREDESK_SOURCE_DIR");
  return fs::path(root ? root : ".") / "tests" / "golden" / "extract";
}

TEST(ExtractGoldenTest, AllCases) {
  fs::path dir = GoldenDir();
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  bool update = std::getenv("WIREDESK_UPDATE_GOLDEN") != nullptr;
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory()) continue;
    fs::path input = entry.path() / "input.html";
    if (!fs::exists(input)) continue;
    ++cases;
    SCOPED_TRACE(entry.path().filename().string());
    PageOptions options;
    std::string url = ReadFile(entry.path() / "url.txt");
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    options.url = url.empty() ? "https://example.com/" + entry.path().filename().string() : url;
    auto article = ExtractArticle(ReadFile(input), options);
    nlohmann::json got = article ? ArticleToJson(*article)
                                 : nlohmann::json{{"error", std::string(ErrorCodeName(article.error().code))},
                                                  {"message", article.error().message}};
    fs::path expected_path = entry.path() / "expected.json";
    if (update) {
      std::ofstream(expected_path) << got.dump(2) << "\n";
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_path)) << "run with WIREDESK_UPDATE_GOLDEN=1 to create it";
    nlohmann::json want = nlohmann::json::parse(ReadFile(expected_path));
    EXPECT_EQ(got, want) << "got:\n" << got.dump(2);
  }
  EXPECT_GE(cases, 3);
}

}  // namespace
}  // namespace wiredesk::extract
