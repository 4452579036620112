#include "enrich/cluster/story_clusterer.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace wiredesk::enrich::cluster {
namespace {

constexpr uint32_t kNoSlot = UINT32_MAX;

struct Story {
  StoryId id = 0;
  bool alive = false;
  Instant last_update{};
  uint32_t size = 0;
  // Sum of the member vectors, sorted by term, pruned to the heaviest terms.
  TermVector centroid;
  double centroid_norm2 = 0;
  // The most recent members, a ring of at most members_kept.
  std::vector<TermVector> members;
  // The key of each member, parallel to `members`.
  std::vector<int64_t> member_keys;
  // What each member says of its event, parallel to `members` (empty facts when off).
  std::vector<EventFacts> member_facts;
  size_t next_member = 0;
};

struct Scored {
  uint32_t slot = 0;
  double score = 0;
};

}  // namespace

struct StoryClusterer::Impl {
  explicit Impl(ClusterOptions o)
      : options(o),
        fact_options(o.facts),
        vectorizer(VectorizeOptions{o.entity_boost, o.number_boost, o.title_boost, o.stem}) {
    // Only the facts a rule uses are looked for.
    fact_options.dates = fact_options.dates && o.date_conflict < 1;
    fact_options.places = fact_options.places && o.place_conflict < 1;
  }

  ClusterOptions options;
  EventFactOptions fact_options;
  Vectorizer vectorizer;
  std::vector<Story> stories;  // slots; dead ones are on free_slots
  std::vector<uint32_t> free_slots;
  size_t alive = 0;
  StoryId next_id = 1;
  // Term id -> slots of the stories whose centroid holds the term.
  std::vector<std::vector<uint32_t>> postings;
  std::vector<StoryMerge> merges;
  std::vector<StoryMove> moves;
  int64_t newest_key = 0;
  Instant now{};
  Instant last_sweep{};
  bool dated = false;       // the document being added has a time of its own
  bool title_only = false;  // ... and no text, only a headline
  bool started = false;

  // Scratch reused across documents.
  TermVector doc;
  TermVector merged;
  std::vector<float> accumulator;  // per slot
  std::vector<uint32_t> touched;
  std::vector<Scored> scored;
  std::vector<TermWeight> by_weight;
  EventFacts doc_facts;  // of the document being added

  void AddPosting(uint32_t term, uint32_t slot) {
    if (term >= postings.size()) postings.resize(term + 1);
    postings[term].push_back(slot);
  }

  void RemovePosting(uint32_t term, uint32_t slot) {
    std::vector<uint32_t>& list = postings[term];
    auto it = std::find(list.begin(), list.end(), slot);
    if (it != list.end()) {
      *it = list.back();
      list.pop_back();
    }
  }

  uint32_t NewSlot() {
    uint32_t slot;
    if (!free_slots.empty()) {
      slot = free_slots.back();
      free_slots.pop_back();
    } else {
      slot = static_cast<uint32_t>(stories.size());
      stories.emplace_back();
      accumulator.push_back(0);
    }
    ++alive;
    return slot;
  }

  void Kill(uint32_t slot) {
    Story& s = stories[slot];
    for (const TermWeight& tw : s.centroid) RemovePosting(tw.term, slot);
    s.alive = false;
    s.centroid.clear();
    s.centroid.shrink_to_fit();
    s.members.clear();
    s.members.shrink_to_fit();
    s.member_keys.clear();
    s.member_keys.shrink_to_fit();
    s.member_facts.clear();
    s.member_facts.shrink_to_fit();
    --alive;
    free_slots.push_back(slot);
  }

  // Adds `v` (scaled) into the story's centroid, indexing the terms that are new to it.
  void AddToCentroid(uint32_t slot, const TermVector& v) {
    Story& s = stories[slot];
    merged.clear();
    size_t i = 0;
    size_t j = 0;
    while (i < s.centroid.size() || j < v.size()) {
      if (j == v.size() || (i < s.centroid.size() && s.centroid[i].term < v[j].term)) {
        merged.push_back(s.centroid[i++]);
      } else if (i == s.centroid.size() || v[j].term < s.centroid[i].term) {
        merged.push_back(v[j]);
        AddPosting(v[j].term, slot);
        ++j;
      } else {
        merged.push_back(TermWeight{v[j].term, s.centroid[i].weight + v[j].weight});
        ++i;
        ++j;
      }
    }
    s.centroid.swap(merged);
    if (s.centroid.size() > 2 * options.centroid_terms) Prune(slot);
    s.centroid_norm2 = SquaredNorm(s.centroid);
  }

  // Keeps the heaviest centroid_terms terms: a long-running story's tail of once-seen words
  // costs memory and postings and barely moves the cosine.
  void Prune(uint32_t slot) {
    Story& s = stories[slot];
    by_weight.assign(s.centroid.begin(), s.centroid.end());
    std::nth_element(by_weight.begin(), by_weight.begin() + options.centroid_terms,
                     by_weight.end(), [](const TermWeight& a, const TermWeight& b) {
                       return a.weight > b.weight;
                     });
    for (size_t k = options.centroid_terms; k < by_weight.size(); ++k) {
      RemovePosting(by_weight[k].term, slot);
    }
    by_weight.resize(options.centroid_terms);
    std::sort(by_weight.begin(), by_weight.end(),
              [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
    s.centroid.assign(by_weight.begin(), by_weight.end());
  }

  void AddMember(uint32_t slot, const TermVector& v, int64_t key, const EventFacts& f) {
    Story& s = stories[slot];
    if (s.members.size() < options.members_kept) {
      s.members.push_back(v);
      s.member_keys.push_back(key);
      s.member_facts.push_back(f);
    } else if (options.members_kept > 0) {
      s.members[s.next_member].assign(v.begin(), v.end());
      s.member_keys[s.next_member] = key;
      s.member_facts[s.next_member] = f;
      s.next_member = (s.next_member + 1) % options.members_kept;
    }
  }

  // The document's weights spread over a dense array indexed by term id while it is scored:
  // a member's dot product is then one gather per member term, with no merge branches.
  std::vector<float> dense;

  void Spread(const TermVector& v) {
    if (!v.empty() && v.back().term >= dense.size()) dense.resize(v.back().term + 1, 0.0f);
    for (const TermWeight& tw : v) dense[tw.term] = tw.weight;
  }
  void Unspread(const TermVector& v) {
    for (const TermWeight& tw : v) dense[tw.term] = 0.0f;
  }
  double DenseDot(const TermVector& m) const {
    double sum = 0;
    for (const TermWeight& tw : m) {
      if (tw.term < dense.size()) sum += static_cast<double>(dense[tw.term]) * tw.weight;
    }
    return sum;
  }

  double CentroidCosine(const Story& s, const TermVector& v) const {
    if (s.centroid_norm2 <= 0) return 0;
    const double dot = s.centroid.size() > 4 * v.size() ? Dot(s.centroid, v) : DenseDot(s.centroid);
    return dot / std::sqrt(s.centroid_norm2);
  }

  // How many documents with text named each place, of how many: a place most of the stream
  // names (the home country, its capital) tells no two events apart. Bounded by the
  // gazetteer's places, not by the stream.
  std::unordered_map<uint64_t, uint32_t> place_docs;
  uint32_t text_docs = 0;
  bool CommonPlace(uint64_t place) const {
    auto it = place_docs.find(place);
    return it != place_docs.end() && it->second > options.place_common_share * text_docs;
  }
  void CountPlaces(const EventFacts& f) {
    ++text_docs;
    for (const EventFacts::Place& p : f.places) ++place_docs[p.key];
  }

  // The factor event evidence puts on a story's score for the document being added (see
  // ClusterOptions::date_conflict): 1 unless the lead's day or the document's place says it
  // is another event.
  std::vector<std::pair<uint64_t, int>> place_votes;
  double EventAgreement(const Story& s) {
    double factor = 1;
    if (options.date_conflict < 1 && doc_facts.event_day != EventFacts::kNoDay) {
      // Members without a day (undated) give no evidence either way.
      bool any = false;
      bool near = false;
      for (const EventFacts& m : s.member_facts) {
        if (m.event_day == EventFacts::kNoDay) continue;
        any = true;
        const int64_t gap = static_cast<int64_t>(doc_facts.event_day) - m.event_day;
        near = near || (gap <= options.date_gap_days && gap >= -options.date_gap_days);
      }
      if (any && !near) factor *= options.date_conflict;
    }
    if (options.place_conflict < 1 && doc_facts.place != 0 && !CommonPlace(doc_facts.place)) {
      // The story's place: the one most of its kept members are about.
      place_votes.clear();
      int with_place = 0;
      bool names_doc_place = false;  // a member's headline or lead names the document's place
      for (const EventFacts& m : s.member_facts) {
        names_doc_place = names_doc_place || m.Prominent(doc_facts.place);
        if (m.place == 0 || CommonPlace(m.place)) continue;
        ++with_place;
        auto it = std::find_if(place_votes.begin(), place_votes.end(),
                               [&](const auto& p) { return p.first == m.place; });
        if (it == place_votes.end()) {
          place_votes.emplace_back(m.place, 1);
        } else {
          ++it->second;
        }
      }
      for (const auto& [place, votes] : place_votes) {
        if (2 * votes > with_place && place != doc_facts.place &&
            !names_doc_place && !doc_facts.Prominent(place)) {
          factor *= options.place_conflict;
        }
      }
    }
    return factor;
  }

  // Needs Spread(v) first.
  double Score(const Story& s, const TermVector& v) {
    double best_member = 0;
    for (const TermVector& m : s.members) best_member = std::max(best_member, DenseDot(m));
    const double cw = options.centroid_weight;
    const double text =
        (cw * CentroidCosine(s, v) + (1 - cw) * best_member) * EventAgreement(s);
    // An undated document brings no evidence of being close in time, so it needs more textual
    // evidence to join than a fresh dated one.
    const double floor = title_only ? options.recency_floor_title : options.recency_floor;
    if (!dated) return text * (title_only ? floor : options.undated_text);
    const double idle = std::chrono::duration<double>(now - s.last_update).count();
    const double half_life = std::max<double>(
        1.0, static_cast<double>((title_only ? options.recency_half_life_title
                                             : options.recency_half_life)
                                     .count()));
    return text * (floor + (1 - floor) * std::exp2(-idle / half_life));
  }

  // Stories that have not grown within the window leave the index; every fourth sweep the
  // vocabulary then forgets the words of neither an active story nor an article of the last
  // window (its periods are half a window, so two of them cover one: a word goes after one to
  // one and a half windows unseen). Marking the active stories' words every sweep cost ~2% of
  // the clustering time on UCI, for a vocabulary an eighth of a window fresher.
  std::vector<uint8_t> in_use;
  size_t sweeps = 0;
  void Sweep() {
    const Instant horizon = now - options.window;
    for (uint32_t slot = 0; slot < stories.size(); ++slot) {
      if (stories[slot].alive && stories[slot].last_update < horizon) Kill(slot);
    }
    last_sweep = now;
    if (++sweeps % 4 != 0) return;
    in_use.assign(vectorizer.IdLimit(), 0);
    for (const Story& s : stories) {
      if (!s.alive) continue;
      for (const TermWeight& tw : s.centroid) in_use[tw.term] = 1;
      for (const TermVector& m : s.members) {
        for (const TermWeight& tw : m) in_use[tw.term] = 1;
      }
    }
    vectorizer.Forget(2, in_use);
  }

  uint32_t OpenStory() {
    const uint32_t slot = NewSlot();
    Story& s = stories[slot];
    s.id = next_id++;
    s.alive = true;
    s.size = 0;
    s.next_member = 0;
    s.last_update = now;
    return slot;
  }

  // Splitting (see ClusterOptions::split_max_size). Needs every member of the story at hand
  // (then its centroid is their sum, and can be rebuilt from them).
  std::vector<double> link;
  void Split(uint32_t slot) {
    const size_t n = stories[slot].members.size();
    if (n != stories[slot].size || n < 4 || n > options.split_max_size || n > 16) return;
    link.assign(n * n, 0);
    for (size_t i = 0; i < n; ++i) {
      Spread(stories[slot].members[i]);
      for (size_t j = i + 1; j < n; ++j) {
        link[i * n + j] = DenseDot(stories[slot].members[j]);
      }
      Unspread(stories[slot].members[i]);
    }
    // Bit i of a part: member i stays, in the newest document's group.
    const size_t newest = static_cast<size_t>(
        std::find(stories[slot].member_keys.begin(), stories[slot].member_keys.end(),
                  newest_key) - stories[slot].member_keys.begin());
    if (newest == n) return;
    double best_between = 2;
    double best_within = 0;
    uint32_t best = 0;
    for (uint32_t part = 0; part < (1u << n); ++part) {
      if (!(part >> newest & 1)) continue;
      const int kept = __builtin_popcount(part);
      if (kept < 2 || static_cast<int>(n) - kept < 2) continue;
      double between = 0;
      double within_kept = 0;
      double within_left = 0;
      for (size_t i = 0; i < n; ++i) {
        const bool ki = part >> i & 1;
        for (size_t j = i + 1; j < n; ++j) {
          const bool kj = part >> j & 1;
          (ki != kj ? between : ki ? within_kept : within_left) += link[i * n + j];
        }
      }
      const double a = kept;
      const double b = static_cast<double>(n) - a;
      between /= a * b;
      if (between >= best_between) continue;
      best_between = between;
      best_within = std::min(within_kept / (a * (a - 1) / 2), within_left / (b * (b - 1) / 2));
      best = part;
    }
    if (best == 0 || best_between >= options.split_bar ||
        best_within < best_between + options.split_margin) {
      return;
    }
    const uint32_t to = OpenStory();
    Story& from = stories[slot];  // after OpenStory(), which may move the slots
    Story& into = stories[to];
    std::vector<TermVector> kept;
    std::vector<int64_t> kept_keys;
    std::vector<EventFacts> kept_facts;
    for (size_t i = 0; i < n; ++i) {
      if (best >> i & 1) {
        kept.push_back(std::move(from.members[i]));
        kept_keys.push_back(from.member_keys[i]);
        kept_facts.push_back(std::move(from.member_facts[i]));
      } else {
        AddToCentroid(to, from.members[i]);
        AddMember(to, from.members[i], from.member_keys[i], from.member_facts[i]);
        ++into.size;
        into.last_update = from.last_update;
        moves.push_back(StoryMove{from.member_keys[i], from.id, into.id});
      }
    }
    from.members = std::move(kept);
    from.member_keys = std::move(kept_keys);
    from.member_facts = std::move(kept_facts);
    from.next_member = 0;
    from.size -= into.size;
    for (const TermWeight& tw : from.centroid) RemovePosting(tw.term, slot);
    from.centroid.clear();
    for (const TermVector& m : from.members) AddToCentroid(slot, m);
  }

  void Merge(uint32_t into, uint32_t from) {
    Story& a = stories[into];
    Story& b = stories[from];
    merges.push_back(StoryMerge{b.id, a.id});
    // Copy out before Kill() frees `from`'s vectors.
    TermVector centroid = std::move(b.centroid);
    std::vector<TermVector> members = std::move(b.members);
    std::vector<int64_t> member_keys = std::move(b.member_keys);
    std::vector<EventFacts> member_facts = std::move(b.member_facts);
    const uint32_t size = b.size;
    const Instant last = b.last_update;
    b.centroid.clear();
    for (const TermWeight& tw : centroid) RemovePosting(tw.term, from);
    b.alive = false;
    --alive;
    free_slots.push_back(from);
    AddToCentroid(into, centroid);
    for (size_t k = 0; k < members.size(); ++k) {
      AddMember(into, members[k], member_keys[k], member_facts[k]);
    }
    stories[into].size += size;
    stories[into].last_update = std::max(stories[into].last_update, last);
  }

  Assignment Add(const StoryDocument& d) {
    dated = d.published.has_value();
    if (d.published) now = started ? std::max(now, *d.published) : *d.published;
    if (!started) {
      started = true;
      last_sweep = now;
    }
    // Sweeping every 1/8 of the window keeps at most 9/8 of a window in memory.
    if (now - last_sweep >= options.window / 8) Sweep();

    vectorizer.Vectorize(d.title, d.text, doc);
    title_only = Trimmed(d.text).empty();
    doc_facts = EventFacts{};
    if (!title_only && (fact_options.dates || fact_options.places)) {
      doc_facts = FindEventFacts(d.title, d.text, d.published, fact_options);
    }
    const double join = title_only ? options.join_title : options.join_text;
    const double merge_at = title_only ? options.merge_title : options.merge_text;

    // Candidates: stories sharing terms with the document, ranked by the document weight they
    // share; only the best few are scored exactly.
    // A term in the centroids of more than a quarter of the active stories is a stopword of
    // the moment ("new", "says"): it finds no story worth finding and its postings are the
    // longest, so it only adds its weight to the bound below.
    touched.clear();
    const size_t common = std::max<size_t>(64, alive / 4);
    float common_weight = 0;
    for (const TermWeight& tw : doc) {
      if (tw.term >= postings.size()) continue;
      if (postings[tw.term].size() > common) {
        common_weight += tw.weight;
        continue;
      }
      for (uint32_t slot : postings[tw.term]) {
        if (accumulator[slot] == 0) touched.push_back(slot);
        accumulator[slot] += tw.weight;
      }
    }
    // The shared document weight bounds the score from above (centroid and member weights are
    // at most 1 after normalisation, recency at most 1): below the join threshold a story
    // cannot be joined, so it is not scored at all. Most candidates share only a common word.
    scored.clear();
    for (uint32_t slot : touched) {
      if (accumulator[slot] + common_weight >= join) {
        scored.push_back(Scored{slot, accumulator[slot] + common_weight});
      }
    }
    for (uint32_t slot : touched) accumulator[slot] = 0;
    if (scored.size() > options.candidates) {
      std::nth_element(scored.begin(), scored.begin() + options.candidates, scored.end(),
                       [](const Scored& a, const Scored& b) { return a.score > b.score; });
      scored.resize(options.candidates);
    }
    // Best bound first; once a bound falls below the runner-up's score, no later candidate
    // can enter the top two, which is all the decision and the merge check look at.
    auto by_score = [](const Scored& a, const Scored& b) { return a.score > b.score; };
    std::sort(scored.begin(), scored.end(), by_score);
    Spread(doc);
    double first = -1;
    double second = -1;
    size_t exact = 0;
    for (; exact < scored.size() && scored[exact].score >= second; ++exact) {
      const double score = Score(stories[scored[exact].slot], doc);
      scored[exact].score = score;
      if (score > first) {
        second = first;
        first = score;
      } else if (score > second) {
        second = score;
      }
    }
    Unspread(doc);
    scored.resize(exact);
    std::sort(scored.begin(), scored.end(), by_score);

    Assignment result;
    uint32_t slot = kNoSlot;
    if (!scored.empty() && scored[0].score >= join) {
      slot = scored[0].slot;
      result.similarity = scored[0].score;
    } else {
      slot = OpenStory();
      result.new_story = true;
    }
    Story& s = stories[slot];
    AddToCentroid(slot, doc);
    AddMember(slot, doc, d.key, doc_facts);
    ++s.size;
    s.last_update = now;
    result.story = s.id;

    // One document close to two stories is the sign they may be one: merge when the
    // centroids themselves agree, so a single ambiguous article cannot chain two events.
    // Only the runner-up is checked: a third story this close is rare, and the check compares
    // two whole centroids.
    for (size_t k = 1; k < std::min<size_t>(scored.size(), 2) && !result.new_story; ++k) {
      if (scored[k].score < join) break;
      const uint32_t other = scored[k].slot;
      if (!stories[other].alive || other == slot) continue;
      const Story& a = stories[slot];
      const Story& b = stories[other];
      Spread(a.centroid);
      const double dot = DenseDot(b.centroid);
      Unspread(a.centroid);
      const double cos = dot / std::sqrt(std::max(a.centroid_norm2 * b.centroid_norm2, 1e-30));
      if (cos < merge_at) continue;
      // The larger story absorbs the smaller; its id is the one readers already saw more of.
      if (b.size > a.size) {
        Merge(other, slot);
        slot = other;
        result.story = stories[slot].id;
      } else {
        Merge(slot, other);
      }
    }
    if (!title_only && options.split_max_size > 0) {
      newest_key = d.key;
      Split(slot);
    }
    // The document's own places count as common from the next document on.
    if (!title_only && fact_options.places) CountPlaces(doc_facts);
    return result;
  }

  static std::string_view Trimmed(std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    return s;
  }
};

StoryClusterer::StoryClusterer(ClusterOptions options)
    : impl_(std::make_unique<Impl>(options)) {}

StoryClusterer::~StoryClusterer() = default;

Assignment StoryClusterer::Add(const StoryDocument& doc) { return impl_->Add(doc); }

std::vector<StoryMerge> StoryClusterer::TakeMerges() {
  std::vector<StoryMerge> out;
  out.swap(impl_->merges);
  return out;
}

std::vector<StoryMove> StoryClusterer::TakeMoves() {
  std::vector<StoryMove> out;
  out.swap(impl_->moves);
  return out;
}

size_t StoryClusterer::ActiveStories() const { return impl_->alive; }

uint64_t StoryClusterer::DocumentsSeen() const { return impl_->vectorizer.Documents(); }

size_t StoryClusterer::VocabularySize() const { return impl_->vectorizer.VocabularySize(); }

size_t StoryClusterer::MemoryUsage() const {
  size_t bytes = impl_->vectorizer.MemoryUsage();
  for (const Story& s : impl_->stories) {
    bytes += sizeof(Story) + s.centroid.capacity() * sizeof(TermWeight);
    for (const TermVector& m : s.members) bytes += sizeof(m) + m.capacity() * sizeof(TermWeight);
    bytes += s.member_keys.capacity() * sizeof(int64_t);
    bytes += s.member_facts.capacity() * sizeof(EventFacts);
    for (const EventFacts& f : s.member_facts) {
      bytes += f.places.capacity() * sizeof(EventFacts::Place);
    }
  }
  for (const auto& p : impl_->postings) bytes += sizeof(p) + p.capacity() * sizeof(uint32_t);
  bytes += impl_->place_docs.size() * (sizeof(uint64_t) + sizeof(uint32_t) + 2 * sizeof(void*));
  return bytes;
}

}  // namespace wiredesk::enrich::cluster
