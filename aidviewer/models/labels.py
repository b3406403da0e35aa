"""People's names for the store's enumerations, translated where they are shown."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from aidviewer.editing import Problem
from aidviewer.store import AidType, StageKind

CONTEXT = "Labels"

# PySide6 types QT_TRANSLATE_NOOP as returning object: it returns its text argument.
_AID_TYPES: dict[AidType, object] = {
    AidType.MILITARY: QT_TRANSLATE_NOOP("Labels", "Military"),
    AidType.HUMANITARIAN: QT_TRANSLATE_NOOP("Labels", "Humanitarian"),
    AidType.FINANCIAL: QT_TRANSLATE_NOOP("Labels", "Financial"),
}

_STAGES: dict[StageKind, object] = {
    StageKind.ANNOUNCED: QT_TRANSLATE_NOOP("Labels", "Announced"),
    StageKind.COMMITTED: QT_TRANSLATE_NOOP("Labels", "Committed"),
    StageKind.ALLOCATED: QT_TRANSLATE_NOOP("Labels", "Allocated"),
    StageKind.DELIVERED: QT_TRANSLATE_NOOP("Labels", "Delivered"),
    StageKind.CANCELLED: QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}


def aid_type_label(aid_type: AidType) -> str:
    return QCoreApplication.translate(CONTEXT, str(_AID_TYPES[aid_type]))


def stage_label(stage: StageKind | None) -> str:
    return "" if stage is None else QCoreApplication.translate(CONTEXT, str(_STAGES[stage]))


def problem_text(problem: Problem) -> str:
    """A rule's sentence in the user's language (context "Rules"), its values filled in."""
    template = QCoreApplication.translate("Rules", problem.template)
    return template.format(**dict(problem.values))
