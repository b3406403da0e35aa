"""Meetings as an iCalendar file (RFC 5545) that calendar programs import.

One VEVENT a meeting. Its UID names the meeting and the catalogue, so that importing a
newer file again updates the events instead of adding them twice. DTSTAMP and
LAST-MODIFIED are the meeting's last change (a calendar without METHOD, as this one, is
published, not sent: DTSTAMP then means the last change). A meeting dated by day is an
all-day event; one with a time starts at that time, in floating local time when the
catalogue has no offset and in UTC when it has one. A meeting without an end lasts an
hour, or its day. The description holds the topics and the minutes, cut to
`DESCRIPTION_LIMIT` characters.

Participants are ATTENDEE lines with their name and no address: RFC 5545 wants a URI
there, and `invalid:nomail` is the placeholder Apple Calendar and Thunderbird write for
a participant without one; Google Calendar and Outlook import such a file and show the
names. No calendar sends an invitation to it.

Text is escaped as RFC 5545 says (backslash, semicolon, comma, line break), lines are
folded at 75 bytes without splitting a character, and lines end in CRLF.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from aidviewer.io.files import replacing_bytes
from aidviewer.store import Catalogue, CatalogueError, Meeting, plain

PRODID = "-//aidviewer//aidviewer//EN"
DESCRIPTION_LIMIT = 4000
LINE_OCTETS = 75
# Windows translates line ends in a file opened without it.
_BINARY = getattr(os, "O_BINARY", 0)

# Characters RFC 5545 allows in no value: the C0 controls but tab and line feed, and DEL.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    value = _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def quote_param(value: str) -> str:
    """A parameter value in double quotes; a quote, a caret and a line break written as
    RFC 6868 says (a parameter has no other escape)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("^", "^^")
    value = _CONTROLS.sub("", value.replace("\n", "^n").replace('"', "^'"))
    return f'"{value}"'


def fold(line: str) -> str:
    """The content line folded into physical lines of at most 75 bytes each: a
    continuation line begins with a space, and a character is never split."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [], 1  # the space that begins a continuation line
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def slug(name: str) -> str:
    """The catalogue's name as plain lowercase letters, digits and hyphens."""
    text = re.sub(r"[^a-z0-9]+", "-", plain(name).lower()).strip("-")
    return text or "catalogue"


def _moment(text: str) -> date | datetime:
    """An ISO 8601 date, or a date and time (the forms the store accepts)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return datetime.fromisoformat(text.strip())


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        return moment.strftime("%Y%m%dT%H%M%S")  # floating: the same clock time anywhere
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(meeting: Meeting) -> tuple[str, str]:
    """The DTSTART and DTEND lines of a meeting."""
    try:
        start = _moment(meeting.starts_at)
        end = _moment(meeting.ends_at) if meeting.ends_at.strip() else None
    except ValueError:
        raise CatalogueError(
            f"The meeting “{meeting.title}” has a start or end that is not a date: "
            f"“{meeting.starts_at}”, “{meeting.ends_at}”."
        ) from None
    if isinstance(start, datetime):
        if isinstance(end, datetime) and (end.tzinfo is None) != (start.tzinfo is None):
            # One with an offset and one without: read the end on the start's clock.
            end = end.replace(tzinfo=start.tzinfo)
        elif end is not None and not isinstance(end, datetime):
            end = datetime.combine(end + timedelta(days=1), time(0), tzinfo=start.tzinfo)
        if end is None or end <= start:
            end = start + timedelta(hours=1)
        return f"DTSTART:{_stamp(start)}", f"DTEND:{_stamp(end)}"
    # All day: DTEND is the day after the last (RFC 5545 ends are exclusive).
    last = end.date() if isinstance(end, datetime) else end
    after = (last or start) + timedelta(days=1)
    if after <= start:
        after = start + timedelta(days=1)
    return f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{after:%Y%m%d}"


def _changed(text: str) -> str:
    """A store timestamp ("2024-03-05T14:30:00.123Z") as an iCalendar UTC time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _stamp(moment)


def description(meeting: Meeting, limit: int = DESCRIPTION_LIMIT) -> str:
    """The topics, then the minutes, cut to `limit` characters."""
    parts = []
    if meeting.topics:
        parts.append("Topics:\n" + "\n".join(f"• {topic}" for topic in meeting.topics))
    if meeting.minutes.strip():
        parts.append(meeting.minutes.strip())
    text = "\n\n".join(parts)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def event_lines(meeting: Meeting, catalogue_slug: str, names: dict[int, str]) -> list[str]:
    """The content lines (unfolded) of one meeting's VEVENT."""
    start, end = _when(meeting)
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.id}.{catalogue_slug}@aidviewer",
        f"DTSTAMP:{_changed(meeting.updated_at)}",
        start,
        end,
        f"SUMMARY:{escape_text(meeting.title)}",
    ]
    if meeting.place.strip():
        lines.append(f"LOCATION:{escape_text(meeting.place)}")
    text = description(meeting)
    if text:
        lines.append(f"DESCRIPTION:{escape_text(text)}")
    for participant in meeting.participants:
        name = names.get(participant.person_id, f"Person {participant.person_id}")
        lines.append(f"ATTENDEE;CN={quote_param(name)}:invalid:nomail")
    if meeting.created_at:
        lines.append(f"CREATED:{_changed(meeting.created_at)}")
    if meeting.updated_at:
        lines.append(f"LAST-MODIFIED:{_changed(meeting.updated_at)}")
    lines.append(f"SEQUENCE:{max(meeting.version - 1, 0)}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(name: str, meetings: Iterable[Meeting], names: dict[int, str]) -> str:
    """The whole calendar, folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines.extend(event_lines(meeting, slug(name), names))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_ics(catalogue: Catalogue, path: Path, meeting_ids: Sequence[int]) -> int:
    """Write the meetings `meeting_ids` (in that order, each once) to `path` as an
    iCalendar file; return how many events it holds. The file is written under a
    temporary name and renamed over `path` when complete."""
    path = Path(path)
    with catalogue.reading():
        meetings = [catalogue.meeting(meeting_id) for meeting_id in dict.fromkeys(meeting_ids)]
        names = {person.id: person.name for person in catalogue.people()}
    data = calendar_text(catalogue.name, meetings, names).encode("utf-8")
    with replacing_bytes(path) as file:
        file.write(data)
    return len(meetings)
