"""The aid summary as charts: the value in euros of the records a query lets through, by
donor, category, stage reached and month announced.

The summary is read in one short read transaction, and only while the dashboard is
shown: a filter change while it is hidden only marks it stale, so narrowing a table of a
million records costs nothing here until the dashboard is opened.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
)
from PySide6.QtCore import QEvent, QLocale, QMargins, QObject, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from aidviewer.printing.formats import QtFormats
from aidviewer.reports.content import Group, ReportKind, Scope, Summary, read_content
from aidviewer.store import Catalogue, CatalogueError, RecordQuery, StageKind

# Donors and categories shown one by one; the rest are summed as "Others".
LARGEST = 10
# Longer names are cut to this many characters on an axis.
ELIDE_AT = 30
CHARTS = ("donor", "category", "stage", "month")

# Readable on light and dark backgrounds alike.
BAR_COLOUR = QColor("#4a86c8")

_STAGE_ORDER = {kind.value: kind.rank for kind in StageKind}


def elide(text: str, limit: int = ELIDE_AT) -> str:
    """`text` cut to `limit` characters, the last one an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def largest(groups: Sequence[Group], others: str, limit: int = LARGEST) -> list[tuple[str, int]]:
    """(key, cents) of the `limit` largest groups, the rest summed as `others`. The
    groups come largest first (the store's order)."""
    shown = [(group.key, group.cents) for group in groups]
    if len(shown) <= limit:
        return shown
    rest = sum(cents for _, cents in shown[limit:])
    return [*shown[:limit], (others, rest)]


def nice_scale(top: float, ticks: int = 5) -> tuple[float, float]:
    """(end, step) of an axis from 0 that holds `top`, in steps of 1, 2 or 5 times a
    power of ten."""
    if top <= 0:
        return 1.0, 1.0
    rough = top / ticks
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return math.ceil(top / step) * step, step


class Dashboard(QWidget):
    """Four charts of the aid summary of a `RecordQuery`, read when shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_page")
        self.setAccessibleName(self.tr("Dashboard"))
        self.formats = QtFormats()
        self._catalogue: Catalogue | None = None
        self._query = RecordQuery()
        self._stale = True
        self._values: dict[str, list[tuple[str, float]]] = {name: [] for name in CHARTS}
        self._scaled: dict[str, tuple[float, int]] = {}  # (largest value, ticks) of an axis
        self._month_labels: tuple[int, int] = (0, 0)  # (months, every how many labelled)

        self.headline = QLabel(self)
        self.headline.setObjectName("dashboard_headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)

        self.month_note = QLabel(self)
        self.month_note.setObjectName("dashboard_month_note")
        self.month_note.setTextFormat(Qt.TextFormat.PlainText)
        self.month_note.hide()

        titles = {
            "donor": self.tr("Value by donor"),
            "category": self.tr("Value by category"),
            "stage": self.tr("Value by stage reached"),
            "month": self.tr("Value by month announced"),
        }
        self.charts: dict[str, QChartView] = {}
        self._category_axes: dict[str, QBarCategoryAxis] = {}
        self._value_axes: dict[str, QCategoryAxis] = {}
        # Years of months do not fit a label each: the timeline labels every few months
        # on a numeric axis, bar i at i.
        self._month_axis = _labels_on_values(QCategoryAxis())
        for name in CHARTS:
            horizontal = name in ("donor", "category")
            chart = QChart()
            chart.setTitle(titles[name])
            chart.legend().hide()
            chart.setMargins(QMargins(4, 4, 4, 4))
            chart.setBackgroundRoundness(0)
            categories = QBarCategoryAxis(chart)
            values = _labels_on_values(QCategoryAxis(chart))
            left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
            if name == "month":
                self._month_axis.setParent(chart)
                chart.addAxis(self._month_axis, bottom)
            else:
                chart.addAxis(categories, left if horizontal else bottom)
                self._category_axes[name] = categories
            chart.addAxis(values, bottom if horizontal else left)
            view = QChartView(chart, self)
            view.installEventFilter(self)
            view.setObjectName(f"dashboard_{name}_chart")
            view.setAccessibleName(titles[name])
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(260, 200)
            self.charts[name] = view
            self._value_axes[name] = values

        month_box = QWidget(self)
        month_layout = QVBoxLayout(month_box)
        month_layout.setContentsMargins(0, 0, 0, 0)
        month_layout.addWidget(self.charts["month"], 1)
        month_layout.addWidget(self.month_note)

        self.chart_area = QWidget(self)
        grid = QGridLayout(self.chart_area)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.charts["donor"], 0, 0)
        grid.addWidget(self.charts["category"], 0, 1)
        grid.addWidget(self.charts["stage"], 1, 0)
        grid.addWidget(month_box, 1, 1)

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.headline)
        layout.addWidget(self.chart_area, 1)
        self._apply_palette()
        self._show_message(self.tr("No catalogue is open."))

    # -- what to show ------------------------------------------------------------------

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Show the summary of `catalogue` (None: no catalogue); also after it changed."""
        self._catalogue = catalogue
        self._changed()

    def set_query(self, query: RecordQuery) -> None:
        self._query = query
        self._changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            for name, view in self.charts.items():
                if view is watched:
                    self._fit(name)
        return super().eventFilter(watched, event)

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the summary now and draw it."""
        self._stale = False
        if self._catalogue is None:
            self._show_message(self.tr("No catalogue is open."))
            return
        try:
            summary = read_content(self._catalogue, ReportKind.SUMMARY, Scope(query=self._query))
        except CatalogueError as error:
            self._show_message(error.message)
            return
        assert isinstance(summary, Summary)
        if summary.records == 0:
            self._show_message(self.tr("No aid records match."))
            return
        self._show(summary)

    def series_values(self, name: str) -> list[tuple[str, float]]:
        """(label, euros) of chart `name` in the order shown: top to bottom for donors and
        categories, left to right for stages and months."""
        return list(self._values[name])

    @property
    def stale(self) -> bool:
        return self._stale

    # -- drawing -----------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self.headline.setText(text)
        self.chart_area.hide()
        for name in CHARTS:
            self._fill(name, [])

    def _show(self, summary: Summary) -> None:
        self.headline.setText(self._headline(summary))
        others = self.tr("Others")
        no_month = 0
        months: list[tuple[str, int]] = []
        for group in summary.by_month:
            if group.key:
                months.append((self.formats.month(group.key), group.cents))
            else:
                no_month += group.records
        stages = sorted(summary.by_stage, key=lambda g: _STAGE_ORDER.get(g.key, len(_STAGE_ORDER)))
        self._fill(
            "donor",
            [(elide(k or self.tr("No donor")), c) for k, c in largest(summary.by_donor, others)],
        )
        self._fill(
            "category",
            [
                (elide(k or self.tr("No category")), c)
                for k, c in largest(summary.by_category, others)
            ],
        )
        self._fill(
            "stage", [(self.formats.stage(g.key) or self.tr("No stage"), g.cents) for g in stages]
        )
        self._fill("month", months)
        self.month_note.setVisible(no_month > 0)
        self.month_note.setText(
            self.tr("1 record has no month announced and is left out.")
            if no_month == 1
            else self.tr("{n} records have no month announced and are left out.").format(
                n=self.formats.number(no_month)
            )
        )
        if self.chart_area.isHidden():
            self.chart_area.show()
            # Lay the charts out at their size now: laid out later, they would first fit
            # their labels to the size they had while hidden.
            self._layout.activate()

    def _headline(self, summary: Summary) -> str:
        total = self.formats.eur(summary.cents)
        records = self.formats.number(summary.records)
        if summary.records == 1:
            text = self.tr("{total} in 1 aid record").format(total=total)
        else:
            text = self.tr("{total} in {records} aid records").format(total=total, records=records)
        if summary.valued < summary.records:
            text += " " + self.tr("({valued} with a value in euros)").format(
                valued=self.formats.number(summary.valued)
            )
        return text

    def _fill(self, name: str, rows: list[tuple[str, int]]) -> None:
        """Replace chart `name`'s bars with `rows` of (label, cents) in the order shown."""
        labels = _unique([label for label, _ in rows])
        euros = [cents / 100 for _, cents in rows]
        self._values[name] = list(zip(labels, euros, strict=True))
        horizontal = name in ("donor", "category")
        chart = self.charts[name].chart()
        chart.removeAllSeries()
        if name == "month":
            self._month_labels = (0, 0)
            _clear(self._month_axis)
        else:
            self._category_axes[name].clear()
        self._scaled.pop(name, None)
        if not rows:
            return
        bars = QBarSet("")
        bars.setColor(BAR_COLOUR)
        bars.setBorderColor(BAR_COLOUR)
        # A horizontal chart puts its first category at the bottom: largest on top.
        order = range(len(rows) - 1, -1, -1) if horizontal else range(len(rows))
        bars.append([euros[i] for i in order])
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.setBarWidth(0.7)
        series.append(bars)
        chart.addSeries(series)
        if name == "month":
            self._month_axis.setRange(-0.5, len(rows) - 0.5)
            series.attachAxis(self._month_axis)
        else:
            self._category_axes[name].append([labels[i] for i in order])
            series.attachAxis(self._category_axes[name])
        series.attachAxis(self._value_axes[name])
        self._fit(name)

    def _fit(self, name: str) -> None:
        """Fit chart `name`'s axes to its size: as many value ticks as have room, the
        last one's label not cut at the edge, and labels stood up that do not fit side by
        side (Qt cuts them short: "Septem…"). Measured on the view, not the plot area: that
        is laid out later, and fitting to its stale size made the labels flip."""
        if not self._values[name]:
            return
        view = self.charts[name]
        horizontal = name in ("donor", "category")
        values = self._value_axes[name]
        metrics = QFontMetrics(values.labelsFont())
        # A horizontal plot has roughly half the view beside the names; labels "€500M"
        # want about 60 pixels apart side by side, 40 one above the other.
        room = view.width() * 0.55 / 60 if horizontal else (view.height() - 100) / 40
        ticks = max(2, min(6, int(room)))
        top = max((euros for _, euros in self._values[name]), default=0.0)
        if (top, ticks) != self._scaled.get(name):
            self._scaled[name] = (top, ticks)
            self._scale(values, top, ticks)
        if horizontal:
            # The axis's last label is centred on the plot's right edge: leave it room.
            last = values.categoriesLabels()[-1]
            view.chart().setMargins(QMargins(4, 4, metrics.horizontalAdvance(last) // 2 + 6, 4))
            return
        if name == "month":
            self._fit_months()
            return
        categories = self._category_axes[name]
        labels = categories.categories()
        label_metrics = QFontMetrics(categories.labelsFont())
        widest = max(label_metrics.horizontalAdvance(label) for label in labels)
        # Qt gives each label the plot's width over one more than their number, less its
        # padding and the text item's margins.
        space = (view.width() - 90) / (len(labels) + 1) - 16
        angle = 0 if widest <= space else -90
        if categories.labelsAngle() != angle:
            categories.setLabelsAngle(angle)

    def _fit_months(self) -> None:
        """Label every month when the labels fit, side by side or stood up; else every
        second, third, … month, stood up."""
        labels = [label for label, _ in self._values["month"]]
        axis = self._month_axis
        metrics = QFontMetrics(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(label) for label in labels)
        width = self.charts["month"].width() - 90
        if widest + 16 <= width / (len(labels) + 1):
            angle, every = 0, 1
        else:
            fit = max(1, int(width / (metrics.height() + 16)) - 1)
            angle, every = -90, math.ceil(len(labels) / fit)
        if axis.labelsAngle() != angle:
            axis.setLabelsAngle(angle)
        if self._month_labels != (len(labels), every):
            self._month_labels = (len(labels), every)
            _clear(axis)
            axis.setStartValue(-0.5)
            for i in range(0, len(labels), every):
                axis.append(labels[i], i)

    def _scale(self, axis: QCategoryAxis, top: float, ticks: int) -> None:
        end, step = nice_scale(top, ticks)
        _clear(axis)
        axis.setRange(0, end)
        # A label sits at the upper bound of its band: start just below 0 to label 0.
        axis.setStartValue(-end * 1e-9)
        short = _short_euros(end, step, self.formats.locale, self.tr)
        axis.append(short(0), 0)
        value = step
        while value <= end + step / 2:
            axis.append(short(value), value)
            value += step

    def _apply_palette(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        for view in self.charts.values():
            chart = view.chart()
            chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
            chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
            chart.setTitleBrush(text)
            axes: list[QAbstractAxis] = chart.axes()
            for axis in axes:
                axis.setLabelsColor(text)
                axis.setLinePenColor(grid)
                axis.setGridLineColor(grid)


def _labels_on_values(axis: QCategoryAxis) -> QCategoryAxis:
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    return axis


def _clear(axis: QCategoryAxis) -> None:
    for label in axis.categoriesLabels():
        axis.remove(label)


def _unique(labels: list[str]) -> list[str]:
    """The labels, a later repeat (two long names cut alike) numbered: a category axis
    drops a category it already has."""
    seen: set[str] = set()
    out = []
    for label in labels:
        candidate, n = label, 1
        while candidate in seen:
            n += 1
            candidate = f"{label} ({n})"
        seen.add(candidate)
        out.append(candidate)
    return out


def _short_euros(
    end: float, step: float, locale: QLocale, tr: Callable[[str], str]
) -> Callable[[float], str]:
    """A writer of axis labels such as "€1.5M": the unit chosen by the axis's end, as
    many decimals as the step needs."""
    units = [
        (1e9, tr("€{value}B")),
        (1e6, tr("€{value}M")),
        (1e3, tr("€{value}K")),
        (1.0, tr("€{value}")),
    ]
    unit, pattern = next(((u, p) for u, p in units if end >= u), units[-1])
    decimals = max(0, -math.floor(math.log10(step / unit) + 1e-9))

    def write(value: float) -> str:
        if value == 0:
            return tr("€0")
        return pattern.format(value=locale.toString(value / unit, "f", decimals))

    return write
