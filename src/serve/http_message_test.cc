#include "serve/http_message.h"

#include <gtest/gtest.h>

namespace wiredesk::serve {
namespace {

TEST(HttpMessageTest, RequestPathAndQuery) {
  Request r;
  r.target = "/search?q=a+b&page=2";
  EXPECT_EQ(r.Path(), "/search");
  EXPECT_EQ(r.RawQuery(), "q=a+b&page=2");
  r.target = "/x";
  EXPECT_EQ(r.RawQuery(), "");
}

TEST(HttpMessageTest, QueryParamsDecode) {
  QueryParams p("q=a+b%26c&empty=&flag&q=second&bad=%zz%4&utf=%ff");
  EXPECT_EQ(p.Get("q"), "a b&c");
  EXPECT_EQ(p.Get("empty"), "");
  EXPECT_EQ(p.Get("flag"), "");
  EXPECT_EQ(p.Get("bad"), "%zz%4");
  EXPECT_EQ(p.Get("utf"), "\xEF\xBF\xBD");
  EXPECT_EQ(p.Get("missing"), std::nullopt);
}

TEST(HttpMessageTest, PercentEncode) {
  EXPECT_EQ(PercentEncode("Bashar Assad"), "Bashar%20Assad");
  EXPECT_EQ(PercentEncode("a&b=c/d\"<"), "a%26b%3Dc%2Fd%22%3C");
  EXPECT_EQ(PercentEncode("ok-._~"), "ok-._~");
}

TEST(HttpMessageTest, EtagMatching) {
  EXPECT_TRUE(EtagMatches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("*", "\"abc\""));
  EXPECT_FALSE(EtagMatches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(EtagMatches("", "\"abc\""));
  EXPECT_NE(MakeEtag("a"), MakeEtag("b"));
}

TEST(HttpMessageTest, SerializeWritesHeadThenBody) {
  Response r;
  r.body = "hello";
  r.headers.emplace_back("ETag", "\"1\"");
  r.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: x=1");  // dropped, never split
  const WireResponse w = Serialize(r);
  EXPECT_EQ(w.Body(), "hello");
  EXPECT_EQ(w.etag, "\"1\"");
  const std::string text = ToHttpText(w, "Date: x\r\n", false);
  EXPECT_EQ(text.rfind("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 5\r\n", 0), 0u);
  EXPECT_EQ(text.find("Set-Cookie"), std::string::npos);
  EXPECT_NE(text.find("Date: x\r\n\r\nhello"), std::string::npos);
  EXPECT_EQ(ToHttpText(w, "", true).find("hello"), std::string::npos);
}

}  // namespace
}  // namespace wiredesk::serve
