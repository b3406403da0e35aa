"""The child of test_file_size_limit.py: saves under a file-size limit (RLIMIT_FSIZE).

With SIGXFSZ ignored, a write past the limit fails with EFBIG, which SQLite reports as
SQLITE_IOERR_WRITE, "disk I/O error" (RELIABILITY.md T8, 7.2). Only the soft limit is
lowered: raising a hard limit back failed even as root in this sandbox.

    python -m reliability.size_limit once|always CATALOGUE RESULTS CSV

`once`: one save fails, the limit is lifted, the same save is made again. `always`: the
limit stays, and each kind of save is tried, twice. What happened goes to RESULTS as JSON.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aidviewer.io.formats import read_events
from aidviewer.io.importer import import_items
from aidviewer.store import Catalogue, Note

from .full_disk import NOTE_BODY, after_failure, attempt, sidecars
from .oracle import dump, sound


def _limit(size: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))


def main(argv: list[str]) -> int:
    mode, name, results, source = argv
    path = Path(name)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error to handle, not a signal to die of
    unlimited, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    catalogue = Catalogue.open(path)
    record = catalogue.record(2)
    saves: dict[str, Callable[[], object]] = {
        "long note": lambda: catalogue.add_note(Note(body=NOTE_BODY, record_id=record.id)),
        "record with a long description": lambda: catalogue.update_record(
            dataclasses.replace(record, description=NOTE_BODY)
        ),
        "import": lambda: import_items(catalogue, read_events("csv", Path(source))),
    }
    before = dump(path)
    size = path.stat().st_size
    _limit(size)  # the file may not grow at all
    found: dict[str, Any] = {"limit": size, "saves": {}}
    for what, save in saves.items() if mode == "always" else list(saves.items())[:1]:
        tries = []
        for _ in range(2 if mode == "always" else 1):
            tried = attempt(save)
            if tried["outcome"] != "saved":
                tried.update(after_failure(catalogue, before))
            tries.append(tried)
        found["saves"][what] = tries
    found["size_under_limit"] = path.stat().st_size
    if mode == "once":
        _limit(unlimited)
        found["retry"] = attempt(saves["long note"])
        found["notes_now"] = [n.body for n in catalogue.notes_for(record_id=record.id)].count(
            NOTE_BODY
        )
    catalogue.close()
    found["sidecars_at_end"] = sidecars(path)
    try:
        sound(path)
        found["sound_at_end"] = True
    except AssertionError:
        found["sound_at_end"] = False
    found["unchanged_at_end"] = dump(path) == before
    Path(results).write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
