"""Numbers in window text follow the interface's language, without digit grouping."""

import pytest
from PySide6.QtCore import QLocale

from ae_desktop.gui.number_text import fixed, significant


@pytest.fixture
def locale_default():
    before = QLocale()
    yield QLocale.setDefault
    QLocale.setDefault(before)


def test_spanish_writes_a_decimal_comma_and_english_a_point(locale_default):
    locale_default(QLocale(QLocale.Spanish, QLocale.Spain))
    assert fixed(0.25, 2) == "0,25" and significant(0.71623, 4) == "0,7162"
    assert significant(12345.6, 6) == "12345,6"  # no grouping in a status line
    locale_default(QLocale(QLocale.English, QLocale.UnitedStates))
    assert fixed(0.25, 2) == "0.25" and significant(1234.4, 4) == "1234"
    assert significant(0.000012345, 3) == f"{0.000012345:.3g}"  # exponents as Python's
