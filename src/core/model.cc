#include "core/model.h"

namespace wiredesk {

std::string_view BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kHeading: return "heading";
    case BlockKind::kCaption: return "caption";
    case BlockKind::kQuote: return "quote";
    case BlockKind::kList: return "list";
  }
  return "paragraph";
}

std::optional<BlockKind> ParseBlockKind(std::string_view name) {
  if (name == "paragraph") return BlockKind::kParagraph;
  if (name == "heading") return BlockKind::kHeading;
  if (name == "caption") return BlockKind::kCaption;
  if (name == "quote") return BlockKind::kQuote;
  if (name == "list") return BlockKind::kList;
  return std::nullopt;
}

std::string_view TagKindName(TagKind kind) {
  switch (kind) {
    case TagKind::kPerson: return "person";
    case TagKind::kPlace: return "place";
    case TagKind::kOrganisation: return "organisation";
    case TagKind::kTopic: return "topic";
  }
  return "topic";
}

std::optional<TagKind> ParseTagKind(std::string_view name) {
  if (name == "person") return TagKind::kPerson;
  if (name == "place") return TagKind::kPlace;
  if (name == "organisation") return TagKind::kOrganisation;
  if (name == "topic") return TagKind::kTopic;
  return std::nullopt;
}

std::string_view TimexTypeName(TimexType type) {
  switch (type) {
    case TimexType::kDate: return "DATE";
    case TimexType::kTime: return "TIME";
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
  }
  return "DATE";
}

std::string JoinBodyText(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::kCaption || b.text.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += b.text;
  }
  return out;
}

}  // namespace wiredesk
