"""A report of one kind over one scope, from the catalogue to a document ready to print:
the same steps for the window and the command line, so that both make the same report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QPageLayout

from aidviewer.i18n import N_
from aidviewer.models.labels import aid_type_label, stage_label
from aidviewer.reports.content import Content, RecordList, ReportKind, Scope, read_content
from aidviewer.reports.render import ReportMeta, ReportOptions, render_html
from aidviewer.store import Catalogue

from .document import PageFrame, ReportDocument, page_layout
from .formats import QtFormats

TITLES: dict[ReportKind, object] = {
    ReportKind.SUMMARY: QT_TRANSLATE_NOOP("Reports", "Aid summary"),
    ReportKind.LIST: QT_TRANSLATE_NOOP("Reports", "Aid records"),
    ReportKind.SHEET: QT_TRANSLATE_NOOP("Reports", "Aid record sheet"),
    ReportKind.MINUTES: QT_TRANSLATE_NOOP("Reports", "Meeting minutes"),
    ReportKind.BRIEFING: QT_TRANSLATE_NOOP("Reports", "Briefing"),
}


def report_title(kind: ReportKind) -> str:
    return QCoreApplication.translate("Reports", str(TITLES[kind]))


def describe_scope(catalogue: Catalogue, kind: ReportKind, scope: Scope) -> tuple[str, ...]:
    """What narrowed the report, in words for its title block: the window and the command
    line describe the same scope the same way."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("Reports", text)

    query = scope.query
    words: list[str] = []
    if kind in (ReportKind.SHEET, ReportKind.MINUTES) and scope.ids:
        return (tr("{n} chosen").format(n=len(scope.ids)),)
    if kind is ReportKind.BRIEFING:
        return ()
    organisations = {org.id: org.name for org in catalogue.organisations()}
    categories = {category.id: category.name for category in catalogue.categories()}
    if query.search:
        words.append(tr("search “{text}”").format(text=query.search))
    for label, ids, names in (
        (N_("Reports", "donor {names}"), query.donor_ids, organisations),
        (N_("Reports", "recipient {names}"), query.recipient_ids, organisations),
        (N_("Reports", "category {names}"), query.category_ids, categories),
    ):
        if ids:
            words.append(tr(label).format(names=", ".join(names.get(i, f"#{i}") for i in ids)))
    if query.aid_types:
        words.append(
            tr("aid type {names}").format(
                names=", ".join(aid_type_label(t) for t in query.aid_types)
            )
        )
    if query.statuses:
        words.append(
            tr("stage {names}").format(names=", ".join(stage_label(s) for s in query.statuses))
        )
    if query.tags:
        words.append(tr("tagged {names}").format(names=", ".join(query.tags)))
    if query.date_from or query.date_to:
        start = query.date_from.isoformat() if query.date_from else "…"
        end = query.date_to.isoformat() if query.date_to else "…"
        words.append(tr("a stage dated {start} to {end}").format(start=start, end=end))
    if query.value_min_cents is not None or query.value_max_cents is not None:
        words.append(tr("value in a chosen range"))
    return tuple(words)


@dataclass(frozen=True)
class PreparedReport:
    """A report's content, read, with what it takes to lay it out: `document()` fills
    the template and lays it out, on any thread (the file is not read again)."""

    content: Content
    options: ReportOptions
    meta: ReportMeta
    frame: PageFrame
    formats: QtFormats

    def html(
        self,
        pages: tuple[tuple[int, int], ...] | None = None,
        breaks: bool = True,
        rows_only: bool = False,
    ) -> str:
        return render_html(
            self.content,
            self.options,
            self.meta,
            self.formats,
            pages=pages,
            breaks=breaks,
            rows_only=rows_only,
        )

    def page_layout(self) -> QPageLayout:
        return page_layout(self.options.page_size, self.options.landscape)

    def document(self) -> ReportDocument:
        content = self.content
        if isinstance(content, RecordList):
            rows = len(content.rows) + 1  # and the total
            return ReportDocument(
                self.html,
                self.frame,
                page_size=self.options.page_size,
                landscape=self.options.landscape,
                rows=rows if "value_eur" in self.options.columns else rows - 1,
            )
        sections = None
        if isinstance(content, tuple):  # record sheets or minutes: each begins a page
            sections = (self._sections, len(content))
        return ReportDocument(
            self.html if sections is not None else self.html(None),  # written when needed
            self.frame,
            page_size=self.options.page_size,
            landscape=self.options.landscape,
            sections=sections,
        )

    def _sections(self, first: int, end: int, rows_only: bool) -> str:
        """The record sheets or minutes from `first` to `end`, as their own document."""
        assert isinstance(self.content, tuple)
        part: Content = self.content[first:end]
        return render_html(part, self.options, self.meta, self.formats, rows_only=rows_only)


def prepare_report(
    catalogue: Catalogue,
    options: ReportOptions,
    scope: Scope,
    *,
    made_by: str,
    filters: tuple[str, ...] = (),
    formats: QtFormats | None = None,
    now: datetime | None = None,
    going_on: Callable[[int, int], bool] | None = None,
) -> PreparedReport:
    """Read the report's content (one short read transaction). `going_on(done, total)`
    hears of the reading's progress and cancels it with False."""
    formats = formats or QtFormats()
    content = read_content(
        catalogue,
        options.kind,
        scope,
        with_notes=options.notes,
        with_history=options.history,
        going_on=going_on,
    )
    made_at = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    meta = ReportMeta(
        title=report_title(options.kind),
        catalogue=catalogue.name,
        made_at=made_at,
        made_by=made_by,
        filters=filters,
    )
    frame = PageFrame(
        title=meta.title,
        catalogue=meta.catalogue,
        made=formats.tr("Made {when} by {who}").format(when=made_at, who=made_by),
        marking=options.marking.strip(),
        page_text=formats.tr("Page {page} of {pages}"),
    )
    return PreparedReport(content, options, meta, frame, formats)


def make_report(
    catalogue: Catalogue,
    options: ReportOptions,
    scope: Scope,
    *,
    made_by: str,
    filters: tuple[str, ...] = (),
    formats: QtFormats | None = None,
    now: datetime | None = None,
    going_on: Callable[[int, int], bool] | None = None,
) -> ReportDocument:
    """Read the content, fill the template and lay it out: a document ready to print."""
    return prepare_report(
        catalogue, options, scope, made_by=made_by, filters=filters, formats=formats,
        now=now, going_on=going_on,
    ).document()  # fmt: skip
