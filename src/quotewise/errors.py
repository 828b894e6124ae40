"""Errors quotewise raises, each with a code users can search for and a hint that says the fix.

    QuotewiseError
    ├── BadInput (also ValueError)     QW1xx: the article or file cannot be read as text
    └── ConfigError (also ValueError)  QW2xx: the setup is wrong (no spaCy model, bad option)

Codes:
    QW101 no such file                  QW150 no gold articles at the path
    QW102 is a directory                QW151 gold file is not UTF-8 JSON
    QW103 looks binary                  QW152 malformed gold quotation
    QW104 not valid in the encoding     QW153 unreadable prediction file
    QW105 truncated or corrupt gzip     QW154 a parse cache of other articles
    QW106 larger than the size limit    QW201 no English spaCy pipeline installed
    QW107 permission denied             QW202 the spaCy pipeline cannot be loaded
    QW108 other read error              QW203 the pipeline has no dependency parser
                                        QW204 unknown encoding name
                                        QW205 unknown cue finder (--cues)
                                        QW206 unknown scope (--scope)
    QW110-QW122 archive records          QW207-QW211 the corpus store, --dask
                                        QW213 a bad reading option (Python)
                                        QW214 unknown gender source (--gender)
                                        QW215 the name list cannot be loaded
    QW130-QW131 extraction gave up
"""

from __future__ import annotations


class QuotewiseError(Exception):
    code = "QW000"

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        self.code = code
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        # So an error raised in a worker process arrives whole (code and hint) in the one that reports it.
        return (type(self), (self.code, self.message, self.hint))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class BadInput(QuotewiseError, ValueError):
    """The input is not readable article text."""


class ConfigError(QuotewiseError, ValueError):
    """The environment or the options are wrong."""
