"""Quotations no frame of their sentence covers, read by their layout alone.

The pattern handlers read a sentence cue by cue; a cue they cannot read (a speaker
with an aside the subject reader stops at, a capitalised name word that is also a cue,
"Hope Hicks said") leaves the sentence's quotation unattributed even where the layout
says whose it is. These layouts are read here, the first two only for a quotation no
frame of the sentence holds:

- ``“Q,” SPEAKER VERB ...`` / ``“Q,” VERB SPEAKER``: a quotation opening the sentence
  (or right after the writer's colon) closed by a comma, "?" or "!", then, within a few
  words, a lower-case verb of saying (a listed cue with the ``post`` flag, a word of
  ``lexicons/tail_cues.txt``, or, after a short subject, an unlisted past-tense verb
  before a trailing adjunct);
- ``SUBJECT ...: “Q”``: a closing quotation after a colon (``colon._colon_quote_frame``);
- ``... NAMING-WORD (,|:) “Q”``: a quotation right after a word that names a wording
  (``lexicons/naming_cues.txt``: "a sign reading", "chants of", "the slogan"), whatever
  frames cover it, unless a frame is read at that word already.
"""

from __future__ import annotations

from quotewire.extract.frames.colon import _colon_quote_frame
from quotewire.extract.frames.lexical import _is_trailing
from quotewire.extract.frames.model import Frame
from quotewire.extract.frames.phrases import left_speaker, right_speaker
from quotewire.extract.frames.unlisted import _closes_utterance, _past_verb, _subject_before
from quotewire.extract.lexicons import CUES, DETERMINERS, FUNCTION_WORDS, PRONOUNS, words
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok

# Verb forms of saying read only in this layout ("a voice-over states", "the Saudis
# state in the paper"): too ambiguous to be cues elsewhere.
TAIL_CUES = words("tail_cues.txt")
NAMING_CUES = words("naming_cues.txt")
# A speaker between the quotation and its verb: "the Florida senator and Republican
# presidential candidate", "Katie Packer, who is chairman of Our Principles PAC".
_MAX_SPEAKER_TOKENS = 12
_SPEAKER_PUNCT = frozenset(",.-()'\u2019")


def uncovered_quote_frames(toks: list[Tok], frames: list[Frame], colon_tried: bool) -> list[Frame]:
    """Frames for the sentence's opening or closing quotation when no frame in
    ``frames`` holds it (see the module docstring); [] otherwise. ``colon_tried``: the
    caller read the colon layout already (its frames, if any, are in ``frames``)."""
    out = []
    tail = _opening_quote_tail(toks)
    # A frame read at a cue before the writer's colon does not hold the quotation after
    # it: only the frames after the quotation's start count.
    if tail is not None:
        later = [fr for fr in frames if fr.cue_start > tail.content[0][0]]
        if not _covered(tail, later):
            out.append(tail)
    if not colon_tried:
        out += [fr for fr in _colon_quote_frame(toks) if not _covered(fr, frames + out)]
    framed = {fr.cue_start for fr in frames}
    out += [fr for fr in _named_quotes(toks) if fr.cue_start not in framed]
    return out


_NAMING_LINKS = frozenset(["of", "is", "was"])


def _named_quotes(toks: list[Tok]) -> list[Frame]:
    """ 'the slogan “Q”', 'a sign reading, “Q”', 'chants of “Q”': the quotation after a
    naming word, its speaker the noun phrase before that word (or none)."""
    out = []
    for k, t in enumerate(toks):
        if t.kind != QUOTE or k == 0:
            continue
        j = k - 1
        if toks[j].text in ",:" and j > 0:
            j -= 1
        if toks[j].low in _NAMING_LINKS and j > 0:
            j -= 1  # "chants of “Q”", "the slogan is “Q”"
        if toks[j].kind != WORD or not (toks[j].low in NAMING_CUES or _relative_read(toks, j)):
            continue
        left = left_speaker(toks, j)
        spk = (toks[left[0]].start, toks[left[1] - 1].end) if left else None
        content = ((t.start, t.end),)
        out.append(Frame(toks[j].start, toks[j].end, "speech", content, spk, False, True, True))
    return out


def _relative_read(toks: list[Tok], j: int) -> bool:
    """ "a sign that read “Q”": the ambiguous "read" names a wording in a relative
    clause only."""
    return toks[j].low == "read" and j > 0 and toks[j - 1].low in ("that", "which")


def _covered(fr: Frame, frames: list[Frame]) -> bool:
    a, b = fr.content[0]
    return any(s < b and e > a for other in frames for s, e in other.content)


def _cue_at(t: Tok) -> str | None:
    """The cue class of a lower-case verb of saying at ``t``, or None."""
    if t.kind != WORD or not t.text.islower():
        return None
    for entry in CUES.get(t.low, ()):
        if len(entry.words) == 1 and entry.post:
            return entry.cue_class
    return "speech" if t.low in TAIL_CUES else None


def _opening_quote_tail(toks: list[Tok]) -> Frame | None:
    """ '“Q,” SPEAKER VERB ...' or '“Q,” VERB SPEAKER': the frame, or None."""
    n = len(toks)
    q = 0
    if toks and toks[0].kind != QUOTE:
        # '... his former wife: “Q,” he told the paper.': the writer's colon first.
        q = next((x + 1 for x in range(1, min(n - 2, 30)) if toks[x].text == ":"), 0)
    if n - q < 3 or toks[q].kind != QUOTE or not _closes_utterance(toks[q]):
        return None
    a = q + 1
    for v in range(a, min(n, a + _MAX_SPEAKER_TOKENS + 1)):
        t = toks[v]
        if t.kind == QUOTE or (t.kind == PUNCT and t.text not in _SPEAKER_PUNCT):
            return None
        cls = _cue_at(t)
        unlisted = cls is None and _past_verb(t) and _is_trailing(toks, v + 1, n)
        if cls is None and not unlisted:
            continue
        if v == a:
            spk = right_speaker(toks, v + 1) or _short_rest(toks, v + 1)
            if spk is None:
                return None
        elif _speaker_words(toks, a, v) and (cls is not None or _subject_before(toks, a, v)):
            spk = (a, v)
        else:
            return None
        return _frame(toks, q, v, cls or "speech", spk)
    return None


def _short_rest(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """ '“Q,” tweeted another.': the few words closing the sentence after an inverted
    verb, when they are no noun phrase the phrase reader knows."""
    e = len(toks)
    while e > k and toks[e - 1].kind == PUNCT:
        e -= 1
    if not 0 < e - k <= 3 or any(t.kind != WORD for t in toks[k:e]):
        return None
    return k, e


def _speaker_words(toks: list[Tok], a: int, v: int) -> bool:
    """Tokens [a, v) can name a speaker: they open with a capitalised word, a pronoun, a
    determiner or a number, or with a lower-case title before a name ("county clerk
    Ann Lee")."""
    first = toks[a]
    if first.kind != WORD:
        return False
    if v - a == 1:
        return first.text[:1].isupper() or first.low in PRONOUNS
    if first.low in DETERMINERS:
        return first.low not in ("that", "this")
    return (
        first.text[:1].isupper()
        or first.text[:1].isdigit()
        or first.low not in FUNCTION_WORDS
        and any(t.text[:1].isupper() for t in toks[a + 1 : v])
    )


def _frame(toks: list[Tok], qi: int, v: int, cls: str, spk: tuple[int, int]) -> Frame:
    q = toks[qi]
    e = spk[1]
    while e > spk[0] + 1 and toks[e - 1].text in ",":
        e -= 1
    return Frame(
        toks[v].start,
        toks[v].end,
        cls,
        ((q.start, q.end),),
        (toks[spk[0]].start, toks[e - 1].end),
        False,
        True,
        True,
    )
