"""Where the files under `resources/` are found at run time."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: inside the application folder of a bundle made by
    PyInstaller (`make bundle`), beside the package in a source tree or editable install,
    under the installation prefix otherwise."""
    bundled = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and isinstance(bundled, str):
        return Path(bundled) / "resources"
    here = Path(__file__).resolve().parent.parent / "resources"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "aidviewer" / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
