#include "enrich/hashtags.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace wiredesk::enrich {
namespace {

Article MakeArticle(std::string title, std::string text, std::string language = "en") {
  Article a;
  a.title = std::move(title);
  a.text = std::move(text);
  a.language = std::move(language);
  return a;
}

bool Has(const std::vector<Tag>& tags, const std::string& name, TagKind kind) {
  return std::any_of(tags.begin(), tags.end(),
                     [&](const Tag& t) { return t.name == name && t.kind == kind; });
}

TEST(HashtagTest, NamesTheEntitiesTheArticleIsAbout) {
  const Article a = MakeArticle(
      "Germany's Angela Merkel meets Emmanuel Macron in Paris",
      "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on "
      "Tuesday to discuss the European Union budget.\n\nMerkel said the talks were "
      "constructive. Macron said France and Germany would present a joint plan to the "
      "European Union next month.\n\nThe two leaders also discussed vaccine supplies, "
      "vaccine exports and the vaccine rollout in Europe.");
  HashtagPicker picker;
  const auto tags = picker.Pick(a);
  ASSERT_FALSE(tags.empty());
  EXPECT_TRUE(Has(tags, "Angela Merkel", TagKind::kPerson));
  EXPECT_TRUE(Has(tags, "Emmanuel Macron", TagKind::kPerson));
  EXPECT_LE(tags.size(), 8u);
  // A name is tagged once, not again as a keyphrase ("Merkel").
  EXPECT_EQ(std::count_if(tags.begin(), tags.end(),
                          [](const Tag& t) { return t.name.find("Merkel") != std::string::npos; }),
            1);
}

TEST(HashtagTest, AHashtagNamesAThingNotAnAction) {
  const Article a = MakeArticle(
      "Council announced budget cuts",
      "The city council announced budget cuts on Monday. The council announced that the "
      "budget for libraries would fall.\n\nThe budget was announced after months of talks, "
      "and the council announced a second budget vote for spring. Library budget cuts "
      "were announced before.");
  HashtagPicker picker;
  const auto tags = picker.Pick(a);
  ASSERT_FALSE(tags.empty());
  EXPECT_FALSE(Has(tags, "announced", TagKind::kTopic));
}

TEST(HashtagTest, OtherLanguagesGetKeyphrasesOnly) {
  const Article a = MakeArticle(
      "Le gouvernement annonce un plan pour les hôpitaux",
      "Le gouvernement a annoncé mardi un plan pour les hôpitaux publics. Les hôpitaux "
      "recevront des moyens supplémentaires, a précisé le ministre de la santé. Les syndicats "
      "des hôpitaux jugent le plan insuffisant.",
      "fr");
  HashtagPicker picker;
  const auto tags = picker.Pick(a);
  ASSERT_FALSE(tags.empty());
  for (const Tag& t : tags) EXPECT_EQ(t.kind, TagKind::kTopic) << t.name;
}

TEST(HashtagTest, NothingForAnEmptyArticle) {
  HashtagPicker picker;
  EXPECT_TRUE(picker.Pick(MakeArticle("Title only", "")).empty());
  EXPECT_TRUE(picker.Pick(MakeArticle("", "   \n ")).empty());
}

}  // namespace
}  // namespace wiredesk::enrich
