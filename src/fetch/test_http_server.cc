#include "fetch/test_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wiredesk::fetch::testing {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

}  // namespace

std::string TestRequest::Header(std::string_view name) const {
  const std::string l = Lower(name);
  for (const auto& [k, v] : headers) {
    if (k == l) return v;
  }
  return {};
}

TestHttpServer::TestHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  const int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 64) != 0) {
    std::perror("TestHttpServer");
    std::abort();
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { Serve(); });
}

TestHttpServer::~TestHttpServer() {
  stop_ = true;
  acceptor_.join();
  for (std::thread& w : workers_) w.join();
  close(listen_fd_);
}

std::string TestHttpServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<TestRequest> TestHttpServer::requests() const {
  std::lock_guard lock(mu_);
  return log_;
}

void TestHttpServer::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 20) <= 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    workers_.emplace_back([this, fd] {
      HandleConnection(fd);
      close(fd);
    });
  }
}

void TestHttpServer::HandleConnection(int fd) {
  std::string raw;
  char buf[4096];
  while (raw.find("\r\n\r\n") == std::string::npos && raw.size() < 65536) {
    pollfd p{fd, POLLIN, 0};
    if (stop_) return;
    if (poll(&p, 1, 20) <= 0) continue;
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    raw.append(buf, static_cast<size_t>(n));
  }
  TestRequest req;
  size_t pos = raw.find("\r\n");
  const std::string_view line = std::string_view(raw).substr(0, pos);
  const size_t sp1 = line.find(' ');
  const size_t sp2 = line.find(' ', sp1 + 1);
  req.method = std::string(line.substr(0, sp1));
  req.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  while (pos != std::string::npos) {
    const size_t next = raw.find("\r\n", pos + 2);
    if (next == std::string::npos || next == pos + 2) break;
    const std::string_view h = std::string_view(raw).substr(pos + 2, next - pos - 2);
    const size_t colon = h.find(':');
    if (colon != std::string_view::npos) {
      req.headers.emplace_back(Lower(Trim(h.substr(0, colon))), std::string(Trim(h.substr(colon + 1))));
    }
    pos = next;
  }
  {
    std::lock_guard lock(mu_);
    log_.push_back(req);
  }
  ++requests_;
  const TestResponse res = handler_(req);
  if (res.mode == TestResponse::Mode::kStall) {
    while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return;
  }
  std::string head = "HTTP/1.1 " + std::to_string(res.status) + " " + Reason(res.status) + "\r\n";
  for (const auto& [k, v] : res.headers) head += k + ": " + v + "\r\n";
  head += "Connection: close\r\n";
  if (res.mode == TestResponse::Mode::kEndless) {
    head += "Content-Type: application/rss+xml\r\n\r\n<rss version=\"2.0\"><channel>";
    if (!SendAll(fd, head)) return;
    const std::string chunk(16384, ' ');
    while (!stop_ && SendAll(fd, chunk)) {
    }
    return;
  }
  head += "Content-Length: " + std::to_string(res.body.size()) + "\r\n\r\n";
  if (SendAll(fd, head) && req.method != "HEAD") SendAll(fd, res.body);
  shutdown(fd, SHUT_WR);
  // Let the client read to the end before the socket closes.
  pollfd p{fd, POLLIN, 0};
  poll(&p, 1, 200);
}

}  // namespace wiredesk::fetch::testing
