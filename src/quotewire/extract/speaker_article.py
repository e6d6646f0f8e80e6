"""The entity table of one article and the look-ups in its text that fill it.

:class:`ArticleSpeakers` accumulates the entities speakers resolve to (one per folded name,
collecting titles and aliases) and answers questions about the article: the fullest form of
a name (:meth:`~ArticleSpeakers.full_name_for`), its titled and untitled people, the holder
of a role (:meth:`~ArticleSpeakers.role_holder`), the named body a description refers to
(:meth:`~ArticleSpeakers.org_holder`), the outlet of a report, the name an acronym stands
for, the adjective of the story's country. Local to one call of
:func:`speakers.resolve_speakers`; its scans are lazy and bounded to windows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotewire.extract.lexicons import (
    DETERMINERS,
    ORGANIZATION_WORDS,
    ROLE_SYNONYMS,
    SPEAKER_KINDS,
    TITLE_WORDS,
    words as _lexicon_words,
)
from quotewire.extract.speaker_mentions import (
    drop_leading_junk,
)
from quotewire.extract.speaker_namesakes import apart, countries, holds, namesakes, personal, title_ranks
from quotewire.extract.speaker_names import (
    ACRONYM_PAREN,
    CAP_RUN_RE,
    body_possessive_off,
    COUNTRY_KEYS,
    COUNTRY_RE,
    DEMONYMS,
    NAME_CONNECTIVES,
    ORG_KINDS,
    SPEAKER_WORDS,
    classify_name,
    fold_name,
    has_word,
    initials,
    is_designator,
    is_shouted,
    is_title_word,
    lone_word_kind,
    norm,
    name_stops_off,
    run_kind,
    sentence_break,
    split_name,
    spelled_name,
    split_possessor,
    split_title,
    strip_det,
    strip_possessive,
    word_starts,
)
from quotewire.records import SpeakerKind


_MAX_CAP_RUN = 8
_MAX_NAME_OCCURRENCES = 200  # bounds the work per surname on hostile input
_APPOSITIVE = re.compile(r",[ \t]([^,;:()\n\u201c\u201d\"]{3,160}),")
_ANY_ORG_HEADS = SPEAKER_WORDS["any_org_head"]
OUTLET_DOCUMENTS = SPEAKER_WORDS["outlet_document"]
_TITLE_SMALL_WORDS = _lexicon_words("title_small_words.txt")  # "of", "the" in a title-case line


# The capitalised run, inner connectives allowed, that ends right before "(PNC)".
_RUN_BEFORE = re.compile(
    r"(?<![\w\u2019'])((?:[A-Z][\w\u2019'\-]*[ \t]+(?:(?:of|for|and|on|the)[ \t]+)*){0,8}[A-Z][\w\u2019'\-]*)[ \t]*$"
)
# What may stand between a name and its legal form: "Goldman Sachs and Co", "Acme, Inc.".
_DESIGNATOR_AFTER = re.compile(r",?[ \t]+(?:(?:and|&)[ \t]+)?([A-Z][A-Za-z.]{0,5})(?![\w\-])")
# One to three capitalised words after an organisation's first word ("Labour Party").
_CAPS_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w\u2019'\-]*){1,3}")
_AND_BEFORE = re.compile(r"\band[ \t]+$")
_OF_PLACE = re.compile(r"[ \t]+of[ \t]+((?:[A-Z][\w.\-]*[ \t]*){1,3})")  # "King Hussein| of Jordan"


# A person-name run found for full_name_for: name words, title words, its span, whether
# it lies inside a quotation and whether its first capital proves nothing (unproven_capital).
_Candidate = tuple[list[str], list[str], int, int, bool, bool]


@dataclass(frozen=True)
class Entity:
    key: str
    name: str
    kind: SpeakerKind
    titles: tuple[str, ...]
    aliases: tuple[str, ...]
    issuer: str | None = None


@dataclass(frozen=True)
class Person:
    """A titled person found anywhere in the text (for role descriptions)."""

    start: int
    name: str
    titles: tuple[str, ...]


class ArticleSpeakers:
    """Accumulates entities for one article (local, discarded after the call)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.documents: list[tuple[str, tuple[int, ...]]] = []  # (head noun, entity ids)
        self.names: dict[str, tuple[tuple[str, tuple[str, ...], str] | None]] = {}
        self._people: list[Person] | None = None
        self.last_org: int | None = None
        self._demonym: tuple[str | None] | None = None
        self._abbreviated: dict[str, bool] = {}  # name -> followed by its acronym somewhere
        self._candidates: dict[str, list[_Candidate]] = {}  # token -> person-name runs
        self._shouted: dict[int, bool] = {}  # line start -> written in capitals

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
                self.entities[idx] = Entity(e.key, e.name, e.kind, new_titles, aliases, e.issuer or issuer)
                return idx
        aliases = (alias,) if alias and alias != name else ()
        self.entities.append(Entity(key, name, kind, titles, aliases, issuer))
        return len(self.entities) - 1

    def alias(self, idx: int, surface: str, title: str | None = None) -> None:
        e = self.entities[idx]
        aliases = e.aliases if surface == e.name or surface in e.aliases else e.aliases + (surface,)
        titles = e.titles if not title or title in e.titles else e.titles + (title,)
        self.entities[idx] = Entity(e.key, e.name, e.kind, titles, aliases, e.issuer)

    # -- names ----------------------------------------------------------------------
    def cap_run(self, start: int, end: int) -> tuple[int, int]:
        """Grow [start, end) over neighbouring capitalised words on the same line, at
        most ``_MAX_CAP_RUN`` words each way (a long title-case run is no name, and an
        unbounded walk made "Citing Citing ..." quadratic). Backwards it also crosses
        "of" ("Archbishop of Canterbury Rowan Williams"). On a line in capitals (a wire
        headline: "HONG KONG DEFENDS CURRENCY LINK") no word is told from the next, and the
        span stays as it is."""
        text = self.text
        if self.shouted_line(start):
            return start, end
        for _ in range(_MAX_CAP_RUN):
            m = re.search(
                r"(?<![\w.])([A-Z][a-z]{0,2}\.|[A-Z][\w\u2019'\-]*|(?:de|van|von|bin|al|da|del))[ \t]+$",
                text[max(0, start - 40) : start],
            )
            if not m:
                m = re.search(r"(?<![\w.])[A-Z][\w\u2019'\-]*[ \t]+of[ \t]+$", text[max(0, start - 40) : start])
                if not m:
                    break
            if sentence_break(m.group().split()[0], text[start:end].split()[0]):
                break  # "Salomon Brothers Inc. | Ms. Applebaum"
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

    def unshouted(self, words: list[str]) -> list[str]:
        """A name in capitals as the article writes it elsewhere in mixed case ("GOLDMAN
        SACHS" -> "Goldman Sachs"), else as it is."""
        pattern = re.compile(
            r"(?<![\w\-])" + r"[ \t]+".join(re.escape(w) for w in words) + r"(?![\w\-])", re.IGNORECASE
        )
        for n, m in enumerate(pattern.finditer(self.text)):
            if n >= _MAX_NAME_OCCURRENCES:
                break
            if any(c.islower() for c in m.group()):
                return m.group().split()
        return words

    def shouted_line(self, at: int) -> bool:
        """Whether the line holding offset ``at`` is written in capitals (ten letters or
        more, none in lower case), as wire headlines are."""
        lo = self.text.rfind("\n", 0, at) + 1
        known = self._shouted.get(lo)
        if known is None:  # asked for every name run: once per line
            head = self.line_at(at)[:400]
            known = sum(map(str.isalpha, head)) >= 10 and not any(map(str.islower, head))
            self._shouted[lo] = known
        return known

    def line_at(self, at: int) -> str:
        """The line of the text holding offset ``at``, without its line break."""
        lo = self.text.rfind("\n", 0, at) + 1
        hi = self.text.find("\n", at)
        return self.text[lo : hi if hi >= 0 else len(self.text)]

    def one_name(self, words: list[str]) -> bool:
        """Whether a capitalised run with an inner "and" is one name rather than a list:
        "World Travel and Tourism Council" is one when the article follows it with an
        acronym of its initials ("(WTTC)"), or when it ends in an organisation head word,
        no determiner follows its first "and" and the part before that "and" is no complete
        name on its own (no state, organisation or outlet by its own words, and never
        written without the "and" after it). "Iran and the United States" are two.
        ``words`` must hold "and" after its first word."""
        if self.abbreviated(words):
            return True
        cut = words.index("and")
        left = words[:cut]
        if self._connective_and(words, cut):
            return True
        if not left or norm(words[-1]) not in ORGANIZATION_WORDS or any(w.endswith(",") for w in words):
            return False
        if words[cut + 1].lower() in DETERMINERS or run_kind(strip_det(left)) is not SpeakerKind.PERSON:
            return False
        return not self._written_alone(" ".join(left))

    def _connective_and(self, words: list[str], cut: int) -> bool:
        """Whether the "and" at ``cut`` joins the complement of an organisation head's
        connective ("International Federation of the Red Cross and Red Crescent Societies",
        "Ministry of Trade and Industry"): an organisation head with a connective after it
        opens the run, no determiner follows the "and", and the part after it has no
        organisation head, is no state or outlet and is never written outside this name
        ("Bank of England and Barclays" are two when "Barclays" stands alone)."""
        left, right = words[:cut], words[cut + 1 :]
        opened = any(
            norm(w) in ORGANIZATION_WORDS and nxt in NAME_CONNECTIVES for w, nxt in zip(left, left[1:])
        )
        if not opened or not right or right[0].lower() in DETERMINERS or "and" in right:
            return False
        if any(norm(w) in ORGANIZATION_WORDS for w in right) or run_kind(right) in (SpeakerKind.STATE, SpeakerKind.MEDIA):
            return False
        tail = " ".join(right)
        return all(
            _AND_BEFORE.search(self.text[max(0, at - 8) : at]) for at in word_starts(self.text, tail)
        )

    def abbreviated(self, words: list[str]) -> bool:
        """Whether the article follows the name ``words`` with an acronym of its initials,
        as it defines an organisation: "Conseil Superieur de l'Audiovisuel (CSA)"."""
        joined = " ".join(words)
        found = self._abbreviated.get(joined)
        if found is None:
            found, at = False, self.text.find(joined) if len(words) >= 2 else -1
            for _ in range(_MAX_NAME_OCCURRENCES):
                if at < 0:
                    break
                m = ACRONYM_PAREN.match(self.text, at + len(joined))
                if m and "".join(c for c in m.group() if c.isupper()) == initials(words):
                    found = True
                    break
                at = self.text.find(joined, at + 1)
            self._abbreviated[joined] = found
        return found

    def _written_alone(self, name: str) -> bool:
        """Whether ``name`` stands somewhere in the text as a whole-word run not followed
        by "and" and another capitalised word."""
        text = self.text
        at = text.find(name)
        for _ in range(_MAX_NAME_OCCURRENCES):
            if at < 0:
                return False
            end = at + len(name)
            whole = (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum()
            if whole and not re.match(r"[ \t]+and[ \t]+[A-Z]", text[end : end + 8]):
                return True
            at = text.find(name, at + 1)
        return False

    def appositive_titles(self, end: int) -> tuple[str, ...]:
        m = _APPOSITIVE.match(self.text, end, min(len(self.text), end + 170))
        if not m:
            return ()
        phrase = m.group(1).strip()
        parts = phrase.split()
        first = parts[0].lower()
        if first in DETERMINERS:
            if len(parts) < 2 or not any(is_title_word(w) or norm(w) in SPEAKER_KINDS for w in parts[1:4]):
                return ()
        elif not is_title_word(first) and not (
            first[:1].isalpha() and any(is_title_word(w) for w in parts[:3])
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
            if merged and not (is_title_word(w) or split_title(part)[0]):
                merged[-1] = merged[-1] + " and " + part
            else:
                merged.append(part)
        return tuple(merged)

    def full_name_for(self, token: str, before: int) -> tuple[str, tuple[str, ...], str] | None:
        """The fullest capitalised name containing ``token`` in the text (earliest
        occurrence with most words), its titles, and the run as written. A run inside a
        quotation, or whose first capital proves nothing (:meth:`unproven_capital`), that
        only adds words around a full name the article writes outside quotations is an
        epithet or a headline, not the name ("Crooked Hillary Clinton" in a quoted tweet,
        "Rival Hillary Clinton" opening a sentence, "Hillary Clinton" in the narrative:
        the latter)."""
        cached = self.names.get(token)
        if cached is not None:
            return cached[0]
        best = _fullest_unquoted(self.name_candidates(token))
        result = None
        if best is not None:
            name, titles, s, e, _, _ = best
            app = self.appositive_titles(e)
            result = (" ".join(strip_det(name)), tuple([" ".join(titles)] if titles else []) + app, self.text[s:e])
        self.names[token] = (result,)
        return result

    def name_candidates(self, token: str) -> list[_Candidate]:
        """Every person-name run of the text holding ``token`` as a whole word (name
        words, title words, span, quoted, unproven capital), in text order; computed once."""
        cached = self._candidates.get(token)
        if cached is not None:
            return cached
        found: list[_Candidate] = []
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
            s, e = self.cap_run(start_at, end)
            owner, words = split_possessor(drop_leading_junk(self.text[s:e].split()))
            titles, name = split_name(name_stops_off(words))
            titles = owner + titles
            if not name or run_kind(name) is not SpeakerKind.PERSON:
                continue
            found.append((name, titles, s, e, self.quoted(s), self.unproven_capital(s, name[0])))
        self._candidates[token] = found
        return found

    def namesake(self, token: str, pre: tuple[str, ...], s: int, place: str = "") -> tuple[str, tuple[str, ...]] | None:
        """The person a one-word name ``token`` with titles ``pre`` means at ``s``
        when the article names another person with that word, else None (the fullest
        form applies). A titled mention ("King Hussein") means a person whose titles are
        compatible with its rank (title_ranks: a king is no president), preferring one
        whose own mentions carry that rank, the fullest such name, or else no fuller name
        at all (itself, with its title); a country in its titles or its ``place`` ("King
        Hussein of Jordan") rules out a person whose titles name another ("Iraq's Saddam
        Hussein"). When one of the people is known only by the
        titled word ("King Hussein" beside "President Saddam Hussein"), an untitled
        mention ("Hussein", "Mr. Hussein") means the person of the nearest earlier titled
        or fuller mention of the word. Runs in quotations or opening with an unproven
        capital ("Other Bush") name no one here."""
        if is_title_word(token) or not token[:1].isupper() or len(token) < 2:
            return None
        found = [
            (strip_possessive(strip_det(c[0])), c[1], c[2]) for c in self.name_candidates(token) if not (c[4] or c[5])
        ]
        ranks = title_ranks(pre)
        where = countries(pre + (place,))
        people = namesakes(found)
        if len(people) < 2 and not (ranks and people and apart(ranks, where, people[0][1])):
            return None
        if ranks:
            same = [p for p in people if len(p[0]) > 1 and not apart(ranks, where, p[1])]
            same.sort(key=lambda p: (bool(ranks & title_ranks(p[1])), len(p[0])), reverse=True)
            return (" ".join(same[0][0]), pre) if same else (token, pre)
        before = [c for c in found if c[2] < s and (len(c[0]) > 1 or title_ranks(c[1]))]
        if not before or all(len(p[0]) > 1 for p in people):
            return None  # two full names ("Hillary Clinton", "Bill Clinton"): the fullest form
        near = before[-1]
        if len(near[0]) > 1:
            return " ".join(near[0]), ()
        return self.namesake(token, (" ".join(near[1]),), near[2])

    def unproven_capital(self, at: int, word: str) -> bool:
        """Whether the capital of ``word`` at ``at`` proves no name: it opens a sentence
        and the article writes it in lower case elsewhere ("Rival Hillary Clinton" ...
        "rival Donald Trump"), or it stands on a title-case headline line ("Chris
        Christie Calls Hillary Clinton ...")."""
        before = self.text[max(0, at - 4) : at].rstrip(" \t\u201c\"'")
        if at == 0 or not before or before[-1] in "\n.?!":
            low = word.lower()
            if low != word and has_word(self.text, low):
                return True
        line = self.line_at(at)[:300].split()
        return len(line) >= 4 and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in line if w[:1].isalpha())

    def quoted(self, at: int) -> bool:
        """Whether offset ``at`` lies inside a quotation of its paragraph: after an
        opening curly quote not yet closed, or after an odd number of straight quotes."""
        para = self.text[self.text.rfind("\n", 0, at) + 1 : at]
        opened, closed = para.rfind("\u201c"), para.rfind("\u201d")
        return opened > closed or (opened < 0 and para.count('"') % 2 == 1)

    # -- mentions -------------------------------------------------------------------
    def named(self, words: list[str], surface: str, end: int) -> int:
        """Entity for a capitalised name with any title words in front of it. Outlets,
        states and organisations keep their whole name; a person gets the fullest form of
        the name in the article; a lone unknown word with no title ("Alitalia") is an
        organisation, since wire copy introduces people by full name; an untitled name that
        opens a longer organisation name in the text ("DPC Acquisition" of "DPC Acquisition
        Partners") is that organisation. A lone title word
        ("the Republican") is the person the article gives that title ("Republican
        Donald Trump")."""
        if len(words) == 1 and is_shouted(words[0]):
            # "PENCE:" labelling a transcript turn is the article's "Mike Pence"; an
            # acronym ("IMF") has no title-case spelling in the text and stays as is.
            full = self.full_name_for(words[0].capitalize(), end)
            if full:
                return self.add(full[0], SpeakerKind.PERSON, full[1], alias=surface)
        if len(words) > 1 and all(w.isupper() for w in words):
            words = self.unshouted(words)  # "GOLDMAN SACHS" of a headline: "Goldman Sachs"
        name, kind, pre = classify_name(words)
        if not name:
            return self.add(surface, SpeakerKind.PERSON, alias=surface)
        if kind is SpeakerKind.PERSON and self.abbreviated(strip_det(words)):
            # an acronym of its initials defines a body: "Conseil National de l'Energie (CNE)"
            name, kind = " ".join(strip_det(words)), SpeakerKind.ORGANIZATION
        if kind is SpeakerKind.PERSON and not pre and len(name.split()) >= 2 and self.corporate(name):
            name, kind = self.company(name) or name, SpeakerKind.ORGANIZATION  # "Stone Container" ... Corp
        if kind is SpeakerKind.PERSON and pre and not personal(pre):
            body = self.company(" ".join(strip_det(words)))
            if body:  # "First Interstate" of "First Interstate Bancorp": no title "First"
                return self.add(body, SpeakerKind.ORGANIZATION, alias=surface)
        if kind is not SpeakerKind.PERSON:
            return self.add(name, kind, alias=surface)
        parts = name.split()
        body = self.org_name(name) if not pre and len(parts) >= 2 else name
        if body != name and run_kind(body.split()) in ORG_KINDS:  # "Acme Partners" of "Acme"
            return self.add(body, run_kind(body.split()), alias=surface)
        if len(parts) == 1:
            of = next((m for m in (_OF_PLACE.match(surface, at + len(parts[0])) for at in word_starts(surface, parts[0])) if m), None)
            pick = self.namesake(parts[0], pre, self.text.rfind(surface, 0, end), of.group(1) if of else "")
            if pick is not None:  # "King Hussein" beside "President Saddam Hussein"
                return self.add(pick[0], SpeakerKind.PERSON, pick[1], alias=surface)
        full = self.full_name_for(parts[-1], end)
        at = self.text.rfind(parts[0], 0, end)
        if full and not pre and at >= 0 and holds(parts, full[0].split()) and self.unproven_capital(at, parts[0]):
            parts = full[0].split()  # "Rival Hillary Clinton" opening a sentence: the name
        full_words = {x for w in full[0].split() for x in (w, w.split("-", 1)[-1])} if full else set()
        if full and len(full[0].split()) >= len(parts) and all(w in full_words for w in parts):
            extra = tuple(t for t in full[1] if t not in pre)
            one = len(full[0].split()) == 1 and not pre and not extra
            if one:
                return self.add(self.org_name(full[0]), lone_word_kind(full[0], self.text), alias=surface)
            body = self.company(full[0]) if not pre and not extra else None
            if body:  # "Stone" of "Stone Container" of "Stone Container Corp"
                return self.add(body, SpeakerKind.ORGANIZATION, alias=surface)
            return self.add(full[0], run_kind(full[0].split()), pre + extra, alias=surface)
        if full and len(parts) == 1 and is_title_word(parts[0]) and any(t.split()[-1] == parts[0] for t in full[1]):
            return self.add(full[0], SpeakerKind.PERSON, full[1], alias=surface)  # "the Republican"
        app = self.appositive_titles(end)
        if len(parts) == 1 and not pre and not app:
            return self.add(self.org_name(name), lone_word_kind(name, self.text), alias=surface)
        return self.add(name, SpeakerKind.PERSON, pre + app, alias=surface)

    def corporate(self, name: str) -> bool:
        """Whether the article writes ``name`` followed by a company's legal form
        (lexicons/speaker_words.tsv corporate_designator): "Goldman Sachs and Co",
        "Mannesmann AG", "Petro-Canada Inc" are companies, whatever their words."""
        text = self.text
        at = text.find(name)
        for _ in range(_MAX_NAME_OCCURRENCES):
            if at < 0:
                return False
            m = _DESIGNATOR_AFTER.match(text, at + len(name))
            if m and (at == 0 or not text[at - 1].isalnum()) and is_designator(m.group(1)):
                return True
            at = text.find(name, at + 1)
        return False

    def company(self, name: str) -> str | None:
        """The company a capitalised name means, when the article writes it with a legal
        form (:meth:`corporate`) or opening a longer organisation name (:meth:`org_name`):
        that fullest name ("Stone Container" -> "Stone Container Corp", "First Interstate"
        -> "First Interstate Bancorp"); else None."""
        body = self.org_name(name)
        if body != name and run_kind(body.split()) in ORG_KINDS:
            return body
        return name if self.corporate(name) else None

    def org_name(self, word: str) -> str:
        """The fullest organisation name that a lone word opens in the text ("Labour"
        -> "Labour Party"), else the word."""
        # What re.finditer(r"(?<![\w\-])WORD" + _CAPS_AFTER.pattern) finds, without
        # compiling a pattern per word (a tenth of speaker resolution's time).
        text = self.text
        i = text.find(word)
        while i >= 0:
            m = None
            if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-"):
                m = _CAPS_AFTER.match(text, i + len(word))
            if m is None:
                i = text.find(word, i + 1)
                continue
            words = [word] + m.group().split()
            while len(words) > 1 and norm(words[-1]) not in ORGANIZATION_WORDS and not is_designator(words[-1]):
                words = words[:-1]
            if len(words) > 1:
                return " ".join(body_possessive_off(words))  # "Ltd's"
            i = text.find(word, m.end())
        return word

    def people(self) -> list[Person]:
        """Every titled person named in the text ("spokesman Joaquim Navarro", "Juan
        Miguel Petit, the special rapporteur ..."), in text order; computed once."""
        if self._people is not None:
            return self._people
        out: list[Person] = []
        text = self.text
        for m in CAP_RUN_RE.finditer(text):
            raw = m.group()
            if " " not in raw:
                continue
            before = text[max(0, m.start() - 60) : m.start()].split()
            titled = any(is_title_word(w) for w in raw.split()[:-1]) or (before and is_title_word(before[-1]))
            if not titled and text[m.end() : m.end() + 1] != ",":
                continue  # neither a title in front nor an appositive after
            words = drop_leading_junk(strip_det(raw.split()))
            if len(words) < 2:
                continue
            name, kind, titles = classify_name(words)
            if kind is not SpeakerKind.PERSON or len(name.split()) < 2 or _not_a_person(name):
                continue
            lead: list[str] = []
            for w in reversed(before[-4:]):
                if w[:1].islower() and (is_title_word(w) or norm(w) in TITLE_WORDS):
                    lead.insert(0, w)
                else:
                    break
            pre = tuple(" ".join(lead + t.split()) for t in titles) or ((" ".join(lead),) if lead else ())
            app = self.appositive_titles(m.end())
            if pre or app:
                out.append(Person(m.start(), _sentence_dot_off(name), pre + app))
        self._people = out
        return out

    def untitled_people(self) -> list[Person]:
        """Persons named by two or more capitalised words with no title ("James Jeffrey
        told a briefing"), in text order, from the body after the lead's first line."""
        out = []
        for m in CAP_RUN_RE.finditer(self.text, self.text.find("\n") + 1):
            raw = m.group().split()
            if len(raw) < 2 or len(raw) > 4 or any(is_title_word(w) for w in raw):
                continue
            name, kind, titles = classify_name(drop_leading_junk(raw))
            if kind is SpeakerKind.PERSON and not titles and len(name.split()) >= 2 and m.start() > 0 and not _not_a_person(name):
                if self.text[m.start() - 1] not in "\n" and re.match(r"[ \t]+[a-z]|,", self.text[m.end() : m.end() + 2]):
                    out.append(Person(m.start(), _sentence_dot_off(name), ()))
        return sorted(out, key=lambda p: p.start)

    def role_holder(self, head: str, mods: list[str], s: int, indefinite: bool = False) -> int | None:
        """The person a role description ("the outgoing UN chief", "a police officer")
        refers to: a titled person whose title has the role (or a synonym) and the most
        modifiers; the nearest one before the mention, else the first after it. An
        ``indefinite`` description is another person than a holder whose title lacks one of
        its portfolio or honorific modifiers ("a deputy trade minister" is no "Foreign
        Minister X"); one with other modifiers ("a senior police official", "a U.S.
        official") introduces a new, unnamed source unless one of its modifiers or its
        head itself (not a synonym) is in the holder's title."""
        heads = {head} | ROLE_SYNONYMS.get(head, frozenset())
        want = {m for m in (norm(w).replace(".", "") for w in mods) if m and m not in _QUALIFIERS}
        want_country = {COUNTRY_KEYS[m] for m in want if m in COUNTRY_KEYS}
        marks = {m for m in want if TITLE_WORDS.get(m) in _DISTINGUISHING} if indefinite else set()
        best: tuple[int, int, str, tuple[str, ...]] | None = None
        cands = [(0, e.name, e.titles) for e in self.entities if e.kind is SpeakerKind.PERSON and e.titles]
        cands += [(p.start, p.name, p.titles) for p in self.people()]
        for pos, name, titles in cands:
            words = {norm(w).replace(".", "") for t in titles for w in re.split(r"[\s\-]+", t)}
            words |= {norm(w) for t in titles for w in t.split()}
            if not heads & words or not marks <= words:
                continue
            countries = {COUNTRY_KEYS[w] for w in words if w in COUNTRY_KEYS}
            if want_country and countries and not want_country & countries:
                continue
            score = len(want & words) + len(want_country & countries)
            if indefinite and want and not score and head not in words:
                continue  # "a U.S. official" is no "Secretary X"; "a Vatican spokesman" is "spokesman X"
            order = -abs(s - pos) if pos <= s else -10 * abs(pos - s)
            if best is None or (score, order) > (best[0], best[1]):
                best = (score, order, name, titles)
        if best is None:
            return None
        return self.add(best[2], SpeakerKind.PERSON, best[3])

    def org_holder(self, head: str, s: int, mods: list[str] | tuple[str, ...] = ()) -> int | None:
        """The named organisation a description ("the council", "the radio", "the
        group") refers to: the last earlier organisation, outlet or state whose name
        has the head word, else the nearest earlier capitalised name in the text with it.
        A country adjective among ``mods`` ("the German exchange") rules out a body whose
        name places it in another country ("London Stock Exchange"); a head that may mean
        any body ("the company") never means a state."""
        any_org = head in _ANY_ORG_HEADS
        country = next((COUNTRY_KEYS[norm(m)] for m in mods if norm(m) in COUNTRY_KEYS), None)
        for idx in range(len(self.entities) - 1, -1, -1):
            e = self.entities[idx]
            if e.kind in ORG_KINDS and (any_org or head in {norm(w) for w in e.name.split()}):
                if _foreign(e.name, country) or (any_org and e.kind is SpeakerKind.STATE):
                    continue  # a state is never "the company" or "the group"
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
        words = drop_leading_junk(strip_det(found.split()))
        name = " ".join(words)
        if len(words) < 2 or _foreign(name, country):
            return None
        kind = run_kind(words)
        return self.add(name, kind if kind is not SpeakerKind.PERSON else SpeakerKind.ORGANIZATION)

    def demonym(self) -> str | None:
        """The adjective of the story's country: the dateline's ("ISLAMABAD, Dec 30"),
        else the country named most often."""
        if self._demonym is None:
            country = None
            m = re.search(r"^([A-Z][A-Z .'\-]+),", self.text[:400], re.MULTILINE)
            if m and m.group(1).strip().lower() in COUNTRY_KEYS:
                country = COUNTRY_KEYS[m.group(1).strip().lower()]
            else:
                counts: dict[str, int] = {}
                for cm in COUNTRY_RE.finditer(self.text[:4000]):
                    c = COUNTRY_KEYS[cm.group().lower()]
                    counts[c] = counts.get(c, 0) + 1
                country = max(counts, key=lambda c: counts[c]) if counts else None
            self._demonym = (DEMONYMS.get(country) if country else None,)
        return self._demonym[0]

    def outlet(self, s: int) -> int | None:
        """The news outlet a report comes from: the last one named before ``s``, else
        the first named after it ("...: report" in a headline)."""
        found = None
        for m in CAP_RUN_RE.finditer(self.text):
            if self.text[m.start() - 1 : m.start()] == "(":
                continue  # the dateline's "(Xinhua)" is who filed the story, not a source
            words = drop_leading_junk(strip_det(m.group().split()))
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
        """The organisation an acronym stands for, from where the article defines it: "The
        IFS" -> "Institute for Fiscal Studies" of "the independent Institute for Fiscal
        Studies (IFS)", the words whose initials spell it ("The CSA" -> "Conseil Superieur de
        l'Audiovisuel"); else the capitalised run before the parenthesis ("National Civil
        Police of Guatemala (PNC)"), never one cut inside a word ("l'Audiovisuel"). A plural
        possessive's apostrophe is dropped ("Incomes Data Services' (IDS)"). None when the
        article defines no such acronym."""
        at = self.text.find("(" + word + ")")
        if at < 0:
            return None
        before = self.text[max(0, at - 160) : at]
        spelled = spelled_name(word, before)
        m = None if spelled else _RUN_BEFORE.search(before)
        if not spelled and not m:
            return None
        words = strip_possessive(drop_leading_junk(strip_det(spelled or m.group(1).split())))
        kind = run_kind(words)
        return self.add(" ".join(words), kind if kind is not SpeakerKind.PERSON else SpeakerKind.ORGANIZATION)


def _fullest_unquoted(found: list[_Candidate]) -> _Candidate | None:
    """The candidate with most name words, earliest first, skipping a run whose capitals
    prove nothing (quoted, opening a sentence, on a title-case headline) and whose name
    only adds words around a name of two words or more written outside quotations (an
    epithet or nickname before the name: "Crooked Hillary Clinton" beside "Hillary
    Clinton"; a headline's "Chris Christie Calls Hillary Clinton")."""
    unquoted = [c[0] for c in found if not c[4] and len(c[0]) >= 2]
    best = None
    for cand in found:
        name = cand[0]
        if (cand[4] or cand[5]) and any(holds(name, u) for u in unquoted):
            continue
        if best is None or len(name) > len(best[0]):
            best = cand
    return best


def _foreign(name: str, country: str | None) -> bool:
    """Whether ``name`` names a country or capital other than ``country`` ("London
    Stock Exchange" for Germany); never when no country is wanted."""
    return country is not None and any(
        COUNTRY_KEYS[m.group().lower()] != country for m in COUNTRY_RE.finditer(name)
    )


def _not_a_person(name: str) -> bool:
    """A run with a possessive word ("Orson Welles' Macbeth", "Luis Bunuel's The
    Adventures") names what someone owns; one with a sentence end inside ("Twin Peaks.
    He", "Election Law. The"; not "Gen." or "St.") runs over two sentences: neither is a
    person's name."""
    words = name.split()
    return any(w.endswith(("'s", "\u2019s", "s'", "s\u2019")) for w in words) or any(
        w.endswith(".") and len(w) > 3 and not is_title_word(w) for w in words[:-1]
    )


def _sentence_dot_off(name: str) -> str:
    """ "Doris Crouse-Mays." at a sentence end -> "Doris Crouse-Mays" ("Jr." keeps its dot)."""
    return name[:-1] if name.endswith(".") and len(name.split()[-1]) > 4 else name


_QUALIFIERS = frozenset(w for w, c in TITLE_WORDS.items() if c == "qualifier")
# title_words classes that tell role holders apart ("trade", "deputy")
_DISTINGUISHING = frozenset(["portfolio", "honorific"])
