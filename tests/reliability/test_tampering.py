"""T20 and T21: the file changed under the program by someone else.

T20: another process replaces the catalogue (a backup renamed over it, or copied over it
in place) or moves it away while it is open. The next save is refused with one sentence,
and nothing lands in the file now at the path, nor beside it (no journal that a crash
would play into the wrong file). A colleague's ordinary saves are no reason to refuse.

T21: an index page overwritten in a copy. The open-time quick_check finds it (plain
reads would not), the person is told in one sentence that names the latest backup, the
damaged file is left byte for byte as it was, and restoring that backup brings back a
sound catalogue with the damaged file kept aside.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import bad_files
import pytest
from figures import Figures
from pytestqt.qtbot import QtBot

from aidviewer.store import Catalogue, CatalogueError, DamagedError, RecordQuery
from aidviewer.store.backup import Backup, list_backups, make_backup, restore_backup

from .oracle import changed_tables, dump, sound
from .stand_ins import RecordingNotifier, build_window

REFUSED = "“sample.aidb” was replaced or moved by another program: reopen it. Nothing was saved."

# What another program does to the file, run in a process of its own.
REPLACERS = {
    # aidviewer's own restore as a release before presence files made it (today's refuses
    # while another aidviewer has the file open: test_presence.py).
    "restored by an older aidviewer": (
        "from aidviewer.store import backup as store_backup, presence\n"
        "presence.others = lambda path, **options: []\n"
        "store_backup.restore_backup(Path(live), Path(backup))\n"
    ),
    # A file manager or a script: a copy under another name, renamed over it.
    "copied and renamed over it": (
        "import os, shutil\n"
        "shutil.copyfile(backup, live + '.part')\n"
        "os.replace(live + '.part', live)\n"
    ),
    # `cp backup live`: the same file (inode), its bytes overwritten.
    "copied over it in place": "import shutil\nshutil.copyfile(backup, live)\n",
}


def _run(script: str, **names: Path) -> None:
    prelude = "from pathlib import Path\n" + "".join(
        f"{name} = {str(value)!r}\n" for name, value in names.items()
    )
    done = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(script)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _retitle(catalogue: Catalogue, title: str) -> None:
    record = catalogue.record(catalogue.record_ids(RecordQuery())[0])
    catalogue.update_record(dataclasses.replace(record, title=title))


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.is_file())


@pytest.mark.slow
@pytest.mark.parametrize("replace", REPLACERS)
def test_a_save_into_a_replaced_file_is_refused(
    sample_path: Path, replace: str, figures: Figures
) -> None:
    catalogue = Catalogue.open(sample_path, user="Rasa")
    backup = make_backup(sample_path).path
    _retitle(catalogue, "Saved after the backup")  # the backup is now behind the file
    _run(REPLACERS[replace], live=sample_path, backup=backup)
    replacement = dump(sample_path)
    assert replacement == dump(backup)

    started = time.perf_counter()
    with pytest.raises(CatalogueError) as refused:
        _retitle(catalogue, "Lost into the wrong file")
    figures.add("refusal (ms)", f"{(time.perf_counter() - started) * 1000:.1f}")
    assert refused.value.message == REFUSED
    with pytest.raises(CatalogueError, match="replaced or moved"):  # and every time after
        _retitle(catalogue, "Still not")
    catalogue.close()

    assert _beside(sample_path) == ["sample.aidb"]  # no journal beside it
    sound(sample_path)
    assert dump(sample_path) == replacement
    with Catalogue.open(sample_path) as reopened:  # reopening takes the file as it is now
        _retitle(reopened, "Saved after reopening")
    after = dump(sample_path)
    assert set(changed_tables(replacement, after)) <= {
        "aid_record", "history", "search_index", "search_index_content",
    }  # fmt: skip


@pytest.mark.slow
def test_a_save_into_a_moved_file_is_refused(sample_path: Path) -> None:
    catalogue = Catalogue.open(sample_path)
    moved = sample_path.with_name("moved.aidb")
    before = dump(sample_path)
    _run("import os\nos.rename(live, moved)\n", live=sample_path, moved=moved)
    with pytest.raises(CatalogueError) as refused:
        _retitle(catalogue, "Lost")
    assert refused.value.message == REFUSED
    catalogue.close()
    assert not sample_path.exists()  # nothing made at the old name: no journal either
    assert _beside(moved) == ["moved.aidb"]
    sound(moved)
    assert dump(moved) == before


@pytest.mark.slow
def test_a_colleagues_saves_are_no_replacement(sample_path: Path) -> None:
    """The negative control: another program saving into the same file is ordinary."""
    before = dump(sample_path)
    catalogue = Catalogue.open(sample_path, user="Rasa")
    first = catalogue.record_ids(RecordQuery())[0]
    _retitle(catalogue, "Rasa's first")
    _run(
        "from aidviewer.store import Catalogue, Note\n"
        "with Catalogue.open(live, user='Tomas') as tomas:\n"
        "    for n in range(3):\n"
        f"        tomas.add_note(Note(record_id={first}, body=f'note {{n}}', author='Tomas'))\n",
        live=sample_path,
    )
    _retitle(catalogue, "Rasa's second")
    catalogue.close()
    sound(sample_path)
    after = dump(sample_path)
    assert set(changed_tables(before, after)) <= {
        "aid_record", "note", "history", "search_index", "search_index_content",
    }  # fmt: skip
    added = [row for row in after["note"] if row not in before["note"]]
    assert sorted((row[1], row[3], row[4]) for row in added) == [
        (first, f"note {n}", "Tomas") for n in range(3)
    ]
    changed = [row for row in after["aid_record"] if row not in before["aid_record"]]
    assert [(row[0], row[1]) for row in changed] == [(first, "Rasa's second")]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_index_is_found_on_opening_and_the_file_kept(
    sample_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "copy" / "bad.aidb"
    bad.parent.mkdir()
    shutil.copyfile(sample_path, bad)
    bad_files.spoil_root_page(bad, "history_entity", b"\x55" * 8)
    con = sqlite3.connect(f"file:{bad}?mode=ro", uri=True)
    assert con.execute("SELECT count(*) FROM aid_record").fetchone() == (10,)  # reads work
    con.close()
    before = _sha(bad)
    with pytest.raises(DamagedError) as raised:
        Catalogue.open(bad)
    assert raised.value.message == "The catalogue “bad.aidb” is damaged: restore it from a backup."
    assert _sha(bad) == before
    assert _beside(bad) == ["bad.aidb"]


def test_the_damage_message_names_the_latest_backup_which_restores_it(
    sample_path: Path, tmp_path: Path, figures: Figures
) -> None:
    bad = tmp_path / "copy" / "bad.aidb"
    bad.parent.mkdir()
    shutil.copyfile(sample_path, bad)
    made = make_backup(bad)
    good = dump(bad)
    bad_files.spoil_root_page(bad, "history_entity", b"\x55" * 8)
    damaged = _sha(bad)
    with pytest.raises(DamagedError) as raised:
        Catalogue.open(bad)
    stamp = made.made.strftime("%Y-%m-%d %H:%M")
    assert raised.value.message == (
        f"The catalogue “bad.aidb” is damaged: restore it from a backup (the latest is from"
        f" {stamp})."
    )
    assert _sha(bad) == damaged

    started = time.perf_counter()
    (latest,) = list_backups(bad)
    kept = restore_backup(bad, latest.path)
    figures.add("restore of the sample (s)", f"{time.perf_counter() - started:.2f}")
    assert _sha(kept) == damaged  # the damaged file is kept aside, never overwritten
    with Catalogue.open(bad) as restored:
        assert restored.check().problems == ()
    sound(bad)
    assert dump(bad) == good


def test_the_window_tells_the_damage_in_one_sentence(
    qtbot: QtBot, sample_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "copy" / "bad.aidb"
    bad.parent.mkdir()
    shutil.copyfile(sample_path, bad)
    made = make_backup(bad)
    bad_files.spoil_root_page(bad, "history_entity", b"\x55" * 8)
    damaged = _sha(bad)
    notifier = RecordingNotifier()
    window = build_window(tmp_path / "s.ini", notifier)
    qtbot.addWidget(window)
    asked: list[tuple[str, str, list[Backup]]] = []
    window.backups.ask_damaged = lambda parent, name, problem, backups, kept: asked.append(
        (name, problem, backups)
    )  # type: ignore[assignment,func-returns-value]  # and Cancel
    assert window.open_catalogue(sample_path)
    assert not window.open_catalogue(bad)
    stamp = made.made.strftime("%Y-%m-%d %H:%M")
    # Asked whether to restore that backup or salvage the file; Cancel changes nothing.
    assert [(name, problem, [b.path for b in backups]) for name, problem, backups in asked] == [
        (
            "bad.aidb",
            f"The catalogue “bad.aidb” is damaged: restore it from a backup (the latest is"
            f" from {stamp}).",
            [made.path],
        )
    ]
    assert notifier.errors == []
    assert window.catalogue is not None and window.catalogue.path == sample_path
    assert _sha(bad) == damaged
    assert _beside(bad) == ["bad.aidb"]


def test_the_check_before_each_write_is_cheap(sample_path: Path, figures: Figures) -> None:
    """A stat of the path and a lookup of the history's largest key, inside the write lock."""
    rounds = 1000
    with Catalogue.open(sample_path) as catalogue, catalogue._write() as con:
        started = time.perf_counter()
        for _ in range(rounds):
            catalogue._still_the_same_file(con)
        each = (time.perf_counter() - started) / rounds
    figures.add("check before each write (µs)", f"{each * 1e6:.1f}")
    assert each < 0.001
