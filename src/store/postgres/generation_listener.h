// LISTEN wiredesk_generation on a connection of its own, so a serving node learns of every
// other node's commit at once instead of asking the database every few hundred milliseconds.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "store/store.h"

namespace wiredesk::store::postgres {

class GenerationListener final : public GenerationWatch {
 public:
  // Starts the listening thread; it connects (and reconnects) by itself, so a database that
  // is down now is not an error.
  GenerationListener(std::string url, std::function<void(int64_t)> on_change);
  ~GenerationListener() override;  // stops the thread

  bool live() const override { return live_.load(); }

 private:
  void Run();
  // One connection's life: LISTEN, report the generation as it is now (what a reconnect may
  // have missed), then every NOTIFY until the connection drops or the listener stops.
  void ListenOnce();

  std::string url_;
  std::function<void(int64_t)> on_change_;
  std::atomic<bool> live_{false};
  std::atomic<bool> stop_{false};
  int wake_[2] = {-1, -1};  // a pipe: the destructor writes to end the thread's wait at once
  std::thread thread_;
};

}  // namespace wiredesk::store::postgres
