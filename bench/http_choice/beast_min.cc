// Minimal one-thread keep-alive Boost.Beast server answering every request with the same body.
// Part of bench/http_choice.sh; not built by CMake.
#include <utility>  // Boost 1.74 asio/awaitable.hpp uses std::exchange without it (C++20)
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

static std::string g_body;

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket s) : socket_(std::move(s)) {}
  void Read() {
    req_ = {};
    http::async_read(socket_, buf_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;
      self->Write();
    });
  }
  void Write() {
    res_ = http::response<http::string_body>(http::status::ok, req_.version());
    res_.set(http::field::content_type, "text/html; charset=utf-8");
    res_.body() = g_body;
    res_.keep_alive(req_.keep_alive());
    res_.prepare_payload();
    http::async_write(socket_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;
      self->Read();
    });
  }
 private:
  tcp::socket socket_;
  beast::flat_buffer buf_;
  http::request<http::empty_body> req_;
  http::response<http::string_body> res_;
};

static void Accept(tcp::acceptor& a) {
  a.async_accept([&a](beast::error_code ec, tcp::socket s) {
    if (!ec) { s.set_option(tcp::no_delay(true)); std::make_shared<Session>(std::move(s))->Read(); }
    Accept(a);
  });
}

int main(int argc, char** argv) {
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss; ss << in.rdbuf(); g_body = ss.str();
  asio::io_context ioc{1};
  tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::atoi(argv[2]))});
  Accept(a);
  ioc.run();
}
