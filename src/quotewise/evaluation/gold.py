"""Gold attributions, whatever corpus they come from, and the quotewise gold format.

Both readers (PolNeAR's brat files and our own ``NAME.gold.json``) produce the same
`GoldArticle`, so the metrics never know where the annotation came from.
Offsets are ``str`` indices into the article text as the one reader gives it
(`quotewise.io.archives.article_text`: UTF-8, line endings kept, a leading byte-order mark dropped), so they line
up with quotewise's own output; ends are exclusive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import BadInput
from ..io.archives import article_text
from ..records import Gender, QuoteType, Scope
from .quotation_marks import quoted_chars

Fragment = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: what was reported (content), the cue, and who (source).

    Each part is a tuple of (start, end) fragments, because annotators may split content
    around an interrupting "he said"; `source` is empty when the annotation names no source.
    """

    content: tuple[Fragment, ...]
    cue: tuple[Fragment, ...] = ()
    source: tuple[Fragment, ...] = ()
    type: QuoteType = "indirect"
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class GoldPerson:
    """A person the article names, and the gender the article itself shows (None when it shows none)."""

    name: str
    gender: Gender | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    scope: Scope = "attributions"  # what the annotators marked: every attribution, or what sources said or wrote
    people: tuple[GoldPerson, ...] | None = None  # None when the gold lists no people
    # How a split quotation ("X," she said, "Y.") is annotated: as one content in fragments (PolNeAR), or as its
    # quoted pieces (the quotewise gold format), against which a predicted quote is scored as its `parts`.
    split_quotations: Literal["whole", "pieces"] = "whole"


@dataclass(frozen=True, slots=True)
class GoldCorpus:
    """The articles of one gold set, plus what had to be skipped to read it (one message each)."""

    articles: tuple[GoldArticle, ...]
    warnings: tuple[str, ...] = ()


def same_text(written: str, found: str) -> bool:
    """Equal up to whitespace, which annotation files cannot always store as it was (line breaks, joins)."""
    return written.split() == found.split()


def classify_type(text: str, content: tuple[Fragment, ...], quoted: frozenset[int]) -> QuoteType:
    """Direct when all the content's letters and digits lie inside quotation marks, mixed when
    some do, indirect when none.

    Only letters and digits count, so punctuation left outside the closing mark (`"No",`)
    does not make a direct quote look mixed, while a framing word (`that "..."`) does.
    `quoted` is `quoted_chars(text)`, computed once per article by the caller: the evaluator's
    own reading of the quotation marks (`quotation_marks`), independent of the extractor's, so
    the yardstick stays put when the extractor changes.
    """
    counted = [i in quoted for s, e in content for i in range(s, e) if text[i].isalnum()]
    if counted and all(counted):
        return "direct"
    return "mixed" if any(counted) else "indirect"


def _fragment(value: Any, text: str, where: str) -> Fragment:
    try:
        start, end = int(value[0]), int(value[1])
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        raise BadInput("QW152", f"{where}: expected integer start and end, got {value!r}") from exc
    if not 0 <= start < end <= len(text):
        raise BadInput("QW152", f"{where}: span {start}-{end} is outside the text (length {len(text)})")
    return start, end


def _span(value: Any, text: str, where: str) -> tuple[Fragment, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise BadInput("QW152", f"{where}: expected an object with start and end, got {value!r}")
    return (_fragment((value.get("start"), value.get("end")), text, where),)


def _gold_quote(data: Any, text: str, quoted: frozenset[int], where: str) -> GoldAttribution:
    if not isinstance(data, dict):
        raise BadInput("QW152", f"{where}: expected an object, got {data!r}")
    if "fragments" in data:
        if not isinstance(data["fragments"], list) or not data["fragments"]:
            raise BadInput("QW152", f"{where}: fragments must be a non-empty list of [start, end]")
        content = tuple(_fragment(f, text, f"{where}.fragments") for f in data["fragments"])
    else:
        content = (_fragment((data.get("start"), data.get("end")), text, where),)
    quote_type = data.get("type") or classify_type(text, content, quoted)
    if quote_type not in ("direct", "mixed", "indirect"):
        raise BadInput("QW152", f"{where}: type must be direct, mixed or indirect, got {quote_type!r}")
    return GoldAttribution(
        content=content,
        cue=_span(data.get("cue"), text, f"{where}.cue"),
        source=_span(data.get("speaker"), text, f"{where}.speaker"),
        type=quote_type,
        speaker_name=data.get("speaker_name"),
    )


def read_quotewise_article(text_path: Path, gold_path: Path) -> tuple[GoldArticle, list[str]]:
    """One article in the quotewise gold format, and warnings for quote texts that disagree with offsets.

    The user wrote this gold, so a malformed quote is an error to fix, not a line to skip:
    skipping it would quietly change the figures.
    """
    text = article_text(str(text_path))
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput("QW151", f"{gold_path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("quotes", []), list):
        raise BadInput("QW151", f"{gold_path}: expected an object with a list of quotes")
    quoted = quoted_chars(text)
    attributions = []
    warnings = []
    for n, item in enumerate(data.get("quotes", [])):
        where = f"{gold_path}: quotes[{n}]"
        attribution = _gold_quote(item, text, quoted, where)
        written = item.get("text")
        if written is not None and "fragments" not in item:
            start, end = attribution.content[0]
            if not same_text(str(written), text[start:end]):
                warnings.append(f"{where}: text does not match the article at {start}-{end}")
        attributions.append(attribution)
    name = text_path.name.removesuffix(".txt")
    article = GoldArticle(name, text, tuple(attributions), _scope(data, gold_path), _people(data, gold_path), "pieces")
    return article, warnings


def _scope(data: dict[str, Any], where: Path) -> Scope:
    scope = data.get("scope", "quotes")
    if scope not in ("quotes", "attributions"):
        raise BadInput("QW151", f"{where}: scope must be quotes or attributions, got {scope!r}")
    return scope


def _people(data: dict[str, Any], where: Path) -> tuple[GoldPerson, ...] | None:
    if "people" not in data:
        return None
    people = data["people"]
    if not isinstance(people, list) or not all(isinstance(p, dict) and isinstance(p.get("name"), str) for p in people):
        raise BadInput("QW151", f"{where}: people must be a list of objects with a name")
    for p in people:
        if p.get("gender") not in (None, "male", "female"):
            raise BadInput("QW151", f"{where}: gender must be male, female or null, got {p.get('gender')!r}")
    return tuple(GoldPerson(p["name"], p.get("gender")) for p in people)


def read_quotewise_gold(directory: Path) -> GoldCorpus:
    """Every ``NAME.txt`` with a ``NAME.gold.json`` beside it, in name order."""
    if not directory.is_dir():
        raise BadInput("QW150", f"{directory}: not a directory", "give the folder of NAME.gold.json files")
    golds = sorted(directory.glob("*.gold.json"))
    if not golds:
        raise BadInput("QW150", f"{directory}: no *.gold.json files", "docs/evaluation.md has the format")
    articles = []
    warnings = []
    for gold_path in golds:
        text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
        if not text_path.is_file():
            warnings.append(f"{gold_path}: no {text_path.name} beside it; skipped")
            continue
        article, article_warnings = read_quotewise_article(text_path, gold_path)
        articles.append(article)
        warnings.extend(article_warnings)
    return GoldCorpus(tuple(articles), tuple(warnings))
