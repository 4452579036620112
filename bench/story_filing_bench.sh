#!/usr/bin/env bash
# The cost of filing one article into a story of S articles (S = 1,000, 10,000, 100,000), on
# SQLite: the statements Store::FileInStory runs (the story_articles row, the story touched,
# one transaction each), with the store's own triggers doing the counting. Before migration 10
# the insert trigger recounted the whole story at every filing; now it adds the one article.
#
# Each store is made by a wiredesk binary (`wiredesk cluster` on an empty file sets up its
# schema), so --before OLD_WIREDESK measures an older schema's triggers in the same run. A story
# of S articles is built with the insert trigger set aside (building it one filing at a time is
# the quadratic cost being measured), the trigger put back from its saved text, and the story
# recounted once; then --filings more articles are filed one at a time and their CPU time
# (this process: SQLite runs in it) is averaged. The last lines check the counts against a
# full recount and print the ratio of the largest size to the smallest.
#
# usage: bench/story_filing_bench.sh [--build DIR] [--before OLD_WIREDESK] [--sizes N,N,..]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build
BEFORE=""
SIZES=1000,10000,100000
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --before) BEFORE=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
run() {  # run NAME BINARY
  "$2" cluster --db "$WORK/$1.db" >/dev/null
  /usr/bin/python3 - "$WORK/$1.db" "$1" "$SIZES" <<'PY'
import sqlite3, sys, time
path, name, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3].split(",")]
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA foreign_keys = ON")
db.execute("PRAGMA synchronous = NORMAL")
version = db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
# The search index's tokenizer lives in wiredesk (schema 11), not in Python's SQLite, and this
# bench measures filing only: its throwaway store keeps no search index.
db.execute("DROP TRIGGER IF EXISTS articles_fts_insert")
sources, base = 300, 1_700_000_000
total = sum(sizes) + 200 * len(sizes)
db.execute("BEGIN")
db.executemany("INSERT INTO sources (id, name) VALUES (?, ?)",
               [(k + 1, f"Outlet {k}") for k in range(sources)])
db.executemany(
    "INSERT INTO articles (id, identity_url, url, title, text, published, captured, content_hash,"
    " first_seen_at, updated_at, source_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?5, 'h', ?5, ?5, ?6)",
    [(i + 1, f"https://x.example/{i}", f"Headline {i}", f"Text of article {i}.", base + i * 60,
      i % sources + 1) for i in range(total)])
# One article in ten is a syndicated copy (marked before it is filed, as the desk does).
db.executemany("INSERT INTO article_copies (copy_id, canonical_id) VALUES (?, ?)",
               [(i + 1, i) for i in range(1, total, 10)])
db.execute("COMMIT")
trigger = db.execute("SELECT sql FROM sqlite_schema WHERE name = 'story_articles_insert'").fetchone()[0]
recount = ("UPDATE story_articles SET story_id = ?1 WHERE story_id = ?1 AND article_id = "
           "(SELECT min(article_id) FROM story_articles WHERE story_id = ?1)")
next_id, rows = 1, []
for size in sizes:
    filings = 200 if size <= 10000 else 20
    db.execute("BEGIN")
    story = db.execute("INSERT INTO stories (updated_at) VALUES (0)").lastrowid
    db.execute("DROP TRIGGER story_articles_insert")
    db.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                   [(story, a) for a in range(next_id, next_id + size)])
    db.execute(trigger)
    db.execute(recount, (story,))
    db.execute("COMMIT")
    next_id += size
    start = time.process_time()
    for a in range(next_id, next_id + filings):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) "
                   "ON CONFLICT (story_id, article_id) DO NOTHING", (story, a))
        db.execute("UPDATE stories SET updated_at = ?2 WHERE id = ?1", (story, a))
        db.execute("COMMIT")
    ms = (time.process_time() - start) / filings * 1e3
    next_id += filings
    kept = db.execute("SELECT article_count, publisher_count, first_published, last_published,"
                      " lead_article_id, headline FROM stories WHERE id = ?", (story,)).fetchone()
    db.execute("BEGIN")
    db.execute(recount, (story,))
    fresh = db.execute("SELECT article_count, publisher_count, first_published, last_published,"
                       " lead_article_id, headline FROM stories WHERE id = ?", (story,)).fetchone()
    db.execute("ROLLBACK")
    rows.append((size, ms, kept == fresh))
    print(f"{name:7} schema {version:2}  story of {size:7}: {ms:8.3f} ms CPU per filing"
          f"  (counts as a recount gives: {'yes' if kept == fresh else 'NO ' + str(kept) + ' ' + str(fresh)})",
          flush=True)
print(f"{name:7} filing at {rows[-1][0]} over {rows[0][0]}: {rows[-1][1] / rows[0][1]:.2f}")
if name != "after":
    sys.exit(0)
# Would `wiredesk cluster` gain from committing every few hundred filings instead of each one?
# The same statements as above into small stories (five articles each, as most are), one
# transaction per filing against one per 256, on more of the articles stored above.
def file_run(articles, batch):
    start, story, k = time.process_time(), None, 0
    for a in articles:
        if k % batch == 0:
            db.execute("BEGIN IMMEDIATE")
        if story is None or a % 5 == 0:
            story = db.execute("INSERT INTO stories (updated_at) VALUES (0)").lastrowid
        db.execute("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) "
                   "ON CONFLICT (story_id, article_id) DO NOTHING", (story, a))
        db.execute("UPDATE stories SET updated_at = ?2 WHERE id = ?1", (story, a))
        db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
        k += 1
        if k % batch == 0:
            db.execute("COMMIT")
    if k % batch:
        db.execute("COMMIT")
    return (time.process_time() - start) / len(articles) * 1e3
db.execute("BEGIN")
db.executemany(
    "INSERT INTO articles (id, identity_url, url, title, text, published, captured, content_hash,"
    " first_seen_at, updated_at, source_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?5, 'h', ?5, ?5, ?6)",
    [(i + 1, f"https://x.example/{i}", f"Headline {i}", f"Text of article {i}.", base + i * 60,
      i % sources + 1) for i in range(total, total + 40000)])
db.execute("COMMIT")
one, batched = [], []
for part in range(4):
    lo = total + 1 + part * 10000
    (one if part % 2 == 0 else batched).append(file_run(range(lo, lo + 10000), 1 if part % 2 == 0 else 256))
print(f"{name:7} small stories: {sum(one) / 2:.3f} ms CPU per filing committing each, "
      f"{sum(batched) / 2:.3f} committing every 256 (saves {sum(one) / 2 - sum(batched) / 2:.3f} ms)")
PY
}
if [ -n "$BEFORE" ]; then run before "$BEFORE"; fi
run after "$BUILD/wiredesk"
