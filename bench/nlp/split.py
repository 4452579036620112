#!/usr/bin/env python3
"""Splits the development sets in two halves for held-out reporting (even / odd positions in
name order), as symlinks and line files under OUT_DIR. Usage: split.py KPCROWD_DIR REALSUMM_DIR OUT_DIR
Writes OUT_DIR/kp_{A,B}/{docs,keys}/ and OUT_DIR/summ_{A,B}.{src,ref}.txt."""
import os, sys
kp, summ, out = sys.argv[1:4]
docs = sorted(f for f in os.listdir(os.path.join(kp, "docsutf8")) if f.endswith(".txt"))
for half, sel in (("A", docs[0::2]), ("B", docs[1::2])):
    for sub in ("docs", "keys"):
        os.makedirs(os.path.join(out, f"kp_{half}", sub), exist_ok=True)
    for f in sel:
        stem = f[:-4]
        pairs = ((os.path.join(kp, "docsutf8", f), os.path.join(out, f"kp_{half}", "docs", f)),
                 (os.path.join(kp, "keys", stem + ".key"), os.path.join(out, f"kp_{half}", "keys", stem + ".key")))
        for src, dst in pairs:
            if not os.path.lexists(dst):
                os.symlink(os.path.abspath(src), dst)
for name in ("src", "ref"):
    lines = open(os.path.join(summ, f"{name}.txt"), encoding="utf-8").read().splitlines()
    for half, sel in (("A", lines[0::2]), ("B", lines[1::2])):
        with open(os.path.join(out, f"summ_{half}.{name}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(sel) + "\n")
