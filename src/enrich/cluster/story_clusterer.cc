#include "enrich/cluster/story_clusterer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace wiredesk::enrich::cluster {
namespace {

constexpr uint32_t kNoSlot = UINT32_MAX;
constexpr uint32_t kAlone = UINT32_MAX - 1;

struct MemberInfo {
  int64_t key = 0;
  Instant time{};
  bool dated = false;
  bool title_only = false;
};

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
  // Who each member is, parallel to `members`.
  std::vector<MemberInfo> member_docs;
  size_t next_member = 0;
  // Tentative members (see ClusterOptions::tentative_below): counted in `size`, not in the
  // centroid nor among `members`, until a later joiner confirms them.
  std::vector<TermVector> pending;
  std::vector<MemberInfo> pending_docs;
};

// A tentative member, in the order they joined: where it is, and when it came.
struct PendingRef {
  uint32_t slot = 0;
  int64_t key = 0;
  uint64_t document = 0;
};

struct Scored {
  uint32_t slot = 0;
  double score = 0;
};

}  // namespace

struct StoryClusterer::Impl {
  explicit Impl(ClusterOptions o)
      : options(o),
        vectorizer(VectorizeOptions{o.entity_boost, o.number_boost, o.title_boost, o.stem}) {}

  ClusterOptions options;
  Vectorizer vectorizer;
  std::vector<Story> stories;  // slots; dead ones are on free_slots
  std::vector<uint32_t> free_slots;
  size_t alive = 0;
  StoryId next_id = 1;
  // Term id -> slots of the stories whose centroid holds the term.
  std::vector<std::vector<uint32_t>> postings;
  std::vector<StoryMerge> merges;
  std::vector<StoryMove> moves;
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
    s.member_docs.clear();
    s.member_docs.shrink_to_fit();
    s.pending.clear();
    s.pending_docs.clear();
    DropPendingRefs(slot);
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

  void AddMember(uint32_t slot, const TermVector& v, const MemberInfo& document) {
    Story& s = stories[slot];
    if (s.members.size() < options.members_kept) {
      s.members.push_back(v);
      s.member_docs.push_back(document);
    } else if (options.members_kept > 0) {
      s.members[s.next_member].assign(v.begin(), v.end());
      s.member_docs[s.next_member] = document;
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

  // Needs Spread(v) first.
  double Score(const Story& s, const TermVector& v) const {
    double best_member = 0;
    for (const TermVector& m : s.members) best_member = std::max(best_member, DenseDot(m));
    const double cw = options.centroid_weight;
    return Recent(s, cw * CentroidCosine(s, v) + (1 - cw) * best_member);
  }

  // The score member `index` of `s` would have against `s` without it. Needs Spread(member)
  // first, and every member held (Whole(s)): the centroid less the member is then exact.
  double ScoreWithout(const Story& s, size_t index) const {
    const TermVector& v = s.members[index];
    double best_member = 0;
    for (size_t k = 0; k < s.members.size(); ++k) {
      if (k != index) best_member = std::max(best_member, DenseDot(s.members[k]));
    }
    const double dot = DenseDot(s.centroid);
    const double self = SquaredNorm(v);
    const double rest2 = s.centroid_norm2 - 2 * dot + self;
    const double cos = rest2 > 1e-12 ? (dot - self) / std::sqrt(rest2) : 0;
    const double cw = options.centroid_weight;
    return RecentFor(s, cw * cos + (1 - cw) * best_member, s.member_docs[index],
                     &s.member_docs[index]);
  }

  // Score() for member `m` of another story, at its own time. Needs Spread(member) first.
  double ScoreMember(const Story& s, const TermVector& v, const MemberInfo& m) const {
    double best_member = 0;
    for (const TermVector& k : s.members) best_member = std::max(best_member, DenseDot(k));
    const double cw = options.centroid_weight;
    return RecentFor(s, cw * CentroidCosine(s, v) + (1 - cw) * best_member, m, nullptr);
  }

  // The story's text similarity scaled for recency.
  double Recent(const Story& s, double text) const {
    return Recency(text, dated, title_only, now - s.last_update);
  }

  // A member placed again is scored at its own time: the gap to the story's nearest other
  // member (not to now, which would favour whichever story grew last).
  double RecentFor(const Story& s, double text, const MemberInfo& m, const MemberInfo* skip) const {
    auto gap = Instant::duration::max();
    for (const MemberInfo& k : s.member_docs) {
      if (&k == skip) continue;
      gap = std::min(gap, k.time > m.time ? k.time - m.time : m.time - k.time);
    }
    if (gap == Instant::duration::max()) gap = s.last_update > m.time ? s.last_update - m.time : m.time - s.last_update;
    return Recency(text, m.dated, m.title_only, gap);
  }

  double Recency(double text, bool dated, bool title_only, Instant::duration gap) const {
    // An undated document brings no evidence of being close in time, so it needs more textual
    // evidence to join than a fresh dated one.
    const double floor = title_only ? options.recency_floor_title : options.recency_floor;
    if (!dated) return text * (title_only ? floor : options.undated_text);
    const double idle = std::chrono::duration<double>(gap).count();
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

  // Every member of the story is held, so its centroid is their sum.
  bool Whole(const Story& s) const { return s.members.size() + s.pending.size() == s.size; }

  // Tentative members.
  std::vector<PendingRef> pending_refs;
  void DropPendingRefs(uint32_t slot) {
    pending_refs.erase(std::remove_if(pending_refs.begin(), pending_refs.end(),
                                      [slot](const PendingRef& r) { return r.slot == slot; }),
                       pending_refs.end());
  }
  size_t PendingIndex(const Story& s, int64_t key) const {
    for (size_t k = 0; k < s.pending_docs.size(); ++k) {
      if (s.pending_docs[k].key == key) return k;
    }
    return s.pending_docs.size();
  }
  // Takes the tentative member out of its story's pending list (not out of its size).
  std::pair<TermVector, MemberInfo> TakePending(uint32_t slot, size_t index) {
    Story& s = stories[slot];
    std::pair<TermVector, MemberInfo> out{std::move(s.pending[index]), s.pending_docs[index]};
    s.pending.erase(s.pending.begin() + static_cast<std::ptrdiff_t>(index));
    s.pending_docs.erase(s.pending_docs.begin() + static_cast<std::ptrdiff_t>(index));
    const int64_t key = out.second.key;
    pending_refs.erase(std::remove_if(pending_refs.begin(), pending_refs.end(),
                                      [slot, key](const PendingRef& r) {
                                        return r.slot == slot && r.key == key;
                                      }),
                       pending_refs.end());
    return out;
  }
  void Confirm(uint32_t slot, size_t index) {
    auto [v, info] = TakePending(slot, index);
    AddToCentroid(slot, v);
    AddMember(slot, v, info);
  }

  // After `doc` went into story `slot`: its tentative members close to the document are
  // confirmed; tentative members elsewhere that score better against `slot` than against
  // their own story move there; those older than tentative_documents are confirmed.
  void SettlePending(uint32_t slot, double join, bool joined) {
    if (joined) {
      Spread(doc);
      for (size_t k = stories[slot].pending.size(); k-- > 0;) {
        if (DenseDot(stories[slot].pending[k]) >= options.tentative_confirm) Confirm(slot, k);
      }
      Unspread(doc);
    }
    for (size_t r = pending_refs.size(); r-- > 0;) {
      const PendingRef ref = pending_refs[r];
      if (ref.slot == slot) continue;
      const size_t index = PendingIndex(stories[ref.slot], ref.key);
      const TermVector& v = stories[ref.slot].pending[index];
      const MemberInfo& info = stories[ref.slot].pending_docs[index];
      Spread(v);
      const double there = ScoreMember(stories[slot], v, info);
      const double own = ScoreMember(stories[ref.slot], v, info);
      Unspread(v);
      if (there < join || there <= own + options.replace_margin) continue;
      auto [moved, moved_info] = TakePending(ref.slot, index);
      --stories[ref.slot].size;
      AddToCentroid(slot, moved);
      AddMember(slot, moved, moved_info);
      ++stories[slot].size;
      moves.push_back(StoryMove{moved_info.key, stories[ref.slot].id, stories[slot].id});
      if (stories[ref.slot].size == 0) Kill(ref.slot);
    }
    const uint64_t seen = vectorizer.Documents();
    while (!pending_refs.empty() &&
           pending_refs.front().document + options.tentative_documents <= seen) {
      const PendingRef ref = pending_refs.front();
      Confirm(ref.slot, PendingIndex(stories[ref.slot], ref.key));
    }
  }

  void RebuildCentroid(uint32_t slot) {
    Story& s = stories[slot];
    for (const TermWeight& tw : s.centroid) RemovePosting(tw.term, slot);
    s.centroid.clear();
    s.centroid_norm2 = 0;
    for (size_t k = 0; k < s.members.size(); ++k) AddToCentroid(slot, stories[slot].members[k]);
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

  // Member `index` of a whole story of two or more leaves it for `to` (kNoSlot: a story of
  // its own). Returns the slot it went to.
  uint32_t Move(uint32_t from, size_t index, uint32_t to) {
    TermVector v = std::move(stories[from].members[index]);
    const MemberInfo document = stories[from].member_docs[index];
    {
      Story& a = stories[from];
      a.members.erase(a.members.begin() + static_cast<std::ptrdiff_t>(index));
      a.member_docs.erase(a.member_docs.begin() + static_cast<std::ptrdiff_t>(index));
      // Whole stories never wrapped their ring, so the members are oldest first again.
      a.next_member = 0;
      --a.size;
    }
    RebuildCentroid(from);
    if (to == kNoSlot) to = OpenStory();
    AddToCentroid(to, v);
    AddMember(to, v, document);
    ++stories[to].size;
    moves.push_back(StoryMove{document.key, stories[from].id, stories[to].id});
    return to;
  }

  // Re-placement (see ClusterOptions::replace_max_size): the small whole stories among
  // `around` offer each member the other stories of `around`; the member that gains most by
  // moving moves, at most one per story.
  std::vector<uint32_t> around;
  void Revisit(double join) {
    for (size_t ci = 0; ci < around.size(); ++ci) {
      const uint32_t c = around[ci];
      const Story& s = stories[c];
      if (!s.alive || s.size < 2 || s.size > options.replace_max_size || !Whole(s)) continue;
      double best_gain = 0;
      size_t best_index = 0;
      uint32_t best_to = kNoSlot;
      for (size_t i = 0; i < s.members.size(); ++i) {
        const TermVector& m = s.members[i];
        Spread(m);
        const double own = ScoreWithout(s, i);
        // No longer fitting its story at all, nor any other: a story of its own.
        if (options.replace_alone > 0 && own < options.replace_alone * join &&
            join - own > best_gain) {
          best_gain = join - own;
          best_index = i;
          best_to = kAlone;
        }
        for (uint32_t t : around) {
          if (t == c || !stories[t].alive) continue;
          const double there = ScoreMember(stories[t], m, s.member_docs[i]);
          const double gain = there - own;
          if (there >= join && gain > options.replace_margin && gain > best_gain) {
            best_gain = gain;
            best_index = i;
            best_to = t;
          }
        }
        Unspread(m);
      }
      if (best_to == kAlone) {
        Move(c, best_index, kNoSlot);
      } else if (best_to != kNoSlot) {
        Move(c, best_index, best_to);
      }
    }
  }

  // Splitting (see ClusterOptions::split_max_size): the two groups of two or more members
  // with the weakest average link between them; the group without the newest member leaves
  // for a story of its own when that link is below split_bar and each group holds together
  // by split_margin more.
  std::vector<double> link;
  void Split(uint32_t slot) {
    const Story& s = stories[slot];
    const size_t n = s.members.size();
    if (s.size < 4 || s.size > options.split_max_size || !Whole(s) || n > 16) return;
    link.assign(n * n, 0);
    for (size_t i = 0; i < n; ++i) {
      Spread(s.members[i]);
      for (size_t j = i + 1; j < n; ++j) link[i * n + j] = link[j * n + i] = DenseDot(s.members[j]);
      Unspread(s.members[i]);
    }
    // Bit i set: member i stays with the newest member (the last one, whose bit is always set).
    const uint32_t newest = 1u << (n - 1);
    double best_between = 2;
    uint32_t best = 0;
    double best_within = 0;
    for (uint32_t mask = newest; mask < (1u << n); ++mask) {
      if (!(mask & newest)) continue;
      const int kept = __builtin_popcount(mask);
      if (kept < 2 || static_cast<int>(n) - kept < 2) continue;
      double between = 0, within_a = 0, within_b = 0;
      for (size_t i = 0; i < n; ++i) {
        for (size_t j = i + 1; j < n; ++j) {
          const bool ai = mask >> i & 1, aj = mask >> j & 1;
          if (ai != aj) between += link[i * n + j];
          else if (ai) within_a += link[i * n + j];
          else within_b += link[i * n + j];
        }
      }
      const double na = kept, nb = static_cast<double>(n) - kept;
      between /= na * nb;
      within_a /= na * (na - 1) / 2;
      within_b /= nb * (nb - 1) / 2;
      if (between < best_between) {
        best_between = between;
        best = mask;
        best_within = std::min(within_a, within_b);
      }
    }
    if (getenv("WD_SPLIT_DEBUG") && best != 0) {
      double wa = 0, wb = 0;
      const double na = __builtin_popcount(best), nb = static_cast<double>(n) - na;
      for (size_t i = 0; i < n; ++i) for (size_t j = i + 1; j < n; ++j) {
        const bool ai = best >> i & 1, aj = best >> j & 1;
        if (ai == aj && ai) wa += link[i * n + j]; else if (ai == aj) wb += link[i * n + j];
      }
      fprintf(stderr, "SPLIT %f %f %f A", best_between, wa / (na * (na - 1) / 2), wb / (nb * (nb - 1) / 2));
      for (size_t i = 0; i < n; ++i) if (best >> i & 1) fprintf(stderr, " %ld", (long)s.member_docs[i].key);
      fprintf(stderr, " B");
      for (size_t i = 0; i < n; ++i) if (!(best >> i & 1)) fprintf(stderr, " %ld", (long)s.member_docs[i].key);
      fprintf(stderr, "\n");
    }
    if (best == 0 || best_between >= options.split_bar ||
        best_within < best_between + options.split_margin) {
      return;
    }
    // The leaving group: the first one opens a story, the rest follow it.
    uint32_t to = kNoSlot;
    for (size_t i = n; i-- > 0;) {
      if (best >> i & 1) continue;
      to = Move(slot, i, to);
    }
    around.push_back(to);
  }

  void Merge(uint32_t into, uint32_t from) {
    Story& a = stories[into];
    Story& b = stories[from];
    merges.push_back(StoryMerge{b.id, a.id});
    // Copy out before Kill() frees `from`'s vectors.
    TermVector centroid = std::move(b.centroid);
    std::vector<TermVector> members = std::move(b.members);
    std::vector<MemberInfo> member_docs = std::move(b.member_docs);
    for (size_t k = 0; k < b.pending.size(); ++k) {
      a.pending.push_back(std::move(b.pending[k]));
      a.pending_docs.push_back(b.pending_docs[k]);
    }
    b.pending.clear();
    b.pending_docs.clear();
    for (PendingRef& r : pending_refs) {
      if (r.slot == from) r.slot = into;
    }
    const uint32_t size = b.size;
    const Instant last = b.last_update;
    b.centroid.clear();
    for (const TermWeight& tw : centroid) RemovePosting(tw.term, from);
    b.alive = false;
    --alive;
    free_slots.push_back(from);
    AddToCentroid(into, centroid);
    for (size_t k = 0; k < members.size(); ++k) AddMember(into, members[k], member_docs[k]);
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
    const MemberInfo info{d.key, now, dated, title_only};
    // A weak join to a small story is held tentative: it does not draw the next articles in.
    const bool tentative = !result.new_story && !title_only && options.tentative_below > 0 &&
                           result.similarity < options.tentative_below &&
                           s.size <= options.tentative_max_size;
    if (tentative) {
      s.pending.push_back(doc);
      s.pending_docs.push_back(info);
      pending_refs.push_back(PendingRef{slot, d.key, vectorizer.Documents()});
    } else {
      AddToCentroid(slot, doc);
      AddMember(slot, doc, info);
    }
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
    if (options.tentative_below > 0 && !title_only) {
      SettlePending(slot, join, !result.new_story && !tentative);
    }
    if (options.replace_max_size > 0 || options.split_max_size > 0) {
      around.clear();
      around.push_back(slot);
      for (const Scored& sc : scored) {
        if (stories[sc.slot].alive && sc.slot != slot) around.push_back(sc.slot);
      }
      if (options.split_max_size > 0) Split(slot);
      if (options.replace_max_size > 0) Revisit(join);
    }
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
  }
  for (const auto& p : impl_->postings) bytes += sizeof(p) + p.capacity() * sizeof(uint32_t);
  return bytes;
}

}  // namespace wiredesk::enrich::cluster
