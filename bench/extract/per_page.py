#!/usr/bin/env python3
"""Per-page precision, recall and F1 with eval_extract.py's own metric, worst first: the list
to read when tuning. Usage: per_page.py EVAL_EXTRACT_PY GT_DIR PRED_DIR [--ids FILE] [-n N]"""
import argparse
import importlib.util
import json
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('eval_py', type=Path)
    ap.add_argument('gt_dir', type=Path)
    ap.add_argument('pred_dir', type=Path)
    ap.add_argument('--ids', type=Path)
    ap.add_argument('-n', type=int, default=20)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location('eval_extract', a.eval_py)
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    ids = sorted(p.stem for p in a.gt_dir.glob('*.json'))
    if a.ids:
        ids = sorted(set(a.ids.read_text().split()))
    rows = []
    for i in ids:
        gt = ev.load(a.gt_dir / f'{i}.json') or {}
        pr = ev.load(a.pred_dir / f'{i}.json') or {}
        r = ev.tp_fp_fn(gt.get('articleBody') or '', pr.get('articleBody') or '')
        rows.append((ev.page_f1(r), ev.precision_score(*r), ev.recall_score(*r), i,
                     len(gt.get('articleBody') or ''), len(pr.get('articleBody') or '')))
    rows.sort()
    print('    f1     p     r  id                 true_chars pred_chars')
    for f1, p, r, i, tl, pl in rows[:a.n]:
        print(f'{f1:6.3f} {p:5.3f} {r:5.3f}  {i[:16]}  {tl:9d} {pl:9d}')


if __name__ == '__main__':
    main()
