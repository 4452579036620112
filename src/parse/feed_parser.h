// Feeds to entries: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 (and 0.3) and JSON Feed 1.0/1.1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace wiredesk::parse {

enum class FeedFormat { kRss, kRdf, kAtom, kJsonFeed };
std::string_view FeedFormatName(FeedFormat f);  // "rss", "rdf", "atom", "json"

struct ParsedFeed {
  FeedFormat format = FeedFormat::kRss;
  std::string version;      // "2.0", "0.91", "1.0", "1.1"; empty when the feed does not say
  Feed feed;                // url: where it came from (options.url); title: the feed's title
  std::string site_url;     // the publisher's page the feed belongs to
  std::string self_url;     // the URL the feed gives for itself (atom:link rel="self", feed_url)
  std::string description;  // plain text
  std::string language;
  std::vector<Entry> entries;  // in document order
};

struct FeedParseOptions {
  std::string url;            // where the feed was fetched from: the base for relative URLs
  size_t max_entries = 1000;  // entries after this many are dropped (a feed is not an archive)
};

// Parses a feed. Entries are normalised:
// - title and author names are plain text (HTML in them is stripped and entities decoded);
// - summary and content_html are HTML with relative links resolved against xml:base / the
//   feed URL; plain-text content is escaped into HTML;
// - url is absolute (the link, else a permalink GUID); guid is the feed's id, else the url,
//   else a hash of title and date, and is unique within the result: a GUID that repeats for
//   different links is qualified by the link, a repeated item is dropped;
// - published falls back to updated.
// Fails with kParse for malformed input and anything that is not a feed (an HTML page gives
// "not a feed (an HTML page)", which callers can answer with autodiscovery).
Result<ParsedFeed> ParseFeed(std::string_view bytes, const FeedParseOptions& options = {});

}  // namespace wiredesk::parse
