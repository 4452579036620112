#!/usr/bin/env python3
"""Splits a CoNLL file into two halves by document (-DOCSTART- blocks, alternating), for tuning
the entity tagger honestly: choose settings and the epoch on half A, report half B untouched.

Usage: scripts/ner_dev_halves.py DEV.txt HALF_A.txt HALF_B.txt
"""
import sys

if len(sys.argv) != 4:
    sys.exit(__doc__)
marker = "-DOCSTART-"
with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
docs = []
for line in text.splitlines(keepends=True):
    if line.startswith(marker) or not docs:
        docs.append([])
    docs[-1].append(line)
halves = ["".join("".join(d) for d in docs[k::2]) for k in (0, 1)]
for path, half in zip(sys.argv[2:], halves):
    with open(path, "w", encoding="utf-8") as f:
        f.write(half)
print(f"{len(docs)} documents: {len(docs[0::2])} in half A, {len(docs[1::2])} in half B")
