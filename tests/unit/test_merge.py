"""Putting chunk results back together: offsets shifted, people joined by name across chunks only."""

from __future__ import annotations

from functools import reduce

from quotewise.engine.merge import merge_results
from quotewise.records import ArticleResult, Person, Quote, Span


def chunk(quote_at: int, *people: Person) -> ArticleResult:
    quote = Quote("We will stay,", quote_at, quote_at + 13, "direct", cue=Span("said", quote_at + 20, quote_at + 24))
    return ArticleResult(quotes=(quote,), people=people)


PARTS = [
    (0, chunk(5, Person("Ana Ruiz", mentions=((0, 8),)), Person("Ana Ruiz", gender="female", mentions=((40, 48),)))),
    (100, chunk(2, Person("Ana Ruiz", quoted=True, title="mayor", mentions=((10, 14),)), Person("Tom Hale"))),
    (250, chunk(0, Person("Tom Hale", mentions=((3, 7),)))),
]


def test_offsets_are_shifted_to_the_article() -> None:
    merged = merge_results(PARTS)
    assert [(q.start, q.cue.start) for q in merged.quotes if q.cue] == [(5, 25), (102, 122), (250, 270)]


def test_a_later_chunk_joins_the_last_person_of_that_name_and_a_chunk_keeps_its_own_apart() -> None:
    people = merge_results(PARTS).people
    assert [(p.name, p.mentions) for p in people] == [
        ("Ana Ruiz", ((0, 8),)),
        ("Ana Ruiz", ((40, 48), (110, 114))),
        ("Tom Hale", ((253, 257),)),
    ]
    assert people[1].quoted and people[1].title == "mayor" and people[1].gender == "female"


def test_merging_as_chunks_arrive_equals_merging_at_once() -> None:
    folded = reduce(lambda merged, part: merge_results([(0, merged), part]), PARTS, ArticleResult())
    assert folded == merge_results(PARTS)


def test_chunks_that_disagree_on_a_gender_leave_it_open_and_keep_all_the_evidence() -> None:
    first = ArticleResult(people=(Person("Jordan Pike", "male", gender_evidence=(("pronoun-male", 2),)),))
    second = ArticleResult(people=(Person("Jordan Pike", "female", gender_evidence=(("pronoun-female", 1),)),))
    (pike,) = merge_results([(0, first), (100, second)]).people
    assert pike.gender is None and pike.gender_evidence == (("pronoun-female", 1), ("pronoun-male", 2))
