"""Linux desktop integration: `aidviewer-cli install-desktop` puts the menu entry, the
catalogue file type and the icons in the user's XDG data folder, so that aidviewer is in
the menu and double-clicking an .aidb file opens it; `uninstall-desktop` takes exactly
those files away again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aidviewer.cli import main
from aidviewer.desktop import (
    ICON_SIZES,
    MIME_TYPE,
    data_home,
    exec_argument,
    gui_script,
    install_desktop,
    installed_files,
    uninstall_desktop,
)
from aidviewer.resources import resource
from aidviewer.store import APPLICATION_ID

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
TOOLS = ("update-desktop-database", "update-mime-database", "gtk-update-icon-cache")


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A person's XDG data folder in a temporary home."""
    home = tmp_path / "home"
    folder = tmp_path / "xdg-data"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """A stand-in for the aidviewer program, for tests that do not start it."""
    path = tmp_path / "bin" / "aidviewer"
    path.parent.mkdir()
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def _entry_value(entry: Path, key: str) -> str:
    group = ""
    for line in entry.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            group = line.strip("[]")
        elif group == "Desktop Entry" and line.split("=", 1)[0] == key:
            return line.split("=", 1)[1]
    raise AssertionError(f"{entry} has no {key} key")


def _exec_argv(entry: Path, file: Path) -> list[str]:
    """The command a desktop runs for the entry's Exec key with `file` opened, read as
    the Desktop Entry Specification says: string escapes first, then the quoting (in
    double quotes a backslash takes the next character literally), then %f and %%."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    raw = _entry_value(entry, "Exec")
    value, i = "", 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw):
            value += escapes.get(raw[i + 1], "\\" + raw[i + 1])
            i += 2
        else:
            value += raw[i]
            i += 1
    arguments: list[str] = []
    current: str | None = None
    quoted = False
    i = 0
    while i < len(value):
        char = value[i]
        if quoted:
            if char == "\\":
                i += 1
                current = (current or "") + value[i]
            elif char == '"':
                quoted = False
            else:
                current = (current or "") + char
        elif char == '"':
            quoted = True
            current = current or ""
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current = None
        else:
            current = (current or "") + char
        i += 1
    assert not quoted, f"unclosed quote in {raw!r}"
    if current is not None:
        arguments.append(current)
    return [str(file) if arg == "%f" else arg.replace("%%", "%") for arg in arguments]


def _validate(entry: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    done = subprocess.run([tool, str(entry)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- what is installed ------------------------------------------------------------------------


def test_install_puts_the_entry_the_file_type_and_every_icon_in_the_data_folder(
    data: Path, program: Path
) -> None:
    written = install_desktop(exec_path=program)
    expected = [
        *(data / f"icons/hicolor/{n}x{n}/apps/aidviewer.png" for n in ICON_SIZES),
        data / "icons/hicolor/scalable/apps/aidviewer.svg",
        data / "mime/packages/aidviewer.xml",
        data / "applications/aidviewer.desktop",
    ]
    assert written == expected == installed_files()
    for n in ICON_SIZES:
        original = resource("icons", "hicolor", f"{n}x{n}", "apps", "aidviewer.png")
        assert (data / f"icons/hicolor/{n}x{n}/apps/aidviewer.png").read_bytes() == (
            original.read_bytes()
        )
    svg = data / "icons/hicolor/scalable/apps/aidviewer.svg"
    assert svg.read_bytes() == resource("icons", "aidviewer.svg").read_bytes()
    mime = data / "mime/packages/aidviewer.xml"
    assert mime.read_bytes() == resource("desktop", "aidviewer-mime.xml").read_bytes()
    entry = data / "applications/aidviewer.desktop"
    assert _entry_value(entry, "Exec") == f"{program} %f"
    assert _entry_value(entry, "TryExec") == str(program)
    assert _entry_value(entry, "Icon") == "aidviewer"
    assert _entry_value(entry, "MimeType") == f"{MIME_TYPE};"
    assert _entry_value(entry, "Terminal") == "false"
    assert all(path.stat().st_mode & 0o777 == 0o644 for path in written)


def test_the_data_folder_is_xdg_data_home_else_the_home_given_or_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_home() == tmp_path / "xdg"
    assert data_home(tmp_path / "other") == tmp_path / "other" / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # ignored, as the spec says
    assert data_home() == tmp_path / "me" / ".local" / "share"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert data_home() == tmp_path / "me" / ".local" / "share"


def test_install_into_a_home_given_writes_under_its_local_share(
    tmp_path: Path, data: Path, program: Path
) -> None:
    home = tmp_path / "someone"
    written = install_desktop(home, program)
    assert all(path.is_relative_to(home / ".local" / "share") for path in written)
    assert all(path.is_file() for path in written)
    assert not data.exists()


def test_by_default_the_entry_starts_the_aidviewer_program_beside_python(data: Path) -> None:
    if not gui_script().is_file():
        pytest.skip(f"aidviewer is not installed beside {sys.executable} (pip install -e .)")
    install_desktop()
    entry = data / "applications/aidviewer.desktop"
    assert _exec_argv(entry, Path("/x/y.aidb")) == [str(gui_script()), "/x/y.aidb"]
    assert Path(_entry_value(entry, "Exec").split()[0]).is_absolute()


def test_a_missing_program_is_refused_before_anything_is_written(
    data: Path, tmp_path: Path
) -> None:
    from aidviewer.store import CatalogueError

    with pytest.raises(CatalogueError, match="not a program"):
        install_desktop(exec_path=tmp_path / "nowhere" / "aidviewer")
    assert not data.exists()


# -- the desktop entry ------------------------------------------------------------------------


def test_the_entry_as_shipped_and_as_installed_is_valid(data: Path, program: Path) -> None:
    _validate(resource("desktop", "aidviewer.desktop"))
    install_desktop(exec_path=program)
    _validate(data / "applications/aidviewer.desktop")


def test_a_program_path_with_spaces_quotes_and_dollars_is_quoted_so_it_runs_as_is(
    data: Path, tmp_path: Path
) -> None:
    odd = tmp_path / 'my apps $HOME 50% "q" back\\slash' / "aidviewer"
    odd.parent.mkdir()
    odd.write_text("#!/bin/sh\nexit 0\n")
    odd.chmod(0o755)
    install_desktop(exec_path=odd)
    entry = data / "applications/aidviewer.desktop"
    _validate(entry)
    assert _exec_argv(entry, Path("/c/a b.aidb")) == [str(odd), "/c/a b.aidb"]
    assert exec_argument("/usr/bin/aidviewer") == "/usr/bin/aidviewer"  # plain: unquoted


# -- the file type ----------------------------------------------------------------------------


def _magic_matches(header: bytes) -> bool:
    """Whether the file type's magic fits a file that begins with `header`, read here
    from the XML: a match holds when its bytes are at its offset and, if it has nested
    matches, one of those holds too."""
    package = ET.parse(resource("desktop", "aidviewer-mime.xml")).getroot()
    kind = package.find(f"{MIME_NS}mime-type")
    assert kind is not None
    magic = kind.find(f"{MIME_NS}magic")
    assert magic is not None

    def holds(match: ET.Element) -> bool:
        offset = int(match.attrib["offset"])
        value = match.attrib["value"]
        if match.attrib["type"] == "string":
            expected = value.encode("latin-1").decode("unicode_escape").encode("latin-1")
        else:
            assert match.attrib["type"] == "big32"
            expected = struct.pack(">I", int(value, 0))
        found = header[offset : offset + len(expected)] == expected
        inner = match.findall(f"{MIME_NS}match")
        return found and (not inner or any(holds(m) for m in inner))

    return any(holds(m) for m in magic.findall(f"{MIME_NS}match"))


def test_the_file_type_has_the_aidb_glob_and_a_magic_of_sqlite_and_our_application_id(
    sample_path: Path, tmp_path: Path
) -> None:
    package = ET.parse(resource("desktop", "aidviewer-mime.xml")).getroot()
    kind = package.find(f"{MIME_NS}mime-type")
    assert kind is not None and kind.attrib["type"] == MIME_TYPE
    assert [g.attrib["pattern"] for g in kind.findall(f"{MIME_NS}glob")] == ["*.aidb"]
    parent = kind.find(f"{MIME_NS}sub-class-of")
    assert parent is not None and parent.attrib["type"] == "application/vnd.sqlite3"
    header = sample_path.read_bytes()[:100]
    assert header[68:72] == struct.pack(">I", APPLICATION_ID)
    assert _magic_matches(header)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:  # another program's SQLite file
        connection.execute("CREATE TABLE t (a)")
    connection.close()
    assert not _magic_matches(other.read_bytes()[:100])
    text = bytearray(header)
    text[0:6] = b"sqlite"  # our application id without the SQLite header is not enough
    assert not _magic_matches(bytes(text))


_LOOKUP = """
import sys
from PySide6.QtCore import QMimeDatabase
db = QMimeDatabase()
for path in sys.argv[1:]:
    print(db.mimeTypeForFile(path).name())
"""


def _mime_types(data: Path, *files: Path) -> list[str]:
    """What a desktop application (here Qt's shared-mime-info reader) calls each file,
    with `data` as the user's data folder."""
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": "/usr/local/share:/usr/share"}
    done = subprocess.run(
        [sys.executable, "-c", _LOOKUP, *map(str, files)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def _files_to_recognise(sample_path: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    renamed = tmp_path / "renamed.bin"  # a catalogue known by its content alone
    shutil.copyfile(sample_path, renamed)
    other = tmp_path / "other.bin"  # another program's SQLite file
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (a)")
    connection.close()
    return sample_path, renamed, other


def test_after_installing_a_catalogue_is_recognised_by_its_name_and_by_its_content(
    data: Path, program: Path, sample_path: Path, tmp_path: Path
) -> None:
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database is not installed (Debian: shared-mime-info)")
    files = _files_to_recognise(sample_path, tmp_path)
    install_desktop(exec_path=program)
    assert (data / "mime" / "mime.cache").is_file()  # the database was refreshed
    assert "*.aidb" in (data / "mime" / "globs2").read_text(encoding="utf-8")
    catalogue, renamed, other = _mime_types(data, *files)
    assert catalogue == MIME_TYPE
    assert renamed == MIME_TYPE
    assert other != MIME_TYPE
    cache = (data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    assert f"{MIME_TYPE}=aidviewer.desktop;" in cache.splitlines()


def test_the_package_alone_is_read_the_same_where_the_database_is_not_rebuilt(
    tmp_path: Path, sample_path: Path
) -> None:
    if shutil.which("update-mime-database") is None:  # Qt reads the system's types too
        pytest.skip("shared-mime-info is not installed (Debian: shared-mime-info)")
    data = tmp_path / "plain"
    (data / "mime" / "packages").mkdir(parents=True)
    shutil.copyfile(resource("desktop", "aidviewer-mime.xml"), data / "mime/packages/aidviewer.xml")
    catalogue, renamed, other = _mime_types(data, *_files_to_recognise(sample_path, tmp_path))
    assert (catalogue, renamed) == (MIME_TYPE, MIME_TYPE)
    assert other != MIME_TYPE


# -- idempotence and uninstalling ---------------------------------------------------------------


def test_installing_twice_gives_the_same_files(data: Path, program: Path) -> None:
    first_list = install_desktop(exec_path=program)
    first = _tree(data)
    second_list = install_desktop(exec_path=program)
    second = _tree(data)
    assert second_list == first_list
    assert second.keys() == first.keys()  # nothing added: no copies, no temporary files
    for path in first_list:
        key = str(path.relative_to(data))
        assert second[key] == first[key]
    lines = (data / "applications/aidviewer.desktop").read_text(encoding="utf-8").splitlines()
    assert [line.split("=")[0] for line in lines if "Exec=" in line] == ["TryExec", "Exec"]
    assert lines.count("[Desktop Entry]") == 1
    if (data / "applications" / "mimeinfo.cache").exists():
        cache = (data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert cache.count("aidviewer.desktop") == 1


def _unrelated(data: Path) -> dict[Path, bytes]:
    """Files of other applications in the same folders, there before aidviewer."""
    files = {
        data / "applications/other.desktop": (
            b"[Desktop Entry]\nType=Application\nName=Other\nExec=other %f\n"
            b"MimeType=application/x-other;\n"
        ),
        data / "mime/packages/other.xml": (
            b'<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/'
            b'shared-mime-info">\n<mime-type type="application/x-other"><comment>Other'
            b'</comment><glob pattern="*.other"/></mime-type>\n</mime-info>\n'
        ),
        data / "icons/hicolor/48x48/apps/other.png": (
            resource("icons", "hicolor", "48x48", "apps", "aidviewer.png").read_bytes()
        ),
        data / "icons/hicolor/scalable/apps/other.svg": b"<svg/>",
        data / "icons/hicolor/48x48/apps/aidviewer-plugin.png": b"not ours",
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return files


def test_uninstall_removes_what_install_wrote_and_leaves_the_rest(
    data: Path, program: Path
) -> None:
    others = _unrelated(data)
    written = install_desktop(exec_path=program)
    removed = uninstall_desktop()
    assert sorted(removed) == sorted(written)
    assert not any(path.exists() for path in written)
    for path, content in others.items():
        assert path.read_bytes() == content
    if shutil.which("update-mime-database"):  # the databases forget aidviewer again
        assert "aidb" not in (data / "mime" / "globs2").read_text(encoding="utf-8")
        assert "*.other" in (data / "mime" / "globs2").read_text(encoding="utf-8")
    if shutil.which("update-desktop-database"):
        cache = (data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert "aidviewer" not in cache and "other.desktop" in cache
    assert uninstall_desktop() == []  # a second time finds nothing to remove


# -- refreshing the desktop's databases --------------------------------------------------------


def test_without_the_tools_the_files_are_installed_and_nothing_is_refreshed(
    data: Path, program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    warnings: list[str] = []
    written = install_desktop(exec_path=program, warn=warnings.append)
    assert all(path.is_file() for path in written)
    assert warnings == []
    assert not (data / "mime" / "mime.cache").exists()
    assert not (data / "applications" / "mimeinfo.cache").exists()


def test_a_failing_tool_is_a_warning_and_never_stops_the_installation(
    data: Path, program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "broken-tools"
    tools.mkdir()
    for name in TOOLS:
        tool = tools / name
        tool.write_text(f"#!/bin/sh\necho '{name} is broken' >&2\nexit 3\n")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    warnings: list[str] = []
    written = install_desktop(exec_path=program, warn=warnings.append)
    assert all(path.is_file() for path in written)
    assert len(warnings) == 3
    for name, warning in zip(TOOLS, warnings, strict=True):
        assert warning.startswith(name) and f"{name} is broken" in warning
    warnings.clear()
    assert sorted(uninstall_desktop(warn=warnings.append)) == sorted(written)
    assert len(warnings) == 3


# -- the icons ----------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int, int]:
    """Width, height and colour type from a PNG file's IHDR chunk."""
    head = path.read_bytes()[:26]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height, head[25]


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_icon_has_exactly_its_size_and_a_transparent_background(size: int) -> None:
    path = resource("icons", "hicolor", f"{size}x{size}", "apps", "aidviewer.png")
    assert _png_size(path) == (size, size, 6)  # 6: RGB with alpha


def test_the_svg_icon_is_a_square_svg() -> None:
    root = ET.parse(resource("icons", "aidviewer.svg")).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.attrib["viewBox"] == "0 0 64 64"


# -- the command line ---------------------------------------------------------------------------


def test_the_commands_install_and_uninstall_and_say_which_files(
    data: Path, program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-desktop", "--exec", str(program)]) == 0
    out = capsys.readouterr().out
    for path in installed_files():
        assert path.is_file()
        assert f"  {path}\n" in out
    assert _entry_value(data / "applications/aidviewer.desktop", "TryExec") == str(program)
    assert main(["uninstall-desktop"]) == 0
    out = capsys.readouterr().out
    assert all(f"  {path}\n" in out for path in installed_files())
    assert not any(path.exists() for path in installed_files())
    assert main(["uninstall-desktop"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_a_program_that_is_not_there_fails_in_one_line(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-desktop", "--exec", str(tmp_path / "missing")]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("aidviewer-cli: ") and captured.err.count("\n") == 1
    assert "missing" in captured.err
    assert not data.exists()


def test_the_desktop_commands_load_no_qt() -> None:
    code = (
        "import sys, aidviewer.cli, aidviewer.desktop, aidviewer.cli_desktop\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


# -- the installed entry starts aidviewer on the file ---------------------------------------------


def _recent_in_settings(config: Path) -> str:
    return "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in config.rglob("*.conf")
        if path.is_file()
    )


@pytest.mark.slow
def test_the_installed_entrys_exec_line_opens_the_catalogue_in_the_window(
    data: Path, sample_path: Path, tmp_path: Path
) -> None:
    if not gui_script().is_file():
        pytest.skip(f"aidviewer is not installed beside {sys.executable} (pip install -e .)")
    install_desktop()
    command = _exec_argv(data / "applications/aidviewer.desktop", sample_path)
    assert command == [str(gui_script()), str(sample_path)]
    config, own_data, run = tmp_path / "config", tmp_path / "app-data", tmp_path / "run"
    run.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(config),  # the settings, with the recent files
        "AIDVIEWER_DATA_DIR": str(own_data),  # where a default catalogue would go
        "TMPDIR": str(run),  # the single-instance socket: meet no other aidviewer
        "AIDVIEWER_INSTANCE_NAME": f"aidviewer-test-{uuid.uuid4().hex[:12]}",
    }
    with (tmp_path / "out.txt").open("wb") as out, (tmp_path / "err.txt").open("wb") as err:
        window = subprocess.Popen(command, env=env, stdout=out, stderr=err, cwd=tmp_path)
        try:
            # The window records the catalogue among the recent files once it has opened
            # it; there is no hook that makes the window quit by itself, so it is ended.
            deadline = time.monotonic() + 12
            while time.monotonic() < deadline and window.poll() is None:
                if str(sample_path) in _recent_in_settings(config):
                    break
                time.sleep(0.1)
            still_running = window.poll() is None
        finally:
            window.terminate()
            window.wait(timeout=10)
    errors = (tmp_path / "err.txt").read_text(errors="replace")
    assert still_running, f"aidviewer ended early: {errors}"
    assert f"path={sample_path}" in _recent_in_settings(config), errors
    assert not own_data.exists()  # it opened the file given, not a default catalogue


def _xvfb(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """An X server of this test's own on a free display number, and that display."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder,
    )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as said:
        number = said.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not say which display it serves")
    return server, f":{number}"


def _windows_named(display: str, name: str) -> list[str]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", f"^{name}$"],
        env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return found.stdout.split()


def _wait_for(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="Xvfb and xdotool are not installed: .ci/run installs xvfb and xdotool",
)
def test_under_x_the_exec_line_shows_the_catalogue_and_a_second_launch_hands_over(
    data: Path, sample_path: Path, tmp_path: Path
) -> None:
    """As a desktop does it: the installed entry's Exec line with a catalogue, on a real X
    server (Qt's xcb platform), shows a window titled with that catalogue; the same line
    with another catalogue ends at once and the first window shows that one instead."""
    if not gui_script().is_file():
        pytest.skip(f"aidviewer is not installed beside {sys.executable} (pip install -e .)")
    install_desktop()
    entry = data / "applications/aidviewer.desktop"
    other = tmp_path / "other.aidb"
    shutil.copyfile(sample_path, other)
    server, display = _xvfb(tmp_path)
    run = tmp_path / "run"
    run.mkdir()
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "AIDVIEWER_DATA_DIR": str(tmp_path / "app-data"),
        "TMPDIR": str(run),
        "AIDVIEWER_INSTANCE_NAME": f"aidviewer-test-{uuid.uuid4().hex[:12]}",
    }
    env.pop("WAYLAND_DISPLAY", None)
    err = (tmp_path / "err.txt").open("wb")
    try:
        first = subprocess.Popen(
            _exec_argv(entry, sample_path), env=env, stdout=subprocess.DEVNULL, stderr=err
        )
        try:
            shown = _wait_for(lambda: _windows_named(display, "sample — aidviewer"), 30)
            errors = (tmp_path / "err.txt").read_text(errors="replace")
            assert shown, f"no window titled with the catalogue appeared: {errors}"
            second = subprocess.run(
                _exec_argv(entry, other), env=env, capture_output=True, timeout=60, check=False
            )
            assert second.returncode == 0, second.stderr.decode(errors="replace")
            assert _wait_for(lambda: _windows_named(display, "other — aidviewer"), 30)
            assert first.poll() is None  # the first instance opened it and runs on
            assert _windows_named(display, "sample — aidviewer") == []
        finally:
            first.terminate()
            first.wait(timeout=20)
    finally:
        err.close()
        server.terminate()
        server.wait(timeout=10)
