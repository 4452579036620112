// `wiredesk serve`: the reading site and JSON API over a store.
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "serve/server.h"
#include "store/store.h"

namespace wiredesk::cli {

namespace {

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  int threads = 1;
};

int RunServe(const ServeOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  SystemClock clock;
  serve::ServerOptions options;
  options.listen = o.listen;
  options.threads = o.threads;
  auto server = serve::Server::Start(**store, clock, options);
  if (!server) return ReportError(server.error());
  std::cout << "wiredesk: serving " << DatabaseSpec(o.db) << " at http://" << (*server)->address() << "/"
            << std::endl;
  (*server)->Run();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& root, Action& action) {
  auto opts = std::make_shared<ServeOptions>();
  CLI::App* cmd = root.add_subcommand("serve", "Serve the reading site and the JSON API");
  cmd->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  cmd->add_option("--listen", opts->listen, "HOST:PORT to listen on")->capture_default_str();
  cmd->add_option("--threads", opts->threads, "request threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->callback([opts, &action] { action = [opts] { return RunServe(*opts); }; });
}

}  // namespace wiredesk::cli
