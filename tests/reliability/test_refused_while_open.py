"""T13 and T16 of RELIABILITY.md: what another aidviewer's presence changes.

A format update waits until every other aidviewer has closed the catalogue (an older one
would go on writing the old format into it), and a save that meets a lock for longer than
the busy timeout names who else has the file open, so the person knows whom to ask.
"""

from __future__ import annotations

import dataclasses
import hashlib
import socket
from pathlib import Path

import pytest

from aidviewer.store import SCHEMA_VERSION, Catalogue, LockedError, RecordQuery

from .concurrency import Holder
from .oracle import dump, sound
from .test_migrations import _file_at, _version
from .test_presence import _fake, share  # noqa: F401 (a fixture)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_update_waits_until_the_others_have_closed_the_catalogue(
    sample_path: Path,
    share: Path,  # noqa: F811
) -> None:
    old = _file_at(sample_path.with_name("old.aidb"), SCHEMA_VERSION - 1)
    before = _sha(old)
    rasa = _fake(old, "PC-12", 4242, {"user": "Rasa", "host": "PC-12.mod.lt", "pid": 4242})
    with pytest.raises(LockedError) as refused:
        Catalogue.open(old)
    assert refused.value.message == (
        "“old.aidb” must be updated to this version of aidviewer, but it is open in aidviewer"
        " by Rasa on PC-12.mod.lt: it can be updated once they have closed it. It was left"
        " as it was."
    )
    assert _sha(old) == before and _version(old) == SCHEMA_VERSION - 1
    assert not old.with_name("old backups").exists()  # not even its backup was made
    rasa.unlink()  # Rasa has closed it
    with Catalogue.open(old) as catalogue:
        assert catalogue.schema_version() == SCHEMA_VERSION
    sound(old)


def test_a_save_refused_by_a_lock_names_who_else_has_the_file_open(sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        first, other = catalogue.record_ids(RecordQuery())[:2]
    rasa = Holder(sample_path, record_id=other, user="Rasa")  # saving, for a long while
    try:
        before = dump(sample_path)
        with Catalogue.open(sample_path, user="Tomas", busy_timeout=0.3) as catalogue:
            record = catalogue.record(first)
            with pytest.raises(LockedError) as refused:
                catalogue.update_record(dataclasses.replace(record, title="Tomas's"))
        assert refused.value.message == (
            "“sample.aidb” is locked by another program (it is also open in aidviewer by"
            f" Rasa on {socket.gethostname()}): try again when it has finished."
        )
        assert dump(sample_path) == before
    finally:
        rasa.release()
    with Catalogue.open(sample_path) as catalogue:
        assert catalogue.record(other).description == "held by Rasa"
        assert catalogue.record(first).title != "Tomas's"
