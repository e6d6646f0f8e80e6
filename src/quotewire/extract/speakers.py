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
* pronouns -> the most recent compatible speaker or a person opening a sentence since
  ("Scrubs star Zach Braff won ..., which he wrote"), never a determiner or a possessor;
  quantifiers ("most", "several") -> the group their sentence opens with, else no one;
* junk and broken spans: calendar words, kickers and clause openers are refused or
  traced to the clause subject ("Pakistan, a key US ally, on Saturday described"), and
  trailing clauses are trimmed ("Prabakaran in his speech delivered Monday"); an adverb
  in the verb group ("The runner has not always matched") gives the subject before it;
  a sentence-opening adjective alone ("Digital" of "Digital terrestrial TV") and a
  possessive phrase cut before its head noun ("his golden economic" rule) name no one;
  nor does a capitalised sentence adverb ("Sadly comments such as ...") or a span opening
  with a past form ("interviewed", "began");
* a party affiliation before a name is a title ("Liberal Democrat Sarah Teather"), a role
  after a name with no comma too ("Dr Mike Watts head of exploration"), and a possessive
  owner ("NBC's Lester Holt"); a name the article writes with a legal form ("Goldman
  Sachs and Co", "Mannesmann AG") is a company; a name in a headline in capitals is
  read as the article writes it in mixed case.

Speaker resolution works on the article text only and is cheap: look-ups are literal
searches or regular expressions bounded to a window, and per-article scans are lazy.

Layout: this module walks the mentions and resolves each (pronouns, names, descriptions);
:mod:`speaker_names` holds name keys, title splitting and kinds, :mod:`speaker_mentions`
the clean-up of mention spans, :mod:`speaker_article` the per-article entity table and its
look-ups in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotewire.extract.lexicons import (
    DETERMINERS,
    FUNCTION_WORDS,
    JUNK_SPEAKER_WORDS,
    PRONOUNS,
    ROLE_SYNONYMS,
    ROLE_WORDS,
    SPEAKER_KINDS,
    SPEAKER_NOUNS,
    words,
)
from quotewire.extract.speaker_article import OUTLET_DOCUMENTS, ArticleSpeakers
from quotewire.extract.speaker_mentions import (
    appositive_name,
    clause_subject,
    clean_words,
    cut_before_head,
    drop_leading_junk,
    head_index,
    is_junk_mention,
    name_extent,
    not_a_phrase,
    opening_modifier,
    sentence_adverb,
)
from quotewire.extract.speaker_names import (
    ACRONYM_PAREN,
    CAP_RUN_RE,
    COUNTRY_KEYS,
    COUNTRY_RE,
    ORG_KINDS,
    NAME_PARTICLES,
    PARTICLE_NAME,
    SENTENCE_START,
    SPEAKER_WORDS,
    after_sentence_break,
    body_possessive_off,
    classify_name,
    fold_name,
    is_designator,
    is_name_word,
    is_title_word,
    known_noun,
    name_tail,
    norm,
    run_kind,
    singular_title,
    split_name,
    split_title,
    strip_det,
)
from quotewire.records import SpeakerEntity, SpeakerKind

# fold_name, split_title, classify_name, split_name and is_junk_mention are used across
# articles (tables, report) and keep this import path.
__all__ = ["classify_name", "fold_name", "is_junk_mention", "resolve_speakers", "split_name",
           "split_title"]


_ADJECTIVE_ENDINGS = tuple(sorted(SPEAKER_WORDS["adjective_suffix"]))
_LEAD_CHARS = 800  # the headline, dateline and first paragraph of a wire story
_ISSUED_DOCUMENTS = SPEAKER_WORDS["issued_document"]
_NATIONAL_BODIES = SPEAKER_WORDS["national_body"]
_AND = frozenset(["and"])
# "most", "several" as a subject: part of the group just named (read, not owned, here).
_QUANTIFIERS = words("quantifier_subjects.txt")
_GROUP_KINDS = frozenset([SpeakerKind.GROUP]) | ORG_KINDS
_IRREGULAR_PAST = words("irregular_past.txt")  # "told", "went": finite verbs
_AUXILIARIES = SPEAKER_WORDS["auxiliary"]
_SOURCE_PREPOSITIONS = SPEAKER_WORDS["source_preposition"]
_POSSESSIVES = SPEAKER_WORDS["possessive_determiner"]
_INDEFINITES = SPEAKER_WORDS["indefinite_determiner"]
_BODY_KINDS = frozenset([SpeakerKind.ORGANIZATION, SpeakerKind.MEDIA])


@dataclass
class _Context:
    """What pronouns and relatives can point back to while walking the mentions."""

    last_person: tuple[int, ...] = ()
    last_group: tuple[int, ...] = ()
    last_thing: tuple[int, ...] = ()
    last_end: int = 0
    last_body: tuple[int, ...] = ()  # the last organisation, state or outlet alone
    oblique_document: bool = False  # last_thing is a document that was no clause subject

    def update(self, b: ArticleSpeakers, ids: tuple[int, ...], start: int, end: int) -> None:
        self.last_end = end
        if not ids:
            return
        kinds = {b.entities[i].kind for i in ids}
        if len(ids) == 1 and kinds <= ORG_KINDS:
            self.last_body = ids
        if kinds & (ORG_KINDS | {SpeakerKind.DOCUMENT}):
            self.oblique_document = kinds == {SpeakerKind.DOCUMENT} and _oblique(b.text, start)
        if len(ids) > 1 or kinds & {SpeakerKind.GROUP}:
            self.last_group = ids
        if kinds == {SpeakerKind.PERSON} and len(ids) == 1:
            self.last_person = ids
        if kinds & (ORG_KINDS | {SpeakerKind.DOCUMENT}):
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
    b = ArticleSpeakers(text)
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
                norm(surface.split()[-1])
            ) != "document":
                seen[surface] = ids
        out.append(ids)
        ctx.update(b, ids, s, e)
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


def _resolve_one(b: ArticleSpeakers, surface: str, s: int, e: int, ctx: _Context, depth: int = 0) -> tuple[int, ...]:
    low = surface.lower()
    if low == "its":
        low = "it"
    pron = PRONOUNS.get(low)
    if pron is not None:
        return _pronoun(b, pron, s, ctx)
    if low in _QUANTIFIERS:
        return _quantifier(b, s, ctx, depth)
    cut = after_sentence_break(surface.split())
    if cut:  # "Salomon Brothers Inc. Ms. Applebaum": the subject after the full stop
        off = [m.start() for m in re.finditer(r"\S+", surface)][cut]
        return _resolve_one(b, surface[off:], s + off, e, ctx, depth)
    nxt = opening_modifier(b.text, s, e) if depth == 0 else None
    if nxt is not None:
        return _opening_phrase(b, nxt, s, e)
    junk = is_junk_mention(surface)
    if junk or b.text[max(0, s - 4) : s].lower().rstrip().endswith((" on", " in", " of", " at")):
        # "on Saturday described", "coordinator on Iraq": the subject opens the clause.
        sub = clause_subject(b.text, s, None if junk else e) if depth == 0 else None
        if sub is not None:
            return _resolve_one(b, b.text[sub[0] : sub[1]], sub[0], sub[1], ctx, depth + 1)
        if junk:
            return ()
    if cut_before_head(b.text, surface.split(), e):
        return ()  # "his golden economic" of "his golden economic rule"
    words = clean_words(drop_leading_junk(surface.split()))
    core = strip_det(words)
    det = surface.split()[0].lower() in DETERMINERS
    hi = head_index(core) if core else 0
    if core and depth == 0 and not_a_phrase(core[: hi + 1], det) and not is_junk_mention(" ".join(core)):
        # "... after exposing government corruption": the span is the tail of its subject
        sub = clause_subject(b.text, s, e)
        if sub is not None and sub[0] < s:
            return _resolve_one(b, b.text[sub[0] : sub[1]], sub[0], sub[1], ctx, depth + 1)
    if not core or is_junk_mention(" ".join(core)) or not_a_phrase(core[: hi + 1], det):
        return ()
    if (
        len(core) >= 3
        and surface.split()[0].lower() in ("a", "an")
        and b.text[max(0, s - 2) : s].startswith(",")
        and core[0][:1].islower()
        and core[1][:1].isupper()
        and not (is_title_word(core[0]) or known_noun(core[0]) or core[0].endswith(_ADJECTIVE_ENDINGS))
    ):
        # ", a milestone US officials hope will ...": the noun is the antecedent of a
        # relative clause whose subject is the speaker.
        core = core[1:]
        hi = head_index(core)
    nxt = re.match(r"[ \t]+([a-z]+)\b", b.text[e : e + 30])
    if nxt and norm(core[-1]) in COUNTRY_KEYS and known_noun(nxt.group(1)):
        # a span cut after its adjective: "The Palestinian" of "The Palestinian leadership"
        core = core + [nxt.group(1)]
        hi = len(core) - 1
    head_word = core[hi]
    if PARTICLE_NAME.match(head_word) and hi > 0 and core[hi - 1][:1].isupper():
        head_word = head_word.capitalize()  # "Ali al-Nuaimi"
    common = hi == 0 and (norm(head_word) in SPEAKER_KINDS or norm(head_word) in SPEAKER_NOUNS)
    if is_name_word(head_word) and not common:
        return _resolve_named(b, core, _and_extent(b, core, name_extent(core, hi)), surface, s, e)
    cut = _name_before_role(core, hi) if not det else 0
    if cut:
        idx = b.named(core[:cut], " ".join(core[:cut]), e)
        if b.entities[idx].kind is SpeakerKind.PERSON:
            b.alias(idx, surface, " ".join(core[cut:]))
            return (idx,)
    app = appositive_name(b.text, s, e)
    if app is not None:
        return (b.named(app[2].split(), app[2], app[1]),)
    return _resolve_description(b, core, hi, surface, s, e)


def _person_of(pre: list[str]) -> int:
    """ "Representative Charles B. Rangel of New York", "Bishop Ann Lee of the Diocese of
    Leeds", "Larry Eckenfelder of Prudential-Bache Securities": a personal name with a
    title (not a country adjective alone: "British Chambers of Commerce"), or of two or
    three words before a body, followed by "of" and a capitalised complement, is the
    person, the rest a title. Returns the length of the (titled) name, else 0 (the first
    "of" opens no such name: "Secretary of State Madeleine Albright", "Bank of England")."""
    for k in range(2, len(pre) - 1):
        if pre[k] != "of":
            continue
        name, kind, titles = classify_name(pre[:k])
        place = strip_det(pre[k + 1 :])
        named = [w for w in name.split() if not is_title_word(w)]  # not "Vice Minister of ..."
        if kind is not SpeakerKind.PERSON or not named or not place or not place[0][:1].isupper():
            return 0
        if any(norm(w) not in COUNTRY_KEYS for t in titles for w in t.split()):
            return k
        body = run_kind([w for w in place if w[:1].isupper()]) in _BODY_KINDS
        return k if not titles and 2 <= len(named) <= 3 and body else 0
    return 0


def _and_extent(b: ArticleSpeakers, core: list[str], i: int) -> int:
    """Last index of a name that goes on past an "and" inside it ("International
    Federation of the Red Cross and Red Crescent Societies", :meth:`ArticleSpeakers.one_name`),
    else ``i``: the capitalised words after the "and" are taken when the whole is one name."""
    if i + 2 >= len(core) or core[i + 1] != "and" or not is_name_word(core[i + 2]):
        return i
    j = i + 2
    while j + 1 < len(core) and is_name_word(core[j + 1]):
        j += 1
    run = name_tail(core[: j + 1], _AND)
    return j if "and" in run and b.one_name(run) else i


def _name_before_role(core: list[str], hi: int) -> int:
    """ "Dr Mike Watts head of exploration": a personal name of two or more words (no
    possessive, no country word: not "Latin American official") followed, with no comma
    and no determiner before it, by a lower-case role phrase whose head is a role word
    naming a person (not "campaign"). Returns the length of the name part (the person is
    the speaker, the role a title), else 0."""
    head = norm(core[hi]) if 0 < hi < len(core) else ""
    if head not in ROLE_WORDS or SPEAKER_KINDS.get(head, "person") != "person" or core[hi][:1].isupper():
        return 0
    j = hi
    while j > 0 and core[j - 1][:1].islower() and (is_title_word(core[j - 1]) or known_noun(core[j - 1])):
        j -= 1
    name = core[:j]
    if len(name) < 2 or not all(is_name_word(w) and norm(w) == w.lower() and norm(w) not in COUNTRY_KEYS for w in name):
        return 0
    named, kind, _ = classify_name(name)
    return j if kind is SpeakerKind.PERSON and len(named.split()) >= 2 else 0


def _pronoun(b: ArticleSpeakers, pron: str, s: int, ctx: _Context) -> tuple[int, ...]:
    if pron == "person":
        sub = _sentence_subject_person(b, ctx.last_end, s)
        return sub if sub else ctx.last_person
    if pron == "group":
        return ctx.last_group or ctx.last_thing
    if pron == "organization":
        if ctx.oblique_document and ctx.last_body:
            return ctx.last_body  # "According to its estimate, ... it said": the body
        return ctx.last_thing or _state_in_sentence(b, s)
    return _relative_antecedent(b, s)


def _oblique(text: str, s: int) -> bool:
    """Whether the mention at ``s`` is no clause subject but a source after a
    preposition ("according to the survey", "under the proposal") or an owner's document
    ("its estimate"), whose owner, not the document, is what a later "it said" means."""
    before = text[max(0, s - 30) : s].split()
    first = text[s : s + 12].split()[:1]
    return bool(before and before[-1].lower() in _SOURCE_PREPOSITIONS) or bool(first and first[0].lower() in _POSSESSIVES)


def _quantifier(b: ArticleSpeakers, s: int, ctx: _Context, depth: int) -> tuple[int, ...]:
    """ "International agencies have pledged support; most say ...": a quantifier subject
    stands for the group opening its sentence (a group or body), else for no one; never a name of its own."""
    sub = clause_subject(b.text, s, any_verb=True) if depth == 0 else None
    if sub is not None:
        ids = _resolve_one(b, b.text[sub[0] : sub[1]], sub[0], sub[1], ctx, depth + 1)
        if ids and all(b.entities[i].kind in _GROUP_KINDS for i in ids):
            return ids
    return ()


def _opening_phrase(b: ArticleSpeakers, nxt: str, s: int, e: int) -> tuple[int, ...]:
    """A sentence-opening modifier taken as the span ("Early" of "Early estimates from
    the World Bank put ..."): a document noun after it with its issuer ("from the World
    Bank") resolves as that document; anything else ("Digital terrestrial TV will ...")
    has no source to name."""
    if SPEAKER_KINDS.get(nxt) != "document":
        return ()
    m = re.match(r"[ \t]+" + re.escape(nxt) + r"[ \t]+((?:from|by)[ \t]+(?:the[ \t]+)?)(" + CAP_RUN_RE.pattern + ")", b.text[e : e + 120])
    if m is None:
        return ()
    core = [nxt] + m.group(1).split() + m.group(2).split()
    return _resolve_description(b, core, 0, b.text[s : e + m.end()], s, e + m.end())


def _resolve_named(b: ArticleSpeakers, core: list[str], hi: int, surface: str, s: int, e: int) -> tuple[int, ...]:
    """A mention whose head is capitalised: one or more names ("Air France-KLM and
    Alitalia", "Iran and the United States"), without trailing clauses; a company's legal
    form after it is no second name ("Goldman Sachs and Co" -> Goldman Sachs)."""
    pre = core[: hi + 1]
    pre = [w for w in pre if not ACRONYM_PAREN.fullmatch(" " + w)]
    cut = _person_of(pre)
    if cut:
        idx = b.named(pre[:cut], surface, e)
        if b.entities[idx].kind is SpeakerKind.PERSON:
            b.alias(idx, surface, " ".join(split_name(pre[:cut])[0] + pre[cut:]).strip())
            return (idx,)
    for k in range(len(pre) - 2, 0, -1):
        if pre[k] in ("and", "&") and all(is_designator(w) for w in pre[k + 1 :]):
            pre = pre[:k]  # "Goldman Sachs and Co", "Morgan Grenfell and Co Ltd": the company
            break
    if len(pre) == 1 and pre[0].strip(".").isupper() and len(pre[0]) >= 2:
        idx = b.acronym(pre[0])
        if idx is not None:
            b.alias(idx, surface)
            return (idx,)
    if len(pre) == 1:
        # A span cut inside a name ("Borders" of "Reporters Without Borders").
        rs, re_ = b.cap_run(s, e)
        grown = drop_leading_junk(strip_det(b.text[rs:re_].split()))
        if len(grown) > 1 and run_kind(grown) in ORG_KINDS and pre[0] in grown and not all(w.isupper() for w in grown):
            return (b.add(" ".join(body_possessive_off(grown)), run_kind(grown), alias=surface),)
    # "Menatep Group's managing director Tim Osborne": the last capitalised run names;
    # "the World Travel and Tourism Council" is one name, "Iran and the United States" two.
    run = name_tail(pre, _AND)
    if "and" not in run or not b.one_name(run):
        parts = [p.split() for p in re.split(r",?\s+and\s+|,\s+", " ".join(pre))]
        one = singular_title(parts[0][0]) if len(parts) > 1 and len(parts[0]) > 1 else None
        if one:  # "Presidents A and B": each is "President"
            parts = [[one] + parts[0][1:]] + [[one] + p if p and not is_title_word(p[0]) else p for p in parts[1:]]
        if len(parts) > 1 and all(
            p
            and strip_det(p)[0][:1].isupper()
            and (run_kind(strip_det(p)) is SpeakerKind.STATE or not all(is_title_word(w) for w in p))
            for p in parts
        ):
            return tuple(b.named(strip_det(p), " ".join(p), e) for p in parts)
        run = name_tail(pre)
    if not run:
        return _resolve_description(b, core, head_index(core), surface, s, e)
    if is_junk_mention(" ".join(run)):
        return ()
    prefix = pre[: len(pre) - len(run)]
    idx = b.named(run, surface, e)
    if prefix and b.entities[idx].kind is SpeakerKind.PERSON:
        b.alias(idx, surface, " ".join(prefix + split_name(run)[0]))
    return (idx,)


def _resolve_description(b: ArticleSpeakers, core: list[str], hi: int, surface: str, s: int, e: int) -> tuple[int, ...]:
    """A description headed by a common noun: a role ("the outgoing UN chief") resolves
    to its holder, "the council" to the named council, "the report" to the outlet that
    published it, "a survey by Deloitte" keeps Deloitte as issuer; otherwise the
    description itself is the (generic) speaker. An undetermined span opening with a past
    form and no known head ("interviewed", "began") names no one."""
    head = norm(core[hi])
    mods = core[:hi]
    kind_word = SPEAKER_KINDS.get(head) or SPEAKER_NOUNS.get(head)
    if kind_word is None and head in ROLE_WORDS:
        kind_word = "person"
    if kind_word is None and _verb_form(core[0]) and surface.split()[0].lower() not in DETERMINERS:
        return ()  # "interviewed", "began", "pilloried in coal country": a verb, no speaker
    if head in OUTLET_DOCUMENTS and any(SPEAKER_KINDS.get(norm(m)) == "media" for m in mods):
        kind_word = "media"  # "press reports"
    named_mods = [m for m in mods if m[:1].isupper() and norm(m) not in COUNTRY_KEYS]
    if kind_word == "media" and named_mods and named_mods == mods[len(mods) - len(named_mods) :]:
        return (b.add(" ".join(named_mods), SpeakerKind.MEDIA, alias=surface),)  # "Al-Akhbar newspaper"
    if kind_word == "group" and " and " in " ".join(core) and all(
        SPEAKER_KINDS.get(norm(p.split()[-1])) == "group" for p in " ".join(core).split(" and ")
    ):
        return tuple(b.add(p, SpeakerKind.GROUP, alias=surface) for p in " ".join(core).split(" and "))
    name = ACRONYM_PAREN.sub("", " ".join(core)).strip()
    if hi == len(core) - 1 and not any(m[:1].isupper() or norm(m) in COUNTRY_KEYS for m in mods):
        if kind_word != "person" and (head in _NATIONAL_BODIES or any(norm(m) in _NATIONAL_BODIES for m in mods)):
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
            outlet = b.outlet(s) if head in OUTLET_DOCUMENTS and not mods else None
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
        first = surface.split()[0].lower()
        idx = b.role_holder(head, mods, s, first in _INDEFINITES)
        if idx is None and (first in ("the", "this", "that", "a", "an") or first not in DETERMINERS):
            idx = _lead_cataphora(b, s, head)  # "the US envoy", a headline's "US envoy"
        if idx is not None:
            b.alias(idx, surface, " ".join(core))
            return (idx,)
        return (b.add(_role_of(core, hi) or name, SpeakerKind.PERSON, alias=surface),)
    if kind_word in ("organization", "media") and surface.split()[0].lower() in ("the", "this", "its"):
        idx = b.org_holder(head, s, mods)
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


def _issuer(b: ArticleSpeakers, core: list[str], hi: int, e: int) -> tuple[str | None, tuple[int, ...]] | None:
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
        run = name_tail([w for w in part if not ACRONYM_PAREN.fullmatch(" " + w)])
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


def _lead_cataphora(b: ArticleSpeakers, s: int, head: str) -> int | None:
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
    run = CAP_RUN_RE.match(text, m.end()) if m else None
    if run is not None and re.match(r"[ \t]*,", text[run.end() : run.end() + 2]):
        name, kind, titles = classify_name(run.group().split())
        if kind is SpeakerKind.PERSON and len(name.split()) >= 2:
            return b.add(name, kind, titles + b.appositive_titles(run.end()))
    heads = {head} | ROLE_SYNONYMS.get(head, frozenset())
    for p in b.people() + b.untitled_people():
        if p.start > s and (not p.titles or heads & {norm(w) for t in p.titles for w in re.split(r"[\s\-]+", t)}):
            return b.add(p.name, SpeakerKind.PERSON, p.titles)
    return None


def _sentence_subject_person(b: ArticleSpeakers, lo: int, hi: int) -> tuple[int, ...]:
    """A person named as the subject of a sentence after the last speaker mention and
    before a pronoun ("Abdoulaye Ly, advisor of ..., attended ... He said"; "In his
    welcome, Havel raised ... he said"; past an opening adverbial phrase: "Formerly one
    of the minister's aides, Ed Balls hinted ... He said")."""
    if hi - lo > 2000 or lo >= hi:
        return ()
    text = b.text
    found = None
    for m in SENTENCE_START.finditer(text, lo, hi):
        at = m.end()
        first = re.match(r"[A-Z][a-z]*", text[at : at + 20])
        if first and (norm(first.group()) in FUNCTION_WORDS or sentence_adverb(text, first.group())):
            comma = text.find(",", at, min(hi, at + 80))  # past an opening phrase
            if comma < 0:
                continue
            at = comma + 1 + len(text[comma + 1 : comma + 4]) - len(text[comma + 1 : comma + 4].lstrip())
        run = CAP_RUN_RE.match(text, at, hi)
        if run is None or not re.match(r",|[ \t][a-z]", text[run.end() : run.end() + 2]):
            continue
        run = _premodified_name(text, run, hi) or run
        if run.group().endswith(("'s", "\u2019s")):
            continue  # "Gordon Brown's decision ...": the owner is not the subject
        words = run.group().split()
        if norm(words[0]) in FUNCTION_WORDS or norm(words[0]) in JUNK_SPEAKER_WORDS:
            continue  # "If Mobutu goes, ...": not the subject of the sentence
        if norm(words[0]) in DETERMINERS:
            words = words[1:]  # "The Sea Inside"; "The best first ..." leaves no name
            if not words:
                continue
        name, kind, _ = classify_name(words)
        if kind is not SpeakerKind.PERSON:
            continue
        if len(name.split()) == 1:
            full = b.full_name_for(name, run.end())
            if full is None or len(full[0].split()) < 2 or run_kind(full[0].split()) is not SpeakerKind.PERSON:
                continue
        found = (words, run.end())
    if found is None:
        return ()
    return (b.named(found[0], " ".join(found[0]), found[1]),)


_PREMODIFIER_WORDS = re.compile(r"[ \t]+(?:[a-z][\w\-]*[ \t]+){1,2}(?=[A-Z])")
# A name with lower-case particles inside ("Nick Van den Brul").
_PARTICLE_RUN = re.compile(
    CAP_RUN_RE.pattern
    + r"(?:[ \t]+(?:" + "|".join(sorted(NAME_PARTICLES)) + r")[ \t]+[A-Z][\w\u2019'\-]*)*"
)


def _premodified_name(text: str, run: re.Match[str], hi: int) -> re.Match[str] | None:
    """The name after a sentence's opening modifier: "Scrubs star Zach Braff won" ->
    "Zach Braff" (a capitalised run, one or two lower-case words, then a name of two or
    more words that goes on with a comma or a lower-case word); else None."""
    gap = _PREMODIFIER_WORDS.match(text, run.end(), hi)
    if gap is None:
        return None
    name = _PARTICLE_RUN.match(text, gap.end(), hi)
    if name is None or len(name.group().split()) < 2 or not re.match(r",|[ \t][a-z]", text[name.end() : name.end() + 2]):
        return None
    if not all(_modifier_noun(w) for w in gap.group().split()):
        return None  # "Smith told Prime Minister Tony Blair": an object, not the subject
    return name


def _verb_form(word: str) -> bool:
    """A lower-case past form that is no known speaker noun: "-ed" ("interviewed",
    "pilloried") or an irregular past ("began", "took"), opening a span the statement
    rules cut from a clause, which names no one."""
    w = norm(word)
    return word[:1].islower() and not known_noun(w) and (w.endswith("ed") or w in _IRREGULAR_PAST)


def _modifier_noun(word: str) -> bool:
    """A lower-case word between a sentence's opening capitalised word and a name that
    can be a noun modifying the name ("star", "analyst", "chief executive"): a known
    speaker noun or title, or a word that is no function word, determiner or finite verb
    ("went", "told", "urged", "says", "will")."""
    w = norm(word)
    if known_noun(w) or is_title_word(w):
        return True
    return not (
        w in FUNCTION_WORDS or w in JUNK_SPEAKER_WORDS or w in DETERMINERS or w in _IRREGULAR_PAST
        or w in _AUXILIARIES or w.endswith(("ed", "s"))
    )


def _relative_antecedent(b: ArticleSpeakers, s: int) -> tuple[int, ...]:
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
    run = name_tail(post[1:])
    if not run:
        return None
    org, kind, _ = classify_name(run)
    return f"{org} {core[hi]}" if kind is not SpeakerKind.PERSON or len(run) == 1 else None


def _state_in_sentence(b: ArticleSpeakers, s: int) -> tuple[int, ...]:
    """ "an action taken by China to carry out its promise": with no earlier speaker for
    "it", the last country named in the same sentence."""
    lo = max(0, s - 300)
    start = lo
    for m in SENTENCE_START.finditer(b.text, lo, s + 1):
        start = m.end()
    found = None
    for m in COUNTRY_RE.finditer(b.text, start, s):
        found = m
    if found is None or not found.group()[:1].isupper():
        return ()
    name = COUNTRY_KEYS[found.group().lower()]
    if found.group().lower() != name.lower():
        return ()  # a demonym ("Chinese experts") is no state speaking
    return (b.add(name, SpeakerKind.STATE),)
