from __future__ import annotations

import json

from quotewise.records import ArticleResult, Person, Quote, Span


def _result() -> ArticleResult:
    quote = Quote(
        text="We will stay", start=1, end=13, type="direct", cue=Span("said", 20, 24),
        speaker=Span("Ruiz", 15, 19), speaker_name="Ana Ruiz", speaker_kind="person",
        speaker_title="Mayor", speaker_org=None, confidence=0.9, evidence="cue-after-quote", cue_kind="speech",
    )
    person = Person(name="Ana Ruiz", gender="female", quoted=True, title="Mayor", mentions=((15, 19),))
    return ArticleResult(quotes=(quote,), people=(person,))


def test_round_trip_through_json() -> None:
    result = _result()
    again = ArticleResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result


def test_schema_field_names() -> None:
    data = _result().to_dict()
    assert set(data) == {"quotes", "people"}
    assert set(data["quotes"][0]) >= {
        "text", "start", "end", "type", "cue", "speaker", "speaker_name", "speaker_kind",
        "speaker_title", "speaker_org", "confidence", "evidence"}
    assert set(data["people"][0]) == {"name", "gender", "gender_evidence", "quoted", "title", "org", "mentions"}
    assert data["people"][0]["mentions"] == [[15, 19]]


def test_a_file_with_fewer_fields_still_reads() -> None:
    quote = Quote.from_dict({"text": "We stay", "start": 1, "end": 8, "speaker_kind": None})
    assert quote == Quote("We stay", 1, 8, "direct")
