"""Files that are not a sound catalogue, and a read-only folder, shared by the store, the
window and the command-line tests (RELIABILITY.md, T9 and T10)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from aidviewer.store import SCHEMA_VERSION

# make(path, sample) writes a bad file at `path`, using a sound catalogue `sample`.
Maker = Callable[[Path, Path], None]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_file(path: Path, sample: Path) -> None:
    path.write_text("donor,recipient,value\nLithuania,Ukraine,500000000\n", encoding="utf-8")


def empty_file(path: Path, sample: Path) -> None:
    path.write_bytes(b"")


def header_only(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes()[:100])


def truncated(fraction: float) -> Maker:
    def make(path: Path, sample: Path) -> None:
        data = sample.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return make


def foreign_sqlite(path: Path, sample: Path) -> None:
    """A browser-history-like database: SQLite, but not ours."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
    con.execute("INSERT INTO moz_places (url, title) VALUES ('https://example.org', 'x')")
    con.commit()
    con.close()


def newer_version(path: Path, sample: Path) -> None:
    shutil.copyfile(sample, path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()


def damaged_index(path: Path, sample: Path) -> None:
    """Garbage over the header of an index's root page: reads still work, checks do not."""
    shutil.copyfile(sample, path)
    spoil_root_page(path, "history_entity", b"\x55" * 12)


def spoil_root_page(path: Path, name: str, data: bytes) -> None:
    """Write `data` over the start of the root page of the table or index `name` in the
    catalogue at `path`, as a bad disk might: over an index's, the file still reads but
    fails SQLite's checks; over a table's, that table cannot be read."""
    con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        (root,) = con.execute(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?", (name,)
        ).fetchone()
        (page_size,) = con.execute("PRAGMA page_size").fetchone()
    finally:
        con.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(data)


def swap_index_roots(path: Path) -> None:
    """Damage only SQLite's full check sees: two indexes of one whole-number column trade
    their pages. Each is still a sound b-tree, so quick_check passes and the catalogue
    opens, but neither matches its table any more, which integrity_check finds."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        roots = dict(
            con.execute(
                "SELECT name, rootpage FROM sqlite_schema"
                " WHERE name IN ('aid_record_donor', 'aid_record_recipient')"
            ).fetchall()
        )
        donor, recipient = roots["aid_record_donor"], roots["aid_record_recipient"]
        con.execute("PRAGMA writable_schema = ON")
        for name, root in (("aid_record_donor", recipient), ("aid_record_recipient", donor)):
            con.execute("UPDATE sqlite_schema SET rootpage = ? WHERE name = ?", (root, name))
    finally:
        con.close()


def can_mount_read_only() -> bool:
    """Whether `unshare -rm` can bind-mount a folder read-only here (file modes do not
    stop root, so this is how the tests make a folder nobody may write)."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


READ_ONLY_REASON = "needs `unshare -rm` to mount a read-only folder (file modes do not stop root)"


def run_in_read_only_folder(
    folder: Path, program: str, *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `program arguments…` in a mount namespace where `folder` is read-only."""
    mount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'{mount} && exec "$@"', "sh", program, *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
