#include "enrich/quotes/quote_finder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "enrich/quotes/baseline.h"

namespace wiredesk::enrich::quotes {
namespace {

using entities::EntityType;
using entities::Mention;

// Mentions of each (name, type) wherever the name is written, in text order, as the entity
// tagger would give them.
std::vector<Mention> MentionsOf(std::string_view text,
                                const std::vector<std::pair<std::string, EntityType>>& names) {
  std::vector<Mention> out;
  for (const auto& [name, type] : names) {
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      // Skip "Dalati" inside "al-Dalati": a mention starts a word.
      if (at > 0 && text[at - 1] != ' ' && text[at - 1] != '\n') continue;
      Mention m;
      m.type = type;
      m.begin = at;
      m.end = at + name.size();
      m.text = name;
      out.push_back(m);
    }
  }
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
    return a.begin < b.begin;
  });
  return out;
}

struct Found {
  std::vector<Attribution> all;
  std::string text;

  std::string Content(size_t i) const {
    std::string out;
    for (const TextSpan& c : all.at(i).content) {
      if (!out.empty()) out += " | ";
      out += text.substr(c.begin, c.end - c.begin);
    }
    return out;
  }
  std::string Source(size_t i) const {
    const TextSpan s = all.at(i).source;
    return text.substr(s.begin, s.end - s.begin);
  }
};

Found Find(std::string text, const std::vector<std::pair<std::string, EntityType>>& names = {}) {
  Found f;
  f.text = std::move(text);
  const auto mentions = MentionsOf(f.text, names);
  const auto grouped = entities::GroupMentions(mentions);
  f.all = FindAttributions(f.text, mentions, grouped);
  return f;
}

const std::vector<std::pair<std::string, EntityType>> kDalati = {
    {"Ahmad al-Dalati", EntityType::kPerson}, {"Dalati", EntityType::kPerson}};

TEST(QuoteFinderTest, DirectQuoteBelongsToTheEntity) {
  const auto f = Find(
      "Ahmad al-Dalati, a former minister, was arrested in Damascus on Monday.\n\n"
      "Dalati said, \xE2\x80\x9CI categorically deny these accusations and I will prove it "
      "in court.\xE2\x80\x9D\n",
      kDalati);
  ASSERT_EQ(f.all.size(), 1u);
  // The content starts after the opening mark the cue's clause runs into.
  EXPECT_EQ(f.Content(0),
            "I categorically deny these accusations and I will prove it in court.\xE2\x80\x9D");
  EXPECT_EQ(f.Source(0), "Dalati");
  EXPECT_EQ(f.all[0].speaker, "Dalati");
  EXPECT_EQ(f.all[0].speaker_entity, "Ahmad al-Dalati");
  EXPECT_TRUE(f.all[0].direct);
  EXPECT_EQ(f.all[0].paragraph, 1u);
}

TEST(QuoteFinderTest, NextParagraphContinuesTheStatement) {
  const auto f = Find(
      "Dalati said, \xE2\x80\x9CI categorically deny these accusations.\n\n"
      "\xE2\x80\x9CI have served this country for thirty years and I will keep serving "
      "it.\xE2\x80\x9D\n",
      kDalati);
  ASSERT_EQ(f.all.size(), 2u);
  EXPECT_EQ(f.Content(0), "I categorically deny these accusations.");
  EXPECT_TRUE(f.all[1].carried);
  EXPECT_TRUE(f.all[1].direct);
  EXPECT_EQ(f.all[1].paragraph, 1u);
  EXPECT_EQ(f.Source(1), "Dalati");
  EXPECT_EQ(f.all[1].speaker_entity, "Dalati");
  const auto quotes = ToQuotes(f.text, f.all);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(quotes[1].text,
            "I have served this country for thirty years and I will keep serving it.");
  EXPECT_EQ(quotes[1].speaker, "Dalati");
}

TEST(QuoteFinderTest, SpeakerAfterTheQuoteAndPiecesJoined) {
  const auto f = Find(
      "\xE2\x80\x9CWe will rebuild every school,\xE2\x80\x9D said Maria Lopez, the mayor. "
      "\xE2\x80\x9CIt will take years, but we will do it.\xE2\x80\x9D\n",
      {{"Maria Lopez", EntityType::kPerson}});
  ASSERT_EQ(f.all.size(), 1u);
  EXPECT_EQ(f.Source(0), "Maria Lopez");
  EXPECT_EQ(f.all[0].content.size(), 2u);
  EXPECT_EQ(f.all[0].speaker_entity, "Maria Lopez");
  const auto quotes = ToQuotes(f.text, f.all);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].text,
            "We will rebuild every school \xE2\x80\xA6 It will take years, but we will do it.");
}

TEST(QuoteFinderTest, AccordingTo) {
  const auto f = Find(
      "The talks collapsed on Friday, according to two officials familiar with the matter.\n"
      "According to the ministry, forty people died in the floods.\n");
  ASSERT_EQ(f.all.size(), 2u);
  EXPECT_EQ(f.Content(0), "The talks collapsed on Friday");
  EXPECT_EQ(f.Source(0), "two officials familiar with the matter");
  EXPECT_EQ(f.Content(1), "forty people died in the floods.");
  EXPECT_EQ(f.Source(1), "the ministry");
  EXPECT_FALSE(f.all[1].direct);
}

TEST(QuoteFinderTest, IndirectSpeech) {
  const auto f = Find(
      "Senator Jane Holt said on Tuesday that the bill would pass next week.\n"
      "Holt told reporters the vote was secure.\n"
      "The plan will fail, the minister warned.\n",
      {{"Jane Holt", EntityType::kPerson}, {"Holt", EntityType::kPerson}});
  ASSERT_EQ(f.all.size(), 3u);
  EXPECT_EQ(f.Content(0), "the bill would pass next week.");
  EXPECT_EQ(f.Source(0), "Senator Jane Holt");
  EXPECT_EQ(f.all[0].speaker_entity, "Jane Holt");
  EXPECT_FALSE(f.all[0].direct);
  EXPECT_EQ(f.Content(1), "the vote was secure.");
  EXPECT_EQ(f.all[1].speaker_entity, "Jane Holt");
  EXPECT_EQ(f.Content(2), "The plan will fail");
  EXPECT_EQ(f.Source(2), "the minister");
  // "the minister" stands for the last person who spoke.
  EXPECT_EQ(f.all[2].speaker_entity, "Jane Holt");
}

TEST(QuoteFinderTest, PronounResolvesToTheLastSpeaker) {
  const auto f = Find(
      "Ahmad al-Dalati denied the charges on Monday.\n"
      "He said the evidence had been fabricated by his rivals.\n",
      kDalati);
  ASSERT_EQ(f.all.size(), 2u);
  EXPECT_EQ(f.Source(1), "He");
  EXPECT_EQ(f.all[1].speaker, "He");
  EXPECT_EQ(f.all[1].speaker_entity, "Ahmad al-Dalati");
}

TEST(QuoteFinderTest, NestedQuoteStaysInsideTheOuterOne) {
  const auto f = Find(
      "\xE2\x80\x9CHe told me, \xE2\x80\x98You will never work here again,\xE2\x80\x99 and "
      "then he left the room,\xE2\x80\x9D Jones said.\n",
      {{"Jones", EntityType::kPerson}});
  ASSERT_EQ(f.all.size(), 1u);
  EXPECT_EQ(f.Source(0), "Jones");
  EXPECT_EQ(f.Content(0).find("\xE2\x80\x9CHe told me"), 0u);
  EXPECT_NE(f.Content(0).find("then he left the room"), std::string::npos);
}

TEST(QuoteFinderTest, StraightAndCurlyQuotesAlike) {
  const auto curly = Find("\xE2\x80\x9CWe will win this race easily,\xE2\x80\x9D Smith said.\n");
  const auto straight = Find("\"We will win this race easily,\" Smith said.\n");
  const auto doubled = Find("''We will win this race easily,'' Smith said.\n");
  for (const Found* f : {&curly, &straight, &doubled}) {
    ASSERT_EQ(f->all.size(), 1u);
    EXPECT_EQ(f->Source(0), "Smith");
    EXPECT_TRUE(f->all[0].direct);
    EXPECT_NE(f->Content(0).find("We will win this race easily"), std::string::npos);
  }
}

TEST(QuoteFinderTest, UnbalancedQuoteMarksDoNotSwallowTheArticle) {
  const auto f = Find(
      "Smith said \xE2\x80\x9Cthe vote was rigged and everyone knows it.\n"
      "Prices rose\xE2\x80\x9D again in March. \"Stray mark here.\n"
      "The weather was fine.\n");
  for (const Attribution& a : f.all) {
    for (const TextSpan& c : a.content) {
      // No content crosses a paragraph break.
      EXPECT_EQ(f.text.substr(c.begin, c.end - c.begin).find('\n'), std::string::npos);
    }
  }
  ASSERT_FALSE(f.all.empty());
  EXPECT_EQ(f.Source(0), "Smith");
}

TEST(QuoteFinderTest, NonEnglishAndGarbageDoNotCrash) {
  const std::vector<std::string> inputs = {
      "\xE4\xBB\x96\xE8\xAF\xB4\xEF\xBC\x9A\xE2\x80\x9C\xE6\x88\x91\xE4\xBB\xAC\xE4\xBC\x9A"
      "\xE8\x83\x9C\xE5\x88\xA9\xE3\x80\x82\xE2\x80\x9D",  // Chinese with curly quotes
      "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1 \"\xD9\x84\xD8"
      "\xA7\"",  // Arabic
      "Le ministre a d\xC3\xA9" "clar\xC3\xA9 : \xC2\xAB Nous gagnerons \xC2\xBB, a-t-il dit.",
      std::string("\xff\xfe\x00\x80\xe2\x80\x9c\xe2\x80", 8),
      "\"\"\"\"''''``", "said said said according to", ",,, said, \xE2\x80\x9D\xE2\x80\x9C",
      std::string(5000, '"'), "\n\n\n", ""};
  for (const std::string& in : inputs) {
    const auto found = FindAttributions(in, {}, {});
    for (const Attribution& a : found) {
      ASSERT_FALSE(a.content.empty());
      for (const TextSpan& c : a.content) EXPECT_LE(c.end, in.size());
      EXPECT_LE(a.source.end, in.size());
    }
    ToQuotes(in, found);
    FindAttributions(in, {}, {}, QuoteMethod::kBaseline);
  }
}

TEST(QuoteFinderTest, QuotesOfAnArticle) {
  Article article;
  article.text = "Ahmad al-Dalati spoke on Monday.\n\nDalati said, \xE2\x80\x9CI deny it all, "
                 "every word of it.\xE2\x80\x9D";
  const auto mentions = MentionsOf(article.text, kDalati);
  const auto quotes = FindQuotes(article, mentions, entities::GroupMentions(mentions));
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].text, "I deny it all, every word of it.");
  EXPECT_EQ(quotes[0].speaker, "Dalati");
  EXPECT_EQ(quotes[0].speaker_entity, "Ahmad al-Dalati");
  EXPECT_TRUE(quotes[0].direct);
  EXPECT_EQ(quotes[0].paragraph, 1u);
  EXPECT_EQ(article.text.substr(quotes[0].begin, 9), "I deny it");
}

TEST(QuoteBaselineTest, QuoteMarksNextToASpeechVerb) {
  const std::string text =
      "\xE2\x80\x9CWe will win the whole thing,\xE2\x80\x9D Sen. Ted Cruz said. "
      "\xE2\x80\x9C" "And we will win it big.\xE2\x80\x9D\nNo quote here at all.\n"
      "\"Short one\" he said.\n";
  const auto found = FindBaselineAttributions(text);
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].content.size(), 2u);
  EXPECT_EQ(text.substr(found[0].content[0].begin,
                        found[0].content[0].end - found[0].content[0].begin),
            "We will win the whole thing,");
  EXPECT_EQ(text.substr(found[0].source.begin, found[0].source.end - found[0].source.begin),
            "Sen. Ted Cruz");
}

}  // namespace
}  // namespace wiredesk::enrich::quotes
