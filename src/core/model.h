// The newsroom's nouns: what wiredesk gathers, stores and serves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace wiredesk {

// A publisher: "Reuters", "Wikinews". `url` is its home page, e.g. "https://www.reuters.com/".
struct Source {
  int64_t id = 0;
  std::string name;
  std::string url;
};

// A subscription: a publisher's RSS/Atom/JSON feed.
struct Feed {
  int64_t id = 0;
  std::string url;
  std::string title;
  int64_t source_id = 0;
};

// A file an entry carries: a podcast's audio, a photo (RSS enclosure, media:content, JSON
// Feed attachment).
struct Enclosure {
  std::string url;
  std::string type;    // MIME type, "image/jpeg"; may be empty
  int64_t length = 0;  // bytes; 0 when unknown
  std::string medium;  // media:content's medium ("image", "video", "audio"); may be empty

  bool operator==(const Enclosure&) const = default;
};

// What a feed lists: a pointer to an article, with the feed's own summary.
struct Entry {
  std::string guid;
  std::string url;
  std::string title;
  std::string summary;
  std::string author;
  std::optional<Instant> published;
  // The full body when the feed carries one (content:encoded, Atom content, content_html),
  // as HTML with its links resolved; empty when the feed gives only `summary` (also HTML).
  std::string content_html;
  std::vector<std::string> authors;     // every author named; `author` joins them with ", "
  std::vector<std::string> categories;  // category, dc:subject, Atom term, JSON Feed tags
  std::vector<Enclosure> enclosures;    // enclosures, media:content, attachments
  std::string image;                    // the entry's picture (thumbnail, image enclosure)
  std::optional<Instant> updated;
};

enum class BlockKind { kParagraph, kHeading, kCaption, kQuote, kList };
std::string_view BlockKindName(BlockKind kind);
std::optional<BlockKind> ParseBlockKind(std::string_view name);

// One piece of an article body, in reading order. A caption's credit ("REUTERS") is kept apart
// from its text; other kinds leave `credit` empty. A list's items are separated by '\n'.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  std::string credit;

  bool operator==(const Block&) const = default;
};

struct Image {
  std::string src;
  std::string caption;
  std::string credit;

  bool operator==(const Image&) const = default;
};

// Coverage that a page itself lists as related (a capture's "Related Articles" block).
struct RelatedItem {
  std::string source;
  std::optional<Instant> published;
  std::string title;
  std::string text;  // paragraphs only; captions are in `blocks`
  std::vector<Block> blocks;
  std::string url;
};

// What a publisher's page holds, cleaned of the page around it.
struct Article {
  int64_t id = 0;  // 0 until stored
  std::string url;
  std::string canonical_url;
  std::string title;
  std::string dek;
  std::string byline;
  std::optional<Instant> published;
  Instant captured{};
  std::string language;  // BCP 47 primary tag, "en"; empty when unknown
  Source source;
  std::string rights;  // licence or copyright line the page carries, shown with the article
  std::vector<Block> blocks;
  std::string text;  // body paragraphs (and headings, lists, quotes) joined by blank lines
  std::vector<Image> images;
  std::vector<RelatedItem> related;

  // The address that identifies the article across re-ingests: canonical, else url.
  const std::string& IdentityUrl() const { return canonical_url.empty() ? url : canonical_url; }
};

// Rebuilds `text` from the non-caption blocks.
std::string JoinBodyText(const std::vector<Block>& blocks);

// Several articles reporting one event.
struct Story {
  int64_t id = 0;
  std::string headline;
  std::vector<int64_t> article_ids;
  std::optional<Instant> first_published;
  std::optional<Instant> last_published;
};

enum class TagKind { kPerson, kPlace, kOrganisation, kTopic };
std::string_view TagKindName(TagKind kind);

struct Tag {
  int64_t id = 0;
  std::string name;
  TagKind kind = TagKind::kTopic;
};

struct User {
  int64_t id = 0;
  std::string name;
  std::string role;  // reader, moderator, admin
  Instant created{};
};

struct Comment {
  int64_t id = 0;
  int64_t article_id = 0;
  std::optional<int64_t> parent_id;
  int64_t user_id = 0;
  std::string author_name;
  std::string body;
  Instant created{};
  bool hidden = false;
};

}  // namespace wiredesk
