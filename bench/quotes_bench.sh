#!/usr/bin/env bash
# Quotes and their speakers on PolNeAR, scored by the shared quote_eval.py: content soft F1
# and speaker accuracy (source_acc), ours beside the rule baseline (`--method baseline`, the
# C++ port of ../shared/data/eval/baselines/quote_rules.py) and the shared script itself, on
# the training part (where the cue lexicon and the rules were tuned) and the development part
# (held out: not looked at while tuning). PolNeAR's test part is kept back for independent
# checks: run `wiredesk eval quotes TEST_DIR OUT` and quote_eval.py on it the same way.
# Throughput: articles per CPU second of the quote finder alone, and with the entity model
# (FindMentions + GroupMentions), which ingest runs anyway for the entities.
# Usage: bench/quotes_bench.sh [WIREDESK_BINARY]   (default build/wiredesk, what `make` builds)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WD=${1:-$ROOT/build/wiredesk}
PY=${PY:-python3}
DATA=${DATA:-$ROOT/../shared/data}
EVAL=$DATA/eval
POLNEAR=$DATA/nlp/06-quotes/polnear/data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

score() {  # GOLD_DIR PRED_DIR -> "soft F1 / source_acc"
  "$PY" "$EVAL/quote_eval.py" "$1" "$2" 2>/dev/null | tail -1 |
    sed -n 's/content_f1_soft=\([0-9.]*\).*source_acc=\([0-9.]*\) .*/\1 \/ \2/p'
}
rate() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$2"; }

echo "== quotes: PolNeAR (content soft F1 / source_acc; goal >= 65 / >= 55 held out;"
echo "   two annotators agree at 77 soft F1)"
printf '%-30s %18s %18s %14s %16s\n' method "train (tuned)" "dev (held out)" "articles/s" \
  "with entities/s"
for m in baseline wiredesk; do
  cells=()
  for part in train dev; do
    "$WD" eval quotes "$POLNEAR/$part" "$TMP/$m-$part" --method "$m" 2>"$TMP/err-$m-$part"
    cells+=("$(score "$POLNEAR/$part" "$TMP/$m-$part")")
  done
  with=$(rate with_entities_articles_per_cpu_s "$TMP/err-$m-dev")
  [ "$m" = baseline ] && with=-
  printf '%-30s %18s %18s %14s %16s\n' "wiredesk --method $m" "${cells[0]}" "${cells[1]}" \
    "$(rate quotes_articles_per_cpu_s "$TMP/err-$m-dev")" "$with"
done
cells=()
for part in train dev; do
  "$PY" "$EVAL/baselines/quote_rules.py" "$POLNEAR/$part" "$TMP/py-$part" 2>/dev/null
  cells+=("$(score "$POLNEAR/$part" "$TMP/py-$part")")
done
printf '%-30s %18s %18s %14s %16s\n' "baseline quote_rules.py" "${cells[0]}" "${cells[1]}" - -
