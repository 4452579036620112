#include "parse/capture_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "core/article_json.h"
#include "core/text.h"
#include "core/time.h"

namespace wiredesk::parse {
namespace {

using std::chrono::hours;

Instant Captured() { return *ParseIso8601("2025-06-27T12:00:00Z"); }

CaptureOptions Options() {
  CaptureOptions o;
  o.url = "https://example.com/story";
  o.captured = Captured();
  return o;
}

std::string Iso(const std::optional<Instant>& t) { return t ? FormatIso8601(*t) : "none"; }

// --- Dates -------------------------------------------------------------------------------------

TEST(ParseCaptureDate, RelativeFormsCountBackFromTheCapture) {
  EXPECT_EQ(Iso(ParseCaptureDate("2 days ago", Captured())), "2025-06-25T12:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("3 days ago", Captured())), "2025-06-24T12:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("3 hours ago", Captured())), "2025-06-27T09:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("an hour ago", Captured())), "2025-06-27T11:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("1 day ago", Captured())), "2025-06-26T12:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("5 mins ago", Captured())), "2025-06-27T11:55:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("2h ago", Captured())), "2025-06-27T10:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("2 weeks ago", Captured())), "2025-06-13T12:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("4 months ago", Captured())), "2025-02-27T12:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("a year ago", Captured())), "2024-06-27T12:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("Yesterday", Captured())), "2025-06-26T12:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("just now", Captured())), "2025-06-27T12:00:00Z");
}

TEST(ParseCaptureDate, MonthArithmeticClampsToTheMonthEnd) {
  const Instant march31 = *ParseIso8601("2025-03-31T08:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("1 month ago", march31)), "2025-02-28T08:00:00Z");
}

TEST(ParseCaptureDate, AbsoluteForms) {
  // The reference page writes day-month-year.
  EXPECT_EQ(Iso(ParseCaptureDate("25-06-2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("05-06-2025", Captured())), "2025-06-05T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("25/06/2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("25.06.2025", Captured())), "2025-06-25T00:00:00Z");
  // Month first only where day first is impossible.
  EXPECT_EQ(Iso(ParseCaptureDate("06/25/2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("2025/06/25", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("Jun 25, 2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("June 25, 2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("Jun. 25 2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("25 June 2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("Wednesday, June 25, 2025", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("Sept 3rd, 2024", Captured())), "2024-09-03T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("2025-06-25", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("2025-06-25T10:30:00+02:00", Captured())), "2025-06-25T08:30:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("Published: June 25, 2025", Captured())), "2025-06-25T00:00:00Z");
}

TEST(ParseCaptureDate, YearlessDatesAreTheMostRecentOne) {
  EXPECT_EQ(Iso(ParseCaptureDate("Jun 25", Captured())), "2025-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseCaptureDate("Dec 30", Captured())), "2024-12-30T00:00:00Z");
}

TEST(ParseCaptureDate, RejectsWhatIsNotADate) {
  for (const char* s :
       {"", "NHK", "Japan Times", "- NHK", "Syrians struggle over whether to go home", "31-02-2025",
        "32 June 2025", "Chicago", "2 days", "ago", "many days ago", "99999999 days ago",
        "June 25, 2025 was a hot day in Doha, people said", "13-13-2025", "May"}) {
    EXPECT_FALSE(ParseCaptureDate(s, Captured()).has_value()) << s;
  }
}

// --- Credits -----------------------------------------------------------------------------------

std::string CreditAfter(std::string_view text) {
  const size_t bar = text.find('|');
  const auto m = ReadCredit(text, bar + 1);
  return m ? m->credit + " @" + std::string(text.substr(m->end)) : "none";
}

TEST(ReadCredit, EndsWhereTheNextSentenceStarts) {
  EXPECT_EQ(CreditAfter("| REUTERS Suleiman's family borrowed"),
            "REUTERS @Suleiman's family borrowed");
  EXPECT_EQ(CreditAfter("| REUTERS \"Women are"), "REUTERS @\"Women are");
  EXPECT_EQ(CreditAfter("| REUTERS The 35-year-old spent"), "REUTERS @The 35-year-old spent");
  EXPECT_EQ(CreditAfter("| AFP-JIJI In Gaza, around"), "AFP-JIJI @In Gaza, around");
  EXPECT_EQ(CreditAfter("| Daniel Berehulak / The New York Times Beyond the Middle East"),
            "Daniel Berehulak / The New York Times @Beyond the Middle East");
  EXPECT_EQ(CreditAfter("| Daniel Berehulak / The New York Times There is also"),
            "Daniel Berehulak / The New York Times @There is also");
  // A Title-case word before a lower-case one is the sentence's first word.
  EXPECT_EQ(CreditAfter("| Jane Doe / Getty Images Officials said"),
            "Jane Doe / Getty Images @Officials said");
  EXPECT_EQ(CreditAfter("| AP Photo/Evan Vucci"), "AP Photo/Evan Vucci @");
  EXPECT_EQ(CreditAfter("| Handout via REUTERS"), "Handout via REUTERS @");
  EXPECT_EQ(CreditAfter("| REUTERS"), "REUTERS @");
  EXPECT_EQ(CreditAfter("| REUTERS. Next sentence."), "REUTERS @Next sentence.");
}

TEST(ReadCredit, RejectsOrdinaryText) {
  EXPECT_EQ(CreditAfter("| reuters said"), "none");
  EXPECT_EQ(CreditAfter("| Reuters reviewed the call"), "none");
  EXPECT_EQ(CreditAfter("| REUTERS said"), "none");
  EXPECT_EQ(CreditAfter("| The man"), "none");
  EXPECT_EQ(CreditAfter("| 42"), "none");
  EXPECT_EQ(CreditAfter("|REUTERS"), "none");
  EXPECT_EQ(CreditAfter("| "), "none");
  EXPECT_EQ(CreditAfter("|"), "none");
  EXPECT_EQ(CreditAfter("| REUTERS, AFP"), "none");
  EXPECT_EQ(CreditAfter("| " + std::string(500, 'A')), "none");
}

// --- Flattened text ------------------------------------------------------------------------

std::string Describe(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& b : blocks) {
    out += "[" + std::string(BlockKindName(b.kind)) + ": " + b.text;
    if (!b.credit.empty()) out += " / " + b.credit;
    out += "]";
  }
  return out;
}

TEST(SplitFlattenedText, InlineCaptionStartsAfterThePreviousSentence) {
  const auto blocks = SplitFlattenedText(
      "The commission will report once done, a spokesperson said. People protest in Damascus "
      "on March 9. | REUTERS Suleiman's family borrowed money. It was not enough.",
      nullptr);
  EXPECT_EQ(Describe(blocks),
            "[paragraph: The commission will report once done, a spokesperson said.]"
            "[caption: People protest in Damascus on March 9. / REUTERS]"
            "[paragraph: Suleiman's family borrowed money. It was not enough.]");
}

TEST(SplitFlattenedText, StraightQuoteClosesTheSentenceBeforeACaption) {
  const auto blocks = SplitFlattenedText(
      "\"Honor was satisfied, a ceasefire had been agreed.' Emergency workers recover a body in "
      "Beersheeba, Israel, on Tuesday. | Daniel Berehulak / The New York Times Beyond the Middle "
      "East, a world is inured.",
      nullptr);
  EXPECT_EQ(Describe(blocks),
            "[paragraph: \"Honor was satisfied, a ceasefire had been agreed.']"
            "[caption: Emergency workers recover a body in Beersheeba, Israel, on Tuesday. / "
            "Daniel Berehulak / The New York Times]"
            "[paragraph: Beyond the Middle East, a world is inured.]");
}

TEST(SplitFlattenedText, AbbreviationsDoNotStartACaption) {
  const auto blocks = SplitFlattenedText(
      "Talks ended. U.S. President Donald Trump and Mr. Sharaa meet in Riyadh. | REUTERS Both "
      "sides spoke.",
      nullptr);
  EXPECT_EQ(Describe(blocks),
            "[paragraph: Talks ended.]"
            "[caption: U.S. President Donald Trump and Mr. Sharaa meet in Riyadh. / REUTERS]"
            "[paragraph: Both sides spoke.]");
}

TEST(SplitFlattenedText, WholeLineCaption) {
  EXPECT_EQ(
      Describe(SplitFlattenedText(
          "People inspect the damage at the church in Damascus on Sunday. | AFP-JIJI", nullptr)),
      "[caption: People inspect the damage at the church in Damascus on Sunday. / AFP-JIJI]");
  // An agency credit needs no closing period.
  EXPECT_EQ(Describe(SplitFlattenedText("Rescue workers at the scene | AFP-JIJI", nullptr)),
            "[caption: Rescue workers at the scene / AFP-JIJI]");
}

TEST(SplitFlattenedText, PipesInOrdinaryTextStayText) {
  for (const char* s :
       {"Scores on the night: Team A 3 | Team B 2", "Prices | rose sharply today.",
        "No caption here at all.", "a | b | c", "| REUTERS", "Two words | REUTERS"}) {
    const auto blocks = SplitFlattenedText(s, nullptr);
    ASSERT_EQ(blocks.size(), 1u) << s;
    EXPECT_EQ(blocks[0].kind, BlockKind::kParagraph) << s;
    EXPECT_EQ(blocks[0].text, std::string(Trim(s))) << s;
  }
}

TEST(SplitFlattenedText, RunInSubheadings) {
  const std::string text =
      "Al-Sharaa denounced the bloodshed and promised to punish those responsible, if necessary. "
      "Grabbed on her way to school Syrian rights advocate Yamen Hussein said most had taken "
      "place in the wake of the March violence. The bloodshed saw President Trump react. "
      "Dark memories of Islamic State Syria's Alawites dominated the country's elite for decades. "
      "Trump went as far as thanking Iran for the warning, officials said.";
  ProperNames names;
  names.Learn(text);
  EXPECT_EQ(Describe(SplitFlattenedText(text, &names)),
            "[paragraph: Al-Sharaa denounced the bloodshed and promised to punish those "
            "responsible, if necessary.]"
            "[heading: Grabbed on her way to school]"
            "[paragraph: Syrian rights advocate Yamen Hussein said most had taken place in the "
            "wake of the March violence. The bloodshed saw President Trump react.]"
            "[heading: Dark memories of Islamic State]"
            "[paragraph: Syria's Alawites dominated the country's elite for decades. Trump went "
            "as far as thanking Iran for the warning, officials said.]");
}

TEST(SplitFlattenedText, SentencesAreNotMistakenForSubheadings) {
  const std::string text =
      "It began. Senior security official Ahmad al-Dalati led the talks, people said. "
      "The echo of previous Middle East conflicts resounds. Trump indicated after meeting "
      "Sharaa that he was willing. Leaders from Qatar to Iraq warned of unrest. Rights "
      "advocate Yamen Hussein said so. Women targeted in Syria Reuters found were missing. "
      "Governments in east Asia have stopped two cruise ships. Trying to predict the South "
      "Carolina primary is hard, said the team.";
  ProperNames names;
  names.Learn(text);
  names.Learn("He met President Trump in May.");
  const auto blocks = SplitFlattenedText(text, &names);
  ASSERT_EQ(blocks.size(), 1u) << Describe(blocks);
  EXPECT_EQ(blocks[0].text, text);
}

TEST(ProperNames, LooksEnglish) {
  ProperNames english;
  english.Learn(
      "The commission, set up in 2011 to probe rights violations after the civil war broke out, "
      "will report to the council once the investigations are concluded, a spokesperson said.");
  EXPECT_TRUE(english.LooksEnglish());
  ProperNames french;
  french.Learn(
      "Il sera désormais examiné par le Sénat. Ces fichiers sont aujourd'hui exclus du périmètre "
      "d'action de la Cnil, a indiqué la ministre lors d'une conférence de presse mardi soir.");
  EXPECT_FALSE(french.LooksEnglish());
  EXPECT_FALSE(ProperNames().LooksEnglish());
}

TEST(SplitFlattenedText, NoSubheadingsInOtherLanguages) {
  const std::string text =
      "La loi a été votée mardi. Un deuxième avion dépêché par Paris doit ramener des Français "
      "dans la soirée, selon le ministère des affaires étrangères, qui suit la situation.";
  ProperNames names;
  names.Learn(text);
  ASSERT_EQ(SplitFlattenedText(text, &names).size(), 1u);
}

TEST(ProperNames, LearnsMidSentenceCapitals) {
  ProperNames names;
  names.Learn("Later, President Donald Trump's aide met officials. Grabbed | REUTERS Dark days.");
  EXPECT_TRUE(names.Contains("Donald"));
  EXPECT_TRUE(names.Contains("Trump"));
  EXPECT_FALSE(names.Contains("Later"));    // sentence start
  EXPECT_FALSE(names.Contains("Grabbed"));  // sentence start
  EXPECT_FALSE(names.Contains("Dark"));     // after a credit in capitals
}

// --- Chrome --------------------------------------------------------------------------------

TEST(ClassifyChrome, ReferencePageChrome) {
  EXPECT_EQ(ClassifyChrome("Hashtags"), ChromeKind::kSectionEnd);
  EXPECT_EQ(ClassifyChrome("Try Our AI Features"), ChromeKind::kSectionEnd);
  EXPECT_EQ(ClassifyChrome("Explore what Daily8 AI can do for you:"), ChromeKind::kLine);
  EXPECT_EQ(ClassifyChrome("Comments"), ChromeKind::kSectionEnd);
  EXPECT_EQ(ClassifyChrome("No comments yet..."), ChromeKind::kLine);
  EXPECT_EQ(ClassifyChrome("Related Articles"), ChromeKind::kRelatedStart);
}

TEST(ClassifyChrome, OtherAggregatorsChrome) {
  for (const char* s :
       {"Advertisement", "ADVERTISEMENT", "Share", "Share this article", "Read more",
        "Read more: Why Syria matters", "Sign up for our daily newsletter",
        "Sign up for The Briefing, delivered every morning.", "Skip to content", "5 min read",
        "12 Comments", "Home | World | Middle East", "#Syria #Israel", "Accept all cookies",
        "We use cookies to improve your experience on our site. By continuing you agree.",
        "Story continues below advertisement", "•", "***", "Listen to this article"}) {
    EXPECT_EQ(ClassifyChrome(s), ChromeKind::kLine) << s;
  }
  EXPECT_EQ(ClassifyChrome("You may also like"), ChromeKind::kSectionEnd);
  EXPECT_EQ(ClassifyChrome("More from Reuters"), ChromeKind::kSectionEnd);
  EXPECT_EQ(ClassifyChrome("Related Stories"), ChromeKind::kRelatedStart);
}

TEST(ClassifyChrome, RealParagraphsAreNotChrome) {
  for (const char* s :
       {"Share prices fell sharply after the announcement.",
        "Comments by the minister drew criticism from the opposition.",
        "Advertisement revenue at the paper has fallen by half since 2015.",
        "Regulators said Google's use of cookies broke the law.", "Read the full report here.",
        "Israel's foreign ministry and Syrian officials did not immediately respond.",
        "Home is where the heart is, she said.", "2025"}) {
    EXPECT_EQ(ClassifyChrome(s), ChromeKind::kNone) << s;
  }
}

// --- The whole page ------------------------------------------------------------------------

constexpr const char* kSmallPage =
    "Floods cut off northern towns\n"
    "Rivers burst their banks after a week of rain, officials said.\n"
    "Advertisement\n"
    "Rescue teams reached three villages on Monday.\n"
    "Rescuers carry a child through flood water in Ourense on Monday. |\n"
    "REUTERS\n"
    "Share\n"
    "The regional government declared an emergency.\n"
    "Comments\n"
    "I live there and it is awful.\n"
    "Related Articles\n"
    "\n"
    "Reuters\n"
    "3 hours ago\n"
    "- Reuters\n"
    "Storm moves east\n"
    "The storm moved east overnight. A man wades through water in Lugo. | AFP-JIJI Power was "
    "restored by noon.\n";

TEST(ReadCapture, SmallPage) {
  const Result<Article> r = ReadCapture(kSmallPage, Options());
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  const Article& a = *r;
  EXPECT_EQ(a.title, "Floods cut off northern towns");
  EXPECT_EQ(a.dek, "Rivers burst their banks after a week of rain, officials said.");
  EXPECT_EQ(Describe(a.blocks),
            "[paragraph: Rivers burst their banks after a week of rain, officials said.]"
            "[paragraph: Rescue teams reached three villages on Monday.]"
            "[caption: Rescuers carry a child through flood water in Ourense on Monday. / REUTERS]"
            "[paragraph: The regional government declared an emergency.]");
  EXPECT_EQ(a.text,
            "Rivers burst their banks after a week of rain, officials said.\n\n"
            "Rescue teams reached three villages on Monday.\n\n"
            "The regional government declared an emergency.");
  ASSERT_EQ(a.images.size(), 1u);
  EXPECT_EQ(
      a.images[0],
      (Image{"", "Rescuers carry a child through flood water in Ourense on Monday.", "REUTERS"}));
  ASSERT_EQ(a.related.size(), 1u);
  const RelatedItem& item = a.related[0];
  EXPECT_EQ(item.source, "Reuters");
  EXPECT_EQ(Iso(item.published), "2025-06-27T09:00:00Z");
  EXPECT_EQ(item.title, "Storm moves east");
  EXPECT_EQ(Describe(item.blocks),
            "[paragraph: The storm moved east overnight.]"
            "[caption: A man wades through water in Lugo. / AFP-JIJI]"
            "[paragraph: Power was restored by noon.]");
  EXPECT_EQ(item.text, "The storm moved east overnight.\n\nPower was restored by noon.");
  EXPECT_EQ(a.url, "https://example.com/story");
  EXPECT_EQ(a.captured, Captured());
  EXPECT_TRUE(a.source.name.empty());
  EXPECT_TRUE(a.language.empty());
}

TEST(ReadCapture, CrlfAndBomReadLikeLf) {
  std::string crlf = "\xEF\xBB\xBF";
  for (const char* p = kSmallPage; *p != '\0'; ++p) {
    if (*p == '\n') crlf += '\r';
    crlf += *p;
  }
  const auto lf = ReadCapture(kSmallPage, Options());
  const auto windows = ReadCapture(crlf, Options());
  ASSERT_TRUE(lf.has_value() && windows.has_value());
  EXPECT_EQ(ArticleToJson(*lf), ArticleToJson(*windows));
}

TEST(ReadCapture, OldMacLineEndsReadLikeLf) {
  std::string cr = kSmallPage;
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  const auto lf = ReadCapture(kSmallPage, Options());
  const auto mac = ReadCapture(cr, Options());
  ASSERT_TRUE(lf.has_value() && mac.has_value());
  EXPECT_EQ(ArticleToJson(*lf), ArticleToJson(*mac));
}

TEST(ReadCapture, EmptyInputFails) {
  for (const char* s : {"", "   ", "\n\n\r\n", "\t \n \xC2\xA0\n", "\xEF\xBB\xBF"}) {
    const Result<Article> r = ReadCapture(s, Options());
    ASSERT_FALSE(r.has_value()) << s;
    EXPECT_EQ(r.error().code, ErrorCode::kParse);
    EXPECT_EQ(r.error().message, "capture holds no text");
  }
}

TEST(ReadCapture, OnlyChromeFails) {
  const Result<Article> r =
      ReadCapture("Advertisement\nShare\nComments\nNo comments yet...\n", Options());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kParse);
}

TEST(ReadCapture, InvalidUtf8IsRepaired) {
  const Result<Article> r = ReadCapture(
      "Caf\xE9 owners protest\nThe owners of caf\xE9s marched on \xFF\xFE Monday.\n", Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->title, "Caf\xEF\xBF\xBD owners protest");
  EXPECT_TRUE(IsValidUtf8(r->text));
  EXPECT_NO_THROW((void)ArticleToJson(*r).dump());
}

TEST(ReadCapture, JunkBytesGiveABestEffortArticleOrAnError) {
  std::string junk;
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245u + 12345u;
    junk += static_cast<char>(x >> 24);
  }
  const Result<Article> r = ReadCapture(junk, Options());
  if (r.has_value()) {
    EXPECT_TRUE(IsValidUtf8(r->title) && IsValidUtf8(r->text));
    EXPECT_NO_THROW((void)ArticleToJson(*r).dump());
    EXPECT_EQ(r->text, JoinBodyText(r->blocks));
  } else {
    EXPECT_EQ(r.error().code, ErrorCode::kParse);
  }
}

TEST(ReadCapture, ControlCharactersAndNulAreRemoved) {
  const Result<Article> r = ReadCapture(std::string("Head\0line\nBody\x1B text.\n", 22), Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->title, "Headline");
  EXPECT_EQ(r->text, "Body text.");
}

TEST(ReadCapture, VeryLongSingleLineIsLinear) {
  // 8 MB of one flattened line, with sentence ends, pipes and capitals everywhere: the
  // patterns that could make a scan quadratic. 50 MB runs in the same time per byte.
  std::string line;
  const std::string chunk =
      "Officials said. A | B | x. Caption text here. | REUTERS More text with Names | x. ";
  while (line.size() < 8u << 20) line += chunk;
  const std::string page = "Headline\n" + line + "\n";
  const auto start = std::chrono::steady_clock::now();
  const Result<Article> r = ReadCapture(page, Options());
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->title, "Headline");
  EXPECT_FALSE(r->images.empty());
  EXPECT_LT(secs, 60.0);  // generous for sanitizer builds; quadratic would take hours
}

TEST(ReadCapture, VeryLongFirstLineIsNotAHeadline) {
  std::string para;
  while (para.size() < 2000) para += "Words of a paragraph that goes on. ";
  const Result<Article> r = ReadCapture(para, Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_LE(Utf8Length(r->title), 121u);
  EXPECT_EQ(r->text, std::string(Trim(para)));
}

TEST(ReadCapture, BylineAndDateLinesBeforeTheBody) {
  const Result<Article> r = ReadCapture(
      "Storm hits coast\nBy Jane Doe and John Roe\nJune 25, 2025\nThe storm hit the coast.\n",
      Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->byline, "Jane Doe and John Roe");
  EXPECT_EQ(Iso(r->published), "2025-06-25T00:00:00Z");
  EXPECT_EQ(r->text, "The storm hit the coast.");
  EXPECT_EQ(r->dek, "The storm hit the coast.");
}

TEST(ReadCapture, StandaloneSubheadingLine) {
  const Result<Article> r = ReadCapture(
      "Storm hits coast\nThe storm hit the coast.\nWhat comes next\nForecasters expect more "
      "rain.\n",
      Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(Describe(r->blocks),
            "[paragraph: The storm hit the coast.][heading: What comes next]"
            "[paragraph: Forecasters expect more rain.]");
}

TEST(ReadCapture, RelatedHeadingWithoutItemsKeepsTheBody) {
  const Result<Article> r = ReadCapture(
      "Storm hits coast\nThe storm hit the coast.\nRelated Stories\nForecasters expect more rain.\n"
      "Schools will stay closed.\nRoads are flooded.\nPower is out in places.\nMore later.\n",
      Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->related.empty());
  EXPECT_EQ(r->text,
            "The storm hit the coast.\n\nForecasters expect more rain.\n\nSchools will stay "
            "closed.\n\nRoads are flooded.\n\nPower is out in places.\n\nMore later.");
}

TEST(ReadCapture, ChromeBeforeTheHeadlineIsSkipped) {
  const Result<Article> r = ReadCapture(
      "Skip to content\nMenu\nComments\nStorm hits coast\nThe storm hit the coast.\n", Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->title, "Storm hits coast");
  EXPECT_EQ(r->text, "The storm hit the coast.");
}

TEST(ReadCapture, CaptionLineWithoutCreditLine) {
  const Result<Article> r = ReadCapture(
      "Storm hits coast\nThe storm hit the coast.\nA flooded street in Vigo on Monday. |\n"
      "Forecasters expect more rain.\n",
      Options());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(Describe(r->blocks),
            "[paragraph: The storm hit the coast.][caption: A flooded street in Vigo on Monday.]"
            "[paragraph: Forecasters expect more rain.]");
}

}  // namespace
}  // namespace wiredesk::parse
