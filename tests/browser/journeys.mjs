// wiredesk in a real browser: the reader's journeys (front page, article, search, sign up,
// comment, reply, moderate) and known XSS payloads through comments, search and a stored
// article's title and author, in Debian's headless Chromium driven by playwright-core.
//
//   node tests/browser/journeys.mjs --bin build-asan/wiredesk --out build-asan/tests/browser
//
// Starts the real binary on a free loopback port over a temporary database, saves screenshots
// of the article page (desktop 1280 px, phone 390 px) into --out, prints one line per check,
// exits 0 when all pass, 1 when one fails, 77 (ctest's "skipped") when Chromium or
// playwright-core is missing (scripts/install-deps.sh test installs both).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const bin = path.resolve(args.bin ?? path.join(root, 'build', 'wiredesk'));
const out = path.resolve(args.out ?? path.join(root, 'build', 'browser'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('SKIP: playwright-core is not installed (cd tests/browser && npm ci)');
  process.exit(77);
}
if (!fs.existsSync(chromiumPath)) {
  console.log(`SKIP: no Chromium at ${chromiumPath}`);
  process.exit(77);
}
if (!fs.existsSync(bin)) {
  console.log(`FAIL: no wiredesk binary at ${bin}`);
  process.exit(1);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-browser-'));
const db = path.join(tmp, 'wiredesk.db');
function wiredesk(...argv) {
  const r = spawnSync(bin, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wiredesk ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// ---- The site: sample news, the reference article, a hostile article; a moderator. -------
wiredesk('ingest', '--db', db, path.join(root, 'sample', 'captures'));
// The reference capture carries no URL or publisher: a sidecar gives them.
const reference = path.join(tmp, 'reference.txt');
fs.copyFileSync(path.join(root, 'tests', 'golden', 'capture', 'reference', 'input.txt'), reference);
fs.writeFileSync(path.join(tmp, 'reference.meta.json'), JSON.stringify({
  url: 'https://www.reuters.com/world/middle-east/syria-israel-direct-talks-2025-06-27/',
  source: { name: 'Reuters', url: 'https://www.reuters.com/' }, captured: '2025-06-27T12:00:00Z' }));
wiredesk('ingest', '--db', db, reference);
let hostileStored = true;
try {
  wiredesk('ingest', '--db', db, path.join(here, 'fixtures', 'xss-article.html'));
} catch (e) {
  hostileStored = false;
  check(false, `the hostile article fixture is stored: ${e.message.split('\n')[0]}`);
}
const modPassword = path.join(tmp, 'mod-password');
fs.writeFileSync(modPassword, 'moderator-password-1\n');
wiredesk('users', 'add', '--db', db, 'mod', '--password-file', modPassword, '--moderator');

const server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => {
    buf += d;
    const m = buf.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`wiredesk serve exited with ${code}`)));
  setTimeout(() => reject(new Error('wiredesk serve did not start')), 30000);
});

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                      '--disable-component-update', '--disable-sync', '--no-first-run'];
// Each reader gets a browser of their own: a fresh user-data-dir, so cookies never mix.
async function browserFor(name, options = {}) {
  const profile = fs.mkdtempSync(path.join(tmp, `profile-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: chromiumArgs,
    viewport: { width: 1280, height: 900 }, ...options,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(15000);
  // Anything a payload could make run: a dialog, a request for the beacon, a flag set.
  const ran = [];
  page.on('dialog', (d) => { ran.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  context.on('request', (r) => { if (r.url().includes('xss-beacon')) ran.push(`request: ${r.url()}`); });
  return { context, page, ran };
}

async function scriptRan(page, ran) {
  const flag = await page.evaluate(() => window.__xss ?? null);
  return flag !== null || ran.length > 0 ? `${ran.join('; ')} flag=${flag}` : '';
}

// Elements that only injected markup would put where readers' and publishers' text goes.
async function injected(page) {
  return page.evaluate(() => {
    const places = ['.masthead', '.article-head', '.article-body', '.article-foot', '.comment-body', '.comment-meta',
                    '.card', '.result-count', '.search-form'];
    const kinds = ['script', 'iframe', 'img', 'svg', 'object', 'embed', 'math', 'x-y', 'details[ontoggle]',
                   '[onerror]', '[onload]', '[onclick]', '[onmouseover]'];
    const bad = document.querySelectorAll(places.flatMap((p) => kinds.map((k) => `${p} ${k}`)).join(', '));
    const js = [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href')));
    return bad.length + js.length;
  });
}

async function signUp(page, name, password) {
  await page.goto(`${base}/`);
  await page.click('.account-nav >> text=Sign in');
  await page.click('text=Create an account');
  await page.fill('#signup-name', name);
  await page.fill('#signup-password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/signup"] button[type=submit]')]);
}

async function postComment(page, text) {
  await page.fill('#comment-body', text);
  await Promise.all([page.waitForNavigation(), page.click('.comments > form.comment-form button[type=submit]')]);
}

try {
  fs.mkdirSync(out, { recursive: true });
  const reader = await browserFor('reader');
  const { page } = reader;

  // ---- Read the front page, open an article, search. ----
  await page.goto(`${base}/`);
  const cards = await page.locator('main a[href^="/articles/"]').count();
  check(cards >= 5, `front page lists the latest articles (${cards})`);
  const referenceLink = page.locator('.card-title a', { hasText: 'Syria and Israel in direct talks' });
  check(await referenceLink.count() === 1, 'front page has the reference article');
  await Promise.all([page.waitForNavigation(), referenceLink.click()]);
  const articleUrl = page.url();
  check(/\/articles\/\d+$/.test(articleUrl), `the card opens the article page (${articleUrl})`);
  check((await page.textContent('h1.headline')).includes('Syria and Israel'), 'article page has its headline');
  check(await page.locator('#comments-h').textContent() === 'Comments', 'article page has a Comments heading');
  check(await page.locator('.comments .empty').textContent() === 'No comments yet...', '"No comments yet..." before any');
  check(await page.locator('.comment-signin a[href^="/login"]').count() === 1, 'anonymous readers are asked to sign in');

  await page.fill('.masthead input[name=q]', 'Damascus security');
  await Promise.all([page.waitForNavigation(), page.press('.masthead input[name=q]', 'Enter')]);
  check(page.url().includes('/search?q=Damascus+security'), 'the masthead search goes to /search');
  check(await page.locator('.results .card').count() >= 1, 'search finds the article');
  check(await page.locator('.results mark').count() >= 1, 'search marks the matched words');

  // ---- Sign up, comment, reply. ----
  await signUp(page, 'reader1', 'reader-password-1');
  check(await page.locator('.account-nav a[href="/account"]').textContent() === 'reader1', 'signed up and signed in');
  const cookies = await reader.context.cookies();
  const session = cookies.find((c) => c.name === 'wd_session');
  check(session && session.httpOnly && session.sameSite === 'Lax', 'the session cookie is HttpOnly, SameSite=Lax');
  await page.goto(articleUrl);
  await postComment(page, 'A **first** comment, with [a source](https://www.reuters.com/).');
  const first = page.locator('.comment-thread > .comment').first();
  check((await first.locator('.comment-body').innerHTML()).includes('<strong>first</strong>'), 'the comment is on the page, Markdown rendered');
  check(await first.locator('a[rel="nofollow ugc noopener noreferrer"]').count() === 1, 'its link is rel="nofollow ugc"');
  await first.locator('summary', { hasText: 'Reply' }).click();
  await first.locator('details.comment-tool textarea[name=body]').first().fill('And a reply to it.');
  await Promise.all([page.waitForNavigation(), first.locator('details.comment-tool button', { hasText: 'Post reply' }).click()]);
  check(await page.locator('.comment-replies .comment-body', { hasText: 'And a reply to it.' }).count() === 1, 'the reply sits under its comment');

  // ---- Moderate: a reader cannot hide, a moderator can. ----
  check(await page.locator('form[action$="/hide"]').count() === 0, 'readers see no Hide button');
  const moderator = await browserFor('moderator');
  await moderator.page.goto(`${base}/login`);
  await moderator.page.fill('#login-name', 'mod');
  await moderator.page.fill('#login-password', 'moderator-password-1');
  await Promise.all([moderator.page.waitForNavigation(), moderator.page.click('form[action="/login"] button[type=submit]')]);
  await moderator.page.goto(articleUrl);
  const hide = moderator.page.locator('.comment-thread > .comment:first-child > .comment-actions form[action$="/hide"] button');
  check(await hide.count() === 1, 'the moderator sees Hide');
  await Promise.all([moderator.page.waitForNavigation(), hide.click()]);
  check(await moderator.page.locator('.comment.is-hidden form[action$="/restore"]').count() === 1, 'hidden; the moderator can restore it');
  await page.goto(articleUrl);
  check(await page.locator('.comment-hidden', { hasText: 'hidden by a moderator' }).count() === 1, 'readers see it is hidden');
  check(!(await page.content()).includes('A <strong>first</strong> comment'), 'readers no longer see its text');
  check(await page.locator('.comment-replies .comment-body', { hasText: 'And a reply to it.' }).count() === 1, 'its reply stays');

  // ---- Screenshots of the article page, as an anonymous reader sees it. ----
  const anon = await browserFor('anonymous');
  await anon.page.goto(articleUrl);
  await anon.page.screenshot({ path: path.join(out, 'article-desktop.png'), fullPage: true });
  await anon.page.setViewportSize({ width: 390, height: 844 });
  await anon.page.reload();
  await anon.page.screenshot({ path: path.join(out, 'article-phone.png'), fullPage: true });
  const overflow = await anon.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the phone page does not scroll sideways (${overflow} px)`);
  check(fs.statSync(path.join(out, 'article-desktop.png')).size > 10000, `screenshots saved in ${out}`);

  // ---- XSS: payloads through comments, search and a stored article, CSP bypassed so only
  // escaping stands between them and the page. ----
  const payloads = fs.readFileSync(path.join(here, 'xss-payloads.txt'), 'utf8').split('\n').filter((l) => l.trim());
  const attacker = await browserFor('attacker', { bypassCSP: true });
  const half = Math.ceil(payloads.length / 2);  // the per-reader comment limit is 10 in 10 minutes
  for (const [i, batch] of [payloads.slice(0, half), payloads.slice(half)].entries()) {
    if (i > 0) {
      await attacker.context.clearCookies();
    }
    await signUp(attacker.page, `attacker${i}`, 'attacker-password-1');
    await attacker.page.goto(articleUrl);
    for (const p of batch) await postComment(attacker.page, p);
  }
  await attacker.page.goto(articleUrl);
  const bodies = await attacker.page.locator('.comment-body').count();
  check(bodies >= payloads.length, `${payloads.length} payload comments are on the page (${bodies} comments)`);
  check(await injected(attacker.page) === 0, 'no payload comment became markup');
  check(await scriptRan(attacker.page, attacker.ran) === '', 'no payload comment ran a script');
  const viewer = await browserFor('viewer', { bypassCSP: true });
  await viewer.page.goto(articleUrl);
  check(await injected(viewer.page) === 0 && await scriptRan(viewer.page, viewer.ran) === '', 'nor for an anonymous reader');
  for (const p of payloads) {
    await viewer.page.goto(`${base}/search?q=${encodeURIComponent(p)}`);
    if (await viewer.page.locator('.masthead input[name=q]').inputValue() !== p.replace(/\s+/g, ' ').trim()) {
      check(false, `search echoes the query as text: ${p}`);
    }
  }
  check(await injected(viewer.page) === 0 && await scriptRan(viewer.page, viewer.ran) === '', `${payloads.length} payload searches ran no script`);
  await viewer.page.goto(`${base}/`);
  const hostile = viewer.page.locator('.card-title a', { hasText: 'Harbour' });
  check(!hostileStored || await hostile.count() === 1, 'the hostile article is listed, its title as text');
  if (hostileStored) await Promise.all([viewer.page.waitForNavigation(), hostile.click()]);
  check((await viewer.page.textContent('h1.headline')).includes('Harbour'), `its headline is text: ${await viewer.page.textContent('h1.headline')}`);
  check(await injected(viewer.page) === 0 && await scriptRan(viewer.page, viewer.ran) === '', 'its title, author, source and body ran no script');
  const api = await viewer.page.request.get(`${base}/api/v1/openapi.json`);
  check(api.ok() && (await api.json()).openapi.startsWith('3.'), 'the OpenAPI document is served');

  for (const b of [reader, moderator, anon, attacker, viewer]) await b.context.close();
} catch (e) {
  check(false, `journey stopped: ${e.message.split('\n')[0]}`);
} finally {
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(failures === 0 ? 'browser: all checks passed' : `browser: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
