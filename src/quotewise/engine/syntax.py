"""Dependency labels more than one stage reads, named once."""

from __future__ import annotations

SUBJECT_DEPS = ("nsubj", "nsubjpass")
