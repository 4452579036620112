#!/usr/bin/env python3
"""Generate wiredesk's sample corpus (sample/) from freely licensed news.

Usage: python3 scripts/make_sample.py [SHARED_DIR] [--out SAMPLE_DIR]

SHARED_DIR (default /work/shared) holds the inputs:

* corpus/wikinews/articles/*.json -- real English Wikinews articles (CC BY 2.5, or public
  domain for items published before 2005-09-25), with a hand-made `story` label that groups
  follow-ups. See corpus/wikinews/README.md for their provenance.
* data/extraction/readability-pages/html/*.html.gz -- real publisher pages from
  mozilla/readability's test suite (Apache-2.0, LICENSE.md beside them).

It writes, replacing what an earlier run wrote:

* sample/pages/wikinews-*.html -- Wikinews articles rendered into a publisher-like HTML page
  (site header, share bar, article, related news, licence footer). The article text is the
  corpus text unchanged, split into its paragraphs and HTML-escaped; only chrome labels
  (navigation, "Share", "Related news", the licence notice) are added.
* sample/pages/<publisher>-N.html -- readability test pages, decompressed byte for byte.
* sample/captures/wikinews-*.txt -- Wikinews articles rendered as plain-text aggregator
  page captures (headline, standfirst, paragraphs, page chrome, related articles).
* NAME.meta.json beside each page/capture: url, source, published, captured, rights, as
  read by `wiredesk ingest`.
* sample/pages/LICENSE-readability.md and sample/README.md (file table with sources,
  licences and attribution).

The output is deterministic: running it twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import re
import shutil
import sys
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------------------

# Wikinews articles rendered as HTML pages (file stems of corpus/wikinews/articles/).
PAGE_STEMS = [
    # covid-19
    "2020-01-28_german-authorities-confirm-first-case-of-novel-coronavirus-in-germany",
    "2020-02-14_world-health-organization-names-new-coronavirus-covid-19",
    "2020-03-14_world-health-organization-declares-covid-19-pandemic",
    "2020-03-16_us-president-trump-declares-covid-19-national-emergency",
    "2020-04-05_sars-cov-2-surpasses-one-million-infections-worldwide",
    "2020-10-03_us-president-donald-trump-tests-positive-for-covid-19",
    # us-2020-election
    "2020-02-14_2020-united-states-presidential-election-trump-sanders-win-new-hampshi",
    "2020-03-02_joe-biden-wins-2020-south-carolina-us-democratic-presidential-primary",
    "2020-03-06_bloomberg-warren-end-us-presidential-campaigns-following-super-tuesday",
    "2020-04-10_bernie-sanders-ends-2020-us-presidential-bid",
    "2020-08-12_biden-announces-kamala-harris-as-2020-running-mate-in-us-presidential-",
    "2020-11-07_joe-biden-projected-us-president-elect",
    # hong-kong-protests
    "2019-06-23_hong-kong-protesters-surround-downtown-police-complex",
    "2019-09-06_hong-kong-leader-announces-withdrawal-of-extradition-bill",
    "2019-10-02_police-shoot-teenage-protester-as-hong-kong-demonstrations-continue",
    "2019-11-27_hundreds-of-hong-kong-district-council-seats-go-to-pro-democracy-candi",
    # trump-impeachment
    "2019-09-25_us-speaker-pelosi-announces-trump-impeachment-investigation",
    "2019-11-01_u-s-house-formalizes-rules-for-trump-impeachment-proceedings",
    "2019-12-21_us-house-of-representatives-impeaches-president-trump",
    # 2004-indian-ocean-tsunami (public domain)
    "2004-12-28_asian-earthquake-toll-nears-60-000",
    "2004-12-29_tsunami-toll-passes-80-000-people-as-relief-effort-continues",
    "2005-01-03_un-optimistic-on-tsunami-aid-effort",
    # soleimani-iran-crisis
    "2020-01-05_united-states-military-kills-qasem-soleimani",
    "2020-01-06_iraqi-parliament-votes-for-expulsion-of-united-states-troops",
    "2020-01-13_iran-admits-downing-ukrainian-jet-cites-human-error",
    # uk-brexit-parliament
    "2019-08-29_queen-elizabeth-agrees-to-suspend-uk-parliament-ahead-of-brexit-deadli",
    "2019-09-13_scottish-court-finds-suspension-of-uk-parliament-unlawful",
    "2019-09-24_uk-supreme-court-rules-prorogation-of-parliament-unlawful",
    # singletons
    "2019-09-09_longtime-leader-of-zimbabwe-robert-mugabe-dies-aged-95",
    "2019-04-16_notre-dame-in-paris-catches-fire",
    "2004-11-17_kmart-to-buy-sears-for-us-11-billion",
]

# Wikinews articles rendered as text captures: other articles of the same stories.
CAPTURE_STEMS = [
    "2020-02-10_first-foreigners-die-from-coronavirus-in-wuhan-china",
    "2020-03-13_national-basketball-association-suspends-season-due-to-covid-19-concer",
    "2020-04-15_bernie-sanders-endorses-joe-biden-in-2020-united-states-presidential-e",
    "2020-11-26_us-federal-agency-announces-plans-to-begin-presidential-transition-pro",
    "2019-08-19_hong-kong-protests-continue-through-police-opposition-rainstorms",
    "2020-01-15_u-s-house-to-decide-on-submitting-articles-of-impeachment-to-senate",
    "2004-12-31_americans-contribute-to-relief-effort",
    "2020-01-09_stampede-during-funeral-procession-of-qasem-soleimani-causes-deaths-de",
    "2019-12-16_conservative-party-wins-majority-in-2019-uk-general-election",
]

# mozilla/readability test pages (test/test-pages/<name>/source.html at commit ab4027a),
# copied as they are. `published` is what the page itself states (its JSON-LD, meta tags or
# <time> element), converted to UTC where the page gives a zone; a date alone where the
# page gives a local time without a zone.
READABILITY_PAGES = [
    # (test page, output name, publisher, publisher URL, published, where the date is from)
    ("bbc-1", "bbc-1", "BBC News", "https://www.bbc.com/news",
     "2015-07-24T05:36:09+01:00", "JSON-LD datePublished"),
    ("cnn", "cnn-1", "CNNMoney", "https://money.cnn.com/",
     "2016-02-01", "meta DC.date.issued (no zone)"),
    ("nytimes-1", "nytimes-1", "The New York Times", "https://www.nytimes.com/",
     "2017-01-13T00:00:04-05:00", "meta article:published"),
    ("wapo-1", "wapo-1", "The Washington Post", "https://www.washingtonpost.com/",
     "2015-03-18", "date in the URL and the page (no time)"),
    ("telegraph", "telegraph-1", "The Telegraph", "https://www.telegraph.co.uk/",
     "2017-11-16T14:15:00+00:00", "meta itemprop datePublished"),
    ("ars-1", "ars-1", "Ars Technica", "https://arstechnica.com/",
     "2015-04-16T20:02:01+00:00", "<time datetime>"),
    ("lemonde-1", "lemonde-1", "Le Monde", "https://www.lemonde.fr/",
     "2015-05-04T13:36:31+02:00", "<time itemprop=datePublished>"),
    ("liberation-1", "liberation-1", "Libération", "https://www.liberation.fr/",
     "2015-04-30", "meta article:published_time (no zone)"),
    ("cnet", "cnet-1", "CNET", "https://www.cnet.com/",
     "2017-01-18T23:00:00-08:00", "<time itemprop=datePublished>"),
    ("schema-org-context-object", "nbcnews-1", "NBC News", "https://www.nbcnews.com/",
     "2024-12-06T22:00:40+00:00", "JSON-LD NewsArticle datePublished"),
    ("herald-sun-1", "heraldsun-1", "Herald Sun", "https://www.heraldsun.com.au/",
     "2015-03-13", "meta article:publicationdate"),
]

READABILITY_REPO = "mozilla/readability"
READABILITY_COMMIT = "ab4027a"
READABILITY_RIGHTS = ("Apache-2.0 test fixture from mozilla/readability; "
                      "original article © its publisher")

# --------------------------------------------------------------------------------------
# Wikinews constants
# --------------------------------------------------------------------------------------

WIKINEWS = "https://en.wikinews.org/"
CC_BY_25 = "https://creativecommons.org/licenses/by/2.5/"
CC_RIGHTS = "CC BY 2.5 — From Wikinews, the free news source, by Wikinews contributors"
PD_RIGHTS = ("Public domain — published on Wikinews before 2005-09-25; "
             "From Wikinews, the free news source, by Wikinews contributors")
CC_ATTRIBUTION = ("From Wikinews, the free news source (https://en.wikinews.org), "
                  "by Wikinews contributors, CC BY 2.5")
PD_ATTRIBUTION = ("From Wikinews, the free news source (https://en.wikinews.org), "
                  "by Wikinews contributors; public domain (published before 2005-09-25)")
CC_CHANGES = ("the leading dateline, orphaned pull-quote attributions and image captions "
              "were removed from the text and whitespace was normalised (by the corpus); "
              "the text was rendered into this page layout by wiredesk's "
              "scripts/make_sample.py")
PD_CHANGES = ("the text was rendered from wikitext to plain text (links to their labels, "
              "templates and images removed) by the corpus, and into this page layout by "
              "wiredesk's scripts/make_sample.py")

RELATED_CHARS = 600  # how much of a related article's text a capture shows

NAV = [
    ("Main page", "https://en.wikinews.org/wiki/Main_Page"),
    ("Latest news", "https://en.wikinews.org/wiki/Wikinews:Latest_news"),
    ("Politics and conflicts", "https://en.wikinews.org/wiki/Portal:Politics_and_conflicts"),
    ("Economy and business", "https://en.wikinews.org/wiki/Portal:Economy_and_business"),
    ("Science and technology", "https://en.wikinews.org/wiki/Portal:Science_and_technology"),
    ("Health", "https://en.wikinews.org/wiki/Portal:Health"),
    ("Sports", "https://en.wikinews.org/wiki/Portal:Sports"),
    ("Write an article", "https://en.wikinews.org/wiki/Wikinews:Writing_an_article"),
]
FOOTER_LINKS = [
    ("About Wikinews", "https://en.wikinews.org/wiki/Wikinews:About"),
    ("Disclaimers", "https://en.wikinews.org/wiki/Wikinews:General_disclaimer"),
    ("Privacy policy", "https://foundation.wikimedia.org/wiki/Privacy_policy"),
]

CSS = """body{font-family:Georgia,serif;margin:0;color:#202122;background:#fff}
.site-header{border-bottom:1px solid #a2a9b1;padding:8px 16px;background:#f8f9fa}
.site-header .logo{font-size:1.6em;font-weight:bold;color:#202122;text-decoration:none}
.site-header .tagline{color:#54595d;margin-left:8px}
.site-nav ul{list-style:none;margin:6px 0 0;padding:0}
.site-nav li{display:inline;margin-right:14px}
.site-search{float:right}
.page{display:flex;gap:32px;max-width:1100px;margin:0 auto;padding:16px}
.news-article{flex:3;max-width:720px}
.news-article h1{font-size:2em;font-weight:normal;border-bottom:1px solid #a2a9b1}
.dateline{color:#54595d;font-weight:bold}
.share-bar{font-family:sans-serif;font-size:.9em;margin:8px 0}
.share-bar a{margin-right:10px}
.sidebar{flex:1;font-family:sans-serif;font-size:.9em}
.site-footer{border-top:1px solid #a2a9b1;padding:12px 16px;font-family:sans-serif;
font-size:.85em;color:#54595d}
.site-footer ul{list-style:none;padding:0}.site-footer li{display:inline;margin-right:12px}"""

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def esc(s: str) -> str:
    """Escape for an attribute value."""
    return html.escape(s, quote=True)


def txt(s: str) -> str:
    """Escape for element text."""
    return html.escape(s, quote=False)


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


ABBREV = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt",
          "col", "sgt", "capt", "no", "vs", "inc", "co", "corp", "ltd", "prof", "rev",
          "mt", "ft", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov",
          "dec", "approx", "est", "u.s", "u.k", "u.n", "e.g", "i.e", "d.c"}


def first_sentence(par: str) -> str:
    """The first sentence of a paragraph (simple rules, abbreviation-aware)."""
    for m in re.finditer(r'[.!?]["\u201d\u2019\')]*(?=\s+["\u201c\u2018(]?[A-Z0-9])', par):
        end = m.end()
        head = par[:m.start()]
        word = re.search(r"([\w.]+)$", head)
        if m.group(0)[0] == "." and word and not head.endswith("."):
            w = word.group(1).lower()
            # "U.S.", "Mr.", single initials ("J."), "No." are not sentence ends.
            if w in ABBREV or len(w) == 1 or "." in w:
                continue
        return par[:end]
    return par


def long_date(d: dt.date) -> str:
    return f"{DAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def is_public_domain(a: dict) -> bool:
    return not a["license"].startswith("CC BY")


def out_stem(a: dict) -> str:
    """wikinews-YYYY-MM-DD-slug, the slug cut at a word boundary to at most 60 chars."""
    date, slug = a["_stem"].split("_", 1)
    slug = slug.strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return f"wikinews-{date}-{slug}"


def attribution_line(a: dict) -> str:
    return f'"{a["title"]}", Wikinews, {a["date"]}, {a["url"]}'


def json_dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def clean_source_url(u: str) -> str:
    # Some WikinewsSum source URLs keep the closing braces of their template: "...html}}".
    return re.sub(r"\}+$", "", u.strip())


def utc_iso(value: str) -> str:
    """ISO 8601 with zone -> 'YYYY-MM-DDTHH:MM:SSZ'; a date alone stays a date."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    t = dt.datetime.fromisoformat(value).astimezone(dt.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------------
# Wikinews HTML pages
# --------------------------------------------------------------------------------------


def render_page(a: dict, related: list[dict], latest: list[dict]) -> str:
    pars = paragraphs(a["text"])
    desc = first_sentence(pars[0])
    pd = is_public_domain(a)
    date = dt.date.fromisoformat(a["date"])
    url = a["url"]
    title = a["title"]
    rights = PD_RIGHTS if pd else CC_RIGHTS
    tags = [c for c in a.get("categories") or []
            if c != "Published" and not re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", c)]

    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "description": desc,
        "datePublished": a["date"],
        "inLanguage": "en",
        "mainEntityOfPage": url,
        "url": url,
        "author": {"@type": "Organization", "name": "Wikinews contributors"},
        "publisher": {"@type": "Organization", "name": "Wikinews", "url": WIKINEWS},
        "isAccessibleForFree": True,
    }
    if pd:
        ld["copyrightNotice"] = rights
    else:
        ld["license"] = CC_BY_25
    if tags:
        ld["keywords"] = tags
    ld_text = json.dumps(ld, ensure_ascii=False, indent=1).replace("</", "<\\/")

    q = urllib.parse.quote(url, safe="")
    qt = urllib.parse.quote(title, safe="")
    wiki_title = urllib.parse.quote(urllib.parse.unquote(url.rsplit("/wiki/", 1)[1]),
                                    safe="_,:()")
    h = []
    w = h.append
    w("<!DOCTYPE html>")
    w('<html lang="en" dir="ltr">')
    w("<head>")
    w('<meta charset="utf-8">')
    w(f"<title>{txt(title)} - Wikinews, the free news source</title>")
    w('<meta name="viewport" content="width=device-width, initial-scale=1">')
    w(f'<link rel="canonical" href="{esc(url)}">')
    w(f'<meta name="description" content="{esc(desc)}">')
    w('<meta name="author" content="Wikinews contributors">')
    w('<meta property="og:site_name" content="Wikinews">')
    w('<meta property="og:type" content="article">')
    w(f'<meta property="og:title" content="{esc(title)}">')
    w(f'<meta property="og:url" content="{esc(url)}">')
    w(f'<meta property="og:description" content="{esc(desc)}">')
    w('<meta property="og:locale" content="en_US">')
    w(f'<meta property="article:published_time" content="{a["date"]}">')
    for t in tags:
        w(f'<meta property="article:tag" content="{esc(t)}">')
    if not pd:
        w(f'<link rel="license" href="{CC_BY_25}">')
    w(f'<meta name="dcterms.rights" content="{esc(rights)}">')
    w('<link rel="icon" href="https://en.wikinews.org/static/favicon/wikinews.ico">')
    w('<script type="application/ld+json">')
    w(ld_text)
    w("</script>")
    w(f"<style>\n{CSS}\n</style>")
    w("</head>")
    w('<body class="skin-news">')
    comment = f"{attribution_line(a)}. Changes: {PD_CHANGES if pd else CC_CHANGES}."
    w(f"<!-- {comment.replace('--', '- -').replace('>', ')')} -->")
    w('<a class="skip-link" href="#content">Jump to content</a>')
    w('<header class="site-header">')
    w('<a class="logo" href="https://en.wikinews.org/wiki/Main_Page">Wikinews</a>'
      '<span class="tagline">The free news source you can write!</span>')
    w('<form class="site-search" action="https://en.wikinews.org/w/index.php" method="get">'
      '<label for="search">Search</label> <input type="search" id="search" name="search" '
      'placeholder="Search Wikinews"> <button type="submit">Go</button></form>')
    w('<nav class="site-nav" aria-label="Sections"><ul>')
    for label, href in NAV:
        w(f'<li><a href="{esc(href)}">{txt(label)}</a></li>')
    w("</ul></nav>")
    w("</header>")
    w('<div class="page">')
    w('<main id="content" class="main">')
    w('<div class="share-bar" aria-label="Share">')
    w("<span>Share</span>")
    w(f'<a href="https://www.facebook.com/sharer/sharer.php?u={q}">Facebook</a>')
    w(f'<a href="https://twitter.com/intent/tweet?url={q}&amp;text={qt}">Twitter</a>')
    w(f'<a href="https://www.reddit.com/submit?url={q}&amp;title={qt}">Reddit</a>')
    w(f'<a href="mailto:?subject={qt}&amp;body={q}">Email</a>')
    w(f'<a href="https://en.wikinews.org/w/index.php?title='
      f'{esc(wiki_title)}&amp;printable=yes">Print</a>')
    w("</div>")
    w('<article class="news-article">')
    w(f"<h1>{txt(title)}</h1>")
    w(f'<p class="dateline"><time datetime="{a["date"]}">{long_date(date)}</time></p>')
    w('<div class="article-body">')
    for p in pars:
        w(f"<p>{txt(p)}</p>")
    w("</div>")
    if related:
        w('<section class="related-news">')
        w("<h2>Related news</h2>")
        w("<ul>")
        for r in related:
            w(f'<li><a href="{esc(r["url"])}">{txt(r["title"])}</a> '
              f'<time datetime="{r["date"]}">{long_date(dt.date.fromisoformat(r["date"]))}'
              f"</time></li>")
        w("</ul>")
        w("</section>")
    if a.get("sources"):
        w('<section class="sources">')
        w("<h2>Sources</h2>")
        w("<ul>")
        for s in a["sources"]:
            lang = f' hreflang="{esc(s["language"])}"' if s.get("language") else ""
            item = (f'<li><a href="{esc(clean_source_url(s["url"]))}"{lang} rel="nofollow">'
                    f'&quot;{txt(s["title"])}&quot;</a>')
            if s.get("archive_url"):
                item += f' (<a href="{esc(s["archive_url"])}" rel="nofollow">archived</a>)'
            w(item + "</li>")
        w("</ul>")
        w("</section>")
    if tags:
        w('<div class="catlinks">Categories: ' + " | ".join(
            f'<a href="https://en.wikinews.org/wiki/Category:{esc(t.replace(" ", "_"))}">'
            f"{txt(t)}</a>" for t in tags) + "</div>")
    w("</article>")
    w("</main>")
    w('<aside class="sidebar">')
    w("<h2>Latest news</h2>")
    w("<ul>")
    for r in latest:
        w(f'<li><a href="{esc(r["url"])}">{txt(r["title"])}</a></li>')
    w("</ul>")
    w("<h2>Share</h2>")
    w(f'<p><a href="https://www.facebook.com/sharer/sharer.php?u={q}">Facebook</a> | '
      f'<a href="https://twitter.com/intent/tweet?url={q}&amp;text={qt}">Twitter</a></p>')
    w("</aside>")
    w("</div>")
    w('<footer class="site-footer">')
    if pd:
        w("<p>From Wikinews, the free news source, by Wikinews contributors. This article "
          "was published on Wikinews before 25 September 2005 and is in the public domain."
          "</p>")
    else:
        w("<p>From Wikinews, the free news source, by Wikinews contributors. Text is "
          f'available under the <a rel="license" href="{CC_BY_25}">Creative Commons '
          "Attribution 2.5</a> licence.</p>")
    w(f'<p>Original article: <a href="{esc(url)}">{txt(url)}</a>. Changes: '
      f"{txt(PD_CHANGES if pd else CC_CHANGES)}.</p>")
    w("<ul>")
    for label, href in FOOTER_LINKS:
        w(f'<li><a href="{esc(href)}">{txt(label)}</a></li>')
    w("</ul>")
    w("</footer>")
    w("</body>")
    w("</html>")
    return "\n".join(h) + "\n"


# --------------------------------------------------------------------------------------
# Text captures
# --------------------------------------------------------------------------------------


def cut_mid_word(text: str, n: int) -> str:
    """The first ~n characters, ending inside a word as a truncated capture does."""
    if len(text) <= n:
        return text
    cut = n
    # Move on until the cut falls between two letters of one word.
    while cut < len(text) and (text[cut - 1].isspace() or text[cut].isspace()):
        cut += 1
    return text[:cut].rstrip()


def render_capture(a: dict, related: list[dict]) -> str:
    pars = paragraphs(a["text"])
    lines = [a["title"], *pars]
    lines += ["Hashtags", "", "Comments", "No comments yet...", "Related Articles", "", ""]
    for i, r in enumerate(related):
        if i:
            lines.append("")
        d = dt.date.fromisoformat(r["date"])
        flat = " ".join(paragraphs(r["text"]))
        lines += ["Wikinews", d.strftime("%d-%m-%Y"), "- Wikinews", r["title"],
                  cut_mid_word(flat, RELATED_CHARS)]
    # Like a text copied out of a browser: no newline after the last line.
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def load_wikinews(shared: Path) -> dict[str, dict]:
    arts = {}
    for f in sorted((shared / "corpus/wikinews/articles").glob("*.json")):
        a = json.loads(f.read_text(encoding="utf-8"))
        a["_stem"] = f.stem
        arts[f.stem] = a
    return arts


def wikinews_meta(a: dict, captured: str | None) -> dict:
    m = {
        "url": a["url"],
        "source": {"name": "Wikinews", "url": WIKINEWS},
        "published": f'{a["date"]}T00:00:00Z',
    }
    if captured:
        m["captured"] = captured
    m["rights"] = PD_RIGHTS if is_public_domain(a) else CC_RIGHTS
    return m


def readability_canonical(page: str) -> str | None:
    for pat in (r'<link[^>]*rel=["\']canonical["\'][^>]*href=["\']([^"\']+)["\']',
                r'<meta[^>]*property=["\']og:url["\'][^>]*content=["\']([^"\']+)["\']'):
        m = re.search(pat, page, re.I | re.S)
        if m:
            u = html.unescape(m.group(1).strip())
            if u.startswith("//"):
                u = "http:" + u
            if urllib.parse.urlsplit(u).path not in ("", "/"):
                return u
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", nargs="?", default="/work/shared",
                    help="folder with corpus/wikinews and data/extraction (default /work/shared)")
    ap.add_argument("--out", default=str(REPO / "sample"), help="output folder (default sample/)")
    args = ap.parse_args()
    shared = Path(args.shared)
    out = Path(args.out)

    arts = load_wikinews(shared)
    missing = [s for s in PAGE_STEMS + CAPTURE_STEMS if s not in arts]
    if missing:
        sys.exit(f"missing Wikinews articles: {missing}")
    overlap = set(PAGE_STEMS) & set(CAPTURE_STEMS)
    if overlap:
        sys.exit(f"articles both page and capture: {sorted(overlap)}")

    # Start clean: everything under pages/ and captures/ is generated.
    for sub in ("pages", "captures"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
        (out / sub).mkdir(parents=True)

    in_sample = [arts[s] for s in PAGE_STEMS + CAPTURE_STEMS]
    by_story: dict[str, list[dict]] = {}
    for a in in_sample:
        if a["story"]:
            by_story.setdefault(a["story"], []).append(a)
    for v in by_story.values():
        v.sort(key=lambda a: (a["date"], a["title"]))

    rows = []  # README table rows

    # 1. Wikinews HTML pages.
    pages = [arts[s] for s in PAGE_STEMS]
    for a in pages:
        related = [r for r in by_story.get(a["story"], []) if r is not a]
        # "Latest news": the five sample articles nearest in date (within a year).
        d0 = dt.date.fromisoformat(a["date"])
        near = sorted((p for p in in_sample if p is not a),
                      key=lambda p: (abs((dt.date.fromisoformat(p["date"]) - d0).days),
                                     p["date"], p["title"]))
        near = [p for p in near[:5]
                if abs((dt.date.fromisoformat(p["date"]) - d0).days) <= 366]
        latest = sorted(near, key=lambda p: (p["date"], p["title"]), reverse=True)
        name = out_stem(a)
        write(out / "pages" / f"{name}.html", render_page(a, related, latest))
        write(out / "pages" / f"{name}.meta.json", json_dump(wikinews_meta(a, None)))
        rows.append({"file": f"pages/{name}.html", "title": a["title"], "publisher": "Wikinews",
                     "date": a["date"], "url": a["url"], "story": a["story"] or "",
                     "licence": "Public domain" if is_public_domain(a) else "CC BY 2.5",
                     "attribution": attribution_line(a) + "; " + (
                         PD_ATTRIBUTION if is_public_domain(a) else CC_ATTRIBUTION)})

    # 2. Text captures, each with 1-3 related articles of its story.
    for i, stem in enumerate(CAPTURE_STEMS):
        a = arts[stem]
        d0 = dt.date.fromisoformat(a["date"])
        captured_day = d0 + dt.timedelta(days=1 + i % 2)
        captured = f"{captured_day.isoformat()}T12:00:00Z"
        # Related: the (up to) three newest articles of the story that were out by the
        # time of the capture, newest first.
        story = [r for r in arts.values() if r["story"] == a["story"] and r is not a
                 and r["date"] <= captured_day.isoformat()]
        story.sort(key=lambda r: (r["date"], r["title"]), reverse=True)
        related = story[:3]
        if not related:
            sys.exit(f"capture {stem} has no earlier article of its story")
        name = out_stem(a)
        write(out / "captures" / f"{name}.txt", render_capture(a, related))
        write(out / "captures" / f"{name}.meta.json", json_dump(wikinews_meta(a, captured)))
        attrib = attribution_line(a) + "; " + (
            PD_ATTRIBUTION if is_public_domain(a) else CC_ATTRIBUTION)
        attrib += ". Related articles quoted (first 600 characters): " + "; ".join(
            attribution_line(r) + (" (public domain)" if is_public_domain(r) else " (CC BY 2.5)")
            for r in related)
        rows.append({"file": f"captures/{name}.txt", "title": a["title"], "publisher": "Wikinews",
                     "date": a["date"], "url": a["url"], "story": a["story"] or "",
                     "licence": "Public domain" if is_public_domain(a) else "CC BY 2.5",
                     "attribution": attrib})

    # 3. Readability test pages, as they are.
    rp_dir = shared / "data/extraction/readability-pages"
    for src, name, publisher, pub_url, published, _why in READABILITY_PAGES:
        raw = gzip.decompress((rp_dir / "html" / f"{src}.html.gz").read_bytes())
        (out / "pages" / f"{name}.html").write_bytes(raw)
        page = raw.decode("utf-8", "replace")
        url = readability_canonical(page)
        gt = json.loads((rp_dir / "gt" / f"{src}.json").read_text(encoding="utf-8"))
        meta = {}
        if url:
            meta["url"] = url
        meta["source"] = {"name": publisher, "url": pub_url}
        meta["published"] = utc_iso(published)
        meta["rights"] = READABILITY_RIGHTS
        write(out / "pages" / f"{name}.meta.json", json_dump(meta))
        rows.append({"file": f"pages/{name}.html", "title": " ".join(gt["headline"].split()),
                     "publisher": publisher, "date": published[:10], "url": url or "",
                     "story": "",
                     "licence": "Apache-2.0 (test fixture); article © its publisher",
                     "attribution": f"mozilla/readability test/test-pages/{src}/source.html "
                                    f"(commit {READABILITY_COMMIT}), Apache-2.0"})

    licence = (rp_dir / "LICENSE.md").read_text(encoding="utf-8")
    write(out / "pages" / "LICENSE-readability.md", readability_notice(licence))
    write(out / "README.md", readme(rows, by_story))
    return 0


def readability_notice(licence: str) -> str:
    names = ", ".join(f"`{n}.html` (from `test/test-pages/{s}/source.html`)"
                      for s, n, *_ in READABILITY_PAGES)
    return (
        "# Pages from mozilla/readability's test suite\n\n"
        f"These files in `sample/pages/` come from https://github.com/mozilla/readability "
        f"(commit {READABILITY_COMMIT}), which distributes them as test fixtures under the "
        "Apache License 2.0 below: " + names + ".\n\n"
        "They were decompressed and renamed, otherwise unchanged. Each article's text is the "
        "work of its original publisher; the pages are redistributed here as the "
        "readability project distributes them, as test material. The `.meta.json` files "
        "beside them were written by wiredesk's `scripts/make_sample.py`.\n\n"
        "---\n\n" + licence.strip("\n") + "\n"
    )


def md(s: str) -> str:
    return s.replace("|", "\\|")


def readme(rows: list[dict], by_story: dict[str, list[dict]]) -> str:
    wn = [r for r in rows if r["publisher"] == "Wikinews"]
    rp = [r for r in rows if r["publisher"] != "Wikinews"]
    n_pages = sum(1 for r in wn if r["file"].startswith("pages/"))
    n_caps = sum(1 for r in wn if r["file"].startswith("captures/"))
    L = []
    w = L.append
    w("# Sample corpus")
    w("")
    w("Real news articles that `make run` ingests (`wiredesk ingest --db var/wiredesk.db "
      "sample/`), so that a new installation shows a living news site. Nothing here is "
      "invented: every article is a real article's real text, from a source that allows "
      "redistribution. This folder is generated: do not edit it by hand, change and rerun "
      "`python3 scripts/make_sample.py [/work/shared]` instead.")
    w("")
    w("## What is in it")
    w("")
    w(f"- `pages/wikinews-*.html` ({n_pages}): Wikinews articles rendered as publisher-like "
      "HTML pages: a site header with navigation, a share bar, the article in `<article>` "
      "with `<h1>`, a dateline and its paragraphs, a \"Related news\" list linking the other "
      "sample articles of the same story (and, for 2004-05 items, the \"Sources\" the "
      "article cites), a \"Latest news\" sidebar and a footer with the licence notice. "
      "Metadata: `<link rel=canonical>`, Open Graph, `article:published_time`, "
      "`<meta name=author>`, the licence (`<link rel=license>` or `dcterms.rights`) and a "
      "JSON-LD `NewsArticle` block.")
    w(f"- `captures/wikinews-*.txt` ({n_caps}): other Wikinews articles of the same stories "
      "as plain-text captures of an aggregator's article page: line 1 the headline, line 2 "
      "the first paragraph (standfirst), then one paragraph a line, then the page chrome "
      "(`Hashtags`, an empty line, `Comments`, `No comments yet...`, `Related Articles`, two "
      "empty lines) and "
      "1-3 related Wikinews articles of the same story, each as source, date (day-month-year), "
      "`- SOURCE`, headline and the first 600 characters of its text flattened into one line "
      "and cut mid-word; items are separated by an empty line, and the file does not end "
      "with a newline, as a text copied out of a browser.")
    w(f"- `pages/<publisher>-N.html` ({len(rp)}): news pages of {len(rp)} other publishers "
      "from mozilla/readability's Apache-2.0 test suite, unchanged (their own HTML, scripts, "
      "ads markup and all). Notice: `pages/LICENSE-readability.md`.")
    w("- `NAME.meta.json` beside each `NAME.html` / `NAME.txt`: `url`, `source` {name, url}, "
      "`published`, `captured` (captures only) and `rights`, which `wiredesk ingest` reads. "
      "For Wikinews, `published` is the article's date at 00:00 UTC and a capture's "
      "`captured` is a nominal time (12:00 UTC one or two days later) set by the generator, "
      "not a real capture time. For the readability pages, `url` is the page's own "
      "canonical URL and `published` the date the page states (converted to UTC where the "
      "page gives a zone; the date alone where it gives a local time without a zone); "
      "they have no `captured`, so ingest uses the time of ingestion.")
    w("")
    w("Publishers:")
    w("")
    w("| publisher | files |")
    w("|---|---|")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["publisher"]] = counts.get(r["publisher"], 0) + 1
    for pub, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        w(f"| {pub} | {n} |")
    w("")
    w("Stories (hand-made `story` labels of the Wikinews corpus, grouping follow-ups; pages + "
      "captures):")
    w("")
    w("| story | articles |")
    w("|---|---|")
    for story, arts in sorted(by_story.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        w(f"| {story} | {len(arts)} |")
    w("")
    w("The other publishers' pages are about other events (2015-2024): the Wikinews story "
      "groups are where several reports of one event can be seen. The Telegraph's page on "
      "the 2017 Zimbabwe coup and the Wikinews report of Robert Mugabe's death (2019) share "
      "their main person.")
    w("")
    w("## Licences and attribution")
    w("")
    w("- **Wikinews, 2019-2020 articles**: © Wikinews contributors, Creative Commons "
      "Attribution 2.5 (https://creativecommons.org/licenses/by/2.5/). Attribution: \""
      + CC_ATTRIBUTION + "\", and each article's title, date and URL (table below). The "
      "pages carry the same attribution, the licence link and the changes made.")
    w("- **Wikinews, 2004-2005 articles**: published on Wikinews before 2005-09-25, and so "
      "in the public domain; credited to Wikinews contributors anyway.")
    w("- **readability pages**: copied from https://github.com/mozilla/readability (commit "
      f"{READABILITY_COMMIT}, `test/test-pages/<name>/source.html`), which distributes them "
      "under the Apache License 2.0 as test fixtures; notice in `pages/LICENSE-readability.md`. "
      "The article texts are © their publishers.")
    w("")
    w("Changes made:")
    w("")
    w("- Wikinews 2019-2020 texts (by the corpus, see Provenance): the leading dateline, "
      "orphaned pull-quote attributions (lines beginning with \"—\") and \"Image:\" captions "
      "were removed and whitespace normalised. Wikinews 2004-2005 texts: rendered from "
      "wikitext to plain text (links to their labels, templates and images removed).")
    w("- By `scripts/make_sample.py`: the texts were put, unchanged and HTML-escaped, into "
      "the page and capture layouts described above. Added are only chrome labels and "
      "links, a dateline computed from the article's date (\"Sunday, January 5, 2020\"), a "
      "description (the first sentence of the text), and lists built from the corpus "
      "metadata (other sample articles of the story, the cited sources of 2004-05 items "
      "with their archive links, with stray closing `}}` removed from their URLs, and their "
      "categories). Captures quote the first 600 characters of each related article.")
    w("- readability pages: decompressed from the shared copy and renamed by publisher; "
      "bytes unchanged.")
    w("")
    w("## Provenance")
    w("")
    w("`scripts/make_sample.py` reads the project's shared data folder (default "
      "`/work/shared`):")
    w("")
    w("| input | from |")
    w("|---|---|")
    w("| `corpus/wikinews/articles/*.json`, 2019-2020 items | github.com/vanatteveldt/wikinews "
      "(scraped from en.wikinews.org, CC BY 2.5), commit "
      "347254178bf343f3801aac1d03c41cc09c35decb, `data/wikinews_2019.csv`, "
      "`data/wikinews_2020.csv` |")
    w("| `corpus/wikinews/articles/*.json`, 2004-2005 items | github.com/airKlizz/WikinewsSum "
      "(from an enwikinews dump), commit 1d985031625909c908766812e8a18d0c88116ec8, "
      "`endataset.json` |")
    w("| `data/extraction/readability-pages/html/*.html.gz` | github.com/mozilla/readability, "
      f"commit {READABILITY_COMMIT}, `test/test-pages/*/source.html` (Apache-2.0) |")
    w("")
    w("Caveats from the corpus: a Wikinews `url` is built from the title and was not checked "
      "against the live site; the `story` labels were added by hand from the titles and are "
      "not Wikinews' own.")
    w("")
    w("## Files")
    w("")
    w("Every article file (each has a `.meta.json` beside it).")
    w("")
    w("| file | title | publisher | date | original URL | story | licence | attribution |")
    w("|---|---|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: r["file"]):
        w(f"| `{r['file']}` | {md(r['title'])} | {md(r['publisher'])} | {r['date']} | "
          f"{r['url'] or '(not in the page)'} | {r['story']} | {md(r['licence'])} | "
          f"{md(r['attribution'])} |")
    w("")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
