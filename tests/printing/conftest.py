"""Fixtures for reports as PDF: reading a PDF's text with poppler's pdftotext, page by page."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

PdfPages = Callable[..., list[str]]


@pytest.fixture
def pdf_pages() -> PdfPages:
    """The text of each page of a PDF, NFKC-normalised, as pdftotext reads it: in reading
    order (a table cell's lines together), or with `layout=True` as laid out on the page
    (a table's row on one line)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: .ci/run installs it")

    def pages(path: Path, *, layout: bool = False) -> list[str]:
        text = subprocess.run(
            ["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return [unicodedata.normalize("NFKC", page) for page in text.split("\f")[:-1]]

    return pages
