#include "store/sqlite/stemming_tokenizer.h"

#include <limits>
#include <memory>

#include "enrich/summarize/text_units.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/sqlite_db.h"

namespace wiredesk::store::sqlite {
namespace {

using EmitToken = int (*)(void*, int, const char*, int, int, int);

// One per FTS5 table and connection; a connection is used by one thread at a time, which is
// all the stemmer (not thread-safe) needs. Its bounded cache matters here: snippet()
// tokenizes each hit's text again, and without a cache the Snowball stems took ~1.8 ms of a
// search's CPU at the median for a page of 20.
struct StemmingTokenizer {
  fts5_tokenizer words{};
  Fts5Tokenizer* words_instance = nullptr;
  enrich::summarize::Stemmer stemmer{"english"};

  ~StemmingTokenizer() {
    if (words_instance != nullptr) words.xDelete(words_instance);
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
  const std::string& stem =
      call->tokenizer->stemmer.Stem(std::string_view(token, static_cast<size_t>(size)));
  return call->emit(call->context, flags, stem.data(), static_cast<int>(stem.size()), start,
                    end);
}

// The arguments (e.g. "remove_diacritics 2") are unicode61's.
int Create(void* api_ptr, const char** args, int arg_count, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(api_ptr);
  auto tokenizer = std::make_unique<StemmingTokenizer>();
  if (!tokenizer->stemmer.HasAlgorithm()) return SQLITE_ERROR;
  void* words_data = nullptr;
  int rc = api->xFindTokenizer(api, "unicode61", &words_data, &tokenizer->words);
  if (rc != SQLITE_OK) return rc;
  rc = tokenizer->words.xCreate(words_data, args, arg_count, &tokenizer->words_instance);
  if (rc != SQLITE_OK) return rc;
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

int64_t IndexedTokens(std::string_view docsize) {
  int64_t total = 0;
  int64_t value = 0;
  for (const char c : docsize) {
    const auto byte = static_cast<unsigned char>(c);
    value = (value << 7) | (byte & 0x7f);
    if ((byte & 0x80) == 0) {
      total += value;
      value = 0;
    }
  }
  return total;
}

Result<std::unique_ptr<SearchTokenCounter>> SearchTokenCounter::Open() {
  std::unique_ptr<SearchTokenCounter> counter(new SearchTokenCounter());
  int rc = sqlite3_open_v2(":memory:", &counter->db_, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) return Fail(SqliteError(counter->db_, rc, "opening the token counter"));
  WD_ASSIGN_OR_RETURN(fts5_api* api, Fts5Api(counter->db_));
  void* words_data = nullptr;
  rc = api->xFindTokenizer(api, "unicode61", &words_data, &counter->words_);
  if (rc != SQLITE_OK) return Fail(SqliteError(counter->db_, rc, "finding unicode61"));
  // The search index's arguments (sqlite/migrations.cc: 'wiredesk remove_diacritics 2').
  const char* args[] = {"remove_diacritics", "2"};
  rc = counter->words_.xCreate(words_data, args, 2, &counter->instance_);
  if (rc != SQLITE_OK) return Fail(SqliteError(counter->db_, rc, "creating unicode61"));
  return counter;
}

SearchTokenCounter::~SearchTokenCounter() {
  if (instance_ != nullptr) words_.xDelete(instance_);
  sqlite3_close(db_);
}

Result<int64_t> SearchTokenCounter::Count(std::string_view text) {
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Fail(ErrorCode::kInvalidArgument, "text too long to count its tokens");
  }
  int64_t tokens = 0;
  const int rc = words_.xTokenize(
      instance_, &tokens, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()),
      [](void* count, int flags, const char*, int, int, int) {
        // A colocated token shares its position with the one before (FTS5 counts positions).
        if ((flags & FTS5_TOKEN_COLOCATED) == 0) ++*static_cast<int64_t*>(count);
        return SQLITE_OK;
      });
  if (rc != SQLITE_OK) return Fail(SqliteError(db_, rc, "counting tokens"));
  return tokens;
}

}  // namespace wiredesk::store::sqlite
