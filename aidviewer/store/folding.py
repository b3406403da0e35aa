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


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` as search reads it (case-folded, plain letters), with the index in `text`
    of each character."""
    folded: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        for out in plain(char).casefold():
            folded.append(out)
            origin.append(position)
    return "".join(folded), origin


def word_matches(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, length) in `text` of each word that begins with one of `words`, compared
    as the full-text index compares them: ignoring case and diacritics."""
    wanted = [_folded(word)[0] for word in words]
    if not wanted or not text:
        return []
    folded, origin = _folded(text)
    ranges: list[tuple[int, int]] = []
    position = 0
    while position < len(folded):
        if folded[position].isalnum() and (position == 0 or not folded[position - 1].isalnum()):
            end = position
            while end < len(folded) and folded[end].isalnum():
                end += 1
            hits = [len(w) for w in wanted if folded.startswith(w, position)]
            if hits:
                first, last = origin[position], origin[position + max(hits) - 1]
                ranges.append((first, last - first + 1))
            position = end
        else:
            position += 1
    return ranges


def excerpt(text: str, words: list[str], context: int = 60) -> str:
    """About `context` characters either side of the first word found, cut at word
    boundaries, with "…" where cut and the found words between \x02 and \x03; "" when
    no word is found."""
    ranges = word_matches(text, words)
    if not ranges:
        return ""
    start = max(0, ranges[0][0] - context)
    end = min(len(text), ranges[0][0] + ranges[0][1] + context)
    while 0 < start < len(text) and not text[start - 1].isspace():
        start += 1
    while end < len(text) and not text[end].isspace():
        end += 1
    pieces: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for first, length in ranges:
        if first < start or first + length > end:
            continue
        pieces += [text[cursor:first], "\x02", text[first : first + length], "\x03"]
        cursor = first + length
    pieces.append(text[cursor:end])
    if end < len(text):
        pieces.append("…")
    return " ".join("".join(pieces).split())
