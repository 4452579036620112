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
std::optional<TagKind> ParseTagKind(std::string_view name);  // the inverse; nullopt if unknown

struct Tag {
  int64_t id = 0;
  std::string name;
  TagKind kind = TagKind::kTopic;
};

// What someone said in an article, directly ("“I categorically deny ...,” Dalati said") or
// reported ("Dalati said that ...", "according to Dalati"). Pieces of one statement are joined
// by " … "; offsets are bytes into the article's text, those of the first piece.
struct Quote {
  std::string text;
  std::string speaker;         // as written: "Dalati", "he", "the minister"; empty when unknown
  std::string speaker_entity;  // the entity's canonical name, "Ahmad al-Dalati"; may be empty
  bool direct = false;         // inside quote marks
  size_t paragraph = 0;        // index of the paragraph it starts in
  size_t begin = 0;
  size_t end = 0;

  bool operator==(const Quote&) const = default;
};

// A time expression in a text, as TimeML's TIMEX3 has it: "last month" in an article published
// on 2014-05-14 is a DATE worth "2014-04"; "three years" a DURATION worth "P3Y". Offsets are
// bytes into the text searched; the sentence is the one the expression dates.
enum class TimexType { kDate, kTime, kDuration, kSet };
std::string_view TimexTypeName(TimexType type);  // "DATE", "TIME", "DURATION", "SET"

struct TimeExpression {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
  TimexType type = TimexType::kDate;
  std::string value;  // "2014-05-14", "2014-05", "2014-W20", "P3Y", "PRESENT_REF", "XXXX-XX"
  size_t sentence_begin = 0;
  size_t sentence_end = 0;

  bool operator==(const TimeExpression&) const = default;
};

// One entry of an article's (or a story's) timeline: a sentence and the date it is about.
struct DatedEvent {
  int64_t article_id = 0;
  std::string when;        // the TIMEX3 value: "2014-05-14", "2014-05", "1967"
  Instant starts{};        // the first second of that period, for ordering
  std::string expression;  // "On May 14"
  std::string sentence;

  bool operator==(const DatedEvent&) const = default;
};

// An entity an article names, under one canonical name across the article ("Ahmad al-Dalati"
// for a later "Dalati" too); `key` is the same for the same name across the corpus.
struct NamedEntity {
  std::string name;
  std::string key;
  TagKind kind = TagKind::kTopic;
  int64_t mentions = 0;

  bool operator==(const NamedEntity&) const = default;
};

// What enrich works out about an article. Computed at ingest (or by `wiredesk enrich`) and
// stored with it, so serving a page never runs a model.
struct ArticleInsights {
  std::vector<std::string> key_points;  // 3-5 of the article's sentences, in its order
  std::vector<NamedEntity> entities;    // most mentioned first
  std::vector<Quote> quotes;            // in text order
  std::vector<DatedEvent> timeline;     // earliest first
  Instant computed_at{};

  bool empty() const {
    return key_points.empty() && entities.empty() && quotes.empty() && timeline.empty();
  }
  bool operator==(const ArticleInsights&) const = default;
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
  bool hidden = false;   // by a moderator; restorable
  bool deleted = false;  // by its author; the body is gone, the place in the thread stays
  std::optional<Instant> edited;
  int64_t reports = 0;   // readers who reported it
};

}  // namespace wiredesk
