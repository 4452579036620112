#include "pipeline/page_input.h"

#include <gtest/gtest.h>

#include <fstream>

namespace wiredesk::pipeline {
namespace {

namespace fs = std::filesystem;

class PageInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wd_page_input_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return dir_ / name;
  }
  fs::path dir_;
};

const Instant kNow = *ParseIso8601("2025-06-27T12:00:00Z");

TEST_F(PageInputTest, DetectsFormatByExtensionThenContent) {
  EXPECT_EQ(DetectFormat("a.html", "plain"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("a.txt", "<p>x"), InputFormat::kText);
  EXPECT_EQ(DetectFormat("a", "\xEF\xBB\xBF  <!doctype html>"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("a", "Headline\nDek"), InputFormat::kText);
  EXPECT_FALSE(ParseInputFormat("pdf"));
}

TEST_F(PageInputTest, SidecarFactsWinOverThePage) {
  const auto path = Write("story.txt",
                          "A headline about the harbour\n"
                          "The harbour reopened on Tuesday after the storm, officials said.\n"
                          "Ships queued outside the breakwater for most of the morning.\n");
  Write("story.meta.json",
        R"({"url": "https://news.example.org/harbour", "source": {"name": "Example News",
            "url": "https://news.example.org/"}, "published": "2025-06-25T08:00:00Z",
            "captured": "2025-06-26T12:00:00Z", "rights": "CC BY 2.5"})");
  auto a = ExtractFile(path, InputFormat::kAuto, {}, kNow);
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->title, "A headline about the harbour");
  EXPECT_EQ(a->url, "https://news.example.org/harbour");
  EXPECT_EQ(a->source.name, "Example News");
  EXPECT_EQ(FormatIso8601(*a->published), "2025-06-25T08:00:00Z");
  EXPECT_EQ(FormatIso8601(a->captured), "2025-06-26T12:00:00Z");
  EXPECT_EQ(a->rights, "CC BY 2.5");
  EXPECT_EQ(a->language, "en");

  PageFacts overrides;
  overrides.url = "https://other.example.com/x";
  auto b = ExtractFile(path, InputFormat::kText, overrides, kNow);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->url, "https://other.example.com/x");
}

TEST_F(PageInputTest, SourceFallsBackToTheHost) {
  const auto path = Write("p.txt", "Headline here\nSome text of the article that is long enough.\n");
  PageFacts overrides;
  overrides.url = "https://www.example.com/news/1";
  auto a = ExtractFile(path, InputFormat::kAuto, overrides, kNow);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->source.name, "example.com");
  EXPECT_EQ(a->source.url, "https://www.example.com/");
  EXPECT_EQ(a->captured, kNow);
}

TEST_F(PageInputTest, BadInputsGiveOneLineErrors) {
  auto missing = ExtractFile(dir_ / "nope.html", InputFormat::kAuto, {}, kNow);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  const auto big = dir_ / "big.html";
  {
    std::ofstream out(big, std::ios::binary);
    const std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 50; ++i) out << chunk;
  }
  auto too_big = ExtractFile(big, InputFormat::kAuto, {}, kNow);
  ASSERT_FALSE(too_big);
  EXPECT_NE(too_big.error().message.find("limit"), std::string::npos);
  EXPECT_EQ(too_big.error().ToString().find('\n'), std::string::npos);

  const auto path = Write("x.txt", "Headline\nBody text.\n");
  Write("x.meta.json", "{not json");
  auto bad_sidecar = ExtractFile(path, InputFormat::kAuto, {}, kNow);
  ASSERT_FALSE(bad_sidecar);
  EXPECT_EQ(bad_sidecar.error().code, ErrorCode::kParse);
  EXPECT_NE(bad_sidecar.error().message.find("not valid JSON"), std::string::npos);
  // A field of the wrong type is named, not dropped (which left "no URL" as the error).
  Write("x.meta.json", R"({"url": 5})");
  auto wrong_type = ExtractFile(path, InputFormat::kAuto, {}, kNow);
  ASSERT_FALSE(wrong_type);
  EXPECT_NE(wrong_type.error().message.find("\"url\" must be a string"), std::string::npos);
  Write("x.meta.json", R"({"url": "https://ex.com/x", "source": "Ex"})");
  auto wrong_source = ExtractFile(path, InputFormat::kAuto, {}, kNow);
  ASSERT_FALSE(wrong_source);
  EXPECT_NE(wrong_source.error().message.find("\"source\" must be an object"), std::string::npos);

  auto empty = ExtractFile(Write("empty.txt", "  \n\n"), InputFormat::kAuto, {}, kNow);
  EXPECT_FALSE(empty);

  PageFacts hostile;
  hostile.url = "javascript:alert(1)";
  auto js = ExtractFile(Write("y.txt", "Headline\nBody text.\n"), InputFormat::kAuto, hostile, kNow);
  ASSERT_FALSE(js);
  EXPECT_EQ(js.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace wiredesk::pipeline
