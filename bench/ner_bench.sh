#!/usr/bin/env bash
# Named entities on CoNLL++ dev: the shipped model (or one retrained here with --train) against
# the capitalised-run baseline (ner_capseq.py, every run of capitalised words typed as the most
# frequent type), both scored by ner_eval.py in the same run.
#
# Usage: bench/ner_bench.sh [NER_DIR] [--train] [--wikigold]
#   NER_DIR   default ../shared/data/nlp/04-ner (relative to the repository root)
#   WIREDESK  the binary, default build/wiredesk (e.g. build-h-ner-rel/wiredesk)
#   --train   retrain on the training set alone (the shipped settings and word clusters: the
#             average of 4 models, each with its epoch chosen on dev) into a temporary file and
#             measure that one: the held-out dev
#             figure. The shipped model was trained on train+dev, so its own dev score is not.
#   --wikigold  with --train: leave wikigold's names out of the gazetteers and also score the
#             model on wikigold (Wikipedia text, out of domain: a proxy for generalisation)
# Prints entity F1 per type and overall for both, and the tagger's tokens per second (wall and
# CPU, tagging alone, as `wiredesk eval ner` reports them), over REPEAT (default 5) passes of
# the dev file.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
ner="$root/../shared/data/nlp/04-ner"
train=0
wikigold=0
for a in "$@"; do
  case "$a" in
    --train) train=1 ;;
    --wikigold) wikigold=1 ;;
    *) ner="$a" ;;
  esac
done
bin="${WIREDESK:-$root/build/wiredesk}"
eval_dir="$ner/../../eval"
dev="$ner/conllpp/data/conllpp_dev.txt"
wg="$ner/data/wikigold/CONLL-format/data/wikigold.conll.txt"
[[ -x "$bin" ]] || { echo "ner_bench: no binary at $bin (set WIREDESK)" >&2; exit 1; }
[[ -f "$dev" ]] || { echo "ner_bench: no $dev" >&2; exit 1; }
[[ -f "$eval_dir/ner_eval.py" ]] || { echo "ner_bench: no $eval_dir/ner_eval.py" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
model_args=()
if [[ $train == 1 ]]; then
  wg_names=(--names "$wg")
  # WordNet's named instances (Debian wordnet-base), as the shipped model has them.
  wordnet=()
  [[ -f /usr/share/wordnet/data.noun ]] && wordnet=(--wordnet /usr/share/wordnet)
  [[ ${#wordnet[@]} == 0 ]] && echo "ner_bench: no /usr/share/wordnet (apt-get install wordnet-base): trained without it" >&2
  [[ $wikigold == 1 ]] && wg_names=()
  echo "== training (CoNLL++ train, dev for the epoch; word clusters; gazetteers: iso-codes, WordNet, WNUT-17$([[ $wikigold == 1 ]] || echo ', wikigold'))"
  "$bin" train ner --train "$ner/conllpp/data/conllpp_train.txt" --dev "$dev" --epochs 25 --dropout 0.1 \
    --average-of 4 --clusters "$root/src/enrich/entities/model/clusters-en.txt.gz" "${wordnet[@]}" "${wg_names[@]}" \
    --names "$ner/data/WNUT17/CONLL-format/data/train/wnut17train.conll" \
    --names "$ner/data/WNUT17/CONLL-format/data/dev/emerging.dev.conll" \
    --out "$work/ner.bin" 2>&1 | tail -1
  model_args=(--model "$work/ner.bin")
  ls -l "$work/ner.bin" | awk '{print "model bytes: " $5}'
else
  ls -l "$root/src/enrich/entities/model/ner-en.bin" | awk '{print "model bytes: " $5}'
  echo "note: the shipped model was trained on train+dev; --train gives the held-out dev figure"
fi

echo "== baseline: ner_capseq.py (capitalised runs as LOC, the training set's most frequent type)"
python3 "$eval_dir/baselines/ner_capseq.py" "$dev" LOC > "$work/capseq.pred"
python3 "$eval_dir/ner_eval.py" "$dev" "$work/capseq.pred" | grep -v '^#'
base_f1=$(python3 "$eval_dir/ner_eval.py" "$dev" "$work/capseq.pred" | sed -n 's/.*f1=\([0-9.]*\).*/\1/p')

echo "== wiredesk eval ner"
"$bin" eval ner "$dev" "${model_args[@]}" -o "$work/wd.pred" 2> "$work/wd.err" || { cat "$work/wd.err" >&2; exit 1; }
python3 "$eval_dir/ner_eval.py" "$dev" "$work/wd.pred" | grep -v '^#'
wd_f1=$(python3 "$eval_dir/ner_eval.py" "$dev" "$work/wd.pred" | sed -n 's/.*f1=\([0-9.]*\).*/\1/p')

if [[ $train == 1 && $wikigold == 1 ]]; then
  echo "== wikigold (out of domain; its names were not in this model's gazetteers)"
  "$bin" eval ner "$wg" "${model_args[@]}" -o "$work/wg.pred" 2> "$work/wg.err" || { cat "$work/wg.err" >&2; exit 1; }
  python3 "$eval_dir/ner_eval.py" "$wg" "$work/wg.pred" | grep -v '^#'
fi

# Speed: REPEAT copies of the dev file in one run, so start-up is amortised.
repeat="${REPEAT:-5}"
for _ in $(seq "$repeat"); do cat "$dev"; done > "$work/dev.repeat"
"$bin" eval ner "$work/dev.repeat" "${model_args[@]}" -o /dev/null 2> "$work/speed.err" || { cat "$work/speed.err" >&2; exit 1; }
tps=$(sed -n 's/.*tokens_per_second=\([0-9]*\).*/\1/p' "$work/speed.err")
cps=$(sed -n 's/.*tokens_per_cpu_second=\([0-9]*\).*/\1/p' "$work/speed.err")

echo "== summary (CoNLL++ dev)"
echo "baseline capseq F1 $base_f1"
echo "wiredesk       F1 $wd_f1 (ratio $(python3 -c "print(f'{$wd_f1/max($base_f1,1e-9):.2f}')"))"
echo "tagging: $tps tokens/s wall, $cps tokens/s CPU (${repeat} x dev)"
