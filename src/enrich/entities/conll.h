// CoNLL-format NER files: one token per line (token first, tag last), blank lines between
// sentences, "-DOCSTART-" lines between documents.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "enrich/entities/ner_features.h"
#include "enrich/entities/ner_model.h"

namespace wiredesk::enrich::entities {

struct ConllDocument {
  std::vector<std::vector<std::string>> tokens;
  // The last column as written ("B-ORG", "I-person"); empty strings when a line has one column.
  std::vector<std::vector<std::string>> raw_tags;

  DocumentTokens Views() const;
};

// Reads a CoNLL file; a file without -DOCSTART- lines is one document. Accepts tabs or spaces.
Result<std::vector<ConllDocument>> ReadConll(const std::string& path);

// BIO tags (PER/LOC/ORG/MISC) of a sentence's raw tags; IOB1 ("I-X" opening an entity) is
// rewritten as BIO. An error names the first tag that is not one of the four types.
Result<std::vector<Tag>> ToBio(const std::vector<std::string>& raw_tags);

// The entity spans of a sentence, with the raw type name ("PER", "person", "corporation").
struct RawSpan {
  size_t begin = 0;
  size_t end = 0;
  std::string type;
};
std::vector<RawSpan> RawSpans(const std::vector<std::string>& raw_tags);

}  // namespace wiredesk::enrich::entities
