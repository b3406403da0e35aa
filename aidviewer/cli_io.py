"""aidviewer-cli import and export: data in and out of a catalogue without a window.

`import FORMAT SRC FILE` reads SRC (csv, xlsx, iati, kiel, fts, json) and writes its
records into FILE in one transaction, printing the same summary as the window's import:
imported, updated, unchanged, skipped with reasons, warnings. `--dry-run` reads and
checks everything and writes nothing. `export FORMAT FILE OUT` writes the records the
filters select (or, for ics, the meetings; for json, the whole catalogue).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .cli_query import add_filter_options, meeting_query, record_query
from .io.formats import EXPORT_FORMATS, IMPORT_FORMATS, read_events
from .store import Catalogue, CatalogueError, default_user


def add_io_commands(commands: Any) -> None:
    importing = commands.add_parser(
        "import",
        help="import records from a CSV, XLSX, IATI, Kiel, FTS or aidviewer JSON file",
        description="Read SRC and write its records into FILE (made when it does not exist)"
        " in one transaction: all of it or, on any failure, nothing. A record imported"
        " before (the same identifier in its source) is updated, not doubled. json makes"
        " a new catalogue FILE equal to the one exported.",
    )
    importing.add_argument("format", choices=IMPORT_FORMATS, metavar="FORMAT",
                           help=", ".join(IMPORT_FORMATS))  # fmt: skip
    importing.add_argument("src", metavar="SRC", help="the file to read")
    importing.add_argument("file", metavar="FILE", help="the catalogue to write into")
    importing.add_argument("--dry-run", action="store_true",
                           help="read and check everything, write nothing")  # fmt: skip
    importing.add_argument("--encoding", help="the text's encoding (detected by default)")
    importing.add_argument("--delimiter", help="the CSV delimiter (detected by default)")
    importing.add_argument("--language", default="en",
                           help="the language IATI titles are read in (default en)")  # fmt: skip
    importing.add_argument("--as", dest="who", metavar="NAME", help="who imports")
    importing.set_defaults(run=run_import)

    exporting = commands.add_parser(
        "export",
        help="export records as CSV, XLSX, JSON or IATI XML, or meetings as iCalendar",
        description="Write the records the options select (all by default) to OUT: csv or"
        " xlsx (one row a record; a CSV imports back with `import csv`), iati (IATI 2.03"
        " activity XML), json (the whole catalogue) or ics (meetings).",
    )
    exporting.add_argument("format", choices=EXPORT_FORMATS, metavar="FORMAT",
                           help=", ".join(EXPORT_FORMATS))  # fmt: skip
    exporting.add_argument("file", metavar="FILE", help="the catalogue to read")
    exporting.add_argument("out", metavar="OUT", help="the file to write")
    exporting.add_argument("--reporting-org", default="",
                           help="the organisation named as reporting the IATI file")  # fmt: skip
    add_filter_options(exporting, meetings=False)
    exporting.set_defaults(run=run_export)


def run_import(args: argparse.Namespace) -> int:
    from .io.importer import import_items

    src, target = Path(args.src), Path(args.file)
    who = args.who or default_user()
    if args.format == "json":
        return _import_json(src, target, who, args.dry_run)
    made = False
    if not target.exists():
        if args.dry_run:
            raise CatalogueError(f"“{target}” does not exist (a dry run makes no file).")
        Catalogue.create(target, user=who).close()
        made = True
    try:
        events = read_events(args.format, src, encoding=args.encoding,
                             delimiter=args.delimiter, language=args.language)  # fmt: skip
        with Catalogue.open(target, user=who) as catalogue:
            summary = import_items(catalogue, events, dry_run=args.dry_run, author=who)
    except BaseException:
        if made:  # a refused file leaves no empty catalogue behind
            target.unlink(missing_ok=True)
        raise
    if made:
        print(f"Created the catalogue “{target}”.")
    for line in summary.lines():
        print(line)
    return 0


def _import_json(src: Path, target: Path, who: str, dry_run: bool) -> int:
    from .io.json_catalogue import import_json

    if target.exists():
        raise CatalogueError(
            f"“{target}” exists: a JSON catalogue is imported into a new file, never over one."
        )
    if dry_run:
        scratch = target.with_name(f".{target.name}.dry-run")
        try:
            counts = import_json(src, scratch, user=who)
        finally:
            for leftover in scratch.parent.glob(scratch.name + "*"):
                leftover.unlink()
        head = "Would import"
    else:
        counts = import_json(src, target, user=who)
        head = "Imported"
    print(f"{head} " + ", ".join(f"{count} {name}" for name, count in counts.items()) + ".")
    return 0


def run_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with Catalogue.open(Path(args.file), read_only=True) as catalogue:
        if args.format == "json":
            from .io.json_catalogue import export_json

            counts = export_json(catalogue, out)
            print(f"Exported {counts.get('records', 0)} records to “{out}”.")
            return 0
        if args.format == "ics":
            from .cli_report import _as_meeting_args
            from .io.ics import write_ics

            query = meeting_query(_as_meeting_args(args), catalogue)
            ids = [row.id for row in catalogue.meeting_rows(query)]
            written = write_ics(catalogue, out, ids)
            print(f"Exported {written} meetings to “{out}”.")
            return 0
        ids = list(catalogue.record_ids(record_query(args, catalogue)))
        if args.format == "iati":
            from .io.iati_export import write_iati

            written = write_iati(catalogue, out, ids, reporting_org=args.reporting_org)
        elif args.format == "xlsx":
            from .io.table_export import write_xlsx

            written = write_xlsx(catalogue, out, ids)
        else:
            from .io.table_export import write_csv

            written = write_csv(catalogue, out, ids)
    print(f"Exported {written} records to “{out}”.")
    return 0
