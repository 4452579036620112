#include "serve/assets.h"

namespace wiredesk::serve {

std::optional<std::string_view> FindAsset(std::string_view name) {
  for (const Asset& a : Assets()) {
    if (a.name == name) return a.data;
  }
  return std::nullopt;
}

}  // namespace wiredesk::serve
