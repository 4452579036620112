// `wiredesk extract`: pages and captures to Article JSON, without touching a database.
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "core/article_json.h"
#include "pipeline/page_input.h"

namespace wiredesk::cli {

namespace {

struct ExtractOptions {
  std::string format = "auto";
  std::string url;
  std::string captured_at;
  std::vector<std::string> files;
};

int RunExtract(const ExtractOptions& o) {
  const auto format = pipeline::ParseInputFormat(o.format);
  pipeline::PageFacts overrides;
  overrides.url = o.url;
  if (!o.captured_at.empty()) overrides.captured = ParseIso8601(o.captured_at);
  const Instant now = SystemClock().Now();
  const bool lines = o.files.size() > 1;
  int failures = 0;
  for (const std::string& file : o.files) {
    auto article = pipeline::ExtractFile(file, *format, overrides, now);
    if (!article) {
      ReportError(article.error());
      ++failures;
      continue;
    }
    nlohmann::json j = ArticleToJson(*article);
    if (lines) {
      j["input"] = file;
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
      std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
  }
  std::cout.flush();
  return failures == 0 ? 0 : 1;
}

}  // namespace

void AddExtractCommand(CLI::App& root, Action& action) {
  auto opts = std::make_shared<ExtractOptions>();
  CLI::App* cmd = root.add_subcommand(
      "extract",
      "Print the article in each page (.html) or capture (.txt) as JSON; several inputs give "
      "JSON Lines with an \"input\" field. Touches no database.");
  cmd->add_option("--format", opts->format, "auto, html or text")
      ->check(CLI::IsMember({"auto", "html", "text"}))
      ->capture_default_str();
  cmd->add_option("--url", opts->url, "the page's address, for links and identity");
  cmd->add_option("--captured-at", opts->captured_at,
                  "when the page was captured (ISO 8601); resolves \"2 days ago\"")
      ->check(ValidateInstant, "ISO 8601 time");
  cmd->add_option("FILE", opts->files, "pages and captures")->required();
  cmd->callback([opts, &action] { action = [opts] { return RunExtract(*opts); }; });
}

}  // namespace wiredesk::cli
