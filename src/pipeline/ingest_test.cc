#include "pipeline/ingest.h"

#include <gtest/gtest.h>

#include <fstream>

namespace wiredesk::pipeline {
namespace {

namespace fs = std::filesystem;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wd_ingest_" + std::string(
                               ::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in" / "nested");
    auto store = store::OpenStore((dir_ / "test.db").string());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / "in" / name, std::ios::binary) << bytes;
  }
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  FakeClock clock_{*ParseIso8601("2025-06-27T12:00:00Z")};
};

TEST_F(IngestTest, IngestingTwiceNeverDuplicates) {
  Write("a.txt", "Harbour reopens after storm\nThe harbour reopened on Tuesday.\nShips queued.\n");
  Write("a.meta.json", R"({"url": "https://example.org/harbour"})");
  Write("nested/b.txt", "Council approves budget\nThe council approved the budget.\nIt passed 7-2.\n");
  Write("nested/b.meta.json", R"({"url": "https://example.org/budget"})");
  Write("notes.md", "not an input");

  auto first = IngestPaths(*store_, {dir_ / "in"}, {}, clock_);
  EXPECT_EQ(first.added, 2);
  EXPECT_EQ(first.updated, 0);
  EXPECT_TRUE(first.skipped.empty());

  const auto id = store_->FindArticleIdByUrl("https://example.org/harbour");
  ASSERT_TRUE(id && *id);
  EXPECT_FALSE(store_->TagsOf(**id)->empty()) << "hashtags are computed at ingest";

  auto second = IngestPaths(*store_, {dir_ / "in"}, {}, clock_);
  EXPECT_EQ(second.added, 0);
  ASSERT_EQ(second.skipped.size(), 2u);
  EXPECT_NE(second.skipped[0].reason.find("unchanged"), std::string::npos);

  Write("a.txt", "Harbour reopens after storm\nThe harbour reopened on Tuesday.\nShips queued "
                 "outside the breakwater.\n");
  auto third = IngestPaths(*store_, {dir_ / "in"}, {}, clock_);
  EXPECT_EQ(third.updated, 1);
  EXPECT_EQ(*store_->CountArticles(), 2);
}

TEST_F(IngestTest, ABadFileIsSkippedAndTheBatchGoesOn) {
  Write("good.txt", "Council approves budget\nThe council approved the budget.\n");
  Write("good.meta.json", R"({"url": "https://example.org/budget"})");
  Write("junk.html", std::string("\x00\x01\x02\xFF\xFE", 5));
  Write("empty.txt", "");
  auto report = IngestPaths(*store_, {dir_ / "in", dir_ / "missing"}, {}, clock_);
  EXPECT_EQ(report.added, 1);
  ASSERT_EQ(report.skipped.size(), 3u);
  for (const auto& s : report.skipped) EXPECT_FALSE(s.reason.empty()) << s.path;
  EXPECT_EQ(*store_->CountArticles(), 1);
}

}  // namespace
}  // namespace wiredesk::pipeline
