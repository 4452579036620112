// The only translation unit that sees Boost.Beast/Asio: everything else speaks serve's own
// Request/WireResponse, so Beast's compile cost is paid once.
#include "serve/server.h"

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange unincluded

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/text.h"
#include "serve/http_message.h"
#include "serve/site.h"

namespace wiredesk::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// RFC 9110 §5.6.7 IMF-fixdate, formatted once per second per thread.
const std::string& HttpDate() {
  thread_local std::time_t last = -1;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    last = now;
    text = FormatHttpDate(std::chrono::time_point_cast<std::chrono::seconds>(
        std::chrono::system_clock::from_time_t(now)));
  }
  return text;
}

int StatusForParseError(const beast::error_code& ec) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) return 431;
  if (ec == http::error::body_limit) return 413;
  return 400;
}

bool IsHttpError(const beast::error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::bad_target).category();
}

Result<tcp::endpoint> ParseListen(std::string_view listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "listen address must be HOST:PORT", std::string(listen));
  }
  std::string_view host = listen.substr(0, colon);
  const std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || p != port_text.data() + port_text.size() || port > 65535) {
    return Fail(ErrorCode::kInvalidArgument, "port must be a number from 0 to 65535", std::string(listen));
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  if (host.empty()) host = "0.0.0.0";
  beast::error_code aec;
  const asio::ip::address addr = asio::ip::make_address(std::string(host), aec);
  if (aec) {
    return Fail(ErrorCode::kInvalidArgument, "host must be an IP address or localhost", std::string(listen));
  }
  return tcp::endpoint(addr, static_cast<unsigned short>(port));
}

}  // namespace

class Connection;

struct Server::Impl {
  ServerOptions options;
  Site site;
  // Declared before the io_context: connections destroyed with it unregister here.
  std::mutex connections_mu;
  std::map<Connection*, std::weak_ptr<Connection>> connections;
  std::atomic<bool> stopping{false};
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::steady_timer accept_retry;
  asio::steady_timer grace;
  std::optional<asio::signal_set> signals;
  std::chrono::steady_clock::time_point stop_deadline;

  Impl(store::StoreReader& store, store::Store* writer, const Clock& clock, ServerOptions opts)
      : options(std::move(opts)),
        site(store, clock,
             SiteOptions{.cache_max_bytes = options.cache_max_bytes,
                         .cache_ttl = options.cache_ttl,
                         .generation_pushed = options.generation_pushed,
                         .writer = writer,
                         .accounts = options.accounts,
                         .base_url = options.base_url}),
        ioc(std::max(1, options.threads)),
        acceptor(ioc),
        accept_retry(ioc),
        grace(ioc) {}

  void DoAccept();
  void DoStop();
  void WaitForConnections();
  void Register(const std::shared_ptr<Connection>& c);
  void Unregister(Connection* c) {
    std::lock_guard lock(connections_mu);
    connections.erase(c);
  }
};

// One client connection: read a request, write its response, repeat. One operation is in
// flight at a time, so pipelined requests are answered in order; extra bytes a client sent
// ahead wait in buffer_ for the next read.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)),
        server_(server),
        buffer_(server.options.max_header_bytes + server.options.max_body_bytes + 4096) {}
  ~Connection() { server_.Unregister(this); }

  void Start() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::DoRead, shared_from_this()));
  }

  // Runs on the connection's strand: an idle connection closes now, a busy one after its write.
  void OnStop() {
    if (reading_) stream_.cancel();
  }

  auto executor() { return stream_.get_executor(); }

 private:
  void DoRead() {
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(server_.options.max_body_bytes);
    stream_.expires_after(server_.options.read_timeout);
    reading_ = true;
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Connection::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    reading_ = false;
    if (ec) {
      // A parse error earns a status; the end of the stream, a timeout (Beast has closed
      // the socket) or a cancel by Stop() just ends the connection.
      if (IsHttpError(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message) {
        return SendError(StatusForParseError(ec));
      }
      return Close();
    }
    auto& msg = parser_->get();
    if (msg.version() != 10 && msg.version() != 11) return SendError(505);
    // RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host field. The feeds build their
    // links from it, so two that disagree must not have one picked silently.
    if (msg.version() == 11 && msg.count(http::field::host) != 1) {
      return SendError(400, "an HTTP/1.1 request needs exactly one Host field");
    }
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.headers.reserve(8);
    for (const auto& field : msg) {
      req.headers.emplace_back(AsciiLower(field.name_string()), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    beast::error_code peer_ec;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(peer_ec);
    if (!peer_ec) req.peer = peer.address().to_string();
    head_only_ = msg.method() == http::verb::head;
    const bool keep_alive = msg.keep_alive() && !server_.stopping;
    std::shared_ptr<const WireResponse> response = server_.site.Respond(req);
    Write(std::move(response), keep_alive, msg.version());
  }

  void SendError(int status, std::string_view why = {}) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::string(StatusReason(status)) + (why.empty() ? "" : ": " + std::string(why)) + "\n";
    r.headers.emplace_back("Cache-Control", "no-store");
    head_only_ = false;
    Write(std::make_shared<WireResponse>(Serialize(r)), false, 11);
  }

  void Write(std::shared_ptr<const WireResponse> response, bool keep_alive, unsigned version) {
    response_ = std::move(response);
    keep_alive_ = keep_alive;
    fields_.clear();
    fields_ += "Date: ";
    fields_ += HttpDate();
    fields_ += "\r\n";
    if (!keep_alive) {
      fields_ += "Connection: close\r\n";
    } else if (version == 10) {
      fields_ += "Connection: keep-alive\r\n";  // RFC 9112 §9.3: 1.0 persistence is opt-in
    }
    fields_ += "\r\n";
    const std::string_view head = response_->Head();
    const std::string_view body = head_only_ ? std::string_view() : response_->Body();
    const std::array<asio::const_buffer, 3> buffers{asio::buffer(head.data(), head.size()),
                                                    asio::buffer(fields_),
                                                    asio::buffer(body.data(), body.size())};
    stream_.expires_after(server_.options.write_timeout);
    asio::async_write(stream_, buffers, beast::bind_front_handler(&Connection::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t) {
    response_.reset();
    if (ec) return Close();
    if (!keep_alive_ || server_.stopping) return Close();
    DoRead();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<const WireResponse> response_;
  std::string fields_;
  bool reading_ = false;
  bool head_only_ = false;
  bool keep_alive_ = true;
};

void Server::Impl::Register(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(connections_mu);
  connections.emplace(c.get(), c);
}

void Server::Impl::DoAccept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      // Out of descriptors and the like: back off briefly rather than spin.
      std::fprintf(stderr, "wiredesk serve: accept: %s\n", ec.message().c_str());
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code e) {
        if (!e) DoAccept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto c = std::make_shared<Connection>(std::move(socket), *this);
    Register(c);
    c->Start();
    DoAccept();
  });
}

void Server::Impl::DoStop() {
  if (stopping.exchange(true)) return;
  beast::error_code ignored;
  acceptor.close(ignored);
  accept_retry.cancel();
  if (signals) signals->cancel();
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(connections_mu);
    for (auto& [ptr, weak] : connections) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) asio::post(c->executor(), [c] { c->OnStop(); });
  stop_deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  WaitForConnections();
}

// Polls until every connection is gone (Run() then returns as the loop runs dry) or the
// grace period is over (then the loop is stopped with whatever is left).
void Server::Impl::WaitForConnections() {
  {
    std::lock_guard lock(connections_mu);
    if (connections.empty()) return;
  }
  if (std::chrono::steady_clock::now() >= stop_deadline) {
    ioc.stop();
    return;
  }
  grace.expires_after(std::chrono::milliseconds(20));
  grace.async_wait([this](beast::error_code ec) {
    if (!ec) WaitForConnections();
  });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  if (impl_) impl_->ioc.stop();
}

Result<std::unique_ptr<Server>> Server::Start(store::StoreReader& store, const Clock& clock,
                                              ServerOptions options) {
  return StartWith(store, nullptr, clock, std::move(options));
}

Result<std::unique_ptr<Server>> Server::Start(store::Store& store, const Clock& clock,
                                              ServerOptions options) {
  return StartWith(store, &store, clock, std::move(options));
}

Result<std::unique_ptr<Server>> Server::StartWith(store::StoreReader& store, store::Store* writer,
                                                  const Clock& clock, ServerOptions options) {
  auto endpoint = ParseListen(options.listen);
  if (!endpoint) return Fail(endpoint.error());
  if (options.threads < 1 || options.threads > 256) {
    return Fail(ErrorCode::kInvalidArgument, "threads must be from 1 to 256");
  }
  auto impl = std::make_unique<Impl>(store, writer, clock, std::move(options));
  beast::error_code ec;
  tcp::acceptor& a = impl->acceptor;
  a.open(endpoint->protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(*endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(ErrorCode::kNetwork, "cannot listen: " + ec.message(), impl->options.listen);
  }
  if (impl->options.handle_signals) impl->signals.emplace(impl->ioc, SIGINT, SIGTERM);
  impl->DoAccept();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const {
  beast::error_code ec;
  const tcp::endpoint ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

std::string Server::address() const {
  beast::error_code ec;
  const tcp::endpoint ep = impl_->acceptor.local_endpoint(ec);
  if (ec) return impl_->options.listen;
  const std::string host = ep.address().to_string();
  return (ep.address().is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(ep.port());
}

void Server::Run() {
  Impl& s = *impl_;
  if (s.signals) {
    s.signals->async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.DoStop();
    });
  }
  std::vector<std::thread> extra;
  for (int i = 1; i < s.options.threads; ++i) extra.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (std::thread& t : extra) t.join();
}

void Server::Stop() {
  Impl& s = *impl_;
  asio::post(s.ioc, [&s] { s.DoStop(); });
}

void Server::NoteGeneration(int64_t generation) { impl_->site.NoteGeneration(generation); }

}  // namespace wiredesk::serve
