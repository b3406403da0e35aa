"""Paints the cells of the big tables from the model's cached texts.

Qt's own delegate asks the model for each cell's roles and lays the text out again with
a QTextLayout on every repaint; for a table over a Python model both cost more than the
painting itself. This delegate takes a row's texts straight from a model that offers
them (`row_texts` and `text_alignment`: the paged models) and keeps each elided text as
a prepared QStaticText with its place in the cell, so a repaint only draws. The style
still draws the background, the selection and the focus frame, and the text lands on the
same pixels as Qt's delegate puts it.

A text with a line break, a view that wraps words and any other model take Qt's own
path.

A cell edited in place (F2) gets a line edit that checks the text as it is typed
against the model's rules (`problem_at`): a problem frames it in red, says why, and
keeps Enter from committing it, so an invalid value never leaves the editor.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QStaticText,
    QTextOption,
    QValidator,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from .form_parts import PROBLEM_COLOUR

Index = QModelIndex | QPersistentModelIndex

_ITEM = QStyle.ControlElement.CE_ItemViewItem
_TEXT_RECT = QStyle.SubElement.SE_ItemViewItemText
_FOCUS_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin
# The state bits that choose the text colour, as plain ints: flag arithmetic on Python
# enums costs more than the drawing it decides.
_SELECTED = QStyle.StateFlag.State_Selected.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_COLOUR_BITS = _SELECTED | _ENABLED | _ACTIVE
_HORIZONTAL = Qt.AlignmentFlag.AlignHorizontal_Mask.value
_VERTICAL = Qt.AlignmentFlag.AlignVertical_Mask.value
_RIGHT = Qt.AlignmentFlag.AlignRight.value
_CENTRE = Qt.AlignmentFlag.AlignHCenter.value
_MIDDLE = Qt.AlignmentFlag.AlignVCenter.value
_BOTTOM = Qt.AlignmentFlag.AlignBottom.value
_BREAKS = ("\n", "\r", "\u2028", "\u2029")
# What a view's cells are laid out with: when one of these changes, lay them out again.
_CHANGES = frozenset({
    QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
    QEvent.Type.LayoutDirectionChange, QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.ApplicationFontChange,
})  # fmt: skip


class _Placed:
    """A cell text laid out for one cell size: where it goes relative to the cell's top
    left corner, or None when Qt's delegate must draw it (a text with line breaks)."""

    __slots__ = ("dx", "dy", "static")

    def __init__(self, static: QStaticText | None, dx: float = 0, dy: int = 0) -> None:
        self.static = static
        self.dx = dx
        self.dy = dy


class CellDelegate(QStyledItemDelegate):
    """The delegate of one view: what it has laid out is forgotten when the view's font,
    palette, style or direction changes."""

    # Texts kept laid out: a few screens of cells at a few column widths.
    CACHE = 4096

    # Why the text in the cell being edited cannot be saved; "" once it can.
    problemShown = Signal(str)

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._placed: dict[tuple[Any, ...], _Placed] = {}
        self._colours: dict[int, Any] = {}
        self._areas: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        self._alignments: dict[int, tuple[int, int]] = {}
        self._model: object = None
        self._row_texts: Callable[[int], Sequence[str] | None] | None = None
        self._forget()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view:
            if event.type() in _CHANGES:
                self._forget()
            return False
        # An editor's keys and focus (Enter commits, Escape cancels): Qt's own handling.
        return super().eventFilter(watched, event)

    def _forget(self) -> None:
        view = self._view
        self._style = view.style()
        self._font = QFont(view.font())
        self._metrics = QFontMetrics(self._font)
        self._direction = view.layoutDirection()
        self._layout = QTextOption()
        self._layout.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._layout.setTextDirection(self._direction)
        self._placed.clear()
        self._colours.clear()
        self._areas.clear()
        self._alignments.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Every visible cell, on every repaint: few calls into Qt, each one counted.
        model: Any = index.model()
        if model is not self._model:
            self._model = model
            self._row_texts = getattr(model, "row_texts", None)
        row_texts = self._row_texts
        view = self._view
        if row_texts is None or view.wordWrap():
            super().paint(painter, option, index)
            return
        column = index.column()
        texts = row_texts(index.row())
        text = texts[column] if texts is not None else ""
        style = self._style
        if not text:
            style.drawControl(_ITEM, option, painter, view)
            return
        x, y, width, height = cast(tuple[int, int, int, int], option.rect.getRect())
        key = (text, width, height, model.text_alignment(column))
        placed = self._placed.get(key)
        if placed is None:
            placed = self._place(text, key, option)
        if placed.static is None:
            super().paint(painter, option, index)
            return
        # The option carries no text: the style draws the background, the selection and
        # the focus frame, exactly as it does for Qt's delegate.
        style.drawControl(_ITEM, option, painter, view)
        state = option.state.value & _COLOUR_BITS
        colour = self._colours.get(state)
        if colour is None:
            colour = self._colours[state] = _text_colour(option.palette, state)
        painter.setPen(colour)
        painter.drawStaticText(QPointF(x + placed.dx, y + placed.dy), placed.static)

    def _place(self, text: str, key: tuple[Any, ...], option: QStyleOptionViewItem) -> _Placed:
        """Lay `text` out for the option's cell as QCommonStyle does: within the text
        rectangle less the focus margins, elided when too wide, aligned to the fraction
        of a pixel as QTextLayout aligns it, centred vertically on whole pixels."""
        if len(self._placed) >= self.CACHE:
            self._placed.clear()
        if any(mark in text for mark in _BREAKS):
            placed = self._placed[key] = _Placed(None)
            return placed
        rect = option.rect
        area = self._areas.get((rect.width(), rect.height()))
        if area is None:
            area = self._area(option)
        left, top, width, height = area
        alignment = self._alignments.get(key[3])
        if alignment is None:
            alignment = self._alignment(key[3])
        horizontal, vertical = alignment
        static = self._static(text)
        size = static.size()
        if size.width() > width:
            static = self._static(self._metrics.elidedText(text, option.textElideMode, width))
            size = static.size()
        if horizontal & _RIGHT:
            dx = left + width - size.width()
        elif horizontal & _CENTRE:
            dx = left + (width - size.width()) / 2
        else:
            dx = left
        line = math.ceil(size.height())
        if vertical & _MIDDLE == _MIDDLE:
            dy = top + int(height / 2) - int(line / 2)  # as QStyle.alignedRect rounds
        elif vertical & _BOTTOM:
            dy = top + height - line
        else:
            dy = top
        placed = self._placed[key] = _Placed(static, dx, dy)
        return placed

    def _static(self, text: str) -> QStaticText:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setTextOption(self._layout)
        static.prepare(font=self._font)
        return static

    def _area(self, option: QStyleOptionViewItem) -> tuple[int, int, int, int]:
        """Where a cell of this size has its text, relative to the cell's top left
        corner: the style's text rectangle less the focus margins."""
        view, style = self._view, self._style
        margin = style.pixelMetric(_FOCUS_MARGIN, None, view) + 1
        rect = option.rect
        area = style.subElementRect(_TEXT_RECT, option, view).adjusted(margin, 0, -margin, 0)
        found = (area.left() - rect.left(), area.top() - rect.top(), area.width(), area.height())
        self._areas[(rect.width(), rect.height())] = found
        return found

    def _alignment(self, value: int) -> tuple[int, int]:
        """A column's alignment as the view's direction shows it: (horizontal, vertical)."""
        visual = QStyle.visualAlignment(self._direction, Qt.AlignmentFlag(value)).value
        found = (visual & _HORIZONTAL, visual & _VERTICAL)
        self._alignments[value] = found
        return found

    # -- editing in place -------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        problem_at = getattr(index.model(), "problem_at", None)
        if isinstance(editor, QLineEdit) and problem_at is not None:
            cell = QPersistentModelIndex(index)

            def check(text: str) -> str | None:
                return problem_at(cell, text) if cell.isValid() else None

            editor.setValidator(_RulesValidator(editor, check))
            editor.textChanged.connect(lambda text: self._mark(editor, check(text)))
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        self.problemShown.emit("")
        super().destroyEditor(editor, index)

    def _mark(self, editor: QLineEdit, problem: str | None) -> None:
        editor.setStyleSheet(f"border: 1px solid {PROBLEM_COLOUR}" if problem else "")
        editor.setToolTip(problem or "")
        self.problemShown.emit(problem or "")


class _RulesValidator(QValidator):
    """Acceptable when the model finds no problem with the text. An unacceptable text
    stays in the editor: the delegate does not commit it on Enter."""

    def __init__(self, parent: QObject, check: Callable[[str], str | None]) -> None:
        super().__init__(parent)
        self._check = check

    def validate(self, text: str, pos: int) -> Any:
        fine = self._check(text) is None
        state = QValidator.State.Acceptable if fine else QValidator.State.Intermediate
        return state, text, pos


def _text_colour(palette: QPalette, state: int) -> Any:
    """The pen QCommonStyle writes an item's text with in this state."""
    if state & _ENABLED:
        group = QPalette.ColorGroup.Normal if state & _ACTIVE else QPalette.ColorGroup.Inactive
    else:
        group = QPalette.ColorGroup.Disabled
    role = QPalette.ColorRole.HighlightedText if state & _SELECTED else QPalette.ColorRole.Text
    return palette.color(group, role)
