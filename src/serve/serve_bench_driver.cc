// A stand-alone server over an in-memory store holding sample articles, for
// bench/serve_bench.sh before `wiredesk ingest` exists, and for trying the pages by hand:
//   serve_bench_driver [HOST:PORT [THREADS]]   (default 127.0.0.1:8080, 1; SIGINT/SIGTERM stop it)
#include <cstdio>
#include <cstdlib>

#include "serve/fake_store_test_util.h"
#include "serve/server.h"

int main(int argc, char** argv) {
  using namespace wiredesk;
  serve::testing::FakeStore store;
  for (int i = 0; i < 30; ++i) {
    Article a = serve::testing::SampleArticle();
    if (i > 0) a.title += " (" + std::to_string(i + 1) + ")";
    // Make the first article about the size of the reference page's (~30 KB of HTML).
    if (i == 0) {
      for (int p = 0; p < 130; ++p) {
        a.blocks.push_back({BlockKind::kParagraph,
                            "Syria's new rulers have made repeated efforts to show they pose no "
                            "threat to Israel, meeting representatives of the Jewish community in "
                            "Damascus and abroad, the sources said, paragraph " + std::to_string(p) + ".",
                            ""});
      }
    }
    store.Add(a);
  }
  SystemClock clock;
  serve::ServerOptions options;
  if (argc > 1) options.listen = argv[1];
  if (argc > 2) options.threads = std::atoi(argv[2]);
  auto server = serve::Server::Start(store, clock, options);
  if (!server) {
    std::fprintf(stderr, "serve_bench_driver: %s\n", server.error().ToString().c_str());
    return 1;
  }
  std::printf("listening on port %d\n", (*server)->port());
  std::fflush(stdout);
  (*server)->Run();
  return 0;
}
