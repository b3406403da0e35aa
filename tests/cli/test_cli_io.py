"""aidviewer-cli import and export on the real public files: the figures the files
themselves give, no doubles on a second import, a dry run that writes nothing, and
exports that come back in."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from aidviewer.store import Catalogue, RecordQuery, StageKind

Run = Any


def _figures(out: str) -> tuple[int, int, int, int]:
    found = re.search(
        r"(?:Imported|Would import) (\d+) records, updated (\d+), unchanged (\d+); skipped (\d+)",
        out,
    )
    assert found, out
    imported, updated, unchanged, skipped = (int(n) for n in found.groups())
    return imported, updated, unchanged, skipped


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_fts_flows_become_328_records_183_paid_145_committed(
    run: Run, shared_data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "fts.aidb"
    src = shared_data / "ocha-fts" / "fts_incoming_funding_afg.csv"
    done = run("import", "fts", src, target, "--as", "Rasa")
    assert done.code == 0, done.err
    assert _figures(done.out)[0] == 328
    with Catalogue.open(target, read_only=True) as catalogue:
        records = [catalogue.record(i) for i in catalogue.record_ids(RecordQuery())]
    kinds = Counter(stage.kind for record in records for stage in record.stages)
    assert len(records) == 328
    assert kinds[StageKind.DELIVERED] == 183 and kinds[StageKind.COMMITTED] == 145
    # "Germany, Government of" is Germany, one organisation however often it gives.
    donors = _rows(target, "SELECT name, country FROM organisation WHERE kind = 'government'")
    assert ("Germany", "DE") in donors
    assert not any(name.endswith("Government of") for name, _ in donors)
    # A second import of the same file finds every flow it made: nothing doubles.
    again = run("import", "fts", src, target)
    assert _figures(again.out)[:3] == (0, 0, 328)
    assert _rows(target, "SELECT count(*) FROM aid_record") == [(328,)]


def test_the_iati_file_gives_139_records_and_a_dry_run_writes_nothing(
    run: Run, shared_data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "iati.aidb"
    assert run("new", target).code == 0
    before = target.read_bytes()
    src = shared_data / "ocha-iati-viz-ukraine" / "prefiltered.xml"
    dry = run("import", "iati", src, target, "--dry-run")
    assert dry.code == 0, dry.err
    assert _figures(dry.out)[0] == 139 and dry.out.startswith("Would import")
    assert target.read_bytes() == before
    done = run("import", "iati", src, target)
    assert _figures(done.out)[0] == 139
    assert _rows(target, "SELECT count(*) FROM aid_record") == [(139,)]
    refs = _rows(target, "SELECT count(*) FROM aid_record WHERE source_ref LIKE 'iati:%'")
    assert refs == [(139,)]


def test_the_kiel_tracker_gives_a_record_a_package_and_its_donor_totals(
    run: Run, shared_data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "kiel.aidb"
    src = shared_data / "kiel-ust" / "src_ukraine_support.csv"
    done = run("import", "kiel", src, target)
    assert done.code == 0, done.err
    rows = list(csv.DictReader(io.StringIO(src.read_bytes().decode("utf-16"))))
    donor_of = {row["ID"].strip(): row["Countries"].strip() for row in rows if row["ID"].strip()}
    assert _rows(target, "SELECT count(*) FROM aid_record") == [(len(donor_of),)]
    # Each donor's total is the sum of its package rows' EUR values (only the package
    # row carries the total: the item rows' values are not added again).
    expected: Counter[str] = Counter()
    for row in rows:
        value = row["Converted Value in EUR"].strip()
        package = row["Total_value_dummy (1 is first row in the package)"].strip() == "1"
        if package and re.fullmatch(r"-?\d+(\.\d+)?", value):  # "." is no value
            expected[row["Countries"].strip()] += round(Decimal(value) * 100)
    got: Counter[str] = Counter()
    for ref, cents in _rows(target, "SELECT source_ref, value_eur_cents FROM aid_record"):
        got[donor_of[ref.removeprefix("kiel:")]] += cents or 0
    assert len(expected) >= 40
    for donor, cents in expected.items():
        assert abs(got[donor] - cents) <= 5, donor  # each row's cents rounded


def test_a_csv_export_imports_back_without_a_mapping(
    run: Run, sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "records.csv"
    done = run("export", "csv", sample_path, out)
    assert done.code == 0, done.err
    copy = tmp_path / "copy.aidb"
    back = run("import", "csv", out, copy)
    assert back.code == 0, back.err
    with (
        Catalogue.open(sample_path, read_only=True) as a,
        Catalogue.open(copy, read_only=True) as b,
    ):
        first = sorted(
            (r.title, r.money.value_eur_cents if r.money else None)
            for r in (a.record(i) for i in a.record_ids(RecordQuery()))
        )
        second = sorted(
            (r.title, r.money.value_eur_cents if r.money else None)
            for r in (b.record(i) for i in b.record_ids(RecordQuery()))
        )
    assert first == second


def test_exports_of_each_format_are_written(run: Run, sample_path: Path, tmp_path: Path) -> None:
    for fmt, name, start in (
        ("xlsx", "records.xlsx", b"PK"),
        ("json", "catalogue.json", b"{"),
        ("iati", "activities.xml", b"<?xml"),
        ("ics", "meetings.ics", b"BEGIN:VCALENDAR"),
    ):
        out = tmp_path / name
        done = run("export", fmt, sample_path, out)
        assert done.code == 0, (fmt, done.err)
        assert out.read_bytes().startswith(start), fmt
    copy = tmp_path / "from-json.aidb"
    assert run("import", "json", tmp_path / "catalogue.json", copy).code == 0
    assert _rows(copy, "SELECT count(*) FROM aid_record") == _rows(
        sample_path, "SELECT count(*) FROM aid_record"
    )


def test_a_file_that_is_not_what_it_says_is_one_line(
    run: Run, tmp_path: Path, empty_path: Path
) -> None:
    bad = tmp_path / "laughs.xml"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    done = run("import", "iati", bad, empty_path)
    assert done.code == 1
    assert len(done.err.strip().splitlines()) == 1
    missing = run("import", "csv", tmp_path / "nowhere.csv", empty_path)
    assert missing.code == 1 and "does not exist" in missing.err


def test_a_refused_file_leaves_no_new_catalogue(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "laughs.xml"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    target = tmp_path / "new.aidb"
    done = run("import", "iati", bad, target)
    assert done.code == 1
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laughs.xml"]
