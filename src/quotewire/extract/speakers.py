"""Within-article speaker resolution, title splitting and name folding.

Public helpers used across articles: :func:`split_title` ("Cuban Prime Minister" ->
("prime minister", "Cuba")), :func:`fold_name` (accent/case-folded key),
:func:`classify_name` (a capitalised run -> name, kind and titles) and
:func:`is_junk_mention` (a weekday, kicker, adverb or conjunction is no speaker).

:func:`resolve_speakers` maps each statement's speaker mention (as written: "Xi",
"The Chinese president", "the message", "he") to entities of the article:

* names and titles apart, at the last title word ("U.N. Secretary-General Kofi Annan" ->
  Kofi Annan); organisations and outlets kept whole ("Iranian Students News Agency");
* kinds from data (lexicons/speaker_kinds.tsv, media_*.txt, organization_words.txt,
  countries.tsv): person, organization, state ("China said"), media, document, group;
* surnames and partial names -> the fullest earlier name containing them; role
  descriptions ("the outgoing UN chief", "a Vatican spokesman") -> the titled person
  holding that role, else, in the lead, the person the story introduces next;
  "the council" -> the named council; "the report" -> the outlet that ran it; "a survey
  by Deloitte" keeps Deloitte as issuer; "a message by A and B" -> both A and B;
* pronouns -> the most recent compatible speaker or a person opening a sentence since;
* junk and broken spans: calendar words, kickers and clause openers are refused or
  traced to the clause subject ("Pakistan, a key US ally, on Saturday described"), and
  trailing clauses are trimmed ("Prabakaran in his speech delivered Monday").

Speaker resolution works on the article text only and is cheap: look-ups are literal
searches or regular expressions bounded to a window, and per-article scans are lazy.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from quotewire.extract.lexicons import (
    ADVERBS,
    COUNTRIES,
    DETERMINERS,
    FUNCTION_WORDS,
    JUNK_SPEAKER_WORDS,
    MEDIA_NAMES,
    MEDIA_WORDS,
    ORGANIZATION_WORDS,
    PRONOUNS,
    ROLE_SYNONYMS,
    ROLE_WORDS,
    ROLES,
    SPEAKER_KINDS,
    SPEAKER_NOUNS,
    TITLE_WORDS,
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
_NAME_PARTICLES = frozenset(
    ["de", "da", "del", "della", "van", "von", "bin", "al", "le", "la", "di", "dos", "du"]
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
    if rm and " " not in role:
        # "Health Minister" -> "health minister": a portfolio word right before the role
        before = rest[: rm.start()].split()
        if before and TITLE_WORDS.get(before[-1].lower()) == "portfolio":
            role = before[-1].lower() + " " + role
    return role, country


@functools.lru_cache(maxsize=8192)
def _norm(word: str) -> str:
    """Lower-case a word for lexicon look-ups: no edge punctuation, no possessive 's."""
    w = word.lower().strip(",;:()\"\u201c\u201d")
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    return w


def _is_title_word(word: str) -> bool:
    w = _norm(word)
    return (
        w in ROLE_WORDS
        or w in _COUNTRY_KEYS
        or w.rstrip(".") + "." in ROLE_WORDS
        or w in TITLE_WORDS
        or w.replace(".", "") in TITLE_WORDS
        or (("-" in w) and all(p in ROLE_WORDS or p in TITLE_WORDS for p in w.split("-") if p))
    )


def split_name(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised word run into (title words, name words) at the last title word:
    ["Chinese", "Premier", "Li", "Qiang"] -> (["Chinese", "Premier"], ["Li", "Qiang"]);
    "Indeni Managing Director Luis Urbano" -> Luis Urbano; "Archbishop of Canterbury Rowan
    Williams" -> Rowan Williams (a place or body after "of" precedes a two-word name).
    A run whose last word is a title word ("Julie Bishop") keeps the leading-title split."""
    last = -1
    for i, w in enumerate(words[:-1]):
        if _is_title_word(w) or (w == "of" and last >= 0):
            last = i
    if last >= 0:
        titles, name = words[: last + 1], words[last + 1 :]
        if "of" in titles and len(name) >= 3 and not any(w.lower() in _NAME_PARTICLES for w in name):
            titles, name = titles + name[:-2], name[-2:]
        return titles, name
    i = 0
    while i < len(words) - 1 and _is_title_word(words[i]):
        i += 1
    return words[:i], words[i:]


_CALENDAR = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    r"|january|february|march|april|june|july|august|september|october|november|december"
    r"|today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|week|weekend|month|year|day",
    re.IGNORECASE,
)
_POSTMODIFIERS = frozenset(
    "of from by for in at on with to who which that whose about under over after during "
    "before since until near across against among into".split()
)
_CAP_RUN_RE = re.compile(
    r"[A-Z][\w\u2019'.&\-]*(?:[ \t]+(?:(?:of|de|van|von|bin|da|del)[ \t]+)?[A-Z][\w\u2019'.&\-]*)*"
)
_ACRONYM_PAREN = re.compile(r"[ \t]*\([A-Z][A-Za-z0-9&.\-]{1,9}\)")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'\u201d\u2019]?[ \t]+|\n[ \t]*)(?=[A-Z\"\u201c])")
_ORG_KINDS = frozenset([SpeakerKind.ORGANIZATION, SpeakerKind.MEDIA, SpeakerKind.STATE])
_ANY_ORG_HEADS = frozenset(["group", "organization", "organisation", "body", "watchdog", "firm", "company"])
_OUTLET_DOCUMENTS = frozenset(["report", "reports", "story", "article", "dispatch", "broadcast"])
_AUXILIARIES = frozenset(
    "is are was were am has have had do does did will would can could should might must shall said says told".split()
)
_PARTICLE_NAME = re.compile(r"(?:al|el|bin|ibn|abu)-[A-Z]")
_PEOPLE_PLURALS = ("ists", "ians", "ans", "ers", "ites", "ics", "ees", "ors")
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ed", "ing", "ern", "an", "ese", "ish", "ior", "ent", "ant", "ful", "less", "ary", "ory", "le")
_MAX_SUBJECT_WORDS = 14  # a clause subject longer than this is no speaker phrase
_LEAD_CHARS = 800  # the headline, dateline and first paragraph of a wire story
_ISSUED_DOCUMENTS = frozenset(["statement", "communique", "declaration", "message", "letter", "resolution"])
_NATIONAL_BODIES = frozenset(["ministry", "government", "cabinet"])
# Country -> its adjective ("Pakistan" -> "Pakistani"): the first demonym row of countries.tsv.
_DEMONYMS: dict[str, str] = {}
for _k, _v in COUNTRIES.items():
    if _k != _v and _k[:1].isupper() and _k[-1:] in "nihe" and " " not in _k.replace("South ", "").replace("North ", ""):
        _DEMONYMS.setdefault(_v, _k)
_COUNTRY_NAMES = frozenset(v.lower() for v in COUNTRIES.values())


@dataclass(frozen=True)
class _Entity:
    key: str
    name: str
    kind: SpeakerKind
    titles: tuple[str, ...]
    aliases: tuple[str, ...]
    issuer: str | None = None


@dataclass(frozen=True)
class _Person:
    """A titled person found anywhere in the text (for role descriptions)."""

    start: int
    name: str
    titles: tuple[str, ...]


def _clean(words: list[str]) -> list[str]:
    """Mention words without leading determiners and without a trailing calendar word
    ("... commission Wednesday"); "one of the military experts" is a military expert."""
    words = _strip_det(words)
    if len(words) > 2 and words[0].lower() == "of" and words[-1].endswith("s") and _norm(words[-1])[:-1] in SPEAKER_KINDS:
        words = _strip_det(words[1:])
        words = words[:-1] + [words[-1][:-1]]
    # "Prime Minister Ibrahim Jaafari vigorously", "... Ahmadinejad meanwhile"
    while len(words) > 1 and words[-1][:1].islower() and (words[-1].endswith("ly") or _norm(words[-1]) in JUNK_SPEAKER_WORDS):
        words = words[:-1]
    while len(words) > 1 and _is_calendar(words[-1]):
        words = words[:-1]
        if words and words[-1].lower() in ("last", "on", "this", "next"):
            words = words[:-1]
    return words


@functools.lru_cache(maxsize=8192)
def _is_calendar(word: str) -> bool:
    return _CALENDAR.fullmatch(word.strip(".,")) is not None


def is_junk_mention(surface: str) -> bool:
    """True when a mention is no source at all: only calendar words, adverbs,
    conjunctions or kicker words ("Wednesday", "last Friday", "Urgent", "However")."""
    raw = surface.split()
    if not raw:
        return False
    if raw[-1] == "times" or (len(raw) == 1 and raw[0].isupper() and raw[0].lower() in _COUNTRY_KEYS):
        return True  # "four times"; a dateline or list label ("LONDON:") is no speaker
    return all(_junk_word(w) for w in raw)


def _junk_word(word: str) -> bool:
    w = _norm(word)
    if word[:1].isupper() and (w in _AUXILIARIES or w == "may"):
        return False  # "May", "Will": names as often as modals
    return w in JUNK_SPEAKER_WORDS or w in FUNCTION_WORDS or w in ADVERBS or _is_calendar(w) or w.isdigit()


def _not_a_phrase(words: list[str], determined: bool = False) -> bool:
    """A span that is no noun phrase: it opens with a participle ("prompting media",
    "having ...") unless a determiner precedes it ("the visiting secretary"), or it holds
    a finite verb ("There was no evidence ...")."""
    if not words:
        return True
    first = words[0]
    if not determined and first[:1].islower() and first.endswith("ing") and _norm(first) not in SPEAKER_KINDS:
        return True
    return any(_norm(w) in _AUXILIARIES for w in words)


def _drop_leading_junk(words: list[str]) -> list[str]:
    """ "Although Africa" -> ["Africa"]: clause openers are not part of a speaker."""
    while len(words) > 1 and (
        (_norm(words[0]) in JUNK_SPEAKER_WORDS and not _is_calendar(words[0]))
        or (_norm(words[0]) in FUNCTION_WORDS and words[0] != "US")
        or words[0].endswith("-based")
    ):
        words = words[1:]
    # "Tuesday Mike Cox", "April 24 directive"; an outlet keeps its day ("Sunday Times").
    while len(words) > 1 and (_is_calendar(words[0]) or words[0].isdigit()) and _run_kind(words) is not SpeakerKind.MEDIA:
        words = words[1:]
    return words


def _head_index(words: list[str]) -> int:
    """Index of the head noun of a description: the last word before its first
    post-modifier ("spokesman of the Ministry", "experts participating in", "results
    announced by")."""
    for i in range(1, len(words)):
        w = words[i].lower()
        if w in _POSTMODIFIERS or w.startswith("("):
            if i >= 2 and words[i - 1][:1].islower() and not _known_noun(words[i - 1]) and (
                _known_noun(words[i - 2]) or words[i - 2].endswith("s") and not words[i - 2].endswith("ss")
            ):
                return i - 2  # "hostages held in ...": an irregular participle
            return i - 1
        prev = _norm(words[i - 1])
        if (
            w.endswith(("ing", "ed"))
            and words[i][:1].islower()
            and (prev in SPEAKER_KINDS or prev in SPEAKER_NOUNS or prev in ROLE_WORDS or prev.endswith("s"))
        ):
            return i - 1
    return len(words) - 1


def _lone_word_kind(word: str, text: str) -> SpeakerKind:
    """A lone capitalised word the article never extends to a full name: a group when it
    reads as a plural of people ("Islamists", "Others") or is a plural the article also
    writes in lower case ("Attendants" ... "the attendants"), else an organisation."""
    low = word.lower()
    plural = low.endswith("s") and not low.endswith("ss")
    if low.endswith(_PEOPLE_PLURALS) or (plural and re.search(r"(?<![\w\-])" + re.escape(low) + r"(?![\w\-])", text)):
        return SpeakerKind.GROUP
    return SpeakerKind.ORGANIZATION


def _known_noun(word: str) -> bool:
    w = _norm(word)
    return w in SPEAKER_KINDS or w in SPEAKER_NOUNS or w in ROLE_WORDS


def _run_kind(words: list[str]) -> SpeakerKind:
    """Kind of a capitalised name as a whole: outlet, state, organisation or person."""
    return _run_kind_cached(tuple(words))


@functools.lru_cache(maxsize=8192)
def _run_kind_cached(words: tuple[str, ...]) -> SpeakerKind:
    joined = " ".join(words)
    lows = [_norm(w) for w in words]
    if joined in MEDIA_NAMES or any(w in MEDIA_WORDS for w in lows):
        return SpeakerKind.MEDIA
    if " ".join(lows) in _COUNTRY_NAMES or (len(words) == 1 and lows[0] in _COUNTRY_KEYS):
        return SpeakerKind.STATE
    if any(w in ORGANIZATION_WORDS for w in lows):
        return SpeakerKind.ORGANIZATION
    if any(w in FUNCTION_WORDS and x[:1].isupper() and not x.isupper() for w, x in zip(lows[1:], words[1:])):
        return SpeakerKind.ORGANIZATION  # "Reporters Without Borders"
    if len(words) == 1 and len(words[0]) >= 2 and words[0].replace("-", "").isupper():
        return SpeakerKind.ORGANIZATION  # an acronym: "SIRPA", "PNC"
    return SpeakerKind.PERSON


def classify_name(words: list[str]) -> tuple[str, SpeakerKind, tuple[str, ...]]:
    """(name, kind, titles) of a capitalised run: "U.N. Secretary-General Kofi Annan" ->
    ("Kofi Annan", person, ("U.N. Secretary-General",)); "the Iranian Students News Agency"
    -> ("Iranian Students News Agency", media, ()); "Italy" -> ("Italy", state, ())."""
    return _classify_cached(tuple(words))


@functools.lru_cache(maxsize=8192)
def _classify_cached(run: tuple[str, ...]) -> tuple[str, SpeakerKind, tuple[str, ...]]:
    words = _strip_det(list(run))
    whole = " ".join(words)
    if whole in MEDIA_NAMES:
        return whole, SpeakerKind.MEDIA, ()
    titles, name = split_name(words)
    if titles and _run_kind(name) is SpeakerKind.PERSON and (len(name) >= 2 or _run_kind(words) is SpeakerKind.PERSON):
        return " ".join(name), SpeakerKind.PERSON, (" ".join(titles),)
    kind = _run_kind(words)
    if titles and kind is SpeakerKind.PERSON:
        kind = SpeakerKind.ORGANIZATION  # "National Zoological Gardens of South Africa"
    if kind is not SpeakerKind.PERSON:
        return whole, kind, ()
    return " ".join(name), SpeakerKind.PERSON, ((" ".join(titles),) if titles else ())


class _Builder:
    """Accumulates entities for one article (local, discarded after the call)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[_Entity] = []
        self.documents: list[tuple[str, tuple[int, ...]]] = []  # (head noun, entity ids)
        self.names: dict[str, tuple[tuple[str, tuple[str, ...], str] | None]] = {}
        self._people: list[_Person] | None = None
        self.last_org: int | None = None
        self._demonym: tuple[str | None] | None = None

    # -- entity table ---------------------------------------------------------------
    def add(
        self,
        name: str,
        kind: SpeakerKind,
        titles: tuple[str, ...] = (),
        alias: str | None = None,
        issuer: str | None = None,
    ) -> int:
        key = fold_name(name)
        for idx, e in enumerate(self.entities):
            if e.key == key:
                new_titles = e.titles + tuple(t for t in titles if t not in e.titles)
                aliases = e.aliases
                if alias and alias != e.name and alias not in aliases:
                    aliases = aliases + (alias,)
                self.entities[idx] = _Entity(e.key, e.name, e.kind, new_titles, aliases, e.issuer or issuer)
                return idx
        aliases = (alias,) if alias and alias != name else ()
        self.entities.append(_Entity(key, name, kind, titles, aliases, issuer))
        return len(self.entities) - 1

    def alias(self, idx: int, surface: str, title: str | None = None) -> None:
        e = self.entities[idx]
        aliases = e.aliases if surface == e.name or surface in e.aliases else e.aliases + (surface,)
        titles = e.titles if not title or title in e.titles else e.titles + (title,)
        self.entities[idx] = _Entity(e.key, e.name, e.kind, titles, aliases, e.issuer)

    # -- names ----------------------------------------------------------------------
    def _cap_run(self, start: int, end: int) -> tuple[int, int]:
        """Grow [start, end) over neighbouring capitalised words on the same line, at
        most ``_MAX_CAP_RUN`` words each way (a long title-case run is no name, and an
        unbounded walk made "Citing Citing ..." quadratic). Backwards it also crosses
        "of" ("Archbishop of Canterbury Rowan Williams")."""
        text = self.text
        for _ in range(_MAX_CAP_RUN):
            m = re.search(
                r"(?<![\w.])([A-Z][a-z]{0,2}\.|[A-Z][\w\u2019'\-]*|(?:de|van|von|bin|al|da|del))[ \t]+$",
                text[max(0, start - 40) : start],
            )
            if not m:
                m = re.search(r"(?<![\w.])[A-Z][\w\u2019'\-]*[ \t]+of[ \t]+$", text[max(0, start - 40) : start])
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
        parts = phrase.split()
        first = parts[0].lower()
        if first in DETERMINERS:
            if len(parts) < 2 or not any(_is_title_word(w) or _norm(w) in SPEAKER_KINDS for w in parts[1:4]):
                return ()
        elif not _is_title_word(first) and not (
            first[:1].isalpha() and any(_is_title_word(w) for w in parts[:3])
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
            if not boundary_ok and text[max(0, start_at - 3) : start_at].lower() in ("al-", "el-"):
                boundary_ok, start_at = True, start_at - 3  # "Maliki" of "Nuri al-Maliki"
            if not boundary_ok:
                continue
            count += 1
            s, e = self._cap_run(start_at, end)
            words = _drop_leading_junk(self.text[s:e].split())
            titles, name = split_name(words)
            if not name or _run_kind(name) is not SpeakerKind.PERSON:
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
    def named(self, words: list[str], surface: str, end: int) -> int:
        """Entity for a capitalised name with any title words in front of it. Outlets,
        states and organisations keep their whole name; a person gets the fullest form of
        the name in the article; a lone unknown word with no title ("Alitalia") is an
        organisation, since wire copy introduces people by full name."""
        if len(words) == 1 and _is_shouted(words[0]):
            # "PENCE:" labelling a transcript turn is the article's "Mike Pence"; an
            # acronym ("IMF") has no title-case spelling in the text and stays as is.
            full = self.full_name_for(words[0].capitalize(), end)
            if full:
                return self.add(full[0], SpeakerKind.PERSON, full[1], alias=surface)
        name, kind, pre = classify_name(words)
        if not name:
            return self.add(surface, SpeakerKind.PERSON, alias=surface)
        if kind is not SpeakerKind.PERSON:
            return self.add(name, kind, alias=surface)
        parts = name.split()
        full = self.full_name_for(parts[-1], end)
        full_words = {x for w in full[0].split() for x in (w, w.split("-", 1)[-1])} if full else set()
        if full and len(full[0].split()) >= len(parts) and all(w in full_words for w in parts):
            extra = tuple(t for t in full[1] if t not in pre)
            one = len(full[0].split()) == 1 and not pre and not extra
            if one:
                return self.add(self.org_name(full[0]), _lone_word_kind(full[0], self.text), alias=surface)
            return self.add(full[0], _run_kind(full[0].split()), pre + extra, alias=surface)
        app = self._appositive_titles(end)
        if len(parts) == 1 and not pre and not app:
            return self.add(self.org_name(name), _lone_word_kind(name, self.text), alias=surface)
        return self.add(name, SpeakerKind.PERSON, pre + app, alias=surface)

    def org_name(self, word: str) -> str:
        """The fullest organisation name that a lone word opens in the text ("Labour"
        -> "Labour Party"), else the word."""
        for m in re.finditer(r"(?<![\w\-])" + re.escape(word) + r"((?:[ \t]+[A-Z][\w\u2019'\-]*){1,3})", self.text):
            words = [word] + m.group(1).split()
            while len(words) > 1 and _norm(words[-1]) not in ORGANIZATION_WORDS:
                words = words[:-1]
            if len(words) > 1:
                return " ".join(words)
        return word

    def people(self) -> list[_Person]:
        """Every titled person named in the text ("spokesman Joaquim Navarro", "Juan
        Miguel Petit, the special rapporteur ..."), in text order; computed once."""
        if self._people is not None:
            return self._people
        out: list[_Person] = []
        text = self.text
        for m in _CAP_RUN_RE.finditer(text):
            raw = m.group()
            if " " not in raw:
                continue
            before = text[max(0, m.start() - 60) : m.start()].split()
            titled = any(_is_title_word(w) for w in raw.split()[:-1]) or (before and _is_title_word(before[-1]))
            if not titled and text[m.end() : m.end() + 1] != ",":
                continue  # neither a title in front nor an appositive after
            words = _drop_leading_junk(_strip_det(raw.split()))
            if len(words) < 2:
                continue
            name, kind, titles = classify_name(words)
            if kind is not SpeakerKind.PERSON or len(name.split()) < 2:
                continue
            lead: list[str] = []
            for w in reversed(before[-4:]):
                if w[:1].islower() and (_is_title_word(w) or _norm(w) in TITLE_WORDS):
                    lead.insert(0, w)
                else:
                    break
            pre = tuple(" ".join(lead + t.split()) for t in titles) or ((" ".join(lead),) if lead else ())
            app = self._appositive_titles(m.end())
            if pre or app:
                out.append(_Person(m.start(), name, pre + app))
        self._people = out
        return out

    def untitled_people(self) -> list[_Person]:
        """Persons named by two or more capitalised words with no title ("James Jeffrey
        told a briefing"), in text order, from the body after the lead's first line."""
        out = []
        for m in _CAP_RUN_RE.finditer(self.text, self.text.find("\n") + 1):
            raw = m.group().split()
            if len(raw) < 2 or len(raw) > 4 or any(_is_title_word(w) for w in raw):
                continue
            name, kind, titles = classify_name(_drop_leading_junk(raw))
            if kind is SpeakerKind.PERSON and not titles and len(name.split()) >= 2 and m.start() > 0:
                if self.text[m.start() - 1] not in "\n" and re.match(r"[ \t]+[a-z]|,", self.text[m.end() : m.end() + 2]):
                    out.append(_Person(m.start(), name, ()))
        return sorted(out, key=lambda p: p.start)

    def role_holder(self, head: str, mods: list[str], s: int) -> int | None:
        """The person a role description ("the outgoing UN chief", "a police officer")
        refers to: a titled person whose title has the role (or a synonym) and the most
        modifiers; the nearest one before the mention, else the first after it."""
        heads = {head} | ROLE_SYNONYMS.get(head, frozenset())
        want = {m for m in (_norm(w).replace(".", "") for w in mods) if m and m not in _QUALIFIERS}
        want_country = {_COUNTRY_KEYS[m] for m in want if m in _COUNTRY_KEYS}
        best: tuple[int, int, str, tuple[str, ...]] | None = None
        cands = [(0, e.name, e.titles) for e in self.entities if e.kind is SpeakerKind.PERSON and e.titles]
        cands += [(p.start, p.name, p.titles) for p in self.people()]
        for pos, name, titles in cands:
            words = {_norm(w).replace(".", "") for t in titles for w in re.split(r"[\s\-]+", t)}
            words |= {_norm(w) for t in titles for w in t.split()}
            if not heads & words:
                continue
            countries = {_COUNTRY_KEYS[w] for w in words if w in _COUNTRY_KEYS}
            if want_country and countries and not want_country & countries:
                continue
            score = len(want & words) + len(want_country & countries)
            order = -abs(s - pos) if pos <= s else -10 * abs(pos - s)
            if best is None or (score, order) > (best[0], best[1]):
                best = (score, order, name, titles)
        if best is None:
            return None
        return self.add(best[2], SpeakerKind.PERSON, best[3])

    def org_holder(self, head: str, s: int) -> int | None:
        """The named organisation a description ("the council", "the radio", "the
        group") refers to: the last earlier organisation, outlet or state whose name
        has the head word, else the nearest earlier capitalised name in the text with it."""
        any_org = head in _ANY_ORG_HEADS
        for idx in range(len(self.entities) - 1, -1, -1):
            e = self.entities[idx]
            if e.kind in _ORG_KINDS and (any_org or head in {_norm(w) for w in e.name.split()}):
                return idx
        if len(head) < 3:
            return None
        # The last capitalised "Head" before s (a literal search), then its name around it.
        cap = head.capitalize()
        at = self.text.rfind(cap, 0, s)
        while at > 0 and (self.text[at - 1].isalnum() or self.text[at + len(cap) : at + len(cap) + 1].isalnum()):
            at = self.text.rfind(cap, 0, at)
        if at < 0:
            return None
        left = re.search(r"(?:[A-Z][\w\u2019'.&\-]*[ \t]+){0,5}$", self.text[max(0, at - 120) : at])
        right = re.match(
            r"(?:[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?[A-Z][\w\u2019'\-]*(?:[ \t]+[A-Z][\w\u2019'\-]*){0,3})?",
            self.text[at + len(cap) : at + len(cap) + 120],
        )
        found = (left.group() if left else "") + cap + (right.group() if right else "")
        words = _drop_leading_junk(_strip_det(found.split()))
        name = " ".join(words)
        if len(words) < 2:
            return None
        kind = _run_kind(words)
        return self.add(name, kind if kind is not SpeakerKind.PERSON else SpeakerKind.ORGANIZATION)

    def demonym(self) -> str | None:
        """The adjective of the story's country: the dateline's ("ISLAMABAD, Dec 30"),
        else the country named most often."""
        if self._demonym is None:
            country = None
            m = re.search(r"^([A-Z][A-Z .'\-]+),", self.text[:400], re.MULTILINE)
            if m and m.group(1).strip().lower() in _COUNTRY_KEYS:
                country = _COUNTRY_KEYS[m.group(1).strip().lower()]
            else:
                counts: dict[str, int] = {}
                for cm in _COUNTRY_RE.finditer(self.text[:4000]):
                    c = _COUNTRY_KEYS[cm.group().lower()]
                    counts[c] = counts.get(c, 0) + 1
                country = max(counts, key=lambda c: counts[c]) if counts else None
            self._demonym = (_DEMONYMS.get(country) if country else None,)
        return self._demonym[0]

    def outlet(self, s: int) -> int | None:
        """The news outlet a report comes from: the last one named before ``s``, else
        the first named after it ("...: report" in a headline)."""
        found = None
        for m in _CAP_RUN_RE.finditer(self.text):
            if self.text[m.start() - 1 : m.start()] == "(":
                continue  # the dateline's "(Xinhua)" is who filed the story, not a source
            words = _drop_leading_junk(_strip_det(m.group().split()))
            if words and classify_name(words)[1] is SpeakerKind.MEDIA:
                found = words
                if m.start() >= s:
                    break
            elif m.start() >= s and found is not None:
                break
        if found is None:
            return None
        return self.add(" ".join(found), SpeakerKind.MEDIA)

    def acronym(self, word: str) -> int | None:
        """ "The PNC" -> the name defined as "National Civil Police of Guatemala (PNC)"."""
        at = self.text.find("(" + word + ")")
        if at < 0:
            return None
        m = re.search(
            r"((?:[A-Z][\w\u2019'\-]*[ \t]+(?:(?:of|for|and|on|the)[ \t]+)*){0,8}[A-Z][\w\u2019'\-]*)[ \t]*$",
            self.text[max(0, at - 160) : at],
        )
        if not m:
            return None
        words = _drop_leading_junk(_strip_det(m.group(1).split()))
        kind = _run_kind(words)
        return self.add(" ".join(words), kind if kind is not SpeakerKind.PERSON else SpeakerKind.ORGANIZATION)


_QUALIFIERS = frozenset(w for w, c in TITLE_WORDS.items() if c == "qualifier")


def _is_shouted(word: str) -> bool:
    """A name in capitals ("WALLACE"), as transcripts label their speakers."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def _strip_det(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i].lower() in DETERMINERS:
        i += 1
    return words[i:]


@dataclass
class _Context:
    """What pronouns and relatives can point back to while walking the mentions."""

    last_person: tuple[int, ...] = ()
    last_group: tuple[int, ...] = ()
    last_thing: tuple[int, ...] = ()
    last_end: int = 0

    def update(self, b: _Builder, ids: tuple[int, ...], end: int) -> None:
        self.last_end = end
        if not ids:
            return
        kinds = {b.entities[i].kind for i in ids}
        if len(ids) > 1 or kinds & {SpeakerKind.GROUP}:
            self.last_group = ids
        if kinds == {SpeakerKind.PERSON} and len(ids) == 1:
            self.last_person = ids
        if kinds & (_ORG_KINDS | {SpeakerKind.DOCUMENT}):
            self.last_thing = ids
        if len(ids) == 1 and kinds & {SpeakerKind.ORGANIZATION, SpeakerKind.STATE}:
            b.last_org = ids[0]
        if len(ids) > 1 and kinds == {SpeakerKind.PERSON}:
            self.last_thing = self.last_thing or ids


def resolve_speakers(
    text: str, mentions: list[tuple[int, int] | None]
) -> tuple[tuple[SpeakerEntity, ...], list[tuple[int, ...]]]:
    """Entities of the article and, per mention (in the order given), its entity ids.

    ``mentions`` must be in text order of their statements; a None mention resolves to
    no entity. Pronouns resolve to the most recent compatible earlier speaker (or a
    person opening a sentence since); a pronoun with no antecedent, and a junk mention
    (a weekday, a kicker, an adverb) with no subject to recover, resolve to nothing.
    """
    b = _Builder(text)
    out: list[tuple[int, ...]] = []
    ctx = _Context()
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
            ids = _resolve_one(b, surface, s, e, ctx)
            if surface.lower() not in PRONOUNS and len(ids) == 1 and SPEAKER_KINDS.get(
                _norm(surface.split()[-1])
            ) != "document":
                seen[surface] = ids
        out.append(ids)
        ctx.update(b, ids, e)
    entities = tuple(
        SpeakerEntity(
            name=e.name,
            kind=e.kind,
            titles=e.titles,
            country=next((c for c in (split_title(t)[1] for t in e.titles) if c), None),
            aliases=e.aliases,
            issuer=e.issuer,
        )
        for e in b.entities
    )
    return entities, out


def _resolve_one(b: _Builder, surface: str, s: int, e: int, ctx: _Context, depth: int = 0) -> tuple[int, ...]:
    low = surface.lower()
    if low == "its":
        low = "it"
    pron = PRONOUNS.get(low)
    if pron is not None:
        return _pronoun(b, pron, s, ctx)
    junk = is_junk_mention(surface)
    if junk or b.text[max(0, s - 4) : s].lower().rstrip().endswith((" on", " in", " of", " at")):
        # "on Saturday described", "coordinator on Iraq": the subject opens the clause.
        sub = _clause_subject(b.text, s, None if junk else e) if depth == 0 else None
        if sub is not None:
            return _resolve_one(b, b.text[sub[0] : sub[1]], sub[0], sub[1], ctx, depth + 1)
        if junk:
            return ()
    words = _clean(_drop_leading_junk(surface.split()))
    core = _strip_det(words)
    det = surface.split()[0].lower() in DETERMINERS
    hi = _head_index(core) if core else 0
    if core and depth == 0 and _not_a_phrase(core[: hi + 1], det) and not is_junk_mention(" ".join(core)):
        # "... after exposing government corruption": the span is the tail of its subject
        sub = _clause_subject(b.text, s, e)
        if sub is not None and sub[0] < s:
            return _resolve_one(b, b.text[sub[0] : sub[1]], sub[0], sub[1], ctx, depth + 1)
    if not core or is_junk_mention(" ".join(core)) or _not_a_phrase(core[: hi + 1], det):
        return ()
    if (
        len(core) >= 3
        and surface.split()[0].lower() in ("a", "an")
        and b.text[max(0, s - 2) : s].startswith(",")
        and core[0][:1].islower()
        and core[1][:1].isupper()
        and not (_is_title_word(core[0]) or _known_noun(core[0]) or core[0].endswith(_ADJECTIVE_ENDINGS))
    ):
        # ", a milestone US officials hope will ...": the noun is the antecedent of a
        # relative clause whose subject is the speaker.
        core = core[1:]
        hi = _head_index(core)
    nxt = re.match(r"[ \t]+([a-z]+)\b", b.text[e : e + 30])
    if nxt and _norm(core[-1]) in _COUNTRY_KEYS and _known_noun(nxt.group(1)):
        # a span cut after its adjective: "The Palestinian" of "The Palestinian leadership"
        core = core + [nxt.group(1)]
        hi = len(core) - 1
    head_word = core[hi]
    if _PARTICLE_NAME.match(head_word) and hi > 0 and core[hi - 1][:1].isupper():
        head_word = head_word.capitalize()  # "Ali al-Nuaimi"
    common = hi == 0 and (_norm(head_word) in SPEAKER_KINDS or _norm(head_word) in SPEAKER_NOUNS)
    if head_word[:1].isupper() and not common:
        return _resolve_named(b, core, _name_extent(core, hi), surface, s, e)
    app = _appositive_name(b.text, s, e)
    if app is not None:
        return (b.named(app[2].split(), app[2], app[1]),)
    return _resolve_description(b, core, hi, surface, s, e)


def _name_extent(core: list[str], hi: int) -> int:
    """Last index of a capitalised name that goes on past a preposition: "Director of
    National Intelligence John Negroponte", "Committee to Protect Journalists"; a
    preposition before a lower-case word ends it ("Prabakaran in his speech")."""
    i = hi
    while i + 2 < len(core) and core[i + 1].lower() in ("of", "to", "for", "on") and (
        core[i + 2][:1].isupper() or (core[i + 2] == "the" and i + 3 < len(core) and core[i + 3][:1].isupper())
    ):
        j = i + 2 if core[i + 2][:1].isupper() else i + 3
        while j + 1 < len(core) and core[j + 1][:1].isupper():
            j += 1
        i = j
    return i


def _pronoun(b: _Builder, pron: str, s: int, ctx: _Context) -> tuple[int, ...]:
    if pron == "person":
        sub = _sentence_subject_person(b, ctx.last_end, s)
        return sub if sub else ctx.last_person
    if pron == "group":
        return ctx.last_group or ctx.last_thing
    if pron == "organization":
        return ctx.last_thing or _state_in_sentence(b, s)
    return _relative_antecedent(b, s)


def _resolve_named(b: _Builder, core: list[str], hi: int, surface: str, s: int, e: int) -> tuple[int, ...]:
    """A mention whose head is capitalised: one or more names ("Air France-KLM and
    Alitalia", "Iran and the United States"), without trailing clauses."""
    pre = core[: hi + 1]
    pre = [w for w in pre if not _ACRONYM_PAREN.fullmatch(" " + w)]
    if len(pre) == 1 and pre[0].strip(".").isupper() and len(pre[0]) >= 2:
        idx = b.acronym(pre[0])
        if idx is not None:
            b.alias(idx, surface)
            return (idx,)
    if len(pre) == 1:
        # A span cut inside a name ("Borders" of "Reporters Without Borders").
        rs, re_ = b._cap_run(s, e)
        grown = _drop_leading_junk(_strip_det(b.text[rs:re_].split()))
        if len(grown) > 1 and _run_kind(grown) in _ORG_KINDS and pre[0] in grown:
            return (b.add(" ".join(grown), _run_kind(grown), alias=surface),)
    joined = " ".join(pre)
    parts = [p.split() for p in re.split(r",?\s+and\s+|,\s+", joined)]
    if len(parts) > 1 and all(
        p
        and _strip_det(p)[0][:1].isupper()
        and (_run_kind(_strip_det(p)) is SpeakerKind.STATE or not all(_is_title_word(w) for w in p))
        for p in parts
    ):
        return tuple(b.named(_strip_det(p), " ".join(p), e) for p in parts)
    # "Menatep Group's managing director Tim Osborne": the last capitalised run names.
    run: list[str] = []
    for w in reversed(pre):
        if w[:1].isupper() or _PARTICLE_NAME.match(w) or (run and (w in _NAME_PARTICLES or w == "of")):
            run.insert(0, w)
        else:
            break
    if not run:
        return _resolve_description(b, core, _head_index(core), surface, s, e)
    if is_junk_mention(" ".join(run)):
        return ()
    prefix = pre[: len(pre) - len(run)]
    idx = b.named(run, surface, e)
    if prefix and b.entities[idx].kind is SpeakerKind.PERSON:
        b.alias(idx, surface, " ".join(prefix + split_name(run)[0]))
    return (idx,)


def _resolve_description(b: _Builder, core: list[str], hi: int, surface: str, s: int, e: int) -> tuple[int, ...]:
    """A description headed by a common noun: a role ("the outgoing UN chief") resolves
    to its holder, "the council" to the named council, "the report" to the outlet that
    published it, "a survey by Deloitte" keeps Deloitte as issuer; otherwise the
    description itself is the (generic) speaker."""
    head = _norm(core[hi])
    mods = core[:hi]
    kind_word = SPEAKER_KINDS.get(head) or SPEAKER_NOUNS.get(head)
    if kind_word is None and head in ROLE_WORDS:
        kind_word = "person"
    if head in _OUTLET_DOCUMENTS and any(SPEAKER_KINDS.get(_norm(m)) == "media" for m in mods):
        kind_word = "media"  # "press reports"
    named_mods = [m for m in mods if m[:1].isupper() and _norm(m) not in _COUNTRY_KEYS]
    if kind_word == "media" and named_mods and named_mods == mods[len(mods) - len(named_mods) :]:
        return (b.add(" ".join(named_mods), SpeakerKind.MEDIA, alias=surface),)  # "Al-Akhbar newspaper"
    if kind_word == "group" and " and " in " ".join(core) and all(
        SPEAKER_KINDS.get(_norm(p.split()[-1])) == "group" for p in " ".join(core).split(" and ")
    ):
        return tuple(b.add(p, SpeakerKind.GROUP, alias=surface) for p in " ".join(core).split(" and "))
    name = _ACRONYM_PAREN.sub("", " ".join(core)).strip()
    if hi == len(core) - 1 and not any(m[:1].isupper() or _norm(m) in _COUNTRY_KEYS for m in mods):
        if kind_word != "person" and (head in _NATIONAL_BODIES or any(_norm(m) in _NATIONAL_BODIES for m in mods)):
            demonym = b.demonym()
            if demonym and kind_word != "document" and b.org_holder(head, s) is None or demonym and kind_word == "document":
                name = f"{demonym} {name}"  # "the foreign ministry" of an Islamabad story
    issuer = _issuer(b, core, hi, e)
    if kind_word == "document":
        if issuer is not None and issuer[1]:
            b.documents.append((head, issuer[1]))
            return issuer[1]
        definite = surface.split()[0].lower() in ("the", "this", "that", "its", "their") or len(core) == 1
        if definite:
            outlet = b.outlet(s) if head in _OUTLET_DOCUMENTS and not mods else None
            if outlet is not None:
                return (outlet,)
            for noun, ids in reversed(b.documents):
                if noun == head:
                    return ids
            if not mods and b.last_org is not None and head in _ISSUED_DOCUMENTS and surface.split()[0].lower() == "the":
                # "The statement" after the council spoke: the council's (press) statement.
                org = b.entities[b.last_org].name
                adj = re.search(r"\b(?:a|an)[ \t]+([a-z]+)[ \t]+" + re.escape(head) + r"\b", b.text[max(0, s - 1500) : s])
                label = f"{org} {adj.group(1)} {head}" if adj and adj.group(1) not in DETERMINERS else f"{org} {head}"
                idx = b.add(label, SpeakerKind.DOCUMENT, alias=surface, issuer=org)
                b.documents.append((head, (idx,)))
                return (idx,)
        idx = b.add(name, SpeakerKind.DOCUMENT, alias=surface, issuer=issuer[0] if issuer else None)
        b.documents.append((head, (idx,)))
        return (idx,)
    if kind_word == "person":
        idx = b.role_holder(head, mods, s)
        first = surface.split()[0].lower()
        if idx is None and (first in ("the", "this", "that", "a", "an") or first not in DETERMINERS):
            idx = _lead_cataphora(b, s, head)  # "the US envoy", a headline's "US envoy"
        if idx is not None:
            b.alias(idx, surface, " ".join(core))
            return (idx,)
        return (b.add(_role_of(core, hi) or name, SpeakerKind.PERSON, alias=surface),)
    if kind_word in ("organization", "media") and surface.split()[0].lower() in ("the", "this", "its"):
        idx = b.org_holder(head, s)
        if idx is None and kind_word == "media":
            idx = b.outlet(s)
        if idx is not None:
            b.alias(idx, surface)
            return (idx,)
    if kind_word is None:
        plural = head.endswith("s") and not head.endswith("ss")
        kind = SpeakerKind.GROUP if plural else SpeakerKind.PERSON
    else:
        kind = SpeakerKind(kind_word) if kind_word in SpeakerKind._value2member_map_ else SpeakerKind.ORGANIZATION
    return (b.add(name, kind, alias=surface),)


def _issuer(b: _Builder, core: list[str], hi: int, e: int) -> tuple[str | None, tuple[int, ...]] | None:
    """The author of a document description: "a message by A and B" -> persons A and B
    (they are the speakers); "a survey by the polling group MORI" -> issuer MORI;
    "figures from the World Health Organization (WHO)" -> issuer World Health Organization."""
    rest = core[hi + 1 :]
    if not rest or rest[0].lower() not in ("by", "from", "of"):
        return None
    names: list[list[str]] = []
    cur: list[str] = []
    for w in rest[1:]:
        if w.lower() in ("for", "in", "on", "at", "to", "with") and names + [cur] != [[]]:
            break
        if w.lower() == "and" or w.endswith(","):
            cur.append(w.rstrip(",")) if w.endswith(",") else None
            if cur:
                names.append(cur)
            cur = []
            continue
        cur.append(w)
    if cur:
        names.append(cur)
    runs = []
    for part in names:
        part = [w for w in part if not _ACRONYM_PAREN.fullmatch(" " + w)]
        run = []
        for w in reversed(part):
            if w[:1].isupper() or _PARTICLE_NAME.match(w) or (run and w in _NAME_PARTICLES):
                run.insert(0, w)
            else:
                break
        if run:
            runs.append(run)
    if not runs:
        return None
    kinds = [classify_name(r) for r in runs]

    def person(name: str, kind: SpeakerKind) -> bool:
        if kind is not SpeakerKind.PERSON:
            return False
        full = b.full_name_for(name.split()[-1], e) if len(name.split()) < 2 else None
        return len(name.split()) >= 2 or (full is not None and len(full[0].split()) >= 2)

    if rest[0].lower() == "by" and all(person(k[0], k[1]) for k in kinds):
        return None, tuple(b.named(r, " ".join(r), e) for r in runs)
    return "; ".join(k[0] for k in kinds), ()


def _lead_cataphora(b: _Builder, s: int, head: str) -> int | None:
    """A description in the headline or lead is named later: "South Korea's new defence
    minister warned Friday. / Kim Jang-Soo, a former army chief of staff, ordered ..."
    gives the person who opens the next paragraph, else the first person named after it
    whose titles (if any) have the role."""
    text = b.text
    if s > _LEAD_CHARS:
        return None
    nl = text.find("\n", s)
    if nl < 0:
        return None
    m = re.compile(r"\n[ \t]*\n?[ \t]*").match(text, nl)
    run = _CAP_RUN_RE.match(text, m.end()) if m else None
    if run is not None and re.match(r"[ \t]*,", text[run.end() : run.end() + 2]):
        name, kind, titles = classify_name(run.group().split())
        if kind is SpeakerKind.PERSON and len(name.split()) >= 2:
            return b.add(name, kind, titles + b._appositive_titles(run.end()))
    heads = {head} | ROLE_SYNONYMS.get(head, frozenset())
    for p in b.people() + b.untitled_people():
        if p.start > s and (not p.titles or heads & {_norm(w) for t in p.titles for w in re.split(r"[\s\-]+", t)}):
            return b.add(p.name, SpeakerKind.PERSON, p.titles)
    return None


def _clause_subject(text: str, s: int, e: int | None = None) -> tuple[int, int] | None:
    """The subject opening the clause that holds ``s``: from the sentence start to the
    first comma ("Pakistan, a key US ally, on Saturday described") or to ``s`` (to ``e``
    when given: "The US State Department's coordinator on Iraq")."""
    lo = max(0, s - 300)
    start = lo
    for m in _SENTENCE_START.finditer(text, lo, s + 1):  # s + 1: the look-ahead sees text[s]
        start = m.end()
    seg = text[start : s if e is None else e]
    cut = seg.find(",")
    end = start + (cut if cut >= 0 else len(seg.rstrip()))
    if e is not None and cut >= 0:
        return None
    seg = text[start:end].strip()
    if not seg or not seg[:1].isupper() or len(seg.split()) > _MAX_SUBJECT_WORDS or start >= s:
        return None
    if _norm(seg.split()[0]) in FUNCTION_WORDS or _norm(seg.split()[0]) in JUNK_SPEAKER_WORDS:
        return None  # "For the first time ...": no subject opens this clause
    off = text.find(seg, start)
    return off, off + len(seg)


def _appositive_name(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    """ "Ericsson, the world's leading supplier, said" and "Economist at the HSBC James
    Capel trading house, Adam Cole, said": the name set off by commas next to a
    description is the speaker."""
    before = re.search(
        r"(?:^|[.!?][\"'\u201d]?[ \t]+|\n[ \t]*)(?:[\w\-]+-based[ \t]+)?((?:[A-Z][\w\u2019'\-]*[ \t]+){0,3}[A-Z][\w\u2019'\-]*),[ \t]*$",
        text[max(0, s - 80) : s],
    )
    if before:
        words = before.group(1).split()
        while len(words) > 1 and words[0].endswith("-based"):
            words = words[1:]
        if _run_kind(words) is not SpeakerKind.STATE and not is_junk_mention(words[0]):
            off = max(0, s - 80) + before.end(1) - len(" ".join(words))
            return off, off + len(" ".join(words)), " ".join(words)
    after = re.match(r",[ \t]*((?:[A-Z][\w\u2019'\-]*[ \t]+){1,3}[A-Z][\w\u2019'\-]*),", text[e : e + 80])
    if after and not is_junk_mention(after.group(1).split()[0]):
        return e + after.start(1), e + after.end(1), after.group(1)
    return None


def _sentence_subject_person(b: _Builder, lo: int, hi: int) -> tuple[int, ...]:
    """A person named as the subject of a sentence after the last speaker mention and
    before a pronoun ("Abdoulaye Ly, advisor of ..., attended ... He said"; "In his
    welcome, Havel raised ... he said")."""
    if hi - lo > 2000 or lo >= hi:
        return ()
    text = b.text
    found = None
    for m in _SENTENCE_START.finditer(text, lo, hi):
        at = m.end()
        first = re.match(r"[A-Z][a-z]*", text[at : at + 20])
        if first and _norm(first.group()) in FUNCTION_WORDS:
            comma = text.find(",", at, min(hi, at + 80))  # past an opening phrase
            if comma < 0:
                continue
            at = comma + 1 + len(text[comma + 1 : comma + 4]) - len(text[comma + 1 : comma + 4].lstrip())
        run = _CAP_RUN_RE.match(text, at, hi)
        if run is None or not re.match(r",|[ \t][a-z]", text[run.end() : run.end() + 2]):
            continue
        words = run.group().split()
        if _norm(words[0]) in FUNCTION_WORDS or _norm(words[0]) in JUNK_SPEAKER_WORDS:
            continue  # "If Mobutu goes, ...": not the subject of the sentence
        name, kind, _ = classify_name(words)
        if kind is not SpeakerKind.PERSON:
            continue
        if len(name.split()) == 1:
            full = b.full_name_for(name, run.end())
            if full is None or len(full[0].split()) < 2 or _run_kind(full[0].split()) is not SpeakerKind.PERSON:
                continue
        found = (words, run.end())
    if found is None:
        return ()
    return (b.named(found[0], " ".join(found[0]), found[1]),)


def _relative_antecedent(b: _Builder, s: int) -> tuple[int, ...]:
    """ "Smith, who said ...": the capitalised run before the comma before "who";
    "critics who say": the noun just before."""
    base = max(0, s - 80)
    m = re.search(
        r"((?:[A-Z][\w\u2019'\-]*\.?[ \t]+){0,3}[A-Z][\w\u2019'\-]*),[ \t]*$", b.text[base:s]
    )
    if m and not is_junk_mention(m.group(1).split()[0]):
        return (b.named(m.group(1).split(), m.group(1), base + m.end(1)),)
    m = re.search(r"([a-z][\w\-]*)[ \t]+$", b.text[base:s])
    if m and (m.group(1) in SPEAKER_KINDS or m.group(1) in SPEAKER_NOUNS):
        kind = SPEAKER_KINDS.get(m.group(1)) or SPEAKER_NOUNS.get(m.group(1)) or "group"
        return (b.add(m.group(1), SpeakerKind(kind), alias=m.group(1)),)
    return ()


def _role_of(core: list[str], hi: int) -> str | None:
    """ "spokeswoman for the German carrier Lufthansa" -> "Lufthansa spokeswoman": an
    unnamed role holder is named by the body they speak for."""
    post = core[hi + 1 :]
    if len(post) < 2 or post[0].lower() not in ("for", "from", "at"):
        return None
    run: list[str] = []
    for w in reversed(post[1:]):
        if w[:1].isupper() or (run and w in ("of", "for")):
            run.insert(0, w)
        else:
            break
    if not run:
        return None
    org, kind, _ = classify_name(run)
    return f"{org} {core[hi]}" if kind is not SpeakerKind.PERSON or len(run) == 1 else None


def _state_in_sentence(b: _Builder, s: int) -> tuple[int, ...]:
    """ "an action taken by China to carry out its promise": with no earlier speaker for
    "it", the last country named in the same sentence."""
    lo = max(0, s - 300)
    start = lo
    for m in _SENTENCE_START.finditer(b.text, lo, s + 1):
        start = m.end()
    found = None
    for m in _COUNTRY_RE.finditer(b.text, start, s):
        found = m
    if found is None or not found.group()[:1].isupper():
        return ()
    name = _COUNTRY_KEYS[found.group().lower()]
    if found.group().lower() != name.lower():
        return ()  # a demonym ("Chinese experts") is no state speaking
    return (b.add(name, SpeakerKind.STATE),)
