#include "enrich/article_enricher.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace wiredesk::enrich {
namespace {

Article Dalati() {
  Article a;
  a.title = "Syrian minister denies talks with Israel";
  a.language = "en";
  a.published = MakeInstant(2025, 6, 27, 9);
  a.captured = *MakeInstant(2025, 6, 27, 12);
  a.text =
      "Syrian Information Minister Ahmad al-Dalati on Friday denied reports that Syria and "
      "Israel had held direct talks in Baku earlier this month.\n\n"
      "\"I categorically deny that any meeting took place,\" Dalati said in a statement "
      "carried by the state news agency SANA.\n\n"
      "\"Syria's position has not changed since 1967,\" he added.\n\n"
      "Israeli officials declined to comment. According to Dalati, the reports were "
      "fabricated to sow division in Damascus.\n\n"
      "The talks were first reported on June 14 by a newspaper in Tel Aviv.";
  return a;
}

TEST(ArticleEnricherTest, ComputesEveryFeatureFromOneArticle) {
  ArticleEnricher enricher;
  const Instant now = *MakeInstant(2025, 6, 27, 13);
  const Enrichment e = enricher.Enrich(Dalati(), 42, now);
  EXPECT_EQ(e.insights.computed_at, now);
  ASSERT_FALSE(e.tags.empty());
  EXPECT_TRUE(std::any_of(e.tags.begin(), e.tags.end(),
                          [](const Tag& t) { return t.name == "Ahmad al-Dalati"; }));

  ASSERT_FALSE(e.insights.key_points.empty());
  EXPECT_LE(e.insights.key_points.size(), 5u);
  EXPECT_NE(Dalati().text.find(e.insights.key_points[0]), std::string::npos);

  ASSERT_FALSE(e.insights.entities.empty());
  EXPECT_EQ(e.insights.entities[0].name, "Ahmad al-Dalati");  // named most often
  EXPECT_EQ(e.insights.entities[0].kind, TagKind::kPerson);

  const auto q = std::find_if(e.insights.quotes.begin(), e.insights.quotes.end(), [](const Quote& x) {
    return x.text.find("categorically deny") != std::string::npos;
  });
  ASSERT_NE(q, e.insights.quotes.end());
  EXPECT_EQ(q->speaker_entity, "Ahmad al-Dalati");
  EXPECT_TRUE(q->direct);
  for (const Quote& x : e.insights.quotes) {
    if (x.speaker == "he") {
      EXPECT_EQ(x.speaker_entity, "Ahmad al-Dalati");  // "he added"
    }
  }

  ASSERT_FALSE(e.insights.timeline.empty());
  for (const DatedEvent& ev : e.insights.timeline) EXPECT_EQ(ev.article_id, 42);
  EXPECT_TRUE(std::any_of(e.insights.timeline.begin(), e.insights.timeline.end(),
                          [](const DatedEvent& ev) { return ev.when == "2025-06-14"; }));
}

TEST(ArticleEnricherTest, OtherLanguagesGetKeyPointsAndTopicsOnly) {
  Article a;
  a.title = "Le gouvernement annonce un plan pour les hôpitaux";
  a.language = "fr";
  a.text =
      "Le gouvernement a annoncé mardi un plan pour les hôpitaux publics. Les hôpitaux "
      "recevront des moyens supplémentaires, a précisé le ministre de la santé. Les syndicats "
      "des hôpitaux jugent le plan insuffisant.";
  ArticleEnricher enricher;
  const Enrichment e = enricher.Enrich(a, 1, Instant{});
  EXPECT_FALSE(e.insights.key_points.empty());
  EXPECT_TRUE(e.insights.entities.empty());
  EXPECT_TRUE(e.insights.quotes.empty());
  EXPECT_TRUE(e.insights.timeline.empty());
  for (const Tag& t : e.tags) EXPECT_EQ(t.kind, TagKind::kTopic);
}

TEST(ArticleEnricherTest, EmptyAndHostileTextGiveEmptyResultsWithoutCrashing) {
  ArticleEnricher enricher;
  Article empty;
  empty.title = "Title only";
  EXPECT_TRUE(enricher.Enrich(empty, 1, Instant{}).insights.empty());
  Article junk;
  junk.text = std::string("\xff\xfe\x00\"\"\"\xe2\x80\x9c", 9) + std::string(5000, '"');
  const Enrichment e = enricher.Enrich(junk, 2, Instant{});
  EXPECT_TRUE(e.insights.entities.empty());
}

}  // namespace
}  // namespace wiredesk::enrich
