"""Publication dates as archives and pages give them, read to YYYY-MM-DD.

The shapes that are exact (ISO 8601 and its compact 20240402, RFC 2822, Unix times in seconds or milliseconds,
as numbers or digit strings) are read here directly; the rest ("April 2, 2024", "2 April 2024", "12/03/2024",
"Apr. 2, 2024") go to dateparser. A numeric date that could be read either way is read in `order` (the user's
`--date-order`). Only a whole date counts: a year or a month alone, a relative date ("yesterday") or a time alone
gives None, and the reader counts it as a date it could not read.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, date, datetime
from typing import Any

DATE_ORDERS = ("MDY", "DMY", "YMD")
_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:$|[T ]\d)")  # year first: never ambiguous
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # ISO 8601's basic form, 20240402
_UNIX = re.compile(r"\d{9,13}(?:\.\d+)?")
_MS_FROM = 1e11  # a Unix time above this is in milliseconds (1e11 seconds is the year 5138)


def read_date(value: Any, order: str = "MDY") -> str | None:
    """YYYY-MM-DD from a date as metadata gives it, or None when it holds no whole date."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    if isinstance(value, float):  # a Unix time with a fraction: 9 to 13 digits before the point
        return _unix(value) if _UNIX.fullmatch(f"{value:.3f}") else None
    text = str(value).strip()  # a number is read as its digits: 20240402, a Unix time, or no date (2024)
    if (match := _COMPACT.fullmatch(text)) is not None:
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if _UNIX.fullmatch(text):
        return _unix(float(text))
    if (match := _ISO.match(text)) is not None:
        return _day(int(match[1]), int(match[3]), int(match[4]))
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _parsed(text, order)


def _unix(seconds: float) -> str | None:
    if seconds > _MS_FROM:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _parsed(text: str, order: str) -> str | None:
    import dateparser

    settings = {
        "DATE_ORDER": order,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["timestamp", "absolute-time"],  # never "yesterday" or "3 hours ago" from the day we run
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return found.date().isoformat() if found is not None else None
