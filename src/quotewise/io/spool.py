"""A long article's quotations kept on disk while its parts arrive.

A long text's people, and so its speakers' counted gender, are known only once its last part is parsed. Writers
that need them on every row (the store, CSV) spool the parts here and read them back then, so memory holds one
part at a time however long the text.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from types import TracebackType

from ..records import Quote


class QuoteSpool:
    """Parts of quotations appended to an unnamed temporary file, read back in order."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by close(), or on leaving a with block)
        self.count = 0

    def add(self, quotes: tuple[Quote, ...]) -> None:
        pickle.dump(quotes, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(quotes)

    def __iter__(self) -> Iterator[tuple[Quote, ...]]:
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> QuoteSpool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
