"""Meetings as iCalendar: read back with a small unfolder and parser written here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aidviewer.io.ics import DESCRIPTION_LIMIT, fold, write_ics
from aidviewer.store import Catalogue, Meeting, Participant, Person

Property = tuple[str, dict[str, str], str]


def _physical_lines(data: bytes) -> list[bytes]:
    """The file's lines, each checked: CRLF ends only, at most 75 bytes, and each one
    UTF-8 on its own (a character split by a fold would not decode)."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")
    return lines


def _unfold(data: bytes) -> list[str]:
    _physical_lines(data)
    return data.decode("utf-8")[:-2].replace("\r\n ", "").split("\r\n")


def _split(line: str) -> Property:
    """NAME;PARAM=value;PARAM="quoted: value":VALUE, the value after the first colon
    outside quotes."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        raise AssertionError(f"no value in {line!r}")
    name, *params = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    return name, dict(param.split("=", 1) for param in params), value


def _events(data: bytes) -> list[list[Property]]:
    lines = [_split(line) for line in _unfold(data)]
    assert lines[0] == ("BEGIN", {}, "VCALENDAR") and lines[-1] == ("END", {}, "VCALENDAR")
    events: list[list[Property]] = []
    for prop in lines:
        if prop[0] == "BEGIN" and prop[2] == "VEVENT":
            events.append([])
        elif events and prop[0] != "END":
            events[-1].append(prop)
    return events


def _one(event: list[Property], name: str) -> Property:
    (found,) = [prop for prop in event if prop[0] == name]
    return found


def _text(value: str) -> str:
    """A TEXT value unescaped; it must hold no bare semicolon, comma or line break."""
    assert not re.search(r"[;,\n]", re.sub(r"\\.", "", value)), value
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _write(catalogue: Catalogue, tmp_path: Path, ids: list[int]) -> list[list[Property]]:
    path = tmp_path / "meetings.ics"
    assert write_ics(catalogue, path, ids) == len(set(ids))
    return _events(path.read_bytes())


def test_each_meeting_of_the_sample_is_one_event(sample_path: Path, tmp_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        meetings = sorted(catalogue.iter_meetings(), key=lambda m: m.id)
        names = {p.id: p.name for p in catalogue.people()}
        events = _write(catalogue, tmp_path, [m.id for m in meetings])
    assert len(events) == len(meetings) >= 2
    for meeting, event in zip(meetings, events, strict=True):
        assert _one(event, "UID")[2] == f"meeting-{meeting.id}.sample@aidviewer"
        assert _text(_one(event, "SUMMARY")[2]) == meeting.title
        # The sample's meetings are dated by day: all-day events of one day.
        assert meeting.starts_at == "2023-11-10" and not meeting.ends_at
        assert _one(event, "DTSTART")[1:] == ({"VALUE": "DATE"}, "20231110")
        assert _one(event, "DTEND")[1:] == ({"VALUE": "DATE"}, "20231111")
        attendees = [prop for prop in event if prop[0] == "ATTENDEE"]
        assert [(a[1]["CN"], a[2]) for a in attendees] == [
            (f'"{names[p.person_id]}"', "invalid:nomail") for p in meeting.participants
        ]
        assert re.fullmatch(r"\d{8}T\d{6}Z", _one(event, "DTSTAMP")[2])
        described = _text(_one(event, "DESCRIPTION")[2])
        assert all(topic in described for topic in meeting.topics)


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "start", "end"),
    [
        ("2024-03-05", "", ({"VALUE": "DATE"}, "20240305"), ({"VALUE": "DATE"}, "20240306")),
        (
            "2024-03-05",
            "2024-03-07",
            ({"VALUE": "DATE"}, "20240305"),
            ({"VALUE": "DATE"}, "20240308"),
        ),
        ("2024-03-05T14:30", "", ({}, "20240305T143000"), ({}, "20240305T153000")),
        ("2024-03-05T23:30", "2024-03-06T01:15", ({}, "20240305T233000"), ({}, "20240306T011500")),
        (
            "2024-03-05T14:30+01:00",
            "2024-03-05T16:00+01:00",
            ({}, "20240305T133000Z"),
            ({}, "20240305T150000Z"),
        ),
        ("2024-03-05T09:00Z", "", ({}, "20240305T090000Z"), ({}, "20240305T100000Z")),
        ("2024-03-05T09:00", "2024-03-06", ({}, "20240305T090000"), ({}, "20240307T000000")),
    ],
)
def test_all_day_and_timed_meetings(
    empty_path: Path,
    tmp_path: Path,
    starts_at: str,
    ends_at: str,
    start: tuple[dict[str, str], str],
    end: tuple[dict[str, str], str],
) -> None:
    with Catalogue.open(empty_path) as catalogue:
        meeting = catalogue.add_meeting(Meeting(title="M", starts_at=starts_at, ends_at=ends_at))
        (event,) = _write(catalogue, tmp_path, [meeting.id])
    assert _one(event, "DTSTART")[1:] == start
    assert _one(event, "DTEND")[1:] == end


def test_marks_line_breaks_and_emoji_are_escaped_and_folded_whole(
    empty_path: Path, tmp_path: Path
) -> None:
    title = "Talks; phase 2, day 1\nAnnex C:\\drafts 🇺🇦 " + "🚀" * 30 + " Łódź"
    with Catalogue.open(empty_path) as catalogue:
        person = catalogue.add_person(Person(name='Anna "Ani" Łęcka, MP: chair;^'))
        meeting = catalogue.add_meeting(
            Meeting(
                title=title,
                starts_at="2024-03-05T10:00",
                place="Kyiv; Room 4, floor 2",
                participants=(Participant(person_id=person.id),),
                topics=("Fuel, spare parts", "Winter; 🛢"),
                minutes="Line one\r\nline two\\",
            )
        )
        path = tmp_path / "meetings.ics"
        write_ics(catalogue, path, [meeting.id])
    data = path.read_bytes()
    physical = _physical_lines(data)
    assert any(line.startswith(b" ") for line in physical)  # the title was folded
    (event,) = _events(data)
    summary = _one(event, "SUMMARY")[2]
    assert "\\;" in summary and "\\," in summary and "\\n" in summary and "\\\\" in summary
    assert _text(summary) == title
    assert _text(_one(event, "LOCATION")[2]) == "Kyiv; Room 4, floor 2"
    assert _text(_one(event, "DESCRIPTION")[2]) == (
        "Topics:\n• Fuel, spare parts\n• Winter; 🛢\n\nLine one\nline two\\"
    )
    _, params, value = _one(event, "ATTENDEE")
    # RFC 6868: a quote in a parameter is ^', a caret ^^; the colon stays inside quotes.
    assert params["CN"] == "\"Anna ^'Ani^' Łęcka, MP: chair;^^\""
    assert value == "invalid:nomail"


def test_folding_counts_bytes_and_never_splits_a_character() -> None:
    assert fold("a" * 75) == "a" * 75
    assert fold("a" * 76) == "a" * 75 + "\r\n a"
    for char in ("é", "€", "🚀"):
        folded = fold("X" + char * 60)
        lines = [line.encode("utf-8") for line in folded.split("\r\n")]
        assert all(len(line) <= 75 for line in lines)
        assert all(line.startswith(b" ") for line in lines[1:])
        assert (
            "".join(line.decode("utf-8")[1:] for line in lines[1:]).count(char)
            + lines[0].decode("utf-8").count(char)
            == 60
        )
        # Each line is filled as far as a whole character allows.
        assert all(75 - len(line) < len(char.encode("utf-8")) for line in lines[:-1])


def test_a_long_description_is_cut(empty_path: Path, tmp_path: Path) -> None:
    minutes = "Minutes, word; " * 1000
    with Catalogue.open(empty_path) as catalogue:
        meeting = catalogue.add_meeting(Meeting(title="M", starts_at="2024-03-05", minutes=minutes))
        (event,) = _write(catalogue, tmp_path, [meeting.id])
    described = _text(_one(event, "DESCRIPTION")[2])
    assert DESCRIPTION_LIMIT - 10 < len(described) <= DESCRIPTION_LIMIT
    assert described.endswith("…") and minutes.startswith(described[:-1])


def test_the_file_is_replaced_whole_and_nothing_is_left_beside_it(
    sample_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "meetings.ics"
    path.write_text("an older calendar", encoding="utf-8")
    with Catalogue.open(sample_path) as catalogue:
        ids = [m.id for m in catalogue.iter_meetings()]
        assert write_ics(catalogue, path, [*ids, ids[0]]) == len(ids)  # each meeting once
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert len(_events(data)) == len(ids)
    assert {p.name for p in tmp_path.iterdir()} == {sample_path.name, "meetings.ics"}
