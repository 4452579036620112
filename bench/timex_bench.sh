#!/usr/bin/env bash
# Time expressions (TIMEX3) on TempEval-3's data: `wiredesk eval timex` against the regex
# baseline that ships with the scorer (timex_regex.py) and wiredesk's own small baseline
# (`--method baseline`: explicit dates, years, weekdays, today/yesterday, "N units ago", no
# tense, anchoring or references), all scored by timex_eval.py in the same run.
#
# Usage: bench/timex_bench.sh [TIMEX_DIR] [HELD_OUT_GOLD_DIR]
#   TIMEX_DIR          default ../shared/data/nlp/07-timex (relative to the repository root);
#                      its data/TBAQ-cleaned (TimeBank + AQUAINT) is the development part
#   HELD_OUT_GOLD_DIR  TE3-platinum gold (*.tml), kept back from this machine; when given, the
#                      held-out part is tagged from its TE3input files (or the gold files
#                      themselves, tags removed) and scored too
#   WIREDESK           the binary, default build/wiredesk (e.g. build-h-ner-rel/wiredesk)
#   REPEAT             tagging passes per document for the throughput line (default 20)
# Prints value F1 (TE3's ranking score), relaxed/strict extent F1 and type F1 for each method
# and part, and the tagger's documents and MB per CPU second (tagging alone, XML excluded).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
timex="${1:-$root/../shared/data/nlp/07-timex}"
held_out="${2:-}"
bin="${WIREDESK:-$root/build/wiredesk}"
eval_dir="$timex/../../eval"
dev="$timex/data/TBAQ-cleaned"
[[ -x "$bin" ]] || { echo "timex_bench: no binary at $bin (set WIREDESK)" >&2; exit 1; }
[[ -d "$dev" ]] || { echo "timex_bench: no $dev" >&2; exit 1; }
[[ -f "$eval_dir/timex_eval.py" ]] || { echo "timex_bench: no $eval_dir/timex_eval.py" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# score GOLD PRED LABEL: one summary line.
score() {
  python3 "$eval_dir/timex_eval.py" "$1" "$2" | tail -1 | python3 -c '
import sys
f = dict(kv.split("=") for kv in sys.stdin.read().split())
print("%-36s value F1 %6s  relaxed F1 %6s  strict F1 %6s  type F1 %6s  (gold %s, pred %s)" % (
    sys.argv[1], f["value_f1"], f["relaxed_f1"], f["strict_f1"], f["type_f1"], f["gold"], f["pred"]))
' "$3"
}

run_part() {  # NAME INPUT_DIR GOLD_DIR
  local name="$1" input="$2" gold="$3"
  echo "== $name"
  python3 "$eval_dir/baselines/timex_regex.py" "$input" "$work/$name-regex" 2> /dev/null
  score "$gold" "$work/$name-regex" "baseline timex_regex.py"
  "$bin" eval timex "$input" "$work/$name-base" --method baseline 2> "$work/$name-base.err" ||
    { cat "$work/$name-base.err" >&2; exit 1; }
  score "$gold" "$work/$name-base" "baseline wiredesk --method baseline"
  "$bin" eval timex "$input" "$work/$name-wd" 2> "$work/$name-wd.err" ||
    { cat "$work/$name-wd.err" >&2; exit 1; }
  score "$gold" "$work/$name-wd" "wiredesk"
  for sub in TimeBank AQUAINT; do
    if [[ -d "$gold/$sub" ]]; then
      score "$gold/$sub" "$work/$name-wd/$sub" "  wiredesk, $sub only"
    fi
  done
}

run_part dev "$dev" "$dev"
if [[ -n "$held_out" ]]; then
  run_part held-out "$held_out" "$held_out"
fi

repeat="${REPEAT:-20}"
"$bin" eval timex "$dev" "$work/speed" --repeat "$repeat" 2> "$work/speed.err" ||
  { cat "$work/speed.err" >&2; exit 1; }
dps=$(sed -n 's/.*docs_per_cpu_second=\([0-9]*\).*/\1/p' "$work/speed.err")
mbps=$(sed -n 's/.*mb_per_cpu_second=\([0-9.]*\).*/\1/p' "$work/speed.err")
echo "== throughput (TBAQ, ${repeat} passes, tagging alone, one core)"
echo "$dps documents per CPU second, $mbps MB of text per CPU second"
echo "(published, TE3 platinum value F1: HeidelTime 77.6, NavyTime 71.0, SUTime 67.4)"
