// The tests' PostgreSQL server (see test_cluster.h).
#include "store/postgres/test_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>

#include "store/postgres/pg_db.h"

namespace wiredesk::store::postgres {

namespace {

namespace fs = std::filesystem;

std::unique_ptr<TestCluster> g_cluster;
std::string g_why;
bool g_tried = false;
bool g_broken = false;

std::string FindBinaries() {
  if (const char* env = std::getenv("WIREDESK_PG_BIN"); env != nullptr && *env != '\0') {
    return fs::exists(fs::path(env) / "initdb") ? env : "";
  }
  std::error_code ec;
  fs::path best;
  int best_version = 0;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && fs::exists(entry.path() / "bin" / "initdb", ec) &&
        fs::exists(entry.path() / "bin" / "pg_ctl", ec)) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (!best.empty()) return best.string();
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest = path;
    while (!rest.empty()) {
      const size_t colon = std::min(rest.find(':'), rest.size());
      const fs::path dir(rest.substr(0, colon));
      if (fs::exists(dir / "initdb", ec) && fs::exists(dir / "pg_ctl", ec)) return dir.string();
      rest.remove_prefix(std::min(colon + 1, rest.size()));
    }
  }
  return "";
}

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

int Run(const std::string& command) {
  const int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TestCluster* TestCluster::Get(std::string* why) {
  if (!g_tried) {
    g_tried = true;
    auto started = Start();
    if (started) {
      g_cluster.reset(*started);
    } else {
      g_why = started.error().ToString();
    }
  }
  if (why != nullptr) *why = g_why;
  return g_cluster.get();
}

bool TestCluster::Broken() { return g_broken; }

Result<TestCluster*> TestCluster::Start() {
  const std::string bin = FindBinaries();
  if (bin.empty()) {
    return Fail(ErrorCode::kUnsupported,
                "no PostgreSQL server binaries (initdb, pg_ctl); install postgresql or set "
                "WIREDESK_PG_BIN");
  }
  g_broken = true;  // until it runs
  auto cluster = std::unique_ptr<TestCluster>(new TestCluster());
  cluster->bin_ = bin;
  std::string tmpl = (fs::temp_directory_path() / "wd_pg_test.XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    return Fail(ErrorCode::kStorage, "cannot make a temporary directory", tmpl);
  }
  cluster->dir_ = tmpl;
  if (geteuid() == 0) {
    // initdb refuses to run as root: hand the directory to an unprivileged user.
    const char* user = getpwnam("postgres") != nullptr ? "postgres" : "nobody";
    const passwd* pw = getpwnam(user);
    if (pw == nullptr || chown(tmpl.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      return Fail(ErrorCode::kStorage, std::string("cannot give the test cluster to ") + user,
                  tmpl);
    }
    cluster->run_as_ = std::string("runuser -u ") + user + " -- ";
  }
  const std::string data = cluster->dir_ + "/data";
  // Two logs: the shell (root) writes initdb's, the server (its user) its own.
  const std::string initdb_log = cluster->dir_ + "/initdb.log";
  const std::string log = cluster->dir_ + "/server.log";
  // Collation C (byte order, as SQLite compares); character classes from a UTF-8 LC_CTYPE,
  // which text search needs (Migrate refuses a C one).
  if (Run(cluster->run_as_ + bin + "/initdb -D " + data +
          " -A trust -U wiredesk -E UTF8 --locale=C --lc-ctype=C.UTF-8 --no-sync >" +
          initdb_log + " 2>&1") != 0) {
    return Fail(ErrorCode::kStorage, "initdb failed (see " + initdb_log + ")", data);
  }
  // The watchdog: stops the server and removes the directory when this process ends, however
  // it ends (its end of the pipe closes then).
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return Fail(ErrorCode::kStorage, "pipe failed");
  const std::string cleanup = cluster->run_as_ + bin + "/pg_ctl -D " + data +
                              " -m immediate stop >/dev/null 2>&1; rm -rf " + cluster->dir_;
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[1]);
    char byte;
    while (read(fds[0], &byte, 1) > 0) {
    }
    execl("/bin/sh", "sh", "-c", cleanup.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[0]);
  cluster->watchdog_fd_ = fds[1];
  cluster->watchdog_pid_ = pid;

  for (int attempt = 0; attempt < 3; ++attempt) {
    const int port = FreePort();
    // Speed over durability: the data is thrown away.
    const std::string options = "-p " + std::to_string(port) + " -k " + cluster->dir_ +
                                " -c listen_addresses=127.0.0.1 -c fsync=off "
                                "-c synchronous_commit=off -c full_page_writes=off "
                                "-c max_connections=200";
    if (Run(cluster->run_as_ + bin + "/pg_ctl -D " + data + " -l " + log + " -w -t 60 -o '" +
            options + "' start >/dev/null 2>&1") == 0) {
      cluster->port_ = port;
      g_broken = false;
      return cluster.release();
    }
  }
  return Fail(ErrorCode::kStorage, "the test PostgreSQL server did not start (see " + log + ")",
              data);
}

TestCluster::~TestCluster() {
  if (watchdog_fd_ >= 0) {
    close(watchdog_fd_);
    int status = 0;
    waitpid(watchdog_pid_, &status, 0);
  }
}

std::string TestCluster::Url(std::string_view database) const {
  return "postgresql://wiredesk@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

Result<std::string> TestCluster::CreateDatabase() {
  WD_ASSIGN_OR_RETURN(std::unique_ptr<Connection> admin, Connection::Open(Url("postgres")));
  const std::string name =
      "wd_test_" + std::to_string(getpid()) + "_" + std::to_string(++next_database_);
  // A name of our own making, so splicing it is safe (CREATE DATABASE takes no parameters).
  WD_RETURN_IF_ERROR(admin->Exec(("CREATE DATABASE " + name).c_str()));
  return Url(name);
}

void TestCluster::DropDatabase(std::string_view url) {
  const size_t slash = url.rfind('/');
  if (slash == std::string_view::npos) return;
  const std::string name(url.substr(slash + 1));
  if (!name.starts_with("wd_test_")) return;
  auto admin = Connection::Open(Url("postgres"));
  if (admin) (void)(*admin)->Exec(("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str());
}

}  // namespace wiredesk::store::postgres
