// The English named-entity model: tag set, gazetteer, hashed perceptron weights, file format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "enrich/entities/word_clusters.h"

namespace wiredesk::enrich::entities {

// CoNLL-2003's four types.
enum class EntityType : uint8_t { kPerson = 0, kLocation = 1, kOrganisation = 2, kOther = 3 };
inline constexpr int kNumTypes = 4;

// BIO tags as small integers: 0 is O; B-type is 1 + 2*type, I-type is 2 + 2*type.
using Tag = uint8_t;
inline constexpr int kNumTags = 1 + 2 * kNumTypes;
inline constexpr Tag kOutside = 0;
inline Tag BeginTag(EntityType t) { return static_cast<Tag>(1 + 2 * static_cast<int>(t)); }
inline Tag InsideTag(EntityType t) { return static_cast<Tag>(2 + 2 * static_cast<int>(t)); }
inline bool IsBegin(Tag t) { return t != kOutside && (t % 2) == 1; }
inline bool IsInside(Tag t) { return t != kOutside && (t % 2) == 0; }
inline EntityType TypeOf(Tag t) { return static_cast<EntityType>((t - 1) / 2); }

// "PER", "LOC", "ORG", "MISC".
std::string_view TypeName(EntityType type);
// "O", "B-PER", "I-LOC", ...
std::string TagName(Tag tag);
// Reads "O", "B-X", "I-X" with X one of the four names; nullopt for anything else.
std::optional<Tag> ParseTag(std::string_view name);
// BIO validity: I-X only after B-X or I-X.
inline bool Follows(Tag previous, Tag tag) {
  return !IsInside(tag) || (previous != kOutside && TypeOf(previous) == TypeOf(tag));
}

// Name lists the tagger sees as features (one bit each), built at training time and stored in
// the model, so the binary needs no data files at run time.
enum class GazetteerList : uint8_t {
  kCountry = 0,     // iso-codes ISO 3166-1 and 3166-3 names
  kSubdivision,     // iso-codes ISO 3166-2 names
  kLanguage,        // iso-codes ISO 639 names ("French", "Arabic"): often nationalities too
  kCurrency,        // iso-codes ISO 4217 names
  kPersonList,      // names from freely licensed annotated corpora (wikigold, WNUT-17)
  kLocationList,
  kOrganisationList,
  kOtherList,
};
inline constexpr int kNumGazetteerLists = 8;

// Token-sequence lookup: phrases are stored as the hash of their lower-cased tokens.
class Gazetteer {
 public:
  static constexpr size_t kMaxPhraseTokens = 6;

  // Adds a phrase (tokens as SplitSentences gives them) to `list`.
  void Add(const std::vector<std::string_view>& tokens, GazetteerList list);
  void AddHashed(uint64_t phrase_hash, uint8_t lists) { phrases_[phrase_hash] |= lists; }
  // Bitmask of lists holding the phrase with this hash (see PhraseHash), 0 if none.
  uint8_t Lookup(uint64_t phrase_hash) const {
    auto it = phrases_.find(phrase_hash);
    return it == phrases_.end() ? 0 : it->second;
  }
  size_t size() const { return phrases_.size(); }
  const std::unordered_map<uint64_t, uint8_t>& phrases() const { return phrases_; }

 private:
  std::unordered_map<uint64_t, uint8_t> phrases_;
};

struct NerModel {
  // Feature hashing: 2^bucket_bits rows of kNumTags weights.
  int bucket_bits = 0;
  // Stored weights are int16; the real weight is q * scale (only the argmax matters, so the
  // tagger adds the integers).
  float scale = 1.0f;
  std::vector<int16_t> weights;
  Gazetteer gazetteer;
  // Word clusters (word_clusters.h) by hash of the cased word; empty in models without them.
  ClusterTable clusters;
  // What it was trained on and how; shown by `wiredesk eval ner`.
  std::string note;
};

// Model files: "WDNER002", the payload's size (u64, little-endian), then the zlib-compressed
// payload: bucket bits, scale, note, gazetteer hashes, word clusters (count u64, then per word
// its HashString u64 and kClusterLevels u16 ids), weights. "WDNER001" files are the same without
// the word clusters and still load.
Result<NerModel> ParseNerModel(std::string_view bytes, std::string_view context);
Result<NerModel> ReadNerModel(const std::string& path);
Result<void> WriteNerModel(const NerModel& model, const std::string& path);

// The model built into the binary from src/enrich/entities/model/ner-en.bin, parsed on first
// use (thread-safe); an error when the build had no model file.
Result<const NerModel*> BuiltinNerModel();

}  // namespace wiredesk::enrich::entities
