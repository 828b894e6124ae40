"""Turning the figures into something to read: a rich table, or JSON for scripts and bench/results/."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from .metrics import TYPES


def _value(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _prf(block: dict[str, Any]) -> str:
    return " / ".join(_value(block[k]) for k in ("precision", "recall", "f1"))


def _fraction(value: float | None, part: int, whole: int) -> str:
    return f"{_value(value)} ({part}/{whole})"


def table(figures: dict[str, Any], title: str) -> Table:
    """One column per coverage threshold, one row per figure; counts beside ratios so small
    denominators are visible."""
    thresholds = figures["thresholds"]
    result = Table(title=title, caption=_caption(figures), title_justify="left", caption_justify="left")
    result.add_column("figure")
    for threshold in thresholds:
        result.add_column(f"coverage > {threshold}", justify="right")

    def row(label: str, cell: Any) -> None:
        result.add_row(label, *(cell(block) for block in thresholds.values()))

    row("content P / R / F1", lambda b: _prf(b["content"]))
    row("content+source P / R / F1", lambda b: _prf(b["content_and_source"]))
    for key, label in (
        ("source_accuracy", "source accuracy (matched)"),
        ("cue_accuracy", "cue accuracy (matched)"),
        ("speaker_name_accuracy", "speaker name accuracy"),
    ):
        row(label, lambda b, key=key: _fraction(b[key]["accuracy"], b[key]["correct"], b[key]["total"]))
    for kind in TYPES:
        row(
            f"recall, {kind}",
            lambda b, kind=kind: _fraction(
                b["recall_by_type"][kind]["recall"], b["recall_by_type"][kind]["matched"],
                b["recall_by_type"][kind]["gold"],
            ),
        )
    return result


def _caption(figures: dict[str, Any]) -> str:
    chars = figures["characters"]
    caption = (
        f"{figures['articles']} articles, {figures['gold']} gold, {figures['predicted']} predicted\n"
        f"character-level P / R / F1: {_prf(chars)}"
    )
    people = figures.get("people")
    if people:
        gender = people["gender"]
        caption += (
            f"\npeople listed P / R / F1: {_prf(people['listed'])}"
            f"\ngender precision {_fraction(gender['precision'], gender['correct'], gender['predicted'])}"
            f", recall {_fraction(gender['recall'], gender['correct'], gender['gold'])}"
            f"\nquoted women P / R: {_pr(people['quoted_female'])}; quoted men P / R: {_pr(people['quoted_male'])}"
        )
    return caption


def _pr(block: dict[str, Any]) -> str:
    return " / ".join("–" if block[k] is None else f"{block[k]:.3f}" for k in ("precision", "recall"))
