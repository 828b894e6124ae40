"""The user documentation keeps up with the code.

Commands and options come from the click group itself, public names from `quotewise.__all__`, lexicons from the
package's resources and the schema from the dataclasses, so adding any of them without documenting it fails here.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
import typing
from importlib import resources
from pathlib import Path

import click
import pytest

import quotewise
from quotewise import errors
from quotewise.cli import cli
from quotewise.engine import confidence, cue_classifier, lexicon
from quotewise.options import CUE_MODES
from quotewise.records import Person, Quote, SpeakerKind, SpeakerRoute
from quotewise.rows import QUOTATION_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CLI_DOC = ROOT / "docs" / "cli.md"
API_DOC = ROOT / "docs" / "python-api.md"
HOW_DOC = ROOT / "docs" / "how-it-works.md"
BENCH_DOC = ROOT / "bench" / "README.md"
SRC = ROOT / "src" / "quotewise"
SPEAKER_KINDS = set(typing.get_args(SpeakerKind))
SPEAKER_ROUTES = set(typing.get_args(SpeakerRoute))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def mentions(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` on its own: "-f" is not found inside "--format", nor "--out" in "--output"."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def section(markdown: str, heading: str, level: int = 2) -> str:
    """The body of the first heading of `level` whose title contains `heading`, up to the next heading that level
    or higher; "" when there is none."""
    lines = markdown.splitlines()
    marker = "#" * level + " "
    start = next((i for i, line in enumerate(lines) if line.startswith(marker) and heading in line), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines))
                if re.match(rf"#{{1,{level}}} ", lines[i])), len(lines))
    return "\n".join(lines[start + 1:end])


def fenced_blocks(markdown: str) -> list[tuple[int, str]]:
    """(line number of the opening fence, body) of each ``` block."""
    blocks, body, opened = [], [], None
    for n, line in enumerate(markdown.splitlines()):
        if line.startswith("```"):
            if opened is None:
                opened, body = n, []
            else:
                blocks.append((opened, "\n".join(body)))
                opened = None
        elif opened is not None:
            body.append(line)
    return blocks


def slug(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


def _options(command: click.Command) -> list[str]:
    """Every option string of `command`, --help included, and the metavar of each argument."""
    names = []
    for param in command.get_params(click.Context(command)):
        if isinstance(param, click.Option):
            names += [*param.opts, *param.secondary_opts]
        else:
            names.append(param.human_readable_name)
    return names


def _choices(command: click.Command) -> list[tuple[str, str]]:
    options = [p for p in command.params if isinstance(p, click.Option) and isinstance(p.type, click.Choice)]
    return [(option.opts[-1], str(choice)) for option in options for choice in option.type.choices]


# The helpers must be able to say no, or every test below passes vacuously.

def test_mentions_matches_whole_options_only() -> None:
    assert mentions("| `-f`, `--format` |", "-f")
    assert not mentions("| `--format` |", "-f")
    assert not mentions("`--output OUT`", "--out")
    assert not mentions("extract_many", "extract")


def test_section_stops_at_the_next_heading() -> None:
    text = "# T\n## `quotewise extract`\n--model\n## `quotewise evaluate`\n--gold\n"
    assert section(text, "quotewise extract") == "--model"
    assert section(text, "quotewise evaluate") == "--gold"
    assert section(text, "quotewise serve") == ""


# docs/cli.md

@pytest.mark.parametrize("name", [name for name, _ in _commands()])
def test_every_command_has_a_section_in_cli_doc(name: str) -> None:
    assert section(_read(CLI_DOC), f"`quotewise {name}`"), f"docs/cli.md has no '## `quotewise {name}`' section"


@pytest.mark.parametrize(
    ("name", "option"), [(name, option) for name, command in _commands() for option in _options(command)])
def test_every_option_is_documented_under_its_command(name: str, option: str) -> None:
    body = section(_read(CLI_DOC), f"`quotewise {name}`")
    assert mentions(body, option), f"docs/cli.md: `quotewise {name}` does not document {option}"


@pytest.mark.parametrize(
    ("name", "option", "choice"), [(name, *pair) for name, command in _commands() for pair in _choices(command)])
def test_every_choice_is_documented_under_its_command(name: str, option: str, choice: str) -> None:
    body = section(_read(CLI_DOC), f"`quotewise {name}`")
    assert mentions(body, choice), f"docs/cli.md: `quotewise {name}` does not document {option} {choice}"


def _defaults(command: click.Command) -> list[tuple[str, str]]:
    return [(p.opts[-1], p.default) for p in command.params
            if isinstance(p, click.Option) and isinstance(p.type, click.Choice) and isinstance(p.default, str)]


@pytest.mark.parametrize(
    ("name", "option", "default"), [(name, *pair) for name, command in _commands() for pair in _defaults(command)])
def test_every_choice_default_is_documented_under_its_command(name: str, option: str, default: str) -> None:
    rows = [line for line in section(_read(CLI_DOC), f"`quotewise {name}`").splitlines()
            if line.startswith("|") and mentions(line.split("|")[1], option)]
    assert rows, f"docs/cli.md: `quotewise {name}` has no table row for {option}"
    said = re.search(rf"`{re.escape(default)}` \(default\)|[Dd]efault:? `{re.escape(default)}`", rows[0])
    assert said, f"docs/cli.md: `quotewise {name}` {option} should say its default is `{default}`"


def test_csv_columns_are_documented() -> None:
    assert ",".join(QUOTATION_COLUMNS) in section(_read(CLI_DOC), "`quotewise extract`")


@pytest.mark.parametrize("option", _options(cli))
def test_every_top_level_option_is_documented(option: str) -> None:
    assert mentions(_read(CLI_DOC), option), f"docs/cli.md does not document `quotewise {option}`"


def _error_codes() -> set[str]:
    """Codes listed in the errors module and codes raised anywhere in the package."""
    codes = set(re.findall(r"QW\d{3}", errors.__doc__ or ""))
    for path in SRC.rglob("*.py"):
        codes |= set(re.findall(r"[\"'](QW\d{3})[\"']", _read(path)))
    codes.discard("QW000")  # the base class's placeholder, never raised
    return codes


@pytest.mark.parametrize("code", sorted(_error_codes()))
def test_every_error_code_is_in_the_error_table(code: str) -> None:
    table = section(_read(CLI_DOC), "Error codes")
    assert re.search(rf"^\| {code} \|", table, re.MULTILINE), f"docs/cli.md's error table has no row for {code}"


# README.md and CI

def test_readme_opens_with_exactly_the_two_make_commands() -> None:
    text = _read(README)
    blocks = fenced_blocks(text)
    assert blocks, "README.md has no code block"
    opened, body = blocks[0]
    commands = [line.split("#", 1)[0].strip() for line in body.splitlines()]
    assert [c for c in commands if c] == ["make demo", "make test"]
    before = text.splitlines()[:opened]
    assert before[0].startswith("# "), "README.md must start with its title"
    assert not any(line.startswith("#") for line in before[1:]), "the make commands must come before any section"


def test_ci_runs_make_test() -> None:
    lines = [line.strip() for line in _read(ROOT / ".ci" / "run").splitlines()]
    assert "make test" in [line for line in lines if not line.startswith("#")]


def _recipe(makefile: str, target: str) -> str:
    match = re.search(rf"^{target}:.*\n((?:\t.*\n?)*)", makefile, re.MULTILINE)
    assert match, f"Makefile has no {target} target"
    return match.group(1)


def test_make_targets_do_what_the_readme_says() -> None:
    makefile = _read(ROOT / "Makefile")
    assert "quotewise extract examples/harbour-strike.txt" in _recipe(makefile, "demo")
    test = _recipe(makefile, "test")
    assert "ruff check" in test and "pytest" in test


def _schema_fields(lead: str) -> set[str]:
    """Field names in the first column of the first table after the line starting with `lead` in the README's
    output schema section."""
    lines = section(_read(README), "Output schema").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(lead)), len(lines))
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    names: set[str] = set()
    for row in rows[2:]:  # after the header and the |---| line
        names |= set(re.findall(r"`(\w+)`", row.split("|")[1]))
    return names


@pytest.mark.pipeline
def test_readme_python_snippets_run_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in order, from the checkout, as a reader pasting them into one session would."""
    monkeypatch.chdir(ROOT)
    blocks = _python_blocks(_read(README))
    assert len(blocks) >= 2, "README has no Python snippets"
    namespace: dict[str, object] = {}
    for body in blocks:
        exec(compile(body, "README.md", "exec"), namespace)
    assert namespace["doc"]._.quotes == namespace["result"].quotes  # type: ignore[attr-defined]


def _python_blocks(markdown: str) -> list[str]:
    return [body for lang, body in re.findall(r"```(\w*)\n(.*?)```", markdown, flags=re.S) if lang == "python"]


@pytest.mark.parametrize(("heading", "cls"), [("Each quotation", Quote), ("Each person", Person)])
def test_readme_schema_lists_exactly_the_model_fields(heading: str, cls: type) -> None:
    assert _schema_fields(heading) == {f.name for f in dataclasses.fields(cls)}


def _row(markdown: str, field: str) -> str:
    """The table row whose first cell is `field` in backticks."""
    return next((line for line in markdown.splitlines() if line.startswith(f"| `{field}` |")), "")


def test_readme_lists_exactly_the_speaker_kinds() -> None:
    cell = _row(section(_read(README), "Output schema"), "speaker_kind").split("|")[2]
    assert set(re.findall(r"`(\w+)`", cell)) == SPEAKER_KINDS


def test_readme_and_python_api_list_exactly_the_speaker_routes() -> None:
    readme = _row(section(_read(README), "Output schema"), "speaker_route").split("|")[2]
    api = _row(_read(API_DOC), "speaker_route").split("|")[2]
    assert set(re.findall(r"`([\w-]+)`", readme.split(";")[0])) == SPEAKER_ROUTES
    assert set(re.findall(r'`"([\w-]+)"`', api)) == SPEAKER_ROUTES


def test_python_api_doc_lists_exactly_the_speaker_kinds() -> None:
    cell = _row(_read(API_DOC), "speaker_kind").split("|")[2]
    assert set(re.findall(r'`"(\w+)"`', cell)) == SPEAKER_KINDS


def test_collective_kinds_are_speaker_kinds_and_documented() -> None:
    kinds = set(lexicon.collectives().values())
    assert kinds <= SPEAKER_KINDS
    row = _row(_read(HOW_DOC), "collectives.tsv")
    assert all(f"`{kind}`" in row for kind in kinds), "docs/how-it-works.md: collectives.tsv row misses a kind"


# docs/python-api.md and docs/how-it-works.md

def _documented_signature(func: typing.Callable) -> str:
    """`func`'s signature as the API doc writes it: `extract(text: str, *, ..., cues: str = "learned") -> ...`."""
    signature = inspect.signature(func)
    params, starred = [], False
    for param in signature.parameters.values():
        if param.kind is inspect.Parameter.KEYWORD_ONLY and not starred:
            params.append("*")
            starred = True
        text = f"{param.name}: {param.annotation}"
        if param.default is not inspect.Parameter.empty:
            text += " = " + (json.dumps(param.default) if isinstance(param.default, str) else repr(param.default))
        params.append(text)
    return f"{func.__name__}({', '.join(params)}) -> {signature.return_annotation}"


@pytest.mark.parametrize("func", [quotewise.extract, quotewise.extract_many], ids=lambda f: f.__name__)
def test_python_api_doc_shows_the_real_signature(func: typing.Callable) -> None:
    expected = _documented_signature(func)
    assert expected in _read(API_DOC).splitlines(), f"docs/python-api.md should show `{expected}`"


def test_python_api_doc_names_the_default_cue_finder() -> None:
    default = inspect.signature(quotewise.extract).parameters["cues"].default
    text = _read(API_DOC)
    for mode in CUE_MODES:
        labelled = f'`"{mode}"` (the default' in text
        assert labelled == (mode == default), f'docs/python-api.md: `"{mode}"` (the default ...) is wrong or missing'


@pytest.mark.pipeline
def test_python_api_doc_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    monkeypatch.chdir(ROOT)  # the examples open examples/harbour-strike.txt
    text = "\n".join(body for _, body in fenced_blocks(_read(API_DOC)) if ">>> " in body)
    assert text, "docs/python-api.md has no >>> examples"
    test = doctest.DocTestParser().get_doctest(text, {}, "python-api.md", str(API_DOC), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_component_default_config_matches_the_api() -> None:
    from spacy.language import Language

    import quotewise.component  # registers the factory

    meta = Language.get_factory_meta("quotewise")
    keywords = inspect.signature(quotewise.extract).parameters
    assert set(meta.default_config) == {"cues", "scope", "gender"}
    assert all(value == keywords[key].default for key, value in meta.default_config.items())


def test_how_it_works_states_the_model_threshold_and_confidence_minimum() -> None:
    text = _read(HOW_DOC)
    assert f"`cue_classifier.DEFAULT_THRESHOLD`, {cue_classifier.DEFAULT_THRESHOLD:g}" in text
    assert f"at least {confidence.MIN_TOTAL} times (`confidence.MIN_TOTAL`)" in text


def _scripts(folder: str) -> list[str]:
    return sorted(f"{folder}/{path.name}" for path in (ROOT / folder).glob("*.py"))


def test_there_are_scripts() -> None:
    assert _scripts("scripts") and _scripts("bench")


@pytest.mark.parametrize("script", _scripts("scripts"))
def test_every_script_is_documented(script: str) -> None:
    docs = [README, *sorted((ROOT / "docs").glob("*.md"))]
    assert any(mentions(_read(doc), script) for doc in docs), f"no document describes {script}"


@pytest.mark.parametrize("script", _scripts("bench"))
def test_every_benchmark_has_a_section_in_bench_readme(script: str) -> None:
    name = script.split("/")[-1]
    assert section(_read(BENCH_DOC), f"`{name}`"), f"bench/README.md has no '## `{name}`' section"

@pytest.mark.parametrize("name", quotewise.__all__)
def test_every_public_name_is_in_python_api_doc(name: str) -> None:
    assert mentions(_read(API_DOC), name), f"docs/python-api.md does not mention quotewise.{name}"


def _resource_files() -> list[str]:
    folder = resources.files("quotewise").joinpath("resources")
    return sorted(entry.name for entry in folder.iterdir() if entry.is_file() and not entry.name.startswith("."))


def test_there_are_resource_files() -> None:
    assert _resource_files()


@pytest.mark.parametrize("name", _resource_files())
def test_every_resource_file_is_in_how_it_works(name: str) -> None:
    assert mentions(_read(HOW_DOC), name), f"docs/how-it-works.md does not describe resources/{name}"


# Links between the documents

def _links() -> list[tuple[str, str]]:
    docs = [README, *sorted((ROOT / "docs").glob("*.md"))]
    return [(str(doc.relative_to(ROOT)), target) for doc in docs
            for target in re.findall(r"\]\(([^)\s]+)\)", _read(doc)) if not re.match(r"[a-z]+:", target)]


@pytest.mark.parametrize(("doc", "target"), _links())
def test_links_between_documents_resolve(doc: str, target: str) -> None:
    path, _, anchor = target.partition("#")
    file = (ROOT / doc).parent / path if path else ROOT / doc
    assert file.exists(), f"{doc}: link to missing {path}"
    if anchor:
        slugs = {slug(line.lstrip("#")) for line in _read(file).splitlines() if line.startswith("#")}
        assert anchor in slugs, f"{doc}: no heading for #{anchor} in {file.name}"
