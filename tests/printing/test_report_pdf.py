"""Reports written as real PDF files and read back with pdftotext: the names and figures,
the header and footer on every page, the list's header repeated and no row cut, user
markup printed as text with nothing outside the catalogue read."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from figures import Figures
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from aidviewer.printing import QtFormats, write_pdf
from aidviewer.printing.build import describe_scope, make_report
from aidviewer.reports.content import CancelledError, ReportKind, Scope
from aidviewer.reports.render import TEXT_LIMIT, ReportOptions
from aidviewer.store import AidRecord, Catalogue, Meeting, Money, Note, RecordQuery

PdfPages = Callable[..., list[str]]
EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
NASAMS = 2


def _report(
    catalogue: Catalogue, kind: ReportKind, scope: Scope | None = None, **options: object
) -> object:
    scope = scope or Scope()
    return make_report(
        catalogue,
        ReportOptions(kind=kind, **options),  # type: ignore[arg-type]
        scope,
        made_by="Rasa",
        filters=describe_scope(catalogue, kind, scope),
        formats=QtFormats(EN_US),
    )


def _pdf(tmp_path: Path, document: object, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    write_pdf(document, path)  # type: ignore[arg-type]
    return path


def _eur(cents: int) -> str:
    return f"€{cents // 100:,}.{cents % 100:02d}"


def test_the_summary_total_is_the_sum_of_the_records_values(
    qapp: object, sample_path: Path, tmp_path: Path, pdf_pages: PdfPages
) -> None:
    con = sqlite3.connect(sample_path)
    cents = con.execute("SELECT sum(value_eur_cents) FROM aid_record").fetchone()[0]
    donors = [row[0] for row in con.execute("SELECT DISTINCT donor_name FROM aid_record")]
    con.close()
    with Catalogue.open(sample_path) as catalogue:
        pages = pdf_pages(_pdf(tmp_path, _report(catalogue, ReportKind.SUMMARY)))
    text = "\n".join(pages)
    assert _eur(cents) in text
    assert all(donor in " ".join(text.split()) for donor in donors)
    for heading in ("By donor", "By category", "By stage reached", "Timeline"):
        assert heading in text
    assert "Aid summary" in pages[0] and "sample" in pages[0]  # header: title, catalogue
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "Made " in pages[0] and " by Rasa" in pages[0]


@pytest.mark.parametrize(
    ("kind", "scope", "expected"),
    [
        (ReportKind.SHEET, Scope(ids=(NASAMS,)), ["NASAMS launchers and equipment", "Stages",
                                                   "Delivered", "Sources", "Notes"]),
        (ReportKind.MINUTES, Scope(ids=(1,)), ["Participants", "Arvydas Anušauskas",
                                               "Minutes", "Aid discussed"]),
        (ReportKind.BRIEFING, Scope(), ["Meetings held", "Aid that changed stage",
                                        "Open follow-ups"]),
        (ReportKind.LIST, Scope(), ["NASAMS launchers and equipment", "Demining coalition",
                                    "Total", "€500,000,000.00"]),
    ],
)  # fmt: skip
def test_each_report_kind_holds_its_names(
    qapp: object,
    sample_path: Path,
    tmp_path: Path,
    pdf_pages: PdfPages,
    kind: ReportKind,
    scope: Scope,
    expected: list[str],
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        pages = pdf_pages(_pdf(tmp_path, _report(catalogue, kind, scope)))
    words = " ".join(" ".join(pages).split())
    for text in expected:
        assert text in words, text
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))


def _many_records(path: Path, count: int) -> list[str]:
    """`count` records whose titles begin and end with a token of their own, some long
    enough to wrap over several lines."""
    titles = []
    with Catalogue.open(path) as catalogue, catalogue.batch():
        for number in range(count):
            filler = " words" * (number % 9) * 3
            title = f"A{number:03d}{filler} Z{number:03d}"
            catalogue.add_record(AidRecord(title=title, money=Money.eur(100 * number + 1)))
            titles.append(title)
    return titles


@pytest.mark.parametrize("landscape", [False, True])
def test_a_long_list_repeats_its_header_and_cuts_no_row(
    qapp: object, empty_path: Path, tmp_path: Path, pdf_pages: PdfPages, landscape: bool
) -> None:
    _many_records(empty_path, 200)
    with Catalogue.open(empty_path) as catalogue:
        document = _report(
            catalogue, ReportKind.LIST, columns=("title", "status", "value_eur"),
            landscape=landscape,
        )  # fmt: skip
        pages = pdf_pages(_pdf(tmp_path, document), layout=True)
    assert len(pages) >= 3
    for page in pages:
        assert re.search(r"Title\s+Status\s+Value \(EUR\)", page), page[:400]
    for number in range(200):
        start = [i for i, page in enumerate(pages) if f"A{number:03d}" in page]
        end = [i for i, page in enumerate(pages) if f"Z{number:03d}" in page]
        assert start == end and len(start) == 1, number  # the whole row on one page
    total = sum(100 * number + 1 for number in range(200))
    assert _eur(total) in pages[-1]


def test_every_page_carries_the_marking_line(
    qapp: object, empty_path: Path, tmp_path: Path, pdf_pages: PdfPages
) -> None:
    _many_records(empty_path, 120)
    with Catalogue.open(empty_path) as catalogue:
        pages = pdf_pages(_pdf(tmp_path, _report(catalogue, ReportKind.LIST, marking="INTERNAL")))
    assert len(pages) > 1
    assert all(page.count("INTERNAL") == 2 for page in pages)  # at the top and the bottom


@pytest.mark.parametrize(
    ("size", "points"), [("A4", "595 x 842 pts (A4)"), ("Letter", "612 x 792 pts (letter)")]
)
def test_the_page_size_is_the_one_chosen(
    qapp: object, sample_path: Path, tmp_path: Path, pdf_pages: PdfPages, size: str, points: str
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        path = _pdf(tmp_path, _report(catalogue, ReportKind.SUMMARY, page_size=size))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(rf"Page size:\s+{re.escape(points)}", info), info


def _bare(text: str) -> str:
    """`text` without its white space: a long word the page wraps still reads whole."""
    return "".join(text.split())


def test_markup_in_user_text_is_printed_as_text_and_nothing_is_loaded(
    qapp: object,
    sample_path: Path,
    tmp_path: Path,
    pdf_pages: PdfPages,
    hostile_notes: list[str],
    figures: Figures,
) -> None:
    """T27: titles, notes and minutes with markup print literally (a note too long for
    the page cut, with a mark); the documents ask for no image, style sheet or page."""
    short = [body for body in hostile_notes if len(body) <= 200]
    with Catalogue.open(sample_path) as catalogue:
        record = catalogue.record(NASAMS)
        catalogue.update_record(dataclasses.replace(record, title=short[0] + short[1]))
        for body in hostile_notes:
            catalogue.add_note(Note(record_id=NASAMS, body=body, author="Rasa"))
        meeting = catalogue.meeting(1)
        catalogue.update_meeting(dataclasses.replace(meeting, minutes="\n".join(short)))
        reports = {
            kind: _report(catalogue, kind, scope, landscape=kind is ReportKind.LIST)
            for kind, scope in (
                (ReportKind.SHEET, Scope(ids=(NASAMS,))),
                (ReportKind.MINUTES, Scope(ids=(1,))),
                (ReportKind.LIST, Scope()),
            )
        }
    requested: list[str] = []
    for kind, document in reports.items():
        text = " ".join(" ".join(pdf_pages(_pdf(tmp_path, document, f"{kind}.pdf"))).split())
        plain = document.text()  # type: ignore[attr-defined]
        assert "<img src=" in text and "<img src=" in plain, kind
        requested += document.requested()  # type: ignore[attr-defined]
    # The sheet holds every note: each as typed, or its first TEXT_LIMIT characters and
    # a mark. In the PDF each starts as typed (a long one runs over pages, between their
    # headers and footers); pdftotext gives a right-to-left override's run in the order
    # it is seen, reversed.
    sheet = reports[ReportKind.SHEET].text()  # type: ignore[attr-defined]
    pages = _bare(" ".join(pdf_pages(tmp_path / f"{ReportKind.SHEET}.pdf")))
    kept = [body[:TEXT_LIMIT] for body in hostile_notes]
    in_text = [body for body in kept if body in sheet]
    in_pdf = [
        body
        for body in kept
        if _bare(body[:200]) in pages or _bare(body.replace("\u202e", ""))[::-1] in pages
    ]
    cut = sum(len(body) > TEXT_LIMIT for body in hostile_notes)
    marks = (sheet.count("more characters]"), pages.count(_bare("more characters]")))
    figures.add("hostile note bodies", len(hostile_notes))
    figures.add("in the report's text, as typed or cut with a mark", len(in_text))
    figures.add("printed as text in the PDF (their first 200 characters)", len(in_pdf))
    figures.add("cut with a mark (text, PDF)", f"{marks[0]}, {marks[1]}")
    figures.add("resource requests seen", len(requested))

    assert in_text == kept
    assert in_pdf == kept
    assert marks == (cut, cut) and cut > 0
    assert requested == []


def test_a_megabyte_note_is_cut_with_a_mark(
    qapp: object, sample_path: Path, tmp_path: Path, pdf_pages: PdfPages
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        catalogue.add_note(Note(record_id=NASAMS, body="x" * 1_000_000, author="Rasa"))
        document = _report(catalogue, ReportKind.SHEET, Scope(ids=(NASAMS,)))
    assert "[980,000 more characters]" in document.text()  # type: ignore[attr-defined]


def test_a_cancelled_report_leaves_no_file(qapp: object, empty_path: Path, tmp_path: Path) -> None:
    _many_records(empty_path, 150)
    with Catalogue.open(empty_path) as catalogue:
        document = _report(catalogue, ReportKind.LIST)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"the report of last week")
    with pytest.raises(CancelledError):
        write_pdf(document, target, going_on=lambda page, pages: page < 2)  # type: ignore[arg-type]
    assert target.read_bytes() == b"the report of last week"  # the older one stays
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.aidb", "out.pdf"]


def test_the_filters_used_are_named_in_the_report(
    qapp: object, sample_path: Path, tmp_path: Path, pdf_pages: PdfPages
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        norway = catalogue.find_organisation("Norway")
        assert norway is not None
        scope = Scope(query=RecordQuery(search="vehicles", donor_ids=(norway.id,)))
        pages = pdf_pages(_pdf(tmp_path, _report(catalogue, ReportKind.LIST, scope)))
    assert "Showing: search “vehicles” · donor Norway" in " ".join(pages[0].split())


def test_a_meeting_without_minutes_still_prints(
    qapp: object, sample_path: Path, tmp_path: Path, pdf_pages: PdfPages, qtbot: QtBot
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        bare = catalogue.add_meeting(Meeting(title="Short call", starts_at="2023-12-01"))
        pages = pdf_pages(
            _pdf(tmp_path, _report(catalogue, ReportKind.MINUTES, Scope(ids=(bare.id,))))
        )
    assert "Short call" in pages[0] and "No minutes written." in pages[0]


def test_no_row_of_a_sheets_tables_is_cut_and_each_sheet_starts_a_page(
    qapp: object, sample_path: Path, tmp_path: Path, pdf_pages: PdfPages
) -> None:
    """Qt's own pagination cuts a row between its lines; every report is cut between
    rows instead, with the table's header again on the next page."""
    with Catalogue.open(sample_path) as catalogue:
        record = catalogue.record(NASAMS)
        stages = tuple(
            dataclasses.replace(
                record.stages[0],
                id=0,
                note=f"Kx{number:02d}k "
                + "a note long enough to wrap " * (number % 4)
                + f"Zq{number:02d}z",
            )
            for number in range(90)
        )
        catalogue.update_record(dataclasses.replace(record, stages=stages))
        document = _report(catalogue, ReportKind.SHEET, Scope(ids=(NASAMS, 3)))
        pages = pdf_pages(_pdf(tmp_path, document), layout=True)
    assert len(pages) >= 3
    for number in range(90):
        start = [i for i, page in enumerate(pages) if f"Kx{number:02d}k" in page]
        end = [i for i, page in enumerate(pages) if f"Zq{number:02d}z" in page]
        assert start == end and len(start) == 1, number
    continued = [page for page in pages if "Kx45k" in page or "Kx89k" in page]
    assert all(re.search(r"Stage\s+Date\s+Quantity\s+Amount\s+Note", page) for page in continued)
    # The second record's sheet begins a page of its own.
    second = [i for i, page in enumerate(pages) if "All-terrain vehicles for NASAMS crews" in page]
    assert second and "Kx89k" not in pages[second[0]]


def test_a_long_list_is_laid_out_a_piece_at_a_time(
    qapp: object, empty_path: Path, tmp_path: Path, pdf_pages: PdfPages
) -> None:
    """The window waits for each piece of the layout, so a piece is at most MEASURED
    rows; progress is told after each, and a False answer cancels."""
    from aidviewer.printing.document import MEASURED, ReportDocument

    assert MEASURED == 100
    _many_records(empty_path, 250)
    with Catalogue.open(empty_path) as catalogue:
        document = _report(catalogue, ReportKind.LIST, landscape=True)
    assert isinstance(document, ReportDocument)
    told: list[tuple[int, int]] = []
    pages = document.lay_out(300, lambda done, total: told.append((done, total)) or True)
    # The title, then 250 rows and the total as 100 + 100 + 51.
    assert told == [(1, 4), (2, 4), (3, 4), (4, 4)]
    laid = pdf_pages(_pdf(tmp_path, document), layout=True)
    assert len(laid) == pages
    assert all(f"A{number:03d}" in "".join(laid) for number in range(250))
    with pytest.raises(CancelledError):
        document.lay_out(300, lambda done, total: done < 2)


def test_many_sheets_are_laid_out_ten_at_a_time_each_on_its_own_page(
    qapp: object, empty_path: Path, tmp_path: Path, pdf_pages: PdfPages
) -> None:
    from aidviewer.printing.document import SECTIONS, ReportDocument

    assert SECTIONS == 10
    titles = _many_records(empty_path, 25)
    with Catalogue.open(empty_path) as catalogue:
        ids = tuple(catalogue.record_ids(RecordQuery()))
        document = _report(catalogue, ReportKind.SHEET, Scope(ids=ids))
    assert isinstance(document, ReportDocument)
    told: list[tuple[int, int]] = []
    document.lay_out(300, lambda done, total: told.append((done, total)) or True)
    assert told == [(1, 3), (2, 3), (3, 3)]
    pages = [" ".join(page.split()) for page in pdf_pages(_pdf(tmp_path, document))]
    assert len(pages) == 25
    numbers = [re.findall(r"Record #(\d+)", page) for page in pages]
    assert all(len(found) == 1 for found in numbers)  # one sheet a page
    assert [int(found[0]) for found in numbers] == list(ids)  # in the order chosen
    assert all(any(title.split()[0] in page for page in pages) for title in titles)
    # The title block is on the first page only; every page has the header line.
    assert pages[0].count("Aid record sheet") == 2
    assert all(page.count("Aid record sheet") == 1 for page in pages[1:])
