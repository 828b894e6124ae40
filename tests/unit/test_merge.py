"""Joining a long text's chunks: offsets shifted, people joined by name across chunks only, one chunk at a time."""

from __future__ import annotations

from quotewise.engine.merge import PeopleMerger
from quotewise.records import Person, Quote, Span

CHUNKS = [
    (0, (Person("Ana Ruiz", mentions=((0, 8),)), Person("Ana Ruiz", gender="female", mentions=((40, 48),)))),
    (100, (Person("Ana Ruiz", quoted=True, title="mayor", mentions=((10, 14),)), Person("Tom Hale"))),
    (250, (Person("Tom Hale", mentions=((3, 7),)),)),
]


def merged(chunks: list[tuple[int, tuple[Person, ...]]]) -> tuple[Person, ...]:
    merger = PeopleMerger()
    for offset, people in chunks:
        merger.add(offset, people)
    return merger.people()


def test_a_quotation_moves_to_article_offsets_with_its_cue_speaker_and_parts() -> None:
    quote = Quote("We stay,", 5, 13, "direct", cue=Span("said", 20, 24), speaker=Span("she", 15, 18),
                  parts=((5, 9), (10, 13)))
    moved = quote.shifted(100)
    assert (moved.start, moved.end, moved.cue, moved.speaker, moved.parts) == (
        105, 113, Span("said", 120, 124), Span("she", 115, 118), ((105, 109), (110, 113)))


def test_a_later_chunk_joins_the_last_person_of_that_name_and_a_chunk_keeps_its_own_apart() -> None:
    people = merged(CHUNKS)
    assert [(p.name, p.mentions) for p in people] == [
        ("Ana Ruiz", ((0, 8),)),
        ("Ana Ruiz", ((40, 48), (110, 114))),
        ("Tom Hale", ((253, 257),)),
    ]
    assert people[1].quoted and people[1].title == "mayor" and people[1].gender == "female"


def test_chunks_that_disagree_on_a_gender_leave_it_open_and_keep_all_the_evidence() -> None:
    people = merged([
        (0, (Person("Jordan Pike", "male", gender_evidence=(("pronoun-male", 2),)),)),
        (100, (Person("Jordan Pike", "female", gender_evidence=(("pronoun-female", 1),)),)),
        (200, (Person("Jordan Pike", "male", gender_evidence=(("pronoun-male", 1),)),)),
    ])
    (pike,) = people
    assert pike.gender is None and pike.gender_evidence == (("pronoun-female", 1), ("pronoun-male", 3))
