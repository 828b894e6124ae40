"""Page furniture and headings, found from the text alone."""

from __future__ import annotations

import pytest

from quotewise.engine.furniture import furniture, is_heading
from quotewise.engine.paragraphs import paragraphs


def _furniture(text: str) -> list[str]:
    return [text[s:e] for s, e in furniture(text, paragraphs(text))]


@pytest.mark.parametrize("line", [
    "Advertisement",
    "Story continues below advertisement",
    "Share this story",
    "Sign up for our newsletter",
    "READ MORE: Council approves new cycle lanes",
    "KEEPING SCORE: Hawks 24, Rams 18",
    "Related: Why the bridge closed",
    "By Jane Doe, Political Correspondent",
    "Mere Tane, Senior Reporter",
    "Published 3:42 p.m. ET March 4, 2025 | Updated 5:10 p.m. ET March 4, 2025",
    "Photo: Supplied",
    "Fire crews at the scene on Tuesday. (Jane Doe/Reuters)",
    "Residents fill sandbags. (AP Photo/Rick Bowmer)",
    "10:42am",
])
def test_page_furniture_lines(line: str) -> None:
    text = f"Headline Here\n{line}\nThe council met on Monday.\n"
    assert _furniture(text) == [line]


@pytest.mark.parametrize("line", [
    "PENCE: Well, I think that is right.",  # a transcript's speaker label: article text
    'READ MORE: "We will rebuild," the mayor said',  # a quotation is never furniture
    "By Monday the river had fallen.",
    "Police said the road was closed.",
    "Published in 1998, the report found the bridge unsafe.",  # a sentence, not a timestamp
])
def test_article_text_is_not_furniture(line: str) -> None:
    assert _furniture(f"{line}\n") == []


def test_a_dateline_is_furniture_and_the_rest_of_its_paragraph_is_not() -> None:
    text = "BRISBANE, Australia (AP) — The death toll rose to 14, police said.\n"
    assert _furniture(text) == ["BRISBANE, Australia (AP) — "]


def test_headings_are_short_and_unpunctuated() -> None:
    assert is_heading("Former mill worker recalls the day the plant closed")
    assert not is_heading("The plant closed in 2004.")
    assert not is_heading("Mayor: ‘We will rebuild’")  # a headline quotation ends in its mark: a speaker label
    assert not is_heading("She said:")


def test_a_writers_tagline_run_onto_the_last_sentence_is_furniture() -> None:
    text = ("“We want employers to hear about it,” Kim says. Dana Forsyth is a Halifax-based reporter covering "
            "health. Follow her on Twitter: @dforsyth\n")
    assert _furniture(text) == ["Dana Forsyth is a Halifax-based reporter covering health. Follow her on Twitter: "
                                "@dforsyth"]
    # Inside a quotation, or as the paragraph's only sentence about a source, it stays article text.
    assert _furniture("“Dana Forsyth is a reporter I trust,” Kim says.\n") == []
    assert _furniture("Dana Forsyth is a nurse at the clinic.\n") == []
