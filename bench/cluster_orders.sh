#!/usr/bin/env bash
# Story clustering on ECB+ over several input orders, to judge a change by means, not one order.
#
# Usage: bench/cluster_orders.sh [STORIES_DIR] [N] [-- EXTRA...]
#   STORIES_DIR  default ../shared/data/stories (relative to the repository root)
#   N            orders, default 10: the file order, then N-1 seeded shuffles (seeds 1..N-1)
#   EXTRA        passed to `wiredesk eval cluster` (e.g. -- --join-text 0.2)
#   WIREDESK     the binary, default build/wiredesk
# ECB+ has no dates, so it streams in file order and the order alone moves its B-cubed F1 by
# several hundredths (0.869-0.922 over 10 orders): a change worth less than that on one order
# is noise. Prints, for the whole set and the halves cluster_bench.sh uses (dev = odd topic
# numbers, held-out = even), the mean, min and max B-cubed F1 and the mean precision and
# recall; then BASIL (dated, so its order is fixed), whole and halves, for the same flags.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
stories="$root/../shared/data/stories"
n=10
extra=()
while (( $# )); do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    *[!0-9]*) stories="$1" ;;
    *) n="$1" ;;
  esac
  shift
done

exec python3 - "$stories" "$n" "${WIREDESK:-$root/build/wiredesk}" "${extra[@]}" <<'PY'
import atexit, hashlib, json, os, random, shutil, subprocess, sys, tempfile
src, n, binary, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
eval_py = f"{src}/../eval/cluster_eval.py"
for path, what in ((binary, "no binary at {} (set WIREDESK)"), (eval_py, "no {}")):
    if not os.path.isfile(path):
        sys.exit("cluster_orders: " + what.format(path))
work = tempfile.mkdtemp(prefix="cluster_orders.")
atexit.register(shutil.rmtree, work, True)

def score(lines, name):
    inp, out = f"{work}/{name}.jsonl", f"{work}/{name}.pred.tsv"
    open(inp, "w", encoding="utf-8").writelines(lines)
    subprocess.run([binary, "eval", "cluster", inp, out, *extra], check=True,
                   stderr=subprocess.DEVNULL)
    last = subprocess.run(["python3", eval_py, inp, out], check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in (f.split("=") for f in last.split())}

def halves(lines, dev):
    return (("whole", lines), ("dev", [l for l in lines if dev(l)]),
            ("held", [l for l in lines if not dev(l)]))

ecb = open(f"{src}/ecbplus.jsonl", encoding="utf-8").readlines()
odd = lambda l: int(json.loads(l)["topic"]) % 2 == 1
runs = {"whole": [], "dev": [], "held": []}
for seed in range(n):
    lines = list(ecb)
    if seed:
        random.Random(seed).shuffle(lines)
    for name, part in halves(lines, odd):
        runs[name].append(score(part, f"ecb.{name}"))
print(f"{'ECB+ (' + str(n) + ' orders)':<20} {'mean_b3':>8} {'min':>6} {'max':>6} {'mean_P':>7} "
      f"{'mean_R':>7} {'file_order':>10}")
mean = lambda xs: sum(xs) / len(xs)
for name, rs in runs.items():
    f1 = [r["bcubed_f1"] for r in rs]
    print(f"{name:<20} {mean(f1):8.4f} {min(f1):6.3f} {max(f1):6.3f} "
          f"{mean([r['bcubed_p'] for r in rs]):7.4f} {mean([r['bcubed_r'] for r in rs]):7.4f} "
          f"{f1[0]:10.4f}")
basil = open(f"{src}/basil.jsonl", encoding="utf-8").readlines()
even = lambda l: hashlib.sha1(json.loads(l)["cluster"].encode()).digest()[0] % 2 == 0
print("BASIL " + " ".join(f"{name}={score(part, 'basil.' + name)['bcubed_f1']:.4f}"
                          for name, part in halves(basil, even)))
PY
