#!/usr/bin/env python3
"""Splits `wiredesk extract` JSON Lines (one Article per line, with "input") into the
per-page prediction files eval_extract.py reads: PRED_DIR/<name>.json with articleBody,
headline, byline and datePublished. Pages wiredesk refused get no file (counted as empty)."""
import json
import sys
from pathlib import Path


def main():
    jsonl, pred_dir = Path(sys.argv[1]), Path(sys.argv[2])
    pred_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for line in jsonl.read_text(encoding='utf8', errors='replace').splitlines():
        if not line.strip():
            continue
        a = json.loads(line)
        name = Path(a['input']).name
        for suffix in ('.html', '.htm'):
            if name.endswith(suffix):
                name = name[:-len(suffix)]
        out = {'articleBody': a.get('text') or '', 'headline': a.get('title') or '',
               'byline': a.get('byline') or '', 'datePublished': a.get('published') or ''}
        (pred_dir / f'{name}.json').write_text(json.dumps(out, ensure_ascii=False), encoding='utf8')
        n += 1
    print(n)


if __name__ == '__main__':
    main()
