"""A reproducible set of realistic, unique news articles for the ingest benchmarks.

Real news text cannot be shipped in bulk, so the articles are recombined from the real ones
the tests use (``seeds/*.txt`` and ``tests/data/articles/*.txt``, read, never changed): each
generated article takes a lead article's opening and most of its paragraphs in order, mixes in
a few paragraphs from the others, renames the people (consistently within the article, using
the person lists in the questions files), swaps some cities and redraws every number. The
result reads like news to spaCy (same sentence shapes, names, dates and quantities), and
every article has a different content hash, so bulk ingest never deduplicates one away.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import DATA_DIR, EVAL_ARTICLES, SEED_QUESTIONS, SEEDS_DIR
from retrieval.analysis import content_hash
from retrieval.article_text import parse_text_article

FIRST_NAMES = [
    "Anna",
    "Mateo",
    "Sofia",
    "Lukas",
    "Ines",
    "Tomas",
    "Greta",
    "Jonas",
    "Maren",
    "Pavel",
    "Elena",
    "Victor",
    "Nadia",
    "Oskar",
    "Leila",
    "Hugo",
    "Clara",
    "Emil",
    "Zofia",
    "Marco",
    "Ida",
    "Rafael",
    "Petra",
    "Arjun",
    "Noor",
    "Felix",
    "Hanna",
    "Dmitri",
    "Chiara",
    "Samir",
]
SURNAMES = [
    "Novak",
    "Lindqvist",
    "Moreau",
    "Kowalski",
    "Brennan",
    "Ferreira",
    "Horvath",
    "Jensen",
    "Okafor",
    "Rossi",
    "Schneider",
    "Varga",
    "Dubois",
    "Nakamura",
    "Petrov",
    "Castillo",
    "Bergstrom",
    "Mahler",
    "Quinn",
    "Sandoval",
    "Tanaka",
    "Ulrich",
    "Weiss",
    "Yilmaz",
    "Zielinski",
    "Andersen",
    "Costa",
    "Haddad",
    "Lambert",
    "Murphy",
]
CITIES = [
    "Lisbon",
    "Vienna",
    "Krakow",
    "Ghent",
    "Turin",
    "Bergen",
    "Porto",
    "Leipzig",
    "Utrecht",
    "Bilbao",
    "Tartu",
    "Brno",
    "Aarhus",
    "Bologna",
    "Malmo",
    "Lyon",
    "Cork",
    "Graz",
]
_NUMBER = re.compile(r"(?<![\w/])\d+(?:[.,]\d+)*(?![\w/])")


@dataclass(frozen=True)
class SourceArticle:
    title: str
    paragraphs: list[str]
    people: list[tuple[str, list[str]]]  # (full name, aliases)
    cities: list[str]


def _entity_file(article: Path) -> Path | None:
    if article.parent == SEEDS_DIR:
        return SEED_QUESTIONS
    candidate = DATA_DIR / "articles" / (article.stem + ".questions.json")
    return candidate if candidate.exists() else None


def load_sources() -> list[SourceArticle]:
    """The real articles, parsed by the product's own parser, with their people and places."""
    paths = sorted(p for p in SEEDS_DIR.glob("*.txt")) + list(EVAL_ARTICLES)
    sources = []
    for path in paths:
        parsed = parse_text_article(path.read_text(encoding="utf-8"))
        paragraphs = [
            " ".join(parsed.paragraph_text(i).split()) for i in range(len(parsed.paragraphs))
        ]
        people: list[tuple[str, list[str]]] = []
        cities: list[str] = []
        entity_file = _entity_file(path)
        if entity_file is not None:
            entities = json.loads(entity_file.read_text(encoding="utf-8")).get("entities", {})
            people = [(p["name"], list(p.get("aliases", []))) for p in entities.get("person", [])]
            cities = [
                p["name"]
                for p in entities.get("place", [])
                if " " not in p["name"] and len(p["name"]) > 3
            ]
        sources.append(SourceArticle(parsed.title or path.stem, paragraphs, people, cities))
    return sources


def _renamer(source: SourceArticle, rng: random.Random) -> list[tuple[re.Pattern[str], str]]:
    """Consistent replacements for one article: people (full names first, then aliases) and
    a few cities."""
    rules: list[tuple[str, str]] = []
    for name, aliases in source.people:
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        rules.append((name, f"{first} {last}"))
        parts = name.split()
        for alias in aliases:
            if alias == parts[-1]:
                rules.append((alias, last))
            elif alias == parts[0]:
                rules.append((alias, first))
        if len(parts) > 1:
            rules.append((parts[-1], last))
    for city in source.cities:
        if rng.random() < 0.4:
            rules.append((city, rng.choice(CITIES)))
    rules.sort(key=lambda r: -len(r[0]))
    return [(re.compile(rf"\b{re.escape(old)}\b"), new) for old, new in rules]


def _redraw_numbers(text: str, rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        digits = match.group(0)
        out = []
        for position, ch in enumerate(digits):
            if not ch.isdigit():
                out.append(ch)
            elif position == 0:
                out.append(str(rng.randint(1, 9)))
            else:
                out.append(str(rng.randint(0, 9)))
        return "".join(out)

    return _NUMBER.sub(swap, text)


def _rewrite(text: str, rules: list[tuple[re.Pattern[str], str]], rng: random.Random) -> str:
    for pattern, new in rules:
        text = pattern.sub(new, text)
    return _redraw_numbers(text, rng)


def make_article(sources: list[SourceArticle], number: int, seed: int = 2024) -> str:
    """Article ``number`` of the set, as the text of a ``.txt`` file with front matter."""
    rng = random.Random(seed * 1_000_003 + number)
    lead = sources[number % len(sources)]
    others = [s for s in sources if s is not lead]
    rules = _renamer(lead, rng)
    size = rng.randint(8, min(18, len(lead.paragraphs) + 4))
    own = lead.paragraphs[:1] + sorted(
        rng.sample(lead.paragraphs[1:], min(len(lead.paragraphs) - 1, size - 1 - size // 4)),
        key=lead.paragraphs.index,
    )
    paragraphs = [_rewrite(p, rules, rng) for p in own]
    for _ in range(size - len(own)):
        other = rng.choice(others)
        borrowed = _rewrite(rng.choice(other.paragraphs[1:]), _renamer(other, rng), rng)
        paragraphs.insert(rng.randint(1, len(paragraphs)), borrowed)
    title = _rewrite(lead.title, rules, rng)
    day = 1 + number % 28
    header = (
        f"title: {title}\nsource: https://news.example.invalid/{number:05d}\n"
        f"published: 2026-{1 + number % 12:02d}-{day:02d}\n"
        f"author: {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}\n---\n"
    )
    return header + "\n\n".join(paragraphs) + "\n"


def write_articles(directory: Path, count: int, *, start: int = 0, seed: int = 2024) -> list[Path]:
    """Write ``count`` unique articles (numbers ``start..``) into ``directory``; returns their
    paths. Content hashes are checked: a rare collision is redrawn with the next seed."""
    directory.mkdir(parents=True, exist_ok=True)
    sources = load_sources()
    seen: set[str] = set()
    paths = []
    for number in range(start, start + count):
        for attempt in range(10):  # bounded redraws
            text = make_article(sources, number, seed + attempt * 7919)
            digest = content_hash(parse_text_article(text))
            if digest not in seen:
                break
        seen.add(digest)
        path = directory / f"bench-{number:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
