"""Title splitting, name folding and within-article speaker resolution."""

from __future__ import annotations

import pytest

from quotewire.extract.speakers import fold_name, split_title
from quotewire.extract.statements import extract_statements
from quotewire.records import SpeakerKind


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Cuban Prime Minister", ("prime minister", "Cuba")),
        ("Chinese president", ("president", "China")),
        ("Chinese Premier", ("premier", "China")),
        ("leader of the Cuban Revolution", ("leader", "Cuba")),
        ("General", ("general", None)),
        ("South Korean Foreign Minister", ("foreign minister", "South Korea")),
        ("chief executive", ("chief executive", None)),
        ("poet", (None, None)),
    ],
)
def test_split_title(title: str, expected: tuple[str | None, str | None]) -> None:
    assert split_title(title) == expected


def test_fold_name() -> None:
    assert fold_name("D\u00edaz-Canel") == fold_name("Diaz-Canel")
    assert fold_name("  Xi   Jinping ") == fold_name("xi jinping")
    assert fold_name("O\u2019Brien") == fold_name("O'Brien")


def _speaker_of(text: str, n: int) -> str:
    res = extract_statements(text)
    st = res.statements[n]
    return "; ".join(res.speakers[i].name for i in st.speaker_entities)


@pytest.mark.parametrize(
    "text,n,expected",
    [
        (
            "Finnish Prime Minister Aino Virtanen arrived on Monday. Virtanen said that talks went well.",
            0,
            "Aino Virtanen",
        ),
        (
            "Kenyan President Ruto Kamau met the press. The Kenyan president stressed that growth was strong.",
            0,
            "Ruto Kamau",
        ),
        (
            (
                "Marta Silva, the finance minister, spoke first. Silva said that the deficit shrank. "
                "She added that debt would fall."
            ),
            1,
            "Marta Silva",
        ),
        (
            (
                "A joint statement by Ana Costa and Luis Pereira said that the border would reopen. "
                "Trade would double, the statement said."
            ),
            1,
            "Ana Costa; Luis Pereira",
        ),
    ],
)
def test_resolution(text: str, n: int, expected: str) -> None:
    assert _speaker_of(text, n) == expected


def test_entity_kinds_and_titles() -> None:
    text = "Finnish Prime Minister Aino Virtanen said that talks went well. The ministry said that exports rose."
    res = extract_statements(text)
    by_name = {s.name: s for s in res.speakers}
    virtanen = by_name["Aino Virtanen"]
    assert virtanen.kind is SpeakerKind.PERSON
    assert virtanen.titles == ("Finnish Prime Minister",)
    assert virtanen.country == "Finland"
    # An unnamed national body is completed with the story's country.
    assert by_name["Finnish ministry"].kind is SpeakerKind.ORGANIZATION


def test_transcript_label_in_capitals_is_the_named_person() -> None:
    # "OKAFOR:" labels the turns of the Ngozi Okafor introduced in the body; a label
    # with no title-case spelling in the text ("MORALES") stays its own speaker.
    text = (
        "Mayor Ngozi Okafor said the budget was late.\n\n"
        "MORALES: Why did the council vote against it?\n\n"
        "OKAFOR: The budget was not ready."
    )
    res = extract_statements(text)
    names = ["; ".join(res.speakers[i].name for i in st.speaker_entities) for st in res.statements]
    assert names == ["Ngozi Okafor", "MORALES", "Ngozi Okafor"]
    assert [st.speaker_text for st in res.statements] == ["Mayor Ngozi Okafor", "MORALES", "OKAFOR"]
