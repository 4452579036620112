// An in-memory StoreReader for serve's tests: articles, tags, comments, and a generation
// counter the test bumps; any method can be told to fail.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/text.h"
#include "store/store.h"

namespace wiredesk::serve::testing {

class FakeStore : public store::StoreReader {
 public:
  std::map<int64_t, Article> articles;
  std::map<int64_t, std::vector<Tag>> tags;
  std::map<int64_t, std::vector<Comment>> comments;
  std::map<int64_t, ArticleInsights> insights;
  std::optional<std::vector<store::FeedRecord>> feeds;  // absent: ListFeeds is unsupported
  int64_t generation = 1;
  bool fail = false;
  int generation_calls = 0;
  int find_calls = 0;

  int64_t Add(Article a) {
    const int64_t id = articles.empty() ? 1 : articles.rbegin()->first + 1;
    a.id = id;
    articles[id] = std::move(a);
    ++generation;
    return id;
  }

  Result<std::optional<Article>> FindArticle(int64_t id) override {
    ++find_calls;
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    auto it = articles.find(id);
    if (it == articles.end()) return std::optional<Article>();
    return std::optional<Article>(it->second);
  }
  Result<std::optional<int64_t>> FindArticleIdByUrl(std::string_view url) override {
    for (const auto& [id, a] : articles) {
      if (a.IdentityUrl() == url) return std::optional<int64_t>(id);
    }
    return std::optional<int64_t>();
  }
  Result<store::ArticlePage> LatestArticles(int limit, int offset) override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    store::ArticlePage page;
    page.total = static_cast<int64_t>(articles.size());
    std::vector<const Article*> all;
    for (const auto& [id, a] : articles) all.push_back(&a);
    std::reverse(all.begin(), all.end());  // newest (highest id) first
    for (size_t i = static_cast<size_t>(offset); i < all.size() && page.articles.size() < static_cast<size_t>(limit); ++i) {
      page.articles.push_back(Summary(*all[i]));
    }
    return page;
  }
  Result<store::SearchResults> Search(const store::SearchQuery& q) override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    store::SearchResults r;
    const std::string needle = AsciiLower(q.text);
    std::vector<store::SearchHit> hits;
    for (const auto& [id, a] : articles) {
      const std::string hay = AsciiLower(a.title + " " + a.text);
      const size_t at = hay.find(needle);
      if (at == std::string::npos) continue;
      store::SearchHit h;
      h.article = Summary(a);
      const std::string all = a.title + " " + a.text;
      h.snippet = all.substr(0, at) + store::kMarkOpen + all.substr(at, needle.size()) +
                  store::kMarkClose + all.substr(at + needle.size(), 80);
      hits.push_back(h);
    }
    r.total = static_cast<int64_t>(hits.size());
    for (size_t i = static_cast<size_t>(q.offset); i < hits.size() && r.hits.size() < static_cast<size_t>(q.limit); ++i) {
      r.hits.push_back(hits[i]);
    }
    return r;
  }
  Result<std::vector<Tag>> TagsOf(int64_t id) override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    return tags[id];
  }
  Result<std::vector<Comment>> CommentsOf(int64_t id) override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    return comments[id];
  }
  Result<std::optional<ArticleInsights>> InsightsOf(int64_t id) override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    auto it = insights.find(id);
    if (it == insights.end()) return std::optional<ArticleInsights>();
    return std::optional<ArticleInsights>(it->second);
  }
  Result<store::ArticlePage> ArticlesTagged(std::string_view tag, int limit, int offset) override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    store::ArticlePage page;
    for (auto it = articles.rbegin(); it != articles.rend(); ++it) {
      auto t = tags.find(it->first);
      if (t == tags.end()) continue;
      const bool has = std::any_of(t->second.begin(), t->second.end(), [&](const Tag& x) {
        return AsciiLower(x.name) == AsciiLower(tag);
      });
      if (!has) continue;
      if (page.total++ < offset || static_cast<int>(page.articles.size()) >= limit) continue;
      store::ArticleSummary s;
      s.id = it->first;
      s.title = it->second.title;
      s.source = it->second.source;
      s.published = it->second.published;
      s.captured = it->second.captured;
      page.articles.push_back(s);
    }
    return page;
  }
  Result<std::vector<store::FeedRecord>> ListFeeds() override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    if (!feeds) return StoreReader::ListFeeds();
    return *feeds;
  }
  Result<std::vector<Source>> Sources() override { return std::vector<Source>{}; }
  Result<int64_t> CountArticles() override {
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    return static_cast<int64_t>(articles.size());
  }
  Result<int64_t> Generation() override {
    ++generation_calls;
    if (fail) return Fail(ErrorCode::kStorage, "disk on fire");
    return generation;
  }

  static store::ArticleSummary Summary(const Article& a) {
    store::ArticleSummary s;
    s.id = a.id;
    s.url = a.url;
    s.title = a.title;
    s.dek = a.dek;
    s.byline = a.byline;
    s.source = a.source;
    s.published = a.published;
    s.captured = a.captured;
    s.language = a.language;
    return s;
  }
};

inline Instant At(int y, int m, int d, int h = 0) { return *MakeInstant(y, m, d, h); }

// The reference page's shape: dek, paragraphs, a captioned photo, related coverage.
inline Article SampleArticle() {
  Article a;
  a.url = "https://www.reuters.com/world/syria-israel-talks-2025-06-27/";
  a.title = "Syria and Israel in direct talks focused on security, sources say";
  a.dek = "The contacts mark a significant development in ties between states.";
  a.byline = "Maya Gebeily";
  a.published = At(2025, 6, 27, 9);
  a.captured = At(2025, 6, 27, 12);
  a.language = "en";
  a.source = Source{1, "Reuters", "https://www.reuters.com/"};
  a.rights = "© Reuters 2025. All rights reserved.";
  a.blocks = {
      {BlockKind::kParagraph, "They also build on back-channel talks via intermediaries.", ""},
      {BlockKind::kHeading, "Security first", ""},
      {BlockKind::kQuote, "For now, they are about peace.", ""},
      {BlockKind::kCaption, "Members of Syrian security forces stand guard. |", "REUTERS"},
      {BlockKind::kList, "first item\nsecond item", ""},
      {BlockKind::kParagraph, "But the bombing and the criticism have subsided in recent weeks.", ""},
  };
  a.text = JoinBodyText(a.blocks);
  RelatedItem r;
  r.source = "NHK";
  r.published = At(2025, 6, 25, 12);
  r.title = "Syrians struggle over whether to go home";
  r.text = "Many Syrians who fled Bashar Assad's rule found refuge in Turkey.";
  r.url = "https://www3.nhk.or.jp/news/syrians";
  a.related.push_back(r);
  return a;
}

}  // namespace wiredesk::serve::testing
