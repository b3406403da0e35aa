"""T21 of RELIABILITY.md: a damaged catalogue, then its recovery.

Salvage copies what can be read of a damaged file into a new catalogue, which takes the
file's name; the damaged file is kept beside it as "<name>.aidb.corrupt-<time>", with its
journal, and never overwritten. A file left in the middle of a save (a journal or WAL
beside it) is checked in full on opening, every index against its table.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import bad_files
import pytest
from figures import Figures, scale

from aidviewer.store import (
    AidRecord,
    Catalogue,
    CatalogueError,
    DamagedError,
    LockedError,
    Money,
    Note,
    presence,
)
from aidviewer.store.salvage import corrupt_name, salvage

from .oracle import changed_tables, dump, sound

RECORDS = scale(1500, 5000)
NOW = datetime(2026, 11, 27, 9, 30, 12)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _beside(path: Path) -> list[str]:
    return sorted(entry.name for entry in path.parent.iterdir())


@pytest.fixture
def many(empty_path: Path) -> Path:
    """A catalogue of RECORDS records, each with a note, and with organisations linked."""
    with Catalogue.open(empty_path, user="setup") as catalogue:
        ids = catalogue.add_records(
            [
                AidRecord(title=f"Record {n}", quantity=n, money=Money.eur(100 * n))
                for n in range(1, RECORDS + 1)
            ]
        )
        for record_id in ids[:: max(1, RECORDS // 100)]:
            catalogue.add_note(Note(record_id=record_id, body=f"About record {record_id}"))
    return empty_path


def _page_of(path: Path, name: str, kind: str, which: int = 0) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        pages = [
            page
            for (page,) in con.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
                (name, kind),
            )
        ]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table, which finds the page to damage")
    finally:
        con.close()
    assert pages, f"{name} has no {kind} page"
    return pages[which % len(pages)]


def _overwrite(path: Path, page: int, data: bytes, at: int = 0) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (page_size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size + at)
        handle.write(data)


def _damage_index(path: Path) -> None:
    """The 8-byte header of an index's root page overwritten: reading still works."""
    bad_files.spoil_root_page(path, "aid_record_by_title", b"\x55" * 8)


def test_a_damaged_index_is_salvaged_with_every_row(many: Path, figures: Figures) -> None:
    before = dump(many)
    _damage_index(many)
    damaged = _sha(many)
    with pytest.raises(DamagedError):
        Catalogue.open(many)
    saved = salvage(many, now=NOW)
    assert saved.kept_as == many.with_name("empty.aidb.corrupt-20261127-093012")
    assert _sha(saved.kept_as) == damaged  # the damaged file, kept as it was
    assert _beside(many) == ["empty.aidb", "empty.aidb.corrupt-20261127-093012"]
    sound(many)
    after = dump(many)
    assert changed_tables(before, after) == []
    assert saved.whole and saved.kept("aid_record") == RECORDS
    with Catalogue.open(many) as catalogue:
        assert catalogue.check().sound
        assert [hit.id for hit in catalogue.search("Record 17", limit=1)] == [17]
    figures.add("records salvaged from a damaged index", f"{saved.kept('aid_record'):,}")


def test_a_damaged_record_page_costs_only_its_rows(many: Path, figures: Figures) -> None:
    before = dump(many)
    page = _page_of(many, "aid_record", "leaf", which=3)
    _overwrite(many, page, bytes(range(256)) * 16)
    with pytest.raises(DamagedError):
        Catalogue.open(many)
    saved = salvage(many, now=NOW)
    sound(many)
    after = dump(many)
    kept_records = {row[0]: row for row in after["aid_record"]}
    original = {row[0]: row for row in before["aid_record"]}
    lost = set(original) - set(kept_records)
    # The rows of one page are gone, every other record is there exactly as it was.
    assert 0 < len(lost) < 100
    assert all(original[id_] == row for id_, row in kept_records.items())
    assert set(kept_records) <= set(original)
    # What belonged to a lost record went with it, the rest stayed.
    notes_before = {row[0]: row for row in before["note"]}
    notes_after = {row[0]: row for row in after["note"]}
    gone_notes = {nid for nid, row in notes_before.items() if row[1] in lost}
    assert set(notes_after) == set(notes_before) - gone_notes
    assert saved.dropped >= len(gone_notes)
    # Counted by the file's tally where the damaged page stops a count.
    assert not saved.whole
    assert saved.missing("aid_record") == len(lost) and saved.kept("aid_record") == len(
        kept_records
    )
    assert saved.missing("note") == len(gone_notes)
    with Catalogue.open(many) as catalogue:
        report = catalogue.check()
        assert report.sound, report.problems
        assert report.counts["records"] == len(kept_records)
        survivor = min(kept_records)
        assert [hit.id for hit in catalogue.search(f"Record {survivor}", limit=1)] == [survivor]
    figures.add("records lost with one damaged page", f"{len(lost)} of {len(original):,}")
    figures.add("rows that went with them", saved.dropped)


def test_the_damaged_files_journal_is_kept_with_it_and_never_played_into_the_new_one(
    sample_path: Path,
) -> None:
    _damage_index(sample_path)
    journal = Path(f"{sample_path}-journal")
    journal.write_bytes(b"\x00" * 512)  # zeroed: SQLite would ignore and remove it
    shutil.copyfile(sample_path, sample_path.with_name("copy"))
    saved = salvage(sample_path, now=NOW)
    assert Path(f"{saved.kept_as}-journal").read_bytes() == b"\x00" * 512
    assert not journal.exists()
    sound(sample_path)


def test_a_kept_file_is_never_overwritten(sample_path: Path) -> None:
    taken = corrupt_name(sample_path, NOW)
    taken.write_bytes(b"an earlier damaged file")
    _damage_index(sample_path)
    saved = salvage(sample_path, now=NOW)
    assert saved.kept_as.name == f"{taken.name}-2"
    assert taken.read_bytes() == b"an earlier damaged file"


def test_salvage_is_refused_while_another_aidviewer_has_the_file_open(
    sample_path: Path, tmp_path: Path
) -> None:
    _damage_index(sample_path)
    before = _sha(sample_path)
    other = presence.Holder(user="Rasa", host="elsewhere", pid=1, since=None, file=tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(presence, "others", lambda path, tidy=True: [other])
        with pytest.raises(LockedError) as raised:
            salvage(sample_path, now=NOW)
    assert "Rasa on elsewhere" in raised.value.message
    assert _sha(sample_path) == before
    assert _beside(sample_path) == ["sample.aidb"]


def test_nothing_readable_means_nothing_changed(sample_path: Path) -> None:
    # The list of tables (page 1, after the file's header) overwritten: not a row can be
    # found.
    _overwrite(sample_path, 1, b"\xff" * 400, at=100)
    before = _sha(sample_path)
    with pytest.raises(DamagedError) as raised:
        salvage(sample_path, now=NOW)
    assert "Nothing of “sample.aidb” could be read" in raised.value.message
    assert _sha(sample_path) == before
    assert _beside(sample_path) == ["sample.aidb"]


def _cut_short(path: Path) -> None:
    """A save cut short: another process changes every record, writing some of its pages
    into the file, and is killed before its commit, leaving the rollback journal (with
    the pages as they were) beside the file."""
    script = textwrap.dedent(
        f"""
        import os, sqlite3
        con = sqlite3.connect({str(path)!r}, isolation_level=None)
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA cache_size = 1")  # changed pages go to the file before commit
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE aid_record SET title = title || ' (unsaved)'")
        con.execute(
            "CREATE TABLE bulk AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
            " SELECT i + 1 FROM n WHERE i < 500) SELECT randomblob(4000) AS b FROM n"
        )
        os.kill(os.getpid(), 9)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], check=False)
    assert done.returncode == -9
    assert Path(f"{path}-journal").stat().st_size > 0


def test_after_an_unclean_exit_the_file_is_checked_in_full(sample_path: Path) -> None:
    bad_files.swap_index_roots(sample_path)
    # After a clean exit the quick check is enough, and this damage passes it.
    with Catalogue.open(sample_path) as catalogue:
        assert not catalogue.unclean
        assert not catalogue.check().sound  # the full check, asked for, finds it
    # A save cut short: the full check runs on opening, and finds it.
    _cut_short(sample_path)
    with pytest.raises(DamagedError):
        Catalogue.open(sample_path)


def test_after_an_unclean_exit_a_sound_file_opens_as_it_was(sample_path: Path) -> None:
    before = dump(sample_path)
    _cut_short(sample_path)
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.unclean
    assert not Path(f"{sample_path}-journal").exists()
    assert changed_tables(before, dump(sample_path)) == []
    with Catalogue.open(sample_path) as catalogue:  # and next time, it is clean
        assert not catalogue.unclean


def test_random_damage_is_salvaged_or_refused_and_the_damaged_file_kept(
    many: Path, tmp_path: Path, figures: Figures
) -> None:
    """Random bytes over one to five random pages, many times: each damaged file either
    opens (the damage missed what the checks read), or is salvaged into a sound catalogue
    holding most of its records as they were, or is refused with nothing changed; the
    damaged file is always kept byte for byte. A damaged row that still reads as a row is
    copied as it reads: counted, not refused (SQLite cannot tell it from a real one; a
    record whose page was overwritten is lost, or kept with what its page now says)."""
    rng = random.Random(21)
    original = {row[0]: row for row in dump(many)["aid_record"]}
    page_size = 4096
    pages = many.stat().st_size // page_size
    outcomes = {"opened": 0, "salvaged": 0, "refused": 0}
    kept = altered = 0
    for trial in range(scale(8, 100)):
        path = tmp_path / f"trial-{trial}" / "damaged.aidb"
        path.parent.mkdir()
        shutil.copyfile(many, path)
        with path.open("r+b") as handle:
            for _ in range(rng.choice((1, 1, 2, 5))):
                handle.seek(rng.randrange(1, pages) * page_size)  # page 1 spared: T9's
                handle.write(rng.randbytes(rng.choice((16, 200, page_size))))
        damaged = _sha(path)
        try:
            Catalogue.open(path).close()
            outcomes["opened"] += 1
            continue
        except DamagedError:
            pass
        try:
            saved = salvage(path, now=NOW)
        except CatalogueError:
            outcomes["refused"] += 1
            assert _sha(path) == damaged and _beside(path) == ["damaged.aidb"]
            continue
        outcomes["salvaged"] += 1
        assert _sha(saved.kept_as) == damaged
        sound(path)
        rows = dump(path)["aid_record"]
        kept += sum(original.get(row[0]) == row for row in rows)
        altered += sum(original.get(row[0]) != row for row in rows)
        with Catalogue.open(path) as catalogue:
            assert catalogue.check().sound
    figures.add(
        "damaged files: opened / salvaged / refused", " / ".join(map(str, outcomes.values()))
    )
    figures.add("records kept as they were / read altered", f"{kept:,} / {altered:,}")
    # Most of what was there is kept as it was: a few pages of 1,500 or 5,000 records.
    assert kept > 0.9 * outcomes["salvaged"] * len(original) - altered
    assert outcomes["salvaged"] > 0
