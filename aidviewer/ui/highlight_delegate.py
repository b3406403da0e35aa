"""Draws a cell's text with the search's matched words marked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
)

from aidviewer.models import Role

from .cell_delegate import CellDelegate

MARK = QColor("#ffe27a")
MARKED_TEXT = QColor("#1a1a1a")


class HighlightDelegate(CellDelegate):
    """Cells whose model gives `Role.HIGHLIGHT` ranges show those ranges marked; all other
    cells are drawn as the table's other cells are. The text is laid out as plain text,
    never as markup."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        ranges = index.data(Role.HIGHLIGHT)
        if not ranges:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)

        layout = QTextLayout(text, option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(text_option)
        marked = QTextCharFormat()
        marked.setBackground(MARK)
        marked.setForeground(MARKED_TEXT)  # readable on the mark, in a selected row too
        marked.setFontWeight(QFont.Weight.Bold)
        formats = []
        for start, length in ranges:
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = start, length, marked
            formats.append(span)
        layout.setFormats(formats)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1_000_000)
        layout.endLayout()

        selected = option.state & QStyle.StateFlag.State_Selected
        role = (
            option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
        )
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(option.palette.color(role))
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def install(view: QTableView, columns: list[int]) -> HighlightDelegate:
    """Use one highlight delegate for these columns of `view`."""
    delegate = HighlightDelegate(view)
    for column in columns:
        view.setItemDelegateForColumn(column, delegate)
    return delegate
