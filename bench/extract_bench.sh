#!/usr/bin/env bash
# Article extraction, wiredesk against Readability.js, on the article-extraction benchmark.
#
# Runs `wiredesk extract --format html` over every benchmark page in one process (pinned to one
# core, timed with /usr/bin/time for peak RSS), scores the bodies with the benchmark's own
# metric (eval_extract.py), then runs Readability.js 0.6.0 on linkedom 0.18.15 over the same
# pages in one node process, pinned the same way, and scores it the same way. Prints body F1
# (all pages, and the tuning/held-out halves: even and odd positions in id order), pages per
# second, peak memory and the speed ratio; then headline/byline/date agreement of both on
# readability-pages, peak memory for the worst single page and two synthetic 10 MB pages
# (prose only; scripts around a story), and optionally (--soak N) peak memory over N pages in
# one process.
#
# usage: bench/extract_bench.sh [--wiredesk BIN] [--data DIR] [--repeat N] [--cpu N]
#                               [--soak N] [--no-readability] [--keep DIR]
# The data folder (default ../shared/data/extraction) holds html/, gt/, eval_extract.py and
# readability-pages/; its pages are decompressed to a temporary folder, never into the tree.
# Node modules are installed once into bench/out/extract/node_modules (override: RJS_MODULES).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/build/wiredesk
DATA=$(cd "$ROOT/.." && pwd)/shared/data/extraction
REPEAT=3
CPU=0
SOAK=0
READABILITY=1
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --wiredesk) BIN=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --cpu) CPU=$2; shift 2 ;;
    --soak) SOAK=$2; shift 2 ;;
    --no-readability) READABILITY=0; shift ;;
    --keep) KEEP=$2; shift 2 ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
  esac
done
BIN=$(realpath "$BIN")
[ -x "$BIN" ] || { echo "no wiredesk binary at $BIN (build it, or pass --wiredesk)" >&2; exit 2; }
[ -f "$DATA/eval_extract.py" ] || { echo "no benchmark data at $DATA" >&2; exit 2; }
EVAL="python3 $DATA/eval_extract.py"
HERE=$ROOT/bench/extract

WORK=$(mktemp -d /tmp/extract_bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/pages" "$WORK/rpages"
for f in "$DATA"/html/*.html.gz; do gzip -dc "$f" > "$WORK/pages/$(basename "$f" .gz)"; done
for f in "$DATA"/readability-pages/html/*.html.gz; do
  gzip -dc "$f" > "$WORK/rpages/$(basename "$f" .gz)"
done
PAGES=("$WORK"/pages/*.html)
N=${#PAGES[@]}
# The honest split: tune on even positions, check on odd ones.
ls "$DATA/gt" | sed 's/\.json$//' | sort | awk 'NR % 2 == 1' > "$WORK/even.ids"
ls "$DATA/gt" | sed 's/\.json$//' | sort | awk 'NR % 2 == 0' > "$WORK/odd.ids"
BYTES=$(cat "${PAGES[@]}" | wc -c)

# best_of CMD...: runs CMD $REPEAT times pinned to $CPU; leaves the fastest run's
# "wall user sys maxrss_kb" in $WORK/best.time.
best_of() {
  local best=""
  for _ in $(seq "$REPEAT"); do
    # time(1) puts "Command exited with non-zero status" first when a page was refused.
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/run.raw" taskset -c "$CPU" "$@" || true
    tail -1 "$WORK/run.raw" > "$WORK/run.time"
    if [ -z "$best" ] || awk -v a="$(cut -d' ' -f1 "$WORK/run.time")" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$(cut -d' ' -f1 "$WORK/run.time")
      cp "$WORK/run.time" "$WORK/best.time"
    fi
  done
}

score() {  # score LABEL PRED_DIR
  local all even odd
  all=$($EVAL "$DATA/gt" "$2" --json --n-bootstrap 200)
  even=$($EVAL "$DATA/gt" "$2" --json --n-bootstrap 1 --ids "$WORK/even.ids")
  odd=$($EVAL "$DATA/gt" "$2" --json --n-bootstrap 1 --ids "$WORK/odd.ids")
  python3 - "$1" "$all" "$even" "$odd" <<'PY'
import json, sys
label, a, e, o = sys.argv[1], *(json.loads(x) for x in sys.argv[2:])
print(f"{label:<16} F1 {a['f1']:.3f} ± {a['f1_std']:.3f} (P {a['precision']:.3f} R {a['recall']:.3f})"
      f"  tune/even {e['f1']:.3f}  held-out/odd {o['f1']:.3f}  empty {a['empty_predictions']}/{a['pages']}")
PY
}

speed() {  # speed LABEL -> "pages/s wall, pages/s cpu, peak MB"
  read -r wall user sys rss < "$WORK/best.time"
  python3 -c "
w, u, s, r, n = $wall, $user, $sys, $rss, $N
print(f'{\"$1\":<16} {n / max(w, 1e-3):7.1f} pages/s (wall, 1 core)  {n / max(u + s, 1e-3):7.1f} pages/CPU-s  peak RSS {r / 1024:.1f} MB')
"
  echo "$N $wall $(python3 -c "print($user + $sys)")" > "$WORK/$1.speed"
}

echo "== body: $N benchmark pages ($((BYTES / 1024)) KiB), best of $REPEAT, pinned to CPU $CPU"
best_of sh -c '"$0" extract --format html "$@" > "'"$WORK"'/wd.jsonl" 2> "'"$WORK"'/wd.err"' "$BIN" "${PAGES[@]}"
python3 "$HERE/jsonl_to_pred.py" "$WORK/wd.jsonl" "$WORK/pred-wiredesk" > /dev/null
cp "$WORK/best.time" "$WORK/wd.time"
score wiredesk "$WORK/pred-wiredesk"
speed wiredesk

if [ "$READABILITY" = 1 ]; then
  MODULES=${RJS_MODULES:-$ROOT/bench/out/extract}
  if [ ! -d "$MODULES/node_modules/@mozilla/readability" ] || [ ! -d "$MODULES/node_modules/linkedom" ]; then
    mkdir -p "$MODULES"
    npm install --silent --no-audit --no-fund --prefix "$MODULES" \
      @mozilla/readability@0.6.0 linkedom@0.18.15 > /dev/null
  fi
  best_of node "$HERE/readability_run.mjs" "$MODULES" "$WORK/pred-readability" "${PAGES[@]}" > "$WORK/rjs.out"
  score readability.js "$WORK/pred-readability"
  speed readability.js
  echo "   (Readability.js parse+extract only, without node start and file reads, last run: $(tail -1 "$WORK/rjs.out"))"
  read -r _ wd_wall wd_cpu < "$WORK/wiredesk.speed"
  read -r _ rjs_wall rjs_cpu < "$WORK/readability.js.speed"
  # On a shared machine the wall clock also counts the time other processes held the core;
  # CPU time (user + sys) counts only each program's own work.
  python3 -c "print(f'speed ratio      wiredesk / Readability.js = {$rjs_wall / max($wd_wall, 1e-3):.1f}x wall time, {$rjs_cpu / max($wd_cpu, 1e-3):.1f}x CPU time (same pages, same core)')"
fi

RPAGES=("$WORK"/rpages/*.html)
echo "== metadata: ${#RPAGES[@]} readability-pages (truth = Readability.js's own output)"
"$BIN" extract --format html "${RPAGES[@]}" > "$WORK/wd-r.jsonl" 2> /dev/null || true
python3 "$HERE/jsonl_to_pred.py" "$WORK/wd-r.jsonl" "$WORK/rpred-wiredesk" > /dev/null
python3 "$HERE/meta_agree.py" "$DATA/readability-pages/gt" "$WORK/rpred-wiredesk" wiredesk
if [ "$READABILITY" = 1 ]; then
  node "$HERE/readability_run.mjs" "$MODULES" "$WORK/rpred-readability" "${RPAGES[@]}" > /dev/null
  python3 "$HERE/meta_agree.py" "$DATA/readability-pages/gt" "$WORK/rpred-readability" readability.js
fi

echo "== memory"
worst=0; worst_page=""
for p in "${PAGES[@]}" "${RPAGES[@]}"; do
  /usr/bin/time -f "%M" -o "$WORK/one.time" "$BIN" extract --format html "$p" > /dev/null 2>&1 || true
  kb=$(tail -1 "$WORK/one.time")
  if [ "$kb" -gt "$worst" ]; then worst=$kb; worst_page=$(basename "$p"); fi
done
echo "single page      worst peak RSS $((worst / 1024)) MB ($worst_page)"
# Two synthetic 10 MB pages: one of 10 MB of distinct paragraphs (the worst case for the DOM:
# tens of thousands of small nodes), one of a 40-paragraph story among 10 MB of scripts, styles
# and comments (what big news pages are made of). Both must extract; the status is printed.
python3 - "$WORK/big.html" "$WORK/bigscript.html" <<'PY'
import sys
para = ('<p>The council said on Tuesday that the new bridge, which has been delayed twice, '
        'would open in the spring, and that traffic on the old crossing would be diverted ({}).</p>\n')
nav = '<ul class="nav">' + ''.join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40)) + '</ul>\n'
with open(sys.argv[1], 'w') as f:
    f.write('<!doctype html><html><head><title>Big page</title></head><body>' + nav * 20)
    f.write('<article><h1>Big page</h1>')
    n = 0
    while f.tell() < 10 * 1024 * 1024:
        for _ in range(50):
            n += 1
            f.write(para.format(n))
        f.write('<div class="ad">Advertisement</div>\n')
    f.write('</article></body></html>')
with open(sys.argv[2], 'w') as f:
    f.write('<!doctype html><html><head><title>Script-heavy page</title>')
    while f.tell() < 5 * 1024 * 1024:
        f.write('<script>window.__DATA__ = ' + ('{"k": "' + 'x' * 200 + '"},') * 50 + ';</script>\n')
    f.write('<style>' + '.a{color:red}' * 10000 + '</style></head><body><article><h1>Script-heavy page</h1>')
    for i in range(40):
        f.write(para.format(i))
    f.write('</article>')
    while f.tell() < 10 * 1024 * 1024:
        f.write('<!-- ' + 'y' * 1000 + ' -->\n<script>var z = "' + 'z' * 2000 + '";</script>\n')
    f.write('</body></html>')
PY
for big in big bigscript; do
  /usr/bin/time -f "%e %M" -o "$WORK/big.raw" "$BIN" extract --format html "$WORK/$big.html" > /dev/null 2> "$WORK/big.err" \
    && status=extracted || status="failed: $(head -c 200 "$WORK/big.err")"
  read -r big_s big_kb < <(tail -1 "$WORK/big.raw")
  echo "10 MB page       ${big}.html: peak RSS $((big_kb / 1024)) MB in ${big_s}s ($status)"
done
if [ "$SOAK" -gt 0 ]; then
  mkdir -p "$WORK/soak"
  for i in $(seq 0 $((SOAK - 1))); do
    ln -s "${PAGES[$((i % N))]}" "$WORK/soak/$i.html"
  done
  /usr/bin/time -f "%e %M" -o "$WORK/soak.raw" sh -c '"$0" extract --format html "$1"/*.html > /dev/null 2>&1' "$BIN" "$WORK/soak" || true
  read -r soak_s soak_kb < <(tail -1 "$WORK/soak.raw")
  read -r _ _ _ one_kb < "$WORK/wd.time"
  echo "soak             $SOAK pages in one process: peak RSS $((soak_kb / 1024)) MB in ${soak_s}s" \
       "(one pass of $N pages: $((one_kb / 1024)) MB)"
fi
if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"
  rm -rf "$KEEP/pred-wiredesk" "$KEEP/pred-readability"
  cp -r "$WORK/pred-wiredesk" "$KEEP/"
  [ -d "$WORK/pred-readability" ] && cp -r "$WORK/pred-readability" "$KEEP/"
  cp "$WORK/even.ids" "$WORK/odd.ids" "$WORK/wd.err" "$KEEP/"
fi
