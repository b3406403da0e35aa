"""How the command line writes records and meetings: JSON, CSV and a plain-text table.

Money is exact all the way: amounts are `Decimal`s and JSON gets them as number literals
written from the decimal digits, never through a float.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO, TypeAlias

from .store import (
    ActionKind,
    AidRecord,
    Catalogue,
    Meeting,
    MeetingAction,
    MeetingSummary,
    Money,
    Organisation,
    Person,
    RecordSummary,
    Source,
    Stage,
    StageKind,
)

JsonValue: TypeAlias = "bool | int | str | Decimal | list[JsonValue] | dict[str, JsonValue] | None"
Cell: TypeAlias = "int | str | Decimal | None"


# -- names behind the ids --------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """The catalogue's vocabulary by id, to write names instead of ids."""

    organisations: dict[int, Organisation]
    categories: dict[int, str]
    sources: dict[int, Source]
    people: dict[int, Person]
    record_titles: dict[int, str]

    @classmethod
    def load(cls, catalogue: Catalogue, *, for_meetings: bool = False) -> Names:
        return cls(
            organisations={org.id: org for org in catalogue.organisations()},
            categories={cat.id: cat.name for cat in catalogue.categories()},
            sources={source.id: source for source in catalogue.sources()},
            people={person.id: person for person in catalogue.people()} if for_meetings else {},
            record_titles=(
                {row.id: row.title for row in catalogue.record_summaries()} if for_meetings else {}
            ),
        )

    # The lookups are read apart from the rows that refer to them, so a row saved by
    # someone else in between may name an id not loaded here: show the id, do not fail.
    def organisation(self, org_id: int | None) -> str | None:
        if org_id is None:
            return None
        org = self.organisations.get(org_id)
        return org.name if org else f"#{org_id}"

    def category(self, category_id: int | None) -> str | None:
        if category_id is None:
            return None
        return self.categories.get(category_id, f"#{category_id}")

    def person(self, person_id: int | None) -> str | None:
        if person_id is None:
            return None
        person = self.people.get(person_id)
        return person.name if person else f"#{person_id}"

    def source(self, source_id: int) -> dict[str, JsonValue]:
        source = self.sources.get(source_id)
        if source is None:
            return {"id": source_id, "title": f"#{source_id}"}
        return {
            "id": source.id,
            "title": source.title,
            "kind": source.kind.value,
            "publisher": source.publisher,
            "published": source.published.iso() or None,
            "url": source.url,
            "file_path": source.file_path,
        }


# -- rows as plain data ----------------------------------------------------------------------


def _money(money: Money | None) -> dict[str, JsonValue]:
    if money is None:
        return dict.fromkeys(("amount", "currency", "value_eur", "eur_rate", "rate_date"))
    return {
        "amount": money.amount,
        "currency": money.currency,
        "value_eur": money.value_eur,
        "eur_rate": money.eur_rate,
        "rate_date": money.rate_date.isoformat() if money.rate_date else None,
    }


def _stage(stage: Stage) -> dict[str, JsonValue]:
    return {
        "kind": stage.kind.value,
        "date": stage.date.iso() or None,
        "date_precision": stage.date.precision.value,
        "quantity": stage.quantity,
        **_money(stage.money),
        "note": stage.note,
    }


def record_data(record: AidRecord, names: Names) -> dict[str, JsonValue]:
    """Every field of a record, with names instead of ids."""
    return {
        "id": record.id,
        "version": record.version,
        "title": record.title,
        "description": record.description,
        "donor": names.organisation(record.donor_id),
        "recipient": names.organisation(record.recipient_id),
        "implementer": names.organisation(record.implementer_id),
        "aid_type": record.aid_type.value,
        "category": names.category(record.category_id),
        "item": record.item,
        "quantity": record.quantity,
        "unit": record.unit,
        "status": record.status.value if record.status else None,
        **_money(record.money),
        "announced_on": record.stage_date(StageKind.ANNOUNCED).iso() or None,
        "delivered_on": record.stage_date(StageKind.DELIVERED).iso() or None,
        "stages": [_stage(stage) for stage in record.stages],
        "sources": [names.source(source_id) for source_id in record.source_ids],
        "tags": list(record.tags),
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "updated_by": record.updated_by,
    }


def _action(action: MeetingAction, names: Names) -> dict[str, JsonValue]:
    return {
        "text": action.text,
        "owner": names.person(action.owner_id),
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "done": action.done,
    }


def meeting_data(meeting: Meeting, names: Names) -> dict[str, JsonValue]:
    """Every field of a meeting, with names instead of ids."""
    roles: list[JsonValue] = []
    for participant in meeting.participants:
        person = names.people.get(participant.person_id)
        org_id = person.organisation_id if person else None
        roles.append(
            {
                "name": names.person(participant.person_id),
                "role": participant.role,
                "title": person.role if person else "",
                "organisation": names.organisation(org_id),
            }
        )
    return {
        "id": meeting.id,
        "version": meeting.version,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at or None,
        "place": meeting.place,
        "participants": [names.person(p.person_id) for p in meeting.participants],
        "participant_roles": roles,
        "topics": list(meeting.topics),
        "minutes": meeting.minutes,
        "decisions": [_action(a, names) for a in meeting.actions if a.kind is ActionKind.DECISION],
        "follow_ups": [
            _action(a, names) for a in meeting.actions if a.kind is ActionKind.FOLLOW_UP
        ],
        "records": [
            {"id": rid, "title": names.record_titles.get(rid, f"#{rid}")}
            for rid in meeting.record_ids
        ],
        "sources": [names.source(source_id) for source_id in meeting.source_ids],
        "created_at": meeting.created_at,
        "updated_at": meeting.updated_at,
        "updated_by": meeting.updated_by,
    }


# -- JSON ------------------------------------------------------------------------------------


def decimal_text(value: Decimal) -> str:
    """A decimal in plain positional digits without trailing zeros: 500000000, 12.5."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def dumps(value: JsonValue, level: int = 0) -> str:
    """JSON text of `value`, indented by two spaces, with `Decimal`s as exact numbers."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value) if value.is_finite() else "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    inner = "  " * (level + 1)
    outer = "  " * level
    if isinstance(value, list):
        if not value:
            return "[]"
        items = ",\n".join(inner + dumps(item, level + 1) for item in value)
        return f"[\n{items}\n{outer}]"
    if not value:
        return "{}"
    members = ",\n".join(
        f"{inner}{json.dumps(key, ensure_ascii=False)}: {dumps(item, level + 1)}"
        for key, item in value.items()
    )
    return f"{{\n{members}\n{outer}}}"


def write_json(rows: Iterable[dict[str, JsonValue]], out: TextIO) -> None:
    """A JSON list, written one row at a time so that a big catalogue streams."""
    out.write("[")
    separator = "\n"
    for row in rows:
        out.write(separator + "  " + dumps(row, 1))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


# -- CSV -------------------------------------------------------------------------------------

RECORD_COLUMNS = (
    "id",
    "title",
    "description",
    "donor",
    "recipient",
    "implementer",
    "aid_type",
    "category",
    "item",
    "quantity",
    "unit",
    "status",
    "amount",
    "currency",
    "value_eur",
    "eur_rate",
    "rate_date",
    "announced_on",
    "delivered_on",
    "sources",
    "tags",
    "updated_at",
    "updated_by",
)

MEETING_COLUMNS = (
    "id",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "participants",
    "topics",
    "decisions",
    "follow_ups",
    "records",
    "sources",
    "minutes",
    "updated_at",
    "updated_by",
)

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_TRIGGERS) else text


def _list_item(value: JsonValue) -> str:
    if isinstance(value, dict):  # a source, a linked record or a meeting action
        inner = value.get("title", value.get("text"))
        return inner if isinstance(inner, str) else ""
    return "" if value is None else str(value)


def _cell(value: JsonValue) -> Cell:
    """A CSV cell: numbers stay numbers, text is defused, lists become "a; b"."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value).lower()
    if isinstance(value, Decimal):
        return decimal_text(value) if value.is_finite() else ""
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        return _text_cell("; ".join(_list_item(item) for item in value))
    if isinstance(value, dict):
        return _text_cell(_list_item(value))
    return _text_cell(value)


def write_csv(rows: Iterable[dict[str, JsonValue]], columns: Sequence[str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])


# -- the table for a terminal ----------------------------------------------------------------

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _clean(text: str) -> str:
    """Text safe for one terminal line: no line breaks, escapes or direction overrides."""
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if ch not in _BIDI_CONTROLS
    )


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(_char_width(ch) for ch in text)


def fit(text: str, width: int) -> str:
    """`text` on one line, cut to `width` terminal columns with an ellipsis."""
    text = _clean(text)
    if display_width(text) <= width:
        return text
    kept: list[str] = []
    used = 0
    for ch in text:
        if used + _char_width(ch) > width - 1:
            break
        kept.append(ch)
        used += _char_width(ch)
    return "".join(kept).rstrip() + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int]
) -> list[str]:
    widths = [
        max([display_width(header[col])] + [display_width(row[col]) for row in rows])
        for col in range(len(header))
    ]
    lines = []
    for row in (header, ["-" * width for width in widths], *rows):
        cells = [_pad(cell, widths[col], col in right) for col, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def euros(cents: int) -> str:
    return f"{Decimal(cents).scaleb(-2):,.2f}"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def record_table(rows: Sequence[RecordSummary]) -> list[str]:
    header = (
        "ID",
        "Title",
        "Donor",
        "Recipient",
        "Category",
        "Status",
        "Value EUR",
        "Announced",
        "Delivered",
    )
    cells = []
    total, unvalued = 0, 0
    for row in rows:
        cents = row.money.value_eur_cents if row.money else None
        if cents is None:
            unvalued += 1
        else:
            total += cents
        cells.append(
            (
                str(row.id),
                fit(row.title, 40),
                fit(row.donor, 20),
                fit(row.recipient, 20),
                fit(row.category, 20),
                row.status.value if row.status else "",
                "" if cents is None else euros(cents),
                row.announced_on.iso(),
                row.delivered_on.iso(),
            )
        )
    summary = f"{_plural(len(rows), 'record')} · EUR {euros(total)}"
    if unvalued:
        summary += f" ({unvalued:,} without a value in EUR)"
    return [*_table(header, cells, frozenset({0, 6})), "", summary]


def meeting_table(rows: Sequence[MeetingSummary]) -> list[str]:
    header = ("ID", "Starts", "Title", "Place", "Participants")
    cells = [
        (
            str(row.id),
            fit(row.starts_at, 16),
            fit(row.title, 40),
            fit(row.place, 24),
            fit(", ".join(row.participants), 40),
        )
        for row in rows
    ]
    return [*_table(header, cells, frozenset({0})), "", _plural(len(rows), "meeting")]


def use_stdout(fmt: str) -> TextIO:
    """stdout set up for `fmt`: data formats are UTF-8 whatever the locale; CSV keeps its
    CRLF line ends unchanged (the csv module asks for newline=""); a table for a
    terminal that cannot show a character shows a replacement instead of failing."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        try:
            if fmt == "table":
                out.reconfigure(errors="replace")
            elif fmt == "csv":
                out.reconfigure(encoding="utf-8", newline="")
            else:
                out.reconfigure(encoding="utf-8")
        except (OSError, ValueError):  # already written to in another encoding
            pass
    return out
