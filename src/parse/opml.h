// OPML 1.0/2.0 subscription lists: import (with folders) and export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wiredesk::parse {

struct OpmlSubscription {
  std::string xml_url;   // the feed
  std::string html_url;  // the site; may be empty
  std::string title;     // plain text
  std::string folder;    // "News/World" for nested outlines; empty at the top level
};

struct OpmlDocument {
  std::string title;
  std::vector<OpmlSubscription> subscriptions;  // in document order, each feed URL once
};

// Reads every outline with an xmlUrl (any type="rss"/"atom"/none); outlines without one are
// folders, and their text/title names the folder. Relative xmlUrls are resolved against
// `base_url` when given. Fails with kParse for malformed XML or a root that is not <opml>.
Result<OpmlDocument> ParseOpml(std::string_view bytes, std::string_view base_url = {});

// OPML 2.0, folders as nested outlines, every value escaped.
std::string WriteOpml(const OpmlDocument& doc);

}  // namespace wiredesk::parse
