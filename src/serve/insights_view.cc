#include "serve/insights_view.h"

#include <string>

#include "core/text.h"
#include "serve/http_message.h"

namespace wiredesk::serve {

namespace {

namespace mu = kainjow::mustache;
using Data = mu::data;

constexpr size_t kMaxQuoteChars = 400;

}  // namespace

std::string HumanTimexValue(std::string_view value) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (value.size() >= 7 && value[4] == '-' && digits(value.substr(0, 4)) &&
      digits(value.substr(5, 2))) {
    const int month = (value[5] - '0') * 10 + (value[6] - '0');
    if (month >= 1 && month <= 12) {
      std::string out = std::string(kMonths[month - 1]) + " " + std::string(value.substr(0, 4));
      if (value.size() >= 10 && value[7] == '-' && digits(value.substr(8, 2))) {
        const int day = (value[8] - '0') * 10 + (value[9] - '0');
        out = std::to_string(day) + " " + out;
      }
      return out;
    }
  }
  return std::string(value);
}

std::string TagHref(std::string_view name) { return "/tags/" + PercentEncode(Trim(name)); }

void AddInsightsPanel(Data& d, const ArticleInsights* insights) {
  if (insights == nullptr || insights->empty()) {
    d.set("has_ai", false);
    return;
  }
  d.set("has_ai", true);

  Data points(Data::type::list);
  for (const std::string& p : insights->key_points) {
    Data pd;
    pd.set("ai_point", RepairUtf8(p));
    points.push_back(pd);
  }
  d.set("ai_has_points", !insights->key_points.empty());
  d.set("ai_points", points);

  Data quotes(Data::type::list);
  for (const Quote& q : insights->quotes) {
    if (Trim(q.text).empty()) continue;
    Data qd;
    qd.set("q_text", TruncateWords(CollapseWhitespace(RepairUtf8(q.text)), kMaxQuoteChars));
    const std::string who = !q.speaker_entity.empty() ? q.speaker_entity : q.speaker;
    qd.set("q_speaker", who.empty() ? Data(false) : Data(RepairUtf8(who)));
    qd.set("q_speaker_href", q.speaker_entity.empty() ? Data(false) : Data(TagHref(q.speaker_entity)));
    qd.set("q_direct", q.direct);
    quotes.push_back(qd);
  }
  d.set("ai_has_quotes", !quotes.is_empty_list());
  d.set("ai_quotes", quotes);

  Data entities(Data::type::list);
  for (const NamedEntity& e : insights->entities) {
    Data ed;
    ed.set("e_name", RepairUtf8(e.name));
    ed.set("e_kind", std::string(TagKindName(e.kind)));
    ed.set("e_href", TagHref(e.name));
    ed.set("e_mentions", std::to_string(e.mentions));
    entities.push_back(ed);
  }
  d.set("ai_has_entities", !insights->entities.empty());
  d.set("ai_entities", entities);

  Data timeline(Data::type::list);
  for (const DatedEvent& ev : insights->timeline) {
    Data td;
    td.set("ev_when", HumanTimexValue(ev.when));
    td.set("ev_value", ev.when);
    td.set("ev_sentence", TruncateWords(CollapseWhitespace(RepairUtf8(ev.sentence)), kMaxQuoteChars));
    timeline.push_back(td);
  }
  d.set("ai_has_timeline", !insights->timeline.empty());
  d.set("ai_timeline", timeline);
}

}  // namespace wiredesk::serve
