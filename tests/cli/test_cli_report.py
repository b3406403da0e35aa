"""aidviewer-cli report: each kind written as PDF or HTML without a window, the same
document the library makes for the same scope, and failures said in one line."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from aidviewer.printing import QtFormats, write_pdf
from aidviewer.printing.build import describe_scope, make_report
from aidviewer.reports.content import ReportKind, Scope
from aidviewer.reports.render import ReportOptions
from aidviewer.store import Catalogue, RecordQuery

Run = Callable[..., Any]

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) is not installed: .ci/run installs it",
)


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """The test process's QApplication, made before the command looks for one (it makes a
    QGuiApplication of its own only when run alone)."""


def _text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return unicodedata.normalize("NFKC", " ".join(done.stdout.split()))


@pytest.mark.parametrize("kind", [kind.value for kind in ReportKind])
def test_each_kind_is_written(run: Run, sample_path: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    result = run("report", kind, sample_path, "--out", out, "--as", "Rasa")
    assert result.code == 0, result.err
    text = _text(out)
    assert "Page 1 of" in text and "by Rasa" in text
    assert out.read_bytes().startswith(b"%PDF")


def test_the_command_line_makes_the_librarys_document(
    run: Run, sample_path: Path, tmp_path: Path, qapp: object
) -> None:
    """The same scope gives the same words, page for page, as the window's code path."""
    out = tmp_path / "cli.pdf"
    assert run("report", "list", sample_path, "--out", out, "--donor", "Ministry of National"
               " Defence of the Republic of Lithuania", "--search", "vehicles", "--as", "Rasa",
               "--marking", "INTERNAL").code == 0  # fmt: skip
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        donor = catalogue.find_organisation(
            "Ministry of National Defence of the Republic of Lithuania"
        )
        assert donor is not None
        scope = Scope(query=RecordQuery(search="vehicles", donor_ids=(donor.id,)))
        document = make_report(
            catalogue,
            ReportOptions(kind=ReportKind.LIST, landscape=True, marking="INTERNAL"),
            scope,
            made_by="Rasa",
            filters=describe_scope(catalogue, ReportKind.LIST, scope),
            formats=QtFormats(QLocale()),
        )
    write_pdf(document, tmp_path / "library.pdf")
    assert _strip_time(_text(out)) == _strip_time(_text(tmp_path / "library.pdf"))
    assert "All-terrain vehicles for NASAMS crews" in _text(out)
    assert "NASAMS launchers" not in _text(out)  # not a vehicle


def _strip_time(text: str) -> str:
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "TIME", text)


def test_html_is_the_same_document_with_markup_escaped(
    run: Run, sample_path: Path, tmp_path: Path
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        record = catalogue.record(2)
        catalogue.update_record(dataclasses.replace(record, title="<b>Bold</b> & more"))
    out = tmp_path / "sheet.html"
    assert run("report", "sheet", sample_path, "--ids", "2", "--format", "html", "--out",
               out).code == 0  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; more" in html and "<b>Bold" not in html


def test_page_size_and_orientation(run: Run, sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    assert run("report", "summary", sample_path, "--out", out, "--page-size", "Letter",
               "--orientation", "landscape").code == 0  # fmt: skip
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "792 x 612 pts" in info


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--ids", "one,two"), "is not a list of numbers"),
        (("--donor", "Nobody"), "no organisation named “Nobody”"),
        (("--from", "last week"), "is not a date"),
    ],
)
def test_a_bad_option_is_one_line(
    run: Run, sample_path: Path, tmp_path: Path, argv: tuple[str, ...], words: str
) -> None:
    out = tmp_path / "x.pdf"
    line = run("report", "sheet", sample_path, "--out", out, *argv).failed()
    assert words in line
    assert not out.exists()


def test_an_unwritable_target_is_one_line(run: Run, sample_path: Path, tmp_path: Path) -> None:
    line = run("report", "summary", sample_path, "--out", tmp_path / "missing" / "x.pdf").failed()
    assert "missing" in line


def test_the_installed_script_writes_a_report_without_a_display(
    script_path: Path, sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.pop("DISPLAY", None)
    done = subprocess.run(
        [str(script_path), "report", "summary",
         str(sample_path), "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Aid summary" in _text(out)


@pytest.mark.parametrize("kind", ["list", "summary"])
def test_ids_narrow_a_list_and_a_summary(
    run: Run, sample_path: Path, tmp_path: Path, kind: str
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        titles = {row.id: row.title for row in catalogue.record_rows(RecordQuery())}
    chosen = sorted(titles)[:2]
    out = tmp_path / f"{kind}.pdf"
    ids = ",".join(str(i) for i in chosen)
    assert run("report", kind, sample_path, "--out", out, "--ids", ids, "--as", "Rasa").code == 0
    text = _text(out)
    if kind == "list":  # titles wrap in their column: their first words are on one line

        def start(title: str) -> str:
            return " ".join(title.split()[:2])

        assert text.count("2 aid records, worth") == 1
        assert all(start(titles[i]) in text for i in chosen)
        others = {start(title) for i, title in titles.items() if i not in chosen}
        assert not any(other in text for other in others - {start(titles[i]) for i in chosen})
    else:
        assert "over 2 aid records" in text
        assert f"over {len(titles)} aid records" not in text
