// Fuzz target for what the reader apps' APIs parse (serve/reader/reader_items): form fields
// from any query and body, item ids in both forms, Fever's id lists, and an article body made
// of the input written as HTML. Ids come out positive and round-trip through the long form;
// the HTML has no tag but its own.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "serve/reader/reader_items.h"
#include "require.h"

using wiredesk::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wiredesk;
  using namespace wiredesk::serve;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\n');
  Request req;
  req.method = "POST";
  req.target = "/reader/api/0/edit-tag?" + std::string(input.substr(0, split));
  req.body = split == std::string_view::npos ? std::string() : std::string(input.substr(split + 1));
  const FormFields fields(req);
  for (const char* name : {"i", "a", "r", "s", "with_ids", "n"}) {
    for (const std::string& v : fields.All(name)) {
      if (const auto id = ParseItemId(v)) {
        Require(*id > 0);
        Require(ParseItemId(LongItemId(*id)) == id);
      }
      if (const auto ids = FeverIdList(v)) {
        for (int64_t id : *ids) Require(id >= 0);
      }
      if (const auto n = ParseCount(v, 1000)) Require(*n >= 0 && *n <= 1000);
    }
  }
  Article a;
  a.blocks = {{BlockKind::kParagraph, std::string(input), ""},
              {BlockKind::kList, std::string(input), ""},
              {BlockKind::kCaption, std::string(input), std::string(input)}};
  a.images = {{std::string(input), std::string(input), ""}};
  const std::string html = ArticleHtml(a);
  static constexpr std::string_view kOwn[] = {"<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>",
                                              "<figure>", "</figure>", "<figcaption>",
                                              "</figcaption>", "<img src=\""};
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    bool known = false;
    for (std::string_view tag : kOwn) known = known || html.compare(at, tag.size(), tag) == 0;
    Require(known);
  }
  return 0;
}
