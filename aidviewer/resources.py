"""Where the files under `resources/` are found at run time."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a source tree or editable install,
    under the installation prefix otherwise."""
    here = Path(__file__).resolve().parent.parent / "resources"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "aidviewer" / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
