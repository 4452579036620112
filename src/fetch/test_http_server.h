// A tiny HTTP/1.1 server on a free loopback port, for tests of everything that fetches: each
// response is scripted by a handler, including ones that stall or never end.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace wiredesk::fetch::testing {

struct TestRequest {
  std::string method;
  std::string target;  // "/feed.xml?x=1"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased

  std::string Header(std::string_view name) const;
};

struct TestResponse {
  enum class Mode {
    kNormal,   // status, headers, body, Content-Length, close
    kStall,    // accept, read the request, then say nothing until the server stops
    kEndless,  // a 200 without a length that keeps sending until the client hangs up
  };
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Mode mode = Mode::kNormal;
};

class TestHttpServer {
 public:
  using Handler = std::function<TestResponse(const TestRequest&)>;

  // Binds 127.0.0.1 on a port the kernel picks and starts serving. Aborts if it cannot
  // (a test without its server has nothing to test).
  explicit TestHttpServer(Handler handler);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string Url(std::string_view path) const;
  int request_count() const { return requests_.load(); }
  std::vector<TestRequest> requests() const;

 private:
  void Serve();
  void HandleConnection(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  mutable std::mutex mu_;
  std::vector<TestRequest> log_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace wiredesk::fetch::testing
