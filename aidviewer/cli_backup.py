"""aidviewer-cli backup, backups and restore: a catalogue's backups without a window.

`backup FILE` makes a checked backup (kind "manual") in the backup folder, by default
"<name> backups" beside FILE, then rotates the folder as the window does. `backups FILE`
lists them oldest first, one a line: the path, then tab-separated the date, kind, size in
bytes, records and meetings ("?" when the file cannot be read, with the reason after).
`restore FILE BACKUP` puts a backup in place of FILE and says where the previous file was
kept. `salvage FILE` replaces a damaged catalogue with what can still be read of it,
keeping the damaged file beside it as "FILE.corrupt-<time>".
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .store.backup import MANUAL, list_backups, make_backup, restore_backup, rotate
from .store.salvage import salvage

_FOLDER_HELP = "the backup folder (default: “NAME backups” beside FILE)"


def add_backup_commands(commands: Any) -> None:
    backup = commands.add_parser(
        "backup",
        help="make a checked backup of a catalogue",
        description="Copy the catalogue into its backup folder through SQLite's backup API,"
        " check the copy and give it its name only then; older backups are then rotated"
        " (10 recent, the newest of each of the last 7 days, 4 weeks and 6 months, and"
        " every backup taken before a format update are kept).",
    )
    backup.add_argument("file", metavar="FILE", help="the catalogue to back up")
    backup.add_argument("--folder", metavar="DIR", help=_FOLDER_HELP)
    backup.set_defaults(run=run_backup)

    backups = commands.add_parser(
        "backups",
        help="list a catalogue's backups",
        description="Write the catalogue's backups, oldest first, one a line: its path, then"
        " tab-separated its date, kind, size in bytes, records and meetings. A file that"
        " cannot be read shows ? for its counts and the reason after them.",
    )
    backups.add_argument("file", metavar="FILE", help="the catalogue whose backups to list")
    backups.add_argument("--folder", metavar="DIR", help=_FOLDER_HELP)
    backups.set_defaults(run=run_backups)

    restore = commands.add_parser(
        "restore",
        help="put a backup in place of a catalogue",
        description="Check BACKUP, keep the current FILE aside in the backup folder (it is"
        " never deleted) together with any journal beside it, and put a copy of BACKUP in"
        " its place. Refused while another program is saving into FILE.",
    )
    restore.add_argument("file", metavar="FILE", help="the catalogue to restore")
    restore.add_argument("backup", metavar="BACKUP", help="the backup to restore from")
    restore.add_argument("--folder", metavar="DIR", help=_FOLDER_HELP)
    restore.set_defaults(run=run_restore)

    salvaging = commands.add_parser(
        "salvage",
        help="replace a damaged catalogue with what can still be read of it",
        description="Copy every row that can still be read of a damaged catalogue into a new"
        " one, which takes its name; the damaged file is kept beside it as"
        " “FILE.corrupt-<time>”, with its journal. Links to rows that could not be read are"
        " cleared. Refused while another aidviewer has FILE open.",
    )
    salvaging.add_argument("file", metavar="FILE", help="the damaged catalogue")
    salvaging.set_defaults(run=run_salvage)


def _folder(args: argparse.Namespace) -> Path | None:
    return Path(args.folder) if args.folder else None


def run_backup(args: argparse.Namespace) -> int:
    path = Path(args.file)
    made = make_backup(path, _folder(args), kind=MANUAL)
    removed = rotate(path, _folder(args))
    line = f"Made the backup “{made.path}” with {made.records} records and {made.meetings} meetings"
    if removed:
        line += f"; rotation removed {len(removed)} older backup{'s' * (len(removed) != 1)}"
    print(f"{line}.")
    return 0


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def run_backups(args: argparse.Namespace) -> int:
    for backup in list_backups(Path(args.file), _folder(args)):
        fields = [
            str(backup.path),
            backup.made.strftime("%Y-%m-%d %H:%M:%S"),
            backup.kind,
            str(backup.size),
            _count(backup.records),
            _count(backup.meetings),
        ]
        if backup.problem:
            fields.append(backup.problem)
        print("\t".join(fields))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = Path(args.file)
    kept = restore_backup(path, Path(args.backup), folder=_folder(args))
    print(f"Restored “{path}” from “{args.backup}”; the previous file was kept as “{kept}”.")
    return 0


def run_salvage(args: argparse.Namespace) -> int:
    saved = salvage(Path(args.file))
    kinds = {"aid_record": "records", "meeting": "meetings", "note": "notes"}
    kept = ", ".join(f"{saved.kept(table)} {name}" for table, name in kinds.items())
    if saved.whole:
        loss = "every row could be read"
    else:
        missing = [f"{_count(saved.missing(table))} {name}" for table, name in kinds.items()]
        loss = "not every row could be read (missing: " + ", ".join(missing) + ")"
    print(
        f"Salvaged “{saved.path}”: {kept}; {loss}. The damaged file was kept as “{saved.kept_as}”."
    )
    return 0
