// A throwaway PostgreSQL server for tests: initdb into a temporary directory, started on a
// free loopback port once per test binary, stopped and removed when the binary exits (even
// when it crashes: a watchdog process waits for it). Each test takes a fresh database.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace wiredesk::store::postgres {

class TestCluster {
 public:
  // The binary's cluster, started on first use. nullptr when this machine has no PostgreSQL
  // server binaries (initdb), with the reason in *why: tests then skip. A server that is
  // installed but fails to start is a test failure, not a skip (the error is in *why too).
  // Finds the binaries in $WIREDESK_PG_BIN, else /usr/lib/postgresql/<newest>/bin, else PATH.
  // As root (initdb refuses root) the server runs as the `postgres` user, else `nobody`.
  static TestCluster* Get(std::string* why);
  // Whether a server was found but did not start (Get's nullptr is then a failure).
  static bool Broken();

  // A new empty database owned by the cluster's superuser; returns its URL.
  Result<std::string> CreateDatabase();
  // Drops a database made by CreateDatabase, closing any connection still on it.
  void DropDatabase(std::string_view url);

  int port() const { return port_; }
  // "postgresql://wiredesk@127.0.0.1:PORT/NAME".
  std::string Url(std::string_view database) const;

  ~TestCluster();
  TestCluster(const TestCluster&) = delete;
  TestCluster& operator=(const TestCluster&) = delete;

 private:
  TestCluster() = default;
  static Result<TestCluster*> Start();

  std::string dir_;
  std::string bin_;
  std::string run_as_;  // "runuser -u postgres --" or ""
  int port_ = 0;
  int watchdog_fd_ = -1;
  int watchdog_pid_ = -1;
  int next_database_ = 0;
};

}  // namespace wiredesk::store::postgres

// For a gtest body or SetUp: sets `url` (a std::string) to a fresh database on the binary's
// cluster. Without PostgreSQL server binaries the test skips; a server that is installed but
// does not start, or a database that cannot be made, fails it.
#define WD_PG_TEST_DATABASE(url)                                                      \
  do {                                                                                \
    std::string wd_pg_why;                                                            \
    auto* wd_pg_cluster = ::wiredesk::store::postgres::TestCluster::Get(&wd_pg_why);  \
    if (wd_pg_cluster == nullptr) {                                                   \
      if (::wiredesk::store::postgres::TestCluster::Broken()) FAIL() << wd_pg_why;    \
      GTEST_SKIP() << wd_pg_why;                                                      \
    }                                                                                 \
    auto wd_pg_url = wd_pg_cluster->CreateDatabase();                                 \
    ASSERT_TRUE(wd_pg_url) << wd_pg_url.error().ToString();                           \
    (url) = *wd_pg_url;                                                               \
  } while (false)
