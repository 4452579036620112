#!/usr/bin/env bash
# Ingest articles/s into one PostgreSQL database with 1, 2 and 3 ingesting nodes (processes,
# each with its own connection, each storing its share of the same N synthetic articles, one
# transaction per article as the pipeline writes), beside SQLite's single-node figure.
# This is the store's part of ingest (upsert, search index, work queue); extraction and
# enrichment run on the nodes and scale with them. Prints wall time, the nodes' CPU time and
# the server's CPU time (its backends', reaped by the postmaster), and the load average: on a
# shared machine the wall figures are only comparable within one run.
#
# PostgreSQL runs from a temporary initdb on a free loopback port, shared_buffers=256MB,
# synchronous_commit=off (see bench/store_bench.sh for why).
#
# usage: bench/nodes_bench.sh [--bench BIN] [--articles N] [--nodes "1 2 3"]
#        (BIN: the store_bench program; default build/bench/store_bench)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/build/bench/store_bench
ARTICLES=3000
NODES="1 2 3"
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) BENCH=$2; shift 2 ;;
    --articles) ARTICLES=$2; shift 2 ;;
    --nodes) NODES=$2; shift 2 ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
BENCH=$(realpath "$BENCH")
WORK=$(mktemp -d)
PG_BIN=${WIREDESK_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
RUN_AS=""
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then PGUSER_OS=postgres; else PGUSER_OS=nobody; fi
  RUN_AS="runuser -u $PGUSER_OS --"
  chown "$PGUSER_OS" "$WORK"
fi
PG_DATA=$WORK/pg
cleanup() {
  $RUN_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$ROOT"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$RUN_AS "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U wiredesk -E UTF8 --locale=C --lc-ctype=C.UTF-8 >/dev/null
$RUN_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
  -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c synchronous_commit=off" \
  start >/dev/null
URL="postgresql://wiredesk@127.0.0.1:$PORT"
POSTMASTER=$(head -1 "$PG_DATA/postmaster.pid")
TICKS=$(getconf CLK_TCK)
# CPU seconds of the server's exited backends (cutime + cstime of the postmaster).
server_cpu() { awk -v t="$TICKS" '{ printf "%.2f", ($16 + $17) / t }' "/proc/$POSTMASTER/stat"; }

printf '%-22s %10s %10s %12s %12s %14s\n' "ingest, $ARTICLES articles" "wall s" "articles/s" \
  "nodes CPU s" "server CPU s" "articles/CPU-s"
TIMEFILE=$WORK/time
for n in sqlite $NODES; do
  if [ "$n" = sqlite ]; then
    T0=$(date +%s.%N)
    /usr/bin/time -o "$TIMEFILE.0" -f '%U %S' "$BENCH" --db "sqlite:$WORK/one.db" \
      --articles "$ARTICLES" --queries 0 --label sqlite >/dev/null
    T1=$(date +%s.%N)
    NODES_CPU=$(awk '{ c += $1 + $2 } END { printf "%.2f", c }' "$TIMEFILE.0")
    printf '%-22s %10.1f %10.0f %12s %12s %14.0f\n' "SQLite, 1 node" "$(echo "$T1 - $T0" | bc)" \
      "$(echo "$ARTICLES / ($T1 - $T0)" | bc -l)" "$NODES_CPU" "-" \
      "$(echo "$ARTICLES / $NODES_CPU" | bc -l)"
    continue
  fi
  psql -q "$URL/postgres" -c "DROP DATABASE IF EXISTS nodes" -c "CREATE DATABASE nodes" 2>/dev/null
  # Migrate once first, so the nodes' timings are ingest only.
  "$BENCH" --db "$URL/nodes" --articles 0 --queries 0 >/dev/null
  BEFORE=$(server_cpu)
  T0=$(date +%s.%N)
  PIDS=()
  for ((i = 0; i < n; i++)); do
    /usr/bin/time -o "$TIMEFILE.$i" -f '%U %S' "$BENCH" --db "$URL/nodes" --articles "$ARTICLES" \
      --queries 0 --shard "$i/$n" --label "node$i" >/dev/null &
    PIDS+=($!)
  done
  for p in "${PIDS[@]}"; do wait "$p"; done
  T1=$(date +%s.%N)
  sleep 0.5  # the backends exit after their clients
  AFTER=$(server_cpu)
  STORED=$(psql -qtA "$URL/nodes" -c "SELECT count(*) FROM articles")
  [ "$STORED" -eq "$ARTICLES" ] || { echo "nodes_bench: $STORED articles stored, not $ARTICLES" >&2; exit 1; }
  NODES_CPU=$(cat "$TIMEFILE".[0-9]* | awk '{ c += $1 + $2 } END { printf "%.2f", c }')
  rm -f "$TIMEFILE".[0-9]*
  SERVER_CPU=$(echo "$AFTER - $BEFORE" | bc)
  printf '%-22s %10.1f %10.0f %12s %12s %14.0f\n' "PostgreSQL, $n node$([ "$n" -gt 1 ] && echo s)" \
    "$(echo "$T1 - $T0" | bc)" "$(echo "$ARTICLES / ($T1 - $T0)" | bc -l)" "$NODES_CPU" \
    "$SERVER_CPU" "$(echo "$ARTICLES / ($NODES_CPU + $SERVER_CPU)" | bc -l)"
done
echo "(articles/CPU-s counts the nodes' and the server's CPU; load average at the end:" \
  "$(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
