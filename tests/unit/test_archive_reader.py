"""The one reader, without a pipeline: formats told from the first bytes, error pages, dates, bad options."""

from __future__ import annotations

import gzip
import json

import pytest

from quotewise.errors import ConfigError
from quotewise.io.archives import ArchiveReader, ReadOptions, sniff
from quotewise.records import Article, BadRecord

STORY = '"We open on Monday," Mayor Ana Ruiz said. The council agreed to meet the traders again next week.'


def read(path, **options) -> list[Article | BadRecord]:
    return list(ArchiveReader([str(path)], ReadOptions(**options)))


@pytest.mark.parametrize(("head", "fmt"), [
    (b'{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n', "jsonl"),
    (b'{"articles": [{"text": "a"}, {"text": "b"}]}', "json"),  # one line, all of it: a document
    (b'{\n  "text": "a"\n}\n', "json"),  # an object over several lines
    (b'[{"text": "a"}]', "json"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b"<!DOCTYPE html><html><head><title>x</title></head><body><p>a</p></body></html>", "html"),
    (b"\xef\xbb\xbfA plain article.\nSecond paragraph.\n", "txt"),
    (gzip.compress(b'{"text": "a"}\n{"text": "b"}\n'), "jsonl"),
])
def test_a_format_is_told_from_the_first_bytes(head, fmt):
    assert sniff(head) == fmt


def test_a_one_line_json_document_is_read_as_its_articles_whatever_its_name(tmp_path):
    listed = {"articles": [{"id": "a", "text": STORY}, {"id": "b", "text": STORY + " Again."}]}
    for name in ("compact.json", "compact.dat"):
        (tmp_path / name).write_text(json.dumps(listed), encoding="utf-8")
        assert [r.id for r in read(tmp_path / name)] == ["a", "b"]
    long_first = {"articles": [{"id": "c", "text": STORY + " x" * 40_000}]}  # longer than what is sniffed
    (tmp_path / "long.dat").write_text(json.dumps(long_first), encoding="utf-8")
    assert [r.id for r in read(tmp_path / "long.dat")] == ["c"]


def test_json_lines_with_a_first_line_longer_than_the_sniffed_head_stream_as_lines(tmp_path):
    lines = [{"id": str(n), "text": STORY + " word" * 20_000} for n in range(3)]
    path = tmp_path / "dump.dat"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    got = read(path, max_bytes=150_000)  # the whole file is over the limit; each line is not
    assert [r.id for r in got] == ["0", "1", "2"]


def test_a_record_with_an_http_error_status_is_qw122_whatever_its_text(tmp_path):
    path = tmp_path / "crawl.jsonl"
    records = [{"id": "gone", "text": "Page not found. It may have moved.", "status": 404},
               {"id": "ok", "text": STORY, "status": "200"}, {"id": "draft", "text": STORY, "status": "published"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    got = read(path)
    assert isinstance(got[0], BadRecord) and got[0].code == "QW122" and "HTTP 404" in got[0].reason
    assert [r.id for r in got[1:]] == ["ok", "draft"]


def test_a_malformed_url_gives_no_outlet_and_the_rest_is_read(tmp_path):
    path = tmp_path / "urls.jsonl"
    records = [{"id": "a", "text": STORY, "url": "http://[broken/x"}, {"id": "b", "text": STORY}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    got = read(path)
    assert [(r.id, r.outlet) for r in got] == [("a", None), ("b", None)]


def test_only_articles_left_undated_count_as_dates_not_read(tmp_path):
    path = tmp_path / "dates.jsonl"
    records = [{"text": STORY, "date": "April 2, 2024"}, {"text": STORY + " 1", "date": "next Tuesday"},
               {"text": STORY + " 2"}, {"text": STORY + " 3", "date": "12/03/2024"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    reader = ArchiveReader([str(path)], ReadOptions(date_order="DMY"))
    assert [r.date for r in reader] == ["2024-04-02", None, None, "2024-03-12"]
    assert reader.bad_dates == 1


def test_an_empty_file_and_a_folder_with_nothing_to_read_are_reported(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.md").write_text("not an article format", encoding="utf-8")
    assert [(r.code, r.reason) for r in read(tmp_path / "empty.txt")] == [("QW110", f"{tmp_path}/empty.txt: no text")]
    assert [r.code for r in read(tmp_path / "nothing")] == ["QW102"]
    assert [r.id[:7] for r in read(tmp_path / "nothing", format="txt")] == ["sha256:"]


@pytest.mark.parametrize(("option", "value"), [("format", "xml"), ("date_order", "DDD"), ("max_bytes", 0)])
def test_bad_reading_options_are_refused_when_made(option, value):
    with pytest.raises(ConfigError, match="QW213"):
        ReadOptions(**{option: value})


def test_an_unknown_encoding_is_refused_when_made():
    with pytest.raises(ConfigError, match="QW204"):
        ReadOptions(encoding="utf-9")
