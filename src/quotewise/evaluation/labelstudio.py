"""Label Studio tasks as gold: what `quotewise export --format labelstudio` wrote, corrected by people.

Each task's first annotation that was not cancelled is the gold; a task nobody annotated yet falls back to its
predictions (so an exported file read back unchanged scores 1.0 against the store it came from). Label Studio
counts offsets in UTF-16 code units; they are turned back into str indices here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import BadInput
from ..io.exports import file_name, utf16_offsets
from .gold import GoldArticle, GoldAttribution, GoldCorpus

_CONTENT = ("direct", "indirect", "mixed")


def read_labelstudio(path: Path) -> GoldCorpus:
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput("QW151", f"{path}: not a Label Studio JSON export ({exc})") from exc
    if not isinstance(tasks, list):
        raise BadInput("QW151", f"{path}: expected a list of Label Studio tasks")
    articles, warnings, names = [], [], set()
    for k, task in enumerate(tasks):
        where = f"{path}: task {k}"
        if not isinstance(task, dict) or not isinstance(task.get("data", {}).get("text"), str):
            raise BadInput("QW151", f"{where}: no data.text")
        results = _chosen_results(task)
        if results is None:
            warnings.append(f"{where}: neither annotations nor predictions; read as no quotations")
            results = []
        data = task["data"]
        name = file_name(str(data.get("id") or task.get("id") or k), names)
        articles.append(GoldArticle(name, data["text"], _attributions(data["text"], results, where), "quotes",
                                    None, "pieces"))
    return GoldCorpus(tuple(articles), tuple(warnings))


def _chosen_results(task: dict[str, Any]) -> list[Any] | None:
    for annotation in task.get("annotations") or []:
        if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
            return list(annotation.get("result") or [])
    for prediction in task.get("predictions") or []:
        if isinstance(prediction, dict):
            return list(prediction.get("result") or [])
    return None


def _attributions(text: str, results: list[Any], where: str) -> tuple[GoldAttribution, ...]:
    index = {units: i for i, units in enumerate(utf16_offsets(text))}
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    names: dict[str, str] = {}
    related: dict[str, dict[str, str]] = {}
    for item in results:
        if not isinstance(item, dict):
            raise BadInput("QW152", f"{where}: a result that is not an object")
        kind = item.get("type")
        if kind == "labels":
            value = item.get("value") or {}
            try:
                start, end = index[int(value["start"])], index[int(value["end"])]
                label = str(value["labels"][0]).lower()
            except (KeyError, IndexError, TypeError, ValueError):
                reason = f"{where}: region {item.get('id')!r} has no usable start, end and label"
                raise BadInput("QW152", reason) from None
            spans[str(item.get("id"))] = (label, (start, end))
        elif kind == "textarea":
            written = (item.get("value") or {}).get("text") or []
            if written:
                names[str(item.get("id"))] = str(written[0])
        elif kind == "relation":
            related.setdefault(str(item.get("from_id")), {})[str(item.get("to_id"))] = ""
    found = []
    for ident, (label, content) in spans.items():
        if label not in _CONTENT:
            continue
        cue = source = ()
        for other in related.get(ident, {}):
            other_label, span = spans.get(other, ("", (0, 0)))
            if other_label == "cue":
                cue = (span,)
            elif other_label == "speaker":
                source = (span,)
        found.append(GoldAttribution((content,), cue, source, label, names.get(ident)))  # type: ignore[arg-type]
    return tuple(sorted(found, key=lambda a: a.content))
