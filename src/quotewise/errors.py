"""Errors quotewise raises, each with a code users can search for and a hint that says the fix.

    QuotewiseError
    ├── BadInput (also ValueError)     QW1xx: the article or file cannot be read as text
    └── ConfigError (also ValueError)  QW2xx: the setup is wrong (no spaCy model, bad option)
"""

from __future__ import annotations


class QuotewiseError(Exception):
    code = "QW000"

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        self.code = code
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class BadInput(QuotewiseError, ValueError):
    """The input is not readable article text."""


class ConfigError(QuotewiseError, ValueError):
    """The environment or the options are wrong."""
