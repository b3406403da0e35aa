"""The one-folder application `make bundle` builds with PyInstaller.

The spec is checked on every run; the built application only when it has been built
(`make bundle` takes a minute or more, so `make test` does not build it): it must start
on a catalogue, keep its window open and record the catalogue among the recent files.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from aidviewer import resources

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "resources" / "packaging"
SPEC = PACKAGING / "aidviewer.spec"
LAUNCH = PACKAGING / "launch.py"
BUNDLE = ROOT / "build" / "bundle" / "dist" / "aidviewer"
PROGRAM = BUNDLE / ("aidviewer.exe" if sys.platform == "win32" else "aidviewer")
NOT_BUILT = f"the bundle is not built ({PROGRAM} is missing): run `make bundle`"


# -- the spec ---------------------------------------------------------------------------------


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def _keyword(call: ast.Call, name: str) -> object:
    for keyword in call.keywords:
        if keyword.arg == name:
            return ast.literal_eval(keyword.value)
    raise AssertionError(f"{name}= is not given")


def test_the_spec_is_python_and_names_the_entry_point_and_the_data() -> None:
    source = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(SPEC))
    # It starts from launch.py, which starts the window as the `aidviewer` command does.
    assert 'ENTRY = HERE / "launch.py"' in source
    assert len(_calls(tree, "Analysis")) == 1
    launch = ast.parse(LAUNCH.read_text(encoding="utf-8"))
    imports = [node for node in ast.walk(launch) if isinstance(node, ast.ImportFrom)]
    assert any(node.module == "aidviewer.app" and node.names[0].name == "main" for node in imports)
    # A window program named aidviewer, with no console on Windows.
    (exe,) = _calls(tree, "EXE")
    assert _keyword(exe, "name") == "aidviewer"
    assert _keyword(exe, "console") is False
    assert _keyword(_calls(tree, "COLLECT")[0], "name") == "aidviewer"
    # The data it must carry: resources/ where aidviewer/resources.py looks when frozen,
    # the ECB rates and the ISO lists.
    assert 'RESOURCES = ROOT / "resources"' in source
    assert 'str(Path("resources") / relative.parent)' in source
    collected = {
        ast.literal_eval(call.args[0]) for call in _calls(tree, "collect_data_files") if call.args
    }
    assert {"currency_converter", "pycountry"} <= collected
    metadata = {ast.literal_eval(call.args[0]) for call in _calls(tree, "copy_metadata")}
    assert {"aidviewer", "pycountry"} <= metadata  # pycountry.__version__ reads its own


def test_the_rates_file_the_spec_collects_is_in_the_installed_package() -> None:
    import currency_converter

    assert (Path(currency_converter.__file__).parent / "eurofxref-hist.zip").is_file()


def test_a_bundle_finds_resources_in_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resources.resources_dir() == ROOT / "resources"  # the source tree
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == ROOT / "resources"  # not frozen: as before
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.resource("reports", "list.html.j2") == (
        tmp_path / "resources" / "reports" / "list.html.j2"
    )


# -- the built application --------------------------------------------------------------------


def test_the_bundle_carries_resources_rates_and_iso_lists() -> None:
    if not PROGRAM.is_file():
        pytest.skip(NOT_BUILT)
    inside = BUNDLE / "_internal"
    for name in ("reports/list.html.j2", "sample/lithuania-ukraine-2023.toml"):
        assert (inside / "resources" / name).is_file(), name
    assert (inside / "resources" / "icons" / "aidviewer.svg").is_file()
    assert not (inside / "resources" / "packaging").exists()
    assert (inside / "currency_converter" / "eurofxref-hist.zip").is_file()
    assert (inside / "pycountry" / "databases" / "iso3166-1.json").is_file()
    assert (inside / "pycountry" / "databases" / "iso4217.json").is_file()


def _settings_text(config: Path) -> str:
    return "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in config.rglob("*.conf")
        if path.is_file()
    )


@pytest.mark.slow
def test_the_bundle_opens_its_window_on_a_catalogue(sample_path: Path, tmp_path: Path) -> None:
    if not PROGRAM.is_file():
        pytest.skip(NOT_BUILT)
    config, own_data, run = tmp_path / "config", tmp_path / "app-data", tmp_path / "run"
    run.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(config),  # the settings, with the recent files
        "AIDVIEWER_DATA_DIR": str(own_data),  # where a default catalogue would go
        "TMPDIR": str(run),  # the single-instance socket: meet no other aidviewer
        "AIDVIEWER_INSTANCE_NAME": f"aidviewer-bundle-{uuid.uuid4().hex[:12]}",
    }
    with (tmp_path / "out.txt").open("wb") as out, (tmp_path / "err.txt").open("wb") as err:
        window = subprocess.Popen(
            [str(PROGRAM), str(sample_path)], env=env, stdout=out, stderr=err, cwd=tmp_path
        )
        try:
            # The window records the catalogue among the recent files once it has opened
            # it; it then has to keep running for a few seconds, until it is ended.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and window.poll() is None:
                if str(sample_path) in _settings_text(config):
                    break
                time.sleep(0.1)
            time.sleep(3)
            still_running = window.poll() is None
        finally:
            window.terminate()
            window.wait(timeout=10)
    errors = (tmp_path / "err.txt").read_text(errors="replace")
    assert still_running, f"the bundled aidviewer ended early: {errors}"
    assert f"path={sample_path}" in _settings_text(config), errors
    assert not own_data.exists()  # it opened the file given, not a default catalogue
    assert "Traceback" not in errors, errors


def test_the_spec_reads_the_version_aidviewer_says() -> None:
    """The bundle's version (Info.plist on a Mac) is the package's own."""
    import aidviewer

    spec = Path(__file__).resolve().parents[1] / "resources/packaging/aidviewer.spec"
    source = spec.read_text("utf-8")
    start = source.index("# The version is written once")
    found: dict[str, object] = {"ROOT": spec.parents[2]}
    exec("import ast\n" + source[start : source.index("\n\n\n", start)], found)
    assert found["VERSION"] == aidviewer.__version__
