"""Reading one input (a path, or "-" for stdin) as article text, every failure a coded `BadInput`.

Offsets in results index the text exactly as returned here, so the only change made to the decoded text is
dropping a leading byte-order mark; line endings are kept as they are.

Each failure has its own code, and its message names the input, so a batch can report it and move on:

    QW101  no such file
    QW102  is a directory
    QW103  looks binary (NUL bytes or mostly control characters in the first 8 KiB)
    QW104  cannot be decoded with the encoding (UTF-8 unless one is given); names the byte offset
    QW105  truncated or corrupt gzip data
    QW106  larger than the size limit (after gzip decompression)
    QW107  permission denied
    QW108  any other operating-system error while reading

An unknown encoding name is the caller's mistake, not the input's: `ConfigError` QW204.
"""

from __future__ import annotations

import codecs
import gzip
import io
import sys
import zlib

from ..errors import BadInput, ConfigError

MB = 1_000_000
DEFAULT_MAX_BYTES = 200 * MB
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
# Share of C0 control characters (other than whitespace) above which a sample is taken to be binary.
MAX_CONTROL_SHARE = 0.3
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def read_text(path: str, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the text of the file at `path` ("-" reads stdin), decoded as `encoding` (default UTF-8).

    Gzip data is decompressed transparently (detected by its magic bytes, not the file name), and
    `max_bytes` bounds the decompressed size so a huge or malicious input fails fast instead of
    exhausting memory. An empty input is valid and gives "".

    Example:
        text = read_text("articles/2024-05-01.txt.gz", encoding="cp1252")
    """
    name = display_name(path)
    if encoding is not None:
        check_encoding(encoding)
    return decode(read_bytes(path, max_bytes), name, encoding)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file at `path` ("-" reads stdin), gunzipped when they are gzip data, at most `max_bytes`."""
    name = display_name(path)
    data = _read_bytes(path, name, max_bytes)
    return gunzip(data, name, max_bytes) if data.startswith(GZIP_MAGIC) else data


def display_name(path: str) -> str:
    """How messages name an input: the path as given, or "<stdin>" for "-"."""
    return "<stdin>" if path == "-" else path


def check_encoding(encoding: str) -> None:
    """Raise `ConfigError` unless Python knows `encoding`, so a typo fails once, before any input is read."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ConfigError(
            "QW204", f"unknown encoding {encoding!r}", "use a Python codec name such as utf-8 or cp1252"
        ) from None


def _read_bytes(path: str, name: str, max_bytes: int) -> bytes:
    # Read one byte past the limit: that is how an over-limit input is told apart from one exactly at it.
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise BadInput("QW101", f"{name}: no such file") from None
    except IsADirectoryError:
        raise BadInput("QW102", f"{name}: is a directory", "pass the files in it, e.g. DIR/*.txt") from None
    except PermissionError:
        raise BadInput("QW107", f"{name}: permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise BadInput("QW108", f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise too_large(name, max_bytes, "is larger than")
    return data


def gunzip(data: bytes, name: str, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(max_bytes + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise BadInput("QW105", f"{name}: truncated or corrupt gzip data ({exc})", "check it with `gzip -t`") from None
    if len(out) > max_bytes:
        raise too_large(name, max_bytes, "decompresses to more than")
    return out


def too_large(name: str, max_bytes: int, verb: str) -> BadInput:
    limit = f"{max_bytes / MB:g} MB" if max_bytes >= MB else f"{max_bytes:,} bytes"
    return BadInput("QW106", f"{name}: {verb} the {limit} limit", "raise the limit with --max-mb (max_bytes in Python)")


def decode(data: bytes, name: str, encoding: str | None) -> str:
    """Bytes as article text: `encoding` (UTF-8 if None), a leading byte-order mark dropped, nothing else changed
    (offsets index the text as read)."""
    if encoding is None and looks_binary(data[:SNIFF_BYTES].decode("latin-1")):
        raise binary(name)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        label = encoding or "UTF-8"
        hint = "pass --encoding, e.g. --encoding cp1252" if encoding is None else "check --encoding"
        raise BadInput(
            "QW104",
            f"{name}: not valid {label} (byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line})",
            hint,
        ) from None
    # With an explicit encoding the check runs on the decoded text, so UTF-16 (full of NUL bytes) passes.
    if encoding is not None and looks_binary(text[:SNIFF_BYTES]):
        raise binary(name)
    return text[1:] if text.startswith("\ufeff") else text


def looks_binary(sample: str) -> bool:
    """NUL, or mostly control characters: what text never is."""
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if (c < " " and c not in _TEXT_CONTROLS) or c == "\x7f")
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def binary(name: str) -> BadInput:
    return BadInput(
        "QW103",
        f"{name}: looks binary, not text (NUL or control bytes in the first 8 KiB)",
        "quotewise reads plain text; for UTF-16 text pass --encoding utf-16",
    )
