"""A real store, made by `quotewise ingest`, asked the questions users ask it and exported for annotators."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from quotewise import extract
from quotewise.cli.app import cli
from quotewise.corpus import queries
from quotewise.corpus.schema import quotes
from quotewise.corpus.store import Store
from quotewise.io.exports import utf16_offsets

ARTICLES = [
    {
        "id": "herald-1", "outlet": "Harbour Herald", "date": "2022-02-10", "title": "Port to reopen on Monday",
        "url": "https://herald.example/port-reopen",
        "text": (
            "Port to reopen on Monday\n"
            "Mayor Ana Ruiz said on Thursday that the harbour would reopen on Monday after a week of strikes.\n"
            "\"We will not let the port stand idle while families wait for their wages,\" she said.\n"
            "The Port Workers Union said in a statement that its members would return to work.\n"
            "\"Our offer remains on the table,\" said David Liu, chief executive of Southern Ports. "
            "He said the company had lost two million dollars.\n"
        ),
    },
    {
        "id": "times-1", "outlet": "Valley Times", "date": "2022-03-05", "title": "Rates to rise",
        "text": (
            "\U0001F6A2 Council news\n"
            "Ratepayers in the valley face a four percent rise, Mayor Ana Ruiz told a public meeting on Friday.\n"
            "\"Nobody likes paying more, but the pipes under this town are a hundred years old,\" Ruiz said.\n"
            "Police said the protest outside the council chambers had been peaceful.\n"
            "Resident Tom Baker said he would not pay. \"I have had enough of this council,\" Mr Baker said.\n"
        ),
    },
    {
        "id": "times-2", "outlet": "Valley Times", "date": "2022-04-20", "title": "Library hours cut",
        "text": "The library will close on Sundays from May, the council said in a notice on Tuesday.\n",
    },
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "news.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--workers", "0", str(source)])
    assert result.exit_code == 0, result.output
    assert "3 new or changed" in result.stderr
    return db


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_store_gives_what_extract_gives(store_path):
    store = Store.open(str(store_path), create=False)
    for article, result in queries.stored_articles(store, [a["id"] for a in ARTICLES]):
        assert result == extract(article.text)


def test_search_ranks_and_filters(store_path):
    db = str(store_path)
    hits = json.loads(run("search", "idle", "--db", db))
    assert [h["speaker_name"] for h in hits] == ["Ana Ruiz"]
    assert hits[0]["outlet"] == "Harbour Herald" and hits[0]["title"] == "Port to reopen on Monday"
    assert json.loads(run("search", '"hundred years"', "--db", db))[0]["article_id"] == "times-1"
    either = {h["article_id"] for h in json.loads(run("search", "idle OR pipes", "--db", db))}
    assert either == {"herald-1", "times-1"}
    assert json.loads(run("search", "idle -families", "--db", db)) == []
    by_ruiz = json.loads(run("search", "--speaker", "ruiz", "--db", db))
    assert by_ruiz and {h["speaker_name"] for h in by_ruiz} == {"Ana Ruiz"}
    assert [h["date"] for h in by_ruiz] == sorted((h["date"] for h in by_ruiz), reverse=True)
    march = json.loads(run("search", "--since", "2022-03", "--until", "2022-03", "--db", db))
    assert march and {h["article_id"] for h in march} == {"times-1"}
    assert {h["outlet"] for h in json.loads(run("search", "--outlet", "valley times", "--db", db))} == {"Valley Times"}
    rows = list(csv.DictReader(io.StringIO(run("search", "pipes", "--db", db, "--format", "csv"))))
    assert rows[0]["speaker_name"] == "Ana Ruiz"


def test_a_query_the_syntax_cannot_take_is_one_line(store_path):
    result = CliRunner().invoke(cli, ["search", "--db", str(store_path), "police", "OR"])
    assert result.exit_code == 1 and result.stderr.startswith('Error: [QW210] "OR" has nothing after it;')
    assert len(result.stderr.splitlines()) == 1


def test_a_missing_store_is_named(tmp_path):
    result = CliRunner().invoke(cli, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "[QW208]" in result.stderr and "none.db" in result.stderr


def test_speakers_counts_quotes_articles_and_outlets(store_path):
    top = json.loads(run("speakers", "--db", str(store_path), "--top", "3"))
    ruiz = top[0]
    assert ruiz["speaker"] == "Ana Ruiz" and ruiz["articles"] == 2 and ruiz["statements"] == ruiz["appearances"] >= 3
    assert isinstance(ruiz["speaker_id"], int)
    assert ruiz["outlets"] == sorted(ruiz["outlets"]) and set(ruiz["outlets"]) == {"Harbour Herald", "Valley Times"}
    assert (ruiz["first_seen"], ruiz["last_seen"]) == ("2022-02-10", "2022-03-05")
    assert "Mayor" in ruiz["titles"]
    people = json.loads(run("speakers", "--db", str(store_path), "--kind", "person"))
    assert {p["kind"] for p in people} == {"person"}


def test_stats_shares_add_up_and_unknown_is_kept(store_path):
    db = str(store_path)
    by_gender = json.loads(run("stats", "--db", db, "--by", "gender"))
    assert sum(r["share"] for r in by_gender) == pytest.approx(1.0)
    genders = {r["gender"]: r for r in by_gender}
    assert {"female", "male", queries.NOT_A_PERSON} <= set(genders)
    store = Store.open(db, create=False)
    assert sum(r["appearances"] for r in by_gender) == store.count("quotes")
    assert sum(r["statements"] for r in by_gender) == len(store.execute(select(quotes.c.statement_id).distinct()))
    crossed = json.loads(run("stats", "--db", db, "--by", "outlet", "--by", "kind"))
    for outlet in ("Harbour Herald", "Valley Times"):
        assert sum(r["share"] for r in crossed if r["outlet"] == outlet) == pytest.approx(1.0)
    months = {r["month"] for r in json.loads(run("stats", "--db", db, "--by", "month"))}
    assert months == {"2022-02", "2022-03", "2022-04"}


def test_tables_export_one_row_per_quotation(store_path, tmp_path):
    db = str(store_path)
    total = Store.open(db, create=False).count("quotes")
    run("export", "--db", db, "--format", "jsonl", "-o", str(tmp_path / "q.jsonl"))
    lines = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == total
    run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "q.parquet"))
    assert pq.read_table(tmp_path / "q.parquet").to_pylist() == lines
    run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "q.csv"))
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8", newline="")))
    assert [r["text"] for r in rows] == [x["text"] for x in lines]
    run("export", "--db", db, "--format", "jsonl", "--outlet", "Harbour Herald", "-o", str(tmp_path / "h.jsonl"))
    assert {json.loads(x)["article_id"] for x in (tmp_path / "h.jsonl").read_text().splitlines()} == {"herald-1"}


@pytest.mark.parametrize(("fmt", "gold_format"), [("labelstudio", "labelstudio"), ("quotewise-gold", "quotewise")])
def test_exported_annotations_score_one_against_the_store(store_path, tmp_path, fmt, gold_format):
    out = tmp_path / ("tasks.json" if fmt == "labelstudio" else "gold")
    run("export", "--db", str(store_path), "--format", fmt, "-o", str(out))
    record = json.loads(run("evaluate", "--gold", str(out), "--format", gold_format, "--run", "--json"))
    figures = record["figures"]
    assert figures["articles"] == len(ARTICLES) and figures["gold"] > 0
    assert figures["characters"]["f1"] == 1.0
    for threshold in figures["thresholds"].values():
        assert threshold["content_and_source"]["f1"] == 1.0
        assert threshold["cue_accuracy"]["accuracy"] == 1.0
        assert threshold["speaker_name_accuracy"]["accuracy"] == 1.0


def test_label_studio_offsets_count_utf16_units(store_path, tmp_path):
    out = tmp_path / "tasks.json"
    run("export", "--db", str(store_path), "--format", "labelstudio", "-o", str(out))
    assert (tmp_path / "tasks.label-config.xml").is_file()
    task = next(t for t in json.loads(out.read_text(encoding="utf-8")) if t["data"]["id"] == "times-1")
    text = task["data"]["text"]
    units = text.encode("utf-16-le")
    for region in task["predictions"][0]["result"]:
        if region["type"] == "labels":
            value = region["value"]
            assert units[2 * value["start"] : 2 * value["end"]].decode("utf-16-le") == value["text"]
    assert utf16_offsets("a\U0001F6A2b") == [0, 1, 3, 4]


def test_brat_spans_are_the_text_they_name(store_path, tmp_path):
    out = tmp_path / "brat"
    run("export", "--db", str(store_path), "--format", "brat", "-o", str(out))
    assert (out / "annotation.conf").is_file()
    for ann in out.glob("*.ann"):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                _, where, shown = line.split("\t")
                fragments = [tuple(map(int, f.split())) for f in where.split(" ", 1)[1].split(";")]
                assert " ".join(text[s:e] for s, e in fragments) == shown
                assert all("\n" not in text[s:e] for s, e in fragments)


def test_reingesting_unchanged_articles_writes_nothing(store_path):
    source = store_path.parent / "news.jsonl"
    before = Store.open(str(store_path), create=False).count("quotes")
    result = CliRunner().invoke(cli, ["ingest", "--db", str(store_path), "--workers", "0", str(source)])
    assert result.exit_code == 0 and "0 new or changed" in result.stderr and "3 unchanged" in result.stderr
    assert Store.open(str(store_path), create=False).count("quotes") == before


def test_extract_with_workers_gives_the_same_output(tmp_path):
    paths = []
    for article in ARTICLES:
        path = tmp_path / f"{article['id']}.txt"
        path.write_text(article["text"], encoding="utf-8")
        paths.append(str(path))
    alone = run("extract", "--format", "jsonl", *paths)
    assert run("extract", "--format", "jsonl", "--workers", "2", *paths) == alone


def test_speakers_export_one_row_per_identity(store_path, tmp_path):
    db = str(store_path)
    run("export", "--db", db, "--what", "speakers", "--format", "jsonl", "-o", str(tmp_path / "s.jsonl"))
    found = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    store = Store.open(db, create=False)
    assert len(found) == store.count("speakers") and found
    quoted = {i for (i,) in store.execute(select(quotes.c.speaker_id).where(quotes.c.speaker_id.is_not(None)))}
    assert quoted <= {row["speaker_id"] for row in found}
    assert sum(row["quotes"] for row in found) == store.count("quotes") - len(
        store.execute(select(quotes.c.n).where(quotes.c.speaker_id.is_(None))))
    run("export", "--db", db, "--what", "speakers", "--format", "csv", "-o", str(tmp_path / "s.csv"))
    rows = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8", newline="")))
    assert [int(r["speaker_id"]) for r in rows] == [row["speaker_id"] for row in found]
    assert [json.loads(r["aliases"]) for r in rows] == [row["aliases"] for row in found]
    refused = CliRunner().invoke(cli, ["export", "--db", db, "--what", "speakers", "--format", "parquet", "-o",
                                       str(tmp_path / "s.parquet")])
    assert refused.exit_code == 2 and "speakers are exported as jsonl or csv" in refused.output
