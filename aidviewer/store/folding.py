"""Letters that search should read as plain Latin letters, beyond accents.

SQLite's unicode61 tokenizer removes diacritics that Unicode writes as combining marks
("š" is "s" + caron), so "Anusauskas" finds "Anušauskas". Some letters are letters of
their own in Unicode and keep their form: "ł" in Łódź, "ø" in Tromsø, "æ", "ß", "đ".
People type them plainly ("Lodz", "Tromso"), so each word holding one is also indexed
spelled plainly, in a column of its own.
"""

from __future__ import annotations

import re
import unicodedata

_PLAIN = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ħ": "h", "Ħ": "H", "\u0131": "i", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "þ": "th", "Þ": "Th",
    }
)  # fmt: skip
_WORD = re.compile(r"\w+")


def plain(word: str) -> str:
    """The word without diacritics and with the letters above spelled plainly."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_PLAIN))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plain_spellings(*texts: str) -> str:
    """The words of `texts` that search would not otherwise find spelled plainly, each
    spelled so; "" for most texts."""
    words = dict.fromkeys(
        plain(word)
        for text in texts
        for word in _WORD.findall(text)
        if word.translate(_PLAIN) != word
    )
    return " ".join(words)
