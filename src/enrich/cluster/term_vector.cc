#include "enrich/cluster/term_vector.h"

#include <libstemmer.h>

#include <algorithm>
#include <cmath>

namespace wiredesk::enrich::cluster {

namespace {
// For a short vector against a long one (a headline against a story centroid): binary search
// for each short term, O(s log l) instead of the O(s + l) walk.
double DotSkewed(const TermVector& small, const TermVector& large) {
  double sum = 0;
  auto from = large.begin();
  for (const TermWeight& tw : small) {
    from = std::lower_bound(from, large.end(), tw.term,
                            [](const TermWeight& x, uint32_t term) { return x.term < term; });
    if (from == large.end()) break;
    if (from->term == tw.term) sum += static_cast<double>(tw.weight) * from->weight;
  }
  return sum;
}
}  // namespace

double Dot(const TermVector& a, const TermVector& b) {
  if (a.size() * 8 < b.size()) return DotSkewed(a, b);
  if (b.size() * 8 < a.size()) return DotSkewed(b, a);
  double sum = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].term < b[j].term) {
      ++i;
    } else if (b[j].term < a[i].term) {
      ++j;
    } else {
      sum += static_cast<double>(a[i].weight) * b[j].weight;
      ++i;
      ++j;
    }
  }
  return sum;
}

double SquaredNorm(const TermVector& v) {
  double sum = 0;
  for (const TermWeight& tw : v) sum += static_cast<double>(tw.weight) * tw.weight;
  return sum;
}

struct Vectorizer::Stemmer {
  sb_stemmer* stemmer = sb_stemmer_new("english", "UTF_8");
  ~Stemmer() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
};

namespace {
constexpr uint8_t kEntity = 1;
constexpr uint8_t kNumber = 2;
}  // namespace

Vectorizer::Vectorizer(VectorizeOptions options)
    : options_(options), stemmer_(options.stem ? std::make_unique<Stemmer>() : nullptr) {}

Vectorizer::~Vectorizer() = default;

uint32_t Vectorizer::Intern(std::string_view lowered, bool number) {
  if (auto id = surface_to_term_.Find(lowered)) return *id;
  // First sighting of this surface form: stem it once; every later sighting is one lookup.
  std::string_view key = lowered;
  if (stemmer_ && stemmer_->stemmer && !number) {
    const sb_symbol* s = sb_stemmer_stem(stemmer_->stemmer,
                                         reinterpret_cast<const sb_symbol*>(lowered.data()),
                                         static_cast<int>(lowered.size()));
    if (s) key = std::string_view(reinterpret_cast<const char*>(s),
                                  static_cast<size_t>(sb_stemmer_length(stemmer_->stemmer)));
  }
  uint32_t id;
  if (auto found = stem_to_term_.Find(key)) {
    id = *found;
  } else if (!free_ids_.empty()) {
    // A forgotten term's id: its df is 0 and its scratch slots were left cleared.
    id = free_ids_.back();
    free_ids_.pop_back();
    stem_to_term_.Insert(key, id);
  } else {
    id = static_cast<uint32_t>(df_.size());
    stem_to_term_.Insert(key, id);
    df_.push_back(0);
    last_seen_.push_back(0);
    tf_.push_back(0);
    flags_.push_back(0);
  }
  surface_to_term_.Insert(lowered, id);
  return id;
}

void Vectorizer::Count(const std::vector<Token>& tokens, float weight, bool title,
                       bool mostly_capitalised) {
  for (const Token& t : tokens) {
    const uint32_t id = Intern(t.text, t.number);
    if (tf_[id] == 0 && flags_[id] == 0) touched_.push_back(id);
    tf_[id] += weight;
    // In a Headline In Title Case every word is capitalised: that says nothing about names.
    const bool entity = title ? (t.capitalised && !mostly_capitalised) || t.entity : t.entity;
    flags_[id] |= (entity ? kEntity : 0) | (t.number ? kNumber : 0) | 4;
  }
}

void Vectorizer::Vectorize(std::string_view title, std::string_view text, TermVector& out) {
  out.clear();
  touched_.clear();
  {
    const std::vector<Token>& tokens = tokenizer_.Tokenize(title);
    size_t caps = 0;
    for (const Token& t : tokens) caps += t.capitalised;
    Count(tokens, static_cast<float>(options_.title_boost), true, caps * 2 > tokens.size());
  }
  Count(tokenizer_.Tokenize(text), 1.0f, false, false);
  ++documents_;
  const double n = static_cast<double>(documents_);
  double norm2 = 0;
  for (uint32_t id : touched_) {
    ++df_[id];
    last_seen_[id] = period_;
    const double idf = std::log((n + 1) / (df_[id] + 1)) + 1;
    double w = (1 + std::log(static_cast<double>(tf_[id]))) * idf;
    if (flags_[id] & kEntity) w *= options_.entity_boost;
    if (flags_[id] & kNumber) w *= options_.number_boost;
    out.push_back(TermWeight{id, static_cast<float>(w)});
    norm2 += w * w;
    tf_[id] = 0;
    flags_[id] = 0;
  }
  std::sort(out.begin(), out.end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
  if (norm2 > 0) {
    const float inv = static_cast<float>(1 / std::sqrt(norm2));
    for (TermWeight& tw : out) tw.weight *= inv;
  }
}

size_t Vectorizer::Forget(uint32_t periods, const std::vector<uint8_t>& in_use) {
  size_t forgotten = 0;
  for (uint32_t id = 0; id < df_.size(); ++id) {
    if (df_[id] == 0) continue;  // free, or forgotten already
    if (period_ - last_seen_[id] < periods) continue;
    if (id < in_use.size() && in_use[id]) continue;
    df_[id] = 0;
    ++forgotten;
  }
  ++period_;
  forgotten_ += forgotten;
  // A forgotten term stays in the string tables (a word that comes back before they are
  // rebuilt finds its id and counts from 0 again) until they are rebuilt, once the forgotten
  // are a quarter of the terms: each rebuild then costs about what the words it drops cost to
  // add. Only then are their ids free for new words.
  if (forgotten_ * 4 >= df_.size() - free_ids_.size() && forgotten_ > 0) {
    auto kept = [this](uint32_t id) { return df_[id] != 0; };
    surface_to_term_.Retain(kept);
    stem_to_term_.Retain(kept);
    free_ids_.clear();
    // Highest first, so the lowest are taken first: the arrays indexed by term id (here and
    // the owner's) stay dense.
    for (uint32_t id = static_cast<uint32_t>(df_.size()); id-- > 0;) {
      if (df_[id] == 0) free_ids_.push_back(id);
    }
    forgotten_ = 0;
  }
  return forgotten;
}

size_t Vectorizer::VocabularySize() const {
  return static_cast<size_t>(std::count_if(df_.begin(), df_.end(), [](uint32_t n) { return n > 0; }));
}

size_t Vectorizer::MemoryUsage() const {
  return df_.capacity() * (2 * sizeof(uint32_t) + sizeof(float) + 1) +
         free_ids_.capacity() * sizeof(uint32_t) + surface_to_term_.MemoryUsage() +
         stem_to_term_.MemoryUsage();
}

}  // namespace wiredesk::enrich::cluster
