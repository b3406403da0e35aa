"""Reading a text file whose encoding nobody wrote down.

Real data files come as UTF-8 with or without a byte-order mark, UTF-16 with one (the
Kiel Support Tracker), or Windows-1252 (a spreadsheet saved on an office PC). The BOM
decides when there is one; otherwise the file is UTF-8 if its first megabyte decodes as
UTF-8, else Windows-1252 (which decodes any byte but five, and those are refused with a
clear message).
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import TextIO

from .items import BadFileError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PROBE = 1 << 20


def detect_encoding(path: Path) -> str:
    """The encoding to read `path` with: "utf-8-sig", "utf-16", "utf-8" or "cp1252"."""
    with open(path, "rb") as handle:
        head = handle.read(_PROBE)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if b"\x00" in head[:4096]:
        raise BadFileError(
            f"“{path.name}” looks like a binary file, not text: it cannot be imported."
        )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the end of the probe is still UTF-8; in a file
        # that ends within the probe, a bad byte anywhere means it is not UTF-8.
        cut = len(head) == _PROBE and error.start >= len(head) - 4
        if not cut:
            return "cp1252"
    return "utf-8"


def open_text(path: Path, encoding: str | None = None) -> TextIO:
    """`path` opened for reading as text in its encoding (detected unless given), with
    newlines kept as they are (the csv module wants them so). A byte the encoding
    cannot read is refused with the line it is on."""
    encoding = encoding or detect_encoding(path)
    raw = open(path, "rb")  # noqa: SIM115 - handed to the text wrapper, closed with it
    return io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")


def decode_error_message(path: Path, error: UnicodeDecodeError, encoding: str) -> str:
    return (
        f"“{path.name}” is not readable as {encoding}: byte {error.start} of a block "
        f"({error.object[error.start : error.start + 1]!r}) is not a character."
    )
