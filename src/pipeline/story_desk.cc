#include "pipeline/story_desk.h"

#include <algorithm>

#include "core/text.h"
#include "store/result_macros.h"

namespace wiredesk::pipeline {

namespace {

// Articles read back from the store per query while walking it in time order.
constexpr int kWalkPage = 256;

bool SamePublisher(std::string_view a, std::string_view b) {
  return AsciiLower(CollapseWhitespace(a)) == AsciiLower(CollapseWhitespace(b));
}

}  // namespace

store::StoryInput StoryInputOf(const Article& article, int64_t article_id) {
  store::StoryInput in;
  in.article_id = article_id;
  in.title = article.title;
  in.text = article.text;
  in.source = article.source.name;
  in.published = article.published;
  in.captured = article.captured;
  in.related = article.related;
  return in;
}

StoryDesk::StoryDesk(store::Store& store, PlacerOptions options)
    : store_(store), options_(options) {
  placer_.emplace(options_);
}

Result<FilingReport> StoryDesk::File(int64_t article_id) {
  std::lock_guard lock(mu_);
  return InTurn([&](FilingReport& report) -> Status {
    WD_ASSIGN_OR_RETURN(const std::optional<Article> article, store_.FindArticle(article_id));
    if (!article) {
      return Fail(ErrorCode::kNotFound, "no article with id " + std::to_string(article_id));
    }
    // The first filing rebuilds the window before it, and files this article in its place.
    if (!warm_) WD_RETURN_IF_ERROR(Warm(article->published.value_or(article->captured), report));
    WD_ASSIGN_OR_RETURN(const std::optional<int64_t> story, store_.StoryOf(article_id));
    if (story) return {};
    return Place(StoryInputOf(*article, article_id), /*replay=*/false, report);
  });
}

Result<FilingReport> StoryDesk::FileSince(Instant from) {
  std::lock_guard lock(mu_);
  return InTurn([&](FilingReport& report) -> Status {
    // Articles from before the clusterer's window (work a dead node left, found late) are
    // placed among their own time's stories: the window is read back from there first.
    if (warm_ && from < latest_ - options_.cluster.window) StartOver();
    if (!warm_) return Warm(from, report);
    return Walk(store::TimeCursor{from, 0}, /*replay_filed=*/false, report);
  });
}

Result<FilingReport> StoryDesk::InTurn(const std::function<Status(FilingReport&)>& pass) {
  // Several nodes on one database: one desk files at a time, and a desk whose clusterer has
  // not seen another node's filings (the epoch moved since its own last pass) reads the
  // stories back from the store first; otherwise two nodes filing articles of one story at
  // the same moment would each start it. A store with one writer has no turns.
  auto epoch = store_.LockStoryDesk();
  const bool shared = epoch.has_value();
  if (!shared && epoch.error().code != ErrorCode::kUnsupported) return Fail(epoch.error());
  if (shared && *epoch != epoch_) StartOver();
  FilingReport report;
  Status st = pass(report);
  if (shared) {
    const bool filed = report.filed > 0 || report.merges > 0 || report.moves > 0;
    auto released = store_.UnlockStoryDesk(filed);
    if (released) {
      epoch_ = *released;
    } else if (st) {
      st = Fail(released.error());
    }
  }
  if (!st) return Fail(st.error());
  return report;
}

Result<FilingReport> StoryDesk::Recompute() {
  std::lock_guard lock(mu_);
  return InTurn([&](FilingReport& report) -> Status {
    WD_RETURN_IF_ERROR(store_.ClearStories());
    StartOver();
    warm_ = true;  // nothing is filed now: there is no window to read back
    return Walk(std::nullopt, /*replay_filed=*/false, report);
  });
}

void StoryDesk::StartOver() {
  placer_.emplace(options_);
  stories_.clear();
  latest_ = last_forget_ = Instant{};
  warm_ = false;
}

Status StoryDesk::Warm(Instant from, FilingReport& report) {
  WD_ASSIGN_OR_RETURN(const store::ArticlePage newest, store_.LatestArticles(1, 0));
  warm_ = true;
  if (newest.articles.empty()) return {};
  const store::ArticleSummary& a = newest.articles.front();
  // The window before the first article to file, which is the newest stored one or an earlier
  // one: ingest stores its batch before filing it, so the newest is often the batch's last and
  // a batch longer than the window would otherwise start with none of the stories its first
  // articles belong to (they opened new ones, unlike an uninterrupted desk's).
  const Instant first = std::min(from, a.published.value_or(a.captured));
  return Walk(store::TimeCursor{first - options_.cluster.window, 0}, /*replay_filed=*/true,
              report);
}

Status StoryDesk::Walk(std::optional<store::TimeCursor> from, bool replay_filed,
                       FilingReport& report) {
  std::optional<store::TimeCursor> cursor = from;
  while (true) {
    WD_ASSIGN_OR_RETURN(const std::vector<store::StoryInput> page,
                        store_.ArticlesInTimeOrder(cursor, kWalkPage));
    if (page.empty()) return {};
    for (const store::StoryInput& in : page) {
      const bool filed = in.story_id != 0 || in.copy_of != 0;
      if (filed && !replay_filed) continue;
      WD_RETURN_IF_ERROR(Place(in, /*replay=*/filed, report));
    }
    cursor = store::TimeCursor{page.back().When(), page.back().article_id};
  }
}

Status StoryDesk::Place(const store::StoryInput& in, bool replay, FilingReport& report) {
  const Instant when = in.When();
  latest_ = std::max(latest_, when);
  Forget(latest_);
  const Placement p = placer_->Place(
      in.article_id, enrich::cluster::StoryDocument{in.title, in.text, in.source, when});
  WD_RETURN_IF_ERROR(ApplyMerges(report));
  // The article itself never moves (a split keeps the newest article's group), so its own
  // filing below is the same before or after the moves.
  WD_RETURN_IF_ERROR(ApplyMoves(replay, report));

  if (replay) {
    // Already in the store: only the clusterer's story learns which stored story it is.
    ++report.replayed;
    if (p.story != 0 && in.story_id != 0) {
      Mapped& m = stories_[p.story];
      m.seen = std::max(m.seen, when);
      if (m.story == 0) {
        m.story = in.story_id;
      } else if (m.story != in.story_id && m.filed_here) {
        // An unfiled article earlier in time order opened a stored story for what the
        // clusterer now sees is this filed article's story (a restart, or another node that
        // stored articles of it first): the store's two stories become the one, the older.
        WD_RETURN_IF_ERROR(MergeInStore(m.story, in.story_id, report));
      } else if (m.story != in.story_id) {
        // Two filed articles, one clusterer story, two stored stories: the pass that filed
        // them split the story (the replay splits it again further on, see ApplyMoves), or
        // saw it otherwise. The store's filing stands; the story files where the latest went.
        m.story = in.story_id;
      }
    }
    return {};
  }

  if (p.copy_of) {
    WD_RETURN_IF_ERROR(store_.MarkCopy(in.article_id, *p.copy_of));
    WD_ASSIGN_OR_RETURN(const std::optional<int64_t> story, store_.StoryOf(*p.copy_of));
    WD_RETURN_IF_ERROR(store_.FileInStory(in.article_id, story.value_or(0)));
    if (!story) ++report.new_stories;
    ++report.copies;
    ++report.filed;
    return {};
  }

  int64_t target = 0;
  if (auto it = stories_.find(p.story); it != stories_.end()) target = it->second.story;
  // A follow-up the clusterer cannot see (days or weeks after the story went quiet) joins the
  // story its own publisher lists it with.
  for (int64_t linked : LinkedStories(in)) {
    if (target == 0) {
      target = linked;
    } else if (linked != target) {
      WD_RETURN_IF_ERROR(MergeInStore(linked, target, report));
    }
  }
  Result<int64_t> story = store_.FileInStory(in.article_id, target);
  if (!story && story.error().code == ErrorCode::kNotFound && target != 0) {
    // The mapped story was deleted with its articles meanwhile: start a new one.
    target = 0;
    story = store_.FileInStory(in.article_id, 0);
  }
  if (!story) return Fail(story.error());
  if (target == 0) ++report.new_stories;
  ++report.filed;
  Mapped& m = stories_[p.story];
  m.story = *story;
  m.seen = std::max(m.seen, when);
  m.filed_here = true;
  return {};
}

Status StoryDesk::ApplyMerges(FilingReport& report) {
  for (const enrich::cluster::StoryMerge& merge : placer_->TakeMerges()) {
    auto from = stories_.find(merge.from);
    if (from == stories_.end()) continue;
    const Mapped gone = from->second;
    stories_.erase(from);
    Mapped& into = stories_[merge.into];
    into.seen = std::max(into.seen, gone.seen);
    if (into.story == 0) {
      into.story = gone.story;
    } else if (gone.story != 0 && gone.story != into.story) {
      WD_RETURN_IF_ERROR(MergeInStore(gone.story, into.story, report));
    }
  }
  return {};
}

// A split in the clusterer: each article that left goes to the store's story of the
// clusterer's new story (the first one opens it), and its syndicated copies, filed where it
// was, go with it. FileInStory takes an article out of its story and recounts that story, so
// a move never loses an article and leaves both stories' counts exact. A split met while
// reading the window back (replay) was filed by the pass that first made it: the new story
// only learns where its articles are.
Status StoryDesk::ApplyMoves(bool replay, FilingReport& report) {
  for (const enrich::cluster::StoryMove& move : placer_->TakeMoves()) {
    const auto from = stories_.find(move.from);
    const Instant seen = from == stories_.end() ? latest_ : from->second.seen;
    Mapped& into = stories_[move.into];
    into.seen = std::max(into.seen, seen);
    WD_ASSIGN_OR_RETURN(const std::optional<int64_t> was_in, store_.StoryOf(move.key));
    // Deleted meanwhile, or not filed (a pass that failed midway files it later).
    if (!was_in) continue;
    if (replay) {
      if (into.story == 0) into.story = *was_in;
      continue;
    }
    Result<int64_t> story = store_.FileInStory(move.key, into.story);
    if (!story && story.error().code == ErrorCode::kNotFound && into.story != 0) {
      // The mapped story was deleted with its articles meanwhile: start a new one.
      into.story = 0;
      story = store_.FileInStory(move.key, 0);
    }
    if (!story) {
      if (story.error().code == ErrorCode::kNotFound) continue;  // the article went meanwhile
      return Fail(story.error());
    }
    if (into.story == 0) ++report.new_stories;
    into.story = *story;
    into.filed_here = true;
    ++report.moves;
    Result<std::vector<store::ArticleSummary>> copies = store_.AlsoPublishedBy(move.key);
    if (!copies) {
      if (copies.error().code == ErrorCode::kUnsupported) continue;
      return Fail(copies.error());
    }
    for (const store::ArticleSummary& copy : *copies) {
      WD_ASSIGN_OR_RETURN(const std::optional<int64_t> copy_in, store_.StoryOf(copy.id));
      if (copy_in != was_in) continue;
      WD_RETURN_IF_ERROR(store_.FileInStory(copy.id, *story));
    }
  }
  return {};
}

std::vector<int64_t> StoryDesk::LinkedStories(const store::StoryInput& in) {
  std::vector<int64_t> out;
  for (const RelatedItem& r : in.related) {
    // Only the publisher's own follow-ups: another outlet's list is a recommendation.
    if (!r.source.empty() && !SamePublisher(r.source, in.source)) continue;
    Result<std::optional<int64_t>> id =
        !r.url.empty() ? store_.FindArticleIdByUrl(r.url)
                       : store_.FindArticleIdByTitle(r.source.empty() ? in.source : r.source, r.title);
    if (!id || !*id || **id == in.article_id) continue;
    Result<std::optional<int64_t>> story = store_.StoryOf(**id);
    if (!story || !*story) continue;
    if (std::find(out.begin(), out.end(), **story) == out.end()) out.push_back(**story);
  }
  return out;
}

Status StoryDesk::MergeInStore(int64_t from, int64_t into, FilingReport& report) {
  if (auto st = store_.MergeStories(from, into); !st) {
    // A story deleted with its articles meanwhile has nothing left to move.
    if (st.error().code != ErrorCode::kNotFound) return st;
  } else {
    ++report.merges;
  }
  for (auto& [id, m] : stories_) {
    if (m.story == from) m.story = into;
  }
  return {};
}

void StoryDesk::Forget(Instant now) {
  // The clusterer drops a story idle for a window; twice that is surely gone from it.
  if (now - last_forget_ < options_.cluster.window / 8) return;
  last_forget_ = now;
  const Instant horizon = now - 2 * options_.cluster.window;
  std::erase_if(stories_, [&](const auto& entry) { return entry.second.seen < horizon; });
}

}  // namespace wiredesk::pipeline
