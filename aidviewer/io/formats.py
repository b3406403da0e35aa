"""The formats aidviewer imports, told apart by a file's name and first bytes, and the
reader for each: the command line and the window's import read a file the same way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .items import BadFileError, Event
from .text import detect_encoding

IMPORT_FORMATS = ("csv", "xlsx", "iati", "kiel", "fts", "json")
EXPORT_FORMATS = ("csv", "xlsx", "json", "iati", "ics")
# Formats read as a table whose columns a person may map to fields.
TABLES = ("csv", "xlsx")

_KIEL_HEADERS = {"totalvaluedummy", "typeofaidgeneral"}
_FTS_HEADERS = {"srcorganization", "destorganization"}


def _plain(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def guess_format(path: Path) -> str | None:
    """The import format `path` most likely is, from its suffix and its first line or
    bytes; None when nothing says."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".xml":
        return "iati"
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return None
    if suffix == ".json":
        if b"aidviewer-catalogue" in head:
            return "json"
        return "fts" if b"flows" in head or b"amountUSD" in head else "json"
    if suffix in (".csv", ".tsv", ".txt", ""):
        try:
            encoding = detect_encoding(path)
        except BadFileError:
            return None
        text = head.decode(encoding, errors="ignore").lstrip("\ufeff")
        first = text.splitlines()[0] if text else ""
        headers = {_plain(cell) for cell in re.split(r"[,;\t|]", first)}
        if headers >= _KIEL_HEADERS:
            return "kiel"
        if _FTS_HEADERS & headers:
            return "fts"
        return "csv"
    return None


def read_events(fmt: str, src: Path, **options: Any) -> Iterator[Event]:
    """The events of `src` read as `fmt` ("csv", "xlsx", "iati", "kiel" or "fts").
    `options`: mapping (csv, xlsx), encoding, delimiter, language (iati), going_on."""
    if not src.is_file():
        raise BadFileError(f"“{src}” does not exist or is not a file.")
    going_on = options.get("going_on")
    if fmt in TABLES:
        from .table import read_table

        return read_table(
            src,
            options.get("mapping"),
            kind=fmt,
            encoding=options.get("encoding"),
            delimiter=options.get("delimiter"),
            going_on=going_on,
        )
    if fmt == "iati":
        from .iati import read_iati

        return read_iati(src, language=options.get("language") or "en", going_on=going_on)
    if fmt == "kiel":
        from .kiel import read_kiel

        return read_kiel(src, going_on=going_on)
    if fmt == "fts":
        from .fts import read_fts_csv, read_fts_json

        reader = read_fts_json if src.suffix.lower() == ".json" else read_fts_csv
        return reader(src, going_on=going_on)
    raise BadFileError(f"“{fmt}” is not a format aidviewer reads records from.")
