// `wiredesk count`: how many articles a database holds (what `make run` checks first).
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "store/store.h"

namespace wiredesk::cli {

void AddCountCommand(CLI::App& root, Action& action) {
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = root.add_subcommand("count", "Print the number of stored articles");
  cmd->add_option("--db", *db, "database file (or $WIREDESK_DB)");
  cmd->callback([db, &action] {
    action = [db] {
      auto store = OpenDatabase(*db);
      if (!store) return ReportError(store.error());
      auto n = (*store)->CountArticles();
      if (!n) return ReportError(n.error());
      std::cout << *n << '\n';
      return 0;
    };
  });
}

}  // namespace wiredesk::cli
