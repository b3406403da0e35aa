"""aidviewer-cli: the catalogue without a window, for scripts, automation and tests.

Every command exits 0 when it succeeds. A failure prints one line on stderr and exits 1,
or 2 for a mistake in the command line itself (an invalid value to edit included), 3 when
an edit was based on a version someone else has since changed, and 70 for a bug in
aidviewer; an interrupt exits 130 and a reader that goes away (`| head`) 141, both
silently. Commands that only read a catalogue open it read-only, so they never change
the file; an edit that fails writes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .cli_backup import add_backup_commands
from .cli_desktop import add_desktop_commands
from .cli_edit import add_edit_commands
from .cli_format import (
    MEETING_COLUMNS,
    RECORD_COLUMNS,
    Names,
    meeting_data,
    meeting_table,
    record_data,
    record_table,
    use_stdout,
    write_csv,
    write_json,
)
from .cli_io import add_io_commands
from .cli_query import add_filter_options, meeting_query, record_query
from .cli_report import add_report_command
from .store import SUFFIX, Catalogue, CatalogueError, ConflictError, InvalidValueError

PROG = "aidviewer-cli"
FORMATS = ("table", "csv", "json")

# Exit codes besides 0 and 1.
USAGE = 2  # as argparse uses; also an invalid value given to edit
CONFLICT = 3  # an edit based on a version that has since changed
BUG = 70  # EX_SOFTWARE from sysexits.h: an error in aidviewer itself
BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`
INTERRUPTED = 130  # 128 + SIGINT


class _Parser(argparse.ArgumentParser):
    """Reports a usage mistake on one line, like every other failure."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE, f"{self.prog}: {message} (see “{self.prog} --help”)\n")


def _say(message: str) -> None:
    """One line on stderr for a failure; stderr itself failing must not raise."""
    try:
        sys.stderr.write(f"{PROG}: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


# -- commands --------------------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() != SUFFIX:  # as the window's New… does
        path = path.with_name(path.name + SUFFIX)
    if args.sample:
        from .sample import SAMPLE_USER, fill_sample

        catalogue = Catalogue.create(path, user=SAMPLE_USER, fill=fill_sample)
    else:
        catalogue = Catalogue.create(path)
    with catalogue:
        counts = catalogue.counts()
    if args.sample:
        print(
            f"Created the catalogue “{path}” with {counts['records']} records and "
            f"{counts['meetings']} meetings from the sample."
        )
    else:
        print(f"Created the empty catalogue “{path}”.")
    return 0


def _check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    with Catalogue.open(path, read_only=True) as catalogue:
        report = catalogue.check()
    out = use_stdout("table")
    width = max(len(name) for name in report.counts)
    lines = [f"Catalogue: {path}", f"Schema version: {report.schema_version}", "Counts:"]
    lines += [f"  {name:<{width}}  {count:>8,}" for name, count in report.counts.items()]
    if report.sound:
        lines.append("Integrity: sound")
    else:
        lines.append(f"Integrity: {len(report.problems)} problem(s)")
        lines += [f"  {problem}" for problem in report.problems]
    out.write("\n".join(lines) + "\n")
    if report.sound:
        return 0
    out.flush()
    _say(
        f"The catalogue “{path.name}” failed the integrity check "
        f"({len(report.problems)} problem(s)): restore it from a backup."
    )
    return 1


def _records(args: argparse.Namespace) -> int:
    out = use_stdout(args.format)
    with Catalogue.open(Path(args.file), read_only=True) as catalogue:
        query = record_query(args, catalogue)
        if args.format == "table":
            out.write("\n".join(record_table(catalogue.record_rows(query, args.limit))) + "\n")
            return 0
        names = Names.load(catalogue)
        ids = catalogue.record_ids(query)[: args.limit]
        rows = (record_data(catalogue.record(record_id), names) for record_id in ids)
        if args.format == "json":
            write_json(rows, out)
        else:
            write_csv(rows, RECORD_COLUMNS, out)
    return 0


def _meetings(args: argparse.Namespace) -> int:
    out = use_stdout(args.format)
    with Catalogue.open(Path(args.file), read_only=True) as catalogue:
        query = meeting_query(args, catalogue)
        summaries = catalogue.meeting_rows(query, args.limit)
        if args.format == "table":
            out.write("\n".join(meeting_table(summaries)) + "\n")
            return 0
        names = Names.load(catalogue, for_meetings=True)
        rows = (meeting_data(catalogue.meeting(summary.id), names) for summary in summaries)
        if args.format == "json":
            write_json(rows, out)
        else:
            write_csv(rows, MEETING_COLUMNS, out)
    return 0


# -- the command line ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Work with an aidviewer catalogue (an .aidb file) without the window.",
    )
    parser.add_argument("--version", action="version", version=f"aidviewer {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    new = commands.add_parser(
        "new",
        help="create a new catalogue",
        description="Create a new catalogue; an existing file is never overwritten.",
    )
    new.add_argument("file", metavar="FILE", help="the catalogue to create (.aidb)")
    new.add_argument("--sample", action="store_true", help="fill it with the sample content")
    new.set_defaults(run=_new)

    check = commands.add_parser(
        "check",
        help="show a catalogue's schema version and counts and check its integrity",
        description="Check a catalogue without changing it; exit 1 when it is not sound.",
    )
    check.add_argument("file", metavar="FILE", help="the catalogue to check")
    check.set_defaults(run=_check)

    for name, run, what in (
        ("records", _records, "aid records"),
        ("meetings", _meetings, "meetings"),
    ):
        sub = commands.add_parser(
            name,
            help=f"list the {what}",
            description=f"Write the {what} to stdout: all of them, or those the options"
            " select, in the same order the window shows for the same filters.",
        )
        sub.add_argument("file", metavar="FILE", help="the catalogue to read")
        sub.add_argument(
            "--format",
            choices=FORMATS,
            default="table",
            help="table for a terminal (the default), csv or json",
        )
        add_filter_options(sub, meetings=name == "meetings")
        sub.set_defaults(run=run)
    add_edit_commands(commands)
    add_report_command(commands)
    add_io_commands(commands)
    add_desktop_commands(commands)
    add_backup_commands(commands)
    return parser


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at the null device, so that the interpreter's
    final flush does not fail again with a traceback (Python docs, "Note on SIGPIPE")."""
    try:
        stdout_fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):  # no real descriptor, as under pytest
        return
    try:
        os.dup2(devnull, stdout_fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as stop:  # --help, --version or a usage mistake
            if stop.code is None or isinstance(stop.code, int):
                return stop.code or 0
            return USAGE
        status: int = args.run(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:  # the reader went away, as `head` does: not worth a word
        _silence_stdout()
        return BROKEN_PIPE
    except KeyboardInterrupt:
        return INTERRUPTED
    except ConflictError as error:  # only an edit meets one: nothing was written
        _say(error.message)
        return CONFLICT
    except InvalidValueError as error:  # a value the catalogue refuses: nothing was written
        _say(error.message)
        return USAGE
    except CatalogueError as error:
        _say(error.message)
        return 1
    except OSError as error:
        where = f"“{error.filename}”: " if error.filename else ""
        _say(f"{where}{error.strerror or error}.")
        return 1
    except Exception as error:  # a bug: still one line, and a distinct status
        _say(f"internal error, please report it: {type(error).__name__}: {error}")
        return BUG


if __name__ == "__main__":
    sys.exit(main())
