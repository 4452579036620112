// What an article says about its event that a bag of words does not hold: the day its lead
// names and the place it is mostly about. Two events of one kind a few days or a few states
// apart (Indiana's religious-freedom law and Arkansas's, Trump's immigration offer of Saturday
// and the deal of the next Friday) share nearly all their words, but not these.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"

namespace wiredesk::enrich::cluster {

struct EventFactOptions {
  // The lead: the text's first sentences up to this many bytes (the sentence that crosses
  // the mark included).
  size_t lead_bytes = 300;
  bool dates = true;
  // A day the lead names counts when it is at most this many days before publication: further
  // back it is background ("the law enacted last week") or a weekday read as the week
  // before's; after publication it is planned, not done.
  int lead_days_back = 3;
  bool places = true;
  // A place is the article's own when it is named this often, once in the headline or lead.
  int place_mentions = 2;
  // Which of the tagger's gazetteer lists count as places (bits of entities::GazetteerList):
  // countries and ISO 3166-2 subdivisions (US states, provinces) by default.
  uint8_t place_lists = 0x3;
};

struct EventFacts {
  static constexpr int32_t kNoDay = std::numeric_limits<int32_t>::min();
  // The day (since 1970-01-01) of the first day-precise date the lead names ("on Friday",
  // "Saturday afternoon", "over the weekend" resolved against the publication date) from
  // lead_days_back days before publication to the publication day; else the publication day.
  // kNoDay for an undated article.
  int32_t event_day = kNoDay;
  // The key of the place the article is about, 0 when none is: of the places its text names
  // place_mentions times, one its headline names (the most mentioned of those), else one its
  // lead names (likewise), when no other ties with it.
  uint64_t place = 0;
  struct Place {
    uint64_t key = 0;
    uint16_t mentions = 0;  // in the text
    bool in_title = false;
    bool in_lead = false;
  };
  // Every place the text names, most mentioned first, at most kMaxPlaces.
  static constexpr size_t kMaxPlaces = 8;
  std::vector<Place> places;

  int Mentions(uint64_t key) const {
    for (const Place& p : places) {
      if (p.key == key) return p.mentions;
    }
    return 0;
  }
  // Named in the headline or the lead.
  bool Prominent(uint64_t key) const {
    for (const Place& p : places) {
      if (p.key == key) return p.in_title || p.in_lead;
    }
    return false;
  }
};

// English only; any bytes. The place gazetteer is the built-in entity model's (none when the
// build has no model: then no article has a place).
EventFacts FindEventFacts(std::string_view title, std::string_view text,
                          std::optional<Instant> published, const EventFactOptions& options);

}  // namespace wiredesk::enrich::cluster
