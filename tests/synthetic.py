"""Synthetic articles written from templates: many inputs without copying anyone's text."""

from __future__ import annotations

import json
import random
from pathlib import Path

_PEOPLE = ["Ana Ortiz", "Tom Baird", "Li Wen", "Sara Novak", "Omar Haddad", "Ines Costa", "Kofi Mensah", "Mia Berg"]
_TITLES = ["Finance Minister", "council chair", "union leader", "Health Minister", "mayor", "spokeswoman"]
_PLACES = ["PORTO", "OSLO", "ACCRA", "LIMA", "RIGA", "HANOI"]
_CLAIMS = [
    "prices would fall before the end of the year",
    "the new bridge would open in the spring",
    "talks with the neighbours had gone well",
    "the budget left no room for new spending",
    "more teachers would be hired next month",
]
_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def article(i: int, rng: random.Random) -> str:
    who, other = rng.sample(_PEOPLE, 2)
    surname = who.split()[-1]
    month = rng.randrange(12)
    day = rng.randrange(1, 28)
    year = rng.choice([2023, 2024, 2025])  # never in the future: the gate refuses that
    paras = [
        f" date {year}-{month + 1:02d}-{day:02d} Story {i}: {rng.choice(_CLAIMS)}",
        f"{rng.choice(_PLACES)}, {_MONTHS[month]} {day} (Xinhua) -- {rng.choice(_TITLES).capitalize()} {who} said on Monday that {rng.choice(_CLAIMS)}.",
        f'"{rng.choice(_CLAIMS).capitalize()}," {surname} told reporters. "We are ready."',
        f"{rng.choice(_CLAIMS).capitalize()}, {other} said in a statement.",
    ]
    return "\n\n".join(paras) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """``n`` article files under ``folder``; same seed, same bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:06d}.txt").write_text(article(i, rng), encoding="utf-8")
    return folder


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"doc_id": f"s{i}", "text": article(i, rng)}) + "\n")
    return path
