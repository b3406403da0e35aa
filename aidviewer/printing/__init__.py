"""Reports laid out in pages and written to PDF or a printer, by Qt's rich text. Qt GUI
but no widgets: the command line uses it too, on Qt's offscreen platform."""

from .document import PageFrame, ReportDocument, write_pdf
from .formats import QtFormats

__all__ = ["PageFrame", "QtFormats", "ReportDocument", "write_pdf"]
