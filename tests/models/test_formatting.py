"""Money, numbers and dates as people read them, exactly, in several locales."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from aidviewer.editing import problem
from aidviewer.models.formatting import (
    format_amount,
    format_date_time,
    format_eur,
    format_fuzzy_date,
    format_integer,
    format_money,
    parse_amount,
)
from aidviewer.models.labels import problem_text
from aidviewer.store import FuzzyDate

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
DE_DE = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.mark.parametrize(
    ("cents", "expected"),
    [
        (0, "€0.00"),
        (5, "€0.05"),
        (50_000_000_000, "€500,000,000.00"),
        # One cent above what a double holds exactly at this size: no rounding allowed.
        (9_007_199_254_740_993, "€90,071,992,547,409.93"),
        (-123_456, "(€1,234.56)"),
    ],
)
def test_eur_in_en_us(cents: int, expected: str) -> None:
    assert format_eur(cents, EN_US) == expected


def test_eur_in_german_puts_the_symbol_after() -> None:
    assert format_eur(50_000_000_000, DE_DE) == "500.000.000,00\xa0€"


def test_money_uses_the_currency_minor_unit() -> None:
    assert format_money(1_500, "JPY", EN_US) == "JPY 1,500"
    assert format_money(1_500, "KWD", EN_US) == "KWD 1.500"
    assert format_money(1_500, "USD", EN_US, "$") == "$15.00"


def test_integer_is_grouped() -> None:
    assert format_integer(5_000_000_000, EN_US) == "5,000,000,000"
    assert format_integer(12_345, DE_DE) == "12.345"


def test_fuzzy_dates_keep_their_precision() -> None:
    assert format_fuzzy_date(FuzzyDate.parse("2023-11-10")) == "2023-11-10"
    assert format_fuzzy_date(FuzzyDate.parse("2023-11")) == "2023-11"
    assert format_fuzzy_date(FuzzyDate.parse("2023")) == "2023"
    assert format_fuzzy_date(FuzzyDate()) == ""


def test_date_times_read_without_the_t() -> None:
    assert format_date_time("2023-11-10") == "2023-11-10"
    assert format_date_time("2023-11-10T14:30") == "2023-11-10 14:30"
    assert format_date_time("2023-11-10T14:30:00") == "2023-11-10 14:30"


@pytest.mark.parametrize(("minor", "digits"), [(150_050, 2), (1_500, 0), (1_234_567, 3), (5, 2)])
def test_a_form_amount_reads_back_as_it_was_written(minor: int, digits: int) -> None:
    for locale in (EN_US, DE_DE):
        assert parse_amount(format_amount(minor, digits, locale), locale, digits) == minor
    assert format_amount(150_050, 2, EN_US) == "1,500.50"
    assert format_amount(-550, 2, EN_US) == "-5.50"


def test_a_rules_sentence_is_translated_before_its_values_are_filled_in(qapp: Any) -> None:
    class German(QTranslator):
        def translate(self, context: str, source: str, disambiguation: Any = None,
                      n: int = -1) -> str:  # fmt: skip
            if context == "Rules" and source == "“{code}” is not an ISO 4217 currency code.":
                return "„{code}“ ist kein ISO-4217-Währungscode."
            return ""

    german = German()
    QCoreApplication.installTranslator(german)
    try:
        found = problem("currency", "“{code}” is not an ISO 4217 currency code.", code="XYZ")
        assert problem_text(found) == "„XYZ“ ist kein ISO-4217-Währungscode."
        assert found.message == "“XYZ” is not an ISO 4217 currency code."  # the CLI's
    finally:
        QCoreApplication.removeTranslator(german)
