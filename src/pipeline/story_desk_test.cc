// Ingest files articles in stories: the same event from two publishers is one story, two
// events of the same kind are two, a syndicated copy folds into its canonical article, a
// publisher's own follow-up list joins (and merges) stories, and a restart goes on where the
// last run stopped.
#include "pipeline/story_desk.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "pipeline/ingest.h"
#include "store/postgres/test_cluster.h"

namespace wiredesk::pipeline {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChileA =
    "Chile earthquake kills 12 in Valparaiso\n"
    "A magnitude 7.1 earthquake struck central Chile on Monday.\n"
    "A magnitude 7.1 earthquake struck near Valparaiso in central Chile on Monday morning, "
    "killing at least 12 people and toppling buildings in the port city.\n"
    "President Gabriel Boric declared a state of emergency in the Valparaiso region and sent "
    "soldiers to help rescue teams searching the rubble.\n"
    "The Chilean navy said there was no tsunami threat after the quake, which was felt in "
    "Santiago.\n";
constexpr const char* kChileB =
    "Valparaiso quake: Boric declares emergency as toll reaches 12\n"
    "Rescuers search rubble in the Chilean port.\n"
    "Rescue teams in Valparaiso searched collapsed buildings on Monday after a 7.1 magnitude "
    "earthquake shook central Chile, killing 12 people.\n"
    "Gabriel Boric, Chile's president, declared a state of emergency for the Valparaiso region "
    "and deployed soldiers.\n"
    "The quake was felt in Santiago; the navy ruled out a tsunami.\n";
constexpr const char* kJapan =
    "Earthquake hits Hokkaido, Japan, injuring 30\n"
    "A magnitude 6.4 quake shook northern Japan.\n"
    "A magnitude 6.4 earthquake struck Hokkaido in northern Japan on Monday, injuring 30 people "
    "in Sapporo and cutting power to 40,000 homes.\n"
    "Prime Minister Fumio Kishida said the government had set up a task force, and Japan Railways "
    "halted Shinkansen services.\n"
    "The Japan Meteorological Agency issued no tsunami warning.\n";

// Wire copy: the same text under other headlines, one with a trimmed lead, boilerplate added
// and its end cut off.
constexpr const char* kWireBody =
    "Engineers at the Kariba dam on the Zambezi river opened four floodgates on Thursday after "
    "weeks of heavy rain raised the level of the reservoir to within a metre of its crest.\n"
    "The Zambezi River Authority said the release would flood low-lying farmland downstream in "
    "Zambia and Zimbabwe and asked villagers in the Gwembe valley to move to higher ground.\n"
    "Officials said the dam wall itself was sound but that inspectors had found cracks in the "
    "plunge pool below the spillway that have worried engineers for more than a decade.\n"
    "A repair programme funded by the World Bank and the European Union began in 2017 and is "
    "due to be finished next year, the authority said in a statement.\n"
    "Farmers in the valley said they had received little warning and that maize fields ready "
    "for harvest would be lost under the water within days.\n";

class StoryDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wd_story_desk_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    store_ = Open();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::unique_ptr<store::Store> Open() {
    auto store = store::OpenStore((dir_ / "test.db").string());
    EXPECT_TRUE(store) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }
  // A capture NAME.txt with its sidecar.
  void Write(const std::string& name, const std::string& text, const std::string& source,
             const std::string& published) {
    std::ofstream(dir_ / "in" / (name + ".txt"), std::ios::binary) << text;
    std::ofstream(dir_ / "in" / (name + ".meta.json"), std::ios::binary)
        << R"({"url": "https://)" << name << R"(.example.org/story", "source": {"name": ")"
        << source << R"("}, "published": ")" << published << R"("})";
  }
  IngestReport Ingest(const std::vector<std::string>& names) {
    std::vector<fs::path> paths;
    for (const std::string& n : names) paths.push_back(dir_ / "in" / (n + ".txt"));
    IngestReport r = IngestPaths(*store_, paths, {}, clock_);
    EXPECT_TRUE(r.stories_error.empty()) << r.stories_error;
    return r;
  }
  int64_t Id(const std::string& name) {
    auto id = store_->FindArticleIdByUrl("https://" + name + ".example.org/story");
    EXPECT_TRUE(id && *id) << name;
    return id && *id ? **id : 0;
  }
  int64_t StoryOf(const std::string& name) {
    auto s = store_->StoryOf(Id(name));
    EXPECT_TRUE(s && *s) << name << " is in no story";
    return s && *s ? **s : 0;
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  FakeClock clock_{*ParseIso8601("2025-06-27T12:00:00Z")};
};

TEST_F(StoryDeskTest, OneEventFromTwoPublishersIsOneStoryAndAnotherQuakeStaysApart) {
  Write("chile-a", kChileA, "Alpha News", "2025-06-23T10:00:00Z");
  Write("japan", kJapan, "Alpha News", "2025-06-23T11:00:00Z");
  Write("chile-b", kChileB, "Beta Post", "2025-06-23T12:30:00Z");
  const IngestReport r = Ingest({"chile-a", "chile-b", "japan"});
  EXPECT_EQ(r.added, 3);
  EXPECT_EQ(r.stories.filed, 3);
  EXPECT_EQ(StoryOf("chile-a"), StoryOf("chile-b"));
  EXPECT_NE(StoryOf("chile-a"), StoryOf("japan"));
  const store::StoryPage page = store_->ListStories(10, 0).value();
  ASSERT_EQ(page.total, 2);
  EXPECT_EQ(page.stories[0].id, StoryOf("chile-a"));  // the larger one first
  EXPECT_EQ(page.stories[0].publisher_count, 2);
}

// An article stored after its story was filed but dated before every article of it (a
// restart, or another node that stored the story's later articles first): the desk opens a
// story for it in time order, then meets the filed ones and makes the two stories one.
TEST_F(StoryDeskTest, AnArticleDatedBeforeItsFiledStoryJoinsIt) {
  Write("chile-b", kChileB, "Beta Post", "2025-06-23T12:30:00Z");
  Write("chile-a", kChileA, "Alpha News", "2025-06-23T10:00:00Z");
  EXPECT_EQ(Ingest({"chile-b"}).stories.filed, 1);
  const IngestReport late = Ingest({"chile-a"});
  EXPECT_EQ(late.stories.filed, 1);
  EXPECT_EQ(StoryOf("chile-a"), StoryOf("chile-b"));
  EXPECT_EQ(store_->ListStories(10, 0)->total, 1);
}

TEST_F(StoryDeskTest, ASyndicatedCopyIsFoldedIntoItsCanonicalArticle) {
  Write("wire", std::string("Floodgates opened at Kariba dam\n") + kWireBody, "Wire Service",
        "2025-06-24T08:00:00Z");
  std::string body = kWireBody;
  body = body.substr(body.find('\n') + 1);          // the lead trimmed
  body = body.substr(0, body.rfind("Farmers"));     // the end cut off
  Write("copy", "Zambezi villagers told to move as dam spills\n" + body +
                    "Copyright 2025 Daily Herald. All rights reserved. Sign up for our "
                    "newsletter to get the day's news every morning.\n",
        "Daily Herald", "2025-06-24T09:30:00Z");
  Write("japan", kJapan, "Alpha News", "2025-06-24T10:00:00Z");
  const IngestReport r = Ingest({"copy", "wire", "japan"});
  EXPECT_EQ(r.stories.copies, 1);
  const int64_t wire = Id("wire");
  const int64_t copy = Id("copy");
  EXPECT_EQ(StoryOf("copy"), StoryOf("wire"));
  const auto also = store_->AlsoPublishedBy(wire).value();
  ASSERT_EQ(also.size(), 1u);
  EXPECT_EQ(also[0].id, copy);
  EXPECT_EQ(also[0].source.name, "Daily Herald");
  // Left out of lists and related coverage.
  EXPECT_EQ(store_->LatestArticles(10, 0).value().total, 2);
  const std::vector<store::RelatedArticle> related = store_->RelatedArticles(Id("japan"), 10).value();
  for (const store::RelatedArticle& rel : related) {
    EXPECT_NE(rel.article.id, copy);
  }
  const store::StorySummary s = store_->FindStory(StoryOf("wire")).value()->summary;
  EXPECT_EQ(s.article_count, 1);
  EXPECT_EQ(s.publisher_count, 2);
}

TEST_F(StoryDeskTest, AFollowUpListedByItsPublisherJoinsAndMergesStoriesKeepingEveryArticle) {
  Write("chile-a", kChileA, "Alpha News", "2025-05-01T10:00:00Z");
  Write("japan", kJapan, "Alpha News", "2025-05-20T11:00:00Z");
  Ingest({"chile-a", "japan"});
  ASSERT_NE(StoryOf("chile-a"), StoryOf("japan"));
  // Weeks later, a round-up whose own related list names both: one story now.
  Write("roundup",
        "A season of earthquakes\nScientists review a season of earthquakes.\n"
        "Seismologists met in Geneva to compare notes on the year's tremors.\n"
        "Hashtags\n\nComments\nNo comments yet...\nRelated Articles\n\n\n"
        "Alpha News\n01-05-2025\n- Alpha News\nChile earthquake kills 12 in Valparaiso\n"
        "A magnitude 7.1 earthquake struck near Valparaiso.\n\n"
        "Alpha News\n20-05-2025\n- Alpha News\nEarthquake hits Hokkaido, Japan, injuring 30\n"
        "A magnitude 6.4 earthquake struck Hokkaido.",
        "Alpha News", "2025-06-20T09:00:00Z");
  Ingest({"roundup"});
  const Article roundup = store_->FindArticle(Id("roundup")).value().value();
  ASSERT_EQ(roundup.related.size(), 2u) << "the capture's related list is read";
  EXPECT_EQ(StoryOf("roundup"), StoryOf("chile-a"));
  EXPECT_EQ(StoryOf("roundup"), StoryOf("japan"));
  EXPECT_EQ(store_->ListStories(10, 0).value().total, 1);
  EXPECT_EQ(store_->FindStory(StoryOf("roundup")).value()->summary.article_count, 3);
}

TEST_F(StoryDeskTest, AfterARestartTheStoryGoesOnAndClusterRecomputesTheSame) {
  Write("chile-a", kChileA, "Alpha News", "2025-06-23T10:00:00Z");
  Write("japan", kJapan, "Alpha News", "2025-06-23T11:00:00Z");
  Ingest({"chile-a", "japan"});
  // A new process: its desk reads the window back from the store.
  store_ = Open();
  Write("chile-b", kChileB, "Beta Post", "2025-06-24T08:00:00Z");
  const IngestReport r = Ingest({"chile-b"});
  EXPECT_EQ(r.stories.replayed, 2);
  EXPECT_EQ(r.stories.filed, 1);
  EXPECT_EQ(StoryOf("chile-b"), StoryOf("chile-a"));

  StoryDesk desk(*store_);
  const FilingReport again = desk.Recompute().value();
  EXPECT_EQ(again.filed, 3);
  EXPECT_EQ(StoryOf("chile-b"), StoryOf("chile-a"));
  EXPECT_NE(StoryOf("chile-a"), StoryOf("japan"));
  EXPECT_EQ(store_->ListStories(10, 0).value().total, 2);
  // Filing an article already filed changes nothing.
  EXPECT_EQ(desk.File(Id("japan")).value().filed, 0);
  EXPECT_EQ(desk.File(999).error().code, ErrorCode::kNotFound);
}

// Ingest stores a batch before it files it, so a restarted desk's newest stored article is
// the batch's last. A batch longer than the window still starts among the stories of the
// window before its first article, as a desk that never stopped would.
TEST_F(StoryDeskTest, AfterARestartABatchLongerThanTheWindowStartsAmongItsFirstArticlesStories) {
  Write("chile-a", kChileA, "Alpha News", "2025-06-23T10:00:00Z");
  Ingest({"chile-a"});
  store_ = Open();
  Write("chile-b", kChileB, "Beta Post", "2025-06-24T08:00:00Z");
  Write("japan", kJapan, "Alpha News", "2025-07-20T11:00:00Z");  // weeks later, same batch
  const IngestReport r = Ingest({"chile-b", "japan"});
  EXPECT_EQ(r.stories.replayed, 1);
  EXPECT_EQ(r.stories.filed, 2);
  EXPECT_EQ(StoryOf("chile-b"), StoryOf("chile-a"));
  EXPECT_NE(StoryOf("japan"), StoryOf("chile-a"));
  EXPECT_EQ(store_->ListStories(10, 0).value().total, 2);
}

// Two earthquakes whose first reports joined one story (a low join bar here, as a borderline
// score does in a real stream): when the story's members fall into two groups it splits, and
// the store follows: the leaving articles move to a new story, the syndicated copy of one of
// them goes with it, both stories are counted as a recount would count them, no article is
// lost, and a restarted desk reads the split back without moving anything again.
constexpr const char* kQuakes[][3] = {
    {"chile-1", "Alpha News",
     "Magnitude 8.8 earthquake strikes Chile\n"
     "A magnitude 8.8 earthquake struck central Chile near Concepcion on Saturday, killing at "
     "least 300 people. President Michelle Bachelet declared a state of catastrophe in Maule.\n"
     "Bachelet said troops would be sent to Concepcion and Talcahuano, where the sea swept "
     "fishing boats into the streets, and that the toll in Maule would rise.\n"
     "The quake cut power to most of Santiago and closed its airport for at least a day.\n"},
    {"haiti-1", "Beta Post",
     "Magnitude 7.0 earthquake devastates Haiti\n"
     "A magnitude 7.0 earthquake struck Haiti near Port-au-Prince on Tuesday, killing "
     "thousands. President Rene Preval said the national palace collapsed in Leogane.\n"},
    {"chile-copy", "Gamma Daily",
     "Chile hit by 8.8 quake\n"
     "A magnitude 8.8 earthquake struck central Chile near Concepcion on Saturday, killing at "
     "least 300 people. President Michelle Bachelet declared a state of catastrophe in Maule.\n"
     "Bachelet said troops would be sent to Concepcion and Talcahuano, where the sea swept "
     "fishing boats into the streets, and that the toll in Maule would rise.\n"
     "The quake cut power to most of Santiago and closed its airport for at least a day.\n"
     "Copyright Gamma Daily. Sign up for our newsletter.\n"},
    {"chile-2", "Beta Post",
     "Chile quake: Bachelet sends troops to Concepcion\n"
     "Michelle Bachelet sent troops to Concepcion and Maule after the Chile earthquake, as "
     "looting spread and the toll in Concepcion passed 300.\n"},
    {"haiti-2", "Alpha News",
     "Haiti quake: Preval says palace lost, Leogane flattened\n"
     "Rene Preval said the palace in Port-au-Prince was lost and Leogane flattened by the "
     "Haiti earthquake, as aid reached Port-au-Prince.\n"},
};

PlacerOptions LowJoinBar() {
  PlacerOptions o;
  o.cluster.join_text = 0.02;
  o.cluster.merge_text = 2;  // no merges: the case is about one story
  return o;
}

Article QuakeArticle(const char* const (&q)[3], int hour) {
  Article x;
  x.url = std::string("https://") + q[0] + ".example.org/story";
  const std::string_view capture = q[2];
  const size_t nl = capture.find('\n');
  x.title = std::string(capture.substr(0, nl));
  x.text = std::string(capture.substr(nl + 1));
  x.source = Source{0, q[1], ""};
  x.published = *ParseIso8601("2025-06-23T00:00:00Z") + std::chrono::hours(hour);
  x.captured = *x.published;
  return x;
}

void ASplitStoryIsSplitInTheStore(store::Store& st) {
  std::vector<int64_t> ids;
  FilingReport total;
  {
    StoryDesk desk(st, LowJoinBar());
    int hour = 1;
    for (const auto& q : kQuakes) {
      const auto up = st.UpsertArticle(QuakeArticle(q, hour++));
      ASSERT_TRUE(up) << up.error().ToString();
      ids.push_back(up->article_id);
      const FilingReport r = desk.File(ids.back()).value();
      total.moves += r.moves;
      total.copies += r.copies;
    }
  }
  EXPECT_EQ(total.copies, 1);
  EXPECT_EQ(total.moves, 2);  // chile-1 and chile-2; the copy follows chile-1
  auto story = [&](size_t k) { return st.StoryOf(ids[k]).value().value_or(0); };
  const int64_t chile = story(0);
  const int64_t haiti = story(1);
  EXPECT_NE(chile, 0);
  EXPECT_NE(chile, haiti);
  EXPECT_EQ(story(2), chile);
  EXPECT_EQ(story(3), chile);
  EXPECT_EQ(story(4), haiti);
  const store::StorySummary c = st.FindStory(chile).value().value().summary;
  EXPECT_EQ(c.article_count, 2);  // the copy is not counted as an article
  EXPECT_EQ(c.publisher_count, 3);  // Alpha, Gamma (the copy's outlet), Beta
  EXPECT_EQ(c.lead.id, ids[3]);
  const store::StorySummary h = st.FindStory(haiti).value().value().summary;
  EXPECT_EQ(h.article_count, 2);
  EXPECT_EQ(h.publisher_count, 2);
  EXPECT_EQ(h.headline, "Haiti quake: Preval says palace lost, Leogane flattened");
  EXPECT_EQ(st.ListStories(10, 0).value().total, 2);

  // A restarted desk reads the window back, split included, and files a later report in
  // Haiti's story without moving anything again.
  Article later = QuakeArticle(kQuakes[4], 8);
  later.url = "https://haiti-3.example.org/story";
  later.title = "Haiti quake: aid reaches Leogane";
  later.text = "Aid reached Leogane and Port-au-Prince as Rene Preval appealed for help after "
               "the Haiti earthquake flattened the palace.";
  const int64_t haiti_3 = st.UpsertArticle(later).value().article_id;
  StoryDesk desk(st, LowJoinBar());
  const FilingReport r = desk.File(haiti_3).value();
  EXPECT_EQ(r.moves, 0);
  EXPECT_EQ(r.replayed, 5);
  EXPECT_EQ(st.StoryOf(haiti_3).value().value_or(0), haiti);
  EXPECT_EQ(story(0), chile);
  EXPECT_EQ(st.ListStories(10, 0).value().total, 2);
}

TEST_F(StoryDeskTest, AStoryThatSplitsIsSplitInTheStoreKeepingEveryArticle) {
  ASplitStoryIsSplitInTheStore(*store_);
}

// The stories `wiredesk eval cluster` writes for a set: the placer alone over the articles in
// time order, a story followed through its merges, a moved article in the story it moved to, a
// copy wherever its canonical article ends up (src/cli/eval_command.cc). As sets of article ids.
std::set<std::set<int64_t>> PlacerAlone(const std::vector<store::StoryInput>& inputs,
                                        const PlacerOptions& options) {
  using enrich::cluster::StoryId;
  StoryPlacer placer(options);
  std::map<StoryId, StoryId> parent;
  auto find = [&](StoryId s) {
    while (parent.count(s) != 0) s = parent[s];
    return s;
  };
  std::map<int64_t, StoryId> story;
  std::map<int64_t, int64_t> canonical;
  for (const store::StoryInput& in : inputs) {
    const Placement p = placer.Place(
        in.article_id, enrich::cluster::StoryDocument{in.title, in.text, in.source, in.When()});
    if (p.copy_of) canonical[in.article_id] = *p.copy_of;
    story[in.article_id] = p.story;
    for (const auto& m : placer.TakeMerges()) {
      if (find(m.from) != find(m.into)) parent[find(m.from)] = find(m.into);
    }
    for (const auto& m : placer.TakeMoves()) story[m.key] = m.into;
  }
  std::map<StoryId, std::set<int64_t>> groups;
  for (const auto& [id, s] : story) {
    int64_t placed = id;
    while (canonical.count(placed) != 0) placed = canonical[placed];
    groups[find(story[placed])].insert(id);
  }
  std::set<std::set<int64_t>> out;
  for (auto& [s, ids] : groups) out.insert(std::move(ids));
  return out;
}

std::set<std::set<int64_t>> StoredStories(store::Store& st,
                                          const std::vector<store::StoryInput>& inputs) {
  std::map<int64_t, std::set<int64_t>> groups;
  for (const store::StoryInput& in : inputs) {
    groups[st.StoryOf(in.article_id).value().value_or(-in.article_id)].insert(in.article_id);
  }
  std::set<std::set<int64_t>> out;
  for (auto& [s, ids] : groups) out.insert(std::move(ids));
  return out;
}

// Ingest's desk and `eval cluster` are one decision: filing articles one by one (a split moving
// two of them, a copy folded) and recomputing the store give the placer's own stories, with
// the low join bar that splits and with the default options.
TEST_F(StoryDeskTest, TheDeskFilesTheStoriesThePlacerAloneMakes) {
  {
    StoryDesk desk(*store_, LowJoinBar());
    int hour = 1;
    FilingReport total;
    for (const auto& q : kQuakes) {
      const int64_t id = store_->UpsertArticle(QuakeArticle(q, hour++)).value().article_id;
      const FilingReport r = desk.File(id).value();
      total.moves += r.moves;
      total.copies += r.copies;
    }
    ASSERT_EQ(total.moves, 2);
    ASSERT_EQ(total.copies, 1);
  }
  Write("chile-a", kChileA, "Alpha News", "2025-06-23T10:00:00Z");
  Write("japan", kJapan, "Alpha News", "2025-06-23T11:00:00Z");
  Write("chile-b", kChileB, "Beta Post", "2025-06-23T12:30:00Z");
  StoryDesk desk(*store_, LowJoinBar());
  ASSERT_TRUE(desk.Recompute());
  const std::vector<store::StoryInput> inputs =
      store_->ArticlesInTimeOrder(std::nullopt, 100).value();
  ASSERT_EQ(inputs.size(), 5u);
  EXPECT_EQ(StoredStories(*store_, inputs), PlacerAlone(inputs, LowJoinBar()));

  Ingest({"chile-a", "japan", "chile-b"});
  StoryDesk plain(*store_);
  ASSERT_TRUE(plain.Recompute());
  const std::vector<store::StoryInput> all = store_->ArticlesInTimeOrder(std::nullopt, 100).value();
  ASSERT_EQ(all.size(), 8u);
  const std::set<std::set<int64_t>> placer = PlacerAlone(all, {});
  EXPECT_EQ(StoredStories(*store_, all), placer);
  EXPECT_LT(placer.size(), all.size());  // something was grouped
}

TEST(StoryDeskNodesTest, AStoryThatSplitsIsSplitInPostgreSQL) {
  std::string url;
  WD_PG_TEST_DATABASE(url);
  FakeClock clock{*ParseIso8601("2025-06-27T12:00:00Z")};
  auto st = store::OpenStore(url, store::StoreOptions{&clock});
  ASSERT_TRUE(st) << st.error().ToString();
  ASplitStoryIsSplitInTheStore(**st);
  st->reset();
  store::postgres::TestCluster::Get(nullptr)->DropDatabase(url);
}

// Two nodes on one PostgreSQL database, each with its own desk: node B's clusterer was warm
// before node A filed the first Chile article, so alone it would start a second story for the
// second. The store's desk lock and epoch make B read A's filing back first: one story.
// (tests/e2e/nodes_test.cc files thousands of stories from two processes at once.)
TEST(StoryDeskNodesTest, TwoNodesFilingOneStoryAtOnceKeepItWhole) {
  std::string url;
  WD_PG_TEST_DATABASE(url);
  FakeClock clock{*ParseIso8601("2025-06-27T12:00:00Z")};
  auto a = store::OpenStore(url, store::StoreOptions{&clock});
  auto b = store::OpenStore(url, store::StoreOptions{&clock});
  ASSERT_TRUE(a && b);
  auto article = [](const std::string& slug, std::string_view capture, const std::string& source,
                    const std::string& published) {
    Article x;
    x.url = "https://" + slug + ".example.org/story";
    const size_t nl = capture.find('\n');
    x.title = std::string(capture.substr(0, nl));
    x.text = std::string(capture.substr(nl + 1));
    x.source = Source{0, source, ""};
    x.published = *ParseIso8601(published);
    x.captured = *x.published;
    return x;
  };
  auto store_one = [](store::Store& s, const Article& x) {
    auto r = s.UpsertArticle(x);
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? r->article_id : 0;
  };
  StoryDesk desk_a(**a);
  StoryDesk desk_b(**b);
  const int64_t japan = store_one(**b, article("japan", kJapan, "Alpha News", "2025-06-23T09:00:00Z"));
  ASSERT_TRUE(desk_b.File(japan));  // B is warm now
  const int64_t chile_a =
      store_one(**a, article("chile-a", kChileA, "Alpha News", "2025-06-23T10:00:00Z"));
  const int64_t chile_b =
      store_one(**b, article("chile-b", kChileB, "Beta Post", "2025-06-23T12:30:00Z"));
  ASSERT_TRUE(desk_a.File(chile_a));
  ASSERT_TRUE(desk_b.File(chile_b));
  EXPECT_EQ((*a)->StoryOf(chile_a).value(), (*a)->StoryOf(chile_b).value());
  EXPECT_NE((*a)->StoryOf(chile_a).value(), (*a)->StoryOf(japan).value());

  a->reset();
  b->reset();
  store::postgres::TestCluster::Get(nullptr)->DropDatabase(url);
}

}  // namespace
}  // namespace wiredesk::pipeline
