"""read_text: each way an input can be unreadable has its own code; readable text comes back unchanged."""

from __future__ import annotations

import errno
import gzip
import io
import sys

import pytest

from quotewise import BadInput, ConfigError
from quotewise.io import readers
from quotewise.io.readers import read_text

ARTICLE = (
    "Harbour workers walked off the job on Tuesday.\r\n"
    "\u201cWe have waited long enough,\u201d union organiser Mere Tane said.\r\n"
)


def test_utf8_text_is_returned_as_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    # CRLF kept: offsets index the input as read.
    assert read_text(str(path)) == ARTICLE


def test_bom_is_stripped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    assert read_text(str(path)) == ARTICLE


def test_empty_file_is_valid(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_text(str(path)) == ""


def test_gzip_is_decompressed_by_content_not_name(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    assert read_text(str(path)) == ARTICLE


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    assert read_text("-") == ARTICLE


def test_stdin_errors_name_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9")))
    with pytest.raises(BadInput) as excinfo:
        read_text("-")
    assert excinfo.value.message.startswith("<stdin>: ")


def test_missing_file(tmp_path):
    with pytest.raises(BadInput) as excinfo:
        read_text(str(tmp_path / "nope.txt"))
    assert excinfo.value.code == "QW101"
    assert str(tmp_path / "nope.txt") in excinfo.value.message


def test_directory(tmp_path):
    with pytest.raises(BadInput) as excinfo:
        read_text(str(tmp_path))
    assert excinfo.value.code == "QW102"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 9)) * 100],
    ids=["nul-bytes", "control-chars"],
)
def test_binary(tmp_path, data):
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path))
    assert excinfo.value.code == "QW103"


def test_binary_with_ascii_compatible_encoding(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"PK\x03\x04\x00\x00\x00\x00")
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path), encoding="latin-1")
    assert excinfo.value.code == "QW103"


def test_utf16_needs_its_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path))
    assert excinfo.value.code == "QW103"
    assert "--encoding utf-16" in excinfo.value.hint
    assert read_text(str(path), encoding="utf-16") == ARTICLE


def test_not_utf8_names_byte_offset_and_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"First line.\n\x93Quoted,\x94 he said.")
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path))
    err = excinfo.value
    assert err.code == "QW104"
    assert err.message == f"{path}: not valid UTF-8 (byte 0x93 at offset 12, line 2)"
    assert err.hint == "pass --encoding, e.g. --encoding cp1252"
    assert read_text(str(path), encoding="cp1252") == "First line.\n\u201cQuoted,\u201d he said."


def test_not_valid_in_given_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("caf\u00e9".encode() + b"\x81")
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path), encoding="cp1252")
    assert excinfo.value.code == "QW104"
    assert "not valid cp1252 (byte 0x81 at offset 5" in excinfo.value.message


def test_unknown_encoding_is_a_config_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hello.")
    with pytest.raises(ConfigError) as excinfo:
        read_text(str(path), encoding="utf-9")
    assert excinfo.value.code == "QW204"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda gz: gz[:-12],
        lambda gz: gz[:-8] + b"\x00\x00\x00\x00" + gz[-4:],
        lambda gz: gz[:12] + b"\xff" * 20,
    ],
    ids=["truncated", "bad-crc", "corrupt-deflate"],
)
def test_bad_gzip(tmp_path, mangle):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(mangle(gzip.compress(ARTICLE.encode() * 20)))
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path))
    assert excinfo.value.code == "QW105"


def test_size_limit_is_inclusive(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_text(str(path), max_bytes=100) == "x" * 100
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path), max_bytes=99)
    assert excinfo.value.code == "QW106"
    assert excinfo.value.message == f"{path}: is larger than the 99 bytes limit"
    assert "--max-mb" in excinfo.value.hint


def test_size_limit_applies_after_gunzip(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"x" * 3_000_000))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(BadInput) as excinfo:
        read_text(str(path), max_bytes=2_000_000)
    assert excinfo.value.message == f"{path}: decompresses to more than the 2 MB limit"


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "QW107"),
        (OSError(errno.EIO, "I/O error"), "QW108"),
    ],
)
def test_os_errors(tmp_path, monkeypatch, error, code):
    # Patched rather than chmod-ed: root (as in CI containers) may read any file.
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(readers, "open", fail, raising=False)
    with pytest.raises(BadInput) as excinfo:
        read_text(str(tmp_path / "a.txt"))
    assert excinfo.value.code == code
    assert str(excinfo.value).startswith(f"[{code}] {tmp_path / 'a.txt'}: ")
