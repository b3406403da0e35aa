"""The search box and the filters above a table.

The bar holds the table's query. Each active filter is a chip ("Donor: Lithuania ✕")
that removes itself when clicked, so the person sees at a glance what narrows the table;
"Clear all" removes every filter and the search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from aidviewer.models.formatting import format_eur
from aidviewer.models.labels import aid_type_label, stage_label
from aidviewer.store import (
    AidType,
    Catalogue,
    CatalogueError,
    MeetingQuery,
    RecordQuery,
    StageKind,
)

from .filter_dialogs import ChoiceDialog, DateRangeDialog, ValueRangeDialog

SEARCH_DELAY_MS = 250  # answer while typing, but not on every keystroke

Query = RecordQuery | MeetingQuery


class SearchField(QLineEdit):
    """A search box that reports its text a moment after the person stops typing, and at
    once on Enter."""

    searchChanged = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(self.tr("Search"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._report)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._report)
        self._reported = ""

    def set_search(self, text: str) -> None:
        """Show `text` without reporting it (it came from the query itself)."""
        self._timer.stop()
        self._reported = text
        if self.text() != text:
            self.setText(text)

    def _report(self) -> None:
        self._timer.stop()
        if self.text() != self._reported:
            self._reported = self.text()
            self.searchChanged.emit(self.text())

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel) and self.text():
            self.clear()
            self._report()
            return
        super().keyPressEvent(event)


class Chip(QToolButton):
    """One active filter; clicking it removes the filter."""

    def __init__(self, text: str, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setText(f"{text}  ✕")
        self.setToolTip(self.tr("Remove this filter"))
        self.setAccessibleName(self.tr("Remove filter {text}").format(text=text))
        self.setAutoRaise(False)
        self.setStyleSheet(
            "QToolButton { border: 1px solid #9bb3d4; border-radius: 10px; padding: 1px 8px;"
            " background: #e8f0fb; color: #1c3a63; }"
            "QToolButton:hover { background: #d3e2f7; }"
        )


class FilterBar(QWidget):
    """Search box, "Filter" menu, chips and "Clear all" for one table's query."""

    queryChanged = Signal(object)

    # Which filters each kind of table offers, in menu order.
    RECORD_FILTERS = (
        "donor_ids", "recipient_ids", "aid_types", "category_ids", "statuses", "tags",
        "dates", "values",
    )  # fmt: skip
    MEETING_FILTERS = ("dates", "donor_ids", "category_ids", "statuses")

    def __init__(self, query: Query, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._query: Query = query
        self._catalogue: Catalogue | None = None
        self._records = isinstance(query, RecordQuery)
        self.search = SearchField(
            self.tr("Search titles, descriptions, notes and minutes")
            if self._records
            else self.tr("Search meeting titles, topics, minutes and notes"),
            self,
        )
        self.search.searchChanged.connect(self._search)
        self.add_button = QToolButton(self)
        self.add_button.setText(self.tr("Filter"))
        self.add_button.setAccessibleName(self.tr("Add a filter"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QMenu(self.add_button)
        self.add_button.setMenu(self.add_menu)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear all"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear_all)
        self.chips = QWidget(self)
        self.chips.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._chip_layout = QHBoxLayout(self.chips)
        self._chip_layout.setContentsMargins(0, 0, 0, 0)
        self._chip_layout.setSpacing(4)
        self._chip_layout.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.add_button)
        layout.addWidget(self.chips, 1)
        layout.addWidget(self.clear_button)
        self._build_menu()
        self._show()

    # -- state ------------------------------------------------------------------------------

    @property
    def query(self) -> Query:
        return self._query

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Where names for the chips and the choices come from."""
        self._catalogue = catalogue
        self._show()

    def set_query(self, query: Query) -> None:
        """Show `query` (from a saved view, say) without reporting it as a change."""
        self._query = query
        self.search.set_search(query.search)
        self._show()

    def _change(self, **changes: Any) -> None:
        self._query = replace(self._query, **changes)
        self._show()
        self.queryChanged.emit(self._query)

    def _search(self, text: str) -> None:
        self._change(search=text.strip())

    def clear_all(self) -> None:
        order: dict[str, Any] = {"sort": self._query.sort, "descending": self._query.descending}
        cleared = replace(type(self._query)(), **order)
        if cleared != self._query:
            self.search.set_search("")
            self._query = cleared
            self._show()
            self.queryChanged.emit(self._query)

    # -- the menu ---------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.add_menu
        entries: dict[str, tuple[str, Callable[[], None]]] = {
            "donor_ids": (self.tr("Donor…"), lambda: self._pick_organisations("donor_ids")),
            "recipient_ids": (
                self.tr("Recipient…"),
                lambda: self._pick_organisations("recipient_ids"),
            ),
            "category_ids": (self.tr("Category…"), self._pick_categories),
            "tags": (self.tr("Tag…"), self._pick_tags),
            "dates": (self.tr("Date range…"), self._pick_dates),
            "values": (self.tr("Value range…"), self._pick_values),
        }
        for name in self.RECORD_FILTERS if self._records else self.MEETING_FILTERS:
            if name == "aid_types":
                sub = menu.addMenu(self.tr("Aid type"))
                for aid_type in AidType:
                    self._toggle_action(sub, "aid_types", aid_type, aid_type_label(aid_type))
            elif name == "statuses":
                sub = menu.addMenu(self.tr("Stage"))
                for stage in StageKind:
                    self._toggle_action(sub, "statuses", stage, stage_label(stage))
            else:
                text, slot = entries[name]
                action = menu.addAction(text)
                action.setObjectName(f"filter_{name}")
                action.triggered.connect(slot)

    def _toggle_action(self, menu: QMenu, field: str, value: Any, text: str) -> None:
        action = QAction(text, menu)
        action.setObjectName(f"filter_{field}_{value}")
        action.setCheckable(True)
        menu.addAction(action)
        menu.aboutToShow.connect(lambda: action.setChecked(value in getattr(self._query, field)))

        def toggled(checked: bool) -> None:
            values = [v for v in getattr(self._query, field) if v != value]
            if checked:
                values.append(value)
            self._change(**{field: tuple(values)})

        action.triggered.connect(toggled)

    def _choices(
        self, read: Callable[[Catalogue], list[tuple[object, str]]]
    ) -> list[tuple[object, str]]:
        if self._catalogue is None:
            return []
        try:
            return read(self._catalogue)
        except CatalogueError:
            return []

    def _pick_organisations(self, field: str) -> None:
        choices = self._choices(lambda c: [(o.id, o.name) for o in c.organisations()])
        title = self.tr("Donors") if field == "donor_ids" else self.tr("Recipients")
        chosen = ChoiceDialog.ask(self, title, choices, set(getattr(self._query, field)))
        if chosen is not None:
            self._change(**{field: tuple(int(str(key)) for key in chosen)})

    def _pick_categories(self) -> None:
        choices = self._choices(lambda c: [(x.id, x.name) for x in c.categories()])
        chosen = ChoiceDialog.ask(
            self, self.tr("Categories"), choices, set(self._query.category_ids)
        )
        if chosen is not None:
            self._change(category_ids=tuple(int(str(key)) for key in chosen))

    def _pick_tags(self) -> None:
        assert isinstance(self._query, RecordQuery)
        choices = self._choices(lambda c: [(t.name, t.name) for t in c.tags()])
        chosen = ChoiceDialog.ask(self, self.tr("Tags"), choices, set(self._query.tags))
        if chosen is not None:
            self._change(tags=tuple(str(key) for key in chosen))

    def _pick_dates(self) -> None:
        answer = DateRangeDialog.ask(self, self._query.date_from, self._query.date_to)
        if answer is not None:
            self._change(date_from=answer[0], date_to=answer[1])

    def _pick_values(self) -> None:
        assert isinstance(self._query, RecordQuery)
        query = self._query
        answer = ValueRangeDialog.ask(self, query.value_min_cents, query.value_max_cents)
        if answer is not None:
            self._change(value_min_cents=answer[0], value_max_cents=answer[1])

    # -- chips ------------------------------------------------------------------------------

    def chip_texts(self) -> list[str]:
        return [text for text, _ in self._chip_specs()]

    def _chip_specs(self) -> list[tuple[str, dict[str, Any]]]:
        """(text, what removing it changes) for every active filter."""
        query = self._query
        # The search box shows the search; chips show the rest.
        specs: list[tuple[str, dict[str, Any]]] = []
        names = self._names()
        labels = {
            "donor_ids": self.tr("Donor"),
            "recipient_ids": self.tr("Recipient"),
            "category_ids": self.tr("Category"),
        }
        for field in ("donor_ids", "recipient_ids", "category_ids"):
            for key in getattr(query, field, ()):
                table = "category" if field == "category_ids" else "organisation"
                name = names.get((table, key), f"#{key}")
                rest = tuple(k for k in getattr(query, field) if k != key)
                specs.append((f"{labels[field]}: {name}", {field: rest}))
        for aid_type in getattr(query, "aid_types", ()):
            rest_types = tuple(t for t in query.aid_types if t != aid_type)  # type: ignore[union-attr]
            specs.append(
                (
                    self.tr("Type: {name}").format(name=aid_type_label(aid_type)),
                    {"aid_types": rest_types},
                )
            )
        for stage in query.statuses:
            rest_stages = tuple(s for s in query.statuses if s != stage)
            specs.append(
                (
                    self.tr("Stage: {name}").format(name=stage_label(stage)),
                    {"statuses": rest_stages},
                )
            )
        for tag in getattr(query, "tags", ()):
            rest_tags = tuple(t for t in query.tags if t != tag)  # type: ignore[union-attr]
            specs.append((self.tr("Tag: {name}").format(name=tag), {"tags": rest_tags}))
        if query.date_from or query.date_to:
            specs.append(
                (
                    _range_text(self.tr("Dates"), query.date_from, query.date_to),
                    {"date_from": None, "date_to": None},
                )
            )
        low = getattr(query, "value_min_cents", None)
        high = getattr(query, "value_max_cents", None)
        if low is not None or high is not None:
            locale = QLocale()
            specs.append(
                (
                    _range_text(
                        self.tr("Value"),
                        format_eur(low, locale) if low is not None else None,
                        format_eur(high, locale) if high is not None else None,
                    ),
                    {"value_min_cents": None, "value_max_cents": None},
                )
            )
        return specs

    def _names(self) -> dict[tuple[str, object], str]:
        if self._catalogue is None:
            return {}
        try:
            names: dict[tuple[str, object], str] = {
                ("organisation", o.id): o.name for o in self._catalogue.organisations()
            }
            names.update({("category", c.id): c.name for c in self._catalogue.categories()})
        except CatalogueError:
            return {}
        return names

    def _show(self) -> None:
        layout = self._chip_layout
        while layout.count() > 1:  # keep the trailing stretch
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        specs = self._chip_specs()
        for position, (text, removal) in enumerate(specs):
            chip = Chip(text, next(iter(removal)), self.chips)
            chip.clicked.connect(lambda _checked=False, r=removal: self._remove(r))
            layout.insertWidget(position, chip)
        self.clear_button.setVisible(bool(specs) or bool(self._query.search))

    def _remove(self, removal: dict[str, Any]) -> None:
        self._change(**removal)

    def active_fields(self) -> set[str]:
        """The query fields that narrow the table now."""
        default = type(self._query)()
        return {
            f.name
            for f in fields(self._query)
            if f.name not in ("sort", "descending")
            and getattr(self._query, f.name) != getattr(default, f.name)
        }


def _range_text(label: str, low: object, high: object) -> str:
    if low is not None and high is not None:
        return f"{label}: {low} – {high}"
    if low is not None:
        return f"{label}: ≥ {low}"
    return f"{label}: ≤ {high}"
