"""The conflict dialog on its own: every difference a form can make shows as a
difference, and user text is shown as text."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from aidviewer.editing import with_rate
from aidviewer.models.formatting import plain_tooltip
from aidviewer.store import Catalogue, Money
from aidviewer.ui.conflict_dialog import ConflictDialog

NASAMS = 2


def _texts(dialog: ConflictDialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [
        (
            table.item(row, 0).text(),
            table.cellWidget(row, 1).text(),
            table.cellWidget(row, 2).text(),
        )
        for row in range(table.rowCount())
    ]


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        (Money.eur(100_000), Money.eur(200_000)),  # a stage's amount
        (with_rate(100_000, "USD", Decimal("1.1"), None),
         with_rate(100_000, "USD", Decimal("1.2"), None)),  # its rate
    ],
)  # fmt: skip
def test_stages_that_differ_only_in_their_money_show_differently(
    qtbot: QtBot, sample_path: Path, mine: Money, theirs: Money
) -> None:
    with Catalogue.open(sample_path) as catalogue:
        base = catalogue.record(NASAMS)
        stage = base.stages[0]
        ours = dataclasses.replace(base, stages=(dataclasses.replace(stage, money=mine),))
        other = dataclasses.replace(base, stages=(dataclasses.replace(stage, money=theirs),))
        dialog = ConflictDialog(None, catalogue, base, ours, other)
        qtbot.addWidget(dialog)
    [(field, left, right)] = _texts(dialog)
    assert field == "Stages" and left != right


def test_a_stage_note_that_differs_shows(qtbot: QtBot, sample_path: Path) -> None:
    with Catalogue.open(sample_path) as catalogue:
        base = catalogue.record(NASAMS)
        stage = base.stages[0]
        ours = dataclasses.replace(base, stages=(dataclasses.replace(stage, note="Mine"),))
        dialog = ConflictDialog(None, catalogue, base, ours, base)
        qtbot.addWidget(dialog)
    [(_, left, right)] = _texts(dialog)
    assert "(Mine)" in left and "(Mine)" not in right


def test_markup_in_a_value_is_shown_and_tipped_as_text(qtbot: QtBot, sample_path: Path) -> None:
    markup = "<img src='file:///etc/hostname'><b>Bold</b>"
    with Catalogue.open(sample_path) as catalogue:
        base = catalogue.record(NASAMS)
        dialog = ConflictDialog(
            None, catalogue, base, dataclasses.replace(base, title=markup), base
        )
        qtbot.addWidget(dialog)
    choice = dialog.table.cellWidget(0, 1)
    assert choice.text() == markup
    assert choice.label.textFormat().name == "PlainText"
    assert choice.toolTip() == plain_tooltip(markup)
    assert "<img" not in choice.toolTip()
