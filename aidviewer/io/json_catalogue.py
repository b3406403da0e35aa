"""The whole catalogue as one JSON document, and back into a new catalogue file.

`export_json` writes every row of every kind with every field, ids included, so that a
catalogue can be moved to another program or kept as text. `import_json` makes a new
catalogue file from such a document, with the same rows under the same ids.

The document is an object: `format`, `version`, `exported_at`, `catalogue` (its name),
then one array per kind of row, in the order a new catalogue is filled:
organisations, people, categories, tags, sources, records, meetings, notes and
saved_views. A row is an object with one key per field of its dataclass, found through
`dataclasses.fields`, so a field added to a dataclass is exported and imported without
a change here. Money is integer minor units with its currency, its value in euro cents,
its rate as a decimal string and the rate's date; a fuzzy date is
`{"date": "2023-11-01", "precision": "month"}`; decimals are strings.

Each row is written on a line of its own as it is read, and the file is read back in
pieces of a megabyte: neither side holds the document in memory. Meetings, categories,
tags and saved views are held while they are put back (see `_Filler`).

What a new catalogue keeps: every field of every row with its id, including stage and
meeting action ids; the version and creation time of organisations, people, sources,
records, meetings and notes. What it does not keep: the time and author of each row's
last change (the import is the last change: its time, the importing user), the version
and creation time of categories, tags and saved views (they start at version 1, created
by the import), and the history, which begins with the import.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import json
import os
import re
import types
import typing
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from aidviewer.store import (
    ActionKind,
    AidRecord,
    Catalogue,
    CatalogueError,
    Category,
    FuzzyDate,
    InvalidValueError,
    Meeting,
    MeetingAction,
    MeetingQuery,
    MeetingSnapshot,
    Note,
    Organisation,
    OrganisationSnapshot,
    Person,
    PersonSnapshot,
    Precision,
    RecordQuery,
    RecordSnapshot,
    SavedView,
    Source,
    Tag,
    ViewKind,
    query_from_json,
    query_to_json,
)

from .files import replacing
from .items import BadFileError, GoingOn, ImportCancelledError

FORMAT = "aidviewer-catalogue"
VERSION = 1
# Refused before reading: no catalogue people keep by hand comes near it.
MAX_BYTES = 2 * 1024**3
# How much of the file is read at a time, and the most one row may take.
CHUNK = 1024 * 1024
MAX_ROW_CHARS = 256 * 1024 * 1024
# The most placeholder rows an import may make to keep ids that have gaps between them.
MAX_FILLERS = 1_000_000

SECTIONS: dict[str, type[Any]] = {
    "organisations": Organisation,
    "people": Person,
    "categories": Category,
    "tags": Tag,
    "sources": Source,
    "records": AidRecord,
    "meetings": Meeting,
    "notes": Note,
    "saved_views": SavedView,
}
_ONE = {
    "organisations": "organisation",
    "people": "person",
    "categories": "category",
    "tags": "tag",
    "sources": "source",
    "records": "record",
    "meetings": "meeting",
    "notes": "note",
    "saved_views": "saved view",
}

T = TypeVar("T")
# Windows translates line ends in a file opened without it.
_BINARY = getattr(os, "O_BINARY", 0)


class ExportCancelledError(Exception):
    """The person cancelled the export: no file was written."""


# -- values as JSON ---------------------------------------------------------------------------


_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_json(value: Any) -> Any:
    """A row or field as a JSON-ready value (see the module docstring for the forms)."""
    kind: Any = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [to_json(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if kind is FuzzyDate:
        return {
            "date": None if value.value is None else value.value.isoformat(),
            "precision": value.precision.value,
        }
    if kind is RecordQuery or kind is MeetingQuery:
        return query_to_json(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_json(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    raise TypeError(f"no JSON form for {kind.__name__}")


class _BadValueError(Exception):
    """A value in the file that does not fit its field: what is wrong, and the path of
    field names to it."""

    def __init__(self, problem: str, path: tuple[str, ...] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def at(self, name: str) -> _BadValueError:
        return _BadValueError(self.problem, (name, *self.path))

    def said(self, where: str) -> str:
        if not self.path:
            return f"{where} {self.problem}"
        return f"{where}, “{'.'.join(self.path)}”, {self.problem}"


Decoder = Callable[[Any], Any]


def _checked(kind: type[Any], problem: str) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not kind:  # not isinstance: True is an int
            raise _BadValueError(problem)
        return value

    return decode


def _decimal(value: Any) -> Decimal:
    try:
        number = Decimal(value) if type(value) is str else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise _BadValueError("is not a decimal number written as text")
    return number


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _BadValueError("is not a date such as 2023-11-10") from None


def _fuzzy(value: Any) -> FuzzyDate:
    if type(value) is not dict:
        raise _BadValueError("is not a date with its precision")
    when = None if value.get("date") is None else _date(value["date"])
    try:
        return FuzzyDate(when, Precision(value.get("precision", "unknown")))
    except ValueError:
        raise _BadValueError("is not a date with its precision") from None


@cache
def _decoder(hint: Any) -> Decoder:
    """What reads a value from the file as a field of type `hint`, made once per type."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(hint)
        (inner,) = [arg for arg in args if arg is not type(None)]
        one, optional = _decoder(inner), len(args) > 1
        return lambda value: None if value is None and optional else one(value)
    if hint is Any:
        return lambda value: value
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])

        def sequence(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _BadValueError("is not a list")
            return tuple(item(entry) for entry in value)

        return sequence
    if origin is dict:
        return _checked(dict, "is not an object")
    simple: dict[Any, Decoder] = {
        bool: _checked(bool, "is not true or false"),
        int: _checked(int, "is not a whole number"),
        str: _checked(str, "is not text"),
        Decimal: _decimal,
        date: _date,
        FuzzyDate: _fuzzy,
    }
    if hint in simple:
        return simple[hint]
    if isinstance(hint, type) and issubclass(hint, Enum):
        enum = hint

        def member(value: Any) -> Any:
            try:
                return enum(value)
            except ValueError:
                raise _BadValueError(f"cannot be {value!r}") from None

        return member
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _row_decoder(hint)
    raise TypeError(f"cannot read a field of type {hint!r}")


def _row_decoder(cls: type[Any]) -> Decoder:
    """A dataclass from its JSON object. A field the object lacks takes its default (a
    file from an older version); keys this version does not know are ignored."""
    hints = typing.get_type_hints(cls)
    plan = [
        (
            f.name,
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            # A saved view's query is read as its kind says, below.
            None if cls is SavedView and f.name == "query" else _decoder(hints[f.name]),
        )
        for f in dataclasses.fields(cls)
    ]

    def row(data: Any) -> Any:
        if type(data) is not dict:
            raise _BadValueError("is not an object")
        values: dict[str, Any] = {}
        for name, required, decode in plan:
            if name not in data:
                if required:
                    raise _BadValueError(f"has no “{name}”")
            elif decode is not None:
                try:
                    values[name] = decode(data[name])
                except _BadValueError as error:
                    raise error.at(name) from None
        if cls is SavedView:
            try:
                values["query"] = query_from_json(values["kind"], data["query"])
            except InvalidValueError as error:
                raise _BadValueError(error.message.rstrip("."), ("query",)) from None
        try:
            return cls(**values)
        except (TypeError, ValueError) as error:
            raise _BadValueError(f"does not make a valid row ({error})") from None

    return row


# -- export -------------------------------------------------------------------------------------


class _Progress:
    """Calls `going_on(done, total)` on the first step and about every 64th after it; a
    False answer raises `cancelled`."""

    def __init__(self, going_on: GoingOn | None, total: int, cancelled: type[Exception]):
        self.going_on = going_on
        self.total = total
        self.cancelled = cancelled
        self.calls = 0

    def __call__(self, done: int, *, force: bool = False) -> None:
        self.calls += 1
        if self.going_on is None or (not force and self.calls % 64 != 1):
            return
        if not self.going_on(done, self.total):
            raise self.cancelled()


def _notes(catalogue: Catalogue, record_ids: list[int], meeting_ids: list[int]) -> Iterator[Note]:
    """Every note: those on each record, then those on each meeting, each group in id
    order. (The store lists notes per record or meeting only.)"""
    for record_id in record_ids:
        yield from sorted(catalogue.notes_for(record_id=record_id), key=lambda n: n.id)
    for meeting_id in meeting_ids:
        yield from sorted(catalogue.notes_for(meeting_id=meeting_id), key=lambda n: n.id)


def _by_id(rows: Iterable[T]) -> list[T]:
    return sorted(rows, key=lambda row: int(getattr(row, "id")))  # noqa: B009


def export_json(
    catalogue: Catalogue, path: Path, *, going_on: GoingOn | None = None
) -> dict[str, int]:
    """Write the whole catalogue to `path` as JSON; return how many rows of each kind.

    Read in one read transaction, so the file is one consistent state of the catalogue;
    colleagues' saves wait until the export ends, and fail as "locked" after the
    store's busy timeout (5 s). On the benchmark catalogue 20,000 records with as many notes
    take about 5 s.
    `going_on(rows written, rows in all)` is called as it goes; False cancels, raising
    `ExportCancelledError`, and leaves no file.
    """
    path = Path(path)
    counts = dict.fromkeys(SECTIONS, 0)
    record_ids: list[int] = []
    meeting_ids: list[int] = []
    with replacing(path) as handle, catalogue.reading():
        views = _by_id(catalogue.saved_views())
        tally = catalogue.counts()
        total = len(views) + sum(
            tally[name] for name in SECTIONS if name in tally and name != "saved_views"
        )
        progress = _Progress(going_on, total, ExportCancelledError)
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "catalogue": catalogue.name,
        }
        handle.write(
            "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in header.items())
        )

        def records() -> Iterator[AidRecord]:
            for record in catalogue.iter_records():
                record_ids.append(record.id)
                yield record

        def meetings() -> Iterator[Meeting]:
            for meeting in catalogue.iter_meetings():
                meeting_ids.append(meeting.id)
                yield meeting

        rows: dict[str, Callable[[], Iterable[Any]]] = {
            "organisations": lambda: _by_id(catalogue.organisations()),
            "people": lambda: _by_id(catalogue.people()),
            "categories": lambda: _by_id(catalogue.categories()),
            "tags": lambda: _by_id(catalogue.tags()),
            "sources": lambda: _by_id(catalogue.sources()),
            "records": records,
            "meetings": meetings,
            "notes": lambda: _notes(catalogue, record_ids, meeting_ids),
            "saved_views": lambda: views,
        }
        done = 0
        for name in SECTIONS:
            handle.write(f',\n"{name}": [')
            for row in rows[name]():
                handle.write(",\n" if counts[name] else "\n")
                handle.write(json.dumps(to_json(row), ensure_ascii=False))
                counts[name] += 1
                done += 1
                progress(done)
            handle.write("\n]" if counts[name] else "]")
        handle.write("\n}\n")
        progress(done, force=True)
    return counts


# -- reading the file ---------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")


class _JsonStream:
    """A JSON document read a value at a time: the top-level object's keys, the items of
    an array, or a whole value. Only the value being read is held in memory."""

    def __init__(self, handle: BinaryIO, bad: Callable[[str], BadFileError]) -> None:
        self._handle = handle
        self._bad = bad
        # A byte-order mark is tolerated: some editors add one.
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self._json = json.JSONDecoder()
        self._text = ""
        self._pos = 0
        self._eof = False
        self.bytes_read = 0

    def _more(self, at_least: int = 0) -> bool:
        """Read more of the file onto the text not yet used; False at the end."""
        if self._eof:
            return False
        raw = self._handle.read(max(CHUNK, at_least))
        self.bytes_read += len(raw)
        self._eof = not raw
        try:
            text = self._decoder.decode(raw, final=self._eof)
        except UnicodeDecodeError:
            raise self._bad("it is not text in UTF-8") from None
        self._text = self._text[self._pos :] + text
        self._pos = 0
        if len(self._text) > MAX_ROW_CHARS:
            raise self._bad("one of its entries is larger than 256 MB, or it is damaged")
        return True

    def peek(self) -> str:
        """The next character that is not white space, not consumed; "" at the end."""
        while True:
            match = _SPACE.match(self._text, self._pos)
            assert match is not None  # the pattern matches the empty string
            self._pos = match.end()
            if self._pos < len(self._text):
                return self._text[self._pos]
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise self._bad(f"“{char}” was expected where it has “{self.peek() or 'its end'}”")
        self._pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self._json.raw_decode(self._text, self._pos)
            except json.JSONDecodeError as error:
                # A value cut by the end of what was read fails near that end, or as a
                # string that does not end; anything else is a fault in the file.
                cut = error.pos >= len(self._text) - 8 or error.msg.startswith("Unterminated")
                if cut and self._more(len(self._text)):
                    continue
                raise self._bad(f"it is not valid JSON ({error.msg})") from None
            if end == len(self._text) and self._more():
                continue  # a number may go on in the next piece
            self._pos = end
            return value

    def members(self) -> Iterator[str]:
        """The keys of the top-level object; read each one's value before the next."""
        self.take("{")
        if self.peek() == "}":
            self._pos += 1
        else:
            while True:
                key = self.value()
                if not isinstance(key, str):
                    raise self._bad("it is not a JSON object")
                self.take(":")
                yield key
                if self.peek() == "}":
                    self._pos += 1
                    break
                self.take(",")
        if self.peek():
            raise self._bad("it has text after the end of the document")

    def items(self) -> Iterator[Any]:
        """The items of the array that comes next, one at a time."""
        self.take("[")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            if self.peek() == "]":
                self._pos += 1
                return
            self.take(",")


# -- import -------------------------------------------------------------------------------------


def import_json(
    path: Path, target: Path, *, user: str, going_on: GoingOn | None = None
) -> dict[str, int]:
    """Make a new catalogue at `target` holding what the JSON export `path` holds, under
    the same ids; return how many rows of each kind it holds.

    All of it is written in one transaction into a file that gets its name only when
    complete: a fault in the file (`BadFileError`, one sentence), a refusal or a cancel
    (`going_on(bytes read, bytes in all)` answering False raises `ImportCancelledError`)
    leaves no file at `target`. An existing catalogue is never overwritten.
    """
    path, target = Path(path), Path(target)
    if target.exists() and target.stat().st_size > 0:
        raise CatalogueError(f"“{target.name}” already exists: choose another name.", target)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BadFileError(f"“{path.name}” could not be read: {error.strerror or error}.") from None
    if size > MAX_BYTES:
        raise BadFileError(
            f"“{path.name}” is larger than {MAX_BYTES / 1024**3:g} GB: aidviewer does not "
            "import a catalogue export that large."
        )
    counts: dict[str, int] = {}

    def fill(draft: Catalogue) -> None:
        try:
            with open(path, "rb") as handle, draft.batch():
                _Filler(
                    draft, handle, path.name, _Progress(going_on, size, ImportCancelledError)
                ).run(counts)
        except OSError as error:  # reading the file; the store's own become CatalogueErrors
            raise BadFileError(
                f"“{path.name}” could not be read: {error.strerror or error}."
            ) from None

    Catalogue.create(target, user=user, fill=fill).close()
    return counts


def _filler_name() -> str:
    return f"(import placeholder {uuid.uuid4().hex})"


class _Filler:
    """Puts the rows of an export into a new, empty catalogue under their own ids.

    The store puts back organisations, people, sources, records (with their stages'
    ids), meetings and notes under a given id, as when a deletion is undone, at one
    version above the one given: each is given its version minus one. Categories, tags,
    saved views and meeting actions only get the next free id (SQLite's largest id plus
    one), so they are added in id order, and where the export has a gap (a row deleted
    there) placeholder rows fill it and are deleted once a row with a higher id is in.
    A meeting's actions are added run by run in id order, the later runs by saving the
    meeting again, so that its version is counted down by one for each further save.
    Placeholders leave their creation and deletion in the history, under ids no row has.
    """

    def __init__(self, draft: Catalogue, handle: BinaryIO, name: str, progress: _Progress):
        self.draft = draft
        self.name = name
        self.stream = _JsonStream(handle, self._bad)
        self.progress = progress
        self.fillers = 0

    def _bad(self, why: str) -> BadFileError:
        return BadFileError(f"“{self.name}” cannot be imported: {why}.")

    def _tick(self) -> None:
        self.progress(self.stream.bytes_read)

    # -- reading ------------------------------------------------------------------------

    def run(self, counts: dict[str, int]) -> None:
        order = list(SECTIONS)
        waiting: dict[str, list[Any]] = {}  # sections that came before one they need
        next_section = 0
        seen: set[str] = set()
        for key in self.stream.members():
            if key in seen:
                raise self._bad(f"it has “{key}” twice")
            seen.add(key)
            if key == "format":
                if self.stream.value() != FORMAT:
                    raise self._bad("it is not an aidviewer catalogue export")
            elif key == "version":
                version = self.stream.value()
                if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                    raise self._bad("its format version is not a number")
                if version > VERSION:
                    raise self._bad(
                        f"it was made by a newer version of aidviewer (format {version}): "
                        "update aidviewer to import it"
                    )
            elif key in SECTIONS:
                rows = self._rows(key)
                if order.index(key) == next_section and "format" in seen:
                    counts[key] = self._put(key, rows)
                    next_section += 1
                else:
                    waiting[key] = list(rows)
            elif "format" not in seen and key not in ("exported_at", "catalogue"):
                raise self._bad("it is not an aidviewer catalogue export")
            else:  # the rest of the header, or something a later version adds
                for _ in (
                    self.stream.items() if self.stream.peek() == "[" else [self.stream.value()]
                ):
                    pass
            while "format" in seen and next_section < len(order) and order[next_section] in waiting:
                name = order[next_section]
                counts[name] = self._put(name, waiting.pop(name))
                next_section += 1
        if "format" not in seen or "version" not in seen:
            raise self._bad("it is not an aidviewer catalogue export")
        for name in order:
            if name in waiting:
                counts[name] = self._put(name, waiting.pop(name))
            counts.setdefault(name, 0)
        self.progress(self.stream.bytes_read, force=True)

    def _rows(self, section: str) -> Iterator[Any]:
        cls: Any = SECTIONS[section]
        for index, data in enumerate(self.stream.items(), 1):
            where = f"entry {index} of “{section}”"
            try:
                row = _decoder(cls)(data)
            except _BadValueError as error:
                raise self._bad(error.said(where)) from None
            if row.id < 1:
                raise self._bad(f"{where} has no id above zero")
            self._tick()
            yield row

    # -- writing ------------------------------------------------------------------------

    def _put(self, section: str, rows: Iterable[Any]) -> int:
        draft = self.draft
        put: dict[str, Callable[[Any], Any]] = {
            "organisations": lambda o: draft.restore_organisation(
                OrganisationSnapshot(organisation=_before(o))
            ),
            "people": self._person,
            "sources": lambda s: draft.restore_source(_before(s)),
            "records": self._record,
            "notes": lambda n: draft.restore_note(_before(n)),
        }
        if section in put:
            count = 0
            for row in rows:
                with self._about(section, row):
                    put[section](row)
                count += 1
            return count
        ordered = _unique_ids(list(rows), section, self._bad)
        if section == "meetings":
            self._meetings(ordered)
        elif section == "categories":
            self._in_id_order(
                section,
                ordered,
                lambda c: draft.add_category(c).id,
                lambda: draft.add_category(Category(name=_filler_name())).id,
                lambda i: draft.delete_category(i, 1),
            )
        elif section == "tags":
            self._in_id_order(
                section,
                ordered,
                lambda t: draft.add_tag(t).id,
                lambda: draft.add_tag(Tag(name=_filler_name())).id,
                lambda i: draft.delete_tag(i, 1),
            )
        else:
            blank = SavedView(name="", kind=ViewKind.RECORDS, query=RecordQuery())
            self._in_id_order(
                section,
                ordered,
                lambda v: draft.add_saved_view(v).id,
                lambda: draft.add_saved_view(dataclasses.replace(blank, name=_filler_name())).id,
                lambda i: draft.delete_saved_view(i, 1),
            )
        return len(ordered)

    @contextlib.contextmanager
    def _about(self, section: str, row: Any) -> Iterator[None]:
        """A value the catalogue refuses, said with the row it is in."""
        try:
            yield
        except InvalidValueError as error:
            what = _ONE[section]
            raise self._bad(f"{what} {row.id}: {error.message.rstrip('.')}") from error

    def _person(self, person: Person) -> None:
        got = self.draft.restore_person(PersonSnapshot(person=_before(person)))
        if got.organisation_id != person.organisation_id:
            raise self._bad(f"person {person.id} belongs to an organisation it does not have")

    def _record(self, record: AidRecord) -> None:
        got = self.draft.restore_record(RecordSnapshot(record=_before(record)))
        if [s.id for s in got.stages] != [s.id for s in record.stages]:
            raise self._bad(f"record {record.id} has a stage id another stage has")

    def _filled(self, count: int) -> None:
        self.fillers += count
        if self.fillers > MAX_FILLERS:
            raise self._bad("its ids are too far apart to be kept")

    def _in_id_order(
        self,
        section: str,
        rows: list[Any],
        add: Callable[[Any], int],
        add_filler: Callable[[], int],
        remove: Callable[[int], None],
    ) -> None:
        top = 0  # the new file's largest id of this kind
        for row in rows:
            gap: list[int] = []
            self._filled(row.id - 1 - top)
            while top < row.id - 1:
                top = add_filler()
                gap.append(top)
            with self._about(section, row):
                top = add(row)
            if top != row.id:
                raise self._bad(f"{_ONE[section]} {row.id} could not keep its id")
            for filler in gap:
                remove(filler)
            self._tick()

    def _meetings(self, meetings: list[Meeting]) -> None:
        draft = self.draft
        wanted = {m.id: m for m in meetings}
        actions = sorted((a.id, m.id) for m in meetings for a in m.actions)
        if any(action_id < 1 for action_id, _ in actions):
            raise self._bad("a meeting action has no id above zero")
        if len({action_id for action_id, _ in actions}) != len(actions):
            raise self._bad("two meeting actions have the same id")
        # Runs: actions with consecutive ids in one meeting, written in one save.
        runs: list[tuple[int, list[int]]] = []
        for action_id, meeting_id in actions:
            if runs and runs[-1][0] == meeting_id and runs[-1][1][-1] == action_id - 1:
                runs[-1][1].append(action_id)
            else:
                runs.append((meeting_id, [action_id]))
        last_run = {meeting_id: index for index, (meeting_id, _) in enumerate(runs)}
        first_run: dict[int, int] = {}
        # The first save restores the meeting, each further run saves it again.
        saves = dict.fromkeys(wanted, 1)
        for index, (meeting_id, _) in enumerate(runs):
            if index != first_run.setdefault(meeting_id, index):
                saves[meeting_id] += 1
        # The last save puts the actions in their order when its new ones are in id
        # order there (new actions get ids in the order they are saved in); else one
        # more save reorders them, unless they differ in nothing but their ids.
        in_order: dict[int, bool] = {}
        reorder: set[int] = set()
        for meeting_id, index in last_run.items():
            meeting = wanted[meeting_id]
            new = set(runs[index][1])
            last = [a.id for a in meeting.actions if a.id in new]
            in_order[meeting_id] = last == sorted(last)
            by_id = sorted(meeting.actions, key=lambda a: a.id)
            if not in_order[meeting_id] and _plain(by_id) != _plain(meeting.actions):
                reorder.add(meeting_id)
                saves[meeting_id] += 1

        current: dict[int, Meeting] = {}

        def save(meeting: Meeting, chosen: tuple[MeetingAction, ...]) -> None:
            with self._about("meetings", meeting):
                if meeting.id in current:
                    version = current[meeting.id].version
                    got = draft.update_meeting(
                        dataclasses.replace(meeting, version=version, actions=chosen)
                    )
                else:
                    version = meeting.version - saves[meeting.id]
                    got = draft.restore_meeting(
                        MeetingSnapshot(
                            meeting=dataclasses.replace(meeting, version=version, actions=chosen)
                        )
                    )
            current[meeting.id] = got
            self._tick()

        for meeting in meetings:
            if not meeting.actions:
                save(meeting, ())
        top = 0  # the largest action id in the new file
        for index, (meeting_id, ids) in enumerate(runs):
            meeting = wanted[meeting_id]
            staging: Meeting | None = None
            if ids[0] - 1 > top:
                self._filled(ids[0] - 1 - top)
                filler = MeetingAction(kind=ActionKind.FOLLOW_UP, text="placeholder")
                # A meeting no export has (ids are above zero) holds the placeholders.
                staging = draft.restore_meeting(
                    MeetingSnapshot(
                        meeting=Meeting(
                            id=-1,
                            title="Import placeholder",
                            starts_at="2000-01-01",
                            actions=(filler,) * (ids[0] - 1 - top),
                        )
                    )
                )
            done = {a.id for a in current[meeting_id].actions} if meeting_id in current else set()
            if index == last_run[meeting_id] and in_order[meeting_id]:
                chosen = meeting.actions
            else:
                keep = done | set(ids)
                chosen = tuple(
                    a for a in sorted(meeting.actions, key=lambda a: a.id) if a.id in keep
                )
            save(meeting, chosen)
            if {a.id for a in current[meeting_id].actions} != done | set(ids):
                raise self._bad(f"meeting {meeting_id} could not keep the ids of its actions")
            top = ids[-1]
            if staging is not None:
                draft.delete_meeting(staging.id, staging.version)
        for meeting_id in sorted(reorder):
            save(wanted[meeting_id], wanted[meeting_id].actions)
        for meeting in meetings:
            got = current[meeting.id]
            if got.version != meeting.version:
                raise self._bad(f"meeting {meeting.id} could not keep its version")
            if (
                [p.person_id for p in got.participants]
                != [p.person_id for p in meeting.participants]
                or set(got.record_ids) != set(meeting.record_ids)
                or set(got.source_ids) != set(meeting.source_ids)
            ):
                raise self._bad(
                    f"meeting {meeting.id} refers to a person, record or source it does not have"
                )


def _before(row: T) -> T:
    """The row as the store's undo puts it back: it comes back one version above."""
    return dataclasses.replace(row, version=getattr(row, "version") - 1)  # type: ignore[type-var]  # noqa: B009


def _plain(actions: Iterable[MeetingAction]) -> list[MeetingAction]:
    return [dataclasses.replace(a, id=0) for a in actions]


def _unique_ids(rows: list[T], section: str, bad: Callable[[str], BadFileError]) -> list[T]:
    ordered = _by_id(rows)
    ids = [getattr(row, "id") for row in ordered]  # noqa: B009
    if len(set(ids)) != len(ids):
        raise bad(f"two entries of “{section}” have the same id")
    return ordered
