"""`aidviewer-cli edit` and `aidviewer-cli history`: scripted and concurrent edits.

An edit reads the row, applies FIELD=VALUE changes through the same rules as the window's
forms, and saves it conditioned on the version it read (or the version the caller says
it expects), so two scripts editing one record never overwrite each other silently: the
second gets exit status 3 and the file keeps the first one's change.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from .cli_format import use_stdout
from .editing import MEETING_FIELDS, RECORD_FIELDS, assign_meeting, assign_record, split_assignments
from .store import Catalogue, ConflictError, HistoryEntry

ENTITIES = {"record": "aid_record", "meeting": "meeting"}
_WIDE = 48  # widest old or new value a history table shows before eliding


def add_edit_commands(commands: Any) -> None:
    """The edit and history commands, on the command line's sub-parsers."""
    fields = "; ".join(
        f"{kind}: {', '.join(names)}"
        for kind, names in (("record", RECORD_FIELDS), ("meeting", MEETING_FIELDS))
    )
    edit = commands.add_parser(
        "edit",
        help="change fields of an aid record or a meeting",
        description="Change fields of one aid record or meeting, as FIELD=VALUE. The"
        " change is refused (exit 2) when a value is invalid and (exit 3) when the row has"
        " changed since the version read or given with --expect-version; then nothing is"
        f" written. Fields: {fields}.",
    )
    edit.add_argument("file", metavar="FILE", help="the catalogue to change")
    edit.add_argument("kind", choices=ENTITIES, help="record or meeting")
    edit.add_argument("id", type=int, metavar="ID", help="the row's number")
    edit.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    edit.add_argument(
        "--expect-version",
        type=int,
        metavar="N",
        help="save only if the row is still at version N (exit 3 otherwise)",
    )
    edit.add_argument("--as", dest="who", metavar="NAME", help="the name the history records")
    edit.set_defaults(run=run_edit)

    history = commands.add_parser(
        "history",
        help="list the changes to an aid record or a meeting",
        description="Every change to one aid record or meeting and to its notes, oldest"
        " first: when, who, what, and the old and new values.",
    )
    history.add_argument("file", metavar="FILE", help="the catalogue to read")
    history.add_argument("kind", choices=ENTITIES, help="record or meeting")
    history.add_argument("id", type=int, metavar="ID", help="the row's number")
    history.add_argument("--format", choices=("table", "json"), default="table")
    history.set_defaults(run=run_history)


def run_edit(args: argparse.Namespace) -> int:
    pairs = split_assignments(args.assignments)
    with Catalogue.open(Path(args.file), user=args.who) as catalogue:
        if args.kind == "record":
            record = catalogue.record(args.id)
            _expect(args, "aid_record", record.id, record.version)
            saved_record = catalogue.update_record(assign_record(catalogue, record, pairs))
            title, version = saved_record.title, saved_record.version
        else:
            meeting = catalogue.meeting(args.id)
            _expect(args, "meeting", meeting.id, meeting.version)
            saved_meeting = catalogue.update_meeting(assign_meeting(meeting, pairs))
            title, version = saved_meeting.title, saved_meeting.version
    what = "aid record" if args.kind == "record" else "meeting"
    changed = ", ".join(dict.fromkeys(field for field, _ in pairs))
    out = use_stdout("table")
    out.write(f"Saved {what} #{args.id} “{title}” as version {version} ({changed}).\n")
    return 0


def _expect(args: argparse.Namespace, entity: str, row_id: int, version: int) -> None:
    """Refuse before changing anything when the row is not at the expected version."""
    expected = args.expect_version
    if expected is not None and expected != version:
        what = entity.replace("_", " ")
        raise ConflictError(
            f"The {what} #{row_id} is at version {version}, not {expected}: someone changed"
            " it; nothing was saved.",
            entity=entity,
            entity_id=row_id,
            expected_version=expected,
            current_version=version,
        )


def run_history(args: argparse.Namespace) -> int:
    entity = ENTITIES[args.kind]
    out = use_stdout(args.format)
    with Catalogue.open(Path(args.file), read_only=True) as catalogue:
        entries = catalogue.history(entity, args.id, with_notes=True)
        if not entries:  # a row that never was: say so rather than list nothing
            _ = catalogue.record(args.id) if args.kind == "record" else catalogue.meeting(args.id)
    if args.format == "json":
        json.dump([dataclasses.asdict(entry) for entry in entries], out, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write("\n".join(history_table(entries)) + "\n")
    return 0


def history_table(entries: list[HistoryEntry]) -> list[str]:
    header = ("When (UTC)", "Who", "What", "Field", "Old", "New")
    rows = [
        (
            entry.at.replace("T", " ").removesuffix("Z")[:16],
            entry.who,
            entry.action if entry.entity != "note" else f"note {entry.action}",
            entry.field if entry.field != "*" else "",
            _short(entry.old),
            _short(entry.new),
        )
        for entry in entries
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))]
    lines[0] = lines[0].rstrip()
    lines.append("  ".join("-" * width for width in widths))
    for row in rows:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    if not rows:
        lines.append("(no changes recorded)")
    return lines


def _short(value: str | None) -> str:
    if value is None:
        return ""
    flat = " ".join(value.split())
    return flat if len(flat) <= _WIDE else flat[: _WIDE - 1] + "…"
