#include "core/article_json.h"

#include <algorithm>

namespace wiredesk {

using nlohmann::json;

json OptionalInstantToJson(const std::optional<Instant>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json BlockToJson(const Block& b) {
  return json{{"kind", BlockKindName(b.kind)}, {"text", b.text}, {"credit", b.credit}};
}

namespace {

json BlocksToJson(const std::vector<Block>& blocks) {
  json arr = json::array();
  for (const Block& b : blocks) arr.push_back(BlockToJson(b));
  return arr;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<Instant> Time(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return ParseIso8601(it->get<std::string>());
}

std::vector<Block> BlocksFrom(const json& j) {
  std::vector<Block> out;
  if (!j.is_array()) return out;
  for (const json& b : j) {
    if (!b.is_object()) continue;
    Block block;
    block.kind = ParseBlockKind(Str(b, "kind")).value_or(BlockKind::kParagraph);
    block.text = Str(b, "text");
    block.credit = Str(b, "credit");
    out.push_back(std::move(block));
  }
  return out;
}

int64_t Int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

// Offsets are stored as JSON integers; a negative or absent one reads as 0.
size_t Offset(const json& j, const char* key) { return static_cast<size_t>(std::max<int64_t>(0, Int(j, key))); }

}  // namespace

json InsightsToJson(const ArticleInsights& in) {
  json points = json::array();
  for (const std::string& p : in.key_points) points.push_back(p);
  json entities = json::array();
  for (const NamedEntity& e : in.entities) {
    entities.push_back({{"name", e.name}, {"key", e.key}, {"kind", TagKindName(e.kind)},
                        {"mentions", e.mentions}});
  }
  json quotes = json::array();
  for (const Quote& q : in.quotes) {
    quotes.push_back({{"text", q.text},
                      {"speaker", q.speaker},
                      {"speaker_entity", q.speaker_entity},
                      {"direct", q.direct},
                      {"paragraph", q.paragraph},
                      {"begin", q.begin},
                      {"end", q.end}});
  }
  json timeline = json::array();
  for (const DatedEvent& e : in.timeline) {
    timeline.push_back({{"article_id", e.article_id},
                        {"when", e.when},
                        {"starts", FormatIso8601(e.starts)},
                        {"expression", e.expression},
                        {"sentence", e.sentence}});
  }
  return json{{"key_points", std::move(points)},
              {"entities", std::move(entities)},
              {"quotes", std::move(quotes)},
              {"timeline", std::move(timeline)},
              {"computed_at", FormatIso8601(in.computed_at)}};
}

Result<ArticleInsights> InsightsFromJson(const json& j) {
  if (!j.is_object()) return Fail(ErrorCode::kParse, "insights JSON must be an object");
  ArticleInsights in;
  in.computed_at = Time(j, "computed_at").value_or(Instant{});
  if (auto it = j.find("key_points"); it != j.end() && it->is_array()) {
    for (const json& p : *it) {
      if (p.is_string()) in.key_points.push_back(p.get<std::string>());
    }
  }
  if (auto it = j.find("entities"); it != j.end() && it->is_array()) {
    for (const json& e : *it) {
      if (!e.is_object()) continue;
      in.entities.push_back({Str(e, "name"), Str(e, "key"),
                             ParseTagKind(Str(e, "kind")).value_or(TagKind::kTopic),
                             Int(e, "mentions")});
    }
  }
  if (auto it = j.find("quotes"); it != j.end() && it->is_array()) {
    for (const json& q : *it) {
      if (!q.is_object()) continue;
      Quote quote;
      quote.text = Str(q, "text");
      quote.speaker = Str(q, "speaker");
      quote.speaker_entity = Str(q, "speaker_entity");
      auto direct = q.find("direct");
      quote.direct = direct != q.end() && direct->is_boolean() && direct->get<bool>();
      quote.paragraph = Offset(q, "paragraph");
      quote.begin = Offset(q, "begin");
      quote.end = Offset(q, "end");
      in.quotes.push_back(std::move(quote));
    }
  }
  if (auto it = j.find("timeline"); it != j.end() && it->is_array()) {
    for (const json& e : *it) {
      if (!e.is_object()) continue;
      in.timeline.push_back({Int(e, "article_id"), Str(e, "when"),
                             Time(e, "starts").value_or(Instant{}), Str(e, "expression"),
                             Str(e, "sentence")});
    }
  }
  return in;
}

json ArticleToJson(const Article& a) {
  json images = json::array();
  for (const Image& im : a.images) {
    images.push_back({{"src", im.src}, {"caption", im.caption}, {"credit", im.credit}});
  }
  json related = json::array();
  for (const RelatedItem& r : a.related) {
    related.push_back({{"source", r.source},
                       {"published", OptionalInstantToJson(r.published)},
                       {"title", r.title},
                       {"text", r.text},
                       {"blocks", BlocksToJson(r.blocks)},
                       {"url", r.url.empty() ? json(nullptr) : json(r.url)}});
  }
  json j = {{"url", a.url.empty() ? json(nullptr) : json(a.url)},
            {"canonical_url", a.canonical_url.empty() ? json(nullptr) : json(a.canonical_url)},
            {"title", a.title},
            {"dek", a.dek},
            {"byline", a.byline},
            {"published", OptionalInstantToJson(a.published)},
            {"captured", FormatIso8601(a.captured)},
            {"language", a.language},
            {"source", {{"name", a.source.name}, {"url", a.source.url}}},
            {"rights", a.rights},
            {"text", a.text},
            {"blocks", BlocksToJson(a.blocks)},
            {"images", images},
            {"related", related}};
  return j;
}

Result<Article> ArticleFromJson(const json& j) {
  if (!j.is_object()) return Fail(ErrorCode::kParse, "article JSON must be an object");
  Article a;
  a.url = Str(j, "url");
  a.canonical_url = Str(j, "canonical_url");
  a.title = Str(j, "title");
  a.dek = Str(j, "dek");
  a.byline = Str(j, "byline");
  a.published = Time(j, "published");
  a.captured = Time(j, "captured").value_or(Instant{});
  a.language = Str(j, "language");
  if (auto it = j.find("source"); it != j.end() && it->is_object()) {
    a.source.name = Str(*it, "name");
    a.source.url = Str(*it, "url");
  }
  a.rights = Str(j, "rights");
  a.text = Str(j, "text");
  if (auto it = j.find("blocks"); it != j.end()) a.blocks = BlocksFrom(*it);
  if (auto it = j.find("images"); it != j.end() && it->is_array()) {
    for (const json& im : *it) {
      if (im.is_object()) a.images.push_back({Str(im, "src"), Str(im, "caption"), Str(im, "credit")});
    }
  }
  if (auto it = j.find("related"); it != j.end() && it->is_array()) {
    for (const json& r : *it) {
      if (!r.is_object()) continue;
      RelatedItem item;
      item.source = Str(r, "source");
      item.published = Time(r, "published");
      item.title = Str(r, "title");
      item.text = Str(r, "text");
      if (auto b = r.find("blocks"); b != r.end()) item.blocks = BlocksFrom(*b);
      item.url = Str(r, "url");
      a.related.push_back(std::move(item));
    }
  }
  return a;
}

}  // namespace wiredesk
