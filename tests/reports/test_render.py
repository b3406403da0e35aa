"""Reports made into HTML: the names and figures of each kind, user text printed as text
(never as markup), the record list cut into pages, long text clipped, and strict
templates."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import jinja2
import pytest

from aidviewer.reports.content import (
    Content,
    RecordList,
    ReportKind,
    Scope,
    read_content,
)
from aidviewer.reports.render import (
    LIST_COLUMNS,
    TEXT_LIMIT,
    ReportMeta,
    ReportOptions,
    clip,
    render_html,
    templates_dir,
)
from aidviewer.store import (
    ActionKind,
    AidRecord,
    AidType,
    Catalogue,
    Category,
    FuzzyDate,
    Meeting,
    MeetingAction,
    Money,
    Note,
    Organisation,
    Participant,
    Person,
    Source,
    Stage,
    StageKind,
)

BOLD = "<b>x</b>"
IMAGE = '<img src="file:///tmp/canary.png">'
LINK = '<a href="file:///etc/passwd">x</a>'
STYLE = "<style>body{display:none}</style>"
ENTITY = "a &lt; b"


class FakeFormats:
    """Every value written in a form a test can find, the same on every machine."""

    def tr(self, text: str) -> str:
        return text

    def eur(self, cents: int) -> str:
        return f"EUR[{cents}]"

    def money(self, minor: int, currency: str) -> str:
        return f"{currency}[{minor}]"

    def number(self, value: int) -> str:
        return f"N[{value}]"

    def fuzzy(self, value: FuzzyDate) -> str:
        return f"D[{value.iso()}]"

    def day(self, value: date) -> str:
        return f"day[{value.isoformat()}]"

    def moment(self, iso: str) -> str:
        return f"T[{iso}]"

    def month(self, key: str) -> str:
        return f"M[{key}]"

    def stage(self, kind: StageKind | str | None) -> str:
        return f"S[{kind}]"

    def aid_type(self, value: AidType) -> str:
        return f"A[{value}]"


META = ReportMeta(title="Aid report", catalogue="Test catalogue", made_at="now", made_by="me")


@dataclass(frozen=True)
class Built:
    path: Path
    records: dict[str, int]
    meetings: dict[str, int]


def _build(path: Path) -> Built:
    """Three plain records and one whose every text field holds markup."""
    with Catalogue.create(path, user="tester") as cat:
        lithuania = cat.add_organisation(Organisation(name="Lithuania")).id
        ukraine = cat.add_organisation(Organisation(name="Ukraine")).id
        marked_org = cat.add_organisation(Organisation(name=f"Org {ENTITY}")).id
        air = cat.add_category(Category(name="Air defence")).id
        food = cat.add_category(Category(name=f"Food {LINK}")).id
        release = cat.add_source(Source(title="Press release")).id
        records = {
            "launchers": cat.add_record(
                AidRecord(
                    title="NASAMS launchers",
                    description="Launchers for the NASAMS systems.",
                    donor_id=lithuania,
                    recipient_id=ukraine,
                    category_id=air,
                    quantity=2,
                    unit="launchers",
                    money=Money.eur(30_000),
                    stages=(
                        Stage(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2023-11-10")),
                        Stage(kind=StageKind.DELIVERED, date=FuzzyDate.parse("2024-01-15")),
                    ),
                    source_ids=(release,),
                )
            ).id,
            "radars": cat.add_record(
                AidRecord(
                    title="Radars",
                    donor_id=lithuania,
                    category_id=air,
                    money=Money.eur(100_000),
                    stages=(Stage(kind=StageKind.ANNOUNCED, date=FuzzyDate.parse("2023-11-20")),),
                )
            ).id,
            "blankets": cat.add_record(
                AidRecord(title="Blankets", aid_type=AidType.HUMANITARIAN)
            ).id,
            "marked": cat.add_record(
                AidRecord(
                    title=BOLD,
                    description=f"{LINK} {STYLE} {ENTITY}",
                    donor_id=marked_org,
                    category_id=food,
                    item=IMAGE,
                    money=Money.eur(5_000),
                    stages=(
                        Stage(
                            kind=StageKind.ANNOUNCED,
                            date=FuzzyDate.parse("2023-11-15"),
                            note=STYLE,
                        ),
                    ),
                    tags=(BOLD,),
                )
            ).id,
        }
        cat.add_note(Note(record_id=records["marked"], body=IMAGE, author=BOLD))
        cat.add_note(Note(record_id=records["launchers"], body="Check the serial numbers."))
        anna = cat.add_person(Person(name="Anna Kovalenko")).id
        marked_person = cat.add_person(Person(name=f"Person {BOLD}")).id
        meetings = {
            "kyiv": cat.add_meeting(
                Meeting(
                    title="Talks in Kyiv",
                    starts_at="2023-11-10T10:00",
                    place="Kyiv",
                    participants=(Participant(person_id=anna, role="host"),),
                    topics=("Air defence",),
                    minutes="Met and talked.",
                    actions=(
                        MeetingAction(
                            kind=ActionKind.DECISION, text="Send more launchers", owner_id=anna
                        ),
                        MeetingAction(
                            kind=ActionKind.FOLLOW_UP,
                            text="Report back",
                            owner_id=anna,
                            due_on=date(2023, 12, 1),
                        ),
                    ),
                    record_ids=(records["launchers"],),
                )
            ).id,
            "marked": cat.add_meeting(
                Meeting(
                    title=f"Meeting {BOLD}",
                    starts_at="2023-11-12",
                    place=ENTITY,
                    participants=(Participant(person_id=marked_person, role=IMAGE),),
                    topics=(LINK,),
                    minutes=f"{STYLE}\n{IMAGE}",
                    actions=(
                        MeetingAction(kind=ActionKind.DECISION, text=LINK),
                        MeetingAction(kind=ActionKind.FOLLOW_UP, text=IMAGE),
                    ),
                    record_ids=(records["marked"],),
                )
            ).id,
        }
        cat.add_note(Note(meeting_id=meetings["marked"], body=LINK))
    return Built(path, records, meetings)


@pytest.fixture(scope="module")
def _built_master(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("render") / "render.aidb")


@pytest.fixture
def built(_built_master: Built, tmp_path: Path) -> Built:
    path = tmp_path / "render.aidb"
    shutil.copyfile(_built_master.path, path)
    return replace(_built_master, path=path)


def _content(
    built: Built, kind: ReportKind, scope: Scope | None = None, *, with_history: bool = False
) -> Content:
    with Catalogue.open(built.path) as cat:
        return read_content(cat, kind, scope or Scope(), with_history=with_history)


def _html(
    content: Content,
    kind: ReportKind,
    *,
    meta: ReportMeta = META,
    pages: tuple[tuple[int, int], ...] | None = None,
    folder: Path | None = None,
    **options: object,
) -> str:
    return render_html(
        content,
        ReportOptions(kind=kind, **options),  # type: ignore[arg-type]
        meta,
        FakeFormats(),
        folder=folder,
        pages=pages,
    )


def _scope(built: Built, kind: ReportKind) -> Scope:
    if kind is ReportKind.SHEET:
        return Scope(ids=tuple(built.records.values()))
    if kind is ReportKind.MINUTES:
        return Scope(ids=tuple(built.meetings.values()))
    if kind is ReportKind.BRIEFING:
        return Scope(date_from=date(2023, 11, 1), date_to=date(2023, 11, 30))
    return Scope()


def _has_cell(html: str, text: str) -> bool:
    """Whether a table cell holds exactly `text`, whatever the cell's attributes."""
    return re.search(rf"<td[^>]*>{re.escape(text)}</td>", html) is not None


def _rows(html: str) -> list[list[str]]:
    """The text of each table row's cells (rows without nested tables)."""
    return [
        re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.DOTALL)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.DOTALL)
    ]


def _has_row(html: str, *cells: str) -> bool:
    """Whether a row has these cells next to each other."""
    n = len(cells)
    return any(
        row[i : i + n] == list(cells) for row in _rows(html) for i in range(len(row) - n + 1)
    )


# -- each kind's names and figures ---------------------------------------------------------


def test_every_report_has_the_title_block(built: Built) -> None:
    meta = ReportMeta(
        title="Aid report",
        catalogue="Test catalogue",
        made_at="on Monday",
        made_by="Ona",
        filters=("Donor: Lithuania",),
    )
    for kind in ReportKind:
        html = _html(_content(built, kind, _scope(built, kind)), kind, meta=meta)
        assert html.startswith("<!DOCTYPE html>"), kind
        assert "<h1>Aid report</h1>" in html, kind
        assert "Made on Monday by Ona" in html, kind
        assert "Showing: Donor: Lithuania" in html, kind


def test_summary_html(built: Built) -> None:
    html = _html(_content(built, ReportKind.SUMMARY), ReportKind.SUMMARY)
    assert '<p class="figure">EUR[135000]</p>' in html
    assert "in total, over N[4] aid records, N[3] of them with a value in euros" in html
    for name in ("Lithuania", "Air defence", "S[announced]", "S[delivered]", "M[2023-11]"):
        assert _has_cell(html, name), name
    assert _has_cell(html, "(none)")  # the record without a donor, without a category
    assert _has_cell(html, "(no stage)")
    assert _has_cell(html, "(date not known)")
    assert _has_cell(html, "EUR[130000]")  # Lithuania, and Air defence
    assert _has_cell(html, "EUR[105000]")  # announced
    assert _has_cell(html, "N[3]")  # three records in November 2023
    # Each of the four tables ends with the total.
    totals = re.findall(r'<tr class="total">(.*?)</tr>', html, flags=re.DOTALL)
    assert len(totals) == 4
    assert all(_has_cell(t, "N[4]") and _has_cell(t, "EUR[135000]") for t in totals)


def test_list_html(built: Built) -> None:
    content = _content(built, ReportKind.LIST)
    html = _html(content, ReportKind.LIST)
    assert "N[4] aid records, worth EUR[135000] in all" in html
    for title in ("Value (EUR)", "Donor", "Announced"):
        assert f">{title}</th>" in html
    assert _has_row(
        html,
        "NASAMS launchers",
        "Lithuania",
        "Ukraine",
        "A[military]",
        "Air defence",
        "S[delivered]",
        "N[2] launchers",
        "EUR[30000]",
        "D[2023-11-10]",
        "D[2024-01-15]",
    )
    assert _has_cell(html, "A[humanitarian]")
    # In the list's order.
    assert html.index("NASAMS launchers") < html.index(">Radars<") < html.index(">Blankets<")
    assert html.count('<tr class="total">') == 1
    assert _has_row(html, "Total", *["\u00a0"] * 6, "EUR[135000]", "\u00a0", "\u00a0")


def test_list_html_with_fewer_columns(built: Built) -> None:
    content = _content(built, ReportKind.LIST)
    html = _html(content, ReportKind.LIST, columns=("title", "donor"))
    assert ">Donor</th>" in html and ">Value (EUR)</th>" not in html
    assert "EUR[30000]" not in html
    assert '<tr class="total">' not in html  # no value column to total


def test_sheet_html(built: Built) -> None:
    content = _content(built, ReportKind.SHEET, Scope(ids=(built.records["launchers"],)))
    html = _html(content, ReportKind.SHEET)
    assert "<h2>NASAMS launchers</h2>" in html
    assert f"Record #{built.records['launchers']}" in html
    for name, value in (
        ("Donor", "Lithuania"),
        ("Recipient", "Ukraine"),
        ("Quantity", "N[2] launchers"),
        ("Amount", "EUR[30000]"),
        ("Value (EUR)", "EUR[30000]"),
    ):
        assert _has_row(html, name, value), name
    assert _has_row(html, "S[announced]", "D[2023-11-10]")
    assert _has_row(html, "S[delivered]", "D[2024-01-15]")
    assert "<p>Press release</p>" in html
    assert "Check the serial numbers." in html
    assert ">History</h3>" not in html
    html = _html(content, ReportKind.SHEET, notes=False, history=True)
    assert ">Notes</h3>" not in html and ">History</h3>" in html


def test_sheets_after_the_first_start_a_page(built: Built) -> None:
    ids = (built.records["radars"], built.records["launchers"])
    html = _html(_content(built, ReportKind.SHEET, Scope(ids=ids)), ReportKind.SHEET)
    assert "<h2>Radars</h2>" in html
    assert '<h2 style="page-break-before: always">NASAMS launchers</h2>' in html


def test_minutes_html(built: Built) -> None:
    content = _content(built, ReportKind.MINUTES, Scope(ids=(built.meetings["kyiv"],)))
    html = _html(content, ReportKind.MINUTES)
    assert "<h2>Talks in Kyiv</h2>" in html
    assert "T[2023-11-10T10:00] · Kyiv" in html
    assert _has_row(html, "Anna Kovalenko", "host")
    assert _has_row(html, "Send more launchers", "Anna Kovalenko", "", "no")
    assert _has_row(html, "Report back", "Anna Kovalenko", "day[2023-12-01]", "no")
    assert ">Follow-ups</h3>" in html and "Report back" in html
    assert "<p>NASAMS launchers</p>" in html
    assert "Met and talked." in html


def test_briefing_html(built: Built) -> None:
    content = _content(built, ReportKind.BRIEFING, _scope(built, ReportKind.BRIEFING))
    html = _html(content, ReportKind.BRIEFING)
    assert "From day[2023-11-01] to day[2023-11-30]" in html
    assert _has_row(html, "T[2023-11-10T10:00]", "Talks in Kyiv", "Kyiv", "Send more launchers")
    assert _has_row(
        html, "D[2023-11-10]", "NASAMS launchers", "Lithuania", "S[announced]", "EUR[30000]"
    )
    assert _has_row(html, "D[2023-11-20]", "Radars", "Lithuania", "S[announced]", "EUR[100000]")
    assert "D[2024-01-15]" not in html  # delivered after the period
    assert _has_row(html, "day[2023-12-01]", "Report back", "Anna Kovalenko", "Talks in Kyiv")


def test_briefing_of_an_empty_period_says_so(built: Built) -> None:
    content = _content(built, ReportKind.BRIEFING, Scope(date_from=date(2020, 1, 1)))
    html = _html(content, ReportKind.BRIEFING)
    assert "From day[2020-01-01] to today" in html
    assert "No aid changed stage" not in html  # everything since 2020 is in it
    content = _content(
        built, ReportKind.BRIEFING, Scope(date_from=date(2020, 1, 1), date_to=date(2020, 2, 1))
    )
    html = _html(content, ReportKind.BRIEFING)
    assert "No meetings in this period." in html
    assert "No aid changed stage in this period." in html


# -- user text is text ---------------------------------------------------------------------

ESCAPED = {
    BOLD: "&lt;b&gt;x&lt;/b&gt;",
    IMAGE: "&lt;img src=&#34;file:///tmp/canary.png&#34;&gt;",
    LINK: "&lt;a href=&#34;file:///etc/passwd&#34;&gt;x&lt;/a&gt;",
    STYLE: "&lt;style&gt;body{display:none}&lt;/style&gt;",
    ENTITY: "a &amp;lt; b",
}


def _assert_text_only(html: str, *expected: str) -> None:
    """Every raw markup of user text is absent, and the expected ones are there escaped."""
    for raw in (BOLD, IMAGE, LINK, STYLE, ENTITY):
        assert raw not in html, raw
    assert "<img" not in html
    assert "<a " not in html and "href=" not in html.replace("href=&#34;", "")
    assert "body{display:none}</style>" not in html
    assert html.count("<style>") == 1  # the template's own
    assert html.count("<b>") == 0
    for raw in expected:
        assert ESCAPED[raw] in html, raw


def test_sheet_prints_user_markup_as_text(built: Built) -> None:
    content = _content(
        built, ReportKind.SHEET, Scope(ids=(built.records["marked"],)), with_history=True
    )
    html = _html(content, ReportKind.SHEET, history=True)
    _assert_text_only(html, BOLD, IMAGE, LINK, STYLE, ENTITY)
    assert f"<h2>{ESCAPED[BOLD]}</h2>" in html
    assert re.search(rf"<p[^>]*>{re.escape(ESCAPED[IMAGE])}</p>", html)  # the note
    assert _has_row(html, "Donor", f"Org {ESCAPED[ENTITY]}")
    assert f"Food {ESCAPED[LINK]}" in html


def test_list_and_summary_print_user_markup_as_text(built: Built) -> None:
    html = _html(_content(built, ReportKind.LIST), ReportKind.LIST)
    _assert_text_only(html, BOLD, ENTITY, LINK)
    assert _has_cell(html, ESCAPED[BOLD])
    html = _html(_content(built, ReportKind.SUMMARY), ReportKind.SUMMARY)
    _assert_text_only(html, ENTITY, LINK)
    assert _has_cell(html, f"Org {ESCAPED[ENTITY]}")


def test_minutes_and_briefing_print_user_markup_as_text(built: Built) -> None:
    scope = Scope(ids=(built.meetings["marked"],))
    html = _html(_content(built, ReportKind.MINUTES, scope), ReportKind.MINUTES)
    _assert_text_only(html, BOLD, IMAGE, LINK, STYLE, ENTITY)
    assert f"<h2>Meeting {ESCAPED[BOLD]}</h2>" in html
    assert _has_row(html, f"Person {ESCAPED[BOLD]}", ESCAPED[IMAGE])  # name and role
    html = _html(
        _content(built, ReportKind.BRIEFING, _scope(built, ReportKind.BRIEFING)),
        ReportKind.BRIEFING,
    )
    _assert_text_only(html, BOLD, IMAGE, LINK, ENTITY)
    assert _has_row(html, "", ESCAPED[IMAGE], "", f"Meeting {ESCAPED[BOLD]}")  # follow-up


def test_title_block_prints_markup_as_text(built: Built) -> None:
    meta = ReportMeta(
        title=BOLD, catalogue=ENTITY, made_at=STYLE, made_by=IMAGE, filters=(f"Search: {LINK}",)
    )
    html = _html(_content(built, ReportKind.SUMMARY), ReportKind.SUMMARY, meta=meta)
    _assert_text_only(html, BOLD, ENTITY, STYLE, IMAGE, LINK)
    assert f"<h1>{ESCAPED[BOLD]}</h1>" in html


# -- the list cut into pages ---------------------------------------------------------------


def _tables(html: str) -> list[str]:
    """Each top-level table of the list, from its opening tag to its end."""
    return re.findall(r"<table class=\"list\".*?</table>", html, flags=re.DOTALL)


def test_pages_cut_the_list_into_one_table_each(built: Built) -> None:
    content = _content(built, ReportKind.LIST)
    assert isinstance(content, RecordList) and len(content.rows) == 4
    titles = [row.title for row in content.rows]
    html = _html(content, ReportKind.LIST, pages=((0, 2), (2, 3), (3, 5)))
    tables = _tables(html)
    assert len(tables) == html.count("<table") == 3
    assert "page-break-before" not in tables[0]
    for table in tables[1:]:
        assert table.count("page-break-before: always") == 1
    assert html.count("page-break-before") == 2
    for table in tables:
        assert table.count("<thead>") == 1
        assert table.count(">Title</th>") == 1
    cuts = [titles[0:2], titles[2:3], titles[3:4]]
    for table, rows in zip(tables, cuts, strict=True):
        assert len(re.findall(r'<tr(?: bgcolor="#[0-9a-f]{6}")?>', table)) - 1 == len(
            rows
        )  # rows under the heading row
        for title in titles:
            escaped = ESCAPED.get(title, title)
            assert (f">{escaped}</td>" in table) == (title in rows), (title, rows)
    assert [t.count('<tr class="total">') for t in tables] == [0, 0, 1]
    assert tables[-1].index('<tr class="total">') > tables[-1].index(ESCAPED[titles[-1]])


def test_a_page_with_only_the_total(built: Built) -> None:
    content = _content(built, ReportKind.LIST)
    html = _html(content, ReportKind.LIST, pages=((0, 4), (4, 5)))
    tables = _tables(html)
    assert len(tables) == 2
    assert [t.count('<tr class="total">') for t in tables] == [0, 1]
    assert (
        tables[1].count("<thead>") == 1
        and len(re.findall(r'<tr(?: bgcolor="#[0-9a-f]{6}")?>', tables[1])) == 1
    )
    assert "page-break-before: always" in tables[1]


def test_without_pages_one_table_with_the_total(built: Built) -> None:
    html = _html(_content(built, ReportKind.LIST), ReportKind.LIST)
    tables = _tables(html)
    assert len(tables) == 1
    assert "page-break-before" not in html
    assert len(re.findall(r'<tr(?: bgcolor="#[0-9a-f]{6}")?>', tables[0])) - 1 == 4
    assert tables[0].count('<tr class="total">') == 1


# -- long text and strict templates --------------------------------------------------------


def test_clip() -> None:
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdef", 4) == "abcd … [2 more characters]"
    assert clip("", 0) == ""
    text = "x" * (TEXT_LIMIT + 1_234)
    clipped = clip(text)
    assert clipped == "x" * TEXT_LIMIT + " … [1,234 more characters]"
    assert clip("y" * TEXT_LIMIT) == "y" * TEXT_LIMIT


def test_long_notes_and_minutes_are_clipped_in_the_report(built: Built) -> None:
    body = "a" * TEXT_LIMIT + "TAIL" * 1_000
    with Catalogue.open(built.path) as cat:
        cat.add_note(Note(record_id=built.records["radars"], body=body))
        meeting = cat.meeting(built.meetings["kyiv"])
        cat.update_meeting(replace(meeting, minutes=body))
        sheets = read_content(cat, ReportKind.SHEET, Scope(ids=(built.records["radars"],)))
        minutes = read_content(cat, ReportKind.MINUTES, Scope(ids=(meeting.id,)))
    for content, kind in ((sheets, ReportKind.SHEET), (minutes, ReportKind.MINUTES)):
        html = _html(content, kind)
        assert "a" * TEXT_LIMIT + " … [4,000 more characters]" in html, kind
        assert "TAIL" not in html, kind


def test_a_missing_variable_raises(built: Built, tmp_path: Path) -> None:
    content = _content(built, ReportKind.SUMMARY)
    (tmp_path / "summary.html.j2").write_text("{{ summary.cents }} {{ meta.title }}")
    assert _html(content, ReportKind.SUMMARY, folder=tmp_path) == "135000 Aid report"
    (tmp_path / "summary.html.j2").write_text("{{ summary.cents }} {{ no_such_value }}")
    with pytest.raises(jinja2.UndefinedError):
        _html(content, ReportKind.SUMMARY, folder=tmp_path)
    (tmp_path / "summary.html.j2").write_text("{{ summary.no_such_field }}")
    with pytest.raises(jinja2.UndefinedError):
        _html(content, ReportKind.SUMMARY, folder=tmp_path)


def test_a_template_folder_escapes_too(built: Built, tmp_path: Path) -> None:
    (tmp_path / "list.html.j2").write_text(
        "{% for row in records.rows %}[{{ row.title }}]{% endfor %}"
    )
    html = _html(_content(built, ReportKind.LIST), ReportKind.LIST, folder=tmp_path)
    assert f"[{ESCAPED[BOLD]}]" in html and BOLD not in html


def test_built_in_templates_exist_for_every_kind() -> None:
    for kind in ReportKind:
        assert (templates_dir() / f"{kind.value}.html.j2").is_file(), kind
    assert set(ReportOptions(kind=ReportKind.LIST).columns) == set(LIST_COLUMNS)
