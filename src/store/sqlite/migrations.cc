// The SQLite schema, version by version. Times are INTEGER Unix seconds (UTC); absent text is ''
// rather than NULL so readers need no NULL checks; only an unknown `published` is NULL.
#include "store/sqlite/migrations.h"

#include <array>
#include <string>

namespace wiredesk::store::sqlite {

namespace {

// Version 1: the model's tables.
constexpr const char* kV1Tables = R"sql(
-- The write generation (see SqliteStore::Generation): bumped in every write transaction.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('generation', 0);

-- A publisher is known by its name; case does not make a second one ("AP" = "ap").
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  url TEXT NOT NULL DEFAULT ''
);

CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL
);
CREATE INDEX feeds_source ON feeds (source_id);

-- identity_url is store::IdentityKey(): the canonical URL, else the URL, else a key made from
-- source and title. blocks/images/related hold the JSON of core/article_json.h.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  identity_url TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL DEFAULT '',
  canonical_url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  dek TEXT NOT NULL DEFAULT '',
  byline TEXT NOT NULL DEFAULT '',
  published INTEGER,
  captured INTEGER NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  rights TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  blocks TEXT NOT NULL DEFAULT '[]',
  images TEXT NOT NULL DEFAULT '[]',
  related TEXT NOT NULL DEFAULT '[]',
  content_hash TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources (id)
);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_source ON articles (source_id);
-- LatestArticles walks this index instead of sorting the table.
CREATE INDEX articles_latest ON articles (coalesce(published, captured) DESC, id DESC);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'place', 'organisation', 'topic')),
  UNIQUE (name, kind)
);

-- position keeps the order SetTags was given (the tagger's ranking).
CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id);

-- Filled by the clustering stage.
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  headline TEXT NOT NULL DEFAULT '',
  first_published INTEGER,
  last_published INTEGER,
  updated_at INTEGER NOT NULL
);

CREATE TABLE story_articles (
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('reader', 'moderator', 'admin')),
  created INTEGER NOT NULL
);

-- author_name is kept even for a user's comment, so the thread survives the user's deletion.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  body TEXT NOT NULL,
  created INTEGER NOT NULL,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
);
CREATE INDEX comments_article ON comments (article_id, created, id);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_user ON comments (user_id);
)sql";

// Version 2: full-text search over title and text.
//
// External content (content='articles'), not a contentless table: snippet() needs the
// original text, which a contentless table does not keep, and a plain FTS5 table would store
// every article's text twice. The cost is that the index must be kept in step with
// `articles` by hand, which the triggers do inside each writing statement's transaction.
// The update trigger fires only when title or text change, so re-tagging or a new
// `captured` does not re-index.
//
// porter over unicode61: "elections" finds "election". The price is that a prefix query
// matches stems ("run*" finds "running", "runn*" does not). remove_diacritics 2: "cafe"
// finds "café", including the code points version 1 of the option missed.
constexpr const char* kV2Search = R"sql(
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- Articles stored under version 1 become searchable.
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
)sql";

// Version 3: subscriptions that refresh themselves. `feeds` (from version 1) gains its fetch
// state; feed_entries remembers which entry GUIDs each feed has listed, so an entry is
// processed once however often the feed repeats it. Removing a feed forgets its entries but
// keeps the articles they became (ON DELETE SET NULL the other way round).
constexpr const char* kV3FeedState = R"sql(
ALTER TABLE feeds ADD COLUMN site_url TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN folder TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN etag TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN last_modified TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN last_fetched_at INTEGER;
ALTER TABLE feeds ADD COLUMN last_success_at INTEGER;
ALTER TABLE feeds ADD COLUMN next_fetch_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN interval_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX feeds_due ON feeds (next_fetch_at);

CREATE TABLE feed_entries (
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  guid TEXT NOT NULL,
  article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
  first_seen_at INTEGER NOT NULL,
  PRIMARY KEY (feed_id, guid)
) WITHOUT ROWID;
CREATE INDEX feed_entries_article ON feed_entries (article_id);
)sql";

// Version 4: readers who sign in. `users` (version 1) gains a password hash (argon2id, encoded
// by the caller); sessions and API tokens are kept only as hashes of their secrets, so the file
// signs nobody in. Comments gain the author's edits and deletion (the row stays, so replies keep
// their place) and readers' reports, one per reader.
constexpr const char* kV4Accounts = R"sql(
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created INTEGER NOT NULL,
  expires INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

ALTER TABLE comments ADD COLUMN edited INTEGER;
ALTER TABLE comments ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));
-- The posting rate limit counts a user's recent comments; this index covers comments_user's.
CREATE INDEX comments_user_created ON comments (user_id, created);
DROP INDEX comments_user;

CREATE TABLE comment_reports (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  PRIMARY KEY (comment_id, user_id)
) WITHOUT ROWID;
)sql";

// Version 5: stories, filed by pipeline/story_desk. `stories` (version 1) keeps its counts, its
// lead article and its headline, so the front page reads one row per story; stories_front is
// the front page's order (the day of the latest article, then publishers, then articles). A
// syndicated copy points at its canonical article; deleting either forgets the mark, never
// the other article.
//
// The triggers keep each story's row true to its articles whatever changes them: filing,
// merging (an UPDATE of story_id), copy marks, re-ingested articles and deletions (the
// cascade from `articles` fires them too). A story left without articles goes. Each recount
// reads one story's rows through the story_articles key, so it costs the story's size, never
// the store's.
#define WD_RECOUNT_STORIES(WHICH)                                                              \
  WD_RECOUNT_STORIES_WITH(WHICH, "(SELECT count(DISTINCT a.source_id) FROM story_articles sa "   \
                                 "JOIN articles a ON a.id = sa.article_id "                     \
                                 "WHERE sa.story_id = stories.id)")
#define WD_RECOUNT_STORIES_WITH(WHICH, PUBLISHERS)                                             \
  "UPDATE stories SET "                                                                        \
  "article_count = (SELECT count(*) FROM story_articles sa WHERE sa.story_id = stories.id "    \
  "AND NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = sa.article_id)), "        \
  "publisher_count = " PUBLISHERS ", "                                                         \
  "first_published = (SELECT min(coalesce(a.published, a.captured)) FROM story_articles sa "  \
  "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id), "                 \
  "last_published = (SELECT max(coalesce(a.published, a.captured)) FROM story_articles sa "   \
  "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id), "                 \
  "lead_article_id = (SELECT a.id FROM story_articles sa JOIN articles a "                     \
  "ON a.id = sa.article_id WHERE sa.story_id = stories.id ORDER BY EXISTS "                    \
  "(SELECT 1 FROM article_copies c WHERE c.copy_id = a.id), "                                 \
  "coalesce(a.published, a.captured) DESC, a.id DESC LIMIT 1) WHERE " WHICH ";\n"              \
  "UPDATE stories SET headline = coalesce((SELECT title FROM articles "                       \
  "WHERE id = stories.lead_article_id), '') WHERE " WHICH ";\n"                                \
  "DELETE FROM stories WHERE (" WHICH ") AND NOT EXISTS "                                      \
  "(SELECT 1 FROM story_articles sa WHERE sa.story_id = stories.id);\n"

constexpr const char* kV5Stories =
    R"sql(
ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN publisher_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN lead_article_id INTEGER;
CREATE INDEX stories_front ON stories (
  coalesce(last_published, 0) / 86400 DESC, publisher_count DESC, article_count DESC,
  last_published DESC, id DESC);

CREATE TABLE article_copies (
  copy_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  canonical_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_copies_canonical ON article_copies (canonical_id);

CREATE TRIGGER story_articles_insert AFTER INSERT ON story_articles BEGIN
)sql" WD_RECOUNT_STORIES("id = NEW.story_id") R"sql(
END;
CREATE TRIGGER story_articles_delete AFTER DELETE ON story_articles BEGIN
)sql" WD_RECOUNT_STORIES("id = OLD.story_id") R"sql(
END;
CREATE TRIGGER story_articles_move AFTER UPDATE OF story_id ON story_articles BEGIN
)sql" WD_RECOUNT_STORIES("id IN (OLD.story_id, NEW.story_id)") R"sql(
END;
CREATE TRIGGER article_copies_insert AFTER INSERT ON article_copies BEGIN
)sql" WD_RECOUNT_STORIES("id IN (SELECT story_id FROM story_articles WHERE article_id = NEW.copy_id)") R"sql(
END;
CREATE TRIGGER article_copies_delete AFTER DELETE ON article_copies BEGIN
)sql" WD_RECOUNT_STORIES("id IN (SELECT story_id FROM story_articles WHERE article_id = OLD.copy_id)") R"sql(
END;
CREATE TRIGGER articles_story_fields AFTER UPDATE OF title, published, captured, source_id
ON articles BEGIN
)sql" WD_RECOUNT_STORIES("id IN (SELECT story_id FROM story_articles WHERE article_id = NEW.id)") R"sql(
END;
)sql";

// Version 6: what enrich works out about each article (core::ArticleInsights as the JSON of
// core/article_json.h): read whole for the article page and the API, never queried inside, so
// one document per article rather than a table per feature.
constexpr const char* kV6Insights = R"sql(
CREATE TABLE article_insights (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  computed_at INTEGER NOT NULL
);
)sql";

// Version 7: each reader's own state, for the reader apps (Google Reader and Fever APIs) and
// the saved-articles page. A subscription points at one of the site's feeds (the refresher
// fetches each feed once, however many readers follow it) with the reader's title and folder;
// which articles a feed brought is feed_entries (version 3). A read or saved article is a row,
// so an article nobody has opened costs nothing. The app key is a hash, like API tokens.
constexpr const char* kV7ReaderState = R"sql(
CREATE TABLE reader_subscriptions (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  title TEXT NOT NULL DEFAULT '',
  folder TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  PRIMARY KEY (user_id, feed_id)
) WITHOUT ROWID;
CREATE INDEX reader_subscriptions_feed ON reader_subscriptions (feed_id);

CREATE TABLE reader_reads (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, article_id)
) WITHOUT ROWID;
CREATE INDEX reader_reads_article ON reader_reads (article_id);

CREATE TABLE reader_saved (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, article_id)
) WITHOUT ROWID;
CREATE INDEX reader_saved_recent ON reader_saved (user_id, saved_at DESC, article_id DESC);
CREATE INDEX reader_saved_article ON reader_saved (article_id);

CREATE TABLE reader_app_keys (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  key_hash TEXT NOT NULL UNIQUE,
  created INTEGER NOT NULL
);
)sql";

// Version 8: merging two stories moves each of one's rows to the other (an UPDATE of
// story_id), and the move trigger recounted both stories for every row moved, so a merge of two
// stories of S articles read ~2 S^2 rows (two stories of 4,000: minutes, holding the write
// lock). MergeStories now sets the 'stories_moving' row of meta while it moves (inside its
// transaction: no other connection ever sees it), the move trigger skips its recount then, and
// the merge recounts the story once at the end (stories::Merge).
constexpr const char* kV8OneRecountPerMerge =
    R"sql(
DROP TRIGGER story_articles_move;
CREATE TRIGGER story_articles_move AFTER UPDATE OF story_id ON story_articles
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'stories_moving') BEGIN
)sql" WD_RECOUNT_STORIES("id IN (OLD.story_id, NEW.story_id)") R"sql(
END;
)sql";

// Version 10 (9 is full-text search's): filing an article updated its story by recounting
// the whole story (five reads of all its articles), so a story that ran for months cost its
// size at every new article. Filing now adds the one article to the counts: its copy mark to
// article_count; its publisher to publisher_count when story_publishers (one row per story and
// publisher) did not have it; the earlier/later of the dates; it becomes the lead when it
// sorts before the lead in the recount's order (not a copy, newest, highest id). Every other
// change (a deletion, a move, a copy mark, an edited article) still recounts the stories it
// touches, now rebuilding their story_publishers rows too.
#define WD_RECOUNT_STORIES_V10(WHICH)                                                          \
  "DELETE FROM story_publishers WHERE story_id IN (SELECT id FROM stories WHERE " WHICH ");\n"  \
  "INSERT INTO story_publishers (story_id, source_id) SELECT DISTINCT sa.story_id, a.source_id " \
  "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "                             \
  "WHERE sa.story_id IN (SELECT id FROM stories WHERE " WHICH ");\n"                             \
  WD_RECOUNT_STORIES_WITH(WHICH, "(SELECT count(*) FROM story_publishers p "                     \
                                 "WHERE p.story_id = stories.id)")

constexpr const char* kV10IncrementalFiling =
    R"sql(
CREATE TABLE story_publishers (
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL,
  PRIMARY KEY (story_id, source_id)
) WITHOUT ROWID;
INSERT INTO story_publishers (story_id, source_id)
  SELECT DISTINCT sa.story_id, a.source_id FROM story_articles sa
  JOIN articles a ON a.id = sa.article_id;

DROP TRIGGER story_articles_insert;
DROP TRIGGER story_articles_delete;
DROP TRIGGER story_articles_move;
DROP TRIGGER article_copies_insert;
DROP TRIGGER article_copies_delete;
DROP TRIGGER articles_story_fields;

CREATE TRIGGER story_articles_insert AFTER INSERT ON story_articles BEGIN
UPDATE stories SET
  article_count = article_count +
    NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = NEW.article_id),
  publisher_count = publisher_count + NOT EXISTS (SELECT 1 FROM story_publishers p
    JOIN articles a ON a.source_id = p.source_id
    WHERE a.id = NEW.article_id AND p.story_id = NEW.story_id),
  first_published = (SELECT min(coalesce(stories.first_published, t), t) FROM
    (SELECT coalesce(published, captured) AS t FROM articles WHERE id = NEW.article_id)),
  last_published = (SELECT max(coalesce(stories.last_published, t), t) FROM
    (SELECT coalesce(published, captured) AS t FROM articles WHERE id = NEW.article_id)),
  lead_article_id = CASE WHEN lead_article_id IS NULL OR coalesce((
    (SELECT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = stories.lead_article_id)),
     (SELECT coalesce(published, captured) FROM articles WHERE id = NEW.article_id),
     NEW.article_id) > (
    (SELECT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = NEW.article_id)),
     (SELECT coalesce(published, captured) FROM articles WHERE id = stories.lead_article_id),
     stories.lead_article_id), 1)
    THEN NEW.article_id ELSE lead_article_id END
WHERE id = NEW.story_id;
UPDATE stories SET headline = coalesce((SELECT title FROM articles WHERE id = NEW.article_id), '')
WHERE id = NEW.story_id AND lead_article_id = NEW.article_id;
INSERT OR IGNORE INTO story_publishers (story_id, source_id)
  SELECT NEW.story_id, source_id FROM articles WHERE id = NEW.article_id;
END;
CREATE TRIGGER story_articles_delete AFTER DELETE ON story_articles BEGIN
)sql" WD_RECOUNT_STORIES_V10("id = OLD.story_id") R"sql(
END;
CREATE TRIGGER story_articles_move AFTER UPDATE OF story_id ON story_articles
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'stories_moving') BEGIN
)sql" WD_RECOUNT_STORIES_V10("id IN (OLD.story_id, NEW.story_id)") R"sql(
END;
CREATE TRIGGER article_copies_insert AFTER INSERT ON article_copies BEGIN
)sql" WD_RECOUNT_STORIES_V10("id IN (SELECT story_id FROM story_articles WHERE article_id = NEW.copy_id)") R"sql(
END;
CREATE TRIGGER article_copies_delete AFTER DELETE ON article_copies BEGIN
)sql" WD_RECOUNT_STORIES_V10("id IN (SELECT story_id FROM story_articles WHERE article_id = OLD.copy_id)") R"sql(
END;
CREATE TRIGGER articles_story_fields AFTER UPDATE OF title, published, captured, source_id
ON articles BEGIN
)sql" WD_RECOUNT_STORIES_V10("id IN (SELECT story_id FROM story_articles WHERE article_id = NEW.id)") R"sql(
END;
)sql";

#undef WD_RECOUNT_STORIES_V10
#undef WD_RECOUNT_STORIES_WITH
#undef WD_RECOUNT_STORIES

// Version 9: a prefix index. Without one, FTS5 answers "pres*" by merging the doclist of every
// word that begins so (at 1M articles a quarter to one and a half seconds of CPU for four
// letters, more for two); with prefix = '2 3 4' it reads one doclist, as for a word. Measured
// on the bench's 100k articles: a 2-, 3- and 4-letter prefix each cost 2-4 ms instead of
// 27-440 ms at the median, for an index 2.9 times as large (the file grows by 42 %); a prefix
// of 5 letters or more merges few enough words to need none (2-3 ms at the median, 30 ms at
// worst). FTS5 cannot add the option to a table, so the table is made again and rebuilt from
// `articles`; the version 2 triggers name the table and so keep it in step unchanged. The
// rebuild leaves its index in some twenty segments, which every lookup reads one by one;
// 'optimize' merges them into one (a tenth of the rebuild's time; searches at 100k a third
// faster at the median). New articles add segments again, which FTS5's automerge bounds.
constexpr const char* kV9PrefixIndex = R"sql(
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO articles_fts (articles_fts) VALUES ('optimize');
)sql";

// Version 11: the search index stems with Snowball's English stemmer, as PostgreSQL's tsvector
// does, instead of FTS5's Porter stemmer (see stemming_tokenizer.h: the two backends matched
// different articles for words such as "similarly" and "died"). The index is rebuilt, as in
// version 9: about as long as that took (minutes at 1M articles).
constexpr const char* kV11SnowballStems = R"sql(
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'wiredesk remove_diacritics 2',
  prefix = '2 3 4'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO articles_fts (articles_fts) VALUES ('optimize');
)sql";

constexpr std::array kMigrations = {
    Migration{1, "tables", kV1Tables},
    Migration{2, "full-text search", kV2Search},
    Migration{3, "feed state", kV3FeedState},
    Migration{4, "accounts and comment moderation", kV4Accounts},
    Migration{5, "stories and syndicated copies", kV5Stories},
    Migration{6, "article insights", kV6Insights},
    Migration{7, "reader state", kV7ReaderState},
    Migration{8, "one recount per story merge", kV8OneRecountPerMerge},
    Migration{9, "prefix index for search", kV9PrefixIndex},
    Migration{10, "filing counts the filed article only", kV10IncrementalFiling},
    Migration{11, "search stems as PostgreSQL does", kV11SnowballStems},
};

Result<bool> HasTable(Database& db, const char* name) {
  WD_ASSIGN_OR_RETURN(Query q,
                      db.Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1"));
  q.Bind(1, std::string_view(name));
  return q.Step();
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }
// The last one's: versions are taken in advance by work merged later, so a build may skip one.
int LatestSchemaVersion() { return kMigrations.back().version; }

Status CheckIsWiredeskDatabase(Database& db) {
  // The first read of the file: a non-SQLite file fails here with SQLITE_NOTADB.
  WD_ASSIGN_OR_RETURN(Query app, db.Prepare("PRAGMA application_id"));
  WD_ASSIGN_OR_RETURN(const bool has_row, app.Step());
  if (has_row && app.Int64(0) == kApplicationId) return {};
  WD_ASSIGN_OR_RETURN(Query tables, db.Prepare("SELECT count(*) FROM sqlite_schema"));
  WD_ASSIGN_OR_RETURN(const bool counted, tables.Step());
  if (counted && tables.Int64(0) == 0) return {};  // new or empty: ours to set up
  return Fail(ErrorCode::kStorage, "file is not a wiredesk database (it is another program's)",
              db.Path());
}

Result<int> SchemaVersion(Database& db) {
  WD_ASSIGN_OR_RETURN(const bool has_table, HasTable(db, "schema_migrations"));
  if (!has_table) return 0;
  WD_ASSIGN_OR_RETURN(Query q,
                      db.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  WD_ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? static_cast<int>(q.Int64(0)) : 0;
}

Status Migrate(Database& db, Instant now, int target) {
  WD_CHECK(target >= 0 && target <= LatestSchemaVersion());
  // Read the version inside the write transaction: another process may have migrated the file
  // while this one waited for the lock.
  WD_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db, Transaction::Kind::kWrite));
  WD_ASSIGN_OR_RETURN(const int current, SchemaVersion(db));
  if (current > LatestSchemaVersion()) {
    return Fail(ErrorCode::kStorage,
                "database schema version " + std::to_string(current) +
                    " is newer than this wiredesk understands (" +
                    std::to_string(LatestSchemaVersion()) + "); upgrade wiredesk",
                db.Path());
  }
  if (current >= target) return {};  // up to date: the transaction ends without a write

  if (current == 0) {
    // PRAGMA takes no bound parameters; the value is our own constant, not input.
    const std::string set_id = "PRAGMA application_id = " + std::to_string(kApplicationId);
    WD_RETURN_IF_ERROR(db.Exec(set_id.c_str()));
    WD_RETURN_IF_ERROR(
        db.Exec("CREATE TABLE schema_migrations ("
                "  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= current || m.version > target) continue;
    if (auto st = db.Exec(m.sql); !st) {
      Error e = st.error();
      e.message = "migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                  ") failed: " + e.message;
      return Fail(std::move(e));
    }
    WD_ASSIGN_OR_RETURN(Query record,
                        db.Prepare("INSERT INTO schema_migrations (version, name, applied_at) "
                                   "VALUES (?1, ?2, ?3)"));
    record.Bind(1, int64_t{m.version}).Bind(2, m.name).Bind(3, now);
    WD_RETURN_IF_ERROR(record.Run());
  }
  // A new schema is a write like any other: caches keyed on the generation start over.
  WD_RETURN_IF_ERROR(db.Exec("UPDATE meta SET value = value + 1 WHERE key = 'generation'"));
  return txn.Commit();
}

}  // namespace wiredesk::store::sqlite
