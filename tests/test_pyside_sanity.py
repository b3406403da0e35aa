"""The installed PySide6 must not have the None-reference leak of 6.12.0 under Python 3.11.

That build drops one reference to None on every call of a Qt method returning nothing; after
a few thousand calls (scrolling a big table is enough) the interpreter aborts with
"none_dealloc". pyproject.toml keeps such versions out; this test catches one slipping in.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_references() -> None:
    obj = QObject()
    obj.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    # Taken before the assert: pytest's assertion rewriting itself holds references to None.
    leaked = sys.getrefcount(None) - before
    assert leaked == 0, f"references to None changed by {leaked:+d} over 1000 void calls"
