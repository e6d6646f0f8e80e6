"""Direct quotations the rules attribute by their layout (issue 18, direct recall).

Sentences written for these tests; the rule candidates alone (no model), as
``extract_with(text, None)`` gives them: (speaker, cue, content fragments, kind).
"""

from __future__ import annotations

import pytest

from quotewire.extract.statements import extract_with


def rows(text: str) -> list[tuple[str | None, str, str, str]]:
    out = []
    for s in extract_with(text, None).statements:
        content = " | ".join(text[a:b] for a, b in s.content_spans)
        out.append((s.speaker_text, s.cue, content, s.kind.value))
    return out


CASES = [
    # A sentence-opening quotation that no frame holds: its speaker stands between it
    # and a verb of saying, however the subject reader fares with it.
    (
        "\u201cThe river will not wait for us,\u201d the harbour master and former ferry "
        "captain said in a statement.",
        [
            (
                "the harbour master and former ferry captain",
                "said",
                "\u201cThe river will not wait for us,\u201d",
                "direct",
            )
        ],
    ),
    (
        '"Nobody told us about the closure," Dana Ortiz, who runs the bakery on Elm '
        "Street said on Friday.",
        [
            (
                "Dana Ortiz, who runs the bakery on Elm Street",
                "said",
                '"Nobody told us about the closure,"',
                "direct",
            )
        ],
    ),
    # ... or after the writer's colon, even where a frame read before the colon runs on.
    (
        "The mayor seemed to blame the weather: \u201cThe rain washed the road away,\u201d "
        "she told the council on Monday.",
        [
            (
                "The mayor",
                "seemed",
                "to blame the weather: \u201cThe rain washed the road away,\u201d she told "
                "the council",
                "mixed",
            ),
            ("she", "told", "\u201cThe rain washed the road away,\u201d", "direct"),
        ],
    ),
    # A verb read as a cue only in this layout (lexicons/tail_cues.txt).
    (
        "\u201cFares will rise again in March,\u201d a notice at the station states.",
        [
            (
                "a notice at the station",
                "states",
                "\u201cFares will rise again in March,\u201d",
                "direct",
            )
        ],
    ),
    # A closing quotation after a colon that the other frame of the sentence leaves out.
    (
        "After the council rejected the plan, the mayor gave a short answer: "
        "\u201cWe will try again next spring.\u201d",
        [
            ("the council", "rejected", "the plan", "indirect"),
            ("the mayor", ":", "\u201cWe will try again next spring.\u201d", "direct"),
        ],
    ),
]


# A closing quotation after a colon (or a comma before a whole quoted sentence) whose
# sentence opens with a long fronted phrase or a conjunction: the main clause's subject.
FRONTED_CASES = [
    (
        "After the council rejected the plan for the third time in as many years, the "
        "mayor shot back, \u201cWe will build the bridge anyway.\u201d",
        [
            ("the council", "rejected", "the plan for the third time in as many years", "indirect"),
            ("the mayor", ",", "\u201cWe will build the bridge anyway.\u201d", "direct"),
        ],
    ),
    (
        "And then the mayor went on the attack, saying: \u201cNobody on the council has "
        "crossed that river in a decade.\u201d",
        [
            (
                "the mayor",
                ":",
                "\u201cNobody on the council has crossed that river in a decade.\u201d",
                "direct",
            )
        ],
    ),
]

# A full stop and an opening quotation mark end a sentence whatever follows the mark
# (a bracket, a space, an ellipsis): the next quotation continues the statement.
SENTENCE_BREAK_CASES = [
    (
        "\u201cThe harbour has never been busier,\u201d said Lena Ortiz. \u201c[The port] "
        "will need a second crane by spring.\u201d",
        [
            (
                "Lena Ortiz",
                "said",
                "\u201cThe harbour has never been busier,\u201d | \u201c[The port] will need "
                "a second crane by spring.\u201d",
                "direct",
            )
        ],
    ),
]

# A sentence that opens with a quotation and goes on in the writer's words, with no
# attribution of its own, continues the quoted statement before it.
LEADING_QUOTE_CASES = [
    (
        "\u201cWe are out of money,\u201d the treasurer said. \u201cEvery account we hold is "
        "empty\u201d - and with that she left the room.",
        [
            (
                "the treasurer",
                "said",
                "\u201cWe are out of money,\u201d | \u201cEvery account we hold is empty\u201d",
                "direct",
            )
        ],
    ),
]

# A wholly quoted paragraph signed by the next one ("- Name[, place]."): pull quotes.
SIGNATURE_CASES = [
    (
        "The town's paper ran one letter on its front page.\n\n"
        '"We were promised a bridge and we got a ferry timetable."\n\n'
        "- Martha Quinn, Riverside.",
        [
            (
                "Martha Quinn",
                "- ",
                '"We were promised a bridge and we got a ferry timetable."',
                "direct",
            )
        ],
    ),
    # A dash line that names no one (a section heading) signs nothing.
    (
        "The town's paper ran one letter on its front page.\n\n"
        '"We were promised a bridge and we got a ferry timetable."\n\n'
        "- A long winter -.",
        [],
    ),
]

# A quotation right after a word that names a wording (lexicons/naming_cues.txt), and
# an inverted "read" with a short speaker the phrase reader does not know.
NAMING_CASES = [
    (
        "Two placards hung by the door. \u201cBring the tram back,\u201d read one. "
        "\u201cNo more buses,\u201d read another.",
        [
            ("one", "read", "\u201cBring the tram back,\u201d", "direct"),
            ("another", "read", "\u201cNo more buses,\u201d", "direct"),
        ],
    ),
    (
        "A banner reading \u201cNo New Taxes\u201d hung from the balcony.",
        [("A banner", "reading", "\u201cNo New Taxes\u201d", "direct")],
    ),
    (
        "The marchers kept up their chants of \u201cOpen the gates!\u201d until dusk.",
        [(None, "chants", "\u201cOpen the gates!\u201d", "direct")],
    ),
    # A work's title is no one's wording: "titled" and "entitled" are not listed.
    ("The new ad, titled \u201cA Better Deal,\u201d runs on Monday.", []),
]


# Layouts read since the fourth model (issue 18, direct recall): a digest item's
# bracketed source, a colon quotation with a participle clause after it, an inverted
# "Added X:" introduction, a naming word before "is", "a sign that read", a participle
# clause ending a quotation that opens the content, a quoted question after a colon
# ending its sentence, and a straight mark doubling a curly opener.
LATER_LAYOUT_CASES = [
    (
        "BRIDGES CLOSE FOR REPAIRS \u201cThe county will shut three bridges over the "
        "river for most of the summer.\u201d [Courier.]",
        [
            (
                "Courier",
                "[",
                "\u201cThe county will shut three bridges over the river for most of the "
                "summer.\u201d",
                "direct",
            )
        ],
    ),
    (
        "After the vote, Field fired back sharply: \u201cIf they raise the levy, they "
        "will lose the town,\u201d pointing to the polls in the north.",
        [("Field", ":", "\u201cIf they raise the levy, they will lose the town,\u201d", "direct")],
    ),
    (
        "The mayor spoke for an hour.\n\nAdded Field:\n\n\u201cI have not heard anyone "
        "cite that figure, and nobody in this office has.\u201d",
        [
            (
                "Field",
                ":",
                "\u201cI have not heard anyone cite that figure, and nobody in this office "
                "has.\u201d",
                "direct",
            )
        ],
    ),
    (
        "The mayor\u2019s campaign slogan is \u201cHome by Friday.\u201d But now she wants more.",
        [("The mayor\u2019s campaign", "slogan", "\u201cHome by Friday.\u201d", "direct")],
    ),
    (
        "At the rally, a young voter hoisted a sign that read \u201cTen percent!\u201d Her "
        "father stayed home.",
        [(None, "read", "\u201cTen percent!\u201d", "direct")],
    ),
    (
        'The students marched through the town on Monday, chanting "Free tuition now," '
        "raising fresh questions about the budget.",
        [("The students", "chanting", '"Free tuition now,"', "direct")],
    ),
    (
        "The bridge closed. Field\u2019s reply was: \u201cIs the bridge in Ohio or "
        "Iowa?\u201d The bridge is in Iowa.",
        [("Field\u2019s", ":", "\u201cIs the bridge in Ohio or Iowa?\u201d", "direct")],
    ),
    (
        '"\u201cYou do not win the county by counting towns,\u201d Field responded before '
        'adding that she will need the city.',
        [
            (
                "Field",
                "responded",
                "\u201cYou do not win the county by counting towns,\u201d",
                "direct",
            ),
            ("Field", "adding", "she will need the city", "indirect"),
        ],
    ),
]


@pytest.mark.parametrize(
    "text,expected",
    CASES
    + SENTENCE_BREAK_CASES
    + LEADING_QUOTE_CASES
    + SIGNATURE_CASES
    + NAMING_CASES
    + FRONTED_CASES
    + LATER_LAYOUT_CASES,
)
def test_direct_quote_rows(text: str, expected: list) -> None:
    assert rows(text) == expected


def test_name_word_that_is_a_cue_leaves_the_quotation_to_the_layout() -> None:
    # "Hope" is a cue verb; read as one it frames "Marsh said". The quotation is still
    # the clerk's.
    text = "\u201cWe have counted every ballot twice,\u201d county clerk Hope Marsh said."
    assert (
        "county clerk Hope Marsh",
        "said",
        "\u201cWe have counted every ballot twice,\u201d",
        "direct",
    ) in rows(text)
