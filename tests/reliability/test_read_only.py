"""A catalogue this user cannot write (RELIABILITY.md T10, R5), made two ways, since file
modes do not stop root: another user (`setpriv` to nobody, the file root's) and a
read-only bind mount (`unshare -rm`). The window, in a child process, shows the
read-only notice, offers no editing (actions, table cells, note links), and prints; the
file is byte-identical afterwards with nothing beside it (no write was made).

tests/ui/test_read_only_folder.py shows the notice and title for the mount; this adds
the actions, printing, the other user, and a WAL-mode file, which SQLite cannot read in
a read-only folder without its shared-memory file.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bad_files as bad
import pytest
from figures import Figures

from .namespaces import child_env
from .read_only_window import EDITING, READING
from .stand_ins import one_sentence

NOBODY = 65534
NOTICE = "Read-only: you can browse and print this catalogue, not change it."


@functools.cache
def _can_become_nobody() -> bool:
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        [*_as_nobody(), sys.executable, "-c", "import aidviewer, reliability"],
        capture_output=True, env=child_env(), timeout=60, check=False,
    )  # fmt: skip
    return probe.returncode == 0


def _as_nobody() -> list[str]:
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder every user may enter (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="aidviewer-read-only-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _window_in_child(
    mode: str, sample_path: Path, shared_folder: Path, tmp_path: Path
) -> tuple[dict[str, Any], Path]:
    """The window's findings, and the catalogue it was given."""
    if mode == "setpriv":
        if not _can_become_nobody():
            pytest.skip("needs root and `setpriv` to run the window as nobody")
        folder, out = shared_folder / "catalogue", shared_folder / "out"
        folder.mkdir(mode=0o755)
        out.mkdir()
        out.chmod(0o777)  # nobody's settings and PDF
    else:
        if not bad.can_mount_read_only():
            pytest.skip(bad.READ_ONLY_REASON)
        folder, out = tmp_path / "catalogue", tmp_path / "out"
        folder.mkdir()
        out.mkdir()
    path = folder / "sample.aidb"
    shutil.copyfile(sample_path, path)
    path.chmod(0o644)
    before = bad.sha256(path)
    argv = [sys.executable, "-m", "reliability.read_only_window", str(path), str(out)]
    if mode == "setpriv":
        env = child_env(HOME=str(out), PYTHONDONTWRITEBYTECODE="1")
        env.pop("XDG_RUNTIME_DIR", None)
        done = subprocess.run([*_as_nobody(), *argv], capture_output=True, text=True, env=env,
                              timeout=180, check=False)  # fmt: skip
    else:
        done = bad.run_in_read_only_folder(folder, argv[0], *argv[1:], env=child_env())
    assert done.returncode == 0, done.stderr[-3000:]
    assert bad.sha256(path) == before, "the catalogue was written"
    assert sorted(p.name for p in folder.iterdir()) == ["sample.aidb"]
    found: dict[str, Any] = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return found, out


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["setpriv", "unshare"])
def test_the_window_on_a_read_only_catalogue_browses_and_prints_only(
    mode: str, sample_path: Path, shared_folder: Path, tmp_path: Path, figures: Figures
) -> None:
    found, out = _window_in_child(mode, sample_path, shared_folder, tmp_path)
    assert found["opened"] and found["read_only"]
    assert found["notice"] == NOTICE
    assert found["title"] == "sample [read-only] — aidviewer"
    assert found["rows"] == 10
    disabled = sorted(name for name, enabled in found["enabled"].items() if not enabled)
    assert disabled == sorted(action.value for action in EDITING)
    assert all(found["enabled"][action.value] for action in READING)
    assert not found["cells_editable"] and not found["notes_editable"]
    ((pdf, pages),) = found["exported"]
    assert pdf == str(out / "report.pdf") and pages >= 1 and found["pdf_bytes"] > 0
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        assert "NASAMS" in text
    assert found["errors"] == []
    figures.add(f"{mode}: editing actions disabled", len(EDITING))
    figures.add(f"{mode}: report pages printed, bytes written to the file", f"{pages}, 0")


@pytest.mark.slow
@pytest.mark.skipif(not bad.can_mount_read_only(), reason=bad.READ_ONLY_REASON)
def test_a_wal_file_in_a_read_only_folder_is_refused_in_a_sentence(
    sample_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "wal"
    folder.mkdir()
    path = folder / "sample.aidb"
    shutil.copyfile(sample_path, path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    con.close()  # the last connection: -wal and -shm go, the header stays in WAL mode
    assert sorted(p.name for p in folder.iterdir()) == ["sample.aidb"]
    before = bad.sha256(path)
    script = (
        "from aidviewer.store import Catalogue, ReadOnlyError\n"
        "try:\n"
        f"    Catalogue.open({str(path)!r})\n"
        "except ReadOnlyError as error:\n"
        "    print(error.message)\n"
    )
    done = bad.run_in_read_only_folder(folder, sys.executable, "-c", script, env=child_env())
    assert done.returncode == 0, done.stderr
    message = done.stdout.strip()
    assert "read-only" in message and "copy it to a folder you can write" in message, message
    assert one_sentence(message) and "sample.aidb" in message
    line = bad.run_in_read_only_folder(
        folder, sys.executable, "-m", "aidviewer.cli", "check", str(path), env=child_env()
    )
    assert line.returncode == 1 and line.stderr.count("\n") == 1, line.stderr
    assert "copy it to a folder you can write" in line.stderr
    assert bad.sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["sample.aidb"]
