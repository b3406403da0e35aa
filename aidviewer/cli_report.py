"""aidviewer-cli report: the window's reports, made without a window.

The content is read, filled into the same templates and laid out by the same code as the
window's File > Export PDF, on Qt's offscreen platform, so the same scope gives the same
document. A report is written beside its target and renamed into place when whole.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from .cli_query import _date, add_filter_options, meeting_query, record_query
from .reports.content import ReportKind, Scope
from .reports.render import PAGE_SIZES, ReportOptions
from .store import Catalogue, CatalogueError, default_user


def add_report_command(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="write a report as PDF or HTML",
        description="Write a report of the catalogue: summary (totals by donor, category,"
        " stage and month), list (the records the options select), sheet (every field of"
        " chosen records), minutes (chosen meetings) or briefing (a period's meetings,"
        " stages reached and open follow-ups).",
    )
    report.add_argument("kind", choices=[kind.value for kind in ReportKind])
    report.add_argument("file", metavar="FILE", help="the catalogue to read")
    report.add_argument("--out", required=True, metavar="OUT", help="the file to write")
    report.add_argument(
        "--ids",
        metavar="1,2,3",
        help="the records (summary, list, sheet) or meetings (minutes) to include",
    )
    report.add_argument("--page-size", choices=PAGE_SIZES, default="A4")
    report.add_argument(
        "--orientation",
        choices=("portrait", "landscape"),
        help="portrait by default; landscape for the list",
    )
    report.add_argument("--format", choices=("pdf", "html"), default="pdf")
    report.add_argument("--marking", default="", metavar="TEXT", help="printed on every page")
    report.add_argument("--no-notes", action="store_true", help="leave the notes out")
    report.add_argument("--history", action="store_true", help="add each record's history")
    report.add_argument("--as", dest="who", metavar="NAME", help="who made the report")
    add_filter_options(report, meetings=False)
    report.set_defaults(run=run_report)


def _ids(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise CatalogueError(f"“{text}” is not a list of numbers such as 1,2,3.") from None


def _scope(args: argparse.Namespace, catalogue: Catalogue, kind: ReportKind) -> Scope:
    ids = _ids(args.ids)
    query = record_query(args, catalogue)
    if ids and kind in (ReportKind.SUMMARY, ReportKind.LIST):
        query = dataclasses.replace(query, ids=ids)
    if kind is ReportKind.SHEET and not ids:
        ids = tuple(catalogue.record_ids(query))
    if kind is ReportKind.MINUTES and not ids:
        meetings = meeting_query(_as_meeting_args(args), catalogue)
        ids = tuple(row.id for row in catalogue.meeting_rows(meetings))
    return Scope(
        query=query,
        ids=ids,
        date_from=_date(args.date_from, end=False),
        date_to=_date(args.date_to, end=True),
    )


def _as_meeting_args(args: argparse.Namespace) -> argparse.Namespace:
    """The options as the meetings command reads them (no sort: by start)."""
    copy = argparse.Namespace(**vars(args))
    copy.sort = None
    return copy


def run_report(args: argparse.Namespace) -> int:
    # Qt is loaded only for this command: the others start without it.
    from PySide6.QtGui import QGuiApplication

    from .printing.build import describe_scope, make_report
    from .printing.document import write_pdf

    if QGuiApplication.instance() is None:  # kept for the life of the process
        run_report.app = QGuiApplication(["aidviewer-cli", "-platform", "offscreen"])  # type: ignore[attr-defined]
    kind = ReportKind(args.kind)
    landscape = args.orientation == "landscape" if args.orientation else kind is ReportKind.LIST
    options = ReportOptions(
        kind=kind,
        page_size=args.page_size,
        landscape=landscape,
        notes=not args.no_notes,
        history=args.history,
        marking=args.marking,
    )
    out = Path(args.out)
    with Catalogue.open(Path(args.file), read_only=True) as catalogue:
        scope = _scope(args, catalogue, kind)
        document = make_report(
            catalogue,
            options,
            scope,
            made_by=args.who or default_user(),
            filters=describe_scope(catalogue, kind, scope),
        )
    if args.format == "html":
        out.write_text(document.html(), encoding="utf-8")
    else:
        write_pdf(document, out)
    return 0
