"""Load the extractor's word lists (data files under ``lexicons/``) into frozen lookups.

Lexicons are data, not code, read by ``quotewire.lexicons.load`` (the one reader): one
entry per line, a line starting with ``#`` is a comment, TAB separates columns. They are
read once at import time into immutable structures (frozensets and
``MappingProxyType``), so the extractor holds no mutable global state. ``LEXICON_SHA256``
hashes every file's bytes; ``statements.EXTRACTOR_VERSION`` includes it so caches are
invalidated when any list changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from quotewire.lexicons.load import read_text, read_tsv, read_words

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
    "tail_cues.txt",
    "naming_cues.txt",
    "calling_cues.txt",
    "calling_continuations.txt",
    "self_epithets.txt",
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


_PACKAGE = "quotewire.extract"


def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    return read_tsv(_PACKAGE, f"lexicons/{name}")


def words(name: str) -> frozenset[str]:
    """Every word of word list ``name`` (under ``extract/lexicons/``), lower-cased."""
    return read_words(_PACKAGE, f"lexicons/{name}")


# loose.py imports the old private name. It is part of the statement model's feature
# version, so it changes only with a retrain (make train).
_words = words


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
    for cols in _rows("cues.tsv"):
        spec, cls = cols[0], cols[1]
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


def pairs(name: str) -> Mapping[str, str]:
    """A two-column lexicon file as first column -> second (empty when absent)."""
    return MappingProxyType({row[0]: row[1] if len(row) > 1 else "" for row in _rows(name)})


def _hash_all() -> str:
    h = hashlib.sha256()
    for name in _FILES:
        h.update(name.encode())
        h.update(read_text(_PACKAGE, f"lexicons/{name}").encode("utf-8"))
    return h.hexdigest()


CUES: Mapping[str, tuple[CueEntry, ...]] = _load_cues()
CUE_FIRST_WORDS: frozenset[str] = frozenset(CUES)
FUNCTION_WORDS: frozenset[str] = words("function_words.txt")
ADVERBS: frozenset[str] = words("adverbs.txt")
DETERMINERS: frozenset[str] = words("determiners.txt")
PRONOUNS: Mapping[str, str] = pairs("pronouns.tsv")
ROLES: tuple[str, ...] = tuple(
    sorted({row[0].lower() for row in _rows("roles.txt")}, key=lambda r: (-len(r), r))
)
ROLE_WORDS: frozenset[str] = frozenset(w for r in ROLES for w in r.split())
COUNTRIES: Mapping[str, str] = pairs("countries.tsv")
SPEAKER_NOUNS: Mapping[str, str] = pairs("speaker_nouns.tsv")
CUE_NOUNS: frozenset[str] = words("cue_nouns.txt")
CATENATIVES: frozenset[str] = words("catenatives.txt")
THAT_NOUNS: frozenset[str] = words("that_nouns.txt")
# Whole labels ("stat of the week"), not words: one lower-cased label per line.
NOT_TURN_LABELS: frozenset[str] = frozenset(
    row[0].lower() for row in _rows("turn_labels.txt")
)
HEADLINE_SOURCES: frozenset[str] = words("headline_sources.txt")
# Speaker kinds and names (speakers.py): head noun -> kind, outlet names and words,
# organisation words, extra title words by class, role synonyms, never-speaker words.
SPEAKER_KINDS: Mapping[str, str] = pairs("speaker_kinds.tsv")
MEDIA_NAMES: frozenset[str] = frozenset(row[0] for row in _rows("media_names.txt"))
MEDIA_WORDS: frozenset[str] = words("media_words.txt")
ORGANIZATION_WORDS: frozenset[str] = words("organization_words.txt")
TITLE_WORDS: Mapping[str, str] = pairs("title_words.tsv")
ROLE_SYNONYMS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        k: frozenset(v for k2, v in _rows("role_synonyms.tsv") if k2 == k)
        for k in {row[0] for row in _rows("role_synonyms.tsv")}
    }
)
JUNK_SPEAKER_WORDS: frozenset[str] = words("junk_speakers.txt")
LEXICON_SHA256: str = _hash_all()
