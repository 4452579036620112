#include "enrich/entities/canonical_names.h"

#include <gtest/gtest.h>

namespace wiredesk::enrich::entities {
namespace {

Mention M(std::string text, EntityType type) {
  Mention m;
  m.text = std::move(text);
  m.type = type;
  return m;
}

constexpr auto kPer = EntityType::kPerson;
constexpr auto kLoc = EntityType::kLocation;
constexpr auto kOrg = EntityType::kOrganisation;

TEST(CanonicalNamesTest, SurnameJoinsFullName) {
  const auto entities = GroupMentions({M("Ahmad al-Dalati", kPer), M("Damascus", kLoc),
                                       M("Dalati", kPer), M("al-Dalati", kPer)});
  ASSERT_EQ(entities.size(), 2u);
  EXPECT_EQ(entities[0].canonical, "Ahmad al-Dalati");
  EXPECT_EQ(entities[0].type, kPer);
  EXPECT_EQ(entities[0].mentions, (std::vector<size_t>{0, 2, 3}));
  EXPECT_EQ(entities[1].canonical, "Damascus");
}

TEST(CanonicalNamesTest, LongestNameWinsEvenWhenItComesLater) {
  const auto entities = GroupMentions({M("Merkel", kPer), M("Angela Merkel", kPer),
                                       M("Mrs. Merkel", kPer)});
  ASSERT_EQ(entities.size(), 1u);
  EXPECT_EQ(entities[0].canonical, "Angela Merkel");
  EXPECT_EQ(entities[0].key, "angela merkel");
}

TEST(CanonicalNamesTest, AcronymsAndAliases) {
  const auto entities = GroupMentions({M("U.S.", kLoc), M("United States", kLoc),
                                       M("European Union", kOrg), M("EU", kOrg),
                                       M("Britain", kLoc), M("United Kingdom", kLoc)});
  ASSERT_EQ(entities.size(), 3u);
  EXPECT_EQ(entities[0].canonical, "United States");
  EXPECT_EQ(entities[0].mentions, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(entities[1].canonical, "European Union");
  EXPECT_EQ(entities[2].canonical, "United Kingdom");
  EXPECT_EQ(entities[2].mentions, (std::vector<size_t>{4, 5}));
}

TEST(CanonicalNamesTest, SurnameTaggedAsOtherTypeStillJoinsPerson) {
  const auto entities = GroupMentions({M("Kofi Annan", kPer), M("Annan", kOrg)});
  ASSERT_EQ(entities.size(), 1u);
  EXPECT_EQ(entities[0].type, kPer);
}

TEST(CanonicalNamesTest, TypeFollowsMostMentions) {
  // A headline's "Qasem Soleimani" tagged ORG, the body's "Soleimani" tagged PER twice.
  const auto entities = GroupMentions({M("Qasem Soleimani", kOrg), M("Soleimani", kPer),
                                       M("Soleimani", kPer)});
  ASSERT_EQ(entities.size(), 1u);
  EXPECT_EQ(entities[0].canonical, "Qasem Soleimani");
  EXPECT_EQ(entities[0].type, kPer);
}

TEST(CanonicalNamesTest, DifferentPeopleStayApart) {
  const auto entities = GroupMentions({M("John Smith", kPer), M("Jane Doe", kPer),
                                       M("Paris", kLoc), M("Paris Hilton", kPer)});
  EXPECT_EQ(entities.size(), 4u);
}

TEST(CanonicalNamesTest, OrganisationShortForm) {
  const auto entities = GroupMentions({M("Microsoft Corp", kOrg), M("Microsoft", kOrg)});
  ASSERT_EQ(entities.size(), 1u);
  EXPECT_EQ(entities[0].canonical, "Microsoft Corp");
}

TEST(CanonicalNamesTest, EmptyInput) {
  EXPECT_TRUE(GroupMentions({}).empty());
  EXPECT_TRUE(GroupMentions({M("", kPer), M("...", kLoc)}).empty());
  EXPECT_EQ(NameKey("Mr. Ahmad  al-Dalati"), "ahmad al-dalati");
  EXPECT_EQ(NameKey("U.S."), "us");
}

}  // namespace
}  // namespace wiredesk::enrich::entities
