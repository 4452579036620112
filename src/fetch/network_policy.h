// The SSRF guard: which addresses wiredesk may connect to. Public unicast addresses are
// allowed; loopback, private, link-local, CGNAT, multicast, unspecified, reserved, IPv6 ULA
// and link-local (and the same behind IPv4-mapped, NAT64 and 6to4 forms) are refused unless
// the operator allow-lists a network that contains them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct sockaddr;

namespace wiredesk::fetch {

// An IPv4 or IPv6 address, always held as 16 bytes: IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d),
// so "127.0.0.1" and "::ffff:127.0.0.1" are the same address to every check.
struct IpAddress {
  std::array<uint8_t, 16> bytes{};

  bool IsV4() const;  // an IPv4(-mapped) address
  std::string ToString() const;
  bool operator==(const IpAddress&) const = default;
};

std::optional<IpAddress> ParseIpAddress(std::string_view s);
// From a socket address (AF_INET or AF_INET6); nullopt for other families.
std::optional<IpAddress> FromSockaddr(const sockaddr* addr);

// A network: "10.0.0.0/8", "fc00::/7", or one address ("127.0.0.1" is /32, "::1" is /128).
struct Cidr {
  IpAddress base;
  int prefix = 128;  // in the 16-byte form: an IPv4 /8 is stored as /104

  bool Contains(const IpAddress& a) const;
  std::string ToString() const;
};

// Fails with kInvalidArgument naming what is wrong ("prefix 33 is longer than 32 bits").
Result<Cidr> ParseCidr(std::string_view s);

// Why `a` is not a public address ("loopback", "private", "CGNAT", "IPv6 unique local", ...),
// or nullopt when it is one.
std::optional<std::string_view> SpecialRange(const IpAddress& a);

class NetworkPolicy {
 public:
  // Refuses every special range.
  NetworkPolicy() = default;

  void Allow(const Cidr& network) { allowed_.push_back(network); }
  const std::vector<Cidr>& allowed() const { return allowed_; }

  // kNetwork with a message that names the address, its range and the way to allow it.
  Status Check(const IpAddress& a) const;

  // --allow-network values (each a CIDR), then `env_value` (WIREDESK_ALLOW_NETWORKS:
  // comma-separated, blanks ignored). kInvalidArgument for a value that is not a network.
  static Result<NetworkPolicy> FromSpecs(const std::vector<std::string>& networks,
                                         std::string_view env_value = {});
  // FromSpecs with the value of $WIREDESK_ALLOW_NETWORKS.
  static Result<NetworkPolicy> FromFlagsAndEnvironment(const std::vector<std::string>& networks);

 private:
  std::vector<Cidr> allowed_;
};

}  // namespace wiredesk::fetch
