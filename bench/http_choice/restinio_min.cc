// Minimal one-thread keep-alive RESTinio server answering every request with the same body.
// Part of bench/http_choice.sh; not built by CMake.
#include <restinio/all.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss; ss << in.rdbuf();
  const std::string body = ss.str();
  restinio::run(restinio::on_this_thread()
                    .port(static_cast<std::uint16_t>(std::atoi(argv[2])))
                    .address("127.0.0.1")
                    .request_handler([&body](auto req) {
                      return req->create_response()
                          .append_header(restinio::http_field::content_type, "text/html; charset=utf-8")
                          .set_body(body)
                          .done();
                    }));
}
