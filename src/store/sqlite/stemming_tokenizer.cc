#include "store/sqlite/stemming_tokenizer.h"

#include <libstemmer.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sqlite/search_rank.h"
#include "store/sqlite/sqlite_db.h"

namespace wiredesk::store::sqlite {
namespace {

using EmitToken = int (*)(void*, int, const char*, int, int, int);

// One per FTS5 table and connection; a connection is used by one thread at a time, which is
// all libstemmer's stemmer (not thread-safe) needs.
struct StemmingTokenizer {
  fts5_tokenizer words{};
  Fts5Tokenizer* words_instance = nullptr;
  sb_stemmer* stemmer = nullptr;
  // Stems already made: snippet() tokenizes each hit's text again, and libstemmer took ~1.8 ms
  // of a search's CPU at the median for a page of 20 (FTS5's Porter code is far cheaper than a
  // Snowball stem). Bounded: emptied when it reaches kMaxCachedStems words.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> stems;
  static constexpr size_t kMaxCachedStems = 1 << 16;

  ~StemmingTokenizer() {
    if (words_instance != nullptr) words.xDelete(words_instance);
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
};

struct TokenizeCall {
  StemmingTokenizer* tokenizer;
  void* context;
  EmitToken emit;
};

int EmitStemmed(void* call_ptr, int flags, const char* token, int size, int start, int end) {
  auto* call = static_cast<TokenizeCall*>(call_ptr);
  if (size <= 0) return call->emit(call->context, flags, token, size, start, end);
  StemmingTokenizer& t = *call->tokenizer;
  const std::string_view word(token, static_cast<size_t>(size));
  auto known = t.stems.find(word);
  if (known == t.stems.end()) {
    const sb_symbol* stem =
        sb_stemmer_stem(t.stemmer, reinterpret_cast<const sb_symbol*>(token), size);
    if (stem == nullptr) return SQLITE_NOMEM;
    if (t.stems.size() >= StemmingTokenizer::kMaxCachedStems) t.stems.clear();
    known = t.stems
                .emplace(std::string(word),
                         std::string(reinterpret_cast<const char*>(stem),
                                     static_cast<size_t>(sb_stemmer_length(t.stemmer))))
                .first;
  }
  return call->emit(call->context, flags, known->second.data(),
                    static_cast<int>(known->second.size()), start, end);
}

// The arguments (e.g. "remove_diacritics 2") are unicode61's.
int Create(void* api_ptr, const char** args, int arg_count, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(api_ptr);
  auto tokenizer = std::make_unique<StemmingTokenizer>();
  void* words_data = nullptr;
  int rc = api->xFindTokenizer(api, "unicode61", &words_data, &tokenizer->words);
  if (rc != SQLITE_OK) return rc;
  rc = tokenizer->words.xCreate(words_data, args, arg_count, &tokenizer->words_instance);
  if (rc != SQLITE_OK) return rc;
  tokenizer->stemmer = sb_stemmer_new("english", "UTF_8");
  if (tokenizer->stemmer == nullptr) return SQLITE_NOMEM;
  *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer.release());
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer* instance) { delete reinterpret_cast<StemmingTokenizer*>(instance); }

int Tokenize(Fts5Tokenizer* instance, void* context, int flags, const char* text, int size,
             EmitToken emit) {
  auto* tokenizer = reinterpret_cast<StemmingTokenizer*>(instance);
  TokenizeCall call{tokenizer, context, emit};
  return tokenizer->words.xTokenize(tokenizer->words_instance, &call, flags, text, size,
                                    &EmitStemmed);
}

}  // namespace

Status RegisterStemmingTokenizer(sqlite3* db) {
  WD_ASSIGN_OR_RETURN(fts5_api* api, Fts5Api(db));
  fts5_tokenizer tokenizer{&Create, &Delete, &Tokenize};
  const int rc = api->xCreateTokenizer(api, "wiredesk", api, &tokenizer, nullptr);
  if (rc != SQLITE_OK) return Fail(SqliteError(db, rc, "registering the wiredesk tokenizer"));
  return {};
}

}  // namespace wiredesk::store::sqlite
