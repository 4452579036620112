#include "fetch/network_policy.h"

#include <gtest/gtest.h>

namespace wiredesk::fetch {
namespace {

std::string RangeOf(std::string_view s) {
  auto ip = ParseIpAddress(s);
  if (!ip) return "unparsable";
  auto r = SpecialRange(*ip);
  return r ? std::string(*r) : "public";
}

TEST(NetworkPolicy, ClassifiesEverySpecialRange) {
  EXPECT_EQ(RangeOf("127.0.0.1"), "loopback");
  EXPECT_EQ(RangeOf("127.255.255.254"), "loopback");
  EXPECT_EQ(RangeOf("::1"), "loopback");
  EXPECT_EQ(RangeOf("::ffff:127.0.0.1"), "loopback");  // IPv4-mapped
  EXPECT_EQ(RangeOf("::ffff:7f00:1"), "loopback");
  EXPECT_EQ(RangeOf("10.1.2.3"), "private");
  EXPECT_EQ(RangeOf("172.16.0.1"), "private");
  EXPECT_EQ(RangeOf("172.31.255.255"), "private");
  EXPECT_EQ(RangeOf("172.32.0.1"), "public");
  EXPECT_EQ(RangeOf("192.168.1.1"), "private");
  EXPECT_EQ(RangeOf("::ffff:192.168.1.1"), "private");
  EXPECT_EQ(RangeOf("100.64.0.1"), "CGNAT (shared address space)");
  EXPECT_EQ(RangeOf("100.127.255.255"), "CGNAT (shared address space)");
  EXPECT_EQ(RangeOf("100.128.0.1"), "public");
  EXPECT_EQ(RangeOf("169.254.169.254"), "link-local");  // cloud metadata
  EXPECT_EQ(RangeOf("0.0.0.0"), "unspecified (\"this network\")");
  EXPECT_EQ(RangeOf("::"), "unspecified");
  EXPECT_EQ(RangeOf("224.0.0.1"), "multicast");
  EXPECT_EQ(RangeOf("239.255.255.250"), "multicast");
  EXPECT_EQ(RangeOf("ff02::1"), "multicast");
  EXPECT_EQ(RangeOf("255.255.255.255"), "reserved (and broadcast)");
  EXPECT_EQ(RangeOf("fc00::1"), "IPv6 unique local");
  EXPECT_EQ(RangeOf("fd12:3456::1"), "IPv6 unique local");
  EXPECT_EQ(RangeOf("fe80::1"), "IPv6 link-local");
  EXPECT_EQ(RangeOf("febf::1"), "IPv6 link-local");
  EXPECT_EQ(RangeOf("fec0::1"), "IPv6 site-local (deprecated)");
  EXPECT_EQ(RangeOf("64:ff9b::a00:1"), "private");          // NAT64 of 10.0.0.1
  EXPECT_EQ(RangeOf("2002:7f00:1::1"), "loopback");         // 6to4 of 127.0.0.1
  EXPECT_EQ(RangeOf("::127.0.0.1"), "IPv4-compatible (deprecated)");
  EXPECT_EQ(RangeOf("8.8.8.8"), "public");
  EXPECT_EQ(RangeOf("93.184.216.34"), "public");
  EXPECT_EQ(RangeOf("2606:4700:4700::1111"), "public");
  EXPECT_EQ(RangeOf("64:ff9b::808:808"), "public");         // NAT64 of 8.8.8.8
  EXPECT_EQ(RangeOf("not-an-ip"), "unparsable");
  EXPECT_EQ(RangeOf("1.2.3"), "unparsable");
}

TEST(NetworkPolicy, ParsesCidrs) {
  auto a = ParseCidr("10.0.0.0/8");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->ToString(), "10.0.0.0/8");
  EXPECT_TRUE(a->Contains(*ParseIpAddress("10.200.1.1")));
  EXPECT_TRUE(a->Contains(*ParseIpAddress("::ffff:10.200.1.1")));
  EXPECT_FALSE(a->Contains(*ParseIpAddress("11.0.0.1")));
  auto host = ParseCidr(" 127.0.0.1 ");
  ASSERT_TRUE(host.has_value());
  EXPECT_EQ(host->ToString(), "127.0.0.1/32");
  EXPECT_FALSE(host->Contains(*ParseIpAddress("127.0.0.2")));
  auto v6 = ParseCidr("fd00::/8");
  ASSERT_TRUE(v6.has_value());
  EXPECT_TRUE(v6->Contains(*ParseIpAddress("fd12::1")));
  EXPECT_FALSE(v6->Contains(*ParseIpAddress("fc12::1")));
  auto odd = ParseCidr("100.64.0.0/10");
  ASSERT_TRUE(odd.has_value());
  EXPECT_TRUE(odd->Contains(*ParseIpAddress("100.127.1.1")));
  EXPECT_FALSE(odd->Contains(*ParseIpAddress("100.128.1.1")));
  auto all = ParseCidr("0.0.0.0/0");
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->Contains(*ParseIpAddress("127.0.0.1")));
  EXPECT_FALSE(all->Contains(*ParseIpAddress("::1")));  // an IPv4 network holds no IPv6
  for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "host/8", ""}) {
    auto r = ParseCidr(bad);
    EXPECT_FALSE(r.has_value()) << bad;
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(NetworkPolicy, RefusesUnlessAllowListed) {
  NetworkPolicy p;
  auto st = p.Check(*ParseIpAddress("127.0.0.1"));
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kNetwork);
  EXPECT_NE(st.error().message.find("127.0.0.1"), std::string::npos);
  EXPECT_NE(st.error().message.find("loopback"), std::string::npos);
  EXPECT_NE(st.error().message.find("--allow-network"), std::string::npos);
  EXPECT_TRUE(p.Check(*ParseIpAddress("8.8.8.8")).has_value());

  auto allowed = NetworkPolicy::FromSpecs({"127.0.0.1/32"}, " 10.0.0.0/8 , ,fd00::/8");
  ASSERT_TRUE(allowed.has_value());
  EXPECT_TRUE(allowed->Check(*ParseIpAddress("127.0.0.1")).has_value());
  EXPECT_TRUE(allowed->Check(*ParseIpAddress("::ffff:127.0.0.1")).has_value());
  EXPECT_FALSE(allowed->Check(*ParseIpAddress("127.0.0.2")).has_value());
  EXPECT_TRUE(allowed->Check(*ParseIpAddress("10.9.9.9")).has_value());
  EXPECT_TRUE(allowed->Check(*ParseIpAddress("fd00::5")).has_value());
  EXPECT_FALSE(allowed->Check(*ParseIpAddress("::1")).has_value());
  auto bad_env = NetworkPolicy::FromSpecs({}, "10.0.0.0/8,nonsense");
  ASSERT_FALSE(bad_env.has_value());
  EXPECT_NE(bad_env.error().context.find("WIREDESK_ALLOW_NETWORKS"), std::string::npos);
}

}  // namespace
}  // namespace wiredesk::fetch
