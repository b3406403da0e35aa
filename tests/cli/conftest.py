"""Fixtures for the command line: a catalogue built here, so tests know every value in it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

from aidviewer.cli import main
from aidviewer.store import (
    ActionKind,
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    Meeting,
    MeetingAction,
    Money,
    Organisation,
    OrganisationKind,
    Participant,
    Person,
    Source,
    SourceKind,
    Stage,
    StageKind,
)

LONG_TITLE = "Demining coalition\nwith a title far too long for one table column"


class Result(NamedTuple):
    code: int
    out: str
    err: str

    def failed(self, code: int = 1) -> str:
        """Assert a failure with `code` and exactly one line on stderr; return that line."""
        assert self.code == code, self
        assert self.err.startswith("aidviewer-cli"), self.err
        assert self.err.endswith("\n") and self.err.count("\n") == 1, self.err
        assert "Traceback" not in self.err
        return self.err.rstrip("\n")


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the command line in this process: `run("check", path)`."""

    def _run(*argv: str | Path) -> Result:
        code = main([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return _run


@pytest.fixture
def script_path() -> Path:
    """The installed console script, beside this interpreter."""
    found = shutil.which("aidviewer-cli", path=str(Path(sys.executable).parent))
    assert found, f"aidviewer-cli is not installed beside {sys.executable}"
    return Path(found)


@pytest.fixture
def run_script(script_path: Path) -> Run:
    """Run the installed console script as a separate process."""

    def _run(*argv: str | Path) -> Result:
        done = subprocess.run(
            [str(script_path), *map(str, argv)], capture_output=True, timeout=60, check=False
        )
        return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))

    return _run


Fingerprint = tuple[str, tuple[str, ...]]


@pytest.fixture
def fingerprint() -> Callable[[Path], Fingerprint]:
    """A file's SHA-256 and the names in its folder: equal before and after means that
    nothing changed the file or left a journal, WAL or temporary file beside it."""

    def _fingerprint(path: Path) -> Fingerprint:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return digest, tuple(sorted(entry.name for entry in path.parent.iterdir()))

    return _fingerprint


@pytest.fixture
def built_path(tmp_path: Path) -> Path:
    """A catalogue with three records and two meetings whose every value is known.

    Records: 1 a USD record with stages, 2 with text that spreadsheets would run as
    formulas and a negative amount, 3 with no money, no names and a long two-line title.
    Meetings: 1 in Kyiv with participants, actions and links, 2 an earlier one.
    """
    path = tmp_path / "built.aidb"
    with Catalogue.create(path, user="tester") as cat:
        lithuania = cat.add_organisation(
            Organisation(name="Ministry of National Defence", kind=OrganisationKind.MINISTRY)
        )
        ukraine = cat.add_organisation(
            Organisation(name="Armed Forces of Ukraine", kind=OrganisationKind.ARMED_FORCES)
        )
        evil = cat.add_organisation(Organisation(name="@SUM(A1:A9)"))
        air = cat.add_category(Category(name="Air defence", aid_type=AidType.MILITARY))
        release = cat.add_source(
            Source(
                title="Lithuanian Aid to Ukraine Continues",
                kind=SourceKind.PRESS_RELEASE,
                publisher="KAM",
                published=FuzzyDate.parse("2023-11-10"),
                url="https://kam.lt/en/",
            )
        )
        usd = Money(
            amount_minor=1250,
            currency="USD",
            value_eur_cents=1100,
            eur_rate=Decimal("1.1364"),
            rate_date=date(2023, 11, 10),
        )
        nasams = cat.add_record(
            AidRecord(
                title="NASAMS launchers",
                description="Launchers for the NASAMS systems.",
                donor_id=lithuania.id,
                recipient_id=ukraine.id,
                implementer_id=lithuania.id,
                category_id=air.id,
                item="NASAMS launcher",
                quantity=2,
                unit="launchers",
                money=usd,
                stages=(
                    Stage(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2023-11")),
                    Stage(
                        kind=StageKind.DELIVERED,
                        date=FuzzyDate.parse("2024-01-15"),
                        quantity=2,
                        money=usd,
                        note="handed over",
                    ),
                ),
                source_ids=(release.id,),
                tags=("NASAMS", "air defence"),
            )
        )
        cat.add_record(
            AidRecord(
                title="=cmd()",
                description="+1",
                donor_id=evil.id,
                recipient_id=ukraine.id,
                item="-dash",
                money=Money.eur(-500),
                stages=(Stage(kind=StageKind.COMMITTED, date=FuzzyDate.parse("2023")),),
            )
        )
        cat.add_record(
            AidRecord(title=LONG_TITLE, aid_type=AidType.HUMANITARIAN, description="\tTAB")
        )
        minister = cat.add_person(
            Person(name="Arvydas Anušauskas", role="Minister", organisation_id=lithuania.id)
        )
        umerov = cat.add_person(Person(name="Rustem Umerov", role="Minister of Defence"))
        cat.add_meeting(
            Meeting(
                title="Talks in Kyiv",
                starts_at="2023-11-10T10:00",
                ends_at="2023-11-10T12:00",
                place="Kyiv",
                participants=(
                    Participant(person_id=minister.id, role="host"),
                    Participant(person_id=umerov.id, role="guest"),
                ),
                topics=("Air defence", "-minus topic"),
                minutes="Met and talked.",
                actions=(
                    MeetingAction(
                        kind=ActionKind.DECISION,
                        text="Send more launchers",
                        owner_id=minister.id,
                        due_on=date(2023, 12, 1),
                    ),
                    MeetingAction(kind=ActionKind.FOLLOW_UP, text="Report back", done=True),
                ),
                record_ids=(nasams.id,),
                source_ids=(release.id,),
            )
        )
        cat.add_meeting(Meeting(title="@Budget review", starts_at="2023-10-01"))
    return path
