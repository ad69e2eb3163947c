#!/usr/bin/env python3
"""Writes a synthetic handbook of N pages for benchmarks: the sentences of the bundled
handbook reshuffled, with generated compound words so the vocabulary grows with the size as a
real handbook's does. Deterministic for a given seed.

    python3 bench/generate.py OUT --pages 10000 [--regions 1] [--seed 1]
"""
import argparse
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def sentences():
    found = []
    for path in sorted((HERE / "content").rglob("*.md")) + sorted((HERE / "regions").rglob("*.md")):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        text = re.sub(r"\{\{[^}]*\}\}|\[\^[^\]]*\]|[#*|>\[\]()`]|\S+\.md\S*", " ", text)
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            if 6 <= len(sentence.split()) <= 40:
                found.append(sentence)
    return found


SYLLABLES = ["hand", "led", "ning", "ut", "bild", "plan", "tjänst", "gör", "kurs", "studie", "rektor", "vård",
             "central", "klinik", "kompetens", "bedöm", "mål", "värd", "syn", "kvalitet", "arbete", "läkare",
             "special", "ist", "samtal", "avtal", "region", "enhet", "chef", "program", "intyg", "möte", "dag"]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(["", "en", "ar", "er", "et"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--regions", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = sentences()
    out = Path(args.out)
    (out / "content").mkdir(parents=True, exist_ok=True)
    (out / "sthandbok.yaml").write_text(
        "title: Stor handbok\npublisher: Testutgivare\naccessibility:\n  compliance: delvis\n"
        "  assessed: 2026-11-01\n  method: Automatisk.\n  feedback: test@example.se\n", encoding="utf-8")
    for r in range(args.regions):
        region = out / "regions" / f"region{r + 1}"
        (region / "content").mkdir(parents=True, exist_ok=True)
        (region / "region.yaml").write_text(
            f"name: Region {r + 1}\nfacts:\n  studietid:\n    label: Studietid\n    value: {r + 4} timmar per vecka\n"
            "    source: Generated\n", encoding="utf-8")
    (out / "content" / "_index.md").write_text("---\ntitle: Start\n---\n\nStudietid {{ fakta.studietid }}.\n", encoding="utf-8")
    per_section = 100
    for n in range(args.pages - 1):
        section = out / "content" / f"avsnitt{n // per_section:03d}"
        if n % per_section == 0:
            section.mkdir(exist_ok=True)
            (section / "_index.md").write_text(f"---\ntitle: Avsnitt {n // per_section}\n---\n\nSidor.\n", encoding="utf-8")
            continue
        lines = [f"---\ntitle: Sida {n} om {word(rng)}\nweight: {n}\n---\n"]
        for h in range(rng.randint(2, 5)):
            lines.append(f"\n## {rng.choice(pool)[:40].rstrip('.,')} {h}\n")
            for _ in range(rng.randint(1, 3)):
                paragraph = [rng.choice(pool) for _ in range(rng.randint(2, 4))]
                paragraph.insert(rng.randint(0, len(paragraph)), f"Se även {word(rng)} och {word(rng)}.")
                lines.append("\n" + " ".join(paragraph) + "\n")
        (section / f"sida{n}.md").write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
