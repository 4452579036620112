// `wiredesk serve`: the reading site and JSON API over a store.
#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/cli.h"
#include "cli/refresh_flags.h"
#include "pipeline/refresh.h"
#include "serve/feeds_out/feed_routes.h"
#include "serve/server.h"
#include "store/store.h"

namespace wiredesk::cli {

namespace {

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  int threads = 1;
  bool no_refresh = false;
  RefreshFlags refresh;
  bool no_signup = false;
  bool secure_cookies = false;
  std::string base_url;
};

// The subscription scheduler on its own thread and its own store connection, so a slow feed
// never holds a request; stopped and joined when the server stops.
class BackgroundRefresh {
 public:
  // Opens the fetcher and the store connection (so a bad --allow-network fails before the
  // server says it is up); Begin() starts the thread.
  static Result<std::unique_ptr<BackgroundRefresh>> Open(const ServeOptions& o) {
    auto fetcher = MakeFetcher(o.refresh);
    if (!fetcher) return Unexpected(fetcher.error());
    auto store = OpenDatabase(o.db);
    if (!store) return Unexpected(store.error());
    auto self = std::unique_ptr<BackgroundRefresh>(new BackgroundRefresh);
    self->fetcher_ = std::move(*fetcher);
    self->store_ = std::move(*store);
    self->options_ = MakeRefreshOptions(o.refresh);
    return self;
  }
  void Begin(const Clock& clock) {
    thread_ = std::thread([this, &clock] {
      pipeline::RunRefreshLoop(*store_, *fetcher_, clock, options_, stop_,
                               [](const pipeline::RefreshReport& r) {
                                 if (!r.feeds.empty()) PrintRefreshReport(r);
                               });
    });
  }
  ~BackgroundRefresh() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  BackgroundRefresh() = default;
  std::unique_ptr<fetch::CurlFetcher> fetcher_;
  std::unique_ptr<store::Store> store_;
  pipeline::RefreshOptions options_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

int RunServe(const ServeOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  SystemClock clock;
  serve::ServerOptions options;
  options.listen = o.listen;
  options.threads = o.threads;
  options.accounts.signup_open = !o.no_signup;
  options.accounts.secure_cookies = o.secure_cookies;
  if (!o.base_url.empty()) {
    auto base = serve::feeds_out::NormaliseBaseUrl(o.base_url);
    if (!base) return ReportError(base.error());
    options.base_url = std::move(*base);
  }
  // PostgreSQL tells this node of every other node's write (LISTEN/NOTIFY) the moment it
  // commits; the page cache then polls only as a safety net. SQLite is polled as before.
  std::atomic<serve::Server*> announce_to{nullptr};
  auto watch = store::WatchGeneration(DatabaseSpec(o.db), [&announce_to](int64_t generation) {
    if (serve::Server* s = announce_to.load()) s->NoteGeneration(generation);
  });
  if (watch) options.generation_pushed = [w = watch->get()] { return w->live(); };
  auto server = serve::Server::Start(**store, clock, options);
  if (!server) return ReportError(server.error());
  announce_to = server->get();
  std::unique_ptr<BackgroundRefresh> refresh;
  if (!o.no_refresh) {
    auto opened = BackgroundRefresh::Open(o);
    if (!opened) return ReportError(opened.error());
    refresh = std::move(*opened);
  }
  // The first line says where the site is (scripts and tests read it); refresh reports follow.
  std::cout << "wiredesk: serving " << DatabaseSpec(o.db) << " at http://" << (*server)->address() << "/"
            << std::endl;
  if (refresh) refresh->Begin(clock);
  (*server)->Run();
  announce_to = nullptr;
  if (watch) watch->reset();  // its thread stops before the server goes
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
  cmd->add_flag("--no-refresh", opts->no_refresh,
                "do not refresh subscriptions here (another node or `wiredesk refresh` does)");
  AddRefreshFlags(*cmd, opts->refresh);
  cmd->add_flag("--no-signup", opts->no_signup,
                "readers cannot make accounts (wiredesk users add still can)");
  cmd->add_flag("--secure-cookies", opts->secure_cookies,
                "mark cookies Secure: the site is reached over https (behind a TLS proxy)");
  cmd->add_option("--base-url", opts->base_url,
                  "the site's public address for the feeds' links, like https://news.example.org "
                  "(default: each request's Host, and feeds are then not cached)");
  cmd->callback([opts, &action] { action = [opts] { return RunServe(*opts); }; });
}

}  // namespace wiredesk::cli
