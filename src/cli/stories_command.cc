// `wiredesk cluster`: file every stored article in a story again, oldest first, through the
// same StoryDesk that ingest uses. `wiredesk stories`: list the stories, largest and newest
// first.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/text.h"
#include "pipeline/story_desk.h"

namespace wiredesk::cli {

namespace {

struct StoriesOptions {
  std::string db;
  bool json = false;
  int limit = 20;
};

std::string TimeOrDash(const std::optional<Instant>& t) { return t ? FormatIso8601(*t) : "-"; }

int RunCluster(const std::string& db) {
  auto store = OpenDatabase(db);
  if (!store) return ReportError(store.error());
  pipeline::StoryDesk desk(**store);
  auto report = desk.Recompute();
  if (!report) return ReportError(report.error());
  auto page = (*store)->ListStories(1, 0);
  if (!page) return ReportError(page.error());
  std::cout << "filed " << report->filed << " articles in " << page->total << " stories ("
            << report->copies << " syndicated copies, " << report->merges << " merges, "
            << report->moves << " moved out of stories that split)\n";
  return 0;
}

int RunStories(const StoriesOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  auto page = (*store)->ListStories(o.limit, 0);
  if (!page) return ReportError(page.error());
  if (o.json) {
    nlohmann::json out = {{"total", page->total}, {"stories", nlohmann::json::array()}};
    for (const store::StorySummary& s : page->stories) {
      out["stories"].push_back({{"id", s.id},
                                {"headline", s.headline},
                                {"articles", s.article_count},
                                {"publishers", s.publisher_count},
                                {"first", TimeOrDash(s.first_published)},
                                {"last", TimeOrDash(s.last_published)}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }
  std::cout << "id\tarticles\tpublishers\tfirst\tlast\theadline\n";
  for (const store::StorySummary& s : page->stories) {
    std::cout << s.id << '\t' << s.article_count << '\t' << s.publisher_count << '\t'
              << TimeOrDash(s.first_published) << '\t' << TimeOrDash(s.last_published) << '\t'
              << CollapseWhitespace(s.headline) << '\n';
  }
  std::cout << page->stories.size() << " of " << page->total << " stories\n";
  return 0;
}

}  // namespace

void AddStoriesCommands(CLI::App& root, Action& action) {
  auto db = std::make_shared<std::string>();
  CLI::App* cluster = root.add_subcommand(
      "cluster", "Recompute the stories of the whole store (oldest article first)");
  cluster->add_option("--db", *db, "database file (or $WIREDESK_DB)");
  cluster->callback([db, &action] { action = [db] { return RunCluster(*db); }; });

  auto o = std::make_shared<StoriesOptions>();
  CLI::App* stories =
      root.add_subcommand("stories", "List the stories, largest and newest first");
  stories->add_option("--db", o->db, "database file (or $WIREDESK_DB)");
  stories->add_flag("--json", o->json, "print JSON");
  stories->add_option("--limit", o->limit, "how many (default 20, at most 200)")
      ->check(CLI::Range(1, store::kMaxPageSize));
  stories->callback([o, &action] { action = [o] { return RunStories(*o); }; });
}

}  // namespace wiredesk::cli
