"""Metrics on hand-made articles; every expected figure is worked out in the comments."""

from __future__ import annotations

import pytest

from quotewise.evaluation.gold import GoldArticle, GoldAttribution
from quotewise.evaluation.metrics import Score, counted_chars, figures, match, score_article
from quotewise.records import Quote, Span


def at(text: str, part: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(part, start + 1)
    return start, start + len(part)


def span(text: str, part: str, nth: int = 1) -> Span:
    return Span(part, *at(text, part, nth))


def quote(text: str, part: str, speaker: Span | None = None, cue: Span | None = None, name: str | None = None) -> Quote:
    return Quote(part, *at(text, part), "direct", cue=cue, speaker=speaker, speaker_name=name)


def gold(text: str, part: str, source: str | None = None, cue: str | None = None, **kwargs) -> GoldAttribution:
    return GoldAttribution(
        content=(at(text, part),),
        source=(at(text, source),) if source else (),
        cue=(at(text, cue),) if cue else (),
        **kwargs,
    )


def test_counted_chars_leave_out_whitespace_and_quotation_marks():
    text = '"No, sir," he said.'
    assert counted_chars(text, [(0, 10)]) == {1, 2, 3, 5, 6, 7, 8}


# "abcdefghij" has 10 counted characters, so a prefix of n characters covers n/10 of it.
TEN = "abcdefghij said Ann."
TEN_GOLD = GoldArticle("ten", TEN, (gold(TEN, "abcdefghij"),))


@pytest.mark.parametrize(
    ("covered", "at_03", "at_08"),
    [
        (3, 0, 0),  # 0.3 is not MORE than 0.3
        (4, 1, 0),  # 0.4: matches at 0.3 only
        (8, 1, 0),  # 0.8 is not more than 0.8
        (9, 1, 1),
    ],
)
def test_coverage_must_exceed_the_threshold(covered, at_03, at_08):
    result = figures(score_article(TEN_GOLD, [quote(TEN, TEN[:covered])]))["thresholds"]
    assert result["0.3"]["content"]["matched"] == at_03
    assert result["0.8"]["content"]["matched"] == at_08


def test_marks_do_not_count_against_coverage():
    # Gold includes the marks, the prediction does not: coverage is 3/3, not 3/5.
    text = '"No," he said.'
    article = GoldArticle("no", text, (gold(text, '"No,"'),))
    result = figures(score_article(article, [quote(text, "No,")]))
    assert result["thresholds"]["0.8"]["content"]["matched"] == 1


def test_thresholds_give_different_figures():
    # Gold A "alpha beta gamma delta" (19 counted chars); gold B "one two three four five" (19).
    # Quote 1 covers "alpha beta gamma" = 14/19 = 0.74 of A: a match at 0.3, not at 0.8.
    # Quote 2 covers all of B: a match at both. Quote 3 covers nothing.
    text = "alpha beta gamma delta, said Ann. one two three four five, said Bo. Weather was fine."
    article = GoldArticle("t", text, (gold(text, "alpha beta gamma delta"), gold(text, "one two three four five")))
    quotes = [quote(text, "alpha beta gamma"), quote(text, "one two three four five"), quote(text, "Weather was fine")]
    result = figures(score_article(article, quotes))["thresholds"]
    # 0.3: 2 matched of 3 predicted, 2 of 2 gold: P 2/3, R 1, F1 = 2*(2/3)/(5/3) = 0.8
    assert result["0.3"]["content"] == pytest.approx({"precision": 2 / 3, "recall": 1.0, "f1": 0.8, "matched": 2})
    # 0.8: 1 matched: P 1/3, R 1/2, F1 = 2*(1/6)/(5/6) = 0.4
    assert result["0.8"]["content"] == pytest.approx({"precision": 1 / 3, "recall": 0.5, "f1": 0.4, "matched": 1})


def test_equal_coverage_goes_to_the_tighter_quote_whatever_the_order():
    # Both quotes cover all of the gold; the short one has no extra characters, so it wins
    # (though the loose one starts first), and with it the right speaker.
    text = "Asked: Rates will rise, said Ann."
    article = GoldArticle("t", text, (gold(text, "Rates will rise", source="Ann"),))
    tight = quote(text, "Rates will rise", speaker=span(text, "Ann"))
    loose = quote(text, "Asked: Rates will rise", speaker=span(text, "said"))
    for quotes in ([tight, loose], [loose, tight]):
        result = figures(score_article(article, quotes))["thresholds"]["0.8"]
        assert result["source_accuracy"] == {"accuracy": 1.0, "correct": 1, "total": 1}
        assert result["content"]["precision"] == 0.5


def test_full_tie_goes_to_the_earlier_gold():
    # One quote covers two gold contents completely and equally tightly: the earlier gold gets it.
    text = "up in, said Ann and Bo."
    first, second = gold(text, "up", source="Ann"), gold(text, "in", source="Bo")
    article = GoldArticle("t", text, (second, first))  # order in the tuple does not matter
    only = quote(text, "up in")
    pairs = match(
        article.attributions,
        [counted_chars(text, a.content) for a in article.attributions],
        [only],
        [counted_chars(text, [(only.start, only.end)])],
        0.3,
    )
    assert pairs == [(1, 0)]


def test_greedy_matching_is_one_to_one():
    # Two quotes on one gold: one matches, the other is a false positive.
    text = "We will stay here. she said."
    article = GoldArticle("t", text, (gold(text, "We will stay here."),))
    result = figures(score_article(article, [quote(text, "We will stay"), quote(text, "stay here.")]))
    content = result["thresholds"]["0.3"]["content"]
    assert (content["matched"], content["precision"], content["recall"]) == (1, 0.5, 1.0)


SOURCES = "Rates will rise, Ann said. Taxes will fall, it was reported."


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        (span(SOURCES, "Ann"), 1),  # overlaps the gold source
        (span(SOURCES, "said"), 0),  # a span, but not the source
        (None, 0),  # no speaker where the gold has one
    ],
)
def test_source_must_overlap_the_gold_source(speaker, expected):
    article = GoldArticle("t", SOURCES, (gold(SOURCES, "Rates will rise", source="Ann", cue="said"),))
    result = figures(score_article(article, [quote(SOURCES, "Rates will rise", speaker=speaker)]))
    assert result["thresholds"]["0.8"]["source_accuracy"]["correct"] == expected
    assert result["thresholds"]["0.8"]["content_and_source"]["matched"] == expected


@pytest.mark.parametrize(("speaker", "expected"), [(None, 1), (span(SOURCES, "it"), 0)])
def test_gold_without_source_wants_no_speaker(speaker, expected):
    article = GoldArticle("t", SOURCES, (gold(SOURCES, "Taxes will fall", cue="was reported"),))
    result = figures(score_article(article, [quote(SOURCES, "Taxes will fall", speaker=speaker)]))
    assert result["thresholds"]["0.8"]["source_accuracy"]["correct"] == expected


@pytest.mark.parametrize(
    ("cue", "cue_gold", "expected"),
    [
        (span(SOURCES, "said"), "said", 1),
        (span(SOURCES, "Ann"), "said", 0),
        (None, "said", 0),
        (None, None, 1),  # no cue annotated, none predicted
        (span(SOURCES, "said"), None, 0),
    ],
)
def test_cue_must_overlap_the_gold_cue(cue, cue_gold, expected):
    article = GoldArticle("t", SOURCES, (gold(SOURCES, "Rates will rise", cue=cue_gold),))
    result = figures(score_article(article, [quote(SOURCES, "Rates will rise", cue=cue)]))
    assert result["thresholds"]["0.8"]["cue_accuracy"]["correct"] == expected


def test_speaker_name_compares_normalised_names_of_named_gold_only():
    text = "One. Two. Three."
    article = GoldArticle("t", text, (
        gold(text, "One.", speaker_name="Mara O’Hale"),
        gold(text, "Two.", speaker_name="Bo Lee"),
        gold(text, "Three."),  # no name in the gold: not counted
    ))
    quotes = [
        quote(text, "One.", name="  mara  o'hale "),
        quote(text, "Two.", name=None),
        quote(text, "Three.", name="X"),
    ]
    result = figures(score_article(article, quotes))["thresholds"]["0.8"]
    assert result["speaker_name_accuracy"] == {"accuracy": 0.5, "correct": 1, "total": 2}


def test_no_speaker_names_in_gold_gives_no_figure():
    result = figures(score_article(TEN_GOLD, [quote(TEN, TEN[:10])]))["thresholds"]["0.8"]
    assert result["speaker_name_accuracy"] == {"accuracy": None, "correct": 0, "total": 0}


def test_recall_by_type():
    text = '"Stay," she said. He said rates rise. They "might" go.'
    article = GoldArticle("t", text, (
        gold(text, '"Stay,"', type="direct"),
        gold(text, "rates rise", type="indirect"),
        gold(text, 'They "might" go', type="mixed"),
    ))
    result = figures(score_article(article, [quote(text, "Stay,"), quote(text, 'They "might" go')]))
    by_type = result["thresholds"]["0.3"]["recall_by_type"]
    assert by_type == {
        "direct": {"recall": 1.0, "matched": 1, "gold": 1},
        "mixed": {"recall": 1.0, "matched": 1, "gold": 1},
        "indirect": {"recall": 0.0, "matched": 0, "gold": 1},
    }


def test_character_figures_use_unions_of_non_space_characters():
    # Gold: "aa bb" (4 chars) and "cc" (2) -> 6. Predicted: "bb cc dd" (6), overlapping twice
    # with itself ("bb" again) -> union "bb", "cc", "dd" = 6. Overlap "bb", "cc" = 4.
    text = "aa bb cc dd"
    article = GoldArticle("t", text, (gold(text, "aa bb"), gold(text, "cc")))
    result = figures(score_article(article, [quote(text, "bb cc dd"), quote(text, "bb")]))["characters"]
    assert result == pytest.approx({
        "precision": 4 / 6, "recall": 4 / 6, "f1": 4 / 6, "gold": 6, "predicted": 6, "overlap": 4,
    })


def test_corpus_figures_are_micro_averages():
    # Article 1: 1 gold, 1 predicted, matched. Article 2: 3 gold, nothing predicted.
    # Micro recall = 1/4 (a macro average would say 1/2).
    one = "Rates will rise, Ann said."
    three = "A b. C d. E f."
    first = GoldArticle("1", one, (gold(one, "Rates will rise"),))
    second = GoldArticle("2", three, (gold(three, "A b."), gold(three, "C d."), gold(three, "E f.")))
    total = sum((score_article(first, [quote(one, "Rates will rise")]), score_article(second, [])), Score())
    result = figures(total)
    assert (result["articles"], result["gold"], result["predicted"]) == (2, 4, 1)
    assert result["thresholds"]["0.8"]["content"] == pytest.approx(
        # P 1/1, R 1/4, F1 = 2*(1/4)/(5/4) = 0.4
        {"precision": 1.0, "recall": 0.25, "f1": 0.4, "matched": 1}
    )


def test_nothing_predicted_gives_undefined_precision():
    result = figures(score_article(TEN_GOLD, []))["thresholds"]["0.3"]["content"]
    assert result == {"precision": None, "recall": 0.0, "f1": None, "matched": 0}


def test_people_are_matched_by_name_and_gender_counts_only_evidence_the_gold_agrees_with() -> None:
    from quotewise.evaluation.gold import GoldPerson
    from quotewise.evaluation.metrics import score_people
    from quotewise.records import Person

    gold = [GoldPerson("Ana Ruiz", "female"), GoldPerson("Tom Birch", "male"), GoldPerson("Lee Park", None)]
    predicted = [
        Person("Ana Ruiz", "female", quoted=True),  # right, and a quoted woman
        Person("Birch", "male", quoted=True),  # a surname where the article gives the full name: no match
        Person("Story", "female"),  # page furniture taken for a person: a wrong gender
        Person("Lee  PARK", None, quoted=True),
    ]
    counts = score_people(gold, ["Ana Ruiz", "Tom Birch", None], predicted)
    assert (counts.gold, counts.predicted, counts.matched) == (3, 4, 2)
    assert (counts.gendered, counts.gender_correct, counts.gold_gendered) == (3, 1, 2)
    assert (counts.quoted_female_predicted, counts.quoted_female_gold, counts.quoted_female_correct) == (1, 1, 1)
    assert (counts.quoted_male_predicted, counts.quoted_male_gold, counts.quoted_male_correct) == (1, 1, 0)
    article = GoldArticle("a", "x" * 10, (), people=tuple(gold))
    people = figures(score_article(article, (), people=predicted))["people"]
    assert people["listed"]["precision"] == 0.5 and people["gender"]["precision"] == pytest.approx(1 / 3)
    assert people["quoted_male"]["precision"] == 0.0  # no gold quotation names Tom Birch here


def test_people_figures_are_left_out_when_no_gold_lists_people() -> None:
    assert "people" not in figures(score_article(GoldArticle("a", "x", ()), ()))


def test_a_split_quotation_is_scored_as_its_pieces_against_gold_that_annotates_pieces() -> None:
    text = '"We will stay," she said, "and we will rebuild."'
    gold = (GoldAttribution(((1, 14),), type="direct"), GoldAttribution(((27, 47),), type="direct"))
    split = Quote(text[1:47], 1, 47, "direct", parts=((1, 14), (27, 47)))
    pieces = figures(score_article(GoldArticle("a", text, gold, split_quotations="pieces"), [split]))
    whole = figures(score_article(GoldArticle("a", text, gold), [split]))
    assert pieces["predicted"] == 2 and pieces["thresholds"]["0.8"]["content"]["matched"] == 2
    assert whole["predicted"] == 1 and whole["thresholds"]["0.8"]["content"]["matched"] == 1
