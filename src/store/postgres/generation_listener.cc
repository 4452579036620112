#include "store/postgres/generation_listener.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "store/postgres/pg_db.h"
#include "store/postgres/postgres_store.h"

namespace wiredesk::store::postgres {

namespace {
// After a dropped connection: the first retry at once, then waits doubling to this.
constexpr std::chrono::milliseconds kMaxBackoff{5000};
}  // namespace

GenerationListener::GenerationListener(std::string url, std::function<void(int64_t)> on_change)
    : url_(std::move(url)), on_change_(std::move(on_change)) {
  if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
  thread_ = std::thread([this] { Run(); });
}

GenerationListener::~GenerationListener() {
  stop_ = true;
  if (wake_[1] >= 0) (void)!write(wake_[1], "x", 1);
  thread_.join();
  for (int fd : wake_) {
    if (fd >= 0) close(fd);
  }
}

void GenerationListener::Run() {
  std::chrono::milliseconds backoff{0};
  while (!stop_) {
    const auto began = std::chrono::steady_clock::now();
    ListenOnce();
    live_ = false;
    if (stop_) break;
    // A connection that lasted a while was healthy: start the backoff over.
    if (std::chrono::steady_clock::now() - began > kMaxBackoff) backoff = {};
    pollfd wake{wake_[0], POLLIN, 0};
    poll(&wake, wake_[0] >= 0 ? 1 : 0, static_cast<int>(backoff.count()));
    backoff = std::min(kMaxBackoff, std::max(std::chrono::milliseconds(100), backoff * 2));
  }
}

void GenerationListener::ListenOnce() {
  auto db = Connection::Open(url_);
  if (!db) return;
  // Named, so an operator looking at pg_stat_activity knows the idle connection for what it is.
  if (!(*db)->Exec("SET application_name = 'wiredesk listener'; LISTEN wiredesk_generation")) {
    return;
  }
  {
    auto now = (*db)->Query("SELECT value FROM meta WHERE key = 'generation'");
    if (!now || now->empty()) return;
    on_change_(now->Int64(0, 0));
  }
  live_ = true;
  const int socket = PQsocket((*db)->Handle());
  while (!stop_) {
    pollfd fds[2] = {{socket, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    // The timeout only bounds how long a silently dead network goes unnoticed: libpq hears
    // of a closed connection as readable socket, and a keepalive query finds the rest.
    const int ready = poll(fds, wake_[0] >= 0 ? 2 : 1, 30'000);
    if (stop_) return;
    if (ready == 0) {
      if (!(*db)->Exec("SELECT 1")) return;
      continue;
    }
    if (PQconsumeInput((*db)->Handle()) == 0 || PQstatus((*db)->Handle()) != CONNECTION_OK) {
      return;  // dropped: Run reconnects
    }
    int64_t newest = -1;
    for (const std::string& value : (*db)->TakeNotifications(kGenerationChannel)) {
      newest = std::max<int64_t>(newest, std::strtoll(value.c_str(), nullptr, 10));
    }
    if (newest >= 0) on_change_(newest);
  }
}

}  // namespace wiredesk::store::postgres
