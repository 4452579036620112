#include "enrich/entities/ner_model.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "enrich/entities/feature_hash.h"

namespace wiredesk::enrich::entities {

uint64_t HashString(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

uint64_t HashLower(std::string_view s) {
  char buf[128];
  if (s.size() > sizeof(buf)) s = s.substr(0, sizeof(buf));
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return XXH3_64bits(buf, s.size());
}

std::string_view TypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson: return "PER";
    case EntityType::kLocation: return "LOC";
    case EntityType::kOrganisation: return "ORG";
    case EntityType::kOther: return "MISC";
  }
  return "MISC";
}

std::string TagName(Tag tag) {
  if (tag == kOutside || tag >= kNumTags) return "O";
  return std::string(IsBegin(tag) ? "B-" : "I-") + std::string(TypeName(TypeOf(tag)));
}

std::optional<Tag> ParseTag(std::string_view name) {
  if (name == "O") return kOutside;
  if (name.size() < 3 || name[1] != '-' || (name[0] != 'B' && name[0] != 'I')) return std::nullopt;
  const std::string_view type = name.substr(2);
  for (int t = 0; t < kNumTypes; ++t) {
    if (TypeName(static_cast<EntityType>(t)) == type) {
      return name[0] == 'B' ? BeginTag(static_cast<EntityType>(t))
                            : InsideTag(static_cast<EntityType>(t));
    }
  }
  return std::nullopt;
}

void Gazetteer::Add(const std::vector<std::string_view>& tokens, GazetteerList list) {
  if (tokens.empty() || tokens.size() > kMaxPhraseTokens) return;
  uint64_t h = kPhraseSeed;
  for (std::string_view t : tokens) h = Combine(h, HashLower(t));
  phrases_[h] |= static_cast<uint8_t>(1u << static_cast<int>(list));
}

namespace {

constexpr std::string_view kMagic = "WDNER002";
constexpr std::string_view kMagicNoClusters = "WDNER001";

template <typename T>
void Put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  template <typename T>
  bool Get(T& v) {
    if (s_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&v, s_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetBytes(size_t n, std::string_view& v) {
    if (s_.size() - pos_ < n) return false;
    v = s_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool AtEnd() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<NerModel> ParseNerModel(std::string_view bytes, std::string_view context) {
  auto bad = [&](std::string why) {
    return Unexpected(MakeError(ErrorCode::kParse, "not a wiredesk entity model: " + why,
                                std::string(context)));
  };
  if (bytes.size() < kMagic.size() + 8 ||
      (bytes.substr(0, kMagic.size()) != kMagic &&
       bytes.substr(0, kMagic.size()) != kMagicNoClusters)) {
    return bad("bad magic");
  }
  const bool has_clusters = bytes.substr(0, kMagic.size()) == kMagic;
  uint64_t size = 0;
  std::memcpy(&size, bytes.data() + kMagic.size(), 8);
  // zlib expands at most ~1032:1, so a claimed size beyond that is a lie: refuse it before
  // allocating (a corrupt header must not ask for gigabytes).
  const uint64_t compressed = bytes.size() - kMagic.size() - 8;
  if (size > (uint64_t{1} << 31) || size > compressed * 1032 + 64) return bad("payload too large");
  std::string payload(size, '\0');
  uLongf out_len = static_cast<uLongf>(size);
  const std::string_view z = bytes.substr(kMagic.size() + 8);
  if (uncompress(reinterpret_cast<Bytef*>(payload.data()), &out_len,
                 reinterpret_cast<const Bytef*>(z.data()), static_cast<uLong>(z.size())) != Z_OK ||
      out_len != size) {
    return bad("corrupt payload");
  }
  Reader r(payload);
  NerModel m;
  uint32_t bits = 0, note_len = 0;
  uint64_t phrases = 0;
  std::string_view note;
  if (!r.Get(bits) || bits < 8 || bits > 26 || !r.Get(m.scale) || !r.Get(note_len) ||
      !r.GetBytes(note_len, note) || !r.Get(phrases)) {
    return bad("truncated header");
  }
  m.bucket_bits = static_cast<int>(bits);
  m.note = std::string(note);
  for (uint64_t i = 0; i < phrases; ++i) {
    uint64_t h = 0;
    uint8_t lists = 0;
    if (!r.Get(h) || !r.Get(lists)) return bad("truncated gazetteer");
    m.gazetteer.AddHashed(h, lists);
  }
  uint64_t clustered = 0;
  if (has_clusters && !r.Get(clustered)) return bad("truncated word clusters");
  for (uint64_t i = 0; i < clustered; ++i) {
    uint64_t h = 0;
    ClusterIds ids{};
    if (!r.Get(h)) return bad("truncated word clusters");
    for (uint16_t& id : ids) {
      if (!r.Get(id)) return bad("truncated word clusters");
    }
    m.clusters.Add(h, ids);
  }
  const size_t n = (size_t{1} << bits) * kNumTags;
  std::string_view w;
  if (!r.GetBytes(n * sizeof(int16_t), w) || !r.AtEnd()) return bad("weights of the wrong size");
  m.weights.resize(n);
  std::memcpy(m.weights.data(), w.data(), w.size());
  return m;
}

Result<NerModel> ReadNerModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Unexpected(MakeError(ErrorCode::kNotFound, "cannot open the entity model file", path));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseNerModel(bytes, path);
}

Result<void> WriteNerModel(const NerModel& model, const std::string& path) {
  std::string payload;
  Put(payload, static_cast<uint32_t>(model.bucket_bits));
  Put(payload, model.scale);
  Put(payload, static_cast<uint32_t>(model.note.size()));
  payload += model.note;
  // Sorted, so that the same model gives the same bytes.
  std::vector<std::pair<uint64_t, uint8_t>> phrases(model.gazetteer.phrases().begin(),
                                                    model.gazetteer.phrases().end());
  std::sort(phrases.begin(), phrases.end());
  Put(payload, static_cast<uint64_t>(phrases.size()));
  for (const auto& [h, lists] : phrases) {
    Put(payload, h);
    Put(payload, lists);
  }
  const std::vector<std::pair<uint64_t, ClusterIds>> clustered = model.clusters.Entries();
  Put(payload, static_cast<uint64_t>(clustered.size()));
  for (const auto& [h, ids] : clustered) {
    Put(payload, h);
    for (uint16_t id : ids) Put(payload, id);
  }
  payload.append(reinterpret_cast<const char*>(model.weights.data()),
                 model.weights.size() * sizeof(int16_t));
  uLongf z_len = compressBound(static_cast<uLong>(payload.size()));
  std::string z(z_len, '\0');
  if (compress2(reinterpret_cast<Bytef*>(z.data()), &z_len,
                reinterpret_cast<const Bytef*>(payload.data()), static_cast<uLong>(payload.size()),
                Z_BEST_COMPRESSION) != Z_OK) {
    return Unexpected(MakeError(ErrorCode::kInternal, "cannot compress the model", path));
  }
  z.resize(z_len);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << kMagic;
  const uint64_t size = payload.size();
  out.write(reinterpret_cast<const char*>(&size), sizeof(size));
  out << z;
  out.flush();
  if (!out) return Unexpected(MakeError(ErrorCode::kStorage, "cannot write the model", path));
  return {};
}

}  // namespace wiredesk::enrich::entities
