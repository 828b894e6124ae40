"""Read PolNeAR (Newell et al. 2018), human-annotated attributions in brat standoff format.

Layout: ``ROOT/data/{train,dev,test}/text/NAME.txt`` and
``ROOT/data/{split}/attributions/NAME_ANNOTATOR.ann``. A few articles were annotated by
several annotators (to measure agreement); we score against one of them, the
lexicographically smallest annotator id, so every run uses the same gold.

The .ann files hold text-bound lines (``T9<TAB>Content 315 448;463 553<TAB>text``) and event
lines (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``). Odd lines are skipped and
reported, never fatal: one typo in a thousand files should not stop an evaluation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput
from ..io.archives import article_text
from .gold import (
    Fragment,
    GoldArticle,
    GoldAttribution,
    GoldCorpus,
    classify_type,
    quoted_chars,
    same_text,
)

SPLITS = ("train", "dev", "test")
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
# The label is not needed: an event's roles say what each text-bound annotation is.
_TEXT_BOUND = re.compile(r"^[^\s;]+ (?P<offsets>\d+ \d+(?:;\d+ \d+)*)$")
# brat ids: T text-bound, E event, R relation, A/M attribute, N normalisation, # note, * equivalence.
_BRAT_ID = re.compile(r"^(?:[TERAMN#]\d+|\*)\t")
_ROLES = {"Content": "content", "Cue": "cue", "Source": "source"}
_EVENT_TYPES = ("Attribution", "Attribution-no-source")


@dataclass(frozen=True, slots=True)
class _TextBound:
    fragments: tuple[Fragment, ...]
    text: str


def find_split_dir(path: Path, split: str | None) -> Path:
    """The split directory that `path` names: the PolNeAR root, its data/ dir, or a split dir itself.

    `split` is None when the user gave none; a split dir then stands for itself and
    anything else means dev.
    """
    if (path / "text").is_dir() and (path / "attributions").is_dir():
        if split is not None and split != path.name:
            raise BadInput("QW150", f"{path} is the {path.name!r} split, but --split {split} was given")
        return path
    chosen = split or "dev"
    for candidate in (path / chosen, path / "data" / chosen):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise BadInput(
        "QW150",
        f"{path}: no PolNeAR {chosen} split here (expected {chosen}/text and {chosen}/attributions)",
        "--gold takes the PolNeAR root, its data/ directory or a split directory",
    )


def _parse_text_bound(body: str, text: str) -> _TextBound | str:
    """The text-bound annotation on one line, or why it is unusable."""
    header, _, written = body.partition("\t")
    match = _TEXT_BOUND.match(header)
    if not match:
        return f"cannot read {header!r}"
    fragments = []
    for part in match["offsets"].split(";"):
        start, end = (int(n) for n in part.split())
        if not start < end <= len(text):
            return f"span {start}-{end} is empty or outside the text (length {len(text)})"
        fragments.append((start, end))
    return _TextBound(tuple(fragments), written)


def _logical_lines(raw: str) -> list[tuple[int, str]]:
    """Lines with their numbers, continuation lines folded into the text-bound line they belong to.

    Annotated text that spans a newline is written on several physical lines; only the first
    starts with an id. Lines that continue nothing are kept so the caller can report them.
    """
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(raw.split("\n"), 1):
        line = line.removesuffix("\r")
        if _BRAT_ID.match(line) or not lines or not lines[-1][1].startswith("T"):
            lines.append((number, line))
        else:
            lines[-1] = (lines[-1][0], f"{lines[-1][1]}\n{line}")
    return lines


def parse_ann(raw: str, text: str, where: str) -> tuple[tuple[GoldAttribution, ...], list[str]]:
    """The attributions in one .ann file, in document order, and a warning for each line skipped.

    An attribution's content is the union of its Content and Content2 fragments; Discard
    and Discuss annotations belong to no event and are ignored.
    """
    warnings: list[str] = []
    bound: dict[str, _TextBound] = {}
    events: list[tuple[int, str]] = []
    for number, line in _logical_lines(raw):
        ident, tab, body = line.partition("\t")
        if ident.startswith("T") and tab:
            parsed = _parse_text_bound(body, text)
            if isinstance(parsed, str):
                warnings.append(f"{where}:{number}: {parsed}; skipped")
                continue
            if not same_text(parsed.text, " ".join(text[s:e] for s, e in parsed.fragments)):
                warnings.append(f"{where}:{number}: annotated text differs from the article at its offsets")
            bound[ident] = parsed
        elif ident.startswith("E") and tab:
            events.append((number, line))
        elif line.strip() and not _BRAT_ID.match(line):
            warnings.append(f"{where}:{number}: not a brat annotation line; skipped")
    quoted = quoted_chars(text)
    attributions = []
    for number, line in events:
        parsed_event = _parse_event(line.partition("\t")[2], bound, text, quoted)
        if isinstance(parsed_event, str):
            warnings.append(f"{where}:{number}: {parsed_event}; skipped")
        else:
            attributions.append(parsed_event)
    attributions.sort(key=lambda a: (a.content, a.cue, a.source))
    return tuple(attributions), warnings


def _parse_event(
    body: str, bound: dict[str, _TextBound], text: str, quoted: frozenset[int]
) -> GoldAttribution | str:
    """One Attribution event, or why it is unusable."""
    parts = body.split()
    if not parts or parts[0].partition(":")[0] not in _EVENT_TYPES:
        return f"not an attribution event ({body[:40]!r})"
    found: dict[str, list[Fragment]] = {"content": [], "cue": [], "source": []}
    for part in parts[1:]:
        role, _, ref = part.partition(":")
        # Content2, Cue2, ...: a further fragment annotated as its own text-bound entity.
        key = _ROLES.get(role.rstrip("0123456789"))
        if key is None:
            return f"unknown role {role!r}"
        if ref not in bound:
            return f"refers to {ref!r}, which is missing or was skipped"
        found[key].extend(bound[ref].fragments)
    content = tuple(sorted(set(found["content"])))
    if not content:
        return "has no content"
    return GoldAttribution(
        content=content,
        cue=tuple(sorted(set(found["cue"]))),
        source=tuple(sorted(set(found["source"]))),
        type=classify_type(text, content, quoted),
    )


def read_polnear(path: Path, split: str | None = None) -> GoldCorpus:
    """Every annotated article of one PolNeAR split, in name order (see the module docstring)."""
    split_dir = find_split_dir(path, split)
    by_name: dict[str, Path] = {}
    warnings: list[str] = []
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        match = _ANN_NAME.match(ann.name)
        if not match:
            warnings.append(f"{ann}: name is not NAME_ANNOTATOR.ann; skipped")
            continue
        # Sorted, so the first file seen for a name has the smallest annotator id.
        by_name.setdefault(match["name"], ann)
    articles = []
    for name, ann in sorted(by_name.items()):
        text_path = split_dir / "text" / f"{name}.txt"
        if not text_path.is_file():
            warnings.append(f"{ann}: no text/{name}.txt; skipped")
            continue
        text = article_text(str(text_path))
        try:
            raw = ann.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            warnings.append(f"{ann}: not UTF-8; skipped")
            continue
        attributions, ann_warnings = parse_ann(raw, text, str(ann))
        warnings.extend(ann_warnings)
        articles.append(GoldArticle(name, text, attributions))
    if not articles:
        raise BadInput("QW150", f"{split_dir}: no annotated articles found")
    return GoldCorpus(tuple(articles), tuple(warnings))
