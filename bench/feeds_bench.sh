#!/usr/bin/env bash
# Subscriptions: `wiredesk refresh` over 1,000 local feeds, beside FreshRSS's figure.
#
# Generates 1,000 RSS feeds (20 full-text entries each, so no page is fetched: this measures
# fetch + parse + extract + store per entry), serves them from a python3 http.server on a
# free loopback port, imports them with `wiredesk import-opml`, and times one
# `wiredesk refresh --once` with /usr/bin/time (wall time, peak RSS). Then times the feed
# parser alone on one 100,000-entry feed (`wiredesk feeds parse --count`).
#
# References, measured on this kind of machine (2 cores): FreshRSS refreshes ~780 feed
# items/s in ~50 MB; expat alone reads ~520k items/s, libxml2's SAX ~330k items/s.
#
# usage: bench/feeds_bench.sh [--wiredesk BIN] [--feeds N] [--entries N] [--workers N]
#                             [--keep DIR]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/build/wiredesk
FEEDS=1000
ENTRIES=20
WORKERS=4
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --wiredesk) BIN=$2; shift 2 ;;
    --feeds) FEEDS=$2; shift 2 ;;
    --entries) ENTRIES=$2; shift 2 ;;
    --workers) WORKERS=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
BIN=$(realpath "$BIN")
WORK=${KEEP:-$(mktemp -d)}
mkdir -p "$WORK"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  if [ -z "$KEEP" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$WORK" "$FEEDS" "$ENTRIES" "$PORT" <<'PY'
import os, sys
work, feeds, entries, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
os.makedirs(f"{work}/site", exist_ok=True)
para = ("<p>The council met on Tuesday to discuss the harbour, the budget and the roads; "
        "members asked for a report by the end of the month.</p>")
def item(f, i):
    return (f"<item><title>Report {i} from desk {f}</title>"
            f"<link>http://127.0.0.1:{port}/desk{f}/story{i}.html</link>"
            f"<guid>desk{f}-{i}</guid><pubDate>Fri, 27 Jun 2025 {i % 24:02d}:00:00 GMT</pubDate>"
            f"<dc:creator>Reporter {f}</dc:creator><category>Local</category>"
            f"<description>Summary of report {i}.</description>"
            f"<content:encoded><![CDATA[{para * 8}]]></content:encoded></item>")
head = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>')
outlines = []
for f in range(feeds):
    with open(f"{work}/site/feed{f}.xml", "w") as out:
        out.write(head + f"<title>Desk {f}</title><link>http://127.0.0.1:{port}/desk{f}/</link>")
        out.write("".join(item(f, i) for i in range(entries)))
        out.write("</channel></rss>")
    outlines.append(f'<outline type="rss" text="Desk {f}" xmlUrl="http://127.0.0.1:{port}/feed{f}.xml"/>')
with open(f"{work}/feeds.opml", "w") as out:
    out.write('<?xml version="1.0"?><opml version="2.0"><head><title>bench</title></head><body>'
              + "".join(outlines) + "</body></opml>")
with open(f"{work}/big.xml", "w") as out:
    out.write(head + "<title>Big</title>")
    for i in range(100000):
        out.write(f"<item><title>Item {i}</title><link>https://example.com/{i}</link>"
                  f"<guid>big-{i}</guid><pubDate>Fri, 27 Jun 2025 12:00:00 GMT</pubDate>"
                  f"<description>Short summary {i}.</description></item>")
    out.write("</channel></rss>")
PY

(cd "$WORK/site" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
SERVER_PID=$!
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/feed0.xml')" 2>/dev/null; then break; fi
  sleep 0.1
done

DB=$WORK/bench.db
rm -f "$DB"*
"$BIN" import-opml --db "$DB" "$WORK/feeds.opml"
/usr/bin/time -v -o "$WORK/time.txt" "$BIN" refresh --once --db "$DB" \
  --allow-network 127.0.0.1/32 --host-delay-ms 0 --per-host "$WORKERS" --workers "$WORKERS" \
  > "$WORK/refresh.txt"
head -1 "$WORK/refresh.txt"
WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
NEW=$(grep -o '[0-9]* new entries' "$WORK/refresh.txt" | head -1 | cut -d' ' -f1)
FAILED=$(grep -c '^  failed' "$WORK/refresh.txt" || true)
SECS=$(python3 -c "
w='$WALL'.split(':'); s=0.0
for p in w: s = s*60 + float(p)
print(s)")
python3 - "$NEW" "$SECS" "$RSS_KB" "$FAILED" <<'PY'
import sys
new, secs, rss_kb, failed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rate = new / secs if secs > 0 else 0
print(f"refresh: {new} entries in {secs:.1f} s = {rate:.0f} entries/s, peak {rss_kb/1024:.0f} MB, {failed} feeds failed")
print(f"FreshRSS (reference): ~780 items/s, ~50 MB  ->  wiredesk {rate/780:.2f}x the rate, "
      f"{rss_kb/1024/50:.2f}x the memory")
PY
echo -n "feed parser alone (100,000 entries, one feed): "
"$BIN" feeds parse --count "$WORK/big.xml"
echo "references: expat alone ~520k items/s, libxml2 SAX ~330k items/s"
