#!/usr/bin/env python3
"""Unlabelled English news text for the entity tagger's word clusters (`wiredesk train clusters`).

Writes plain text, one paragraph (or headline, or CoNLL sentence) a line, from the evaluation
data in ../shared (measuring and training only: the text itself is never committed; only the
clusters induced from it are shipped, see src/enrich/entities/model/README.md).

Usage: scripts/ner_cluster_text.py [SHARED_DIR] > text.txt   (SHARED_DIR default ../shared)
"""
import glob
import gzip
import json
import os
import re
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
nlp = os.path.join(shared, "data", "nlp")
out = sys.stdout


def emit(text):
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.write(line + "\n")


# CoNLL-2003 train and dev (the tokens only, one sentence a line; the test part is never read).
for name in ("conllpp_train.txt", "conllpp_dev.txt"):
    sentence = []
    with open(os.path.join(nlp, "04-ner", "conllpp", "data", name), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if sentence:
                    emit(" ".join(sentence))
                sentence = []
            else:
                sentence.append(parts[0])
    if sentence:
        emit(" ".join(sentence))

for path in sorted(glob.glob(os.path.join(nlp, "06-quotes", "polnear", "data", "*", "text", "*.txt"))):
    with open(path, encoding="utf-8", errors="replace") as f:
        emit(f.read())

for path in sorted(glob.glob(os.path.join(nlp, "03-keyphrase", "**", "docsutf8", "*.txt"), recursive=True)):
    with open(path, encoding="utf-8", errors="replace") as f:
        emit(f.read())

for path in sorted(glob.glob(os.path.join(nlp, "07-timex", "**", "*.tml"), recursive=True)):
    with open(path, encoding="utf-8", errors="replace") as f:
        emit(re.sub(r"<[^>]*>", " ", f.read()))

# CNN/DailyMail articles (REALSumm's sources, once each).
seen = set()
for path in sorted(glob.glob(os.path.join(nlp, "05-summ", "realsumm", "**", "src.txt"), recursive=True)):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line not in seen:
                seen.add(line)
                emit(line)

stories = os.path.join(shared, "data", "stories")
for name in ("basil.jsonl", "ecbplus.jsonl"):
    with open(os.path.join(stories, name), encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            emit(doc.get("title") or "")
            emit(doc.get("text") or "")

with gzip.open(os.path.join(stories, "uci-headlines.tsv.gz"), "rt", encoding="utf-8", errors="replace") as f:
    for line in f:
        parts = line.split("\t")
        if len(parts) > 1:
            emit(parts[1])

for path in sorted(glob.glob(os.path.join(shared, "corpus", "wikinews", "articles", "*.json"))):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    emit(doc.get("title") or "")
    emit(doc.get("text") or "")
