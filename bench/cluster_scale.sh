#!/usr/bin/env bash
# Story clustering at the size of a long-lived store (issue 4's limits: the cost of a new
# article independent of the store's size; 1M stored articles clustered within 1 GB).
#
# For each size N (default 10,000 and 100,000; the issue's figure: --sizes 10000,1000000):
#   1. a SQLite store of N synthetic articles, 1,000 a day (bench/stories/cluster_scale.cc:
#      stories of every size across ~3,000 outlets, wire copies; stored as UpsertArticle
#      stores them, search index included, not enriched);
#   2. the ingest path for --new more articles of the same stream (UpsertArticle, then
#      StoryDesk::File on one desk): the first filing's CPU time (it reads the last 7 days back
#      and files what is unfiled there) and the mean CPU time per article after it;
#   3. `wiredesk cluster` over the whole store: CPU time (user + sys) and peak RSS
#      (/usr/bin/time), and the stories it made.
# The last lines compare the sizes: per-article filing cost at the largest over the smallest
# (flat: ~1), and cluster CPU per article.
#
# CPU times, not wall time: the machine is shared. Needs only the repository (sample/captures
# seeds the vocabulary). The stores go in a temporary directory (~5.5 GB per 1M articles),
# removed at the end unless --keep DIR.
#
# usage: bench/cluster_scale.sh [--build DIR] [--sizes N,N,...] [--new K] [--keep DIR]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build
SIZES=10000,100000
NEW=1000
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --new) NEW=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    *) sed -n '2,23p' "$0"; exit 2 ;;
  esac
done
BUILD=$(realpath "$BUILD")
GEN=$BUILD/bench/cluster_scale
WD=$BUILD/wiredesk
for bin in "$GEN" "$WD"; do
  [ -x "$bin" ] || { echo "cluster_scale.sh: $bin not built" >&2; exit 1; }
done
WORK=${KEEP:-$(mktemp -d)}
mkdir -p "$WORK"
cleanup() { if [ -z "$KEEP" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT
cd "$ROOT"

field() { echo "$1" | tr '\t' '\n' | sed -n "s/^$2=//p"; }
ROWS=()
for N in ${SIZES//,/ }; do
  DB=$WORK/stories-$N.db
  if [ ! -f "$DB" ]; then
    echo "cluster_scale.sh: storing $N articles" >&2
    "$GEN" load --db "$DB" --articles "$N" >&2
  fi
  echo "cluster_scale.sh: filing $NEW new articles on $N" >&2
  FILED=$("$GEN" file --db "$DB" --new "$NEW")
  echo "cluster_scale.sh: wiredesk cluster on $((N + NEW))" >&2
  TIMES=$( { /usr/bin/time -f 'time %U %S %M' "$WD" cluster --db "$DB" >"$WORK/cluster.out"; } 2>&1 | grep '^time ')
  read -r _ USER_S SYS_S RSS_KB <<<"$TIMES"
  ROWS+=("$N $(field "$FILED" upsert_cpu_ms) $(field "$FILED" file_cpu_ms) $(field "$FILED" warm_cpu_ms) $USER_S $SYS_S $((RSS_KB / 1024)) $(cat "$WORK/cluster.out" | tr '\n' ' ')")
  if [ -z "$KEEP" ]; then rm -f "$DB" "$DB-wal" "$DB-shm"; fi
done

printf '\n%-9s %10s %10s %10s %12s %10s %9s  %s\n' "stored" "upsert ms" "file ms" "warm ms" \
  "cluster cpu" "per 1k" "peak MB" "wiredesk cluster"
for row in "${ROWS[@]}"; do
  read -r N UP FI WA US SY RSS REST <<<"$row"
  CPU=$(awk "BEGIN { print $US + $SY }")
  printf '%-9s %10s %10s %10s %11.1fs %9.2fs %9s  %s\n' "$N" "$UP" "$FI" "$WA" "$CPU" \
    "$(awk "BEGIN { print $CPU * 1000 / ($N + $NEW) }")" "$RSS" "$REST"
done
read -r N0 _ F0 _ <<<"${ROWS[0]}"
read -r N1 _ F1 _ <<<"${ROWS[${#ROWS[@]}-1]}"
echo "filing one new article, CPU at $N1 stored over $N0 stored: $(awk "BEGIN { printf \"%.2f\", $F1 / $F0 }")"
echo "(upsert/file ms: mean CPU per article after the first; warm ms: the first filing, which"
echo " reads the 7-day window back. Load average: $(cut -d' ' -f1-3 /proc/loadavg))"
