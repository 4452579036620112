#!/usr/bin/env python3
"""Precision and recall of `wiredesk eval syndication` on the frozen syndicated-copy set.

Usage: dedupe_bench.py SET PRED
SET   bench/out/syndication/set.jsonl (bench/make_syndication_set.py)
PRED  the command's output: id<TAB>original<TAB>score, one line per copy found

A found pair is right when both articles are in the same group (copies of one text). An
article is a positive when an earlier article of its group exists in the stream; it is
recalled when the command names any earlier article of its group.
"""
import collections
import json
import sys


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    group, kind, order, transforms = {}, {}, [], {}
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            group[a["id"]] = a["group"]
            kind[a["id"]] = a["kind"]
            transforms[a["id"]] = a.get("transforms") or []
            order.append(a["id"])
    pred = {}
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2:
                pred[cols[0]] = cols[1]
    seen = collections.Counter()
    positives = set()
    for i in order:
        if seen[group[i]]:
            positives.add(i)
        seen[group[i]] += 1
    tp = sum(1 for i, o in pred.items() if group.get(i) == group.get(o))
    fp = [(i, o) for i, o in pred.items() if group.get(i) != group.get(o)]
    found = {i for i, o in pred.items() if group.get(i) == group.get(o)}
    precision = tp / len(pred) if pred else 1.0
    recall = len(found & positives) / len(positives) if positives else 1.0
    # Recall by transformation, to see which edit costs what.
    by_t = collections.defaultdict(lambda: [0, 0])
    for i in positives:
        for t in transforms[i] or ["original"]:
            by_t[t][0] += i in found
            by_t[t][1] += 1
    for t, (k, n) in sorted(by_t.items()):
        print(f"# recall[{t}]={k / n:.4f} ({k}/{n})")
    for i, o in fp[:10]:
        print(f"# false positive: {i} -> {o}")
    print(f"syndication precision={precision:.4f} recall={recall:.4f} "
          f"found={len(pred)} true={tp} positives={len(positives)}")


if __name__ == "__main__":
    main(sys.argv)
