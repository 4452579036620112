#include "core/url.h"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

TEST(UrlTest, ParsesAbsoluteUrls) {
  auto u = ParseUrl("HTTPS://User@Example.COM:443/a/b?x=1#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "example.com");
  EXPECT_EQ(u->port, 0);
  EXPECT_EQ(u->path, "/a/b");
  EXPECT_EQ(u->query, "x=1");
  EXPECT_EQ(u->ToString(), "https://example.com/a/b?x=1");
  EXPECT_EQ(ParseUrl("http://[::1]:8080/")->host, "::1");
  EXPECT_FALSE(ParseUrl("/relative/path"));
  EXPECT_FALSE(ParseUrl("http://host:99999/"));
  EXPECT_FALSE(ParseUrl("http:///nohost"));
}

TEST(UrlTest, ResolvesReferencesPerRfc3986) {
  const std::string base = "http://a/b/c/d;p?q";
  EXPECT_EQ(ResolveUrl(base, "g"), "http://a/b/c/g");
  EXPECT_EQ(ResolveUrl(base, "./g"), "http://a/b/c/g");
  EXPECT_EQ(ResolveUrl(base, "g/"), "http://a/b/c/g/");
  EXPECT_EQ(ResolveUrl(base, "/g"), "http://a/g");
  EXPECT_EQ(ResolveUrl(base, "//g"), "http://g");
  EXPECT_EQ(ResolveUrl(base, "?y"), "http://a/b/c/d;p?y");
  EXPECT_EQ(ResolveUrl(base, "../g"), "http://a/b/g");
  EXPECT_EQ(ResolveUrl(base, "../../../g"), "http://a/g");
  EXPECT_EQ(ResolveUrl(base, ".."), "http://a/b/");
  EXPECT_EQ(ResolveUrl(base, "https://x.org/y"), "https://x.org/y");
  // §5.2.2: a reference with a scheme is absolute, never a path on the base's host.
  EXPECT_EQ(ResolveUrl(base, "javascript:alert(1)"), "javascript:alert(1)");
  EXPECT_EQ(ResolveUrl(base, "mailto:desk@a.org"), "mailto:desk@a.org");
  EXPECT_EQ(ResolveUrl(base, "data:image/png;base64,AAAA"), "data:image/png;base64,AAAA");
  EXPECT_EQ(ResolveUrl(base, "http://[::1"), "http://[::1");
  EXPECT_TRUE(HasUrlScheme("HTTPS://x"));
  EXPECT_FALSE(HasUrlScheme("a/b:c"));
  EXPECT_FALSE(HasUrlScheme("1a:b"));
}

TEST(UrlTest, DisplayHostDropsWww) {
  EXPECT_EQ(DisplayHost("https://www.reuters.com/world/"), "reuters.com");
  EXPECT_EQ(DisplayHost("not a url"), "");
}

}  // namespace
}  // namespace wiredesk
