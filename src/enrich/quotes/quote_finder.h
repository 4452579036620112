// Quotes with their speakers: what people said, directly ("...," Dalati said) or reported
// ("Dalati said that ...", "according to Dalati, ..."), each tied to the entity who said it.
// English only: the cue words, the clause patterns and the entity model are English.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "enrich/entities/canonical_names.h"
#include "enrich/entities/ner_tagger.h"

namespace wiredesk::enrich::quotes {

class CueLexicon;

// A byte range in the text handed in; empty (begin == end) when absent.
struct TextSpan {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return begin >= end; }
};

// One attribution: what was said (one or more pieces, as in ""A," X said. "B."") and who said
// it, as byte ranges of the text, with the speaker resolved to an entity where one fits.
struct Attribution {
  std::vector<TextSpan> content;  // in text order, quote marks included when direct
  TextSpan source;                // the speaker as written; empty when none was found
  TextSpan cue;                   // "said", "according", "told"; empty for a bare quote
  bool direct = false;            // the content is inside quote marks
  // The source was carried over from the speaker of an earlier attribution (a quote that
  // continues a statement, or a pronoun); `source` then points at that earlier mention.
  bool carried = false;
  size_t paragraph = 0;           // index of the paragraph (non-empty line) holding content[0]
  std::string speaker;            // the speaker as written ("Dalati", "he"), single-spaced
  std::string speaker_entity;     // canonical name of the entity ("Ahmad al-Dalati"), or empty
};

enum class QuoteMethod {
  kWiredesk,  // cue lexicon, clause patterns, quote spans, continuation and resolution
  kBaseline,  // quote marks next to a speech verb (the shared rule baseline, for comparison)
};

// Finds the attributions of `text` (paragraphs separated by newlines). `mentions` are the
// entity mentions of the same text (entities::FindMentions) and `entities` their grouping
// (entities::GroupMentions); both may be empty, and then speakers stay as written. Pure and
// fast: no model runs here. Any bytes are accepted; non-English text mostly yields bare quotes.
// `cues` replaces the built-in cue lexicon (for rebuilding it; see README.md).
std::vector<Attribution> FindAttributions(std::string_view text,
                                          const std::vector<entities::Mention>& mentions,
                                          const std::vector<entities::ArticleEntity>& entities,
                                          QuoteMethod method = QuoteMethod::kWiredesk,
                                          const CueLexicon* cues = nullptr);

// The stored form: one Quote per attribution, its text the content pieces joined by " … "
// without the outer quote marks, offsets those of the first piece.
std::vector<Quote> ToQuotes(std::string_view text, const std::vector<Attribution>& attributions);

// FindAttributions + ToQuotes over an article's body text (`article.text`).
std::vector<Quote> FindQuotes(const Article& article,
                              const std::vector<entities::Mention>& mentions,
                              const std::vector<entities::ArticleEntity>& entities);

}  // namespace wiredesk::enrich::quotes
