#!/usr/bin/env python3
"""Builds the frozen syndicated-copy test set (stdlib only).

Usage: make_syndication_set.py [--stories DIR] [--wikinews DIR] [--out FILE] [--force]

Defaults: DIR = ../shared/data/stories and ../shared/corpus/wikinews/articles relative to the
repository, FILE = bench/out/syndication/set.jsonl (git-ignored: BASIL and ECB+ texts are for
measurement only and must never be committed). Written once with a fixed seed, before any
tuning; it refuses to overwrite an existing set unless --force.

The set is a stream of articles, one JSON object a line:
  id, group, source, title, text, kind, transforms
Articles with the same `group` are copies of one text (the original and its syndicated
copies); every other article is in a group of its own. An index fed the stream in order should
answer "copy of X" exactly when an earlier article of the same group exists.

Originals: Wikinews articles (redistributable), BASIL articles, and one article per ECB+
cluster (ECB+ clusters hold real wire copies from several sites, unlabelled, so keeping one per
cluster keeps the labels true). Hard negatives are built in: the three BASIL outlets
(Fox, NYT, HuffPost) covering one event, and ECB+ topics whose two clusters are different
events of the same kind.

Copies (for 60% of originals, 1 or 2 each), each with a random subset of:
  headline   a new headline (always)
  trim_lead  the first paragraph or first sentence(s) dropped
  new_lead   the first sentence replaced by the outlet's own
  boiler     a byline on top and the outlet's footer (newsletter, copyright) below
  truncate   the end cut off (kept 40-90% of the words)
  edits      a few words changed (house style) and one middle paragraph dropped
"""
import hashlib
import json
import os
import random
import re
import sys

SEED = 20240611

BYLINES = [
    "By {name}, Associated Press", "By {name} | Reuters", "{name}, Staff Writer",
    "By {name} and {name2}, The Associated Press", "From wire reports",
    "By {name} | Published {day}", "{name} for the Daily Courier",
]
NAMES = ["Maria Lopez", "John Carter", "Aisha Khan", "Tom Becker", "Li Wei", "Sarah Jones",
         "David Okafor", "Emma Schmidt", "Raj Patel", "Nora Lindqvist"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FOOTERS = [
    "Copyright {year} The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "Sign up for our daily newsletter to get the top stories delivered to your inbox every "
    "morning. Follow us on Twitter and Facebook.",
    "Reporting by {name}; Editing by {name2}. Our Standards: The Thomson Reuters Trust "
    "Principles.",
    "Have a news tip? Email our newsroom or call the tip line. Comments are moderated and may "
    "take time to appear.",
    "This story has been corrected to fix the spelling of a name. Click here to read more "
    "stories from our partners.",
]
HEADLINE_PREFIX = ["UPDATE 2-", "BREAKING: ", "", "", "Watch: ", "Report: "]
LEAD_TEMPLATES = [
    "{a} was at the centre of attention on {day} as news broke about {b}.",
    "Here is what we know so far about {a} and {b}.",
    "Officials and residents were reacting on {day} to developments involving {a}.",
    "In a development that drew wide attention, {a} made headlines again this week.",
]
EDITS = [("color", "colour"), ("center", "centre"), ("percent", "per cent"),
         ("U.S.", "US"), ("Mr.", "Mr"), ("said", "stated"), ("people", "residents")]


def paragraphs(text):
    ps = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return ps


def sentences(p):
    return [s for s in re.split(r"(?<=[.!?])\s+", p) if s]


def capitalised_words(text, rng, k=2):
    words = [w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)]
    if not words:
        words = re.findall(r"\b\w{5,}\b", text) or ["the story"]
    rng.shuffle(words)
    out = words[:k]
    while len(out) < k:
        out.append(out[0])
    return out


def make_copy(orig, rng, n):
    ps = paragraphs(orig["text"])
    transforms = ["headline"]
    title_words = (orig["title"] or " ".join(ps[0].split()[:10])).split()
    rng.shuffle(title_words)
    title = rng.choice(HEADLINE_PREFIX) + " ".join(title_words[:8]).strip()
    # Lead: trimmed or rewritten (or left alone).
    r = rng.random()
    if r < 0.45 and len(ps) > 2:
        transforms.append("trim_lead")
        if rng.random() < 0.5:
            ps = ps[1:]
        else:
            ss = sentences(ps[0])
            cut = rng.randint(1, max(1, len(ss)))
            rest = " ".join(ss[cut:])
            ps = ([rest] if rest else []) + ps[1:]
    elif r < 0.8:
        transforms.append("new_lead")
        a, b = capitalised_words(orig["text"], rng)
        lead = rng.choice(LEAD_TEMPLATES).format(a=a, b=b, day=rng.choice(DAYS))
        ss = sentences(ps[0])
        ps = [" ".join([lead] + ss[1:])] + ps[1:]
    if rng.random() < 0.4 and len(ps) > 4:
        transforms.append("edits")
        del ps[rng.randint(2, len(ps) - 2)]
        for a, b in rng.sample(EDITS, 3):
            ps = [p.replace(a, b) for p in ps]
    body = "\n\n".join(ps)
    if rng.random() < 0.5:
        transforms.append("truncate")
        words = body.split(" ")
        keep = int(len(words) * rng.uniform(0.4, 0.9))
        body = " ".join(words[:max(keep, 30)])
    if rng.random() < 0.7:
        transforms.append("boiler")
        name, name2 = rng.sample(NAMES, 2)
        byline = rng.choice(BYLINES).format(name=name, name2=name2, day=rng.choice(DAYS))
        footer = " ".join(f.format(year=rng.randint(2005, 2024), name=name, name2=name2)
                          for f in rng.sample(FOOTERS, rng.randint(1, 2)))
        body = byline + "\n\n" + body + "\n\n" + footer
    return {"id": f"{orig['id']}#copy{n}", "group": orig["group"],
            "source": f"outlet{rng.randint(1, 40)}", "title": title, "text": body,
            "kind": "copy", "transforms": transforms}


def load(stories, wikinews):
    out = []
    for name in sorted(os.listdir(wikinews)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(wikinews, name), encoding="utf-8") as f:
            a = json.load(f)
        out.append({"id": "wikinews:" + name[:-5], "source": "wikinews",
                    "title": a.get("title") or "", "text": a.get("text") or "",
                    "kind": "wikinews"})
    with open(os.path.join(stories, "basil.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            out.append({"id": "basil:" + a["id"], "source": a.get("source") or "basil",
                        "title": a.get("title") or "", "text": a.get("text") or "",
                        "kind": "basil"})
    seen = set()
    with open(os.path.join(stories, "ecbplus.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["cluster"] in seen:
                continue
            seen.add(a["cluster"])
            text = a.get("text") or ""
            if text.startswith("http"):
                text = text.split("\n", 1)[1] if "\n" in text else ""
            out.append({"id": "ecbplus:" + a["id"], "source": "ecbplus", "title": "",
                        "text": text, "kind": "ecbplus"})
    return [a for a in out if len(a["text"].split()) >= 120]


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    def arg(flag, default):
        return argv[argv.index(flag) + 1] if flag in argv else default
    stories = arg("--stories", os.path.join(root, "..", "shared", "data", "stories"))
    wikinews = arg("--wikinews", os.path.join(root, "..", "shared", "corpus", "wikinews",
                                              "articles"))
    out_path = arg("--out", os.path.join(root, "bench", "out", "syndication", "set.jsonl"))
    if os.path.exists(out_path) and "--force" not in argv:
        sys.exit(f"{out_path} exists: the set is frozen (use --force to rebuild it)")
    rng = random.Random(SEED)
    originals = load(stories, wikinews)
    for i, a in enumerate(originals):
        a["group"] = f"g{i}"
        a["transforms"] = []
    items = list(originals)
    for a in originals:
        if rng.random() < 0.6:
            for n in range(rng.choice([1, 1, 2])):
                items.append(make_copy(a, rng, n + 1))
    # A stream in arrival order: shuffled, so a copy may come before its original.
    rng.shuffle(items)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        for a in items:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    digest = hashlib.sha256(open(out_path, "rb").read()).hexdigest()
    copies = sum(1 for a in items if a["kind"] == "copy")
    print(f"wrote {out_path}: {len(items)} articles, {len(originals)} originals, "
          f"{copies} copies; sha256 {digest}")


if __name__ == "__main__":
    main(sys.argv)
