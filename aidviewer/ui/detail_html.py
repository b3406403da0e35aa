"""The detail pane's content: an aid record or a meeting written as HTML for QTextDocument.

Pure string building over what the store returned; the pane reads the store and shows the
result. Every piece of user text passes through `html.escape(..., quote=True)` on its way
in, so a note that holds `<img src="file:///…">` is shown as those characters and never
becomes an element that makes the document load something. The only links are the ones
written here: `aidviewer:record/ID`, `aidviewer:meeting/ID`, and a source's own address
when it is http or https.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from aidviewer.models.formatting import (
    format_date_time,
    format_decimal,
    format_eur,
    format_fuzzy_date,
    format_integer,
    format_money,
    local_time,
)
from aidviewer.models.labels import aid_type_label, stage_label
from aidviewer.store import (
    ActionKind,
    AidRecord,
    AidType,
    HistoryEntry,
    Meeting,
    MeetingSummary,
    Money,
    Note,
    NoteKind,
    Person,
    Source,
    SourceKind,
    StageKind,
)

CONTEXT = "DetailPane"
SCHEME = "aidviewer"
# What a link inside the pane can name: a row to show, or something to do with a note.
LINK_KINDS = frozenset(
    {"record", "meeting", "note-add", "note-edit", "note-resolve", "note-pin", "note-delete",
     "history", "history-all"}
)  # fmt: skip

# A single text longer than this is cut, with a marker: a 1 MB note would otherwise take
# QTextDocument seconds to lay out, and nobody reads that much in a side pane.
TEXT_LIMIT = 20_000
# A value in the history table is a summary; the full text is in the record itself.
HISTORY_VALUE_LIMIT = 160
HISTORY_ROWS = 50
NOTES_SHOWN = 100
LINKS_SHOWN = 100

# Fields whose value is the id of a row with a name: (kind of row, field).
ID_FIELDS = {
    "donor_id": "organisation",
    "recipient_id": "organisation",
    "implementer_id": "organisation",
    "category_id": "category",
}

_FIELD_LABELS: dict[str, object] = {
    "title": QT_TRANSLATE_NOOP("DetailPane", "Title"),
    "description": QT_TRANSLATE_NOOP("DetailPane", "Description"),
    "donor_id": QT_TRANSLATE_NOOP("DetailPane", "Donor"),
    "recipient_id": QT_TRANSLATE_NOOP("DetailPane", "Recipient"),
    "implementer_id": QT_TRANSLATE_NOOP("DetailPane", "Implementer"),
    "aid_type": QT_TRANSLATE_NOOP("DetailPane", "Aid type"),
    "category_id": QT_TRANSLATE_NOOP("DetailPane", "Category"),
    "item": QT_TRANSLATE_NOOP("DetailPane", "Item"),
    "quantity": QT_TRANSLATE_NOOP("DetailPane", "Quantity"),
    "unit": QT_TRANSLATE_NOOP("DetailPane", "Unit"),
    "amount_minor": QT_TRANSLATE_NOOP("DetailPane", "Amount"),
    "currency": QT_TRANSLATE_NOOP("DetailPane", "Currency"),
    "value_eur_cents": QT_TRANSLATE_NOOP("DetailPane", "Value in EUR"),
    "eur_rate": QT_TRANSLATE_NOOP("DetailPane", "Exchange rate"),
    "rate_date": QT_TRANSLATE_NOOP("DetailPane", "Rate date"),
    "status": QT_TRANSLATE_NOOP("DetailPane", "Status"),
    "stages": QT_TRANSLATE_NOOP("DetailPane", "Stages"),
    "sources": QT_TRANSLATE_NOOP("DetailPane", "Sources"),
    "tags": QT_TRANSLATE_NOOP("DetailPane", "Tags"),
    "starts_at": QT_TRANSLATE_NOOP("DetailPane", "Starts"),
    "ends_at": QT_TRANSLATE_NOOP("DetailPane", "Ends"),
    "place": QT_TRANSLATE_NOOP("DetailPane", "Place"),
    "minutes": QT_TRANSLATE_NOOP("DetailPane", "Minutes"),
    "participants": QT_TRANSLATE_NOOP("DetailPane", "Participants"),
    "topics": QT_TRANSLATE_NOOP("DetailPane", "Topics"),
    "actions": QT_TRANSLATE_NOOP("DetailPane", "Decisions and follow-ups"),
    "records": QT_TRANSLATE_NOOP("DetailPane", "Linked records"),
}

_NOTE_KINDS: dict[NoteKind, object] = {
    NoteKind.COMMENT: QT_TRANSLATE_NOOP("DetailPane", "Comment"),
    NoteKind.QUESTION: QT_TRANSLATE_NOOP("DetailPane", "Question"),
    NoteKind.FOLLOW_UP: QT_TRANSLATE_NOOP("DetailPane", "Follow-up"),
}

_SOURCE_KINDS: dict[SourceKind, object] = {
    SourceKind.PRESS_RELEASE: QT_TRANSLATE_NOOP("DetailPane", "Press release"),
    SourceKind.ARTICLE: QT_TRANSLATE_NOOP("DetailPane", "Article"),
    SourceKind.OFFICIAL_DOCUMENT: QT_TRANSLATE_NOOP("DetailPane", "Official document"),
    SourceKind.DATA_FILE: QT_TRANSLATE_NOOP("DetailPane", "Data file"),
    SourceKind.OTHER: QT_TRANSLATE_NOOP("DetailPane", "Other"),
}

_ACTION_KINDS: dict[ActionKind, object] = {
    ActionKind.DECISION: QT_TRANSLATE_NOOP("DetailPane", "Decision"),
    ActionKind.FOLLOW_UP: QT_TRANSLATE_NOOP("DetailPane", "Follow-up"),
}

# Stage colours read on a light and on a dark background alike.
_STAGE_COLOURS = {
    StageKind.ANNOUNCED: "#8a6d00",
    StageKind.COMMITTED: "#1f6feb",
    StageKind.ALLOCATED: "#8250df",
    StageKind.DELIVERED: "#1a7f37",
    StageKind.CANCELLED: "#cf222e",
}


def _tr(text: object, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, str(text), None, n)


@dataclass(frozen=True)
class Theme:
    """The colours and base size the HTML uses; the pane takes them from its palette."""

    text: str = "#1f2328"
    muted: str = "#59636e"
    border: str = "#d1d9e0"
    panel: str = "#f6f8fa"
    base_pt: float = 10.0


@dataclass(frozen=True, kw_only=True)
class RecordDetail:
    """An aid record with everything the pane shows beside it, read from the store."""

    record: AidRecord
    donor: str = ""
    recipient: str = ""
    implementer: str = ""
    category: str = ""
    sources: tuple[Source, ...] = ()
    notes: tuple[Note, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    meetings: tuple[MeetingSummary, ...] = ()
    # Names for the ids in the history: ("organisation", 3) -> "Norway".
    names: Mapping[tuple[str, int], str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class MeetingDetail:
    """A meeting with the people, records, sources, notes and history it refers to."""

    meeting: Meeting
    people: Mapping[int, Person] = field(default_factory=dict)
    organisations: Mapping[int, str] = field(default_factory=dict)
    records: tuple[AidRecord, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[Note, ...] = ()
    history: tuple[HistoryEntry, ...] = ()


# -- links --------------------------------------------------------------------------------


def link_url(kind: str, entity_id: int) -> str:
    """The address of a link inside the pane: "aidviewer:record/12"."""
    return f"{SCHEME}:{kind}/{entity_id}"


def parse_link(url: str) -> tuple[str, int] | None:
    """("record", 12) for "aidviewer:record/12"; None for any other address."""
    scheme, _, rest = url.partition(":")
    if scheme.lower() != SCHEME:
        return None
    kind, _, number = rest.partition("/")
    if kind not in LINK_KINDS or not number.isdigit():
        return None
    return kind, int(number)


def external_url(url: str) -> str | None:
    """The address if it is one a browser may open (http or https with a host)."""
    url = url.strip()
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


# -- text ---------------------------------------------------------------------------------


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def esc(text: str) -> str:
    """User text as HTML text. Text with explicit direction controls is isolated
    (FSI … PDI), so that a right-to-left override in a name cannot reverse what follows
    it on the line."""
    if not _BIDI_CONTROLS.isdisjoint(text):
        text = f"\u2068{text}\u2069"
    return html.escape(text, quote=True)


def _clip(text: str, limit: int) -> tuple[str, int]:
    """The text cut to `limit` characters, and how many were cut."""
    if len(text) <= limit:
        return text, 0
    return text[:limit], len(text) - limit


def _cut_marker(cut: int, theme: Theme) -> str:
    text = _tr("… [%Ln more characters not shown]", cut)
    return f'<span style="color:{theme.muted}">{esc(text)}</span>'


def inline(text: str, limit: int = 500) -> str:
    """One line of user text, escaped; line breaks become spaces."""
    text, cut = _clip(" ".join(text.split()), limit)
    return esc(text) + ("…" if cut else "")


def lines(text: str, limit: int = 2_000) -> str:
    """Short multi-line user text, escaped, its line breaks kept."""
    text, cut = _clip(text.replace("\r\n", "\n").strip(), limit)
    return esc(text).replace("\n", "<br>") + ("…" if cut else "")


def paragraphs(text: str, locale: QLocale, theme: Theme, limit: int = TEXT_LIMIT) -> str:
    """Multi-line user text as paragraphs: a blank line starts a paragraph, a single line
    break stays a line break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text, cut = _clip(text, limit)
    blocks = [block for block in text.split("\n\n") if block.strip()]
    parts = [f"<p>{esc(block.strip(chr(10))).replace(chr(10), '<br>')}</p>" for block in blocks]
    if cut:
        parts.append(f"<p>{_cut_marker(cut, theme)}</p>")
    return "".join(parts)


def money_text(money: Money, locale: QLocale) -> str:
    """The amount as the source gave it, with its euro value when it is another currency."""
    if money.currency.upper() == "EUR":
        return format_eur(money.amount_minor, locale)
    text = format_money(money.amount_minor, money.currency, locale)
    if money.value_eur_cents is not None:
        text += f" ({format_eur(money.value_eur_cents, locale)})"
    return text


# -- building blocks ----------------------------------------------------------------------


def _style(theme: Theme) -> str:
    base = theme.base_pt
    return f"""
body {{ color: {theme.text}; font-size: {base:.1f}pt; }}
h1 {{ font-size: {base * 1.55:.1f}pt; font-weight: 600; margin-top: 0px; margin-bottom: 2px; }}
h2 {{ font-size: {base * 1.15:.1f}pt; font-weight: 600; margin-top: 18px; margin-bottom: 6px; }}
p {{ margin-top: 0px; margin-bottom: 8px; }}
ul {{ margin-top: 0px; margin-bottom: 4px; }}
li {{ margin-bottom: 3px; }}
.muted {{ color: {theme.muted}; }}
.sub {{ color: {theme.muted}; }}
table.fields {{ margin-top: 12px; }}
table.fields td {{ padding: 2px 14px 2px 0px; vertical-align: top; }}
table.fields td.label {{ color: {theme.muted}; white-space: nowrap; }}
table.grid {{ border-collapse: collapse; margin-bottom: 12px; }}
table.grid th {{ background-color: {theme.panel}; color: {theme.muted}; font-weight: 600;
  text-align: left; padding: 4px 10px 4px 6px; border-bottom: 1px solid {theme.border}; }}
table.grid td {{ padding: 4px 10px 4px 6px; vertical-align: top;
  border-bottom: 1px solid {theme.border}; }}
table.note {{ margin-bottom: 8px; background-color: {theme.panel}; }}
table.note td {{ padding: 6px 10px 6px 10px; }}
.chip {{ background-color: {theme.panel}; color: {theme.text}; }}
"""


def _document(body: str, theme: Theme) -> str:
    return f"<html><head><style>{_style(theme)}</style></head><body>{body}</body></html>"


def _heading(text: str) -> str:
    return f"<h2>{esc(text)}</h2>"


def _empty(text: str) -> str:
    return f'<p class="muted">{esc(text)}</p>'


def _chip(text: str, colour: str | None = None) -> str:
    style = f' style="color:{colour}"' if colour else ""
    return f'<span class="chip"{style}>&nbsp;{esc(text)}&nbsp;</span>'


def _fields(rows: Iterable[tuple[str, str]], theme: Theme) -> str:
    """A two-column table of muted labels and values; an empty value shows a dash."""
    dash = f'<span style="color:{theme.muted}">—</span>'
    cells = "".join(
        f'<tr><td class="label">{esc(label)}</td><td>{value or dash}</td></tr>'
        for label, value in rows
    )
    return f'<table class="fields" cellspacing="0">{cells}</table>'


def _grid(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table class="grid" width="100%" cellspacing="0" cellpadding="0">'
        f"<tr>{head}</tr>{body}</table>"
    )


def _more(count: int, text: str, theme: Theme) -> str:
    return f'<p style="color:{theme.muted}">{esc(_tr(text, count))}</p>' if count > 0 else ""


def _sources(sources: tuple[Source, ...], theme: Theme) -> str:
    if not sources:
        return _empty(_tr("No sources."))
    items = []
    for source in sources:
        url = external_url(source.url)
        title = inline(source.title)
        head = f'<a href="{esc(url)}">{title}</a>' if url else f"<b>{title}</b>"
        facts = [
            inline(source.publisher),
            esc(format_fuzzy_date(source.published)),
            esc(_tr(_SOURCE_KINDS.get(source.kind, _SOURCE_KINDS[SourceKind.OTHER]))),
        ]
        where = source.url if source.url and not url else source.file_path
        if where:
            facts.append(inline(where))
        line = " · ".join(fact for fact in facts if fact)
        items.append(f'<li>{head}<br><span style="color:{theme.muted}">{line}</span></li>')
    return "<ul>" + "".join(items) + "</ul>"


def _notes(
    notes: tuple[Note, ...], locale: QLocale, theme: Theme, *, editable: bool = False
) -> str:
    add = (
        f'<p><a href="{link_url("note-add", 0)}">{esc(_tr("Add a note…"))}</a></p>'
        if editable
        else ""
    )
    if not notes:
        return _empty(_tr("No notes.")) + add
    # Pinned notes first, then newest first within each group.
    ordered = sorted(notes, key=lambda n: (n.pinned, n.created_at, n.id), reverse=True)
    blocks = []
    for note in ordered[:NOTES_SHOWN]:
        facts = [
            f'<b style="color:{theme.text}">'
            f"{inline(note.author) or esc(_tr('Unknown author'))}</b>",
            esc(local_time(note.created_at)),
            esc(_tr(_NOTE_KINDS.get(note.kind, _NOTE_KINDS[NoteKind.COMMENT]))),
        ]
        if note.pinned:
            facts.append(_chip(_tr("Pinned"), "#8a6d00"))
        if note.resolved:
            facts.append(_chip(_tr("Resolved"), "#1a7f37"))
        if note.updated_at and note.updated_at != note.created_at:
            facts.append(
                esc(_tr("edited {time} by {who}")).format(
                    time=esc(local_time(note.updated_at)), who=inline(note.updated_by)
                )
            )
        head = f'<span style="color:{theme.muted}">{" · ".join(facts)}</span>'
        blocks.append(
            '<table class="note" width="100%" cellspacing="0"><tr><td>'
            f"{head}{paragraphs(note.body, locale, theme)}"
            f"{_note_actions(note) if editable else ''}</td></tr></table>"
        )
    more = _more(len(ordered) - NOTES_SHOWN, "… and %Ln older notes", theme)
    return add + "".join(blocks) + more


def _note_actions(note: Note) -> str:
    """Links that change the note: edit, resolve or reopen, pin or unpin, delete."""
    actions = (
        ("note-edit", _tr("Edit")),
        ("note-resolve", _tr("Reopen") if note.resolved else _tr("Resolve")),
        ("note-pin", _tr("Unpin") if note.pinned else _tr("Pin")),
        ("note-delete", _tr("Delete")),
    )
    links = " · ".join(
        f'<a href="{link_url(action, note.id)}">{esc(label)}</a>' for action, label in actions
    )
    return f'<p class="muted">{links}</p>'


def history_value(
    entry_field: str,
    value: str | None,
    currency: str | None,
    names: Mapping[tuple[str, int], str],
    locale: QLocale,
    *,
    whole: bool = False,
) -> str:
    """A value from the history as a person reads it: names for ids, labels, money and
    numbers in the locale. The history table shows a line of it; `whole` gives all of
    it, line breaks and all."""
    if value is None or value == "":
        return "—"
    try:
        if entry_field in ID_FIELDS:
            return names.get((ID_FIELDS[entry_field], int(value)), f"#{value}")
        if entry_field == "aid_type":
            return aid_type_label(AidType(value))
        if entry_field == "status":
            return stage_label(StageKind(value))
        if entry_field == "value_eur_cents":
            return format_eur(int(value), locale)
        if entry_field == "amount_minor" and currency:
            return format_money(int(value), currency, locale)
        if entry_field == "quantity":
            return format_integer(int(value), locale)
    except ValueError:
        pass  # an old value the current enumerations no longer know: show it as stored
    if whole:
        return value
    text = " · ".join(line.strip() for line in value.splitlines() if line.strip())
    text, cut = _clip(text, HISTORY_VALUE_LIMIT)
    return text + ("…" if cut else "")


def _history(
    entries: tuple[HistoryEntry, ...],
    locale: QLocale,
    theme: Theme,
    *,
    currency: str | None = None,
    names: Mapping[tuple[str, int], str] | None = None,
    every: bool = False,
) -> str:
    """The changes, newest first: the latest HISTORY_ROWS, or `every` one."""
    if not entries:
        return _empty(_tr("No changes recorded."))
    newest = sorted(entries, key=lambda e: (e.at, e.id), reverse=True)
    shown = newest if every else newest[:HISTORY_ROWS]
    rows = []
    for entry in shown:
        label = _FIELD_LABELS.get(entry.field)
        what = esc(_tr(label)) if label is not None else inline(entry.field, 60)
        if entry.entity == "note":
            what, change = _note_change(entry, locale, theme)
        elif entry.action == "create":
            what, change = f"<i>{esc(_tr('Created'))}</i>", ""
        elif entry.action == "delete":
            what, change = f"<i>{esc(_tr('Deleted'))}</i>", ""
        else:
            old = history_value(entry.field, entry.old, currency, names or {}, locale)
            new = history_value(entry.field, entry.new, currency, names or {}, locale)
            change = f'{esc(old)} <span style="color:{theme.muted}">→</span> {esc(new)}'
        if openable(entry):
            change += f' <a href="{link_url("history", entry.id)}">{esc(_tr("open"))}</a>'
        rows.append(
            [
                f'<span style="color:{theme.muted}">{esc(local_time(entry.at))}</span>',
                inline(entry.who, 80),
                what,
                change,
            ]
        )
    table = _grid([_tr("When"), _tr("Who"), _tr("Field"), _tr("Change")], rows)
    hidden = len(newest) - len(shown)
    if hidden <= 0:
        return table
    more = esc(_tr("… and %Ln older changes", hidden))
    link = f'<a href="{link_url("history-all", 0)}">{esc(_tr("Show all"))}</a>'
    return table + f'<p style="color:{theme.muted}">{more} · {link}</p>'


def openable(entry: HistoryEntry) -> bool:
    """Whether a change has an earlier value to open: a field changed, or a note deleted
    (its text is kept in the history)."""
    return entry.action == "update" or (entry.entity == "note" and entry.action == "delete")


def deleted_note_text(entry: HistoryEntry) -> str:
    """The text of a deleted note, from what its deletion kept."""
    try:
        kept = json.loads(entry.old or "{}")
    except ValueError:
        return entry.old or ""
    return str(kept.get("body", "")) if isinstance(kept, dict) else str(kept)


_NOTE_FIELDS: dict[str, object] = {
    "body": QT_TRANSLATE_NOOP("DetailPane", "Note: text"),
    "kind": QT_TRANSLATE_NOOP("DetailPane", "Note: kind"),
    "resolved": QT_TRANSLATE_NOOP("DetailPane", "Note: resolved"),
    "pinned": QT_TRANSLATE_NOOP("DetailPane", "Note: pinned"),
}


def _note_change(entry: HistoryEntry, locale: QLocale, theme: Theme) -> tuple[str, str]:
    """(what, change) for a change to one of the notes, in the history of its record or
    meeting."""
    if entry.action in ("create", "delete"):
        what = _tr("Note added") if entry.action == "create" else _tr("Note deleted")
        return f"<i>{esc(what)}</i>", ""
    label = _NOTE_FIELDS.get(entry.field)
    what = esc(_tr(label)) if label is not None else inline(entry.field, 60)
    if entry.field in ("resolved", "pinned"):
        old, new = (_tr("yes") if value == "1" else _tr("no") for value in (entry.old, entry.new))
    else:
        old = history_value(entry.field, entry.old, None, {}, locale)
        new = history_value(entry.field, entry.new, None, {}, locale)
    return what, f'{esc(old)} <span style="color:{theme.muted}">→</span> {esc(new)}'


def _meta_line(updated_at: str, updated_by: str) -> str:
    if not updated_at:
        return ""
    return esc(_tr("{time} by {who}")).format(
        time=esc(local_time(updated_at)), who=inline(updated_by, 80)
    )


# -- a record -----------------------------------------------------------------------------


def _quantity(record: AidRecord, locale: QLocale, theme: Theme) -> str:
    unit = inline(record.unit, 100)
    if record.quantity is not None:
        return f"{esc(format_integer(record.quantity, locale))} {unit}".strip()
    if unit:
        return f'<span style="color:{theme.muted}">{esc(_tr("not stated"))}</span> ({unit})'
    return ""


def _money_rows(money: Money | None, locale: QLocale) -> list[tuple[str, str]]:
    if money is None:
        return [(_tr("Amount"), "")]
    rows = [(_tr("Amount"), esc(format_money(money.amount_minor, money.currency, locale)))]
    if money.currency.upper() == "EUR":
        rows[0] = (_tr("Amount"), esc(format_eur(money.amount_minor, locale)))
        return rows
    value = "" if money.value_eur_cents is None else esc(format_eur(money.value_eur_cents, locale))
    rows.append((_tr("Value in EUR"), value or esc(_tr("not converted"))))
    if money.eur_rate is not None:
        rate = _tr("1 EUR = {rate} {currency}").format(
            rate=format_decimal(money.eur_rate, locale), currency=money.currency.upper()
        )
        if money.rate_date is not None:
            rate += " " + _tr("(ECB rate of {date})").format(date=money.rate_date.isoformat())
        rows.append((_tr("Exchange rate"), esc(rate)))
    return rows


def _stages(record: AidRecord, locale: QLocale, theme: Theme) -> str:
    if not record.stages:
        return _empty(_tr("No stages yet."))
    status = record.status
    ordered = [
        stage for _, stage in sorted(enumerate(record.stages), key=lambda p: (p[1].kind.rank, p[0]))
    ]
    # The quantity and amount columns only when some stage has one.
    with_quantity = any(stage.quantity is not None for stage in ordered)
    with_money = any(stage.money is not None for stage in ordered)
    headers = [_tr("Stage"), _tr("Date")]
    headers += [_tr("Quantity")] * with_quantity + [_tr("Amount")] * with_money + [_tr("Note")]
    rows = []
    for stage in ordered:
        colour = _STAGE_COLOURS.get(stage.kind, theme.text)
        name = esc(stage_label(stage.kind))
        if stage.kind is status:
            name = f"<b>{name}</b>"
        date = esc(format_fuzzy_date(stage.date)) or (
            f'<span style="color:{theme.muted}">{esc(_tr("date unknown"))}</span>'
        )
        row = [f'<span style="color:{colour}">●</span>&nbsp;{name}', date]
        if with_quantity:
            row.append(
                "" if stage.quantity is None else esc(format_integer(stage.quantity, locale))
            )
        if with_money:
            row.append("" if stage.money is None else esc(money_text(stage.money, locale)))
        row.append(lines(stage.note, 2_000))
        rows.append(row)
    return _grid(headers, rows)


def _meeting_links(meetings: tuple[MeetingSummary, ...], theme: Theme) -> str:
    if not meetings:
        return _empty(_tr("Not discussed in any meeting."))
    items = []
    for meeting in meetings[:LINKS_SHOWN]:
        where = " · ".join(
            part
            for part in (esc(format_date_time(meeting.starts_at)), inline(meeting.place))
            if part
        )
        items.append(
            f'<li><a href="{link_url("meeting", meeting.id)}">{inline(meeting.title)}</a>'
            f' <span style="color:{theme.muted}">{where}</span></li>'
        )
    more = _more(len(meetings) - LINKS_SHOWN, "… and %Ln more meetings", theme)
    return "<ul>" + "".join(items) + "</ul>" + more


def record_html(
    detail: RecordDetail,
    locale: QLocale,
    theme: Theme = Theme(),
    *,
    editable: bool = False,
    every_change: bool = False,
) -> str:
    """The whole record: header, fields, stages, sources, linked meetings, notes, history."""
    record = detail.record
    status = record.status
    sub = [esc(aid_type_label(record.aid_type))]
    if detail.category:
        sub.append(inline(detail.category))
    if status is not None:
        sub.append(_chip(stage_label(status), _STAGE_COLOURS.get(status)))
    sub.append(esc(_tr("Record #{id}").format(id=record.id)))
    tags = " ".join(_chip(tag) for tag in record.tags)
    rows = [
        (_tr("Donor"), inline(detail.donor)),
        (_tr("Recipient"), inline(detail.recipient)),
        (_tr("Implementer"), inline(detail.implementer)),
        (_tr("Aid type"), esc(aid_type_label(record.aid_type))),
        (_tr("Category"), inline(detail.category)),
        (_tr("Item"), inline(record.item)),
        (_tr("Quantity"), _quantity(record, locale, theme)),
        *_money_rows(record.money, locale),
        (_tr("Status"), esc(stage_label(status))),
        (_tr("Tags"), tags),
        (_tr("Last changed"), _meta_line(record.updated_at, record.updated_by)),
    ]
    currency = record.money.currency if record.money else None
    body = [
        f"<h1>{inline(record.title, 1_000)}</h1>",
        f'<p class="sub" style="margin-bottom:14px">{" · ".join(sub)}</p>',
        _fields(rows, theme),
        _heading(_tr("Description")),
        paragraphs(record.description, locale, theme) or _empty(_tr("No description.")),
        _heading(_tr("Stages")),
        _stages(record, locale, theme),
        _heading(_tr("Sources")),
        _sources(detail.sources, theme),
        _heading(_tr("Linked meetings")),
        _meeting_links(detail.meetings, theme),
        _heading(_tr("Notes")),
        _notes(detail.notes, locale, theme, editable=editable),
        _heading(_tr("History")),
        _history(
            detail.history, locale, theme, currency=currency, names=detail.names, every=every_change
        ),
    ]
    return _document("".join(body), theme)


# -- a meeting ----------------------------------------------------------------------------


def _participants(detail: MeetingDetail, theme: Theme) -> str:
    meeting = detail.meeting
    if not meeting.participants:
        return _empty(_tr("No participants recorded."))
    items = []
    for participant in meeting.participants:
        person = detail.people.get(participant.person_id)
        name = inline(person.name) if person else esc(f"#{participant.person_id}")
        line = f"<b>{name}</b>"
        if participant.role:
            line += f" — {inline(participant.role)}"
        about = []
        if person and person.role and person.role.strip() != participant.role.strip():
            about.append(inline(person.role))
        organisation = detail.organisations.get(person.organisation_id or 0) if person else None
        if organisation:
            about.append(inline(organisation))
        if about:
            line += f'<br><span style="color:{theme.muted}">{" · ".join(about)}</span>'
        items.append(f"<li>{line}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _actions(detail: MeetingDetail, theme: Theme) -> str:
    actions = detail.meeting.actions
    if not actions:
        return _empty(_tr("No decisions or follow-ups recorded."))
    rows = []
    for action in actions:
        owner = detail.people.get(action.owner_id) if action.owner_id is not None else None
        done = (
            f'<span style="color:#1a7f37">✓ {esc(_tr("Done"))}</span>'
            if action.done
            else f'<span style="color:{theme.muted}">{esc(_tr("Open"))}</span>'
        )
        rows.append(
            [
                esc(_tr(_ACTION_KINDS.get(action.kind, _ACTION_KINDS[ActionKind.DECISION]))),
                inline(action.text, 2_000),
                inline(owner.name) if owner else "",
                esc(action.due_on.isoformat()) if action.due_on else "",
                done,
            ]
        )
    return _grid([_tr("Kind"), _tr("What"), _tr("Owner"), _tr("Due"), _tr("State")], rows)


def _record_links(records: tuple[AidRecord, ...], theme: Theme) -> str:
    if not records:
        return _empty(_tr("No linked records."))
    items = []
    for record in records[:LINKS_SHOWN]:
        status = record.status
        chip = f" {_chip(stage_label(status), _STAGE_COLOURS.get(status))}" if status else ""
        items.append(
            f'<li><a href="{link_url("record", record.id)}">{inline(record.title)}</a>{chip}</li>'
        )
    more = _more(len(records) - LINKS_SHOWN, "… and %Ln more records", theme)
    return "<ul>" + "".join(items) + "</ul>" + more


def meeting_html(
    detail: MeetingDetail,
    locale: QLocale,
    theme: Theme = Theme(),
    *,
    editable: bool = False,
    every_change: bool = False,
) -> str:
    """The whole meeting: when and where, participants, topics, minutes, decisions,
    linked records, sources, notes, history."""
    meeting = detail.meeting
    when = esc(format_date_time(meeting.starts_at))
    if meeting.ends_at:
        when += " – " + esc(format_date_time(meeting.ends_at))
    sub = [part for part in (when, inline(meeting.place)) if part]
    sub.append(esc(_tr("Meeting #{id}").format(id=meeting.id)))
    rows = [
        (_tr("Starts"), esc(format_date_time(meeting.starts_at))),
        (_tr("Ends"), esc(format_date_time(meeting.ends_at))),
        (_tr("Place"), inline(meeting.place)),
        (
            _tr("Last changed"),
            _meta_line(meeting.updated_at, meeting.updated_by),
        ),
    ]
    topics = (
        "<ul>" + "".join(f"<li>{inline(topic, 2_000)}</li>" for topic in meeting.topics) + "</ul>"
        if meeting.topics
        else _empty(_tr("No topics recorded."))
    )
    body = [
        f"<h1>{inline(meeting.title, 1_000)}</h1>",
        f'<p class="sub" style="margin-bottom:14px">{" · ".join(sub)}</p>',
        _fields(rows, theme),
        _heading(_tr("Participants")),
        _participants(detail, theme),
        _heading(_tr("Topics")),
        topics,
        _heading(_tr("Minutes")),
        paragraphs(meeting.minutes, locale, theme) or _empty(_tr("No minutes.")),
        _heading(_tr("Decisions and follow-ups")),
        _actions(detail, theme),
        _heading(_tr("Linked records")),
        _record_links(detail.records, theme),
        _heading(_tr("Sources")),
        _sources(detail.sources, theme),
        _heading(_tr("Notes")),
        _notes(detail.notes, locale, theme, editable=editable),
        _heading(_tr("History")),
        _history(detail.history, locale, theme, every=every_change),
    ]
    return _document("".join(body), theme)


def message_html(text: str, theme: Theme = Theme()) -> str:
    """A sentence in place of the details: why they cannot be shown."""
    return _document(f'<p style="color:{theme.muted}">{esc(text)}</p>', theme)
