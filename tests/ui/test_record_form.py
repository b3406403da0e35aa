"""The record form, driven as a person would: typed, checked while typing, saved, and
every save undone back to the file's exact rows."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from window_helpers import FakeNotifier, WindowFactory

from aidviewer.editing import ecb_rate, with_rate
from aidviewer.store import AidRecord, Catalogue, StageKind
from aidviewer.ui.actions import ActionId
from aidviewer.ui.conflict_dialog import ConflictDialog
from aidviewer.ui.main_window import MainWindow
from aidviewer.ui.record_form import RecordForm

# The offscreen platform says so when a dialog or a completer's list pops up.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)

NASAMS = 2


def _record_row(path: Path, record_id: int) -> tuple[object, ...] | None:
    """The record as the file holds it, but for what any save changes."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        record = con.execute(
            "SELECT id, title, description, donor_id, recipient_id, aid_type, category_id,"
            " item, quantity, unit, amount_minor, currency, value_eur_cents, status,"
            " created_at FROM aid_record WHERE id = ?",
            (record_id,),
        ).fetchone()
        stages = con.execute(
            "SELECT id, kind, date, date_precision, quantity, note FROM stage"
            " WHERE record_id = ? ORDER BY position",
            (record_id,),
        ).fetchall()
        return None if record is None else (*record, tuple(stages))
    finally:
        con.close()


def _window(make_window: WindowFactory, sample_path: Path) -> MainWindow:
    window = make_window()
    assert window.open_catalogue(sample_path)
    window.settings.set_staff_name("Rasa")
    return window


def _when_form_opens(
    qtbot: QtBot, fill: Callable[[RecordForm], None], save: bool = True
) -> list[str]:
    """Drive the form once it opens: `fill` types into it; then Save (or Cancel)."""
    seen: list[str] = []

    def drive() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, RecordForm)
        fill(form)
        form.ask_unsaved = lambda parent: "discard"  # Cancel means it, in these tests
        seen.append(form.problem.text())
        button = form.buttons.button(
            QDialogButtonBox.StandardButton.Ok if save else QDialogButtonBox.StandardButton.Cancel
        )
        assert button.isEnabled(), form.problem.text()
        button.click()

    QTimer.singleShot(0, drive)
    return seen


def test_a_new_record_is_typed_checked_and_saved(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    seen_value: list[str] = []

    def fill(form: RecordForm) -> None:
        ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no title yet
        assert form.problem.text() == "Cannot save yet: An aid record needs a title."
        qtbot.keyClicks(form.title, "Generators for Kharkiv")
        form.donor.setCurrentText("")
        qtbot.keyClicks(
            form.donor.lineEdit(), "Ministry of National Defence of the Republic of Lithuania"
        )
        qtbot.keyClicks(form.quantity, "1,500")
        qtbot.keyClicks(form.unit, "generators")
        form._add_stage()
        form.stages.item(0, 1).setText("2023-11-10")
        qtbot.keyClicks(form.amount, "1,000,000")
        form.currency.setCurrentText("USD")
        seen_value.append(form.euro_value.text())
        assert ok.isEnabled()

    _when_form_opens(qtbot, fill)
    window.action(ActionId.NEW_RECORD).trigger()

    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = catalogue.record(11)
        donor = catalogue.find_organisation(
            "Ministry of National Defence of the Republic of Lithuania"
        )
    rate, day = ecb_rate("USD", record.stages[0].date.value)  # type: ignore[arg-type,misc]
    assert (record.title, record.quantity, record.unit) == (
        "Generators for Kharkiv",
        1500,
        "generators",
    )
    assert donor is not None and record.donor_id == donor.id
    assert record.money is not None
    assert (record.money.amount_minor, record.money.currency, record.money.eur_rate) == (
        100_000_000,
        "USD",
        rate,
    )
    assert seen_value == [
        f"= €{Decimal(record.money.value_eur_cents) / 100:,.2f} at {rate} USD"
        f" to the euro (ECB, {day.isoformat()})"
    ]
    assert window.undo_action.text().replace("&", "") == "Undo New “Generators for Kharkiv”"
    window.undo_action.trigger()
    assert _record_row(sample_path, 11) is None
    window.redo_action.trigger()
    assert _record_row(sample_path, 11) is not None


@pytest.mark.parametrize(
    ("fill", "field", "message"),
    [
        (lambda f, q: q.keyClicks(f.quantity, "-3"), "quantity", "A quantity cannot be negative."),
        (
            lambda f, q: q.keyClicks(f.quantity, "many"),
            "quantity",
            "Write a whole number, such as 1,500.",
        ),
        (
            lambda f, q: f.donor.setCurrentText("Nobody"),
            "donor",
            "No organisation is named “Nobody”.",
        ),
        (
            lambda f, q: (q.keyClicks(f.amount, "12"), f.currency.setCurrentText("XYZ")),
            "amount",
            "“XYZ” is not an ISO 4217 currency code.",
        ),
        (
            lambda f, q: q.keyClicks(f.amount, "12.345"),
            "amount",
            "Write an amount such as 1,500.50, with 2 decimals at most.",
        ),
        (
            lambda f, q: (
                f._add_stage(),
                f.stages.item(f.stages.rowCount() - 1, 1).setText("2023-02-30"),
            ),
            "stages",
            "“2023-02-30” is not a date such as 2023-11-10, 2023-11 or 2023.",
        ),
        (
            lambda f, q: (
                f._add_stage(),
                f.stages.cellWidget(f.stages.rowCount() - 1, 0).setCurrentIndex(0),
                f.stages.item(f.stages.rowCount() - 1, 1).setText("2024-01-01"),
            ),
            "stages",
            "Delivered on 2023-11-10 is before announced on 2024-01-01.",
        ),
        (lambda f, q: f.title.clear(), "title", "An aid record needs a title."),
    ],
)
def test_each_problem_shows_beside_its_field_and_blocks_save(
    qtbot: QtBot, sample_path: Path, fill: Callable[..., object], field: str, message: str
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"  # closed at the end of the test
        form.show()
        ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled() and form.value() is not None
        fill(form, qtbot)
        label = form._problems[field]
        assert label.isVisible() and label.text() == message
        assert not ok.isEnabled() and form.value() is None
        assert form.problem.text() == f"Cannot save yet: {message}"


def test_an_edit_is_saved_and_undone_to_the_same_row(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    assert window.catalogue_view.records_page.select_id(NASAMS)
    before = _record_row(sample_path, NASAMS)

    def fill(form: RecordForm) -> None:
        form.title.setText("NASAMS launchers (two)")
        form.quantity.setText("2")

    _when_form_opens(qtbot, fill)
    window.action(ActionId.EDIT_RECORD).trigger()
    after = _record_row(sample_path, NASAMS)
    assert after is not None and after[1:2] == ("NASAMS launchers (two)",) and after[8] == 2
    window.undo_action.trigger()
    assert _record_row(sample_path, NASAMS) == before
    window.redo_action.trigger()
    assert _record_row(sample_path, NASAMS) == after


def _colleague_saves(window: MainWindow, title: str | None, quantity: int | None) -> None:
    """A second window on the same file saves the NASAMS record."""
    assert window.catalogue is not None
    before = window.catalogue.record(NASAMS)
    after = dataclasses.replace(
        before,
        title=title if title is not None else before.title,
        quantity=quantity if quantity is not None else before.quantity,
    )
    assert window.editor.edit_record(before, after) is not None


@pytest.mark.parametrize(
    ("button", "title", "quantity"),
    [
        ("save_chosen", "Mine", 7),  # my title; their quantity, which I left alone
        ("keep_mine", "Mine", None),
        ("take_theirs", "Theirs", 7),
    ],
)
def test_two_windows_editing_one_record_lose_nothing(
    make_window: WindowFactory,
    sample_path: Path,
    qtbot: QtBot,
    button: str,
    title: str,
    quantity: int | None,
) -> None:
    mine = _window(make_window, sample_path)
    theirs = make_window()
    assert theirs.open_catalogue(sample_path)
    theirs.settings.set_staff_name("Jonas")
    assert mine.catalogue_view.records_page.select_id(NASAMS)
    rows: list[list[str]] = []

    def fill(form: RecordForm) -> None:
        form.title.setText("Mine")
        _colleague_saves(theirs, "Theirs", 7)  # while the form is open

        def decide() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ConflictDialog)
            table = dialog.table
            rows.extend(
                [
                    table.item(row, 0).text(),
                    *(table.cellWidget(row, c).text() for c in (1, 2)),
                    "mine" if table.cellWidget(row, 1).isChecked() else "theirs",
                ]
                for row in range(table.rowCount())
            )
            getattr(dialog, button).click()

        QTimer.singleShot(0, decide)

    _when_form_opens(qtbot, fill)
    mine.action(ActionId.EDIT_RECORD).trigger()
    assert rows == [["Title", "Mine", "Theirs", "mine"], ["Quantity", "—", "7", "theirs"]]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        record = catalogue.record(NASAMS)
    assert (record.title, record.quantity) == (title, quantity)
    # The colleague's save, then this one on top of it; taking theirs leaves nothing to save.
    assert record.version == (2 if button == "take_theirs" else 3)
    assert mine.editor.stack.canUndo() == (button != "take_theirs")


def test_going_back_from_a_conflict_keeps_what_was_typed(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    mine = _window(make_window, sample_path)
    theirs = make_window()
    assert theirs.open_catalogue(sample_path)
    theirs.settings.set_staff_name("Jonas")
    assert mine.catalogue_view.records_page.select_id(NASAMS)
    titles: list[tuple[str, bool]] = []

    def fill(form: RecordForm) -> None:
        form.title.setText("Mine")
        _colleague_saves(theirs, "Theirs", None)

        def back() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ConflictDialog)
            dialog.reject()
            # The form opens again with what the person typed; they cancel it this time.
            _when_form_opens(
                qtbot,
                lambda again: titles.append((again.title.text(), again.changed())),
                save=False,
            )

        QTimer.singleShot(0, back)

    _when_form_opens(qtbot, fill)
    mine.action(ActionId.EDIT_RECORD).trigger()
    assert titles == [("Mine", True)]  # closing it again would ask before discarding
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        assert catalogue.record(NASAMS).title == "Theirs"


def test_a_duplicate_starts_from_a_copy(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    with Catalogue.open(sample_path) as catalogue:  # as if imported from a Kiel file
        catalogue.update_record(
            dataclasses.replace(catalogue.record(NASAMS), source_ref="kiel:LTM7")
        )
    window = _window(make_window, sample_path)
    assert window.catalogue_view.records_page.select_id(NASAMS)
    titles: list[str] = []
    _when_form_opens(qtbot, lambda form: titles.append(form.title.text()))
    window.action(ActionId.DUPLICATE_RECORD).trigger()
    assert titles == ["NASAMS launchers and equipment (copy)"]
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        copy, original = catalogue.record(11), catalogue.record(NASAMS)
    assert copy.title == titles[0] and copy.donor_id == original.donor_id
    assert (
        [s.kind for s in copy.stages] == [s.kind for s in original.stages] == [StageKind.DELIVERED]
    )
    assert {s.id for s in copy.stages}.isdisjoint({s.id for s in original.stages})
    assert (copy.source_ref, original.source_ref) == ("", "kiel:LTM7")  # the file made one


def test_cancel_changes_nothing(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    assert window.catalogue_view.records_page.select_id(NASAMS)
    before = _record_row(sample_path, NASAMS)
    _when_form_opens(qtbot, lambda form: form.title.setText("Not saved"), save=False)
    window.action(ActionId.EDIT_RECORD).trigger()
    assert _record_row(sample_path, NASAMS) == before
    assert not window.editor.stack.canUndo()


def test_records_are_not_offered_for_editing_read_only(
    make_window: WindowFactory, sample_path: Path
) -> None:
    window = make_window()
    assert window.open_catalogue(sample_path, read_only=True)
    for action_id in (ActionId.NEW_RECORD, ActionId.EDIT_RECORD, ActionId.DUPLICATE_RECORD,
                      ActionId.DELETE_RECORD):  # fmt: skip
        assert not window.action(action_id).isEnabled()
    assert AidRecord  # the type the form makes


@pytest.mark.parametrize(("answer", "open_after", "title"), [
    ("cancel", True, "NASAMS launchers and equipment"),
    ("discard", False, "NASAMS launchers and equipment"),
    ("save", False, "Typed, then closed"),
])  # fmt: skip
def test_closing_a_changed_form_asks_save_discard_or_cancel(
    qtbot: QtBot, sample_path: Path, answer: str, open_after: bool, title: str
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        asked: list[str] = []
        form.ask_unsaved = lambda parent: asked.append("asked") or answer  # type: ignore[func-returns-value]
        form.show()
        form.close()  # unchanged: closes without a question
        assert asked == [] and not form.isVisible()
        form.show()
        form.title.setText("Typed, then closed")
        qtbot.keyClick(form, Qt.Key.Key_Escape)
        assert asked == ["asked"]
        assert form.isVisible() == open_after
        saved = form.result() == QDialog.DialogCode.Accepted
        assert saved == (answer == "save")
        shown = form.value()
        assert shown is not None and (shown.title if saved else form.record.title) == title


def test_fields_that_need_no_checking_are_saved_too(qtbot: QtBot, sample_path: Path) -> None:
    """The description, aid type, category and sources reach the record as well as the
    fields that are checked as they are typed."""
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
        form.description.setPlainText("Rewritten description")
        form.aid_type.setCurrentIndex(2)  # financial
        form.category.setCurrentIndex(0)  # none
        form.sources.item(0).setCheckState(Qt.CheckState.Unchecked)
        record = form.value()
    assert record is not None
    assert record.description == "Rewritten description"
    assert (record.aid_type.value, record.category_id, record.source_ids) == ("financial", None, ())


@pytest.mark.parametrize(
    ("rate", "message"),
    [("nan", "A rate is a number of USD to the euro."),
     ("inf", "A rate is a number of USD to the euro."),
     ("0", "A rate is a number of USD to the euro.")],
)  # fmt: skip
def test_an_own_rate_must_be_a_real_positive_number(
    qtbot: QtBot, sample_path: Path, rate: str, message: str
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
        form.amount.setText("100")
        form.currency.setCurrentText("USD")
        form.own_rate.setChecked(True)
        form.rate.setText(rate)
        assert form._problems["rate"].text() == message
        assert form.value() is None


def test_a_quantity_beyond_what_the_file_holds_is_refused(qtbot: QtBot, sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
        form.quantity.setText("1" + "0" * 20)
        assert form._problems["quantity"].text() == "That quantity is too large to be real."
        assert form.value() is None


def _stage_cells(form: RecordForm, row: int, **texts: str) -> None:
    columns = {"date": 1, "quantity": 2, "amount": 3, "currency": 4, "note": 5}
    for name, text in texts.items():
        form.stages.item(row, columns[name]).setText(text)


def test_a_stage_has_its_own_amount_valued_at_its_own_date(qtbot: QtBot, sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
        form._add_stage()
        row = form.stages.rowCount() - 1
        form.stages.cellWidget(row, 0).setCurrentIndex(1)  # committed
        _stage_cells(form, row, date="2023-03-15", amount="2,500,000.50", currency="usd")
        record = form.value()
    assert record is not None
    money = record.stages[-1].money
    rate, day = ecb_rate("USD", date(2023, 3, 15))  # type: ignore[misc]
    assert money is not None
    assert (money.amount_minor, money.currency, money.eur_rate, money.rate_date) == (
        250_000_050,
        "USD",
        rate,
        day,
    )
    assert money.value_eur_cents == round(Decimal("2500000.50") / rate * 100)


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("12", "XYZ", "“XYZ” is not an ISO 4217 currency code."),
        ("lots", "EUR", "A stage's amount must be a number such as 1,500.50, with 2 decimals"
         " at most."),
        ("1.5", "JPY", "A stage's amount must be a number such as 1,500.50, with 0 decimals"
         " at most."),
    ],
)  # fmt: skip
def test_a_stage_amount_is_checked_as_it_is_typed(
    qtbot: QtBot, sample_path: Path, amount: str, currency: str, message: str
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
        form.show()
        _stage_cells(form, 0, amount=amount, currency=currency)
        assert form._problems["stages"].text() == message
        assert form.value() is None
        assert not form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_stage_amount_keeps_its_rate_until_its_date_or_amount_changes(
    qtbot: QtBot, sample_path: Path
) -> None:
    """A rate someone gave for a stage stays while they edit other things; moving the
    stage to another day values an ECB-rated amount again at that day's rate."""
    own = with_rate(1_000_00, "USD", Decimal("1.25"), None)
    with Catalogue.open(sample_path) as catalogue:
        record = catalogue.record(NASAMS)
        stage = dataclasses.replace(record.stages[0], money=own)
        saved = catalogue.update_record(dataclasses.replace(record, stages=(stage,)))
        form = RecordForm(None, catalogue, saved, "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
        _stage_cells(form, 0, date="2023-12-01", note="moved")
        kept = form.value()
        _stage_cells(form, 0, amount="1,000.01")
        revalued = form.value()
    assert kept is not None and kept.stages[0].money == own
    assert revalued is not None and revalued.stages[0].money is not None
    rate, _ = ecb_rate("USD", date(2023, 12, 1))  # type: ignore[misc]
    assert revalued.stages[0].money.eur_rate == rate != own.eur_rate


def test_tags_are_suggested_for_the_tag_being_typed(qtbot: QtBot, sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        names = {tag.name for tag in catalogue.tags()}
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
    completer = form.tags.completer()
    assert completer is not None
    assert {completer.model().index(i, 0).data() for i in range(completer.model().rowCount())} == (
        names
    )
    form.tags.setText("air defence, nas")
    assert completer.splitPath(form.tags.text()) == ["nas"]
    completer.setCompletionPrefix("nas")
    # Choosing the suggestion keeps the tags typed before it.
    assert completer.currentCompletion() == "air defence, NASAMS"


def test_a_record_deleted_while_edited_can_be_saved_as_new(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot, notifier: FakeNotifier
) -> None:
    window = _window(make_window, sample_path)
    assert window.catalogue_view.records_page.select_id(NASAMS)
    notifier.confirm_answers.append(True)

    def fill(form: RecordForm) -> None:
        form.title.setText("Mine")
        with Catalogue.open(sample_path) as other:  # a colleague deletes it meanwhile
            record = other.record(NASAMS)
            other.delete_record(record.id, record.version)

    _when_form_opens(qtbot, fill)
    window.action(ActionId.EDIT_RECORD).trigger()
    assert (
        notifier.questions and "deleted “NASAMS launchers and equipment”" in notifier.questions[-1]
    )
    with Catalogue.open(sample_path, read_only=True) as catalogue:
        titles = [summary.title for summary in catalogue.record_summaries()]
        mine = next(s for s in catalogue.record_summaries() if s.title == "Mine")
        record = catalogue.record(mine.id)
    assert "Mine" in titles and record.id != NASAMS
    assert [stage.kind for stage in record.stages] == [StageKind.DELIVERED]


def test_an_own_rate_is_read_in_the_users_locale(qtbot: QtBot, sample_path: Path) -> None:
    """1,450.25 won to the euro in en_US is 1450.25, not 1.45."""
    with Catalogue.open(sample_path) as catalogue:
        form = RecordForm(None, catalogue, catalogue.record(NASAMS), "Edit")
        qtbot.addWidget(form)
        form.ask_unsaved = lambda parent: "discard"
        form.amount.setText("1,450,250")
        form.currency.setCurrentText("KRW")
        form.own_rate.setChecked(True)
        form.rate.setText("1,450.25")
        record = form.value()
    assert record is not None and record.money is not None
    assert record.money.eur_rate == Decimal("1450.25")
    assert record.money.value_eur_cents == 100_000
    assert form.euro_value.text() == "= €1,000.00 at your rate of 1,450.25 KRW to the euro"


def test_forms_are_deleted_once_closed(
    make_window: WindowFactory, sample_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, sample_path)
    assert window.catalogue_view.records_page.select_id(NASAMS)
    for _ in range(2):
        _when_form_opens(qtbot, lambda form: form.title.setText("Renamed"), save=False)
        window.action(ActionId.EDIT_RECORD).trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert window.findChildren(RecordForm) == []
