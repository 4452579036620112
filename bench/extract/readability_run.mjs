// Runs Readability.js (@mozilla/readability 0.6.0) on linkedom (0.18.15) over HTML files in one
// node process and writes, per page, PRED_DIR/<name>.json with articleBody and headline (the
// shape eval_extract.py reads), plus byline and datePublished for the metadata comparison.
// Usage: node readability_run.mjs MODULES_DIR PRED_DIR FILE...
// Prints one line: "pages N seconds S" where S covers parse + extraction only (no file I/O).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modulesDir, predDir, ...files] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modulesDir), 'package.json'));
const { Readability } = require('@mozilla/readability');
const { parseHTML } = require('linkedom');

fs.mkdirSync(predDir, { recursive: true });
let busy = 0n;
let failures = 0;
for (const file of files) {
  const html = fs.readFileSync(file, 'utf8');
  const t0 = process.hrtime.bigint();
  let out = { articleBody: '', headline: '', byline: '', datePublished: '' };
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    if (article) {
      out = {
        articleBody: article.textContent || '',
        headline: article.title || '',
        byline: article.byline || '',
        datePublished: article.publishedTime || '',
      };
    }
  } catch (e) {
    failures++;
  }
  busy += process.hrtime.bigint() - t0;
  const name = path.basename(file).replace(/\.html?$/, '');
  fs.writeFileSync(path.join(predDir, name + '.json'), JSON.stringify(out));
}
console.log(`pages ${files.length} seconds ${(Number(busy) / 1e9).toFixed(3)} failures ${failures}`);
