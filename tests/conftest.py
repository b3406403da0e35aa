"""Shared fixtures: real catalogue files on disk."""

from __future__ import annotations

import os

# Real widgets, no screen: set before Qt is imported by any test module.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from pathlib import Path

import pytest

from aidviewer.sample import SAMPLE_USER, fill_sample
from aidviewer.store import Catalogue

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
