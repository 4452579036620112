#include "enrich/entities/conll.h"

#include <fstream>

namespace wiredesk::enrich::entities {

DocumentTokens ConllDocument::Views() const {
  DocumentTokens doc(tokens.size());
  for (size_t s = 0; s < tokens.size(); ++s) {
    doc[s].assign(tokens[s].begin(), tokens[s].end());
  }
  return doc;
}

Result<std::vector<ConllDocument>> ReadConll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unexpected(MakeError(ErrorCode::kNotFound, "cannot open the CoNLL file", path));
  std::vector<ConllDocument> docs(1);
  std::vector<std::string> sent_tokens, sent_tags;
  auto end_sentence = [&] {
    if (sent_tokens.empty()) return;
    docs.back().tokens.push_back(std::move(sent_tokens));
    docs.back().raw_tags.push_back(std::move(sent_tags));
    sent_tokens.clear();
    sent_tags.clear();
  };
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j > i) cols.push_back(line.substr(i, j - i));
      i = j;
    }
    if (cols.empty()) {
      end_sentence();
      continue;
    }
    if (cols[0] == "-DOCSTART-") {
      end_sentence();
      if (!docs.back().tokens.empty()) docs.emplace_back();
      continue;
    }
    sent_tokens.push_back(cols[0]);
    sent_tags.push_back(cols.size() >= 2 ? cols.back() : std::string());
  }
  end_sentence();
  if (docs.back().tokens.empty()) docs.pop_back();
  return docs;
}

Result<std::vector<Tag>> ToBio(const std::vector<std::string>& raw_tags) {
  std::vector<Tag> tags(raw_tags.size(), kOutside);
  for (size_t i = 0; i < raw_tags.size(); ++i) {
    const auto tag = ParseTag(raw_tags[i]);
    if (!tag) {
      return Unexpected(MakeError(ErrorCode::kParse,
                                  "not a BIO tag of PER, LOC, ORG or MISC: '" + raw_tags[i] + "'"));
    }
    Tag t = *tag;
    if (IsInside(t) && !Follows(i > 0 ? tags[i - 1] : kOutside, t)) t = BeginTag(TypeOf(t));
    tags[i] = t;
  }
  return tags;
}

std::vector<RawSpan> RawSpans(const std::vector<std::string>& raw_tags) {
  std::vector<RawSpan> spans;
  for (size_t i = 0; i < raw_tags.size(); ++i) {
    const std::string& tag = raw_tags[i];
    if (tag.size() < 3 || tag[1] != '-') continue;
    const std::string type = tag.substr(2);
    const bool continues = tag[0] == 'I' && !spans.empty() && spans.back().end == i &&
                           spans.back().type == type;
    if (continues) {
      spans.back().end = i + 1;
    } else {
      spans.push_back({i, i + 1, type});
    }
  }
  return spans;
}

}  // namespace wiredesk::enrich::entities
