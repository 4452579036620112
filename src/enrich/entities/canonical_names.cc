#include "enrich/entities/canonical_names.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace wiredesk::enrich::entities {
namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c + 32) : c; }

constexpr std::array<std::string_view, 14> kTitles = {
    "mr", "mrs", "ms", "dr", "prof", "sir", "president", "minister", "gen", "sen", "rep",
    "gov", "lord", "lady"};
constexpr std::array<std::string_view, 12> kParticles = {
    "al", "el", "bin", "ibn", "abu", "de", "da", "van", "von", "der", "la", "le"};

std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n') {
      flush();
    } else if (c != '.' && c != ',') {
      cur += AsciiLower(c);
    }
  }
  flush();
  if (!words.empty() && words.front() == "the") words.erase(words.begin());
  while (words.size() > 1 &&
         std::find(kTitles.begin(), kTitles.end(), words.front()) != kTitles.end()) {
    words.erase(words.begin());
  }
  if (!words.empty() && (words.back() == "'s" || words.back() == "\u2019s")) words.pop_back();
  return words;
}

// Name words without particles: "al-dalati" -> "dalati", ["bin", "laden"] -> ["laden"].
std::vector<std::string> CoreWords(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const std::string& w : words) {
    std::string_view v = w;
    if (const size_t dash = v.find('-'); dash != std::string_view::npos) {
      const std::string_view head = v.substr(0, dash);
      if (std::find(kParticles.begin(), kParticles.end(), head) != kParticles.end()) {
        v = v.substr(dash + 1);
      }
    }
    if (std::find(kParticles.begin(), kParticles.end(), v) != kParticles.end()) continue;
    if (!v.empty()) out.emplace_back(v);
  }
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// "EU", "U.S.", "UNHCR": 2-6 capitals, perhaps with full stops.
std::string AcronymOf(std::string_view text) {
  std::string letters;
  for (char c : text) {
    if (c == '.') continue;
    if (!IsAsciiUpper(c)) return {};
    letters += AsciiLower(c);
  }
  return letters.size() >= 2 && letters.size() <= 6 ? letters : std::string();
}

// Initials of the content words: "United States" -> "us", "Bank of England" -> "be" and
// "boe" (both: some acronyms keep "of").
std::array<std::string, 2> InitialsOf(const std::vector<std::string>& words) {
  std::array<std::string, 2> out;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    const bool function_word = w == "of" || w == "and" || w == "for" || w == "the" || w == "&";
    if (!function_word) out[0] += w[0];
    out[1] += w[0];
  }
  return out;
}

// Fixed aliases, each group under its first name's key.
constexpr std::array<std::array<std::string_view, 5>, 4> kAliases = {{
    {"united states", "us", "usa", "america", "united states of america"},
    {"united kingdom", "uk", "britain", "great britain", ""},
    {"united nations", "un", "", "", ""},
    {"european union", "eu", "", "", ""},
}};

std::string_view AliasGroup(const std::string& key) {
  for (const auto& group : kAliases) {
    for (std::string_view a : group) {
      if (!a.empty() && a == key) return group[0];
    }
  }
  return {};
}

// Whether `part` appears in order, contiguously, inside `whole`.
bool ContainsRun(const std::vector<std::string>& whole, const std::vector<std::string>& part) {
  if (part.empty() || part.size() > whole.size()) return false;
  return std::search(whole.begin(), whole.end(), part.begin(), part.end()) != whole.end();
}

struct Candidate {
  std::vector<std::string> words;
  std::vector<std::string> core;
  std::string key;
};

}  // namespace

std::string NameKey(std::string_view name) { return Join(Words(name)); }

std::vector<ArticleEntity> GroupMentions(const std::vector<Mention>& mentions) {
  std::vector<Candidate> cands(mentions.size());
  for (size_t i = 0; i < mentions.size(); ++i) {
    cands[i].words = Words(mentions[i].text);
    cands[i].core = CoreWords(cands[i].words);
    cands[i].key = Join(cands[i].words);
  }
  // Longest first, so that every shorter name finds the full name it abbreviates.
  std::vector<size_t> order(mentions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (cands[a].words.size() != cands[b].words.size()) {
      return cands[a].words.size() > cands[b].words.size();
    }
    return mentions[a].text.size() > mentions[b].text.size();
  });

  std::vector<ArticleEntity> entities;
  std::vector<size_t> head;  // the mention each entity was started by (its canonical one)
  auto first_mention = [&](size_t e) {
    return *std::min_element(entities[e].mentions.begin(), entities[e].mentions.end());
  };
  for (size_t m : order) {
    const Candidate& c = cands[m];
    const EntityType type = mentions[m].type;
    if (c.key.empty()) continue;
    const std::string acronym = AcronymOf(mentions[m].text);
    const std::string_view alias = AliasGroup(c.key);
    size_t found = entities.size();
    size_t found_first = SIZE_MAX;
    for (size_t e = 0; e < entities.size(); ++e) {
      const Candidate& h = cands[head[e]];
      const EntityType etype = entities[e].type;
      bool match = false;
      if (h.key == c.key) {
        match = true;
      } else if (!alias.empty() && AliasGroup(h.key) == alias) {
        match = true;
      } else if (etype == EntityType::kPerson && type == EntityType::kPerson &&
                 ContainsRun(h.core, c.core)) {
        match = true;
      } else if ((etype == EntityType::kPerson || type == EntityType::kPerson) &&
                 c.core.size() == 1 && h.core.size() >= 2 && c.core[0] == h.core.back()) {
        // A lone surname the tagger typed otherwise ("Annan" as ORG); not a first name ("Paris"
        // beside "Paris Hilton" stays a place).
        match = true;
      } else if (etype == type && !acronym.empty() && h.words.size() >= 2) {
        const auto initials = InitialsOf(h.words);
        match = acronym == initials[0] || acronym == initials[1];
      } else if (etype == type && type == EntityType::kOrganisation &&
                 c.words.size() < h.words.size() &&
                 std::equal(c.words.begin(), c.words.end(), h.words.begin())) {
        match = true;
      }
      if (!match) continue;
      const size_t f = first_mention(e);
      if (f < found_first) {
        found_first = f;
        found = e;
      }
    }
    if (found == entities.size()) {
      ArticleEntity entity;
      entity.type = type;
      entity.canonical = mentions[m].text;
      entities.push_back(std::move(entity));
      head.push_back(m);
    }
    entities[found].mentions.push_back(m);
  }
  for (ArticleEntity& e : entities) {
    std::sort(e.mentions.begin(), e.mentions.end());
    // The type most of its mentions were tagged with; the canonical mention's type on a tie.
    int votes[kNumTypes] = {};
    for (size_t m : e.mentions) ++votes[static_cast<int>(mentions[m].type)];
    for (int t = 0; t < kNumTypes; ++t) {
      if (votes[t] > votes[static_cast<int>(e.type)]) e.type = static_cast<EntityType>(t);
    }
    e.key = NameKey(e.canonical);
    if (const std::string_view alias = AliasGroup(e.key); !alias.empty()) e.key = alias;
  }
  // In order of first mention, as a reader meets them.
  std::sort(entities.begin(), entities.end(), [](const ArticleEntity& a, const ArticleEntity& b) {
    return a.mentions.front() < b.mentions.front();
  });
  return entities;
}

}  // namespace wiredesk::enrich::entities
