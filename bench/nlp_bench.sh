#!/usr/bin/env bash
# Tags (keyphrases) and key points, measured on the shared development data with the shared
# scorers, each beside its baselines, run in this script. Each set is split in two halves
# (bench/nlp/split.py: even / odd positions); defaults were tuned on half A only, B is held out.
# Usage: bench/nlp_bench.sh [WIREDESK_BINARY]   (default build/wiredesk)
# Scorers want Debian's python3 with python3-nltk (Porter stemming, as the metrics define).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WD=${1:-$ROOT/build/wiredesk}
PY=${PY:-/usr/bin/python3}
DATA=${DATA:-$ROOT/../shared/data}
EVAL=$DATA/eval
KP=$DATA/nlp/03-keyphrase/kpcrowd/500N-KPCrowd-v1.1
SUMM=$DATA/nlp/05-summ/realsumm/selected_docs_for_human_eval/abs/ptr_generator
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$PY" "$ROOT/bench/nlp/split.py" "$KP" "$SUMM" "$TMP/split"
S=$TMP/split

rate() { sed -n 's/.*_per_s=\([0-9]*\).*/\1/p' "$1"; }

# --- keyphrases (hashtags): 500N-KPCrowd, F1@5 / F1@10 --------------------------------------
echo "== keyphrases: 500N-KPCrowd (F1@5 / F1@10; goal F1@10 >= 21)"
printf '%-26s %16s %16s %16s %10s\n' method "half A (tune)" "half B (held)" all docs/s
row() {  # name, then a command writing .key files into $1
  local name=$1; shift
  local cells=()
  for h in A B all; do
    local docs=$S/kp_$h/docs keys=$S/kp_$h/keys
    [ "$h" = all ] && docs=$KP/docsutf8 && keys=$KP
    "$@" "$docs" "$TMP/out_$h" 2>"$TMP/err_$h"
    cells+=("$("$PY" "$EVAL/keyphrase_eval.py" "$keys" "$TMP/out_$h" | tail -1 |
               sed -n 's/f1@5=\([0-9.]*\) f1@10=\([0-9.]*\).*/\1 \/ \2/p')")
    rm -rf "$TMP/out_$h"
  done
  printf '%-26s %16s %16s %16s %10s\n' "$name" "${cells[0]}" "${cells[1]}" "${cells[2]}" \
    "$(rate "$TMP/err_all")"
}
# The shared baseline script (its IDF from the documents scored themselves).
py_tfidf() { "$PY" "$EVAL/baselines/kp_tfidf.py" "$1" "$1" "$2"; }
row "baseline kp_tfidf.py" py_tfidf
for m in tfidf textrank yake wiredesk; do
  wd_kp() { "$WD" eval keyphrases "$1" "$2" --method "$m"; }
  row "wiredesk --method $m" wd_kp
done
# The shipped ranker was trained on all of KPCrowd, so its row above is a training-set figure.
# The honest one: 5-fold cross-validation, each document ranked by a model that never saw it.
"$WD" train keyphrases "$KP" --folds 5 --cv-out "$TMP/cv" 2>"$TMP/err_cv"
printf '%-26s %16s %16s %16s\n' "wiredesk, 5-fold CV" - - \
  "$("$PY" "$EVAL/keyphrase_eval.py" "$KP" "$TMP/cv" | tail -1 |
     sed -n 's/f1@5=\([0-9.]*\) f1@10=\([0-9.]*\).*/\1 \/ \2/p')"

# --- key points: REALSumm CNN/DailyMail, ROUGE-1/2/Lsum -------------------------------------
echo
echo "== key points: REALSumm CNN/DM (ROUGE-1 / ROUGE-2 / ROUGE-Lsum)"
printf '%-26s %22s %22s %22s %10s\n' method "half A (tune)" "half B (held)" all articles/s
srow() {  # name, then a command reading a src file and writing summaries to stdout
  local name=$1; shift
  local cells=()
  for h in A B all; do
    local src=$S/summ_$h.src.txt ref=$S/summ_$h.ref.txt
    [ "$h" = all ] && src=$SUMM/src.txt && ref=$SUMM/ref.txt
    "$@" "$src" >"$TMP/sum_$h" 2>"$TMP/err_$h"
    cells+=("$("$PY" "$EVAL/rouge.py" "$ref" "$TMP/sum_$h" | tail -1 |
               sed -n 's/rouge1=\([0-9.]*\) rouge2=\([0-9.]*\) rougeL=[0-9.]* rougeLsum=\([0-9.]*\).*/\1 \/ \2 \/ \3/p')")
  done
  printf '%-26s %22s %22s %22s %10s\n' "$name" "${cells[0]}" "${cells[1]}" "${cells[2]}" \
    "$(rate "$TMP/err_all")"
}
py_lead3() { "$PY" "$EVAL/baselines/lead3.py" "$1"; }
srow "baseline lead3.py" py_lead3
for m in lead3 wiredesk; do
  wd_kpt() { "$WD" eval keypoints "$1" --method "$m"; }
  srow "wiredesk --method $m" wd_kpt
done
echo "(shipped beside REALSumm, all 50: BanditSum 41.1/17.4/37.6, PNBERT 42.0/17.7/38.5, MatchSum 44.1/19.4/39.9)"

# --- throughput: tags + key points per article, one core ------------------------------------
echo
for i in 1 2 3 4 5 6 7 8; do cat "$SUMM/src.txt"; done >"$TMP/many.txt"
mkdir -p "$TMP/many_docs"
n=0
while IFS= read -r line; do n=$((n + 1)); printf '%s\n' "$line" >"$TMP/many_docs/$n.txt"; done <"$TMP/many.txt"
"$WD" eval keypoints "$TMP/many.txt" >/dev/null 2>"$TMP/err_kpt"
"$WD" eval keyphrases "$TMP/many_docs" "$TMP/many_out" 2>"$TMP/err_kp"
a=$(rate "$TMP/err_kpt"); b=$(rate "$TMP/err_kp")
echo "== throughput on CNN/DM articles (one thread): key points $a/s, tags $b/s," \
     "both $(( a * b / (a + b) ))/s (goal >= 500)"
