"""How `extract_many` groups article pieces for the parser: bounded by characters, in order, nothing dropped."""

from __future__ import annotations

from quotewise.api import _batches, _Piece


def pieces(*sizes: int) -> list[_Piece]:
    return [_Piece(0, "x" * n, True) for n in sizes]


def sizes(batches: list[list[_Piece]]) -> list[list[int]]:
    return [[len(p.text) for p in batch] for batch in batches]


def test_short_pieces_share_a_batch_up_to_the_limit() -> None:
    assert sizes(list(_batches(pieces(40, 30, 30, 20, 5), 100))) == [[40, 30, 30], [20, 5]]


def test_a_piece_at_or_over_the_limit_is_parsed_alone() -> None:
    assert sizes(list(_batches(pieces(10, 100, 150, 10), 100))) == [[10], [100], [150], [10]]


def test_no_pieces_no_batches() -> None:
    assert list(_batches([], 100)) == []
