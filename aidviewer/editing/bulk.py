"""One change made to many aid records at once: what it does to each, what it would
break, and a preview of every field it changes.

A `BulkChange` says only what to change; every field it leaves alone stays as each record
has it. The bulk edit dialog builds one, shows `preview()` and `bulk_problems()` while
the person chooses, and saves the records `changed_records()` returns. No Qt, so that a
script can make the same change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from aidviewer.store import AidRecord, AidType, FuzzyDate, Stage, StageKind

from .rules import Problem, record_problems

# The fields a bulk change can touch, in the order the dialog shows them.
BULK_FIELDS = ("aid_type", "category_id", "donor_id", "recipient_id", "implementer_id",
               "tags", "stages")  # fmt: skip

# The fields set with a flag, each beside the flag that says "set it": None then clears.
_FLAGGED = {
    "category_id": "set_category",
    "donor_id": "set_donor",
    "recipient_id": "set_recipient",
    "implementer_id": "set_implementer",
}


@dataclass(frozen=True, kw_only=True)
class BulkChange:
    """What to do to every record. A field is changed only when asked to be:

    - `aid_type`: the new aid type, or None to leave it alone (a record always has one);
    - `category_id`, `donor_id`, `recipient_id`, `implementer_id`: set when their flag
      (`set_category`, `set_donor`, …) is true, to the id given or, with None, to none;
    - `add_tags`, `remove_tags`: tags added where missing and removed where present,
      ignoring case;
    - `stage`: the stage reached, dated `stage_date`, added to each record that has no
      stage of that kind yet; a record that has one keeps its own.
    """

    aid_type: AidType | None = None
    set_category: bool = False
    category_id: int | None = None
    set_donor: bool = False
    donor_id: int | None = None
    set_recipient: bool = False
    recipient_id: int | None = None
    set_implementer: bool = False
    implementer_id: int | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    stage: StageKind | None = None
    stage_date: FuzzyDate = field(default_factory=FuzzyDate)

    def __post_init__(self) -> None:
        # A value without its flag would be silently ignored: a bug in the caller.
        for name, flag in _FLAGGED.items():
            if getattr(self, name) is not None and not getattr(self, flag):
                raise ValueError(f"{name} is given but {flag} is false")
        if any(not tag.strip() for tag in (*self.add_tags, *self.remove_tags)):
            raise ValueError("a tag cannot be blank")
        both = _folded(self.add_tags) & _folded(self.remove_tags)
        if both:
            raise ValueError(f"tags both added and removed: {sorted(both)}")

    def is_empty(self) -> bool:
        """Whether the change would change nothing in any record."""
        return (
            self.aid_type is None
            and not any(getattr(self, flag) for flag in _FLAGGED.values())
            and not self.add_tags
            and not self.remove_tags
            and self.stage is None
        )


@dataclass(frozen=True)
class BulkRow:
    """One field of one record that the change would change, with its values as they
    are and as they would be: raw (ids, tuples, enumerations), for the caller to show."""

    record_id: int
    title: str
    field: str
    old: object
    new: object


def tags_clash(add: Sequence[str], remove: Sequence[str]) -> list[str]:
    """The tags, as written in `add`, that `remove` names too (ignoring case)."""
    removed = _folded(remove)
    return [tag for tag in add if tag.strip().casefold() in removed]


def apply_bulk(record: AidRecord, change: BulkChange) -> AidRecord:
    """The record with the change made; the record itself where nothing changes."""
    after = dataclasses.replace(
        record,
        aid_type=record.aid_type if change.aid_type is None else change.aid_type,
        category_id=change.category_id if change.set_category else record.category_id,
        donor_id=change.donor_id if change.set_donor else record.donor_id,
        recipient_id=change.recipient_id if change.set_recipient else record.recipient_id,
        implementer_id=(change.implementer_id if change.set_implementer else record.implementer_id),
        tags=(
            _tags(record.tags, change.add_tags, change.remove_tags)
            if change.add_tags or change.remove_tags
            else record.tags
        ),
        stages=(
            record.stages
            if change.stage is None
            else _reach(record.stages, change.stage, change.stage_date)
        ),
    )
    return record if after == record else after


def changed_records(
    records: Sequence[AidRecord], change: BulkChange
) -> list[tuple[AidRecord, AidRecord]]:
    """(before, after) for each record that the change changes, in the order given."""
    pairs = [(record, apply_bulk(record, change)) for record in records]
    return [(before, after) for before, after in pairs if after != before]


def bulk_problems(records: Sequence[AidRecord], change: BulkChange) -> list[tuple[int, Problem]]:
    """(record id, problem) for each problem of a record as the change would leave it,
    such as a stage reached on a date before an earlier stage. Records the change leaves
    as they are are not its concern."""
    return [
        (after.id, problem)
        for _before, after in changed_records(records, change)
        for problem in record_problems(after)
    ]


def preview(before: Sequence[AidRecord], change: BulkChange) -> list[BulkRow]:
    """A row for each field of each record that the change would change, record by
    record in the order given, fields in the order of BULK_FIELDS."""
    return [
        BulkRow(old.id, old.title, name, getattr(old, name), getattr(new, name))
        for old, new in changed_records(before, change)
        for name in BULK_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]


def _folded(tags: Sequence[str]) -> set[str]:
    return {tag.strip().casefold() for tag in tags}


def _tags(tags: tuple[str, ...], add: Sequence[str], remove: Sequence[str]) -> tuple[str, ...]:
    """The tags with `remove` taken out and `add` put at the end where missing: ignoring
    case, each once, as first written, in their order."""
    removed = _folded(remove)
    kept: dict[str, str] = {}
    for tag in (*tags, *add):
        key = tag.strip().casefold()
        if key and key not in removed:
            kept.setdefault(key, tag.strip())
    return tuple(kept.values())


def _reach(stages: tuple[Stage, ...], kind: StageKind, when: FuzzyDate) -> tuple[Stage, ...]:
    """The stages with `kind` reached on `when`, placed in the order of progress: before
    the first stage that comes later. A stage already reached stays as it is."""
    if any(stage.kind is kind for stage in stages):
        return stages
    at = next((i for i, stage in enumerate(stages) if stage.kind.rank > kind.rank), len(stages))
    return (*stages[:at], Stage(kind=kind, date=when), *stages[at:])
