"""Small files that would cost a reader far more than their size are refused quickly
with a sentence: a date cell of a hundred thousand characters, a workbook that unpacks
to gigabytes, JSON nested beyond reason."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from aidviewer.io import table
from aidviewer.io.dates import parse_fuzzy
from aidviewer.io.fts import read_fts_json
from aidviewer.io.items import BadFileError


def test_a_huge_date_cell_is_not_a_date_and_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(ValueError, match="not a date"):
        parse_fuzzy("Q1 " * 40_000)
    assert time.perf_counter() - started < 0.5
    assert parse_fuzzy("until 12/20/2022")[1] == "until"  # an ordinary one still reads


def test_a_workbook_that_unpacks_too_far_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    path = tmp_path / "book.xlsx"
    book = Workbook()
    book.active.append(["Title", "Donor"])
    book.active.append(["Tents", "Norway"])
    book.save(path)
    assert table.sniff_xlsx(path).headers == ("Title", "Donor")
    monkeypatch.setattr(table, "UNPACKED_CAP", 2_000)  # as if it unpacked to gigabytes
    with pytest.raises(BadFileError, match="unpacks to"):
        table.sniff_xlsx(path)


def test_json_nested_beyond_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "flows.json"
    path.write_text('{"data": {"flows": ' + "[" * 200_000 + "]" * 200_000 + "}}")
    with pytest.raises(BadFileError, match="nests deeper"):
        list(read_fts_json(path))
