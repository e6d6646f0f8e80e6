"""Statement (quotation and reported speech) extraction: the extractor's entry point.

``extract_statements(text)`` reads the exact article text and returns every attribution
it finds with character offsets into that text, plus the article's resolved speakers.

Pipeline (each step its own module, all pure):
  segment.body_paragraphs  header/byline/dateline removal, paragraphs, quote pairing
  segment.sentences        sentence spans that never cut a quotation
  tokens.tokenize          words + one Q token per quotation
  frames.sentence_frames   cue + speaker + content patterns within a sentence
  (here)                   follow-on quotations, colon introductions, kinds, sorting
  speakers.resolve_speakers mentions -> entities
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotewire.extract.frames import PREP_NOUNS, Frame, colon_intro_speaker, sentence_frames
from quotewire.extract.lexicons import CUE_FIRST_WORDS, LEXICON_SHA256, THAT_NOUNS
from quotewire.extract.segment import Paragraph, body_paragraphs, sentences
from quotewire.extract.speakers import resolve_speakers
from quotewire.extract.tokens import PUNCT, QUOTE, tokenize
from quotewire.records import ArticleExtraction, CueClass, StatementKind, StatementMention

EXTRACTOR_VERSION = "statements-0.4+lex-" + LEXICON_SHA256[:12]

_WORDS = re.compile(r"[a-z]+")
_TRIGGERS = CUE_FIRST_WORDS | THAT_NOUNS | frozenset(PREP_NOUNS) | {"according"}
# A wholly quoted paragraph after a direct quotation continues that speaker; one of at
# least this many words, to skip headings and scare quotes.
_MIN_FOLLOW_ON_WORDS = 4
_MAX_SENTENCE_TOKENS = 200


@dataclass(frozen=True)
class _Found:
    frame: Frame
    speaker: tuple[int, int] | None
    paragraph: int


def extract_statements(text: str) -> ArticleExtraction:
    """All statements in ``text`` (sorted by content start) and their speakers.

    Offsets index the exact ``text`` given. Header lines, bylines and datelines never
    yield statements. Refuses (skips) cues with no recoverable speaker, passive cues,
    scare quotes outside an attribution, and quotations left open with no continuation.
    """
    paras = body_paragraphs(text)
    found: list[_Found] = []
    pending_colon: _Found | None = None
    for pi, para in enumerate(paras):
        quotes = _paragraph_quotes(para)
        if pending_colon is not None:
            found.append(_fill_colon(pending_colon, text, para, quotes, pi))
            pending_colon = None
            continue
        if not quotes and _no_cue(text, para.start, para.end):
            continue
        for ss, se in sentences(text, para.start, para.end, quotes):
            # Tokenising is the costly step: skip sentences with no cue and no quote.
            if _no_cue(text, ss, se) and not any(qs < se and qe > ss for qs, qe in quotes):
                continue
            toks = tokenize(text, ss, se, quotes)
            frames = _frames_bounded(toks)
            if (
                not frames
                and se == para.end
                and pi + 1 < len(paras)
                and _wholly_quoted(paras[pi + 1])
            ):
                intro = colon_intro_speaker(toks)
                if intro is not None:
                    colon = toks[-1]
                    spk = (toks[intro[0]].start, toks[intro[1] - 1].end)
                    frames = [Frame(colon.start, colon.end, "speech", (), spk, False, False, False)]
            if not frames:
                if _is_bare_quote(
                    toks, 1 if found and found[-1].paragraph == pi else _MIN_FOLLOW_ON_WORDS
                ):
                    _attach_follow_on(found, toks, pi)
                continue
            if ss == para.start and se < para.end:
                frames = [_whole_turn(text, fr, para) for fr in frames]
            prev_speaker: tuple[int, int] | None = None
            for fr in frames:
                speaker = prev_speaker if fr.inherits else fr.speaker
                prev_speaker = speaker
                item = _Found(fr, speaker, pi)
                if not fr.content:
                    pending_colon = item
                    continue
                found.append(item)
    found = _dedupe(found)
    found.sort(key=lambda f: (f.frame.content[0][0], f.frame.cue_start))
    entities, ids = resolve_speakers(text, [f.speaker for f in found])
    statements = tuple(_mention(text, f, e) for f, e in zip(found, ids))
    return ArticleExtraction(statements=statements, speakers=entities)


def _whole_turn(text: str, fr: Frame, para: Paragraph) -> Frame:
    """A "NAME: ..." line opening a paragraph (transcripts, "Q:"-style interviews) is
    a speaker's turn: its content runs to the paragraph end, not the first sentence."""
    if (
        fr.cue_end - fr.cue_start != 1
        or text[fr.cue_start] != ":"
        or fr.speaker is None
        or fr.speaker[0] != para.start
        or text[fr.speaker[1] : fr.cue_start].strip()  # "NAME:" itself, not "X did Y:"
        or len(fr.content) != 1
    ):
        return fr
    end = para.end
    if text[end - 1] in ".!?" and text[end - 2 : end - 1] not in ".!?":
        end -= 1  # frames trim a closing full stop; keep the same convention
    return _extend_to(fr, end)


def _extend_to(fr: Frame, end: int) -> Frame:
    return Frame(
        fr.cue_start,
        fr.cue_end,
        fr.cue_class,
        ((fr.content[0][0], max(end, fr.content[0][1])),),
        fr.speaker,
        fr.inherits,
        fr.quoted,
        fr.direct,
    )


def _no_cue(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` has no cue word and no colon (a "Name: ..." line)."""
    chunk = text[start:end]
    return ":" not in chunk and _TRIGGERS.isdisjoint(_WORDS.findall(chunk.lower()))


def _frames_bounded(toks: list) -> list[Frame]:
    """Frames of a sentence, read in windows of at most ``_MAX_SENTENCE_TOKENS``.

    Frame search is quadratic in the cues of one sentence; real sentences are short,
    so capping the window keeps hostile input (a megabyte with no full stop) linear.
    """
    if len(toks) <= _MAX_SENTENCE_TOKENS:
        return sentence_frames(toks)
    out: list[Frame] = []
    for a in range(0, len(toks), _MAX_SENTENCE_TOKENS):
        out.extend(sentence_frames(toks[a : a + _MAX_SENTENCE_TOKENS]))
    return out


def _wholly_quoted(para: Paragraph) -> bool:
    """A paragraph that opens with a quotation mark running (nearly) to its end."""
    quotes = _paragraph_quotes(para)
    return bool(quotes) and quotes[0][0] == para.start and quotes[-1][1] >= para.end - 2


def _paragraph_quotes(para: Paragraph) -> tuple[tuple[int, int], ...]:
    """Closed quotations plus one left open at the paragraph end (continued quote)."""
    if para.open_quote is None:
        return para.quotes
    return para.quotes + ((para.open_quote, para.end),)


def _is_bare_quote(toks: list, min_words: int) -> bool:
    words = [t for t in toks if t.kind != PUNCT]
    return len(words) == 1 and words[0].kind == QUOTE and len(words[0].text.split()) >= min_words


def _attach_follow_on(found: list[_Found], toks: list, pi: int) -> None:
    """A sentence that is only a quotation continues the last quoted statement of the
    same paragraph (``"A," he said. "B."`` is one statement with two fragments) or,
    as its own statement with the same speaker, the statement ending the previous
    paragraph. A quotation with no statement before it is refused (left out)."""
    if not found:
        return
    q = next(t for t in toks if t.kind == QUOTE)
    for back in range(len(found) - 1, max(-1, len(found) - 4), -1):
        f = found[back]
        if f.paragraph != pi:
            break
        if f.frame.quoted:
            found[back] = _Found(_extend(f.frame, (q.start, q.end)), f.speaker, pi)
            return
    last = found[-1]
    # Across paragraphs any statement may be continued by a wholly quoted paragraph
    # ("X said Y." / "“...”"); measured: train F1 +0.001, dev unchanged.
    if last.paragraph == pi - 1:
        fr = last.frame
        found.append(
            _Found(
                Frame(
                    fr.cue_start,
                    fr.cue_end,
                    fr.cue_class,
                    ((q.start, q.end),),
                    fr.speaker,
                    False,
                    True,
                    True,
                ),
                last.speaker,
                pi,
            )
        )


def _extend(fr: Frame, span: tuple[int, int]) -> Frame:
    return Frame(
        fr.cue_start,
        fr.cue_end,
        fr.cue_class,
        fr.content + (span,),
        fr.speaker,
        fr.inherits,
        fr.quoted,
        fr.direct,
    )


def _fill_colon(
    item: _Found, text: str, para: Paragraph, quotes: tuple[tuple[int, int], ...], pi: int
) -> _Found:
    """``X said:`` ending a paragraph introduces the next paragraph as content."""
    fr = item.frame
    whole = quotes and quotes[0][0] == para.start and quotes[-1][1] >= para.end - 1
    span = (para.start, para.end)
    return _Found(
        Frame(
            fr.cue_start,
            fr.cue_end,
            fr.cue_class,
            (span,),
            fr.speaker,
            fr.inherits,
            bool(quotes),
            bool(whole),
        ),
        item.speaker,
        pi,
    )


def _dedupe(found: list[_Found]) -> list[_Found]:
    seen: set[tuple[tuple[int, int], ...]] = set()
    out = []
    for f in found:
        if f.frame.content in seen:
            continue
        seen.add(f.frame.content)
        out.append(f)
    return out


def _mention(text: str, f: _Found, entity_ids: tuple[int, ...]) -> StatementMention:
    fr = f.frame
    kind = (
        StatementKind.DIRECT
        if fr.direct
        else StatementKind.MIXED
        if fr.quoted
        else StatementKind.INDIRECT
    )
    sp = f.speaker
    return StatementMention(
        kind=kind,
        cue=text[fr.cue_start : fr.cue_end],
        cue_start=fr.cue_start,
        cue_end=fr.cue_end,
        cue_class=CueClass(fr.cue_class),
        content_start=fr.content[0][0],
        content_end=fr.content[-1][1],
        content_spans=fr.content,
        speaker_text=text[sp[0] : sp[1]] if sp else None,
        speaker_start=sp[0] if sp else None,
        speaker_end=sp[1] if sp else None,
        speaker_entities=entity_ids,
    )
