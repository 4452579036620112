#!/usr/bin/env bash
# Syndicated-copy detection on the frozen set: precision and recall.
#
# Usage: bench/dedupe_bench.sh [SET]
#   SET       default bench/out/syndication/set.jsonl; made once, before any tuning, by
#             bench/make_syndication_set.py (which refuses to overwrite it)
#   WIREDESK  the binary, default build/wiredesk
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
set_file="${1:-$root/bench/out/syndication/set.jsonl}"
bin="${WIREDESK:-$root/build/wiredesk}"
if [[ ! -f "$set_file" ]]; then
  python3 "$root/bench/make_syndication_set.py" --out "$set_file"
fi
sha256sum "$set_file" | sed 's/^/# set sha256 /'
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$bin" eval syndication "$set_file" "$out"
python3 "$root/bench/dedupe_bench.py" "$set_file" "$out"
