"""Where a search's words appear in a text, ignoring case and diacritics, as FTS5 does."""

from __future__ import annotations

from aidviewer.store import plain, search_words

START, END = "\x02", "\x03"  # how the store marks matched words in a snippet


def _fold(text: str) -> tuple[str, list[int]]:
    """`text` case-folded without diacritics, with the index in `text` of each character."""
    folded: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        for out in plain(char).casefold():  # as search reads it: "Łódź" is "lodz"
            folded.append(out)
            origin.append(position)
    return "".join(folded), origin


def match_ranges(text: str, search: str) -> list[tuple[int, int]]:
    """(start, length) in `text` of each word that begins with one of the search's words."""
    words = [_fold(word)[0] for word in search_words(search)]
    if not words or not text:
        return []
    folded, origin = _fold(text)
    ranges: list[tuple[int, int]] = []
    position = 0
    while position < len(folded):
        if folded[position].isalnum() and (position == 0 or not folded[position - 1].isalnum()):
            end = position
            while end < len(folded) and folded[end].isalnum():
                end += 1
            if any(folded.startswith(word, position) for word in words):
                longest = max(len(w) for w in words if folded.startswith(w, position))
                first = origin[position]
                last = origin[position + longest - 1]
                ranges.append((first, last - first + 1))
            position = end
        else:
            position += 1
    return ranges


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
