#!/usr/bin/env bash
# Enrich throughput: everything computed for an article at ingest (hashtags, key points,
# entities, quotes with speakers, timeline) on the article-extraction benchmark's 109 pages,
# pinned to one core. The goal is >= 500 articles/s per core. Extraction runs first and is not
# timed; the breakdown says where the time goes, and a tokenising-only pass in the same run is
# the reference the figure is compared with (the machine is shared: ratios travel, rates do not).
#
# usage: bench/enrich_bench.sh [--wiredesk BIN] [--data DIR] [--repeat N] [--cpu N]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/build/wiredesk
DATA=$(cd "$ROOT/.." && pwd)/shared/data/extraction
REPEAT=5
CPU=0
while [ $# -gt 0 ]; do
  case "$1" in
    --wiredesk) BIN=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --cpu) CPU=$2; shift 2 ;;
    *) sed -n '2,8p' "$0"; exit 2 ;;
  esac
done
[ -x "$BIN" ] || { echo "no wiredesk binary at $BIN (make, or pass --wiredesk)" >&2; exit 2; }
[ -d "$DATA/html" ] || { echo "no benchmark pages at $DATA/html" >&2; exit 2; }

WORK=$(mktemp -d /tmp/enrich_bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
for f in "$DATA"/html/*.html.gz; do gzip -dc "$f" > "$WORK/$(basename "$f" .gz)"; done
echo "== enrich throughput on $(ls "$WORK" | wc -l) extraction-benchmark pages, CPU $CPU"
taskset -c "$CPU" "$BIN" eval enrich --repeat "$REPEAT" "$WORK"/*.html 2> /dev/null
