"""T22 and T23 of RELIABILITY.md: a CSV file with bad rows loses exactly those rows, each
reported at the line it starts on; a stray quote costs one row, not the rest of the file;
a file too large is refused before it is read."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from figures import Figures

from aidviewer.io.items import BadFileError, Item, Skipped
from aidviewer.io.table import (
    MAX_FIELD_CHARS,
    MAX_FIELD_LINES,
    MAX_FILE_BYTES,
    read_table,
    sniff_csv,
)

HEADER = b"Reference,Title,Donor,Amount,Currency,Announced,Description\r\n"
WIDTH = 7


@dataclass(frozen=True)
class Row:
    data: bytes
    kind: str  # "good", or the kind of fault
    ref: str


def _good(n: int, rng: random.Random) -> Row:
    title = f"Aid package {n} for Kyiv’s hospitals"  # non-ASCII: the file is UTF-8
    if n % 29 == 0:  # a quoted multi-line field: good
        description = f'"Line one of {n}\r\nline two, with a comma\r\nand ""quotes"""'
    else:
        description = "Plain text"
    amount = f'"{rng.randint(1, 9_999)},{rng.randint(0, 999):03d}.50"' if n % 3 else "1500"
    line = f"R-{n},{title},Germany,{amount},EUR,2022-03-{n % 28 + 1:02d},{description}\r\n"
    return Row(line.encode("utf-8"), "good", f"csv:R-{n}")


def _bad(n: int, kind: str) -> Row:
    cells = [f"R-{n}", f"Bad row {n}", "France", "100", "EUR", "2022", "text"]
    if kind == "columns":
        cells = [*cells, "extra"] if n % 2 else cells[:-2]
    elif kind == "date":
        cells[5] = "2022-13-45"
    elif kind == "number":
        cells[3] = "12x4"
    elif kind == "long":
        cells[6] = "x" * (MAX_FIELD_CHARS + 1)
    elif kind == "nul":
        cells[1] = "Bad\x00row"
    elif kind == "control":
        cells[2] = "Fr\x07ance" if n % 2 else "Fr\x1bance"
    elif kind == "utf8":
        cells[1] = "Caf\udce9"  # the byte 0xE9 alone, as Windows-1252 writes "é"
    elif kind == "quote":
        cells[1] = '"Unclosed title'
    return Row((",".join(cells) + "\r\n").encode("utf-8", "surrogateescape"), kind, "")


REASONS = {
    "columns": "columns where the header has 7",
    "date": "is not a date",
    "number": "is not an amount",
    "long": f"at most {MAX_FIELD_CHARS:,}",
    "nul": "NUL",
    "control": "control character",
    "utf8": "not valid UTF-8 (byte 0xE9)",
    "quote": "unbalanced quote",
}
# 1,000 bad rows: a handful of the large ones, one stray quote, the rest in equal parts.
BAD_KINDS = (
    ["columns"] * 200
    + ["date"] * 200
    + ["number"] * 200
    + ["long"] * 10
    + ["nul"] * 130
    + ["control"] * 130
    + ["utf8"] * 129
    + ["quote"]
)


def _t22_file(path: Path) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Write 10,000 rows, 1,000 of them bad, shuffled; the (line, ref) of each good row
    and the (line, kind) of each bad one."""
    rng = random.Random(22)
    kinds = ["good"] * 9_000 + BAD_KINDS
    rng.shuffle(kinds)
    # The stray quote sits just before a good multi-line row (row numbers divisible by
    # 29), whose quotes must not close it.
    kinds.remove("quote")
    at = next(p for p in range(5_000, 9_999) if (p + 2) % 29 == 0 and kinds[p] == "good")
    kinds.insert(at, "quote")
    assert kinds[at + 1] == "good"
    rows = [_good(n, rng) if kind == "good" else _bad(n, kind) for n, kind in enumerate(kinds, 1)]
    good: list[tuple[int, str]] = []
    bad: list[tuple[int, str]] = []
    line = 2
    with open(path, "wb") as handle:
        handle.write(HEADER)
        for row in rows:
            handle.write(row.data)
            (good if row.kind == "good" else bad).append(
                (line, row.ref if row.kind == "good" else row.kind)
            )
            line += row.data.count(b"\n")
    return good, bad


def test_bad_rows_are_reported_at_their_lines_and_the_good_ones_read(
    tmp_path: Path, figures: Figures
) -> None:
    path = tmp_path / "t22.csv"
    good, bad = _t22_file(path)
    assert len(good) == 9_000 and len(bad) == 1_000
    assert sniff_csv(path).encoding == "utf-8"

    events = list(read_table(path))
    items = [event for event in events if isinstance(event, Item)]
    skipped = [event for event in events if isinstance(event, Skipped)]
    at_their_line = [e for e, (line, _) in zip(skipped, bad, strict=False) if e.line == line]
    with_reason = [
        e for e, (_, kind) in zip(skipped, bad, strict=False) if REASONS[kind] in e.reason
    ]
    figures.add("rows / bad rows in the file", f"{len(good) + len(bad):,} / {len(bad):,}")
    figures.add("bad rows reported at their start line", f"{len(at_their_line):,}")
    figures.add("bad rows reported with their reason", f"{len(with_reason):,}")
    in_place = [i for i, row in zip(items, good, strict=False) if (i.line, i.ref) == row]
    figures.add("good rows read, at their line", f"{len(in_place):,}")

    assert len(events) == 10_000
    assert [(item.line, item.ref) for item in items] == good
    assert [event.line for event in skipped] == [line for line, _ in bad]
    for event, (_, kind) in zip(skipped, bad, strict=True):
        assert REASONS[kind] in event.reason, (kind, event)
    multi_line = [item for item in items if "\n" in item.description]
    assert len(multi_line) > 250
    assert multi_line[0].description.endswith('and "quotes"')


def _lines(*rows: str) -> str:
    return "".join(row + "\r\n" for row in rows)


def test_a_stray_quote_with_no_other_quote_after_it_costs_one_row(tmp_path: Path) -> None:
    path = tmp_path / "stray.csv"
    rows = [f"R{n},Row {n},5" for n in range(3, 200)]
    path.write_text(_lines("Ref,Title,Amount", 'R2,"Stray,5', *rows), encoding="utf-8")
    events = list(read_table(path))
    assert isinstance(events[0], Skipped) and events[0].line == 2
    assert f"within {MAX_FIELD_LINES} lines" in events[0].reason
    assert [(e.line, e.title) for e in events[1:] if isinstance(e, Item)] == [
        (n, f"Row {n}") for n in range(3, 200)
    ]


def test_a_stray_quote_closed_by_a_later_quote_costs_one_row(tmp_path: Path) -> None:
    path = tmp_path / "closed.csv"
    path.write_text(
        _lines(
            "Ref,Title,Amount",
            'R2,"Stray,5',
            "R3,Fine,6",
            'R4,Five " inch,7',  # a quote inside a field is a character
            'R5,Ends here",8',  # this closes the stray quote into a row of 4 columns
            "R6,Last,9",
        ),
        encoding="utf-8",
    )
    events = list(read_table(path))
    assert [(type(e).__name__, e.line) for e in events] == [
        ("Skipped", 2),
        ("Item", 3),
        ("Item", 4),
        ("Item", 5),
        ("Item", 6),
    ]
    assert "unbalanced quote" in events[0].reason  # type: ignore[union-attr]
    assert events[3].title == 'Ends here"'  # type: ignore[union-attr]


def test_a_quote_left_open_at_the_end_of_the_file_costs_one_row(tmp_path: Path) -> None:
    path = tmp_path / "end.csv"
    path.write_text(_lines("Ref,Title", "R2,Fine", 'R3,"Open', "R4,After"), encoding="utf-8")
    events = list(read_table(path))
    assert [(type(e).__name__, e.line) for e in events] == [
        ("Item", 2),
        ("Skipped", 3),
        ("Item", 4),
    ]


def test_a_badly_closed_quote_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(_lines("Ref,Title", 'R2,"Closed"too early', "R3,Fine"), encoding="utf-8")
    events = list(read_table(path))
    assert isinstance(events[0], Skipped) and events[0].line == 2
    assert "quotes are not well formed" in events[0].reason
    assert isinstance(events[1], Item) and events[1].line == 3


def test_a_quoted_field_may_hold_fifty_line_breaks_but_not_more(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    fifty = "\r\n".join(f"line {n}" for n in range(MAX_FIELD_LINES + 1))
    many = "\r\n".join(f"line {n}" for n in range(MAX_FIELD_LINES + 2))
    path.write_text(
        _lines("Title,Description", f'Fifty,"{fifty}"', f'Too many,"{many}"', "Next,row"),
        encoding="utf-8",
    )
    events = list(read_table(path))
    first, second, *rest = events
    assert isinstance(first, Item) and first.description == fifty
    assert isinstance(second, Skipped) and second.line == 2 + MAX_FIELD_LINES + 1
    # The lines after the stray row are read as rows: "line 1" … are one-column rows.
    assert isinstance(rest[-1], Item) and rest[-1].title == "Next"
    assert rest[-1].line == second.line + MAX_FIELD_LINES + 2


def test_a_line_too_long_to_hold_is_dropped_while_read(tmp_path: Path) -> None:
    path = tmp_path / "huge-line.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("Title,Notes\r\nBefore,x\r\n")
        handle.write("Huge," + "y" * (5 << 20) + "\r\n")
        handle.write("After,z\r\n")
    events = list(read_table(path))
    assert [(type(e).__name__, e.line) for e in events] == [
        ("Item", 2),
        ("Skipped", 3),
        ("Item", 4),
    ]
    assert "longer than" in events[1].reason  # type: ignore[union-attr]


def _bytes_read() -> int:
    """What this process has read from files so far (Linux's count of it)."""
    with open("/proc/self/io", encoding="ascii") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("rchar:"))


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="reads Linux's /proc")
@pytest.mark.parametrize("size", [MAX_FILE_BYTES + 1, 2 << 30], ids=["cap+1", "2GiB"])
def test_a_file_over_the_size_cap_is_refused_before_it_is_read(
    tmp_path: Path, size: int, figures: Figures
) -> None:
    path = tmp_path / "sparse.csv"
    with open(path, "wb") as handle:
        handle.write(b"Title\r\n")
        handle.truncate(size)  # sparse: no gigabyte is written
    before = _bytes_read()
    with pytest.raises(BadFileError, match="GiB"):
        next(read_table(path))
    with pytest.raises(BadFileError, match="GiB"):
        sniff_csv(path)
    read = _bytes_read() - before
    figures.add("file size (bytes)", f"{path.stat().st_size:,}")
    figures.add("bytes read before both refusals", f"{read:,}")
    # Reading the file would read its first megabyte at least (to guess its encoding).
    assert read < 64 * 1024
