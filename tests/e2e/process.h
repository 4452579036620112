// Running the wiredesk binary from tests: capture its output, or keep it running as a server.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace wiredesk::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv to completion (stdin from /dev/null) and captures stdout and stderr.
ProcessResult RunProcess(const std::vector<std::string>& argv);

// A child process whose first stdout line has been read; killed on destruction.
class RunningProcess {
 public:
  explicit RunningProcess(const std::vector<std::string>& argv);
  ~RunningProcess();
  RunningProcess(const RunningProcess&) = delete;
  RunningProcess& operator=(const RunningProcess&) = delete;

  const std::string& first_line() const { return first_line_; }
  bool alive() const;
  // SIGTERM, then waits; returns the exit status.
  int Stop();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string first_line_;
};

// A child process left to run (stdout and stderr to `log`), for tests that wait on it or kill
// it; killed (SIGKILL) on destruction if still running.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::string& log);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Whether it has exited (reaping it); Wait's status is then kept.
  bool Exited();
  // Waits for it; the exit code, or 128 + the signal that ended it.
  int Wait();
  void Kill(int signal);

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

struct HttpResponse {
  int status = 0;
  std::string headers;  // raw header block, lower-cased names
  std::string body;
  std::string Header(const std::string& name) const;
};

// One HTTP/1.1 request with "Connection: close" to 127.0.0.1:port.
HttpResponse HttpGet(int port, const std::string& target, const std::string& method = "GET");
// Sends raw bytes and returns whatever the server answers before closing.
std::string RawRequest(int port, const std::string& bytes);

}  // namespace wiredesk::testing
