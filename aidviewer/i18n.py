"""The mark for a string translated later, where it is shown.

`N_("Reports", "Donor")` is "Donor", unchanged; the mark lets the extractor
(resources/translations/extract.py) file the string under its context for the
translators. It is Qt's QT_TRANSLATE_NOOP without Qt (store/, io/ and reports/ may use
it) and typed as returning str.
"""

from __future__ import annotations


def N_(context: str, text: str) -> str:
    """`text`, unchanged; translated in `context` where it is shown."""
    return text
