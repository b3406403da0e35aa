"""Items read from a file, written into the catalogue: lenient with the data, strict with
the catalogue.

Names become the catalogue's organisations (through their aliases and ISO codes) and
categories, amounts are valued in euros at the ECB rate of their date unless the source
gives the value in euros, and every record is written in one transaction: an import is
saved whole or not at all (a failure or Cancel leaves nothing behind). A record whose
source reference (`Item.ref`) the catalogue already holds is updated rather than made
again. What could not be read is listed with its line and reason; what was read with a
doubt, with its line and the doubt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from aidviewer import faults
from aidviewer.editing.rates import in_euros
from aidviewer.store import (
    AidRecord,
    AidType,
    Catalogue,
    CatalogueError,
    Category,
    Money,
    Note,
    Organisation,
    Source,
    Stage,
    minor_digits,
)

from .items import Event, ImportCancelledError, Item, Skipped, SourceIn, StageIn, Warned
from .organisations import OrganisationResolver

# New records added together.
PENDING = 500
# No aid amount comes near this (a thousand trillion in any currency): a figure above it
# is a mistake in the file, left out with a warning rather than stored.
LARGEST = Decimal(10) ** 15
# A record's text as the catalogue keeps it at most (a file's text may be longer).
TITLE_LIMIT = 500
DESCRIPTION_LIMIT = 100_000


@dataclass
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warned] = field(default_factory=list)
    organisations_made: list[str] = field(default_factory=list)
    categories_made: list[str] = field(default_factory=list)
    # The records made and the records updated with what they were before: what an
    # undo of the import takes back.
    made_ids: list[int] = field(default_factory=list)
    made_notes: list[int] = field(default_factory=list)  # the notes each came with
    before: list[AidRecord] = field(default_factory=list)
    after_versions: list[int] = field(default_factory=list)  # each updated record's, saved
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary in words, as the command line prints it and the window shows it."""
        head = "Would import" if self.dry_run else "Imported"
        out = [
            f"{head} {self.imported} records, updated {self.updated}, unchanged "
            f"{self.unchanged}; skipped {len(self.skipped)}; warnings {len(self.warnings)}."
        ]
        if self.organisations_made:
            out.append(
                f"New organisations ({len(self.organisations_made)}): "
                + ", ".join(self.organisations_made[:20])
                + (" …" if len(self.organisations_made) > 20 else "")
            )
        if self.categories_made:
            out.append(f"New categories: {', '.join(self.categories_made)}")
        for skip in self.skipped:
            out.append(f"skipped line {skip.line}: {skip.reason}")
        for warning in self.warnings:
            out.append(f"warning line {warning.line}: {warning.message}")
        return out


class _DryRunEndError(Exception):
    """Raised at the end of a dry run so that its transaction is rolled back."""


def import_items(
    catalogue: Catalogue,
    events: Iterable[Event],
    *,
    dry_run: bool = False,
    author: str = "",
    going_on: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Write the items of `events` into the catalogue in one transaction; a dry run
    does all of it and rolls it back, so that its summary is exactly what the import
    would do. `going_on()` is asked between items: False cancels (ImportCancelledError,
    nothing written). A reader's ImportCancelledError or BadFileError also leaves
    nothing behind."""
    summary = ImportSummary(dry_run=dry_run)
    try:
        with catalogue.batch("import"):
            writer = _Writer(catalogue, summary, author or catalogue.user)
            writer.run(events, going_on)
            writer.flush()
            if dry_run:
                raise _DryRunEndError
    except _DryRunEndError:
        summary.made_ids.clear()
        summary.made_notes.clear()
        summary.before.clear()
        summary.after_versions.clear()
    return summary


class _Writer:
    def __init__(self, catalogue: Catalogue, summary: ImportSummary, author: str) -> None:
        self.catalogue = catalogue
        self.summary = summary
        self.author = author
        self.organisations = OrganisationResolver(catalogue.organisations(), self._make_org)
        self.categories = {c.name.casefold(): c.id for c in catalogue.categories()}
        self.sources = {(s.url or s.title).casefold(): s.id for s in catalogue.sources()}
        self.existing = catalogue.record_ids_by_source()
        self.seen: dict[str, int] = {}  # reference -> line, within this file
        # New records wait here to go in together (far faster than one by one).
        self.pending: list[tuple[AidRecord, tuple[str, ...]]] = []

    def _make_org(self, org: Organisation) -> Organisation:
        made = self.catalogue.add_organisation(org)
        self.summary.organisations_made.append(made.name)
        return made

    def run(self, events: Iterable[Event], going_on: Callable[[], bool] | None) -> None:
        for event in events:
            if going_on is not None and not going_on():
                raise ImportCancelledError
            if isinstance(event, Skipped):
                self.summary.skipped.append(event)
            elif isinstance(event, Warned):
                self.summary.warnings.append(event)
            else:
                faults.point("import.row")
                self._item(event)

    def _item(self, item: Item) -> None:
        if item.ref and item.ref in self.seen:
            self.summary.skipped.append(
                Skipped(item.line, f"the same identifier as line {self.seen[item.ref]}")
            )
            return
        if not item.title.strip():
            self.summary.skipped.append(Skipped(item.line, "no title"))
            return
        if item.ref:
            self.seen[item.ref] = item.line
        warnings = [Warned(item.line, message) for message in item.warnings]
        record = self._record(item, warnings)
        self.summary.warnings.extend(warnings)
        known = self._known(item, record)
        if known is None:
            self.pending.append((record, item.notes))
            self.summary.imported += 1
            if len(self.pending) >= PENDING:
                self.flush()
            return
        old = self.catalogue.record(known)
        new = merged(old, record)
        if _same(old, new):
            self.summary.unchanged += 1
            return
        if new.title.casefold() != old.title.casefold():
            self.summary.warnings.append(Warned(
                item.line,
                f"updates “{old.title}” (the same identifier, {item.ref}), now titled"
                f" “{new.title}”",
            ))  # fmt: skip
        saved = self.catalogue.update_record(new)
        self.summary.updated += 1
        self.summary.before.append(old)
        self.summary.after_versions.append(saved.version)

    def _known(self, item: Item, record: AidRecord) -> int | None:
        """The record this item updates: the one with its source reference; or, for a
        row of this catalogue's own export ("aidviewer:12"), record 12 if it still has
        that title (in another catalogue, number 12 is another record)."""
        if not item.ref:
            return None
        if item.ref in self.existing:
            return self.existing[item.ref]
        number = item.ref.removeprefix("aidviewer:")
        if number != item.ref and number.isdigit():
            try:
                own = self.catalogue.record(int(number))
            except CatalogueError:
                return None
            if not own.source_ref and own.title.casefold() == record.title.casefold():
                return own.id
        return None

    def flush(self) -> None:
        """Add the records waiting to go in, and their notes."""
        if not self.pending:
            return
        ids = self.catalogue.add_records([record for record, _ in self.pending])
        for made_id, (record, notes) in zip(ids, self.pending, strict=True):
            self.summary.made_ids.append(made_id)
            self.summary.made_notes.append(len(notes))
            for body in notes:
                self.catalogue.add_note(Note(record_id=made_id, body=body, author=self.author))
            if record.source_ref:
                self.existing[record.source_ref] = made_id
        self.pending.clear()

    def _record(self, item: Item, warnings: list[Warned]) -> AidRecord:
        stages = tuple(self._stage(stage, item.line, warnings) for stage in item.stages)
        money = self._money(
            item.amount, item.currency, item.value_eur, _first_date(item.stages), item.line,
            warnings,
        )  # fmt: skip
        if money is None:
            counted = tuple(
                stage for stage, given in zip(stages, item.stages, strict=True) if given.counts
            )
            money = _total(counted) or _total(stages)
        tags = list(item.tags)
        if item.category_code:
            tags.append(f"DAC {item.category_code}")
        title = " ".join(item.title.split())
        if len(title) > TITLE_LIMIT:
            warnings.append(Warned(item.line, f"the title is cut to {TITLE_LIMIT} characters"))
            title = title[: TITLE_LIMIT - 1] + "…"
        return AidRecord(
            title=title,
            description=item.description[:DESCRIPTION_LIMIT],
            donor_id=self.organisations.resolve(item.donor),
            recipient_id=self.organisations.resolve(item.recipient),
            implementer_id=self.organisations.resolve(item.implementer),
            aid_type=item.aid_type or AidType.HUMANITARIAN,
            category_id=self._category(item),
            item=item.item,
            quantity=item.quantity if item.quantity is None or item.quantity >= 0 else None,
            unit=item.unit,
            money=money,
            stages=stages,
            source_ids=tuple(self._source(source) for source in item.sources),
            tags=tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip())),
            # A row of an aidviewer export is a copy of a record typed in: the copy
            # made in another catalogue keeps that reference, so that importing the
            # file again there updates it rather than doubling it.
            source_ref=item.ref,
        )

    def _category(self, item: Item) -> int | None:
        name = " ".join(item.category.split())
        if not name:
            return None
        key = name.casefold()
        if key not in self.categories:
            made = self.catalogue.add_category(Category(name=name, aid_type=item.aid_type))
            self.categories[key] = made.id
            self.summary.categories_made.append(made.name)
        return self.categories[key]

    def _source(self, source: SourceIn) -> int:
        key = (source.url or source.title).casefold()
        if key not in self.sources:
            made = self.catalogue.add_source(
                Source(
                    title=source.title[:TITLE_LIMIT] or source.url[:TITLE_LIMIT],
                    kind=source.kind,
                    publisher=source.publisher,
                    published=source.published,
                    url=source.url,
                )
            )
            self.sources[key] = made.id
        return self.sources[key]

    def _stage(self, stage: StageIn, line: int, warnings: list[Warned]) -> Stage:
        money = self._money(
            stage.amount, stage.currency, stage.value_eur, stage.date.value, line, warnings
        )
        quantity = stage.quantity if stage.quantity is None or stage.quantity >= 0 else None
        return Stage(kind=stage.kind, date=stage.date, quantity=quantity, money=money,
                     note=stage.note)  # fmt: skip

    def _money(
        self,
        amount: Decimal | None,
        currency: str,
        value_eur: Decimal | None,
        on: date | None,
        line: int,
        warnings: list[Warned],
    ) -> Money | None:
        if amount is None and value_eur is None:
            return None
        code = (currency or "").strip().upper()
        if amount is None or not code:
            if value_eur is None:
                warnings.append(Warned(line, "an amount without a currency is left out"))
                return None
            if not (value_eur.is_finite() and abs(value_eur) < LARGEST):
                warnings.append(Warned(line, f"{value_eur} is not a plausible amount: left out"))
                return None
            return Money.eur(_minor(value_eur, 2))
        if len(code) != 3 or not code.isalpha():
            warnings.append(Warned(line, f"“{currency}” is not a currency code: amount left out"))
            return None
        for figure in (amount, value_eur):
            if figure is not None and not (figure.is_finite() and abs(figure) < LARGEST):
                warnings.append(Warned(line, f"{figure} is not a plausible amount: left out"))
                return None
        try:
            minor = _minor(amount, minor_digits(code))
        except (InvalidOperation, OverflowError):
            warnings.append(Warned(line, f"“{amount}” is not an amount: left out"))
            return None
        if value_eur is not None:
            if code == "EUR":
                return Money.eur(minor)
            return Money(amount_minor=minor, currency=code, value_eur_cents=_minor(value_eur, 2))
        day = on
        money = in_euros(minor, code, day)
        if money.value_eur_cents is None and code != "EUR":
            why = "no date" if day is None else f"no ECB rate for {code} on {day.isoformat()}"
            warnings.append(Warned(line, f"{amount} {code} has no value in euros ({why})"))
        return money


def _minor(amount: Decimal, digits: int) -> int:
    return int(amount.scaleb(digits).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _first_date(stages: tuple[StageIn, ...]) -> date | None:
    for stage in stages:
        if stage.date.value is not None:
            return stage.date.value
    return None


def _total(stages: tuple[Stage, ...]) -> Money | None:
    """A record's value when its file gives only its stages': the sum of the furthest
    stage's amounts (money disbursed, else committed, else pledged: adding the stages
    together would count the same money twice), in their currency when they share one,
    else in euros."""
    priced = [stage for stage in stages if stage.money is not None]
    if not priced:
        return None
    furthest = max(stage.kind.rank for stage in priced if stage.kind.value != "cancelled")
    chosen = [s.money for s in priced if s.kind.rank == furthest and s.money is not None]
    currencies = {money.currency for money in chosen}
    euros = [money.value_eur_cents for money in chosen]
    eur_total = None if any(v is None for v in euros) else sum(v for v in euros if v is not None)
    if len(currencies) == 1:
        currency = currencies.pop()
        amount = sum(money.amount_minor for money in chosen)
        if currency == "EUR":
            return Money.eur(amount)
        return Money(amount_minor=amount, currency=currency, value_eur_cents=eur_total)
    if eur_total is None:
        return None
    return Money.eur(eur_total)


def merged(old: AidRecord, new: AidRecord) -> AidRecord:
    """`old` updated from a newer reading of its source, `new`: what the file gives
    replaces what the record had; what the file leaves empty keeps the record's value
    (a colleague's description, a tag added by hand); tags and sources are added to. A
    stage of the file takes the place of the record's stage of the same kind (the
    first with the first), keeping the money, quantity and note the file does not give;
    the record's other stages stay."""
    changes: dict[str, object] = {}
    for name in ("title", "description", "item", "unit"):
        if getattr(new, name):
            changes[name] = getattr(new, name)
    for name in ("donor_id", "recipient_id", "implementer_id", "category_id", "quantity",
                 "money"):  # fmt: skip
        if getattr(new, name) is not None:
            changes[name] = getattr(new, name)
    changes["aid_type"] = new.aid_type
    changes["tags"] = tuple(dict.fromkeys((*old.tags, *new.tags)))
    changes["source_ids"] = tuple(dict.fromkeys((*old.source_ids, *new.source_ids)))
    if new.source_ref and not old.source_ref:
        changes["source_ref"] = new.source_ref
    changes["stages"] = _merged_stages(old.stages, new.stages)
    return dataclasses.replace(old, **changes)  # type: ignore[arg-type]


def _merged_stages(old: tuple[Stage, ...], new: tuple[Stage, ...]) -> tuple[Stage, ...]:
    kept = list(old)
    taken: set[int] = set()
    extra: list[Stage] = []
    for stage in new:
        match = next(
            (i for i, mine in enumerate(kept) if mine.kind is stage.kind and i not in taken), None
        )
        if match is None:
            extra.append(stage)
            continue
        taken.add(match)
        mine = kept[match]
        kept[match] = dataclasses.replace(
            mine,
            date=stage.date if stage.date.value is not None else mine.date,
            money=stage.money if stage.money is not None else mine.money,
            quantity=stage.quantity if stage.quantity is not None else mine.quantity,
            note=stage.note or mine.note,
        )
    return (*kept, *extra)


def _same(old: AidRecord, new: AidRecord) -> bool:
    """Whether saving `new` over `old` would change nothing a person sees."""
    ignore = {"id", "version", "created_at", "updated_at", "updated_by"}
    plain_old = {f.name: getattr(old, f.name) for f in dataclasses.fields(old)}
    plain_new = {f.name: getattr(new, f.name) for f in dataclasses.fields(new)}
    for name in ignore:
        plain_old.pop(name)
        plain_new.pop(name)
    plain_old["stages"] = tuple(dataclasses.replace(s, id=0) for s in old.stages)
    plain_new["stages"] = tuple(dataclasses.replace(s, id=0) for s in new.stages)
    return plain_old == plain_new
