"""Numbers, money, dates and labels in a report, written as the window writes them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale

from aidviewer.models.formatting import (
    format_date_time,
    format_eur,
    format_fuzzy_date,
    format_integer,
    format_money,
    local_time,
)
from aidviewer.models.labels import aid_type_label, stage_label
from aidviewer.store import AidType, FuzzyDate, StageKind


class QtFormats:
    """The report templates' `f`: in `locale`, with the words translated (context
    "Reports")."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self.locale = locale if locale is not None else QLocale()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("Reports", text)

    def eur(self, cents: int) -> str:
        return format_eur(cents, self.locale)

    def money(self, minor: int, currency: str) -> str:
        return format_money(minor, currency, self.locale)

    def number(self, value: int) -> str:
        return format_integer(value, self.locale)

    def fuzzy(self, value: FuzzyDate) -> str:
        return format_fuzzy_date(value)

    def day(self, value: date) -> str:
        return value.isoformat()

    def moment(self, iso: str) -> str:
        """A stored time: a UTC stamp in local time, a meeting's wall-clock time as is."""
        if iso.endswith("Z") or "+" in iso[10:]:
            return local_time(iso)
        return format_date_time(iso)

    def month(self, key: str) -> str:
        """ "2023-11" as the locale names the month: "November 2023"."""
        year, _, month = key.partition("-")
        if not (year.isdigit() and month.isdigit()):
            return key
        name = self.locale.standaloneMonthName(int(month), QLocale.FormatType.LongFormat)
        return f"{name} {year}"

    def stage(self, kind: StageKind | str | None) -> str:
        if isinstance(kind, str) and not isinstance(kind, StageKind):
            kind = StageKind(kind) if kind in {s.value for s in StageKind} else None
        return stage_label(kind)

    def aid_type(self, value: AidType) -> str:
        return aid_type_label(value)
