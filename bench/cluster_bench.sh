#!/usr/bin/env bash
# Story clustering on the three labelled sets, against the TF-IDF single-pass baseline run on
# the same data in the same run.
#
# Usage: bench/cluster_bench.sh [STORIES_DIR] [--no-baseline] [--splits]
#   STORIES_DIR  default ../shared/data/stories (relative to the repository root)
#   WIREDESK     the binary, default build/wiredesk (e.g. build-h-cluster/wiredesk)
# Prints, per set: B-cubed F1 and pairwise F1; for UCI the headlines per second of the
# clustering pass alone (wall and CPU, as the command reports them) and the peak memory of the
# whole process (/usr/bin/time -v). With --splits, also the development and held-out halves
# the parameters were tuned and checked on:
#   ECB+   dev = odd topic numbers, held-out = even ones
#   BASIL  dev = events whose sha1(cluster)[0] is even, held-out = odd
#   UCI    dev = before the median timestamp, held-out = from it on
# The baseline (/usr/bin/python3 with python3-sklearn) gets its best threshold on each set
# from a small grid: an oracle choice, generous to it. Its single pass keeps every cluster
# ever made in its index, so on the whole UCI file it runs for tens of minutes: the comparison
# on UCI is made on "uci.head", the first UCI_HEAD (default 20000) headlines in timestamp
# order, both programs on the same file; the whole file is clustered by wiredesk alone.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
stories="$root/../shared/data/stories"
baseline=1
splits=0
for a in "$@"; do
  case "$a" in
    --no-baseline) baseline=0 ;;
    --splits) splits=1 ;;
    *) stories="$a" ;;
  esac
done
bin="${WIREDESK:-$root/build/wiredesk}"
eval_py="$stories/../eval/cluster_eval.py"
baseline_py="$stories/../eval/baselines/cluster_baseline.py"
[[ -x "$bin" ]] || { echo "cluster_bench: no binary at $bin (set WIREDESK)" >&2; exit 1; }
[[ -f "$eval_py" ]] || { echo "cluster_bench: no $eval_py" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$stories" "$work" "${UCI_HEAD:-20000}" <<'PY'
import gzip, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = gzip.open(f"{src}/uci-headlines.tsv.gz", "rt", encoding="utf-8",
                 errors="replace").readlines()
key = lambda r: (int(r.split("\t")[7]), int(r.split("\t")[0]))
open(f"{out}/uci.head.tsv", "w").writelines(sorted(rows, key=key)[:n])
PY
inputs=("ecbplus:$stories/ecbplus.jsonl" "basil:$stories/basil.jsonl"
        "uci.head:$work/uci.head.tsv" "uci:$stories/uci-headlines.tsv.gz")
if (( splits )); then
  python3 - "$stories" "$work" <<'PY'
import gzip, hashlib, json, sys
src, out = sys.argv[1], sys.argv[2]
rows = open(f"{src}/ecbplus.jsonl", encoding="utf-8").readlines()
odd = lambda l: int(json.loads(l)["topic"]) % 2 == 1
open(f"{out}/ecbplus.dev.jsonl", "w").writelines(l for l in rows if odd(l))
open(f"{out}/ecbplus.held.jsonl", "w").writelines(l for l in rows if not odd(l))
rows = open(f"{src}/basil.jsonl", encoding="utf-8").readlines()
even = lambda l: hashlib.sha1(json.loads(l)["cluster"].encode()).digest()[0] % 2 == 0
open(f"{out}/basil.dev.jsonl", "w").writelines(l for l in rows if even(l))
open(f"{out}/basil.held.jsonl", "w").writelines(l for l in rows if not even(l))
rows = gzip.open(f"{src}/uci-headlines.tsv.gz", "rt", encoding="utf-8",
                 errors="replace").readlines()
ts = sorted(int(r.split("\t")[7]) for r in rows)
med = ts[len(ts) // 2]
open(f"{out}/uci.dev.tsv", "w").writelines(r for r in rows if int(r.split("\t")[7]) < med)
open(f"{out}/uci.held.tsv", "w").writelines(r for r in rows if int(r.split("\t")[7]) >= med)
PY
  inputs+=("ecbplus.dev:$work/ecbplus.dev.jsonl" "ecbplus.held:$work/ecbplus.held.jsonl"
           "basil.dev:$work/basil.dev.jsonl" "basil.held:$work/basil.held.jsonl"
           "uci.dev:$work/uci.dev.tsv" "uci.held:$work/uci.held.tsv")
fi

field() {  # field NAME LINE: the value of NAME=... in LINE
  sed -n "s/.*[ ^]$1=\([^ ]*\).*/\1/p" <<<" $2"
}

printf '%-13s %8s %8s %9s %9s %12s %12s %9s\n' set bcubed_f1 pair_f1 base_b3 ratio \
  items/s items/cpu-s peak_MB
for entry in "${inputs[@]}"; do
  name="${entry%%:*}"
  input="${entry#*:}"
  out="$work/$name.pred.tsv"
  /usr/bin/time -v "$bin" eval cluster "$input" "$out" 2>"$work/$name.err" ||
    { cat "$work/$name.err" >&2; exit 1; }
  stats="$(grep '^eval cluster:' "$work/$name.err")"
  peak_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$name.err")"
  score="$(python3 "$eval_py" "$input" "$out" | tail -1)"
  b3="$(field bcubed_f1 "$score")"
  pf="$(field pair_f1 "$score")"
  base="-"
  ratio="-"
  if (( baseline )) && [[ "$name" != *.dev && "$name" != *.held && "$name" != uci ]] &&
     /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
    ts="0.1,0.2,0.3,0.4,0.5"
    [[ "$name" == uci.head ]] && ts="0.3,0.5,0.7"
    (cd "$work" && /usr/bin/python3 "$baseline_py" "$input" "base.$name" --method single \
      --t "$ts" >"$work/base.$name.log")
    best=0
    for t in ${ts//,/ }; do
      s="$(python3 "$eval_py" "$input" "$work/base.$name.t$t.tsv" | tail -1)"
      v="$(field bcubed_f1 "$s")"
      best="$(python3 -c "print(max($best, $v))")"
    done
    base="$best"
    ratio="$(python3 -c "print(f'{$b3 / $best:.3f}' if $best else '-')")"
    grep '^method=' "$work/base.$name.log" | sed "s/^/# baseline $name: /" >&2
  fi
  printf '%-13s %8s %8s %9s %9s %12s %12s %9s\n' "$name" "$b3" "$pf" "$base" "$ratio" \
    "$(field items_per_second "$stats")" "$(field items_per_cpu_second "$stats")" \
    "$(( peak_kb / 1024 ))"
done
