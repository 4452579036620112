#include "core/article_json.h"

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

}  // namespace

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
