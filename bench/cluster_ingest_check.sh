#!/usr/bin/env bash
# Does ingest file stories the way `wiredesk eval cluster` scores them? Each labelled item is
# written as a page (HTML, or a plain-text capture with --text) with a sidecar naming its URL,
# publisher and date, the pages are ingested into a fresh store, and the stories the store
# holds are read back and scored beside `wiredesk eval cluster` on the same set.
#
# Usage: bench/cluster_ingest_check.sh [STORIES_DIR] [--text] [--batches N] [--postgres]
#   STORIES_DIR  default ../shared/data/stories (relative to the repository root)
#   WIREDESK     the binary, default build/wiredesk (e.g. build-rel/wiredesk)
#   --text       plain-text captures instead of HTML pages
#   --batches N  the batched run ingests in N runs of the program (default 4), so every run
#                after the first starts its desk from the store (the replay after a restart)
#   --postgres   the same on a temporary PostgreSQL server (postgresql 15, run as `postgres`)
#
# Order: the items are written in the order `eval cluster` streams them (by date, ties by the
# id's leading number, then file order), one file each, named in that order, so ingest's
# article ids and the store's time order (time, then id) follow it. ECB+ has no dates: its
# pages get 2000-01-01 plus one second per item, which keeps file order.
#
# Rows, per set (B-cubed F1 and items grouped differently from each reference):
#   eval          `eval cluster` on the set as it is (ECB+ undated)
#   eval.dated    `eval cluster` on the set with the pages' dates (ECB+ only)
#   eval.stored   `eval cluster` on what the store holds (title, text, publisher, time read
#                 back after ingest): the same input as the desk saw, in the same order
#   ingest        the stories ingest filed, one run of the program
#   ingest.batches  the same, ingested in N runs (replay after each restart)
#   cluster       after `wiredesk cluster` on the store of the one-run ingest
# `diff_eval` counts items whose story (the set of items it is grouped with) differs from the
# eval row, `diff_stored` from eval.stored. The desk and the placer are one decision when
# diff_stored is 0 for the ingest rows; eval vs eval.stored measures what ingest changes in the
# input (extraction, titles, dates).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
stories="$root/../shared/data/stories"
format=html
batches=4
postgres=0
while (($#)); do
  case "$1" in
    --text) format=text ;;
    --batches) batches="$2"; shift ;;
    --postgres) postgres=1 ;;
    *) stories="$1" ;;
  esac
  shift
done
bin="${WIREDESK:-$root/build/wiredesk}"
eval_py="$stories/../eval/cluster_eval.py"
[[ -x "$bin" ]] || { echo "cluster_ingest_check: no binary at $bin (set WIREDESK)" >&2; exit 1; }
[[ -f "$eval_py" ]] || { echo "cluster_ingest_check: no $eval_py" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

work="$(mktemp -d)"
chmod 755 "$work"
pg_bin=""
cleanup() {
  if [[ -n "$pg_bin" && -f "$work/pg/postmaster.pid" ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
[[ -n "${KEEP:-}" ]] && echo "# work dir kept: $work" >&2 || trap cleanup EXIT

if ((postgres)); then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  mkdir -p "$work/pg" && chown postgres "$work/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
  port=$((20000 + RANDOM % 20000))
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -w -l "$work/pg/server.log" \
    -o "-p $port -k $work/pg -c listen_addresses=''" start >/dev/null
fi

# store_url NAME: a fresh store for one run (a file, or a new database on the server).
store_url() {
  if ((postgres)); then
    runuser -u postgres -- "$pg_bin/createdb" -h "$work/pg" -p "$port" "$1"
    echo "postgresql:///$1?host=$work/pg&port=$port&user=postgres"
  else
    echo "$work/$1.db"
  fi
}

# The stories a store holds, as "id<TAB>story" lines in the pages' order.
read_stories() {  # read_stories DB OUT
  if ((postgres)); then
    runuser -u postgres -- "$pg_bin/psql" -h "$work/pg" -p "$port" -d "$3" -AtF $'\t' -c \
      "SELECT a.url, COALESCE(sa.story_id, -a.id) FROM articles a
       LEFT JOIN story_articles sa ON sa.article_id = a.id" >"$2.raw"
  else
    python3 - "$1" >"$2.raw" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for url, story in db.execute("SELECT a.url, COALESCE(sa.story_id, -a.id) FROM articles a "
                             "LEFT JOIN story_articles sa ON sa.article_id = a.id"):
    print(f"{url}\t{story}")
PY
  fi
  python3 - "$work/$set.order" "$2.raw" >"$2" <<'PY'
import sys
ids = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
story = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8"))
for i, item in enumerate(ids):
    print(f"{item}\t{story.get(f'https://check.example/item/{i}', f'missing{i}')}")
PY
}

# What the store holds for each page (title, text, publisher, time) as a JSON-lines set in the
# pages' order, so `eval cluster` sees exactly the input the desk saw.
read_stored() {  # read_stored DB DBNAME OUT
  if ((postgres)); then
    runuser -u postgres -- "$pg_bin/psql" -h "$work/pg" -p "$port" -d "$2" -At -c \
      "SELECT json_build_object('url', a.url, 'title', a.title, 'text', a.text,
         'source', COALESCE(s.name, ''), 'when',
         to_char(to_timestamp(COALESCE(a.published, a.captured)) AT TIME ZONE 'UTC',
                 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))
       FROM articles a LEFT JOIN sources s ON s.id = a.source_id" >"$3.raw"
  else
    python3 - "$1" >"$3.raw" <<'PY'
import datetime, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for url, title, text, source, when in db.execute(
        "SELECT a.url, a.title, a.text, COALESCE(s.name, ''), COALESCE(a.published, a.captured) "
        "FROM articles a LEFT JOIN sources s ON s.id = a.source_id"):
    t = datetime.datetime.fromtimestamp(when, datetime.timezone.utc)
    print(json.dumps({"url": url, "title": title, "text": text, "source": source,
                      "when": t.strftime("%Y-%m-%dT%H:%M:%SZ")}))
PY
  fi
  python3 - "$work/$set.jsonl" "$3.raw" >"$3" <<'PY'
import json, sys
stored = {}
for l in open(sys.argv[2], encoding="utf-8"):
    o = json.loads(l)
    stored[o["url"]] = o
for i, l in enumerate(open(sys.argv[1], encoding="utf-8")):
    it = json.loads(l)
    s = stored.get(f"https://check.example/item/{i}")
    if s is None:
        continue
    print(json.dumps({"id": it["id"], "cluster": it["cluster"], "title": s["title"],
                      "text": s["text"], "source": s["source"], "date": s["when"]}))
PY
}

# write_pages SET SRC DIR: the set's items in streaming order, as pages with sidecars; also
# SET.jsonl (the items in that order, ECB+ with the pages' dates) and SET.order (their ids).
write_pages() {
  python3 - "$1" "$2" "$3" "$format" "$work" <<'PY'
import datetime, html, json, os, re, sys
name, src, out, fmt, work = sys.argv[1:6]
os.makedirs(out)
items = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
if all(it.get("date") for it in items):
    # eval cluster's order (eval_inputs.cc SortForStreaming): time, then the id's leading
    # number (std::from_chars: 0 when the id does not start with a digit), then file order.
    lead = lambda s: int(m.group()) if (m := re.match(r"-?\d+", s)) else 0
    items.sort(key=lambda it: (it["date"], lead(it["id"])))
    stamp = lambda i, it: it["date"] + ("" if "T" in it["date"] else "T00:00:00Z")
else:
    origin = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    stamp = lambda i, it: (origin + datetime.timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
with open(f"{work}/{name}.jsonl", "w", encoding="utf-8") as j, \
     open(f"{work}/{name}.order", "w", encoding="utf-8") as o:
    for i, it in enumerate(items):
        when = stamp(i, it)
        j.write(json.dumps(dict(it, date=when)) + "\n")
        o.write(it["id"] + "\n")
        title = it.get("title") or ""
        paras = [p.strip() for p in (it.get("text") or "").split("\n") if p.strip()]
        publisher = it.get("source") or name
        base = f"{out}/{i:06d}"
        json.dump({"url": f"https://check.example/item/{i}",
                   "source": {"name": publisher, "url": f"https://{publisher}.example/"},
                   "published": when, "captured": when}, open(base + ".meta.json", "w"))
        if fmt == "text":
            # A capture's first line is the headline; an item without one starts with its text.
            open(base + ".txt", "w", encoding="utf-8").write("\n".join([title] + paras if title else paras))
        else:
            body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
            h1 = f"<h1>{html.escape(title)}</h1>\n" if title else ""
            open(base + ".html", "w", encoding="utf-8").write(
                f"<!doctype html>\n<html><head><meta charset=utf-8><title>{html.escape(title)}"
                f"</title></head>\n<body><article>\n{h1}{body}</article></body></html>\n")
PY
}

# compare GOLD REF PRED: items whose group (the other items in their story) differs.
compare() {
  python3 - "$1" "$2" <<'PY'
import collections, sys
def groups(path):
    story = dict(l.rstrip("\n").split("\t")[:2] for l in open(path, encoding="utf-8") if l.strip())
    members = collections.defaultdict(set)
    for i, s in story.items():
        members[s].add(i)
    return {i: frozenset(members[s]) for i, s in story.items()}
a, b = groups(sys.argv[1]), groups(sys.argv[2])
print(sum(1 for i in a if a[i] != b.get(i)))
PY
}

score() { python3 "$eval_py" "$1" "$2" | tail -1 | sed -n 's/.*bcubed_f1=\([^ ]*\).*/\1/p'; }

echo "# cluster_ingest_check: $format pages, $( ((postgres)) && echo PostgreSQL || echo SQLite)"
printf '%-8s %-15s %9s %10s %11s %s\n' set path bcubed_f1 diff_eval diff_stored notes
for set in basil ecbplus; do
  src="$stories/$set.jsonl"
  write_pages "$set" "$src" "$work/$set.pages"
  n="$(wc -l <"$work/$set.order")"
  dbname="${set}_one"
  db="$(store_url "$dbname")"
  "$bin" eval cluster "$src" "$work/$set.eval.tsv" 2>/dev/null
  "$bin" eval cluster "$work/$set.jsonl" "$work/$set.eval.dated.tsv" 2>/dev/null
  # ingest exits 1 when it skipped a page: the pages it skipped are counted below.
  "$bin" ingest --db "$db" "$work/$set.pages" >"$work/$set.ingest.log" 2>&1 || true
  grep -q '^added ' "$work/$set.ingest.log" || { cat "$work/$set.ingest.log" >&2; exit 1; }
  filing="$(grep '^stories:' "$work/$set.ingest.log" || true)"
  read_stories "$work/$dbname.db" "$work/$set.ingest.tsv" "$dbname"
  read_stored "$work/$dbname.db" "$dbname" "$work/$set.stored.jsonl"
  "$bin" eval cluster "$work/$set.stored.jsonl" "$work/$set.eval.stored.tsv" 2>/dev/null

  # The same pages in N runs of the program: each run's desk starts from the store.
  bname="${set}_batches"
  bdb="$(store_url "$bname")"
  per=$(((n + batches - 1) / batches))
  for ((b = 0; b < batches; b++)); do
    mkdir -p "$work/$set.batch$b"
    ls "$work/$set.pages" | grep -v '\.meta\.json$' | sed -n "$((b * per + 1)),$(((b + 1) * per))p" |
      while read -r f; do
        ln -s "$work/$set.pages/$f" "$work/$set.batch$b/$f"
        ln -s "$work/$set.pages/${f%.*}.meta.json" "$work/$set.batch$b/${f%.*}.meta.json"
      done
    "$bin" ingest --db "$bdb" "$work/$set.batch$b" >"$work/$set.batch$b.log" 2>&1 || true
    grep -q '^added ' "$work/$set.batch$b.log" || { cat "$work/$set.batch$b.log" >&2; exit 1; }
  done
  read_stories "$work/$bname.db" "$work/$set.ingest.batches.tsv" "$bname"

  "$bin" cluster --db "$db" >"$work/$set.cluster.log" 2>&1 ||
    { cat "$work/$set.cluster.log" >&2; exit 1; }
  read_stories "$work/$dbname.db" "$work/$set.cluster.tsv" "$dbname"

  changed="$(python3 - "$work/$set.jsonl" "$work/$set.stored.jsonl" <<'PY'
import json, sys
norm = lambda s: " ".join((s or "").split())
src = {o["id"]: o for o in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
title = text = 0
for o in map(json.loads, open(sys.argv[2], encoding="utf-8")):
    s = src[o["id"]]
    title += norm(o["title"]) != norm(s.get("title"))
    text += norm(o["text"]) != norm(s.get("text"))
print(f"titles changed {title}, texts changed {text}")
PY
)"
  for row in eval eval.dated eval.stored ingest ingest.batches cluster; do
    [[ "$set" == basil && "$row" == eval.dated ]] && continue
    pred="$work/$set.$row.tsv"
    note=""
    case "$row" in
      eval.stored) note="$changed (whitespace aside) of $n" ;;
      ingest) note="$(grep '^added ' "$work/$set.ingest.log"); $filing" ;;
      ingest.batches) note="$batches runs" ;;
    esac
    printf '%-8s %-15s %9s %10s %11s %s\n' "$set" "$row" "$(score "$src" "$pred")" \
      "$(compare "$work/$set.eval.tsv" "$pred")" "$(compare "$work/$set.eval.stored.tsv" "$pred")" \
      "$note"
  done
done

cat <<'NOTE'
# Differences by design (src/pipeline/README.md, "Ingest and eval cluster"):
# - eval.dated vs eval (ECB+): an ingested article always has a time (its date, else when it
#   was captured), so the desk never sees an undated item; eval cluster scores an undated one
#   at undated_text (0.7) of its similarity.
# - eval.stored vs eval.dated: what extraction keeps of a page. HTML pages: pages under 200
#   characters are not articles (ECB+: 44 skipped; left as singletons in the scores), a short
#   date line near the top ("May 2 , 2013 | 5 : 03pm") is page furniture, a first paragraph
#   that repeats the headline goes, and a " | Fox News" suffix leaves the headline. Captures
#   (--text): the first line is the headline, so an item without a title gives its first line.
# - ingest.batches vs ingest: a desk that starts in a new process reads back only the window
#   before what it files (7 days), so its document frequencies and the stories that began
#   before the window differ from those of a desk that saw the whole stream.
NOTE
