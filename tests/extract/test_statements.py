"""Statement extraction: text -> (speaker, cue, content) tables, the seed acceptance
fixture, and hostile inputs that must stay linear-time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotewire.extract.statements import EXTRACTOR_VERSION, extract_statements
from quotewire.records import StatementKind

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seeds" / "000_c57c7e43a65ced37.txt"
SEED_GOLD = SHARED / "gold" / "seed_000_c57c7e43a65ced37.json"


def triples(text: str) -> list[tuple[str | None, str, str]]:
    out = []
    for s in extract_statements(text).statements:
        content = " | ".join(text[a:b] for a, b in s.content_spans)
        out.append((s.speaker_text, s.cue, content))
    return out


# (text written for these tests, expected (speaker, cue, content) triples in order)
CASES = [
    (
        "The mayor said that the bridge would reopen in May.",
        [("The mayor", "said", "the bridge would reopen in May")],
    ),
    (
        "Prices will keep rising through the winter, the analyst said.",
        [("the analyst", "said", "Prices will keep rising through the winter")],
    ),
    (
        "The harvest was the worst in a decade, said the report.",
        [("the report", "said", "The harvest was the worst in a decade")],
    ),
    (
        "According to the ministry, exports fell by a third last year.",
        [("the ministry", "According to", "exports fell by a third last year")],
    ),
    (
        "Exports fell by a third last year, according to the ministry.",
        [("the ministry", "according to", "Exports fell by a third last year")],
    ),
    (
        "\u201cWe are not going anywhere,\u201d Ms. Okafor said.",
        [("Ms. Okafor", "said", "\u201cWe are not going anywhere,\u201d")],
    ),
    (
        '"The plan is dead," she said, "and everyone knows it."',
        [("she", "said", '"The plan is dead," | "and everyone knows it."')],
    ),
    (
        "He added: \u201cThere will be no second vote.\u201d",
        [("He", "added", "\u201cThere will be no second vote.\u201d")],
    ),
    (
        "Jonas Berg, a spokesman for the union, warned that strikes could spread.",
        [("Jonas Berg", "warned", "strikes could spread")],
    ),
    (
        "The governor told reporters that the budget was balanced.",
        [("The governor", "told", "the budget was balanced")],
    ),
    (
        "The senator pointed out that the law had never been enforced.",
        [("The senator", "pointed out", "the law had never been enforced")],
    ),
    (
        "Critics called the proposal \u201ca gift to landlords.\u201d",
        [("Critics", "called", "the proposal \u201ca gift to landlords.\u201d")],
    ),
    (
        "The coach said the team was tired, adding that the schedule was unfair.",
        [
            ("The coach", "said", "the team was tired"),
            ("The coach", "adding", "the schedule was unfair"),
        ],
    ),
    (
        "\u00abNous resterons,\u00bb dit-il. The minister smiled.",
        [],
    ),
    (
        "She was told that the office had closed.",
        [],
    ),
    (
        "Her tweets about the swing states drew attention.",
        [],
    ),
    # Speakers behind appositives, auxiliaries and catenative verbs.
    (
        "Pat Doe, the county's former treasurer, also criticized the new budget plan.",
        [("Pat Doe", "criticized", "the new budget plan")],
    ),
    (
        "Lee Moss, 41, a bus driver in Leeds, said the route would be cut.",
        [("Lee Moss", "said", "the route would be cut")],
    ),
    (
        "The governor continued to insist that the budget was balanced.",
        [("The governor", "insist", "the budget was balanced")],
    ),
    (
        "One in four said the plan was unfair.",
        [("One in four", "said", "the plan was unfair")],
    ),
    # A verb of saying right after a quotation inverts or postposes, listed or not.
    (
        "\u201cWhy is this still allowed?\u201d the senator demanded.",
        [("the senator", "demanded", "\u201cWhy is this still allowed?\u201d")],
    ),
    # "Asked about X": the question is content, with the asker (here no one) as source.
    (
        "Asked about the delay, the mayor said the contractor was at fault.",
        [(None, "Asked", "the delay"), ("the mayor", "said", "the contractor was at fault")],
    ),
    # Noun cue with a that-clause: the possessor is the source.
    (
        "There was also his claim that rents had fallen.",
        [("his", "claim", "rents had fallen")],
    ),
    # The speaker's own verb after ", and" is not content.
    (
        "The mayor said the bridge was safe, and smiled at the crowd.",
        [("The mayor", "said", "the bridge was safe")],
    ),
    # Passive "was asked" + question: the question is content, the asker unknown.
    (
        "The senator was asked whether the plan would pass.",
        [(None, "asked", "whether the plan would pass")],
    ),
    # Possessed noun cue + preposition: the object is content.
    (
        "There was also his criticism of the new contract.",
        [("his", "criticism", "the new contract")],
    ),
    # The writer's clause after a quotation is not content.
    (
        'Marchers chanted "No more cuts" and kept walking.',
        [("Marchers", "chanted", '"No more cuts"')],
    ),
    # A sentence-opening quotation closed by a comma, then its speaker: what follows
    # the verb is the setting, even a relative "that".
    (
        "\u201cWe will stand together,\u201d Lee told a crowd at a cafe that was packed "
        "with students.",
        [("Lee", "told", "\u201cWe will stand together,\u201d")],
    ),
    # A short phrase quoted inside an opening clause is not the verb's content.
    (
        "Decrying the \u201cclosed process,\u201d Smith said the tender was unfair.",
        [("Smith", "said", "the tender was unfair")],
    ),
    # A split quotation continued after ", but".
    (
        "\u201cI like the plan,\u201d she said, but \u201cthe timing is wrong.\u201d",
        [("she", "said", "\u201cI like the plan,\u201d | but \u201cthe timing is wrong.\u201d")],
    ),
    # A quotation that is the first of two coordinated subjects.
    (
        "The mayor said \u201cnew tolls\u201d and the sale of land would pay for the bridge.",
        [
            (
                "The mayor",
                "said",
                "\u201cnew tolls\u201d and the sale of land would pay for the bridge",
            )
        ],
    ),
    # A name right before a colon and a closing quotation is its speaker.
    (
        "The result did not surprise the economist Maria Okafor: \u201cSmall towns always "
        "vote late.\u201d",
        [("Maria Okafor", ":", "\u201cSmall towns always vote late.\u201d")],
    ),
    # A redundant "..., she said." after a quotation that ends someone's reported
    # clause: the earlier content stops at the quotation, which the pronoun frame
    # repeats with the quotation after it.
    (
        "Lee said she picked the route because \u201cnobody ever walks it,\u201d she said. "
        "\u201cThe hills are worth the climb.\u201d",
        [
            ("Lee", "said", "she picked the route because \u201cnobody ever walks it,\u201d"),
            (
                "she",
                "said",
                "\u201cnobody ever walks it,\u201d | \u201cThe hills are worth the climb.\u201d",
            ),
        ],
    ),
    # A fronted "Said X, ..." and the quotation after it.
    (
        "Said Ann Lee, who trains the team, \u201cThey played like champions.\u201d",
        [("Ann Lee", "Said", "\u201cThey played like champions.\u201d")],
    ),
    # A quotation closed by a comma, then a subject and a verb the cue list lacks.
    (
        "\u201cSit down and wait your turn,\u201d the clerk snapped.",
        [("the clerk", "snapped", "\u201cSit down and wait your turn,\u201d")],
    ),
    # A relative clause inside the reported clause's subject does not end the content.
    (
        "The mayor said the new bridge, which opened in May, would need repairs.",
        [("The mayor", "said", "the new bridge, which opened in May, would need repairs")],
    ),
    # A quoted whole utterance after the cue ends the content: what follows is setting.
    (
        "A farmer yelled \u201cGo home!\u201d at the passing convoy.",
        [("A farmer", "yelled", "\u201cGo home!\u201d")],
    ),
    # "X was asked, “Q?”": the quoted question, its asker unnamed.
    (
        "The minister was asked, \u201cWill the mine reopen this year?\u201d",
        [(None, "asked", "\u201cWill the mine reopen this year?\u201d")],
    ),
    # A colon sets the quotation off from the writer's lead-in before "..., X said".
    (
        "The aide had one more point: \u201cNothing is settled yet,\u201d she said.",
        [("she", "said", "\u201cNothing is settled yet,\u201d")],
    ),
    # A sentence subject, a comma and a whole quoted sentence, no listed cue.
    (
        "Chairman Lee shot back, \u201cWe have never missed a payment to anyone.\u201d",
        [("Chairman Lee", ",", "\u201cWe have never missed a payment to anyone.\u201d")],
    ),
    # An inverted speaker with an appositive still joins the second quotation.
    (
        "\u201cThe risk,\u201d said Ann Lee, a planner who has run the office for years, "
        "\u201cis that the river will rise again.\u201d",
        [
            (
                "Ann Lee",
                "said",
                "\u201cThe risk,\u201d | \u201cis that the river will rise again.\u201d",
            )
        ],
    ),
    # An unlisted verb after a one-word shout, after the writer's colon.
    (
        "Then came the answer: \u201cNever!\u201d the crowd roared.",
        [("the crowd", "roared", "\u201cNever!\u201d")],
    ),
    # A second quotation right after the cue, with the comma left out.
    (
        "\u201cWe will build it,\u201d the mayor said \u201cand the state will pay.\u201d",
        [
            (
                "the mayor",
                "said",
                "\u201cWe will build it,\u201d | \u201cand the state will pay.\u201d",
            )
        ],
    ),
    # A cue coordinated after "and" shares the subject of the verb before it.
    (
        "A week later, she paid a visit to the plant and explained why the line had stopped.",
        [("she", "explained", "why the line had stopped")],
    ),
    # A split quotation around an unlisted verb, and a "From SOURCE:" lead-in.
    (
        "\u201cEvery word of it,\u201d the clerk sighed, \u201cwas read aloud twice.\u201d",
        [
            (
                "the clerk",
                "sighed",
                "\u201cEvery word of it,\u201d | \u201cwas read aloud twice.\u201d",
            )
        ],
    ),
    (
        "From the audit: \u201cThe county paid twice for the same road.\u201d",
        [("the audit", ":", "\u201cThe county paid twice for the same road.\u201d")],
    ),
    # After a quotation, a dash aside or an apposition is the writer's.
    (
        "One banner read \u201cHome by Friday\u201d \u2014 and it hung there all week.",
        [("One banner", "read", "\u201cHome by Friday\u201d")],
    ),
    # A participle after the comma takes the subject of the finite verb before it.
    (
        "In short \u2013 the council turned against the budget, saying that it ignores "
        "the poorest districts.",
        [("the council", "saying", "it ignores the poorest districts")],
    ),
    # An infinitive cue after a finite verb, the sentence opened by another phrase.
    (
        "As the crowd waited outside, the mayor went online to announce that the bridge "
        "had reopened.",
        [("the mayor", "announce", "the bridge had reopened")],
    ),
    # A cue noun as the object of a light verb: the verb's subject is the source.
    (
        "The governor made several pointed remarks about the new stadium.",
        [("The governor", "remarks", "about the new stadium")],
    ),
    # A prepositional cue noun behind modifiers as a light verb's object.
    (
        "The senator launched a sharp attack against the new budget.",
        [("The senator", "attack", "the new budget")],
    ),
    # A sentence with no cue that ends in a quotation after a few words continues the
    # quoted statement before it.
    (
        "\u201cThe dam will hold,\u201d said Ann Lee, an engineer on the project. "
        "Even so, \u201cwe are watching the river every hour.\u201d",
        [
            (
                "Ann Lee",
                "said",
                "\u201cThe dam will hold,\u201d | "
                "Even so, \u201cwe are watching the river every hour.\u201d",
            )
        ],
    ),
    # A sentence may end with "p.m." when a pronoun opens the next one.
    (
        "The polls closed at 8 p.m. She said turnout had been higher than expected.",
        [("She", "said", "turnout had been higher than expected")],
    ),
    # "X was said to ...": an unattributed report, as "X is expected to ...".
    (
        "The chairman was said to be furious with the board.",
        [(None, "said", "The chairman | to be furious with the board")],
    ),
    # A participle of belief or intention after the comma takes the sentence subject.
    (
        "The mayor raised the pay offer, hoping that the strike would end soon.",
        [("The mayor", "hoping", "the strike would end soon")],
    ),
    # A quotation left open at a paragraph end runs on into the next paragraph.
    (
        "\u201cWe will rebuild the bridge,\u201d the mayor said. \u201cIt will take two "
        "years.\n\n\u201cBut the town will be whole again.\u201d",
        [
            (
                "the mayor",
                "said",
                "\u201cWe will rebuild the bridge,\u201d | \u201cIt will take two years. | "
                "\u201cBut the town will be whole again.\u201d",
            )
        ],
    ),
    # "accused X of Y": the accused and the charge are the content.
    (
        "The union accused the owners of hiding the losses.",
        [("The union", "accused", "the owners of hiding the losses")],
    ),
]


# Paragraph- and document-level attributions (texts written for these tests).
DOC_CASES = [
    # An interview transcript: each capitalised label opens a turn; an unlabelled
    # paragraph before the next turn continues it; a closing line does not.
    (
        "The interview aired on Sunday.\n\n"
        "MORALES: Why did the council vote against it?\n\n"
        "OKAFOR: The budget was not ready. We needed another month.\n\n"
        "It was a hard call for everyone.\n\n"
        "MORALES: Will it pass next time?\n\n"
        "Follow the show online.",
        [
            ("MORALES", ":", "Why did the council vote against it?"),
            (
                "OKAFOR",
                ":",
                "The budget was not ready. We needed another month | "
                "It was a hard call for everyone",
            ),
            ("MORALES", ":", "Will it pass next time?"),
        ],
    ),
    # A transcript quoted paragraph by paragraph: the turn replaces the intro's
    # colon, runs over reopened quotations and stops at a stage direction.
    (
        "Part of the exchange follows:\n\n"
        '"MORALES: Why did the council vote against it?\n\n'
        '"OKAFOR: The budget was not ready.\n\n'
        '"We needed another month.\n\n'
        '"(CROSSTALK.)\n\n'
        '"MORALES: Will it pass next time?"',
        [
            ("MORALES", ":", "Why did the council vote against it?"),
            ("OKAFOR", ":", "The budget was not ready | We needed another month"),
            ("MORALES", ":", "Will it pass next time?"),
        ],
    ),
    # One label is a headline or page furniture, not a transcript.
    ("UPDATE: The road reopened on Monday.", []),
    # Title lines "SOURCE: CLAIM".
    (
        "A warning from Ana Ruiz: 'Fix the roads first.'\n\n"
        "Ruiz said the city had waited too long.",
        [
            ("Ana Ruiz", ":", "'Fix the roads first.'"),
            ("Ruiz", "said", "the city had waited too long"),
        ],
    ),
    (
        "Ruiz camp: The new tax will hurt farmers.\n\nRuiz said the tax was unfair.",
        [
            ("Ruiz camp", ":", "The new tax will hurt farmers"),
            ("Ruiz", "said", "the tax was unfair"),
        ],
    ),
    (
        "Bill is back: Ruiz tours the farms.\n\nRuiz said the tax was unfair.",
        [("Ruiz", "said", "the tax was unfair")],
    ),
    (
        "The Latest: Ruiz tours the farms.\n\nRuiz said the tax was unfair.",
        [("Ruiz", "said", "the tax was unfair")],
    ),
    # A quotation closed by a full stop, then its attribution as a sentence.
    (
        "\u201cWe will rebuild the bridge.\u201d Ruiz said.\n\nThe vote is in May.",
        [("Ruiz", "said", "\u201cWe will rebuild the bridge.\u201d")],
    ),
    # Three apostrophes close a nested single quotation and the outer one together.
    (
        "''They told me, 'Wait your turn,''' Mr. Ruiz said. ''So I waited.''",
        [("Mr. Ruiz", "said", "''They told me, 'Wait your turn,''' | ''So I waited.''")],
    ),
    # A right quotation mark opening a paragraph before an ellipsis opens the quote.
    (
        "The column ran on Monday.\n\n\u201d \u2026 and the council agreed,\u201d Ruiz wrote.",
        [("Ruiz", "wrote", "\u201d \u2026 and the council agreed,\u201d")],
    ),
    # An aside in dashes between the speaker and the cue.
    (
        "Ana Ruiz -- a farmer who grows corn near the river -- said the tax was unfair.",
        [("Ana Ruiz", "said", "the tax was unfair")],
    ),
    (
        "Ana Ruiz \u2014 a farmer \u2014 said the tax was unfair.",
        [("Ana Ruiz", "said", "the tax was unfair")],
    ),
    # A pronoun fused with an auxiliary ("she\u2019s") is a speaker and an auxiliary,
    # and after a cue it opens the content rather than naming an inverted speaker.
    (
        "She\u2019s predicting that the levee will hold.",
        [("She", "predicting", "the levee will hold")],
    ),
    (
        "The engineer, though, said she\u2019s confident the levee will hold.",
        [("The engineer", "said", "she\u2019s confident the levee will hold")],
    ),
    (
        "Ruiz, who\u2019s argued that the levee will hold, resigned.",
        [("who", "argued", "the levee will hold")],
    ),
    # A hyphen spaced as a dash sets off the same kind of aside.
    (
        "Some grain traders - including two of the largest exporters - warn that "
        "the harbour will close.",
        [("Some grain traders", "warn", "the harbour will close")],
    ),
    # ... also when adverbs or auxiliaries stand between the aside and the cue.
    (
        "Some grain traders \u2014 including two of the largest exporters \u2014 have long "
        "argued that the harbour will close.",
        [("Some grain traders", "argued", "the harbour will close")],
    ),
    # A long relative clause between the speaker and the cue; a statement inside the
    # clause keeps its own frame.
    (
        "Dr. Ana Ruiz, who served as the county physician for a decade and later "
        "retired from the service as a rear admiral, said the clinic would close.",
        [("Dr. Ana Ruiz", "said", "the clinic would close")],
    ),
    (
        "Ruiz, who says the tax is unfair, said the vote was rigged.",
        [("who", "says", "the tax is unfair"), ("Ruiz", "said", "the vote was rigged")],
    ),
]


# Agency copy (issue 17): sentences written for these tests in the layouts of AFP and
# Xinhua stories, one per rule.
WIRE_CASES = [
    # A title line "CLAIM: SOURCE": the cue is the colon.
    (
        "Harbour will close for the winter: police\n\nBody text follows here.",
        [("police", ":", "Harbour will close for the winter")],
    ),
    # Conjoined group speakers, plural possessives and "US" as the country.
    (
        "Two bridges were closed on Monday, officials and residents said.",
        [("officials and residents", "said", "Two bridges were closed on Monday")],
    ),
    (
        "The strike will end on Sunday, the head of the teachers' union said.",
        [("the head of the teachers' union", "said", "The strike will end on Sunday")],
    ),
    (
        "The dam is safe, the engineer told US reporters.",
        [("the engineer", "told", "The dam is safe")],
    ),
    # A capitalised function word inside a name.
    (
        "The reporter was freed on Friday, Doctors Without Borders said.",
        [("Doctors Without Borders", "said", "The reporter was freed on Friday")],
    ),
    # A relay: the outer source's content holds the inner frame.
    (
        "The port authority is proposing that the ferry run twice a day, one of the "
        "engineers said.",
        [
            (
                "one of the engineers",
                "said",
                "The port authority is proposing that the ferry run twice a day",
            ),
            ("The port authority", "proposing", "the ferry run twice a day"),
        ],
    ),
    # A directive participle (lexicons/directive_participles.txt) after the content
    # hangs off the reporting clause and ends the content.
    (
        "The ministry said on Friday it would sell half of its stake in the airline, "
        "inviting investors to bid for a quarter of it.",
        [("The ministry", "said", "it would sell half of its stake in the airline")],
    ),
    # "was quoted as saying" names its subject.
    (
        '"The road is open," the governor was quoted as saying.',
        [("the governor", "quoted as saying", '"The road is open,"')],
    ),
    # The speaker is the subject, not the adjunct placing the speech act.
    (
        "Ana Ruiz in her speech delivered Monday said the talks had failed.",
        [("Ana Ruiz", "said", "the talks had failed")],
    ),
    # A time phrase after an appositive; "expressed hope that" is one frame.
    (
        "Chile, a major exporter, on Monday expressed hope that prices would recover.",
        [("Chile", "expressed", "hope that prices would recover")],
    ),
    # A second verb after "but" with its own auxiliary ends the first content.
    (
        "The envoy indicated that talks had stalled, but did not rule out a new round.",
        [
            ("The envoy", "indicated", "talks had stalled"),
            ("The envoy", "rule out", "a new round"),
        ],
    ),
    # Not statements: an agent phrase, a figure noun, an anonymity request, a
    # noun phrase headed by a cue noun.
    ("A number of boats were found by the coast guard.", []),
    ("Exports reached a record estimate of two million tonnes.", []),
    (
        "Police found four guns, the radio said.",
        [("the radio", "said", "Police found four guns")],
    ),
    (
        "The study found 31 cases of fraud in the count.",
        [("The study", "found", "31 cases of fraud in the count")],
    ),
    ("A court on Monday released Ana Ruiz on bail.", []),
    (
        "The ministry released its findings on Monday.",
        [("The ministry", "released", "its findings")],
    ),
    # A quoted title before a verb is no quotation to invert after.
    (
        'Delegates at the meeting, under the banner of "Peace and Prosperity," discussed '
        "the budget.",
        [("Delegates at the meeting", "discussed", "the budget")],
    ),
    ("Labour support dips in new polls", []),
    (
        '"The rise is temporary," said a trader, who asked not to be named.',
        [("a trader", "said", '"The rise is temporary,"')],
    ),
]


@pytest.mark.parametrize("text,expected", WIRE_CASES)
def test_wire_triples(text: str, expected: list[tuple[str | None, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize("text,expected", DOC_CASES)
def test_document_level_triples(text: str, expected: list[tuple[str | None, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize("text,expected", CASES)
def test_triples(text: str, expected: list[tuple[str | None, str, str]]) -> None:
    assert triples(text) == expected


def test_kinds() -> None:
    text = (
        "\u201cWe will win,\u201d the candidate said.\n\n"
        "The candidate said the race was \u201cwide open.\u201d\n\n"
        "The candidate said the race was close."
    )
    kinds = [s.kind for s in extract_statements(text).statements]
    assert kinds == [StatementKind.DIRECT, StatementKind.MIXED, StatementKind.INDIRECT]


def test_follow_on_quote_in_same_paragraph_is_one_statement() -> None:
    text = "\u201cIt is over,\u201d Dana Ruiz said. \u201cWe lost the vote and we accept it.\u201d"
    (st,) = extract_statements(text).statements
    assert len(st.content_spans) == 2
    assert st.speaker_text == "Dana Ruiz"


def test_follow_on_quote_after_a_conjunction_joins_the_statement() -> None:
    # "But “...”" continuing the speaker's quotation in the next sentence.
    text = (
        "\u201cThe ferry is late again,\u201d Dana Ruiz said at the pier. "
        "But \u201cthe crew is doing what it can with one engine.\u201d"
    )
    (st,) = extract_statements(text).statements
    assert st.speaker_text == "Dana Ruiz"
    assert [text[a:b] for a, b in st.content_spans] == [
        "\u201cThe ferry is late again,\u201d",
        "\u201cthe crew is doing what it can with one engine.\u201d",
    ]


def test_quote_continued_across_paragraphs() -> None:
    text = (
        "Dana Ruiz said: \u201cWe fought for every vote in this district.\n\n"
        "\u201cAnd we will be back in four years.\u201d"
    )
    sts = extract_statements(text).statements
    assert sts and sts[0].speaker_text == "Dana Ruiz"
    covered = " ".join(text[a:b] for s in sts for a, b in s.content_spans)
    assert "four years" in covered


def test_colon_introduces_next_paragraph() -> None:
    text = "The union wrote:\n\n\u201cMembers will not accept a pay freeze under any circumstances.\u201d"
    (st,) = extract_statements(text).statements
    assert st.speaker_text == "The union"
    assert text[st.content_start : st.content_end].startswith("\u201cMembers")


def test_pronoun_resolves_to_previous_speaker() -> None:
    text = "Anna Lindqvist said taxes would fall. She added that spending would rise."
    res = extract_statements(text)
    ids = [s.speaker_entities for s in res.statements]
    assert ids[0] == ids[1] and len(ids[0]) == 1
    assert res.speakers[ids[0][0]].name == "Anna Lindqvist"


def test_offsets_index_the_exact_text_and_are_sorted() -> None:
    text = "  \n\nX\u00e9nia Moreau said that \u00e9t\u00e9 prices rose.\r\n\r\nShe said demand fell, too."
    res = extract_statements(text)
    starts = [s.content_start for s in res.statements]
    assert starts == sorted(starts)
    for s in res.statements:
        assert text[s.cue_start : s.cue_end] == s.cue
        if s.speaker_start is not None:
            assert text[s.speaker_start : s.speaker_end] == s.speaker_text


def test_header_and_dateline_are_not_statements() -> None:
    text = (
        " date 2025-01-02 Officials said to meet\n\nXinhua) 10:00, January 2, 2025\n\n"
        "BEIJING, Jan. 2 (Xinhua) -- Wang Lei said that talks would resume."
    )
    res = extract_statements(text)
    assert [s.speaker_text for s in res.statements] == ["Wang Lei"]


def test_version_names_lexicon() -> None:
    assert "lex-" in EXTRACTOR_VERSION


def test_input_is_not_mutated_and_result_is_deterministic() -> None:
    text = "The mayor said that the bridge would reopen in May."
    copy = str(text)
    assert extract_statements(text) == extract_statements(text)
    assert text == copy


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "said " * 40_000,
        '"' * 50_000,
        "\u201c" * 50_000,
        "\u201c a \u201d said he, " * 20_000,
        "." * 1_000_000,
        "Mr. " * 100_000,
        ("Xi said that " * 10 + "\n") * 2000,
        "Smith, " * 100_000 + "said that it rained.",
        " and ".join(["Ana Lee"] * 50_000) + " said that it rained.",
        '"AB: CD EF: x\n' * 50_000,
        "Ana -- b " * 100_000 + "-- said it.",
        "\u2014 said " * 30_000,
        # A capitalised cue repeated: the speaker's capitalised run is bounded.
        "Citing " * 20_000,
        "Governor Calls " * 20_000,
        "farmers, many of whom say " * 10_000,
        "'''" * 100_000,
    ],
)
def test_hostile_inputs_finish(text: str) -> None:
    # No timing assert: a catastrophic regex would hang here instead.
    extract_statements(text)


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="../shared gold not available")
def test_seed_acceptance() -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    res = extract_statements(text)
    assert len(res.statements) <= 12
    by_span = {(s.content_start, s.content_end): s for s in res.statements}
    for g in gold["statements"]:
        st = by_span.get((g["content_start"], g["content_end"]))
        assert st is not None, g["content"][:60]
        names = "; ".join(sorted(res.speakers[i].name for i in st.speaker_entities))
        assert names == "; ".join(sorted(g["speaker"].split("; ")))
        assert st.speaker_text == g["speaker_surface"]
        assert st.cue == g["cue"]
        assert st.kind.value == g["kind"]
    speakers = {sp.name: sp for sp in res.speakers}
    for g in gold["speakers"]:
        sp = speakers[g["name"]]
        assert sp.kind.value == g["kind"]
        assert sp.country == g["country"]
        assert list(sp.titles) == g["titles"]


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402 (after importorskip)
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    [
        "said",
        "says",
        "told",
        "that",
        "according to",
        "the",
        "Mr.",
        "Ana Lee",
        "he",
        "who",
        ",",
        ".",
        ":",
        "?",
        "\u201c",
        "\u201d",
        '"',
        "''",
        "\u2018",
        "\u2019",
        "\u2015",
        "(",
        ")",
        "\n",
        "\n\n",
        " and ",
        "added",
        "noted that",
        "reporters",
        "X",
        "In",
        "a",
        "statement",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_offsets_are_consistent_on_arbitrary_text(text: str) -> None:
    res = extract_statements(text)
    starts = [s.content_start for s in res.statements]
    assert starts == sorted(starts)
    for s in res.statements:
        assert 0 <= s.content_start < s.content_end <= len(text)
        assert s.content_spans and all(a < b for a, b in s.content_spans)
        assert s.content_spans[0][0] == s.content_start and s.content_spans[-1][1] == s.content_end
        assert text[s.cue_start : s.cue_end] == s.cue
        if s.speaker_start is not None:
            assert text[s.speaker_start : s.speaker_end] == s.speaker_text
        assert all(0 <= i < len(res.speakers) for i in s.speaker_entities)
