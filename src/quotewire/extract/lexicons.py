"""Load the extractor's word lists (data files under ``lexicons/``) into frozen lookups.

Lexicons are data, not code: one entry per line, ``#`` starts a comment, TAB separates
columns. They are read once at import time into immutable structures (frozensets and
``MappingProxyType``), so the extractor holds no mutable global state. ``LEXICON_SHA256``
hashes every file's bytes; ``statements.EXTRACTOR_VERSION`` includes it so caches are
invalidated when any list changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType

_FILES = (
    "cues.tsv",
    "function_words.txt",
    "adverbs.txt",
    "determiners.txt",
    "pronouns.tsv",
    "roles.txt",
    "countries.tsv",
    "speaker_nouns.tsv",
    "cue_nouns.txt",
    "catenatives.txt",
    "that_nouns.txt",
    "event_nouns.txt",
    "object_subordinators.txt",
    "duration_words.txt",
    "after_determiner_nouns.txt",
    "own_auxiliaries.txt",
    "clause_auxiliaries.txt",
    "quantifier_subjects.txt",
    "to_nouns.txt",
    "by_passive_cues.txt",
    "subject_passive_cues.txt",
    "ly_nouns.txt",
    "infinitive_cues.txt",
    "noun_object_verbs.txt",
    "turn_labels.txt",
    "headline_sources.txt",
    "speaker_kinds.tsv",
    "media_names.txt",
    "media_words.txt",
    "organization_words.txt",
    "title_words.tsv",
    "role_synonyms.tsv",
    "junk_speakers.txt",
)


@dataclass(frozen=True)
class CueEntry:
    """One inflected cue form. ``words`` is the lower-cased token sequence."""

    words: tuple[str, ...]
    cue_class: str  # "speech" | "other"
    post: bool  # may follow its content: "CONTENT, X said."
    inv: bool  # may be inverted: "CONTENT, said X."
    obj: bool  # takes an addressee first: "told reporters that"
    that_only: bool  # a cue only before a that-clause, colon or quotation
    no_to: bool = False  # not a cue before "to" ("continued to grow")


def _read(name: str) -> str:
    return (files("quotewire.extract") / "lexicons" / name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    out = []
    for raw in _read(name).splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for line in _lines(name) for w in line.split())


def _regular_forms(base: str) -> tuple[str, ...]:
    """base, 3rd person, past, gerund of a regular English verb."""
    if base.endswith("e"):
        return (base, base + "s", base + "d", base[:-1] + "ing")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return (base, base[:-1] + "ies", base[:-1] + "ied", base + "ing")
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return (base, base + "es", base + "ed", base + "ing")
    return (base, base + "s", base + "ed", base + "ing")


def _expand_forms(spec: str) -> list[tuple[str, ...]]:
    words = spec.split()
    head, tail = words[0], tuple(w.lower() for w in words[1:])
    if head.endswith("+"):
        heads: tuple[str, ...] = _regular_forms(head[:-1])
    else:
        heads = tuple(head.split("|"))
    return [(h.lower(),) + tail for h in heads]


def _load_cues() -> Mapping[str, tuple[CueEntry, ...]]:
    """First word -> cue entries starting with it, longest first."""
    by_first: dict[str, list[CueEntry]] = {}
    for line in _lines("cues.tsv"):
        cols = line.split("\t")
        spec, cls = cols[0], cols[1].strip()
        flags = set(cols[2].replace(" ", "").split(",")) if len(cols) > 2 else set()
        for words in _expand_forms(spec):
            entry = CueEntry(
                words=words,
                cue_class=cls,
                post="post" in flags,
                inv="inv" in flags,
                obj="obj" in flags,
                that_only="that" in flags,
                no_to="noto" in flags,
            )
            bucket = by_first.setdefault(words[0], [])
            if all(e.words != words for e in bucket):
                bucket.append(entry)
    return MappingProxyType(
        {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in by_first.items()}
    )


def _load_pairs(name: str) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return MappingProxyType(out)


def _hash_all() -> str:
    h = hashlib.sha256()
    for name in _FILES:
        h.update(name.encode())
        h.update(_read(name).encode("utf-8"))
    return h.hexdigest()


CUES: Mapping[str, tuple[CueEntry, ...]] = _load_cues()
CUE_FIRST_WORDS: frozenset[str] = frozenset(CUES)
FUNCTION_WORDS: frozenset[str] = _words("function_words.txt")
ADVERBS: frozenset[str] = _words("adverbs.txt")
DETERMINERS: frozenset[str] = _words("determiners.txt")
PRONOUNS: Mapping[str, str] = _load_pairs("pronouns.tsv")
ROLES: tuple[str, ...] = tuple(
    sorted({line.strip().lower() for line in _lines("roles.txt")}, key=lambda r: (-len(r), r))
)
ROLE_WORDS: frozenset[str] = frozenset(w for r in ROLES for w in r.split())
COUNTRIES: Mapping[str, str] = _load_pairs("countries.tsv")
SPEAKER_NOUNS: Mapping[str, str] = _load_pairs("speaker_nouns.tsv")
CUE_NOUNS: frozenset[str] = _words("cue_nouns.txt")
CATENATIVES: frozenset[str] = _words("catenatives.txt")
THAT_NOUNS: frozenset[str] = _words("that_nouns.txt")
# Whole labels ("stat of the week"), not words: one lower-cased label per line.
NOT_TURN_LABELS: frozenset[str] = frozenset(
    line.strip().lower() for line in _lines("turn_labels.txt")
)
HEADLINE_SOURCES: frozenset[str] = _words("headline_sources.txt")
# Speaker kinds and names (speakers.py): head noun -> kind, outlet names and words,
# organisation words, extra title words by class, role synonyms, never-speaker words.
SPEAKER_KINDS: Mapping[str, str] = _load_pairs("speaker_kinds.tsv")
MEDIA_NAMES: frozenset[str] = frozenset(line.strip() for line in _lines("media_names.txt"))
MEDIA_WORDS: frozenset[str] = _words("media_words.txt")
ORGANIZATION_WORDS: frozenset[str] = _words("organization_words.txt")
TITLE_WORDS: Mapping[str, str] = _load_pairs("title_words.tsv")
ROLE_SYNONYMS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        k: frozenset(v for k2, v in (ln.split("\t", 1) for ln in _lines("role_synonyms.tsv")) if k2 == k)
        for k in {ln.split("\t", 1)[0] for ln in _lines("role_synonyms.tsv")}
    }
)
JUNK_SPEAKER_WORDS: frozenset[str] = _words("junk_speakers.txt")
LEXICON_SHA256: str = _hash_all()
