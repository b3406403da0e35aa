"""The layering of DESIGN.md: store, io and reports import no Qt; models and ui hold no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aidviewer"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((PACKAGE / folder).rglob("*.py"))]


@pytest.mark.parametrize("path", _modules("store", "io", "reports"), ids=lambda p: p.name)
def test_no_qt_below_the_models(path: Path) -> None:
    qt = {name for name in _imports(path) if name.split(".")[0] in {"PySide6", "shiboken6"}}
    assert not qt, f"{path.relative_to(PACKAGE)} imports {sorted(qt)}"


@pytest.mark.parametrize("path", _modules("models", "ui"), ids=lambda p: p.name)
def test_no_sql_above_the_store(path: Path) -> None:
    forbidden = {"sqlite3", "PySide6.QtSql"}
    assert not (_imports(path) & forbidden), f"{path.relative_to(PACKAGE)} talks SQL directly"


def test_the_store_does_not_reach_up() -> None:
    for path in _modules("store"):
        upward = {
            name
            for name in _imports(path)
            if name.startswith(("aidviewer.models", "aidviewer.ui", "aidviewer.app"))
        }
        assert not upward, f"{path.name} imports {sorted(upward)}"


def test_the_checks_see_the_store() -> None:
    # Guards the parametrisation above: an empty list would make it pass vacuously.
    assert len(_modules("store")) >= 5
