#include "enrich/cluster/event_facts.h"

#include <algorithm>

#include "enrich/entities/feature_hash.h"
#include "enrich/entities/ner_model.h"
#include "enrich/entities/text_tokenizer.h"
#include "enrich/timex/calendar.h"
#include "enrich/timex/time_expressions.h"

namespace wiredesk::enrich::cluster {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view v, size_t at, size_t len) {
  int n = 0;
  for (size_t i = at; i < at + len; ++i) {
    if (i >= v.size() || !IsDigit(v[i])) return -1;
    n = n * 10 + (v[i] - '0');
  }
  return n;
}

// The day a TIMEX3 value names: "2019-01-25", with a time of day or a part of it
// ("2019-01-19TAF"), or a weekend ("2019-W03-WE", its Saturday); nullopt for anything coarser.
std::optional<int32_t> DayOfValue(std::string_view v) {
  if (v.size() >= 10 && v[4] == '-' && v[7] == '-' && (v.size() == 10 || v[10] == 'T')) {
    const int y = Digits(v, 0, 4);
    const int m = Digits(v, 5, 2);
    const int d = Digits(v, 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    return static_cast<int32_t>(timex::DayNumber(timex::Day{y, m, d}));
  }
  if (v.size() == 11 && v[4] == '-' && v[5] == 'W' && v.substr(8) == "-WE") {
    const int y = Digits(v, 0, 4);
    const int w = Digits(v, 6, 2);
    if (y < 0 || w < 1 || w > 53) return std::nullopt;
    // ISO week 1 holds January 4th; its Monday, then the Saturday of week w.
    const int64_t jan4 = timex::DayNumber(timex::Day{y, 1, 4});
    const int64_t monday = jan4 - (timex::Weekday(timex::Day{y, 1, 4}) - 1);
    return static_cast<int32_t>(monday + 7 * (w - 1) + 5);
  }
  return std::nullopt;
}

// A place name starts with a capital and is not all capitals: "WASHINGTON —" opening a
// story is a dateline, where the article was filed, not what it is about.
bool TitleCased(std::string_view t) {
  if (t.empty() || t[0] < 'A' || t[0] > 'Z') return false;
  return std::any_of(t.begin() + 1, t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

size_t LeadEnd(const std::vector<entities::TextSentence>& sentences, size_t lead_bytes) {
  for (const auto& s : sentences) {
    if (!s.tokens.empty() && s.tokens.back().end >= lead_bytes) return s.tokens.back().end;
  }
  return sentences.empty() || sentences.back().tokens.empty()
             ? 0
             : sentences.back().tokens.back().end;
}

struct PlaceCount {
  uint64_t key = 0;
  int mentions = 0;
  bool prominent = false;  // in the headline or the lead
};

// Words that may follow a place's name without making it part of a longer one: "Indiana
// Gov. Mike Pence", "Washington State", "Arkansas Legislature". Any other capitalised word
// after it ("Washington Post", "Paul Ryan") or before it, but for a sentence's first ("John
// Kerry", "Rep. Paul Ryan"; "The Arkansas bill" is Arkansas), makes the name something
// else's.
bool RoleAfterPlace(std::string_view w) {
  static constexpr std::string_view kRoles[] = {
      "Gov", "Gov.", "Governor", "Sen", "Sen.", "Senator", "Rep", "Rep.", "State", "House",
      "Senate", "Legislature", "Republicans", "Democrats", "Republican", "Democrat",
      "Attorney", "Police", "Supreme", "Secretary", "Mayor", "Lt", "Lt."};
  return std::find(std::begin(kRoles), std::end(kRoles), w) != std::end(kRoles);
}

// Counts the places named in running text (or a headline); `prominent_before` marks those in
// the lead.
void CountPlaces(std::string_view text, const std::vector<entities::TextSentence>& sentences,
                 size_t prominent_before, bool headline, const entities::Gazetteer& gazetteer,
                 uint8_t lists, std::vector<PlaceCount>& out) {
  constexpr size_t kLongest = 3;  // "New South Wales", "United Arab Emirates"
  auto word = [&](const entities::TextToken& t) { return text.substr(t.begin, t.end - t.begin); };
  for (const auto& s : sentences) {
    const auto& tok = s.tokens;
    for (size_t i = 0; i < tok.size(); ++i) {
      if (!TitleCased(word(tok[i]))) continue;
      uint64_t h = entities::kPhraseSeed;
      uint64_t found = 0;
      size_t found_end = i;
      for (size_t k = i; k < tok.size() && k - i < kLongest; ++k) {
        h = entities::Combine(h, entities::HashLower(word(tok[k])));
        if (gazetteer.Lookup(h) & lists) {
          found = h;
          found_end = k;
        }
      }
      if (found == 0) continue;
      // A headline capitalises every word: its places are the ones the text names as places.
      const bool inside_name =
          !headline && ((i > 1 && TitleCased(word(tok[i - 1]))) ||
          (found_end + 1 < tok.size() && TitleCased(word(tok[found_end + 1])) &&
           !RoleAfterPlace(word(tok[found_end + 1]))));
      if (!inside_name) {
        const bool prominent = tok[i].begin < prominent_before;
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const PlaceCount& p) { return p.key == found; });
        if (it == out.end()) {
          out.push_back(PlaceCount{found, 1, prominent});
        } else {
          ++it->mentions;
          it->prominent = it->prominent || prominent;
        }
      }
      i = found_end;
    }
  }
}

}  // namespace

EventFacts FindEventFacts(std::string_view title, std::string_view text,
                          std::optional<Instant> published, const EventFactOptions& options) {
  EventFacts facts;
  if (!options.places && !(options.dates && published)) return facts;
  // The dates need only the lead's sentences; the places count over the whole text.
  const auto sentences = entities::SplitSentences(
      options.places ? text : text.substr(0, std::min(text.size(), 2 * options.lead_bytes + 512)));
  const size_t lead_end = LeadEnd(sentences, options.lead_bytes);

  // Undated articles have no event day: without a publication date only the dates that name
  // their year could be read, and ECB+'s (its datelines) are publication dates, which for
  // one event run over weeks (ECB+ 10-order means with them: held-out 0.901 -> 0.868).
  if (options.dates && published) {
    const auto published_day = static_cast<int32_t>(timex::DayNumber(timex::DayOf(*published)));
    for (const TimeExpression& e :
         timex::FindTimeExpressions(text.substr(0, lead_end), *published)) {
      if (e.type != TimexType::kDate && e.type != TimexType::kTime) continue;
      const auto day = DayOfValue(e.value);
      if (!day) continue;
      // A day after publication is what is planned ("will speak on March 3"), not what
      // happened.
      const int64_t age = published_day - *day;
      if (age < 0) continue;
      // Further back it is background ("the law enacted last week"), or "on Wednesday"
      // read as the week before's.
      if (age > options.lead_days_back) continue;
      facts.event_day = *day;
      break;
    }
    if (facts.event_day == EventFacts::kNoDay) facts.event_day = published_day;
  }

  if (options.places) {
    static const entities::Gazetteer* const gazetteer = [] {
      auto model = entities::BuiltinNerModel();
      return model ? &(*model)->gazetteer : nullptr;
    }();
    if (gazetteer != nullptr) {
      std::vector<PlaceCount> counts;
      CountPlaces(text, sentences, lead_end, false, *gazetteer, options.place_lists, counts);
      std::vector<PlaceCount> in_title;
      CountPlaces(title, entities::SplitSentences(title), title.size(), true, *gazetteer,
                  options.place_lists, in_title);
      std::stable_sort(counts.begin(), counts.end(), [](const PlaceCount& a, const PlaceCount& b) {
        return a.mentions > b.mentions;
      });
      for (size_t i = 0; i < counts.size() && i < EventFacts::kMaxPlaces; ++i) {
        const uint64_t key = counts[i].key;
        const bool titled = std::any_of(in_title.begin(), in_title.end(),
                                        [&](const PlaceCount& t) { return t.key == key; });
        facts.places.push_back(EventFacts::Place{
            counts[i].key, static_cast<uint16_t>(std::min(counts[i].mentions, 65535)), titled,
            counts[i].prominent});
      }
      // The headline's places first, then the lead's; most mentioned first within each.
      for (const bool headline : {true, false}) {
        const EventFacts::Place* best = nullptr;
        bool tie = false;
        for (const EventFacts::Place& p : facts.places) {
          if (p.mentions < options.place_mentions || !(headline ? p.in_title : p.in_lead)) {
            continue;
          }
          if (best == nullptr) {
            best = &p;
          } else if (p.mentions == best->mentions) {
            tie = true;
          }
        }
        if (best != nullptr) {
          if (!tie) facts.place = best->key;
          break;
        }
      }
    }
  }
  return facts;
}

}  // namespace wiredesk::enrich::cluster
