#!/usr/bin/env python3
"""Writes a synthetic national handbook for benchmarks, deterministically for a given seed.

    python3 bench/generate.py OUT --pages 10000 [--regions 21] [--seed 1] [--hugo DIR] [--zola DIR]

PAGES is the total number of pages over all regions, as `sthandbok build` counts them. Each
region shows the national pages (a tenth of its pages: the front page and a section of general
pages) and has its own sections of about 25 pages. A page has about 750 words: the sentences of
the bundled handbook reshuffled, with generated compound words so the vocabulary grows with the
size as a real handbook's does, under three to five headings, with a bulleted list, a table and
links to other pages of its region. The first region section of every region holds a contract
with fields and signatures, so the build writes forms too.

With --hugo and --zola the same pages are also written in Hugo's and Zola's layouts: one section
per region holding copies of the national pages (neither tool lays one tree over another), links
through `relref` and `@/`, a menu of the region's sections and the current section's pages on
every page, and a search index: Hugo's JSON output of every page (its closest thing), Zola's
built-in one.
"""
import argparse
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

SYLLABLES = ["hand", "led", "ning", "ut", "bild", "plan", "tjänst", "gör", "kurs", "studie", "rektor", "vård",
             "central", "klinik", "kompetens", "bedöm", "mål", "värd", "syn", "kvalitet", "arbete", "läkare",
             "special", "ist", "samtal", "avtal", "region", "enhet", "chef", "program", "intyg", "möte", "dag"]
SECTION_SIZE = 25
WORDS = 750


def sentences():
    found = []
    for path in sorted((HERE / "content").rglob("*.md")) + sorted((HERE / "regions").rglob("*.md")):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        text = re.sub(r"\{[^}]*\}|\[\^[^\]]*\]|[#*|>\[\]()`\"_<]|\S+\.md\S*", " ", text)
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            if 6 <= len(sentence.split()) <= 40:
                found.append(sentence)
    return found


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(["", "en", "ar", "er", "et"])


class Page:
    """One page, independent of any tool's syntax: a title, a weight and blocks, where a
    paragraph is a list of text and ("link", text, target) pieces, target a page's key."""

    def __init__(self, key, title, weight, blocks, contract=False):
        self.key, self.title, self.weight, self.blocks, self.contract = key, title, weight, blocks, contract


def make_page(rng, pool, key, weight, targets):
    first = [w for w in rng.choice(pool).split() if w.isalpha()] or ["Text"]
    title = f"{first[0]} om {word(rng)}".capitalize()
    blocks, words = [], 0
    links = [rng.choice(targets) for _ in range(3)] if targets else []
    headings = rng.randint(3, 5)
    while words < WORDS:
        if len(blocks) % 4 == 0 and headings:
            headings -= 1
            blocks.append(("heading", rng.choice(pool)[:50].rsplit(" ", 1)[0].rstrip(".,:;")))
        paragraph = [rng.choice(pool) for _ in range(rng.randint(3, 5))]
        paragraph.insert(rng.randint(0, len(paragraph)), f"Se även {word(rng)} och {word(rng)}.")
        if links:
            paragraph.append(("link", f"mer om {word(rng)}", links.pop()))
            paragraph.append(".")
        blocks.append(("paragraph", paragraph))
        words += sum(len(p.split()) if isinstance(p, str) else 3 for p in paragraph)
        if len(blocks) == 3:
            items = [rng.choice(pool) for _ in range(5)]
            blocks.append(("list", items))
            words += sum(len(i.split()) for i in items)
        if len(blocks) == 6:
            rows = [[word(rng), f"{rng.randint(1, 40)} timmar", rng.choice(pool).split(",")[0][:60]] for _ in range(5)]
            blocks.append(("table", rows))
            words += 5 * 8
    return Page(key, title, weight, blocks)


def plan(args):
    """The pages of every region: national ones (shared) and each region's own."""
    rng = random.Random(args.seed)
    pool = sentences()
    per_region = [args.pages // args.regions + (r < args.pages % args.regions) for r in range(args.regions)]
    smallest = min(per_region)
    if smallest < 6:
        raise SystemExit(f"--pages {args.pages} is too few for {args.regions} regions")
    # The front page, the national section and its pages: a tenth of a region.
    national_pages = max(1, smallest // 10 - 2)
    national = [Page(f"allmant/sida{n:04d}", None, n, None) for n in range(national_pages)]
    national_keys = [p.key for p in national]
    for page in national:
        filled = make_page(rng, pool, page.key, page.weight, [k for k in national_keys if k != page.key])
        page.title, page.blocks = filled.title, filled.blocks
    regions = []
    for r, total in enumerate(per_region):
        own = total - 2 - national_pages  # less the front page and the national section page
        sections, pages, n = [], [], 0
        while n < own:
            s = len(sections)
            sections.append(f"avsnitt{s:03d}")
            n += 1
            for _ in range(min(SECTION_SIZE, own - n)):
                pages.append(f"avsnitt{s:03d}/sida{n:04d}")
                n += 1
        keys = pages + national_keys
        made = []
        for i, key in enumerate(pages):
            page = make_page(rng, pool, key, i + 1, [k for k in keys if k != key])
            made.append(page)
        if made:
            made[0].contract = True
        regions.append((f"region{r + 1:02d}", sections, made))
    return national, regions


def sthandbok_link(source, target):
    up = "../" * source.count("/")
    return f"{up}{target}.md"


def markdown(page, link):
    out = []
    for kind, value in page.blocks:
        if kind == "heading":
            out.append(f"## {value}")
        elif kind == "paragraph":
            out.append(" ".join(p if isinstance(p, str) else f"[{p[1]}]({link(p[2])})" for p in value).replace(" .", "."))
        elif kind == "list":
            out.append("\n".join(f"- {item}" for item in value))
        elif kind == "table":
            rows = ["| Moment | Omfattning | Kommentar |", "|---|---|---|"]
            rows += [f"| {a} | {b} | {c} |" for a, b, c in value]
            out.append("\n".join(rows))
    return "\n\n".join(out) + "\n"


CONTRACT_FIELDS = [("datum", "Datum", "date"), ("st-lakare", "ST-läkare", "text"),
                   ("huvudhandledare", "Huvudhandledare", "text"), ("klinik", "Klinik", "text"),
                   ("studietid", "Studietid, timmar per vecka", "number")]


def contract_markdown():
    rows = ["| Uppgift | Ifylls |", "|---|---|"] + [f"| {label} | {{{{ fält.{id} }}}} |" for id, label, _ in CONTRACT_FIELDS]
    return "\n".join(rows) + "\n\n{{ underskrifter }}\n"


def write_sthandbok(out, args, national, regions):
    (out / "content" / "allmant").mkdir(parents=True, exist_ok=True)
    # Hugo and Zola make neither a PDF nor a print page of a whole site, so the handbook is
    # compared without them unless asked for (`--whole-handbook`); the contracts' PDF and Word files are made either way.
    (out / "sthandbok.yaml").write_text(
        "title: Stor handbok\npublisher: Testutgivare\naccessibility:\n  compliance: delvis\n"
        "  assessed: 2026-11-01\n  method: Automatisk.\n  feedback: test@example.se\n"
        f"whole_handbook: {'true' if args.whole_handbook else 'false'}\n", encoding="utf-8")
    (out / "content" / "_index.md").write_text(
        "---\ntitle: Start\n---\n\nStudietid {{ fakta.studietid }}.\n", encoding="utf-8")
    (out / "content" / "allmant" / "_index.md").write_text(
        "---\ntitle: Allmänt\nweight: 0\n---\n\nGemensamma sidor.\n", encoding="utf-8")
    for page in national:
        front = f"---\ntitle: {page.title}\nweight: {page.weight}\n---\n\n"
        text = markdown(page, lambda target, key=page.key: sthandbok_link(key, target))
        (out / "content" / f"{page.key}.md").write_text(front + text, encoding="utf-8")
    for r, (slug, sections, pages) in enumerate(regions):
        content = out / "regions" / slug / "content"
        content.mkdir(parents=True, exist_ok=True)
        (out / "regions" / slug / "region.yaml").write_text(
            f"name: Region {r + 1}\nfacts:\n  studietid:\n    label: Studietid\n    value: {r % 5 + 4} timmar per vecka\n"
            "    source: Genererad\n", encoding="utf-8")
        for s, section in enumerate(sections):
            (content / section).mkdir(exist_ok=True)
            (content / section / "_index.md").write_text(
                f"---\ntitle: Avsnitt {s + 1}\nweight: {s + 1}\n---\n\nSidorna i avsnitt {s + 1}.\n", encoding="utf-8")
        for page in pages:
            front = f"---\ntitle: {page.title}\nweight: {page.weight}\n"
            if page.contract:
                front += "kind: avtal\nfields:\n" + "".join(
                    f"  - id: {id}\n    label: {label}\n    type: {kind}\n" for id, label, kind in CONTRACT_FIELDS)
                front += "signatures:\n  - ST-läkare\n  - Huvudhandledare\n"
            text = markdown(page, lambda target, key=page.key: sthandbok_link(key, target))
            if page.contract:
                text = contract_markdown() + "\n" + text
            (content / f"{page.key}.md").write_text(front + "---\n\n" + text, encoding="utf-8")


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body>
<main>{{ block "main" . }}{{ end }}</main>
{{- with .FirstSection }}{{ if not .IsHome }}
<nav aria-label="Handbokens avsnitt"><h2>Avsnitt</h2><ul>
{{- $current := $.CurrentSection }}
{{- range .Sections }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- if eq . $current }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}"{{ if eq . $ }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</li>
{{- end }}
</ul></nav>{{ end }}{{ end }}
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<nav aria-label="Brödsmulor"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<h1>{{ .Title }}</h1>
<nav aria-label="Innehåll på sidan">{{ .TableOfContents }}</nav>
{{ .Content }}
<nav aria-label="Föregående och nästa">
{{- with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}
{{- with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""

HUGO_JSON = """{{- $pages := slice -}}
{{- range .Site.RegularPages -}}
{{- $pages = $pages | append (dict "title" .Title "url" .RelPermalink "section" .Section "text" .Plain) -}}
{{- end -}}
{{- $pages | jsonify -}}
"""


def write_hugo(out, national, regions):
    (out / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (out / "hugo.toml").write_text(
        'baseURL = "https://handbok.example.se/"\nlanguageCode = "sv"\ndefaultContentLanguage = "sv"\n'
        'title = "Stor handbok"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        '[outputs]\nhome = ["HTML", "JSON"]\n', encoding="utf-8")
    (out / "layouts" / "_default" / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (out / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (out / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (out / "layouts" / "index.json").write_text(HUGO_JSON, encoding="utf-8")
    write_sections(out / "content", national, regions, hugo_front,
                   lambda slug, target: f'{{{{< relref "/{slug}/{target}.md" >}}}}')


def hugo_front(fields, section=False):
    """YAML front matter; a JSON string is a YAML string."""
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields) + "---\n"


def zola_front(fields, section=False):
    """TOML front matter, sections sorted by weight; a JSON string is a TOML basic string."""
    lines = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields)
    return "+++\n" + lines + ('sort_by = "weight"\n' if section else "") + "+++\n"


def write_sections(content, national, regions, front, link):
    """The pages in the layout Hugo and Zola share: a section per region holding copies of the
    national pages (neither tool lays one tree over another); `front` writes front matter from
    (key, value) pairs, `link(slug, target)` a link between pages."""
    content.mkdir(parents=True, exist_ok=True)
    (content / "_index.md").write_text(front([("title", "Alla regioner")]) + "\nVälj region.\n", encoding="utf-8")
    for r, (slug, sections, pages) in enumerate(regions):
        region = content / slug
        (region / "allmant").mkdir(parents=True, exist_ok=True)
        (region / "_index.md").write_text(
            front([("title", f"Region {r + 1}")], section=True) + f"\nStudietid {r % 5 + 4} timmar per vecka.\n",
            encoding="utf-8")
        (region / "allmant" / "_index.md").write_text(
            front([("title", "Allmänt"), ("weight", 0)], section=True) + "\nGemensamma sidor.\n", encoding="utf-8")
        for s, section in enumerate(sections):
            (region / section).mkdir(exist_ok=True)
            (region / section / "_index.md").write_text(
                front([("title", f"Avsnitt {s + 1}"), ("weight", s + 1)], section=True)
                + f"\nSidorna i avsnitt {s + 1}.\n", encoding="utf-8")
        for page in national + pages:
            text = markdown(page, lambda target, slug=slug: link(slug, target))
            (region / f"{page.key}.md").write_text(
                front([("title", page.title), ("weight", page.weight)]) + "\n" + text, encoding="utf-8")


ZOLA_BASE = """<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body>
<main>{% block main %}{% endblock %}</main>
{%- if page is defined %}{% set region_file = page.ancestors[1] %}{% set current_file = page.ancestors | last %}
{%- elif section.ancestors | length > 1 %}{% set region_file = section.ancestors[1] %}{% set current_file = section.relative_path %}
{%- elif section.ancestors | length == 1 %}{% set region_file = section.relative_path %}{% set current_file = "" %}
{%- else %}{% set region_file = "" %}{% endif %}
{%- if region_file %}{% set region = get_section(path=region_file) %}
<nav aria-label="Handbokens avsnitt"><h2>Avsnitt</h2><ul>
{%- for path in region.subsections %}{% set sub = get_section(path=path) %}
<li><a href="{{ sub.permalink }}">{{ sub.title }}</a>
{%- if sub.relative_path == current_file %}<ul>{% for p in sub.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endif %}</li>
{%- endfor %}
</ul></nav>{% endif %}
<footer><p>{{ config.title }}</p></footer>
</body>
</html>
"""

ZOLA_PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }} – {{ config.title }}{% endblock %}
{% block main %}
<h1>{{ page.title }}</h1>
<nav aria-label="Innehåll på sidan"><ul>{% for h in page.toc %}<li><a href="{{ h.permalink }}">{{ h.title }}</a></li>{% endfor %}</ul></nav>
{{ page.content | safe }}
<nav aria-label="Föregående och nästa">
{%- if page.lower %}<a href="{{ page.lower.permalink }}">{{ page.lower.title }}</a>{% endif %}
{%- if page.higher %}<a href="{{ page.higher.permalink }}">{{ page.higher.title }}</a>{% endif %}
</nav>
{% endblock %}
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block title %}{{ section.title }} – {{ config.title }}{% endblock %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}
{% for s in section.subsections %}<li><a href="{{ get_url(path='@/' ~ s) }}">{{ s }}</a></li>{% endfor %}</ul>
{% endblock %}
"""


def write_zola(out, national, regions):
    (out / "templates").mkdir(parents=True, exist_ok=True)
    (out / "config.toml").write_text(
        'base_url = "https://handbok.example.se"\ntitle = "Stor handbok"\ndefault_language = "sv"\n'
        "build_search_index = true\ncompile_sass = false\n", encoding="utf-8")
    (out / "templates" / "base.html").write_text(ZOLA_BASE, encoding="utf-8")
    (out / "templates" / "page.html").write_text(ZOLA_PAGE, encoding="utf-8")
    (out / "templates" / "section.html").write_text(ZOLA_SECTION, encoding="utf-8")
    (out / "templates" / "index.html").write_text(ZOLA_SECTION, encoding="utf-8")
    write_sections(out / "content", national, regions, zola_front, lambda slug, target: f"@/{slug}/{target}.md")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", help="folder for the handbook in sthandbok's layout")
    parser.add_argument("--pages", type=int, default=1000, help="pages over all regions")
    parser.add_argument("--regions", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--whole-handbook", action="store_true", help="also make each region's whole handbook as one PDF and one page to print")
    parser.add_argument("--hugo", help="also write the pages as a Hugo site in this folder")
    parser.add_argument("--zola", help="also write the pages as a Zola site in this folder")
    args = parser.parse_args()
    national, regions = plan(args)
    write_sthandbok(Path(args.out), args, national, regions)
    if args.hugo:
        write_hugo(Path(args.hugo), national, regions)
    if args.zola:
        write_zola(Path(args.zola), national, regions)


if __name__ == "__main__":
    main()
