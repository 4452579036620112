#!/usr/bin/env bash
# Compares an entity-tagger variant honestly (src/enrich/entities/README.md, "Measuring a change
# honestly"): trains it with several shuffling seeds, single models with the epoch chosen on half A
# of CoNLL++ dev and averages of 4 models at their last epoch (as the shipped model is trained),
# scores each on half A, half B, all of dev and wikigold (whose names stay out of the gazetteers),
# and prints every run and the means. Three averaged models are not enough to tell a change of 0.2
# F1 from the seeds (issue 8's third pass saw +0.18 melt to +0.02 with three more): use six.
#
# Usage: scripts/ner_seeds.sh WIREDESK NAME [extra `train ner` arguments...]
#   NER_DIR         default ../shared/data/nlp/04-ner (relative to the repository root)
#   SINGLE_SEEDS    default "20030601 7 11 13 17 19"
#   AVERAGED_SEEDS  default "1000 2000 3000 4000 5000 6000" (--average-of 4 --seed S: S..S+3);
#                   either may be set empty to skip that kind
#   EPOCHS          default 25
#   WORK            where models, predictions and results.txt go (default: a new temporary folder)
set -euo pipefail

[[ $# -ge 2 ]] || { sed -n '2,17p' "$0"; exit 2; }
bin=$1
name=$2
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
ner="${NER_DIR:-$root/../shared/data/nlp/04-ner}"
eval_py="$ner/../../eval/ner_eval.py"
single_seeds="${SINGLE_SEEDS-20030601 7 11 13 17 19}"
averaged_seeds="${AVERAGED_SEEDS-1000 2000 3000 4000 5000 6000}"
epochs="${EPOCHS:-25}"
work="${WORK:-$(mktemp -d /tmp/ner_seeds.XXXXXX)}"
mkdir -p "$work"
[[ -x "$bin" ]] || { echo "ner_seeds: no binary at $bin" >&2; exit 2; }
[[ -f "$eval_py" ]] || { echo "ner_seeds: no $eval_py" >&2; exit 2; }
[[ -f /usr/share/wordnet/data.noun ]] || { echo "ner_seeds: apt-get install wordnet-base" >&2; exit 2; }

python3 "$root/scripts/ner_dev_halves.py" "$ner/conllpp/data/conllpp_dev.txt" "$work/devA.txt" \
  "$work/devB.txt" > /dev/null
cp "$ner/conllpp/data/conllpp_dev.txt" "$work/dev.txt"
cp "$ner/data/wikigold/CONLL-format/data/wikigold.conll.txt" "$work/wikigold.txt"

# One model: seed, models averaged (1: a single model, its epoch chosen on half A).
run() {
  local seed=$1 average=$2 model="$work/$name-$1-$2.bin"
  shift 2
  local dev=(--dev "$work/devA.txt")
  [[ $average != 1 ]] && dev=()
  "$bin" train ner --train "$ner/conllpp/data/conllpp_train.txt" "${dev[@]}" --epochs "$epochs" \
    --dropout 0.1 --seed "$seed" --average-of "$average" \
    --clusters "$root/src/enrich/entities/model/clusters-en.txt.gz" --wordnet /usr/share/wordnet \
    --names "$ner/data/WNUT17/CONLL-format/data/train/wnut17train.conll" \
    --names "$ner/data/WNUT17/CONLL-format/data/dev/emerging.dev.conll" \
    "$@" --out "$model" > "$work/$name-$seed-$average.log" 2>&1 ||
    { tail -n 3 "$work/$name-$seed-$average.log" >&2; exit 1; }
  local line="$name seed=$seed average_of=$average"
  for part in devA devB dev wikigold; do
    "$bin" eval ner "$work/$part.txt" --model "$model" -o "$work/$name-$seed-$average.$part.pred" 2> /dev/null
    line+=" $part=$(python3 "$eval_py" "$work/$part.txt" "$work/$name-$seed-$average.$part.pred" |
      sed -n 's/.*f1=\([0-9.]*\).*/\1/p' | tail -n 1)"
  done
  echo "$line" | tee -a "$work/results.txt"
}

for s in $single_seeds; do run "$s" 1 "$@"; done
for s in $averaged_seeds; do run "$s" 4 "$@"; done

echo "== means ($work/results.txt)"
python3 - "$work/results.txt" "$name" << 'EOF'
import sys
groups = {}
for line in open(sys.argv[1]):
    fields = line.split()
    if fields[0] != sys.argv[2]:
        continue
    d = dict(f.split("=") for f in fields[1:])
    groups.setdefault(d["average_of"], []).append([float(d[k]) for k in ("devA", "devB", "dev", "wikigold")])
for average, rows in sorted(groups.items()):
    m = [sum(r[i] for r in rows) / len(rows) for i in range(4)]
    devs = sorted(r[2] for r in rows)
    kind = "single models, epoch on half A" if average == "1" else f"averages of {average}, last epoch"
    print(f"{sys.argv[2]}: {len(rows)} {kind}: half A {m[0]:.2f}  half B {m[1]:.2f}  "
          f"all dev {m[2]:.2f} ({devs[0]:.2f}-{devs[-1]:.2f})  wikigold {m[3]:.2f}")
EOF
