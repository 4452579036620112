// Address ranges from the IANA special-purpose registries (RFC 6890 and its updates).
#include "fetch/network_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <cstring>

#include "core/text.h"

namespace wiredesk::fetch {

namespace {

constexpr std::array<uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

IpAddress V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  IpAddress ip;
  std::memcpy(ip.bytes.data(), kMappedPrefix.data(), 12);
  ip.bytes[12] = a, ip.bytes[13] = b, ip.bytes[14] = c, ip.bytes[15] = d;
  return ip;
}

IpAddress V6(std::initializer_list<uint16_t> groups) {
  IpAddress ip;
  size_t i = 0;
  for (uint16_t g : groups) {
    ip.bytes[i++] = static_cast<uint8_t>(g >> 8);
    ip.bytes[i++] = static_cast<uint8_t>(g & 0xff);
  }
  return ip;
}

struct Range {
  Cidr network;
  std::string_view name;
};

// IPv4 prefixes are stored +96 (mapped form).
const std::vector<Range>& SpecialRanges() {
  static const std::vector<Range> kRanges = {
      {{V4(0, 0, 0, 0), 96 + 8}, "unspecified (\"this network\")"},
      {{V4(10, 0, 0, 0), 96 + 8}, "private"},
      {{V4(100, 64, 0, 0), 96 + 10}, "CGNAT (shared address space)"},
      {{V4(127, 0, 0, 0), 96 + 8}, "loopback"},
      {{V4(169, 254, 0, 0), 96 + 16}, "link-local"},
      {{V4(172, 16, 0, 0), 96 + 12}, "private"},
      {{V4(192, 0, 0, 0), 96 + 24}, "IETF protocol assignments"},
      {{V4(192, 0, 2, 0), 96 + 24}, "documentation"},
      {{V4(192, 88, 99, 0), 96 + 24}, "6to4 relay anycast"},
      {{V4(192, 168, 0, 0), 96 + 16}, "private"},
      {{V4(198, 18, 0, 0), 96 + 15}, "benchmarking"},
      {{V4(198, 51, 100, 0), 96 + 24}, "documentation"},
      {{V4(203, 0, 113, 0), 96 + 24}, "documentation"},
      {{V4(224, 0, 0, 0), 96 + 4}, "multicast"},
      {{V4(240, 0, 0, 0), 96 + 4}, "reserved (and broadcast)"},
      {{V6({}), 128}, "unspecified"},
      {{V6({0, 0, 0, 0, 0, 0, 0, 1}), 128}, "loopback"},
      {{V6({}), 96}, "IPv4-compatible (deprecated)"},
      {{V6({0x64, 0xff9b, 1}), 48}, "local-use NAT64"},
      {{V6({0x100}), 64}, "discard-only"},
      {{V6({0x2001, 0}), 32}, "Teredo"},
      {{V6({0x2001, 0xdb8}), 32}, "documentation"},
      {{V6({0xfc00}), 7}, "IPv6 unique local"},
      {{V6({0xfe80}), 10}, "IPv6 link-local"},
      {{V6({0xfec0}), 10}, "IPv6 site-local (deprecated)"},
      {{V6({0xff00}), 8}, "multicast"},
  };
  return kRanges;
}

}  // namespace

bool IpAddress::IsV4() const { return std::memcmp(bytes.data(), kMappedPrefix.data(), 12) == 0; }

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (IsV4()) {
    inet_ntop(AF_INET, bytes.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  }
  return buf;
}

std::optional<IpAddress> ParseIpAddress(std::string_view s) {
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  if (s.empty() || s.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string z(s);
  unsigned char v4[4];
  if (inet_pton(AF_INET, z.c_str(), v4) == 1) return V4(v4[0], v4[1], v4[2], v4[3]);
  IpAddress ip;
  if (inet_pton(AF_INET6, z.c_str(), ip.bytes.data()) == 1) return ip;
  return std::nullopt;
}

std::optional<IpAddress> FromSockaddr(const sockaddr* addr) {
  if (addr == nullptr) return std::nullopt;
  if (addr->sa_family == AF_INET) {
    sockaddr_in in;
    std::memcpy(&in, addr, sizeof in);
    const auto* b = reinterpret_cast<const uint8_t*>(&in.sin_addr);
    return V4(b[0], b[1], b[2], b[3]);
  }
  if (addr->sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, addr, sizeof in6);
    IpAddress ip;
    std::memcpy(ip.bytes.data(), &in6.sin6_addr, 16);
    return ip;
  }
  return std::nullopt;
}

bool Cidr::Contains(const IpAddress& a) const {
  int bits = prefix;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((a.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

std::string Cidr::ToString() const {
  return base.ToString() + "/" + std::to_string(base.IsV4() && prefix >= 96 ? prefix - 96 : prefix);
}

Result<Cidr> ParseCidr(std::string_view s) {
  const std::string_view t = Trim(s);
  const size_t slash = t.find('/');
  const std::string_view addr = t.substr(0, slash);
  auto ip = ParseIpAddress(addr);
  if (!ip) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(addr) + "' is not an IPv4 or IPv6 address", std::string(s));
  }
  // An address written as IPv4 counts its prefix in IPv4 bits.
  const bool written_v4 = addr.find(':') == std::string_view::npos;
  const int width = written_v4 ? 32 : 128;
  int prefix = width;
  if (slash != std::string_view::npos) {
    const std::string_view p = t.substr(slash + 1);
    if (p.empty() || p.size() > 3) {
      return Fail(ErrorCode::kInvalidArgument, "the prefix length is missing or malformed",
                  std::string(s));
    }
    prefix = 0;
    for (char c : p) {
      if (c < '0' || c > '9') {
        return Fail(ErrorCode::kInvalidArgument, "the prefix length is not a number",
                    std::string(s));
      }
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > width) {
      return Fail(ErrorCode::kInvalidArgument,
                  "prefix " + std::to_string(prefix) + " is longer than " + std::to_string(width) +
                      " bits",
                  std::string(s));
    }
  }
  return Cidr{*ip, written_v4 ? prefix + 96 : prefix};
}

std::optional<std::string_view> SpecialRange(const IpAddress& a) {
  // Addresses that carry an IPv4 address inside are judged by it as well.
  if (!a.IsV4()) {
    const Cidr nat64{V6({0x64, 0xff9b}), 96};
    const Cidr six_to_four{V6({0x2002}), 16};
    std::optional<IpAddress> inner;
    if (nat64.Contains(a)) inner = V4(a.bytes[12], a.bytes[13], a.bytes[14], a.bytes[15]);
    if (six_to_four.Contains(a)) inner = V4(a.bytes[2], a.bytes[3], a.bytes[4], a.bytes[5]);
    if (inner) {
      if (auto r = SpecialRange(*inner)) return r;
    }
  }
  for (const Range& r : SpecialRanges()) {
    if (r.network.Contains(a)) return r.name;
  }
  return std::nullopt;
}

Status NetworkPolicy::Check(const IpAddress& a) const {
  for (const Cidr& c : allowed_) {
    if (c.Contains(a)) return {};
  }
  const auto range = SpecialRange(a);
  if (!range) return {};
  return Fail(ErrorCode::kNetwork,
              "refused to connect to " + a.ToString() + ", a " + std::string(*range) +
                  " address (allow it with --allow-network or WIREDESK_ALLOW_NETWORKS)");
}

Result<NetworkPolicy> NetworkPolicy::FromSpecs(const std::vector<std::string>& networks,
                                              std::string_view env_value) {
  NetworkPolicy p;
  for (const std::string& n : networks) {
    auto c = ParseCidr(n);
    if (!c) return Fail(c.error());
    p.Allow(*c);
  }
  size_t i = 0;
  while (i <= env_value.size()) {
    size_t comma = env_value.find(',', i);
    if (comma == std::string_view::npos) comma = env_value.size();
    const std::string_view item = Trim(env_value.substr(i, comma - i));
    if (!item.empty()) {
      auto c = ParseCidr(item);
      if (!c) {
        Error e = c.error();
        e.context = "WIREDESK_ALLOW_NETWORKS: " + e.context;
        return Fail(std::move(e));
      }
      p.Allow(*c);
    }
    i = comma + 1;
  }
  return p;
}

Result<NetworkPolicy> NetworkPolicy::FromFlagsAndEnvironment(const std::vector<std::string>& networks) {
  const char* env = std::getenv("WIREDESK_ALLOW_NETWORKS");
  return FromSpecs(networks, env != nullptr ? env : "");
}

}  // namespace wiredesk::fetch
