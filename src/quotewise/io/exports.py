"""Stored articles out again: quotation tables for analysis, and annotation files for people to correct.

Tables (jsonl, csv, parquet) have one row per quotation with its article's metadata. The annotation formats
(brat, Label Studio, the quotewise gold format) hold whole articles: a split quotation is written as its quoted
pieces, each with the quotation's cue and speaker, as the quotewise gold format annotates it, so corrected
annotations go straight back into `quotewise evaluate`.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..records import Article, ArticleResult, Quote
from ..rows import QUOTATION_COLUMNS, column_type, text_cell

TABLE_FORMATS = ("jsonl", "csv", "parquet")  # a row per quotation
EXPORT_FORMATS = (*TABLE_FORMATS, "brat", "labelstudio", "quotewise-gold")
FOLDER_FORMATS = ("brat", "quotewise-gold")  # one file per article, in the folder OUT
Stored = tuple[Article, ArticleResult]
# The Label Studio project these tasks are for (docs/corpus.md shows it): labels on the text, quotations
# related to their cue and speaker, and the speaker's full name per region.
LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="direct"/><Label value="indirect"/><Label value="mixed"/>
    <Label value="cue"/><Label value="speaker"/>
  </Labels>
  <Relations><Relation value="cue"/><Relation value="speaker"/></Relations>
  <TextArea name="speaker_name" toName="text" perRegion="true" editable="true"/>
  <Text name="text" value="$text"/>
</View>
"""


def write_table(fmt: str, rows: Iterable[dict[str, Any]], out: Path) -> int:
    """Write quotation rows (`quotewise.rows.QUOTATION_COLUMNS`) as JSON Lines, CSV or Parquet, as they come;
    the number of rows."""
    if fmt == "parquet":
        return _write_parquet(rows, out)
    count = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=QUOTATION_COLUMNS) if fmt == "csv" else None
        if writer is not None:
            writer.writeheader()
        for row in rows:
            if writer is not None:
                writer.writerow({k: text_cell(v) for k, v in row.items()})
            else:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_speakers(fmt: str, rows: Iterable[dict[str, Any]], out: Path, columns: Sequence[str]) -> int:
    """Write speaker identities (`columns`), one row each, as JSON Lines or CSV (lists and counts as JSON text);
    the number of rows."""
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"speakers are exported as jsonl or csv, not {fmt}")
    count = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(columns)) if fmt == "csv" else None
        if writer is not None:
            writer.writeheader()
        for row in rows:
            if writer is not None:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                                 for k, v in row.items()})
            else:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_articles(fmt: str, stored: Iterable[Stored], out: Path, model_version: str) -> int:
    """Write whole articles for annotators (a file, or a folder for brat and quotewise-gold); the number of
    articles."""
    if fmt == "labelstudio":
        return _write_labelstudio(stored, out, model_version)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "brat":
        (out / "annotation.conf").write_text(_BRAT_CONF, encoding="utf-8")
    count = 0
    names: set[str] = set()
    for article, result in stored:
        name = file_name(article.id, names)
        (out / f"{name}.txt").write_text(article.text, encoding="utf-8", newline="")
        if fmt == "brat":
            (out / f"{name}.ann").write_text(brat_annotations(article.text, result), encoding="utf-8")
        else:
            gold = {"scope": "quotes", "quotes": gold_quotes(result)}
            (out / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        count += 1
    return count


def file_name(article_id: str, taken: set[str]) -> str:
    """A safe, unique file name for an article id (ids are often URLs)."""
    base = re.sub(r"[^\w.-]+", "_", article_id.split("://", 1)[-1]).strip("._")[:100] or "article"
    name, k = base, 1
    while name in taken:
        k += 1
        name = f"{base}-{k}"
    taken.add(name)
    return name


PARQUET_ROWS = 10_000  # rows per row group: written as they come, so the export holds no more


def _write_parquet(rows: Iterable[dict[str, Any]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pairs = pa.list_(pa.list_(pa.int64()))
    types = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "pairs": pairs, "text": pa.string()}
    schema = pa.schema([(name, types[column_type(name)]) for name in QUOTATION_COLUMNS])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for group in _batched(rows, PARQUET_ROWS):
            writer.write_table(pa.Table.from_pylist(group, schema=schema))
            count += len(group)
    return count


def _batched(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    group: list[dict[str, Any]] = []
    for row in rows:
        group.append(row)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def pieces(quote: Quote) -> list[tuple[int, int]]:
    """The spans a quotation is annotated as: its quoted pieces when split, else itself."""
    return list(quote.parts) or [(quote.start, quote.end)]


def gold_quotes(result: ArticleResult) -> list[dict[str, Any]]:
    found = []
    for q in result.quotes:
        for start, end in pieces(q):
            found.append({
                "start": start, "end": end, "type": q.type,
                "cue": q.cue.to_dict() if q.cue else None,
                "speaker": q.speaker.to_dict() if q.speaker else None,
                "speaker_name": q.speaker_name,
            })
    return found


_BRAT_CONF = """[entities]
Direct
Indirect
Mixed
Cue
Speaker
[relations]
Cue\tArg1:Direct|Indirect|Mixed, Arg2:Cue
Source\tArg1:Direct|Indirect|Mixed, Arg2:Speaker
[events]
[attributes]
"""


def brat_annotations(text: str, result: ArticleResult) -> str:
    """brat standoff: a text-bound annotation per piece, cue and speaker, related by Cue and Source."""
    lines: list[str] = []
    spans: dict[tuple[str, int, int], str] = {}

    def entity(label: str, start: int, end: int) -> str:
        if (label, start, end) not in spans:
            ident = f"T{len(spans) + 1}"
            spans[(label, start, end)] = ident
            # brat fragments may not cross a line break: a span over several lines is given as fragments.
            fragments = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", text[start:end])]
            where = ";".join(f"{s} {e}" for s, e in fragments) or f"{start} {end}"
            shown = " ".join(text[s:e] for s, e in fragments)
            lines.append(f"{ident}\t{label} {where}\t{shown}")
        return spans[(label, start, end)]

    relations = 0
    for q in result.quotes:
        for start, end in pieces(q):
            content = entity(q.type.capitalize(), start, end)
            for label, span in (("Cue", q.cue), ("Speaker", q.speaker)):
                if span is not None:
                    relations += 1
                    other = entity(label, span.start, span.end)
                    relation = "Cue" if label == "Cue" else "Source"
                    lines.append(f"R{relations}\t{relation} Arg1:{content} Arg2:{other}")
    return "".join(line + "\n" for line in lines)


def utf16_offsets(text: str) -> list[int]:
    """For each str index (and the end), its offset in UTF-16 code units: how Label Studio counts."""
    found = [0] * (len(text) + 1)
    units = 0
    for i, char in enumerate(text):
        found[i] = units
        units += 2 if ord(char) > 0xFFFF else 1
    found[len(text)] = units
    return found


def labelstudio_task(article: Article, result: ArticleResult, model_version: str) -> dict[str, Any]:
    text = article.text
    at = utf16_offsets(text)
    regions: list[dict[str, Any]] = []
    ids: dict[tuple[str, int, int], str] = {}

    def region(label: str, start: int, end: int) -> str:
        if (label, start, end) not in ids:
            ident = f"r{len(ids) + 1}"
            ids[(label, start, end)] = ident
            value = {"start": at[start], "end": at[end], "text": text[start:end], "labels": [label]}
            regions.append({"id": ident, "from_name": "label", "to_name": "text", "type": "labels", "value": value})
        return ids[(label, start, end)]

    for q in result.quotes:
        for start, end in pieces(q):
            content = region(q.type, start, end)
            if q.speaker_name:
                value = {"start": at[start], "end": at[end], "text": [q.speaker_name]}
                regions.append({"id": content, "from_name": "speaker_name", "to_name": "text", "type": "textarea",
                                "value": value})
            for label, span in (("cue", q.cue), ("speaker", q.speaker)):
                if span is not None:
                    other = region(label, span.start, span.end)
                    regions.append({"from_id": content, "to_id": other, "type": "relation", "direction": "right",
                                    "labels": [label]})
    data = {"text": text, **{k: getattr(article, k) for k in ("id", "title", "outlet", "date", "url")}}
    return {"data": data, "predictions": [{"model_version": model_version, "result": regions}]}


def _write_labelstudio(stored: Iterable[Stored], out: Path, model_version: str) -> int:
    out.with_name(out.stem + ".label-config.xml").write_text(LABEL_CONFIG, encoding="utf-8")
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        stream.write("[")
        for article, result in stored:
            stream.write(",\n" if count else "\n")
            stream.write(json.dumps(labelstudio_task(article, result, model_version), ensure_ascii=False))
            count += 1
        stream.write("\n]\n")
    return count
