"""Records as flat rows: the one serializer behind every table quotewise writes.

A quotation's row is its article's metadata, its place in the article (`n`), every field of `Quote` flattened (a
span becomes `<name>_text`, `<name>_start`, `<name>_end`; `words` follows `text`) and its speaker's gender as it
is counted, with where that gender came from (`speaker_gender_source`: the article's evidence or the name
list). `extract --format csv`, `export` (CSV, JSON Lines, Parquet), the store's quotes table and the web pages
all use these columns under these names. They are derived from the dataclasses' own fields, so a field
added to `Quote` or `Article` reaches every table at once and no column list is kept by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any, get_args, get_origin, get_type_hints

from .records import Article, Person, Quote, Span

NOT_A_PERSON = "not a person"  # the counted gender of an organisation, a group or a document
_HINTS = {**get_type_hints(Article), **get_type_hints(Quote)}
_SPANS = tuple(f.name for f in fields(Quote) if Span in (get_args(_HINTS[f.name]) or (_HINTS[f.name],)))


def article_fields(article: Article) -> dict[str, Any]:
    """An article's metadata (everything but its text), its id as `article_id`."""
    return {_article_column(f.name): getattr(article, f.name) for f in fields(Article) if f.name != "text"}


def quote_fields(quote: Quote) -> dict[str, Any]:
    """Every field of a quotation, spans flattened; `parts` stays a list of [start, end] pairs."""
    row: dict[str, Any] = {}
    for f in fields(Quote):
        value = getattr(quote, f.name)
        if f.name in _SPANS:
            for part in ("text", "start", "end"):
                row[f"{f.name}_{part}"] = getattr(value, part) if value is not None else None
        elif f.name == "parts":
            row[f.name] = [list(p) for p in value]
        else:
            row[f.name] = value
        if f.name == "text":
            row["words"] = quote.words
    return row


def quotation_row(article: Article, n: int, quote: Quote, gender: tuple[str, str | None]) -> dict[str, Any]:
    """One quotation as a table row: `QUOTATION_COLUMNS`, in that order; `gender` as `counted_gender` gives it.
    `speaker_id`, `statement_id` and `duplicate_group` are the store's (corpus.identities, corpus.duplicates), so
    a row made outside one has none."""
    return {**article_fields(article), "n": n, **quote_fields(quote), "speaker_gender": gender[0],
            "speaker_gender_source": gender[1], "speaker_id": None, "statement_id": None, "duplicate_group": None}


def quote_from_fields(row: Mapping[str, Any]) -> Quote:
    """The quotation a row holds (`parts` as a list or as JSON text): the inverse of `quote_fields`."""
    values: dict[str, Any] = {}
    for f in fields(Quote):
        if f.name in _SPANS:
            start = row[f"{f.name}_start"]
            values[f.name] = None if start is None else Span(row[f"{f.name}_text"], start, row[f"{f.name}_end"])
        elif f.name == "parts":
            parts = json.loads(row["parts"]) if isinstance(row["parts"], str) else row["parts"]
            values["parts"] = tuple((int(s), int(e)) for s, e in parts)
        else:
            values[f.name] = row[f.name]
    return Quote(**values)


Genders = Mapping[str, tuple[str | None, str | None]]  # a person's name -> their gender and its source


def genders_of(people: Iterable[Person]) -> dict[str, tuple[str | None, str | None]]:
    """The article's people by name, with their gender and its source: what their quotations are counted as."""
    return {p.name: (p.gender, p.gender_source) for p in people}


def counted_gender(quote: Quote, genders: Genders) -> tuple[str, str | None]:
    """The speaker's gender as it is counted, and its source ("evidence" or "names"; None with no gender):
    unknown stays unknown, and groups are not people."""
    if quote.speaker_kind != "person":
        return NOT_A_PERSON, None
    gender, source = genders.get(quote.speaker_name or "", (None, None))
    return (gender, source) if gender else ("unknown", None)


def text_cell(value: Any) -> Any:
    """A value as a text table (CSV, the store's text columns) holds it: lists as JSON."""
    return json.dumps(value) if isinstance(value, list) else value


def column_type(name: str) -> str:
    """What a column of `QUOTATION_COLUMNS` holds, for the tables that are typed (the store, Parquet): "integer",
    "number", "boolean", "pairs" (`parts`) or "text", from the field's own type."""
    if name in ("n", "speaker_id"):  # the quotation's place in its article; its speaker's identity in a store
        return "integer"
    span, _, part = name.rpartition("_")
    if span in _SPANS:
        return "integer" if part in ("start", "end") else "text"
    hint = _HINTS.get(name, str)
    kinds = set(get_args(hint) or (hint,)) - {type(None)}
    if bool in kinds:
        return "boolean"
    if int in kinds:
        return "integer"
    if float in kinds:
        return "number"
    return "pairs" if get_origin(hint) is tuple else "text"


def _article_column(name: str) -> str:
    return "article_id" if name == "id" else name


def _never_null() -> frozenset[str]:
    """The quotation's columns that always hold a value: its fields that can't be None, and `words`."""
    return frozenset({"words"} | {f.name for f in fields(Quote) if f.name not in _SPANS and f.default is not None})


ARTICLE_COLUMNS = tuple(_article_column(f.name) for f in fields(Article) if f.name != "text")
QUOTE_COLUMNS = tuple(quote_fields(Quote("", 0, 0, "direct")))
QUOTATION_COLUMNS = (*ARTICLE_COLUMNS, "n", *QUOTE_COLUMNS, "speaker_gender", "speaker_gender_source", "speaker_id",
                     "statement_id", "duplicate_group")
NEVER_NULL = _never_null()
