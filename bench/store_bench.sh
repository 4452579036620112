#!/usr/bin/env bash
# The store on one node, SQLite beside PostgreSQL: ingest articles/s (one transaction per
# article, as the pipeline writes) and search latency p50/p99 over a fixed query mix at N
# articles (default 100,000), plus the front page (LatestArticles) p50.
#
# The articles are synthetic and deterministic (bench/store/store_bench.cc: Zipf-drawn words
# from sample/captures' vocabulary). PostgreSQL runs from a temporary initdb on a free
# loopback port, shared_buffers=256MB and synchronous_commit=off (what SQLite's
# synchronous=NORMAL in WAL mode gives: the last commits may be lost in a crash, nothing is
# corrupted); as root the server runs as the `postgres` user (or `nobody`).
# PostgreSQL's ingest rate is measured over the first --pg-ingest articles (default 5,000)
# into an empty database; its search corpus is the SQLite one copied over by `migrate`'s
# code (the same articles; loading 100k through single-row upserts takes too long here).
#
# --search-only skips the ingest measurements (with --keep DIR, a second run then only
# searches the kept corpora: minutes instead of the corpus build).
# --bulk builds the SQLite corpus in transactions of 20,000 articles (store_bench.cc's
# BulkAppend: the same rows UpsertArticle writes, checked equal on 3,000 articles) instead of
# one UpsertArticle each, and so measures no ingest rate: for --articles 1000000, whose build
# through UpsertArticle takes hours. The copy into PostgreSQL is `migrate`'s, which builds the
# GIN indexes once after the copy.
#
# --sqlite-only measures SQLite alone (no PostgreSQL server is started): with --search-only
# --keep DIR, the search figures of a kept SQLite corpus (DIR/bench.db).
#
# Besides wall times (inflated by whatever else runs on the machine) it prints CPU time per
# query, p50/p99 (cpu_*): the bench's own thread plus, for PostgreSQL, the server process
# serving it (/proc/PID/sched), which other load does not inflate as much.
#
# usage: bench/store_bench.sh [--bench BIN] [--articles N] [--queries N] [--pg-ingest N]
#                             [--keep DIR] [--search-only] [--bulk] [--sqlite-only]
#        (BIN: the store_bench program; default build/bench/store_bench)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/build/bench/store_bench
ARTICLES=100000
QUERIES=600
PG_INGEST=5000
KEEP=""
SEARCH_ONLY=""
BULK=0
SQLITE_ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) BENCH=$2; shift 2 ;;
    --articles) ARTICLES=$2; shift 2 ;;
    --queries) QUERIES=$2; shift 2 ;;
    --pg-ingest) PG_INGEST=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    --search-only) SEARCH_ONLY=1; shift ;;
    --bulk) BULK=1; shift ;;
    --sqlite-only) SQLITE_ONLY=1; shift ;;
    *) sed -n '2,34p' "$0"; exit 2 ;;
  esac
done
BENCH=$(realpath "$BENCH")
WORK=${KEEP:-$(mktemp -d)}
mkdir -p "$WORK"

PG_BIN=${WIREDESK_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
RUN_AS=""
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then PGUSER_OS=postgres; else PGUSER_OS=nobody; fi
  RUN_AS="runuser -u $PGUSER_OS --"
fi
PG_DATA=$WORK/pg
cleanup() {
  if [ -d "$PG_DATA" ]; then $RUN_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true; fi
  if [ -z "$KEEP" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

cd "$ROOT"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "store_bench: SQLite, $ARTICLES articles" >&2
SQLITE_LINE=$("$BENCH" --db "sqlite:$WORK/bench.db" --articles "$ARTICLES" --queries "$QUERIES" \
  --label sqlite --bulk "$BULK")

PG_LINE=""
PG_INGEST_LINE=""
if [ -z "$SQLITE_ONLY" ]; then
echo "store_bench: PostgreSQL, $ARTICLES articles" >&2
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ ! -d "$PG_DATA" ]; then
  [ -n "$RUN_AS" ] && chown "$PGUSER_OS" "$WORK"
  $RUN_AS "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U wiredesk -E UTF8 --locale=C --lc-ctype=C.UTF-8 >/dev/null
fi
$RUN_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
  -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c synchronous_commit=off -c maintenance_work_mem=1GB" \
  start >/dev/null
URL="postgresql://wiredesk@127.0.0.1:$PORT"
if [ -z "$SEARCH_ONLY" ]; then
  psql -q "$URL/postgres" -c "DROP DATABASE IF EXISTS ingest" -c "CREATE DATABASE ingest"
  PG_INGEST_LINE=$("$BENCH" --db "$URL/ingest" --articles "$PG_INGEST" --queries 0 --label postgresql)
fi
if ! psql -qtA "$URL/postgres" -c "SELECT 1 FROM pg_database WHERE datname = 'bench'" | grep -q 1; then
  psql -q "$URL/postgres" -c "CREATE DATABASE bench"
  "$BENCH" --db "$URL/bench" --copy-from "$WORK/bench.db" --articles "$ARTICLES" --queries 0 \
    --label postgresql >/dev/null
  # What autovacuum does to a live site's tables (statistics, the visibility map).
  psql -q "$URL/bench" -c "VACUUM ANALYZE"
fi
PG_LINE=$("$BENCH" --db "$URL/bench" --articles "$ARTICLES" --queries "$QUERIES" --label postgresql)
fi

field() { echo "$1" | head -1 | tr '\t' '\n' | sed -n "s/^$2=//p"; }
kind() { echo "$1" | grep "kind=$2" | tr '\t' '\n' | sed -n "s/^$3=//p"; }
printf '\n%-30s %12s %12s\n' "store, $ARTICLES articles" "SQLite" "PostgreSQL"
SQLITE_INGEST=$(field "$SQLITE_LINE" ingest_per_s)
[ "$BULK" = 1 ] && SQLITE_INGEST="(bulk)"
printf '%-30s %12s %12s\n' "ingest articles/s" "$SQLITE_INGEST" \
  "$(field "$PG_INGEST_LINE" ingest_per_s)"
for f in search_p50_ms search_p99_ms search_max_ms cpu_p50_ms cpu_p99_ms latest_p50_ms mean_total; do
  printf '%-30s %12s %12s\n' "$f" "$(field "$SQLITE_LINE" $f)" "$(field "$PG_LINE" $f)"
done
for k in common mid rare two_words phrase prefix; do
  printf '%-30s %12s %12s\n' "  $k p50 / p99 ms" \
    "$(kind "$SQLITE_LINE" $k p50_ms) / $(kind "$SQLITE_LINE" $k p99_ms)" \
    "$(kind "$PG_LINE" $k p50_ms) / $(kind "$PG_LINE" $k p99_ms)"
  printf '%-30s %12s %12s\n' "  $k cpu p50 / p99 ms" \
    "$(kind "$SQLITE_LINE" $k cpu_p50_ms) / $(kind "$SQLITE_LINE" $k cpu_p99_ms)" \
    "$(kind "$PG_LINE" $k cpu_p50_ms) / $(kind "$PG_LINE" $k cpu_p99_ms)"
done
echo "(SQLite's ingest counts only the articles this run added; with --keep a second run reuses"
echo " the corpus. Load average at the start: $LOAD_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
