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
    assert set(data["people"][0]) == {"name", "gender", "gender_source", "name_gender_p", "gender_evidence", "quoted",
                                      "title", "org", "mentions"}
    assert data["people"][0]["mentions"] == [[15, 19]]


def test_a_file_with_fewer_fields_still_reads() -> None:
    quote = Quote.from_dict({"text": "We stay", "start": 1, "end": 8, "speaker_kind": None})
    assert quote == Quote("We stay", 1, 8, "direct")


def test_the_store_schema_changes_only_with_its_version() -> None:
    """The quotes table follows the fields of `Quote` (quotewise.rows): a field added there changes the store, which
    then needs a new schema version and an upgrade of older stores (corpus/store.py), and this list."""
    from quotewise.corpus.schema import SCHEMA_VERSION, quotes

    assert (SCHEMA_VERSION, [(c.name, str(c.type), c.nullable) for c in quotes.columns]) == ("8", [
        ("id", "INTEGER", False), ("article_id", "VARCHAR", False), ("n", "INTEGER", False),
        ("text", "TEXT", False), ("words", "TEXT", False), ("start", "INTEGER", False), ("end", "INTEGER", False),
        ("type", "TEXT", False), ("cue_text", "TEXT", True), ("cue_start", "INTEGER", True),
        ("cue_end", "INTEGER", True), ("speaker_text", "TEXT", True), ("speaker_start", "INTEGER", True),
        ("speaker_end", "INTEGER", True), ("speaker_name", "TEXT", True), ("speaker_kind", "TEXT", False),
        ("speaker_title", "TEXT", True), ("speaker_org", "TEXT", True), ("confidence", "FLOAT", False),
        ("evidence", "TEXT", False), ("cue_kind", "TEXT", True), ("parts", "TEXT", False), ("rule", "TEXT", False),
        ("speaker_route", "TEXT", True), ("channel", "TEXT", True), ("is_floating_quote", "BOOLEAN", False),
        ("speaker_gender", "VARCHAR", False), ("speaker_gender_source", "VARCHAR", True), ("outlet", "VARCHAR", True),
        ("date", "VARCHAR", True), ("month", "VARCHAR", True), ("run_id", "INTEGER", False),
        ("speaker_id", "INTEGER", True), ("statement_id", "VARCHAR", True), ("duplicate_group", "VARCHAR", True),
    ])
