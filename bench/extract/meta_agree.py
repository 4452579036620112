#!/usr/bin/env python3
"""Headline, byline and date agreement of predictions with readability-pages' ground truth
(which is Readability.js's own output, so this measures agreement, not truth).

Usage: meta_agree.py GT_DIR PRED_DIR [LABEL]
  headline: token lists equal, case-insensitive (eval_extract.py's rule), over pages whose
            truth has a headline;
  byline:   token lists equal after dropping a leading "by", case-insensitive, over pages
            whose truth has a byline;
  date:     same instant to the minute when both carry a zone, else the same calendar day,
            over pages whose truth has a date.
"""
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

TOK = re.compile(r'\w+', re.UNICODE)


def toks(s):
    return [t.lower() for t in TOK.findall(s or '')]


def byline_toks(s):
    t = toks(s)
    return t[1:] if t[:1] == ['by'] else t


def parse_date(s):
    if not s:
        return None
    s = s.strip().replace('Z', '+00:00')
    s = re.sub(r'([+-]\d\d)(\d\d)$', r'\1:\2', s)
    for cut in (len(s), 19, 16, 10):
        try:
            return datetime.fromisoformat(s[:cut] if cut < len(s) else s)
        except ValueError:
            continue
    return None


def same_date(gt, pr):
    g, p = parse_date(gt), parse_date(pr)
    if g is None or p is None:
        return False
    if g.tzinfo and p.tzinfo:
        return abs((g - p).total_seconds()) < 60
    return g.date() == p.date() or (p.tzinfo and g.date() == p.astimezone(timezone.utc).date())


def main():
    gt_dir, pred_dir = Path(sys.argv[1]), Path(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else pred_dir.name
    n = {'headline': [0, 0], 'byline': [0, 0], 'date': [0, 0]}
    misses = []
    for g in sorted(gt_dir.glob('*.json')):
        gt = json.loads(g.read_text(encoding='utf8'))
        p = pred_dir / g.name
        pr = json.loads(p.read_text(encoding='utf8')) if p.exists() else {}
        if gt.get('headline'):
            n['headline'][1] += 1
            ok = toks(gt['headline']) == toks(pr.get('headline'))
            n['headline'][0] += ok
            if not ok:
                misses.append(f'headline {g.stem}: {gt["headline"]!r} vs {pr.get("headline")!r}')
        if gt.get('byline'):
            n['byline'][1] += 1
            n['byline'][0] += byline_toks(gt['byline']) == byline_toks(pr.get('byline'))
        if gt.get('datePublished'):
            n['date'][1] += 1
            n['date'][0] += bool(same_date(gt['datePublished'], pr.get('datePublished')))
    parts = [f'{k} {v[0] / v[1]:.3f} ({v[0]}/{v[1]})' for k, v in n.items() if v[1]]
    print(f'{label:<16} ' + '  '.join(parts))
    if '-v' in sys.argv:
        print('\n'.join(misses))


if __name__ == '__main__':
    main()
