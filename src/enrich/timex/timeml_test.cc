#include "enrich/timex/timeml.h"

#include <gtest/gtest.h>

#include "enrich/timex/time_expressions.h"

namespace wiredesk::enrich::timex {
namespace {

constexpr std::string_view kDoc =
    "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n"
    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2014-05-14\" temporalFunction=\"false\" "
    "functionInDocument=\"CREATION_TIME\">May 14, 2014</TIMEX3></DCT>\n"
    "<TEXT>\nProfits &amp; sales <EVENT eid=\"e1\">fell</EVENT> "
    "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2014-04\">last month</TIMEX3> &lt;AP&gt;.\n</TEXT>\n"
    "</TimeML>\n";

TEST(Timeml, ReadsTextAndCreationTime) {
  auto doc = ReadTimeml(kDoc);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->text, "\nProfits & sales fell last month <AP>.\n");
  ASSERT_TRUE(doc->creation_time);
  EXPECT_EQ(*doc->creation_time, *MakeInstant(2014, 5, 14));
}

TEST(Timeml, WritesTagsInsideTextOnly) {
  auto doc = ReadTimeml(kDoc);
  ASSERT_TRUE(doc);
  const auto found = FindTimeExpressions(doc->text, *doc->creation_time);
  const std::string out = WriteTimeml(kDoc, *doc, found);
  EXPECT_NE(out.find("<TEXT>\nProfits &amp; sales fell <TIMEX3 tid=\"t1\" type=\"DATE\" "
                     "value=\"2014-04\">last month</TIMEX3> &lt;AP&gt;.\n</TEXT>"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.substr(0, 40), kDoc.substr(0, 40));
  EXPECT_TRUE(out.ends_with("</TEXT>\n</TimeML>\n"));
  // What it writes reads back to the same text.
  auto again = ReadTimeml(out);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->text, doc->text);
}

TEST(Timeml, RefusesEntitiesAndMalformedInput) {
  EXPECT_FALSE(ReadTimeml("<!DOCTYPE t [<!ENTITY a \"aaaa\">]><TimeML><TEXT>&a;</TEXT></TimeML>"));
  EXPECT_FALSE(ReadTimeml("<!DOCTYPE t SYSTEM \"file:///etc/passwd\"><TimeML><TEXT>&x;</TEXT></TimeML>"));
  EXPECT_FALSE(ReadTimeml("<TimeML><TEXT>unclosed</TimeML>"));
  EXPECT_FALSE(ReadTimeml("<TimeML>no text element</TimeML>"));
  EXPECT_FALSE(ReadTimeml(""));
  EXPECT_FALSE(ReadTimeml(std::string(1000, '<')));
  auto empty = ReadTimeml("<TimeML><TEXT/></TimeML>");
  if (empty) {
    EXPECT_TRUE(empty->text.empty());
  }
}

TEST(Timeml, NoCreationTimeIsNotAnError) {
  auto doc = ReadTimeml("<TimeML><TEXT>On May 3 it rained.</TEXT></TimeML>");
  ASSERT_TRUE(doc);
  EXPECT_FALSE(doc->creation_time);
  EXPECT_EQ(doc->text, "On May 3 it rained.");
}

}  // namespace
}  // namespace wiredesk::enrich::timex
