"""Shared fixtures: real catalogue files on disk, and the hostile note bodies of T27;
`figures` and the table of figures come from the plugin figures.py."""

from __future__ import annotations

import os

# Real widgets, no screen: set before Qt is imported by any test module.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import base64
import shutil
from pathlib import Path

import pytest

from aidviewer.sample import SAMPLE_USER, fill_sample
from aidviewer.store import Catalogue

pytest_plugins = ["figures"]

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def _sample_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("master") / "sample.aidb"
    Catalogue.create(path, user=SAMPLE_USER, fill=fill_sample).close()
    return path


@pytest.fixture
def sample_path(_sample_master: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample catalogue, a real file this test may change."""
    path = tmp_path / "sample.aidb"
    shutil.copyfile(_sample_master, path)
    return path


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    """A new, empty catalogue file."""
    path = tmp_path / "empty.aidb"
    Catalogue.create(path, user="tester").close()
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public aid data in ../shared/data (CI has it there; it is not copied into
    the repository)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(
            f"the real aid data is not at {SHARED_DATA} (../shared/data beside the repository)"
        )
    return SHARED_DATA


_PNG = base64.b64decode(  # one red pixel
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@pytest.fixture
def hostile_notes(tmp_path: Path) -> list[str]:
    """The note bodies of RELIABILITY.md T27, each to be shown and printed as these very
    characters. The image and the file they name exist (in tmp_path): a body rendered as
    markup rather than shown as text would have them read. `make soak` has RELIABILITY's
    note nested 10,000 tables deep and 1 MB single line; `make test` 100 tables and
    100,000 characters (still too long to be shown whole)."""
    from figures import scale  # the plugin, imported by pytest_plugins first

    tables, line = scale(100, 10_000), scale(100_000, 1_000_000)
    canary = tmp_path / "canary.png"
    canary.write_bytes(_PNG)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-27", encoding="utf-8")
    return [
        "<b>x</b>",
        f'<img src="{canary.as_uri()}">',
        f'<img src="{secret}">',
        '<a href="file:///etc/passwd">passwd</a>',
        "<style>body{display:none}</style>",
        "&lt;b&gt; &amp;lt; &#60;i&#62;",
        "<table><tr><td>" * tables + "deep" + "</td></tr></table>" * tables,
        "W" * line,
        "\u202eright-to-left override",
    ]
