// `wiredesk search`: full-text search of the store from the shell.
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "core/article_json.h"
#include "store/store.h"

namespace wiredesk::cli {

namespace {

struct SearchOptions {
  std::string db;
  bool json = false;
  int limit = 20;
  int offset = 0;
  std::vector<std::string> words;
};

std::string PlainSnippet(const std::string& snippet, const char* open, const char* close) {
  std::string out;
  for (char c : snippet) {
    if (c == store::kMarkOpen) out += open;
    else if (c == store::kMarkClose) out += close;
    else out += c;
  }
  return out;
}

int RunSearch(const SearchOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  store::SearchQuery q;
  for (const auto& w : o.words) q.text += (q.text.empty() ? "" : " ") + w;
  q.limit = o.limit;
  q.offset = o.offset;
  auto results = (*store)->Search(q);
  if (!results) return ReportError(results.error());
  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& hit : results->hits) {
      const auto& a = hit.article;
      arr.push_back({{"id", a.id},
                     {"url", a.url},
                     {"title", a.title},
                     {"dek", a.dek},
                     {"source", {{"name", a.source.name}, {"url", a.source.url}}},
                     {"published", OptionalInstantToJson(a.published)},
                     {"snippet", PlainSnippet(hit.snippet, "", "")},
                     {"score", hit.score}});
    }
    nlohmann::json out = {{"total", results->total}, {"articles", arr}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }
  std::cout << results->total << (results->total == 1 ? " article" : " articles") << '\n';
  for (const auto& hit : results->hits) {
    const auto& a = hit.article;
    std::cout << '\n' << a.id << "  " << a.title << "\n    " << a.source.name;
    if (a.published) std::cout << ", " << FormatDate(*a.published);
    std::cout << "\n    " << PlainSnippet(hit.snippet, "[", "]") << '\n';
  }
  return 0;
}

}  // namespace

void AddSearchCommand(CLI::App& root, Action& action) {
  auto opts = std::make_shared<SearchOptions>();
  CLI::App* cmd = root.add_subcommand("search", "Full-text search of stored articles");
  cmd->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  cmd->add_flag("--json", opts->json, "print {\"total\": N, \"articles\": [...]}");
  cmd->add_option("--limit", opts->limit, "results per page")->check(CLI::Range(1, 1000));
  cmd->add_option("--offset", opts->offset, "results to skip")->check(CLI::Range(0, 1000000));
  cmd->add_option("QUERY", opts->words, "words to find")->required();
  cmd->callback([opts, &action] { action = [opts] { return RunSearch(*opts); }; });
}

}  // namespace wiredesk::cli
