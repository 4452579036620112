// The facts a page states about its article outside the body: JSON-LD, <meta>, <link>, <title>.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "extract/dom_hints.h"
#include "parse/html_document.h"

namespace wiredesk::extract {

struct PageMetadata {
  std::string title;
  std::string dek;  // og:description / description, before the first-paragraph check
  std::string byline;                // the authors joined with ", "
  std::vector<std::string> authors;  // as AuthorsFromByline reads the page's byline
  std::optional<Instant> published;
  std::string canonical_url;
  std::string base_url;  // <base href> resolved against the page URL, else the page URL
  std::string site_name;
  std::string language;  // primary subtag, "en"
  std::string rights;
  std::string h1;        // the first <h1>'s text, for dropping it from the body

  // What the page says it is, for telling pages that are not articles apart (page_kind.h).
  std::string og_type;          // og:type, lower-cased: "article", "video.other", "website"
  bool locked = false;          // JSON-LD isAccessibleForFree false, or a locked content tier
  bool video_object = false;    // JSON-LD describes a VideoObject
  size_t video_players = 0;     // <video> elements and iframes of video hosts
  size_t body_links = 0;        // <a href> elements on the page
};

// `page_url` is where the page was fetched from; relative URLs resolve against it.
PageMetadata ReadMetadata(const parse::HtmlDocument& doc, std::string_view page_url, HintCache& hints);

// "Storm hits coast | The Gazette" -> "Storm hits coast" (exposed for tests).
std::string StripSiteSuffix(std::string_view title, std::string_view site_name);
// Readability.js's headline from a <title>: "Storm hits coast | The Gazette" -> "Storm hits
// coast", with its rules for colons and short results; `headings` are the page's <h1>/<h2>
// texts, `h1s` its <h1> texts.
std::string TitleFromTitleElement(std::string_view title, const std::vector<std::string>& headings,
                                  const std::vector<std::string>& h1s);
// "en-GB", "en_US", "EN" -> "en"; empty for anything that is not a language tag.
std::string PrimaryLanguage(std::string_view tag);

}  // namespace wiredesk::extract
