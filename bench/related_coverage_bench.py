#!/usr/bin/env python3
"""Related coverage: does the hashtag lookup of an article page scan every article of a tag?

Builds synthetic SQLite stores (the tables and indexes RelatedArticles reads, as in
src/store/sqlite/migrations.cc) where every article carries one common tag (#news) and a few
rarer ones, then runs the lookup as it was (every article sharing a tag) and as it is (the
newest kRelatedPerTag of each tag, sqlite_store_stories.cc), printing EXPLAIN QUERY PLAN, the
CPU time per lookup at each store size, and the ratio of the largest to the smallest size.
A lookup independent of the store's size keeps that ratio near 1.

  python3 bench/related_coverage_bench.py [--sizes 10000,100000,400000]
"""
import argparse
import random
import sqlite3
import time

SCHEMA = """
CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL, published INTEGER,
  captured INTEGER NOT NULL, source_id INTEGER NOT NULL);
CREATE INDEX articles_latest ON articles (coalesce(published, captured) DESC, id DESC);
CREATE TABLE article_tags (article_id INTEGER NOT NULL, tag_id INTEGER NOT NULL,
  position INTEGER NOT NULL, PRIMARY KEY (article_id, tag_id)) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id);
CREATE TABLE story_articles (story_id INTEGER NOT NULL, article_id INTEGER NOT NULL,
  PRIMARY KEY (story_id, article_id)) WITHOUT ROWID;
CREATE INDEX story_articles_article ON story_articles (article_id);
CREATE TABLE article_copies (copy_id INTEGER PRIMARY KEY, canonical_id INTEGER NOT NULL);
"""

OLD = """SELECT other.article_id, sa.story_id, count(*) AS shared FROM article_tags mine
JOIN article_tags other ON other.tag_id = mine.tag_id
JOIN story_articles sa ON sa.article_id = other.article_id
JOIN articles a ON a.id = other.article_id
WHERE mine.article_id = ?1 AND other.article_id <> ?1 AND other.article_id <> ?2
AND sa.story_id <> ?3
AND NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.copy_id = other.article_id)
GROUP BY other.article_id
ORDER BY shared DESC, coalesce(a.published, a.captured) DESC, other.article_id DESC LIMIT ?4"""

NEW = OLD.replace(
    "JOIN article_tags other ON other.tag_id = mine.tag_id",
    "JOIN article_tags other ON other.tag_id = mine.tag_id "
    "AND other.article_id >= coalesce((SELECT o.article_id FROM article_tags o "
    "WHERE o.tag_id = mine.tag_id ORDER BY o.article_id DESC LIMIT 1 OFFSET ?5), 0)")

PER_TAG = 500  # kRelatedPerTag
CANDIDATES = 200  # kRelatedCandidates


def build(n, seed=7):
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    rnd = random.Random(seed)
    db.execute("INSERT INTO sources VALUES (1, 'Wire')")
    db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, 1)",
                   ((i, "t%d" % i, 1_700_000_000 + i * 60, 1_700_000_000 + i * 60)
                    for i in range(1, n + 1)))
    rows = []
    for i in range(1, n + 1):
        tags = {1} | {rnd.randrange(2, 2 + n // 50) for _ in range(3)}
        rows.extend((i, t, p) for p, t in enumerate(sorted(tags)))
    db.executemany("INSERT INTO article_tags VALUES (?, ?, ?)", rows)
    db.executemany("INSERT INTO story_articles VALUES (?, ?)",
                   ((i // 5 + 1, i) for i in range(1, n + 1)))
    db.execute("ANALYZE")
    return db


def run(db, sql, article, reps):
    args = (article, article, article // 5 + 1, CANDIDATES, PER_TAG - 1)
    if "?5" not in sql:
        args = args[:4]
    start = time.process_time()
    for _ in range(reps):
        db.execute(sql, args).fetchall()
    return (time.process_time() - start) / reps * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,400000")
    ap.add_argument("--reps", type=int, default=5)
    opts = ap.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    results = {}
    for n in sizes:
        db = build(n)
        article = n - 3  # a recent article, as on the front page
        if n == sizes[0]:
            for name, sql in (("old", OLD), ("new", NEW)):
                print("EXPLAIN QUERY PLAN (%s):" % name)
                plan_args = (article, article, 1, CANDIDATES, PER_TAG - 1)
                for row in db.execute("EXPLAIN QUERY PLAN " + sql,
                                      plan_args if "?5" in sql else plan_args[:4]):
                    print("   ", row[3])
        old_ms = run(db, OLD, article, opts.reps)
        new_ms = run(db, NEW, article, opts.reps)
        results[n] = (old_ms, new_ms)
        print("articles %8d  old %9.2f ms CPU  new %7.2f ms CPU  old/new %6.1fx" %
              (n, old_ms, new_ms, old_ms / max(new_ms, 1e-6)))
        db.close()
    lo, hi = sizes[0], sizes[-1]
    print("growth from %d to %d articles: old %.1fx, new %.1fx" %
          (lo, hi, results[hi][0] / results[lo][0], results[hi][1] / results[lo][1]))


if __name__ == "__main__":
    main()
