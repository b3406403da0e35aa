"""Where a search's words appear in a text, ignoring case and diacritics, as FTS5 does."""

from __future__ import annotations

from aidviewer.store import search_words
from aidviewer.store.folding import word_matches

START, END = "\x02", "\x03"  # how the store marks matched words in a snippet


def match_ranges(text: str, search: str) -> list[tuple[int, int]]:
    """(start, length) in `text` of each word that begins with one of the search's words."""
    return word_matches(text, search_words(search))


def marked_ranges(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet without its markers, and where its marked words are."""
    text: list[str] = []
    ranges: list[tuple[int, int]] = []
    start = -1
    length = 0
    for char in marked:
        if char == START:
            start = length
        elif char == END:
            if start >= 0:
                ranges.append((start, length - start))
            start = -1
        else:
            text.append(char)
            length += 1
    return "".join(text), ranges
