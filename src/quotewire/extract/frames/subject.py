"""The speaker of the general construction ``SPEAKER CUE (that) CONTENT``: the noun
phrase before the cue, an appositive's name, the subject of a catenative or purpose
infinitive, or the sentence's or an earlier frame's subject ("..., adding that",
"... and said"); passives ("was quoted as saying", "was reported by X", "is expected
to") are read here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotewire.extract.frames.bounds import _clause_end, _quoted_as_saying
from quotewire.extract.frames.lexical import (
    _before_adverbs,
    _catenative_at,
    _comma_before,
    _digit_comma,
    _main_verb,
    _verb_form,
)
from quotewire.extract.frames.model import Frame, Site, _Cue, _frame
from quotewire.extract.frames.patterns import _asked_frame
from quotewire.extract.frames.phrases import (
    _appositive_speaker,
    _clause_subject,
    _sentence_subject,
    left_speaker,
    light_verb_subject,
    right_speaker,
)
from quotewire.extract.frames.words import _BE, _BY_PASSIVES, _ING_SUBORDINATORS
from quotewire.extract.lexicons import ADVERBS, CUE_NOUNS, words
from quotewire.extract.tokens import QUOTE, WORD, Tok

_INFINITIVE_CUES = words("infinitive_cues.txt")
_ADJECTIVE_CATENATIVES = words("adjective_catenatives.txt")
_DEGREE_WORDS = frozenset(["more", "less", "most", "too", "so", "very", "all", "only"])
_SUBJECT_PASSIVES = _BY_PASSIVES | words("subject_passive_cues.txt")


@dataclass(slots=True)
class Subject:
    """Who a general-construction cue is attributed to: ``speaker`` (a token span, None
    when ``inherits``: the earlier frame's speaker), the cue (extended over "as saying"
    after "was quoted") and where its content must stop (a clause subject's comma)."""

    cue: _Cue
    speaker: tuple[int, int] | None
    inherits: bool
    limit: int


def read_subject(s: Site) -> Subject | Frame | None:
    """The cue's subject, or the answer itself when a passive decides the cue (a frame
    with the agent or no one as its source, or None: a passive is refused)."""
    left = _left_subject(s)
    if left is None:
        return _inherited_subject(s)
    st, e, passive = left
    toks, cue = s.toks, s.cue
    if passive and _quoted_as_saying(toks, cue.i, cue.j):
        # "Q," X was quoted as saying: X is the speaker, the frame is active.
        passive, cue = False, _Cue(cue.i, cue.j + 2, cue.entry)
    if passive:
        return _passive_frame(s, st, e)
    if toks[e - 1].text[:1].isdigit() and toks[cue.i].low.endswith("ed"):
        return None  # "758 pledged delegates": a participle, not a verb
    return Subject(cue, (st, e), False, s.limit)


def _left_subject(s: Site) -> tuple[int, int, bool] | None:
    """The speaker before the cue: the noun phrase right before it, else an appositive's
    name ("Bush, Florida's former governor, also attacked"), the subject of a
    catenative ("Lewandowski continued to assert") or of a purpose infinitive ("The
    engineers gathered on Monday to explain")."""
    toks, cue, i = s.toks, s.cue, s.cue.i
    prev = toks[i - 1] if i > 0 else None
    left = left_speaker(toks, i)
    if left is None and prev is not None and prev.text == "," and not (
        toks[i].low.endswith("ing") and (s.earlier or _sentence_subject(toks, i) is not None)
    ):
        # "..., saying": a participle takes the sentence's subject (below), not the
        # noun phrase before its comma.
        left = _appositive_speaker(toks, i - 1)
    if left is None and prev is not None and prev.kind == QUOTE and _comma_before(prev) and i >= 3:
        # "Mr. Manafort, citing ''the unique magic of Trump,'' said": the appositive
        # ends in a quotation that carries the closing comma.
        left = _appositive_speaker(toks, i)
    if left is None:
        # "Bush, Florida's former governor, also attacked ..." / "X, who spoke ...,
        # did not mention ...": auxiliaries and adverbs between the appositive's
        # closing comma and the cue.
        c = _before_adverbs(toks, i)
        if c is not None and c < i - 1 and toks[c].text == ",":
            left = _appositive_speaker(toks, c)
    if left is None and _catenative_at(toks, i):
        # "Lewandowski continued to assert that ...": the subject of the verb before "to".
        v = i - 3 if toks[i - 2].low == "on" else i - 2
        left = left_speaker(toks, v)
        if left is None and v > 0 and toks[v - 1].text == ",":
            left = _appositive_speaker(toks, v - 1)
    if left is None and toks[i].low in CUE_NOUNS:
        left = light_verb_subject(toks, i)
    if left is None:
        left = _adjective_catenative(toks, i)
    if left is None and i >= 3 and toks[i - 1].low == "to" and toks[i - 2].kind == WORD:
        # "The engineers gathered on Monday to explain the design": a purpose infinitive
        # whose subject opens the sentence.
        subj = _sentence_subject(toks, i - 1)
        if (
            subj is not None
            and cue.entry.cue_class == "speech"
            and toks[i].low in _INFINITIVE_CUES
        ):
            e = subj[0] + 1
            while e < subj[1] and not _main_verb(toks[e]):
                e += 1
            left = (subj[0], e, False)
        elif subj is None and cue.entry.cue_class == "speech":
            # "..., Hillary Clinton took to Twitter to say thanks": the subject of the
            # finite verb the infinitive hangs off, when no subject opens the sentence.
            near = _coordinated_subject(toks, i - 1, ("past", "3sg"))
            left = None if near is None else (near[0], near[1], False)
    return left


def _adjective_catenative(toks: list[Tok], i: int) -> tuple[int, int, bool] | None:
    """ "Trump was quick to add that ...", "Voters are more likely to say ...": the
    subject of "be" before an adjective (``adjective_catenatives.txt``) whose infinitive
    is cue ``i``; the cue is active though "be" precedes it."""
    if i < 4 or toks[i - 1].low != "to" or toks[i - 2].low not in _ADJECTIVE_CATENATIVES:
        return None
    a = i - 2
    while a > 0 and toks[a - 1].low in _DEGREE_WORDS:
        a -= 1
    if toks[a - 1].low not in _BE:
        return None
    left = left_speaker(toks, a)
    return None if left is None else (left[0], left[1], False)


def _passive_frame(s: Site, st: int, e: int) -> Frame | None:
    """A passive cue whose subject is [st, e): "X is expected to win" (no speaker),
    "X was asked whether ..." (the question), "The meeting was first reported by
    Politico" (the agent is the source), "A road closure was announced for May" (the
    clause, no source); any other passive is refused."""
    toks, cue, limit, qpos = s.toks, s.cue, s.limit, s.qpos
    i, j = cue.i, cue.j
    if toks[i].low in ("expected", "said") and j < len(toks) and toks[j].low == "to":
        # "X is expected to win", "X was said to be furious": an unattributed
        # expectation or report; annotators mark the subject and the infinitive as
        # content, with no speaker.
        return _frame(toks, cue, [(0, e), (j, _clause_end(toks, j, limit))], None, False, qpos)
    if toks[i].low == "asked":
        # "X was asked whether ...": the question is content, the asker unknown.
        return _asked_frame(toks, cue, limit, qpos)
    if j + 1 < limit and toks[j].low == "by" and toks[i].low in _BY_PASSIVES:
        # "The meeting was first reported by Politico.": the subject is the
        # reported content, the agent its source.
        agent = right_speaker(toks, j + 1)
        if agent is not None:
            return _frame(toks, cue, [(st, e)], agent, False, qpos)
    if toks[i].low in _SUBJECT_PASSIVES:
        # "A road closure was announced for May": with no agent, the passive
        # clause up to its next comma is the content, its source unnamed. Dev +3,
        # train +23 matches (F1 +0.0008 / +0.0002).
        end = j
        while end < limit and toks[end].text not in ",;:":
            end += 1
        return _frame(toks, cue, [(st, end)], None, False, qpos)
    return None


def _inherited_subject(s: Site) -> Subject | None:
    """With no speaker before the cue: "..., adding that ..." / "... and added that ..."
    inherit the earlier frame's speaker; "Kaine decried that math, saying ..." / "...
    and said ..." take the sentence's subject (or a clause's: "..., and when Rubio
    thanked Miami and said A"); anything else is refused."""
    toks, cue, i = s.toks, s.cue, s.cue.i
    prev = _conjunction_before(toks, i)
    if prev is None:
        return None
    # '... a defense of "city values," saying A': the quotation holds the comma
    # (train +4 matches, dev unchanged).
    quote_comma = toks[i - 1].kind == QUOTE and toks[i - 1].text[:-1].rstrip().endswith(",")
    ing = toks[i].low.endswith("ing")
    joins = (
        ((prev.text in ",\u2014\u2013" or quote_comma) and ing)
        or (prev.low in _ING_SUBORDINATORS and ing)
    )
    if s.earlier and (joins or prev.low in ("and", "but")):
        return Subject(cue, None, True, s.limit)  # "... sings to Clinton before asking her, Q"
    if not (joins or (cue.entry.cue_class == "speech" and prev.low in ("and", "but", "then"))):
        return None
    # "Kaine decried that math, saying ..." / "... and said ...": the subject opening
    # the sentence.
    speaker = _sentence_subject(toks, i)
    limit = s.limit
    if speaker is None and prev.low == "and":
        speaker = _clause_subject(toks, i - 1)
        if speaker is not None:
            # The clause closes at its next comma ("..., and said A, did not").
            for x in range(cue.j, min(limit, cue.j + 40)):
                if toks[x].text == "," and not _digit_comma(toks, x):
                    limit = x
                    break
        else:
            speaker = _coordinated_subject(toks, i - 1, (_verb_form(toks[i].low),))
    elif speaker is None and joins:
        # "A Democrat, Ann Lee has taken a swipe at the plan, saying ...": the subject
        # of the finite verb before the participle's comma.
        speaker = _coordinated_subject(toks, i - 1, ("past", "3sg"))
    return None if speaker is None else Subject(cue, speaker, False, limit)


# "A month later, he paid a visit to the border in Laredo, Texas and explained ...":
# the coordinated verb before the cue is at most this far back.
_MAX_COORDINATION = 30


def _coordinated_subject(
    toks: list[Tok], conj: int, forms: tuple[str, ...]
) -> tuple[int, int] | None:
    """The subject of the nearest earlier verb of one of ``forms`` (tenses) before token
    ``conj``, an "and" or a participle's comma ("A month later, he paid a visit ... and
    explained why ..."): a noun phrase opening the sentence or a clause after a comma
    or dash. None past a quotation, a semicolon or colon, or when no verb has one."""
    forms = tuple(f for f in forms if f in ("past", "3sg"))
    if not forms:
        return None
    for v in range(conj - 1, max(0, conj - _MAX_COORDINATION), -1):
        t = toks[v]
        if t.kind == QUOTE or t.text in ";:":
            return None
        if t.kind != WORD or not t.text.islower() or _verb_form(t.low) not in forms:
            continue
        left = left_speaker(toks, v)
        if (
            left is not None
            and not left[2]
            and (left[0] == 0 or toks[left[0] - 1].text in ",\u2013\u2014")
            and toks[left[0]].low not in ("who", "which", "that")
        ):
            return left[0], left[1]
    return None


def _conjunction_before(toks: list[Tok], i: int) -> Tok | None:
    """The token joining cue ``i`` to what comes before: the one right before it, or,
    after adverbs, the "and"/"but"/"then" before them ("... and repeatedly says") or
    a comma before a participle ("..., even suggesting that ...")."""
    if i == 0:
        return None
    prev = toks[i - 1]
    if prev.kind == WORD and (prev.low in ADVERBS or prev.low.endswith("ly")):
        b = _before_adverbs(toks, i)
        if b is not None and (
            toks[b].low in ("and", "but", "then")
            or (toks[b].text == "," and toks[i].low.endswith("ing"))
        ):
            prev = toks[b]
    return prev
