"""Publication dates in the shapes news metadata gives them, read to YYYY-MM-DD; what is no whole date is None."""

from __future__ import annotations

import pytest

from quotewise.io.dates import read_date


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("2024-04-02", "2024-04-02"),
        ("2024-04-02T10:00:00Z", "2024-04-02"),
        ("2024-04-02 23:59:59+02:00", "2024-04-02"),
        ("2024/4/2", "2024-04-02"),
        ("20240402", "2024-04-02"),
        ("Tue, 02 Apr 2024 10:00:00 +0000", "2024-04-02"),  # RFC 2822, as RSS and HTTP give it
        ("April 2, 2024", "2024-04-02"),
        ("Apr. 2, 2024", "2024-04-02"),
        ("2 April 2024", "2024-04-02"),
        ("Tuesday, April 2, 2024", "2024-04-02"),
        (1712052000, "2024-04-02"),  # Unix seconds
        (1712052000123, "2024-04-02"),  # and milliseconds
        (1712052000.5, "2024-04-02"),
        ("1712052000", "2024-04-02"),  # as strings too
        ("1712052000123", "2024-04-02"),
        (20240402, "2024-04-02"),  # a number is read as its digits
    ],
)
def test_a_date_in_any_of_the_usual_shapes(given, read):
    assert read_date(given) == read


@pytest.mark.parametrize(
    ("given", "order", "read"),
    [
        ("12/03/2024", "MDY", "2024-12-03"),
        ("12/03/2024", "DMY", "2024-03-12"),
        ("02.04.2024", "DMY", "2024-04-02"),
        ("2/4/24", "MDY", "2024-02-04"),
        ("2/4/24", "DMY", "2024-04-02"),
        ("2024-04-02", "DMY", "2024-04-02"),  # year first is never read another way
    ],
)
def test_a_numeric_date_is_read_in_the_order_asked_for(given, order, read):
    assert read_date(given, order) == read


@pytest.mark.parametrize("given", [None, "", "yesterday", "3 hours ago", "2024", "April 2024", "2024-02-30",
                                   "garbage", "10:05 a.m.", True, 2024, 0, 12.5])
def test_what_is_no_whole_date_is_none(given):
    assert read_date(given) is None
