"""Looser candidate generators: attributions the precise rules leave out.

Each generator over-generates on purpose; the model (:mod:`decide`) keeps or drops
each candidate. They read the paragraphs and the rule candidates, never change them.

``SUBJECT CUE CONTENT`` at a cue word the rules framed nothing for: a verb or noun of
speech, belief, intention or evidence ("Economists believe this provides ...", "The
poll showed Trump leading ..."), from ``lexicons/loose_cues.txt``, the rule cue words
and the learned ones (``lexicons/learned_cues.txt``, :mod:`cue_lexicon`: "signed",
"named", "issued"). The content runs from past the cue (and a "that") to the sentence
end, to the first clause break, or to the first cut word
(``lexicons/loose_cut_words.txt``: "endorsed Ryan | in the primary"); all are proposed,
the model picks. With the subject before a comma ("CONTENT, analysts believe."), the
words before it are proposed as content. A cue with no subject of its own after a
comma, "and" or "to" takes the sentence's last speaker before it ("X backed Y and
praised Z"); a cue noun with no subject takes the subject of its light verb ("Clinton
unveiled a proposal to ...") or its possessor. With no earlier speaker in the sentence, a
cue after "to", "and" or a comma takes the subject of a verb just before it ("X flew to
the capital to discuss ...", note "govern"); a noun of speech with its preposition and no
speaker ("repeated attacks on X", ``lexicons/loose_noun_preps.tsv``) proposes its object
with no speaker (note "bare").

:func:`alternatives` gives other readings of a rule candidate's content (shorter to a
clause break or cut word, longer to the sentence end); the model keeps the rule
candidate or replaces its reading by a more probable alternative.
"""

from __future__ import annotations

import re

from quotewire.extract.candidates import ORIGIN_FRAME, Candidate
from quotewire.extract.frames import Frame, left_speaker
from quotewire.extract.lexicons import CUES, FUNCTION_WORDS, PRONOUNS, pairs, words
from quotewire.extract.segment import Paragraph, sentences
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok, tokenize

ORIGIN_AFTER = "loose-after"  # content to the sentence end
ORIGIN_CLAUSE = "loose-clause"  # content to the first clause break
ORIGIN_BEFORE = "loose-before"  # content before ", SPEAKER CUE"
ORIGIN_CUT = "loose-cut"  # content to the first cut word ("endorsed Ryan | in ...")
LOOSE_ORIGINS = (ORIGIN_AFTER, ORIGIN_CLAUSE, ORIGIN_BEFORE, ORIGIN_CUT)
# Shorter readings of a rule candidate's content (same cue and speaker).
ALT_CLAUSE = "alt-clause"  # to the first clause break
ALT_CUT = "alt-cut"  # to the first cut word
ALT_SENTENCE = "alt-sentence"  # on to the sentence end
ALT_NEXT = "alt-next"  # on through the next sentence of the paragraph
ALT_ORIGINS = (ALT_CLAUSE, ALT_CUT, ALT_SENTENCE, ALT_NEXT)
# Files whose words shape the candidates: part of the model's feature version.
LEXICON_FILES = (
    "loose_cues.txt", "learned_cues.txt", "loose_cut_words.txt", "loose_noun_preps.tsv"
)

LOOSE_CUES = words("loose_cues.txt") | words("learned_cues.txt") | frozenset(CUES)
_CUT_WORDS = words("loose_cut_words.txt")
# A noun of speech and its preposition with no speaker found ("fresh questions about X"):
# its object is proposed with no speaker, note "bare" (lexicons/loose_noun_preps.tsv).
_NOUN_PREPS = {n: frozenset(p.split()) for n, p in pairs("loose_noun_preps.tsv").items()}
_VISIT = LOOSE_CUES | frozenset(_NOUN_PREPS)
_WORDS = re.compile(r"[a-z]+")
_SKIP_AFTER_CUE = frozenset(["that", ",", ":"])
_CLAUSE_BREAKS = frozenset([",", ";", "\u2014", "\u2013", "(", ":"])
_MIN_CONTENT_TOKENS = 2
_QUOTE_CHARS = re.compile('["\u201c\u201d\u00ab\u00bb]')
# Inheriting the sentence's earlier speaker after these words: it cost wire dev F1 (0.857
# to 0.849) while the loose threshold could fall to 0.3; with the threshold at 0.5 or more
# it adds CV F1 0.698 -> 0.699 and keeps wire dev at 0.861 (docs/model.md).
_INHERIT_AFTER = frozenset([",", "and", "to", "but", "also", "then"])
# A cue after "to", "and" or a comma with no speaker the rules found in its sentence
# takes the subject of an earlier verb ("The governor flew to the capital to *discuss*
# ...", "Aides met the donors and *promised* ..."): note "govern". Only a subject that is
# a name or a pronoun, within a few tokens, and no quotation or clause mark crossed.
_GOVERN_SPAN = 10
_GOVERN_STOPS = frozenset([";", ":", "(", ")", "\u2014", "\u2013"])
# Cue nouns with no subject of their own (_nominal_speaker): CV F1 +0.0006 (docs/model.md).
_NOMINAL_DETS = frozenset(["a", "an", "the", "his", "her", "their", "its"])
_POSSESSIVES = frozenset(["his", "her", "their"])
_POSS_ENDS = ("'s", "\u2019s", "s'", "s\u2019")
_CLOSE = frozenset('"\u201d\u2019)')
_MAX_WINDOW_TOKENS = 200
# Real paragraphs give at most 18 loose candidates (PolNeAR train); the cap keeps the
# model's near-duplicate check linear on hostile input (one paragraph of cue words).
_MAX_PER_PARAGRAPH = 60


def _next_marks(toks: list[Tok], marks) -> list[int]:
    """Per token, the index of the first later token whose text (a clause break) or
    lower-cased word (a cut word) is in ``marks`` (``len(toks)`` if none)."""
    out = [len(toks)] * len(toks)
    nxt = len(toks)
    for k in range(len(toks) - 1, -1, -1):
        out[k] = nxt
        if toks[k].text in marks or (toks[k].kind == WORD and toks[k].low in marks):
            nxt = k
    return out


def loose_candidates(
    text: str, paras: tuple[Paragraph, ...], rule: list[Candidate]
) -> list[Candidate]:
    """Extra candidates for ``text`` at cue words no rule candidate uses as its cue.

    Refuses cue words inside a quotation (one opaque token) and contents shorter than
    two tokens (one for the cut-word end: "endorsed Ryan in ...").
    """
    taken = {c.frame.cue_start for c in rule}
    out: list[Candidate] = []
    for pi, para in enumerate(paras):
        chunk = text[para.start : para.end].lower()
        if _VISIT.isdisjoint(_WORDS.findall(chunk)):
            continue
        quotes = _quotes_of(para)
        here: list[Candidate] = []
        for ss, se in sentences(text, para.start, para.end, quotes):
            if len(here) >= _MAX_PER_PARAGRAPH:
                break
            if _VISIT.isdisjoint(_WORDS.findall(text[ss:se].lower())):
                continue
            toks = tokenize(text, ss, se, quotes)
            # Speakers the rules found in this sentence, for cues that inherit one.
            known = sorted(c.speaker for c in rule if c.speaker and ss <= c.frame.cue_start < se)
            # Windows of bounded length keep hostile input (no full stop) linear.
            for a in range(0, len(toks), _MAX_WINDOW_TOKENS):
                window = toks[a : a + _MAX_WINDOW_TOKENS]
                ends = (_next_marks(window, _CLAUSE_BREAKS), _next_marks(window, _CUT_WORDS))
                for i, t in enumerate(window):
                    if t.kind == WORD and t.low in _VISIT and t.start not in taken:
                        earlier = [x for x in known if x[1] <= t.start]
                        found, spk = _at_cue(window, ends, i, pi, earlier[-1] if earlier else None)
                        here.extend(found)
                        if spk is not None:
                            known = sorted([*known, spk])
        out.extend(here[:_MAX_PER_PARAGRAPH])
    return out


def _at_cue(
    toks: list[Tok],
    ends: tuple[list[int], list[int]],
    i: int,
    pi: int,
    earlier: tuple[int, int] | None,
) -> tuple[list[Candidate], tuple[int, int] | None]:
    """The candidates of the cue word at token ``i`` (see the module docstring), and
    the subject found before it. A passive cue ("They are convinced") is proposed with
    the note "passive"; one with no subject of its own after a comma, "and" or "to"
    takes ``earlier`` (the sentence's last speaker before it: "X backed Y and praised
    Z") with the note "inherit"; a cue noun with neither takes its light verb's subject
    or its possessor (:func:`_nominal_speaker`, notes "light", "poss"); else the subject
    of a verb just before it (:func:`_governing_subject`, note "govern"); a noun of speech
    before its preposition, with no speaker (note "bare"); else refused."""
    cue = toks[i]
    # A noun of _NOUN_PREPS alone (not a loose cue) is read only bare.
    found = left_speaker(toks, i) if cue.low in LOOSE_CUES else None
    entries = CUES.get(cue.low, ())
    cls = entries[0].cue_class if entries else "other"
    # The subject of a passive verb of saying is its addressee or its topic ("she was
    # told that ..."), never the speaker; of a passive of belief it is the believer
    # ("they are convinced that ...").
    if found is not None and found[2] and cls == "speech":
        return [], None
    if cue.low not in LOOSE_CUES:
        if not _bare_noun(toks, i):
            return [], None
        note, speaker = "bare", None
    elif found is not None:
        note = "passive" if found[2] else ""
        speaker = (toks[found[0]].start, toks[found[1] - 1].end)
    elif (nominal := _nominal_speaker(toks, i)) is not None:
        note, speaker = nominal
    elif earlier is not None and i > 0 and toks[i - 1].low in _INHERIT_AFTER:
        note, speaker = "inherit", earlier
    elif (gov := _governing_subject(toks, i)) is not None:
        note, speaker = "govern", gov
    elif _bare_noun(toks, i):
        note, speaker = "bare", None
    else:
        # Without a speaker the statement is half found (measured: speaker-span
        # accuracy fell from 0.934 to 0.877 on train with speakerless candidates).
        return [], None
    out = []
    k = i + 2 if note == "bare" else i + 1
    while k < len(toks) and toks[k].low in _SKIP_AFTER_CUE:
        k += 1
    last = len(toks) - 1
    while last >= k and toks[last].kind == PUNCT:
        last -= 1

    def add(a: int, b: int, origin: str) -> None:
        out.append(_candidate(cue, cls, toks, a, b, speaker, pi, origin, note))

    if last - k + 1 >= _MIN_CONTENT_TOKENS:
        add(k, last, ORIGIN_AFTER)
        brk = ends[0][k] if k < len(toks) else len(toks)
        if brk < last and brk - k >= _MIN_CONTENT_TOKENS:
            add(k, brk - 1, ORIGIN_CLAUSE)
        cut = ends[1][k] if k < len(toks) else len(toks)
        if cut < min(brk, last) and cut - k >= 1:
            add(k, cut - 1, ORIGIN_CUT)
    if found is not None and found[0] >= 2 and toks[found[0] - 1].text == ",":
        end = found[0] - 2
        if end + 1 >= _MIN_CONTENT_TOKENS:
            add(0, end, ORIGIN_BEFORE)
    return out, (speaker if found is not None else None)


def _governing_subject(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """The span of the subject of a lower-case word shortly before the cue at ``i``
    (which follows "to", "and" or a comma), when that subject opens with a capital or is
    a pronoun; None past a quotation, a clause mark or ``_GOVERN_SPAN`` tokens."""
    if i < 3 or toks[i - 1].low not in _INHERIT_AFTER:
        return None
    for k in range(i - 2, max(0, i - 2 - _GOVERN_SPAN), -1):
        t = toks[k]
        if t.kind == QUOTE or t.text in _GOVERN_STOPS:
            return None
        if t.kind != WORD or not t.text.islower() or t.low in FUNCTION_WORDS:
            continue
        sub = left_speaker(toks, k)
        if sub is None or sub[2]:
            continue
        head = toks[sub[0]]
        if head.text[:1].isupper() or head.low in PRONOUNS:
            return head.start, toks[sub[1] - 1].end
        return None
    return None


def _bare_noun(toks: list[Tok], i: int) -> bool:
    """Token ``i`` is a noun of ``_NOUN_PREPS`` followed by one of its prepositions."""
    preps = _NOUN_PREPS.get(toks[i].low)
    return bool(preps) and i + 1 < len(toks) and toks[i + 1].low in preps


def _nominal_speaker(toks: list[Tok], i: int) -> tuple[str, tuple[int, int]] | None:
    """(note, speaker span) of a cue noun with no subject before it: the subject of the
    light verb governing it ("Clinton unveiled a proposal to ...": note "light"), else
    its possessor ("Trump's call for ...", "his plan to ...": note "poss")."""
    if i < 1 or toks[i - 1].kind != WORD:
        return None
    prev = toks[i - 1].low
    if prev in _NOMINAL_DETS and i >= 3 and toks[i - 2].kind == WORD:
        sub = left_speaker(toks, i - 2)
        if sub is not None and not sub[2]:
            return "light", (toks[sub[0]].start, toks[sub[1] - 1].end)
    if prev in _POSSESSIVES or (prev.endswith(_POSS_ENDS) and toks[i - 1].text[:1].isupper()):
        a = i - 1
        # "Hillary Clinton's": capitalised words before the possessor belong to it.
        while a > 0 and toks[a - 1].kind == WORD and toks[a - 1].text[:1].isupper():
            a -= 1
        if a > 0 and toks[a - 1].low in ("the", "a", "an"):
            a -= 1
        return "poss", (toks[a].start, toks[i - 1].end)
    return None


def alternatives(
    text: str, paras: tuple[Paragraph, ...], rule: list[Candidate]
) -> list[Candidate]:
    """Other readings of each sentence-frame rule candidate whose one content span
    follows its cue: shorter ones (no quotation mark inside) to its first clause break
    and to its first cut word, and a longer one to its sentence's end; each differs
    from the rule's reading by at least one word. ``parent`` indexes ``rule``."""
    out: list[Candidate] = []
    sents: dict[int, list[tuple[int, int]]] = {}
    for n, c in enumerate(rule):
        fr = c.frame
        if c.origin != ORIGIN_FRAME or len(fr.content) != 1 or fr.content[0][0] < fr.cue_end:
            continue
        a, b = fr.content[0]
        ends = [] if _QUOTE_CHARS.search(text, a, b) else _shorter_ends(text, a, b)
        if c.paragraph < len(paras):
            para = paras[c.paragraph]
            if c.paragraph not in sents:
                sents[c.paragraph] = sentences(text, para.start, para.end, _quotes_of(para))
            ends += _longer_ends(text, sents[c.paragraph], b)
        for origin, e in ends:
            quoted = bool(_QUOTE_CHARS.search(text, a, e))
            alt = Frame(fr.cue_start, fr.cue_end, fr.cue_class, ((a, e),), fr.speaker,
                        fr.inherits, quoted, False)
            out.append(Candidate(alt, c.speaker, c.paragraph, origin=origin, parent=n))
    return out


def _shorter_ends(text: str, a: int, b: int) -> list[tuple[str, int]]:
    """(origin, end) of the clause-break and cut-word readings of content ``a..b``."""
    toks = tokenize(text, a, b, ())
    marks = (_next_marks(toks, _CLAUSE_BREAKS), _next_marks(toks, _CUT_WORDS))
    out: list[tuple[str, int]] = []
    for origin, nxt in zip((ALT_CLAUSE, ALT_CUT), marks):
        e = nxt[0] if toks else 0
        while e > 0 and toks[e - 1].kind == PUNCT:
            e -= 1
        if 0 < e < len(toks) and all(toks[e - 1].end != x for _, x in out):
            out.append((origin, toks[e - 1].end))
    return out


def _longer_ends(text: str, sents: list[tuple[int, int]], b: int) -> list[tuple[str, int]]:
    """(origin, end) of the readings of a content ending at ``b`` run on to its
    sentence's end and to the next sentence's end (``sents``: the paragraph's)."""
    out: list[tuple[str, int]] = []
    at = next((n for n, (s, e) in enumerate(sents) if s <= b - 1 < e), None)
    if at is None:
        return out
    for origin, n in ((ALT_SENTENCE, at), (ALT_NEXT, at + 1)):
        if n >= len(sents):
            break
        se = sents[n][1]
        while se > b and not text[se - 1].isalnum() and text[se - 1] not in _CLOSE:
            se -= 1
        if se > b and _WORDS.search(text[b:se].lower()) and all(se != x for _, x in out):
            out.append((origin, se))
    return out


def _quotes_of(para: Paragraph) -> tuple[tuple[int, int], ...]:
    """The paragraph's quotation spans, one left open running to its end."""
    if para.open_quote is None:
        return para.quotes
    return para.quotes + ((para.open_quote, para.end),)


def _candidate(
    cue: Tok,
    cls: str,
    toks: list[Tok],
    a: int,
    b: int,
    speaker: tuple[int, int] | None,
    pi: int,
    origin: str,
    note: str = "",
) -> Candidate:
    """A candidate whose content is tokens ``a..b`` (inclusive)."""
    inner = toks[a : b + 1]
    quoted = any(t.kind == QUOTE for t in inner)
    direct = all(t.kind == QUOTE or t.kind == PUNCT for t in inner) and quoted
    frame = Frame(
        cue.start,
        cue.end,
        cls,
        ((toks[a].start, toks[b].end),),
        speaker,
        False,
        quoted,
        direct,
    )
    return Candidate(frame, speaker, pi, origin=origin, note=note)
