"""$AIDVIEWER_STARTUP_PROBE, by which benchmarks/startup.py times a launch: the real entry
point says "painted" once the records table shows rows, and ends by itself with code 0;
and the first window loads neither the printing nor the file readers and writers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from aidviewer.app import PROBE_VARIABLE

TIMEOUT = 120  # seconds: generous, on a busy machine; no timing is asserted

# What the first window does without; each is loaded when first used.
NOT_AT_START = (
    "jinja2",
    "PySide6.QtPrintSupport",
    "PySide6.QtCharts",
    "aidviewer.printing",
    "aidviewer.io.importer",
    "aidviewer.ui.report_actions",
    "aidviewer.ui.io_actions",
    "currency_converter",  # the ECB rate table: when an amount is first valued
    "pycountry",  # the ISO lists: when a currency or country is first checked
)


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        PROBE_VARIABLE: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "AIDVIEWER_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "AIDVIEWER_INSTANCE_NAME": f"aidviewer-test-{uuid.uuid4().hex[:12]}",
    }


@pytest.mark.slow
def test_the_probe_says_painted_and_ends_the_application(sample_path: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aidviewer.app", str(sample_path)],
        env=_env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["painted"]
    assert not (tmp_path / "data").exists()  # the file given was opened, not the default


@pytest.mark.slow
def test_the_first_window_loads_no_printing_and_no_file_readers(
    sample_path: Path, tmp_path: Path
) -> None:
    # The real entry point, run in a process that then says which modules it loaded.
    script = (
        "import json, runpy, sys\n"
        f"sys.argv = ['aidviewer', {str(sample_path)!r}]\n"
        "try:\n"
        "    runpy.run_module('aidviewer.app', run_name='__main__')\n"
        "except SystemExit as end:\n"
        "    code = end.code\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=_env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "painted"
    found = json.loads(lines[-1])
    assert found["code"] == 0
    loaded = [
        name
        for name in found["modules"]
        if any(name == early or name.startswith(early + ".") for early in NOT_AT_START)
    ]
    assert loaded == []


@pytest.mark.slow
@pytest.mark.parametrize("script", ["OVER_SQLITE", "RECORDS_PAGE"])
def test_the_benchmarks_comparison_windows_paint_rows_of_the_catalogue(
    sample_path: Path, tmp_path: Path, script: str
) -> None:
    """The start-up benchmark's two comparison launches run as written (they build
    aidviewer's records page by hand, so a change of its constructor shows here)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import startup

    done = subprocess.run(
        [sys.executable, "-c", getattr(startup, script), str(sample_path)],
        env=_env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("painted ")
