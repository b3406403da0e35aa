"""The layering of DESIGN.md: store, io and reports import no Qt; models and ui hold no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aidviewer"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            if node.module is None:  # from . import x
                names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _modules(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((PACKAGE / folder).rglob("*.py"))]


HEADLESS = [
    PACKAGE / name
    for name in (
        "cli.py",
        "cli_edit.py",
        "cli_format.py",
        "cli_query.py",
        "sample.py",
        "resources.py",
        "cli_io.py",
        "desktop.py",
        "cli_desktop.py",
    )
]


def _is_qt(name: str) -> bool:
    return name.split(".")[0] in {"PySide6", "shiboken6"} or name.startswith(
        ("aidviewer.models", "aidviewer.ui", "aidviewer.app")
    )


def test_relative_imports_are_resolved() -> None:
    errors = PACKAGE / "store" / "errors.py"
    assert "aidviewer.store.types" in _imports(PACKAGE / "store" / "records.py")
    assert _module_name(errors) == "aidviewer.store.errors"


@pytest.mark.parametrize(
    "path", [*_modules("store", "editing", "io", "reports"), *HEADLESS], ids=lambda p: p.name
)
def test_headless_code_imports_no_qt(path: Path) -> None:
    qt = {name for name in _imports(path) if _is_qt(name)}
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
