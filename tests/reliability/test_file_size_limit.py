"""A write the operating system refuses (RELIABILITY.md T8, R3): under a file-size limit
(RLIMIT_FSIZE, SIGXFSZ ignored) SQLite gets SQLITE_IOERR_WRITE. Whether the failure
happens once or every time, each save is refused with one sentence saying nothing was
saved, the file keeps exactly its rows and passes its checks; once the limit is lifted
the same save succeeds. The limit is set in a child process (size_limit.py), never here.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from figures import Figures

from .namespaces import child_env
from .stand_ins import one_sentence

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="RLIMIT_FSIZE is POSIX"),
]

MESSAGE = "The disk reported an error while saving to “catalogue.aidb”, so nothing was saved"


def _run(mode: str, sample_path: Path, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "catalogue.aidb"
    shutil.copyfile(sample_path, path)
    source = tmp_path / "rows.csv"
    rows = [f"Import row {n},Estonia,{n}00,EUR" for n in range(1, 201)]
    source.write_text("title,donor,value,currency\n" + "\n".join(rows) + "\n", encoding="utf-8")
    results = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "reliability.size_limit", mode, str(path), str(results),
         str(source)],
        capture_output=True, text=True, env=child_env(), timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, Any] = json.loads(results.read_text(encoding="utf-8"))
    return found


def _refused_and_intact(what: str, tried: dict[str, Any]) -> None:
    assert tried["outcome"] == "refused", (what, tried)
    assert tried["error"] == "StorageError", (what, tried)
    assert tried["message"].startswith(MESSAGE) and one_sentence(tried["message"]), tried
    assert not tried["in_transaction"], what
    assert tried["read"] == "saved" and tried["sound"] is True, (what, tried)
    assert tried["unchanged"], f"{what}: the rows changed"
    assert tried["sidecars_after_read"] == [], (what, tried)


def test_a_write_that_fails_once_is_refused_and_the_retry_saves(
    sample_path: Path, tmp_path: Path, figures: Figures
) -> None:
    found = _run("once", sample_path, tmp_path)
    ((tried,),) = found["saves"].values()
    figures.add("fails once: refused", tried["outcome"] == "refused")
    figures.add("fails once: saved on retry", found["retry"]["outcome"] == "saved")
    _refused_and_intact("long note", tried)
    assert found["size_under_limit"] <= found["limit"]
    assert found["retry"]["outcome"] == "saved", found["retry"]
    assert found["notes_now"] == 1  # the retry's note, once
    assert found["sound_at_end"] and found["sidecars_at_end"] == []


def test_a_write_that_always_fails_is_refused_every_time_and_changes_nothing(
    sample_path: Path, tmp_path: Path, figures: Figures
) -> None:
    found = _run("always", sample_path, tmp_path)
    every = [tried for tries in found["saves"].values() for tried in tries]
    figures.add("fails always: saves tried", len(every))
    figures.add(
        "fails always: refused as a disk error", sum(t["error"] == "StorageError" for t in every)
    )
    figures.add("fails always: rows unchanged", sum(bool(t.get("unchanged")) for t in every))
    for what, tries in found["saves"].items():
        for tried in tries:
            _refused_and_intact(what, tried)
    assert found["size_under_limit"] <= found["limit"]
    assert found["unchanged_at_end"] and found["sound_at_end"]
    assert found["sidecars_at_end"] == []
