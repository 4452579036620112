#include "serve/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <thread>

#include "core/text.h"
#include "serve/fake_store_test_util.h"

namespace wiredesk::serve {
namespace {

using namespace std::chrono_literals;
using testing::At;
using testing::FakeStore;
using testing::SampleArticle;

// A blocking loopback client that reads whole HTTP/1.1 responses (Content-Length framed).
class Client {
 public:
  explicit Client(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }

  void Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      data.remove_prefix(static_cast<size_t>(n));
    }
  }

  struct Reply {
    int status = 0;
    std::string head;
    std::string body;
  };
  // One response; status 0 when the connection closed first.
  Reply Read(bool head_request = false) {
    Reply r;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return r;
    }
    r.head = buf_.substr(0, end + 4);
    buf_.erase(0, end + 4);
    r.status = std::atoi(r.head.c_str() + 9);
    size_t length = 0;
    const std::string lower = AsciiLower(r.head);
    if (const size_t at = lower.find("content-length: "); at != std::string::npos) {
      length = std::strtoul(r.head.c_str() + at + 16, nullptr, 10);
    }
    if (head_request || r.status == 304) length = 0;
    while (buf_.size() < length) {
      if (!Fill()) return r;
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }
  // True when the server closed the connection (and sent nothing more).
  bool Closed() {
    char c;
    return buf_.empty() && ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool Fill() {
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }
  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.Add(SampleArticle());
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.handle_signals = false;
    options.max_header_bytes = 4096;
    options.read_timeout = 2s;
    auto server = Server::Start(store_, clock_, options);
    ASSERT_TRUE(server.has_value()) << server.error().ToString();
    server_ = std::move(*server);
    ASSERT_GT(server_->port(), 0);
    ASSERT_EQ(server_->address(), "127.0.0.1:" + std::to_string(server_->port()));
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  FakeStore store_;
  FakeClock clock_{At(2025, 6, 27, 12)};
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Client c(server_->port());
  ASSERT_TRUE(c.connected());
  c.Send("GET /articles/1 HTTP/1.1\r\nHost: x\r\n\r\n");
  const Client::Reply a = c.Read();
  EXPECT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("Syria and Israel"), std::string::npos);
  EXPECT_NE(a.head.find("Date: "), std::string::npos);
  EXPECT_NE(a.head.find("X-Frame-Options: DENY"), std::string::npos);
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const Client::Reply b = c.Read();
  EXPECT_EQ(b.status, 200);
  EXPECT_EQ(b.body, R"({"articles":1,"status":"ok"})");
}

TEST_F(ServerTest, PipelinedRequestsAnswerInOrder) {
  Client c(server_->port());
  c.Send("GET /api/v1/articles/1 HTTP/1.1\r\nHost: x\r\n\r\n"
         "HEAD /articles/1 HTTP/1.1\r\nHost: x\r\n\r\n"
         "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
         "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const Client::Reply one = c.Read();
  EXPECT_EQ(one.status, 200);
  EXPECT_NE(one.head.find("application/json"), std::string::npos);
  const Client::Reply two = c.Read(/*head_request=*/true);
  EXPECT_EQ(two.status, 200);
  EXPECT_NE(two.head.find("Content-Length: "), std::string::npos);
  const Client::Reply three = c.Read();
  EXPECT_EQ(three.status, 404);
  const Client::Reply four = c.Read();
  EXPECT_EQ(four.status, 200);
  EXPECT_NE(four.head.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(c.Closed());
}

TEST_F(ServerTest, HeadSendsNoBody) {
  Client c(server_->port());
  c.Send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const Client::Reply head = c.Read(true);
  EXPECT_EQ(head.status, 200);
  // If HEAD had leaked a body, this read would see HTML instead of a status line.
  EXPECT_EQ(c.Read().status, 200);
}

TEST_F(ServerTest, ConditionalGetGives304) {
  Client c(server_->port());
  c.Send("GET /articles/1 HTTP/1.1\r\nHost: x\r\n\r\n");
  const Client::Reply a = c.Read();
  const size_t at = a.head.find("ETag: ");
  ASSERT_NE(at, std::string::npos);
  const std::string etag = a.head.substr(at + 6, a.head.find("\r\n", at) - at - 6);
  c.Send("GET /articles/1 HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n");
  const Client::Reply b = c.Read();
  EXPECT_EQ(b.status, 304);
  EXPECT_TRUE(b.body.empty());
}

TEST_F(ServerTest, MalformedRequestGets400AndClose) {
  Client c(server_->port());
  c.Send("THIS IS NOT HTTP\r\n\r\n");
  const Client::Reply r = c.Read();
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.head.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(c.Closed());
}

TEST_F(ServerTest, Http11NeedsExactlyOneHost) {
  for (const char* in : {"GET /healthz HTTP/1.1\r\n\r\n",
                         "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"}) {
    Client c(server_->port());
    c.Send(in);
    const Client::Reply r = c.Read();
    EXPECT_EQ(r.status, 400) << in;
    EXPECT_NE(r.body.find("exactly one Host field"), std::string::npos) << r.body;
    EXPECT_TRUE(c.Closed());
  }
  Client old(server_->port());  // HTTP/1.0 has no Host requirement
  old.Send("GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_EQ(old.Read().status, 200);
}

TEST_F(ServerTest, GarbageBytesNeverCrashTheServer) {
  const std::vector<std::string> inputs = {
      std::string("\0\0\0\0\r\n\r\n", 8), "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
      "GET / HTTP/1.1\r\nHost x\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
      "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", "GET /\xff\xfe HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nX: " + std::string(8000, 'a') + "\r\n\r\n"};
  for (const std::string& in : inputs) {
    Client c(server_->port());
    c.Send(in);
    const Client::Reply r = c.Read();
    EXPECT_TRUE(r.status == 0 || (r.status >= 400 && r.status < 600)) << r.status;
  }
  Client big(server_->port());
  big.Send("GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(8000, 'a') + "\r\n\r\n");
  EXPECT_EQ(big.Read().status, 431);
  Client body(server_->port());
  body.Send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
  EXPECT_EQ(body.Read().status, 413);
  Client post(server_->port());
  post.Send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
  const Client::Reply method = post.Read();
  EXPECT_EQ(method.status, 405);
  EXPECT_NE(method.head.find("Allow: GET, HEAD"), std::string::npos);
  // Still serving.
  Client after(server_->port());
  after.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(after.Read().status, 200);
}

TEST_F(ServerTest, IdleConnectionsTimeOut) {
  Client c(server_->port());
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Read().status, 200);
  // read_timeout is 2 s in this fixture; the client waits up to 5 s.
  EXPECT_TRUE(c.Closed());
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndRunReturns) {
  Client c(server_->port());
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Read().status, 200);
  const auto start = std::chrono::steady_clock::now();
  server_->Stop();
  thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  EXPECT_TRUE(c.Closed());
  server_.reset();
}

TEST(ServerStartTest, RejectsBadListenAddresses) {
  FakeStore store;
  FakeClock clock{At(2025, 1, 1)};
  for (const char* bad : {"nonsense", "127.0.0.1:99999", "127.0.0.1:", "example.com:80", "1.2.3:80"}) {
    ServerOptions o;
    o.listen = bad;
    o.handle_signals = false;
    auto s = Server::Start(store, clock, o);
    ASSERT_FALSE(s.has_value()) << bad;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << bad;
  }
  ServerOptions first;
  first.listen = "127.0.0.1:0";
  first.handle_signals = false;
  auto a = Server::Start(store, clock, first);
  ASSERT_TRUE(a.has_value());
  ServerOptions same = first;
  same.listen = "127.0.0.1:" + std::to_string((*a)->port());
  auto b = Server::Start(store, clock, same);
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().code, ErrorCode::kNetwork);
}

}  // namespace
}  // namespace wiredesk::serve
