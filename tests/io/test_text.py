"""A text file's encoding, told from its bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidviewer.io.items import BadFileError
from aidviewer.io.text import detect_encoding, open_text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Title\nCafé\n".encode("utf-8-sig"), "utf-8-sig"),
        ("Title\nCafé\n".encode("utf-16"), "utf-16"),
        ("Title\nCafé\n".encode(), "utf-8"),
        ("Title\nCafé\n".encode("cp1252"), "cp1252"),
        ("Title\ncafé".encode("cp1252"), "cp1252"),  # the odd byte is the very last
        (b"", "utf-8"),
    ],
)
def test_the_encoding_is_told_from_the_bytes(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(data)
    assert detect_encoding(path) == expected
    if data:
        with open_text(path) as text:
            assert text.read().splitlines()[1].casefold() == "café"


def test_a_utf8_character_cut_by_the_end_of_the_probe_is_still_utf8(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    body = b"a" * ((1 << 20) - 1) + "é more".encode()  # é straddles the first megabyte
    path.write_bytes(body)
    assert detect_encoding(path) == "utf-8"


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BadFileError, match="binary file"):
        detect_encoding(path)
