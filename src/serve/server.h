// The HTTP/1.1 server: keep-alive, pipelining (responses in request order), HEAD, size limits,
// timeouts, clean shutdown. Boost.Beast does the parsing, inside server.cc only.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "serve/accounts/viewer.h"
#include "store/store.h"

namespace wiredesk::serve {

struct ServerOptions {
  // "HOST:PORT" or "[V6]:PORT"; HOST is an IP address or "localhost". Port 0 picks a free one.
  std::string listen = "127.0.0.1:8080";
  // Threads running the event loop. Rendering is serialised on the store either way; more
  // threads only help cached pages.
  int threads = 1;
  // Run() returns on SIGINT/SIGTERM after a clean shutdown. Tests turn it off.
  bool handle_signals = true;
  size_t max_header_bytes = 16 * 1024;  // beyond: 431
  size_t max_body_bytes = 64 * 1024;    // beyond: 413 (the site takes no bodies anyway)
  // A request must arrive complete within this, counted from the end of the previous response
  // (so it is also the keep-alive idle limit); a slow reader must take a response within it.
  std::chrono::milliseconds read_timeout{15'000};
  std::chrono::milliseconds write_timeout{30'000};
  // After Stop(), in-flight responses get this long before the loop is stopped hard.
  std::chrono::milliseconds shutdown_grace{2'000};
  size_t cache_max_bytes = 64 << 20;
  std::chrono::seconds cache_ttl{60};
  // Sign-up, cookies and rate limits; used only when the server is given a writable Store.
  AccountOptions accounts;
  // The site's public address for feeds (SiteOptions::base_url); empty: from Host.
  std::string base_url;
  // SiteOptions::generation_pushed: whether NoteGeneration is being called by a push now.
  std::function<bool()> generation_pushed;
};

class Server {
 public:
  // Binds and listens (so port() is known), but serves nothing until Run().
  // Errors: kInvalidArgument for a bad `listen`, kNetwork when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(store::StoreReader& store, const Clock& clock,
                                               ServerOptions options);
  // With a writable store readers can sign up, sign in and comment (options.accounts).
  static Result<std::unique_ptr<Server>> Start(store::Store& store, const Clock& clock,
                                               ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  // The bound address as HOST:PORT ("127.0.0.1:8080", "[::1]:8080"), the port resolved.
  std::string address() const;
  // Serves until Stop() (from any thread) or, with handle_signals, SIGINT/SIGTERM.
  void Run();
  // Stops accepting, lets in-flight responses finish, closes idle connections. Idempotent.
  void Stop();
  // The store's new generation, pushed (store::WatchGeneration); any thread.
  void NoteGeneration(int64_t generation);

  struct Impl;  // opaque; server.cc's connections use it

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  static Result<std::unique_ptr<Server>> StartWith(store::StoreReader& store, store::Store* writer,
                                                   const Clock& clock, ServerOptions options);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk::serve
