"""Within-article speaker resolution, title splitting and name folding.

Public helpers used across articles: :func:`split_title` ("Cuban Prime Minister" ->
("prime minister", "Cuba")) and :func:`fold_name` (accent/case-folded key).

:func:`resolve_speakers` maps each statement's speaker mention (as written: "Xi",
"The Chinese president", "the message", "he") to entities of the article:
surnames and partial names -> the fullest earlier name containing them; title phrases ->
the entity holding that title; pronouns -> the most recent compatible speaker;
"a message by A and B" -> both A and B, and "the message" later -> the same authors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quotewire.extract.lexicons import (
    COUNTRIES,
    DETERMINERS,
    PRONOUNS,
    ROLE_WORDS,
    ROLES,
    SPEAKER_NOUNS,
)
from quotewire.records import SpeakerEntity, SpeakerKind

_COUNTRY_KEYS: dict[str, str] = {}
for _k, _v in COUNTRIES.items():
    _COUNTRY_KEYS[_k.lower()] = _v
    _COUNTRY_KEYS[_v.lower()] = _v
_COUNTRY_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(k) for k in sorted(_COUNTRY_KEYS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_ROLE_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(r) for r in ROLES) + r")(?![\w])", re.IGNORECASE
)
_WS = re.compile(r"\s+")
_CAP_WORD = re.compile(r"[A-Z][\w\u2019'\-]*\.?")
_NAME_PARTICLES = frozenset(
    ["de", "da", "del", "della", "van", "von", "bin", "al", "le", "la", "di", "dos", "du"]
)
_ORG_WORDS = frozenset(
    [
        "inc",
        "corp",
        "corporation",
        "co",
        "ltd",
        "plc",
        "llc",
        "group",
        "company",
        "house",
        "committee",
        "party",
        "ministry",
        "department",
        "agency",
        "bank",
        "council",
        "commission",
        "university",
        "institute",
        "foundation",
        "fund",
        "court",
        "office",
        "campaign",
        "times",
        "post",
        "news",
        "network",
        "association",
        "union",
        "federation",
        "board",
        "administration",
        "government",
        "senate",
        "congress",
        "parliament",
        "police",
    ]
)
_MAX_CAP_RUN = 8
_MAX_NAME_OCCURRENCES = 200  # bounds the work per surname on hostile input
_APPOSITIVE = re.compile(r",[ \t]([^,;:()\n\u201c\u201d\"]{3,160}),")


def fold_name(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "Díaz-Canel" == "diaz-canel"."""
    if name.isascii():
        plain = name  # fast path: nothing to decompose
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return _WS.sub(" ", plain).strip().casefold()


def split_title(title: str) -> tuple[str | None, str | None]:
    """(role, country) of a title phrase, lower-case role, country name or None.

    "Cuban Prime Minister" -> ("prime minister", "Cuba"); "Chinese president" ->
    ("president", "China"); "leader of the Cuban Revolution" -> ("leader", "Cuba").
    """
    country = None
    cm = _COUNTRY_RE.search(title)
    rest = title
    if cm:
        country = _COUNTRY_KEYS[cm.group().lower()]
        rest = title[: cm.start()] + " " + title[cm.end() :]
    rm = _ROLE_RE.search(rest)
    role = _WS.sub(" ", rm.group().lower()) if rm else None
    return role, country


def _is_title_word(word: str) -> bool:
    w = word.lower()
    return w in ROLE_WORDS or w in _COUNTRY_KEYS or w.rstrip(".") + "." in ROLE_WORDS


def split_name(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised word run into (title words, name words):
    ["Chinese", "Premier", "Li", "Qiang"] -> (["Chinese", "Premier"], ["Li", "Qiang"])."""
    i = 0
    while i < len(words) - 1 and _is_title_word(words[i]):
        i += 1
    return words[:i], words[i:]


@dataclass(frozen=True)
class _Entity:
    key: str
    name: str
    kind: SpeakerKind
    titles: tuple[str, ...]
    aliases: tuple[str, ...]


class _Builder:
    """Accumulates entities for one article (local, discarded after the call)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[_Entity] = []
        self.recent: list[tuple[int, tuple[int, ...]]] = []  # (mention start, entity ids)
        self.documents: list[tuple[str, tuple[int, ...]]] = []  # (head noun, entity ids)
        self.names: dict[str, tuple[tuple[str, tuple[str, ...], str] | None]] = {}

    # -- entity table ---------------------------------------------------------------
    def add(
        self, name: str, kind: SpeakerKind, titles: tuple[str, ...] = (), alias: str | None = None
    ) -> int:
        key = fold_name(name)
        for idx, e in enumerate(self.entities):
            if e.key == key:
                new_titles = e.titles + tuple(t for t in titles if t not in e.titles)
                aliases = e.aliases
                if alias and alias != e.name and alias not in aliases:
                    aliases = aliases + (alias,)
                self.entities[idx] = _Entity(e.key, e.name, e.kind, new_titles, aliases)
                return idx
        aliases = (alias,) if alias and alias != name else ()
        self.entities.append(_Entity(key, name, kind, titles, aliases))
        return len(self.entities) - 1

    def alias(self, idx: int, surface: str) -> None:
        e = self.entities[idx]
        if surface != e.name and surface not in e.aliases:
            self.entities[idx] = _Entity(e.key, e.name, e.kind, e.titles, e.aliases + (surface,))

    # -- names ----------------------------------------------------------------------
    def _cap_run(self, start: int, end: int) -> tuple[int, int]:
        """Grow [start, end) over neighbouring capitalised words on the same line, at
        most ``_MAX_CAP_RUN`` words each way (a long title-case run is no name, and an
        unbounded walk made "Citing Citing ..." quadratic)."""
        text = self.text
        for _ in range(_MAX_CAP_RUN):
            m = re.search(
                r"(?<![\w.])([A-Z][a-z]{0,2}\.|[A-Z][\w\u2019'\-]*|(?:de|van|von|bin|al|da|del))[ \t]+$",
                text[max(0, start - 40) : start],
            )
            if not m:
                break
            start = max(0, start - 40) + m.start()
        for _ in range(_MAX_CAP_RUN):
            m = re.match(
                r"[ \t]+(?:(?:de|van|von|bin|al|da|del)[ \t]+)?[A-Z][\w\u2019'\-]*",
                text[end : end + 60],
            )
            if not m:
                break
            end += m.end()
        return start, end

    def _appositive_titles(self, end: int) -> tuple[str, ...]:
        m = _APPOSITIVE.match(self.text, end, min(len(self.text), end + 170))
        if not m:
            return ()
        phrase = m.group(1).strip()
        first = phrase.split()[0].lower()
        if first in DETERMINERS:
            parts = phrase.split()
            if len(parts) < 2 or not _is_title_word(parts[1]):
                return ()
        elif not _is_title_word(first) and not (
            first[:1].isalpha() and any(_is_title_word(w) for w in phrase.split()[:3])
        ):
            return ()
        titles = []
        for part in re.split(r"\s+and\s+(?=(?:\w+\s+){0,2}?\w+)", phrase):
            part = part.strip()
            if part:
                titles.append(part)
        # Only split on "and" when the second part is itself a title ("... and Chinese president").
        merged: list[str] = []
        for part in titles:
            w = part.split()[0]
            if merged and not (_is_title_word(w) or split_title(part)[0]):
                merged[-1] = merged[-1] + " and " + part
            else:
                merged.append(part)
        return tuple(merged)

    def full_name_for(self, token: str, before: int) -> tuple[str, tuple[str, ...], str] | None:
        """The fullest capitalised name containing ``token`` in the text (earliest
        occurrence with most words), its titles, and the run as written."""
        cached = self.names.get(token)
        if cached is not None:
            return cached[0]
        best = None
        text = self.text
        pos = text.find(token)
        count = 0
        while pos >= 0 and count < _MAX_NAME_OCCURRENCES:
            end = pos + len(token)
            boundary_ok = (pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "-_")) and (
                end >= len(text) or not (text[end].isalnum() or text[end] in "-_")
            )
            start_at, pos = pos, text.find(token, end)
            if not boundary_ok:
                continue
            count += 1
            s, e = self._cap_run(start_at, end)
            words = self.text[s:e].split()
            titles, name = split_name(words)
            if not name:
                continue
            if best is None or len(name) > len(best[0]):
                app = self._appositive_titles(e)
                best = (name, tuple([" ".join(titles)] if titles else []) + app, self.text[s:e])
        if best is not None:
            best = (_strip_det(best[0]), best[1], best[2])
        result = None if best is None else (" ".join(best[0]), best[1], best[2])
        self.names[token] = (result,)
        return result

    # -- mentions -------------------------------------------------------------------
    def person_from_words(self, words: list[str], surface: str, end: int) -> int:
        """Entity for a capitalised name (with any title words in front of it); a name
        with an organisation word ("Time Warner Inc", "White House") is an organisation."""
        idx = self._named(words, surface, end)
        e = self.entities[idx]
        if e.kind is SpeakerKind.PERSON and any(
            w.strip(".,").lower() in _ORG_WORDS for w in e.name.split()
        ):
            self.entities[idx] = _Entity(
                e.key, e.name, SpeakerKind.ORGANIZATION, e.titles, e.aliases
            )
        return idx

    def _named(self, words: list[str], surface: str, end: int) -> int:
        titles, name = split_name(words)
        if len(name) == 1 and _is_shouted(name[0]):
            # "PENCE:" labelling a transcript turn is the article's "Mike Pence"; an
            # acronym ("IMF") has no title-case spelling in the text and stays as is.
            full = self.full_name_for(name[0].capitalize(), end)
            if full:
                return self.add(full[0], SpeakerKind.PERSON, full[1], alias=surface)
        full = self.full_name_for(name[-1] if len(name) > 1 else name[0], end)
        pre = (" ".join(titles),) if titles else ()
        if full and len(full[0].split()) >= len(name) and all(w in full[0].split() for w in name):
            extra = tuple(t for t in full[1] if t not in pre)
            return self.add(full[0], SpeakerKind.PERSON, pre + extra, alias=surface)
        return self.add(
            " ".join(name), SpeakerKind.PERSON, pre + self._appositive_titles(end), alias=surface
        )

    def by_title(self, phrase: str, before: int) -> int | None:
        role, country = split_title(phrase)
        if role is None:
            return None
        for idx in range(len(self.entities) - 1, -1, -1):
            e = self.entities[idx]
            for t in e.titles:
                r2, c2 = split_title(t)
                if r2 == role and (country is None or c2 == country):
                    return idx
        return self._title_holder_in_text(role, country, before)

    def _title_holder_in_text(self, role: str, country: str | None, before: int) -> int | None:
        """ "Kenyan President Ruto Kamau ... The Kenyan president said": the last earlier
        capitalised "ROLE Name" whose title has the same role (and country if given)."""
        pattern = re.compile(r"(?<!\w)" + re.escape(role) + r"[ \t]+(?=[A-Z])", re.IGNORECASE)
        found = None
        for count, m in enumerate(pattern.finditer(self.text, 0, before)):
            if count >= _MAX_NAME_OCCURRENCES:
                break
            found = m
        if found is None:
            return None
        s, e = self._cap_run(found.start(), found.end() - 1)
        words = self.text[s:e].split()
        titles, name = split_name(words)
        if not name or not titles:
            return None
        r2, c2 = split_title(" ".join(titles))
        if r2 != role or (country is not None and c2 != country):
            return None
        return self.add(
            " ".join(name), SpeakerKind.PERSON, (" ".join(titles),) + self._appositive_titles(e)
        )


def _is_shouted(word: str) -> bool:
    """A name in capitals ("WALLACE"), as transcripts label their speakers."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def _strip_det(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i].lower() in DETERMINERS:
        i += 1
    return words[i:]


def _head_noun(words: list[str]) -> str:
    return words[-1].lower().strip(".,") if words else ""


def resolve_speakers(
    text: str, mentions: list[tuple[int, int] | None]
) -> tuple[tuple[SpeakerEntity, ...], list[tuple[int, ...]]]:
    """Entities of the article and, per mention (in the order given), its entity ids.

    ``mentions`` must be in text order of their statements; a None mention resolves to
    no entity. Pronouns resolve to the most recent compatible earlier speaker; a
    pronoun with no antecedent resolves to nothing (it never creates an entity).
    """
    b = _Builder(text)
    out: list[tuple[int, ...]] = []
    last_person: tuple[int, ...] = ()
    last_group: tuple[int, ...] = ()
    last_thing: tuple[int, ...] = ()
    seen: dict[str, tuple[int, ...]] = {}
    for span in mentions:
        if span is None:
            out.append(())
            continue
        s, e = span
        surface = text[s:e]
        # A repeated full mention ("the company", "Smith") means the same entity again;
        # pronouns and document anaphora depend on context and are never cached.
        ids = seen.get(surface)
        if ids is None:
            ids = _resolve_one(b, surface, s, e, last_person, last_group, last_thing)
            if surface.lower() not in PRONOUNS and len(ids) == 1:
                seen[surface] = ids
        out.append(ids)
        if ids:
            kinds = {b.entities[i].kind for i in ids}
            if len(ids) > 1 or kinds & {SpeakerKind.GROUP}:
                last_group = ids
            if kinds == {SpeakerKind.PERSON} and len(ids) == 1:
                last_person = ids
            if kinds & {SpeakerKind.ORGANIZATION, SpeakerKind.DOCUMENT}:
                last_thing = ids
            if len(ids) > 1 and kinds == {SpeakerKind.PERSON}:
                last_thing = last_thing or ids
    entities = tuple(
        SpeakerEntity(
            name=e.name,
            kind=e.kind,
            titles=e.titles,
            country=next((c for c in (split_title(t)[1] for t in e.titles) if c), None),
            aliases=e.aliases,
        )
        for e in b.entities
    )
    return entities, out


def _resolve_one(
    b: _Builder,
    surface: str,
    s: int,
    e: int,
    last_person: tuple[int, ...],
    last_group: tuple[int, ...],
    last_thing: tuple[int, ...],
) -> tuple[int, ...]:
    low = surface.lower()
    pron = PRONOUNS.get(low)
    if pron is not None:
        if pron == "person":
            return last_person
        if pron == "group":
            return last_group or last_thing
        if pron == "organization":
            return last_thing
        return _relative_antecedent(b, s)
    words = surface.split()
    core = _strip_det(words)
    head = _head_noun(core)
    # "a message by A and B": the authors are the speakers.
    by = re.search(r"\bby\s+(.+)$", surface)
    if by and SPEAKER_NOUNS.get(_head_noun(surface[: by.start()].split())) == "document":
        ids = []
        off = s + by.start(1)
        for m in re.finditer(r"[^,\s][^,]*?(?=\s+and\s+|\s*,|\s*$)", by.group(1)):
            part = m.group().strip()
            if part.lower().startswith("and "):
                part = part[4:]
            part_words = part.split()
            if part_words and part_words[0][:1].isupper():
                ids.append(b.person_from_words(part_words, part, off + m.end()))
        if ids:
            b.documents.append((_head_noun(surface[: by.start()].split()), tuple(ids)))
            return tuple(ids)
    kind_word = SPEAKER_NOUNS.get(head)
    if (
        kind_word == "document"
        and core
        and core[0][:1].islower()
        or (kind_word == "document" and words[0].lower() in ("the", "this"))
    ):
        for noun, ids in reversed(b.documents):
            if noun == head:
                return ids
    # A capitalised name somewhere in the mention: the last capitalised run.
    caps = [w for w in core if w[:1].isupper()]
    if caps and not (len(core) > 1 and core[-1][:1].islower()):
        run: list[str] = []
        for w in reversed(core):
            if w[:1].isupper() or (run and w in _NAME_PARTICLES):
                run.insert(0, w)
            else:
                break
        name = split_name(run)[1]
        if (
            name
            and not all(_is_title_word(w) for w in run)
            and (
                len(run) == len(core)
                or any(_is_title_word(w) for w in core[: len(core) - len(run)])
                or all(w.islower() for w in core[: len(core) - len(run)])
            )
        ):
            prefix = core[: len(core) - len(run)]
            if not prefix:
                return (b.person_from_words(core, surface, e),)
            # "Menatep Group's managing director Tim Osborne": the name is the
            # capitalised run, the words before it a title.
            idx = b.person_from_words(run, surface, e)
            return (b.add(b.entities[idx].name, SpeakerKind.PERSON, (" ".join(prefix),)),)
    # A title phrase: "The Chinese president", "the premier".
    if split_title(" ".join(core))[0] is not None and head in ROLE_WORDS:
        idx = b.by_title(" ".join(core), s)
        if idx is not None:
            b.alias(idx, surface)
            return (idx,)
    kind = (
        SpeakerKind(kind_word)
        if kind_word
        else (
            SpeakerKind.GROUP
            if head.endswith("s") and not head.endswith("ss")
            else SpeakerKind.PERSON
        )
    )
    if core and core[0][:1].isupper() and kind_word is None:
        kind = SpeakerKind.ORGANIZATION if len(core) > 1 else SpeakerKind.PERSON
    name = " ".join(core)
    idx = b.add(name, kind, alias=surface)
    if kind == SpeakerKind.DOCUMENT:
        b.documents.append((head, (idx,)))
    return (idx,)


def _relative_antecedent(b: _Builder, s: int) -> tuple[int, ...]:
    """ "Smith, who said ...": the capitalised run before the comma before "who"."""
    base = max(0, s - 80)
    m = re.search(
        r"((?:[A-Z][\w\u2019'\-]*\.?[ \t]+){0,3}[A-Z][\w\u2019'\-]*),[ \t]*$", b.text[base:s]
    )
    if not m:
        return ()
    return (b.person_from_words(m.group(1).split(), m.group(1), base + m.end(1)),)
