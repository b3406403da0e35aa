"""Linux desktop integration: the menu entry, the catalogue file type and the icon.

`install_desktop` puts them in the current user's XDG data folder ($XDG_DATA_HOME, else
~/.local/share), so that aidviewer appears among the applications and double-clicking an
.aidb file opens it in aidviewer:

- applications/aidviewer.desktop, whose Exec line starts the installed `aidviewer`
  program with the file;
- mime/packages/aidviewer.xml, the file type application/x-aidviewer-catalogue: the .aidb
  name, or an SQLite header carrying aidviewer's application id;
- icons/hicolor/<N>x<N>/apps/aidviewer.png at every size, and the SVG under scalable/.

Installing again writes the same files; `uninstall_desktop` removes exactly these files
and nothing else beside them. Both then refresh the desktop's databases with
update-desktop-database, update-mime-database and gtk-update-icon-cache, each only when it
is installed; a tool that fails is reported as a warning and changes nothing else.

The originals live under resources/desktop and resources/icons. No Qt is needed here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .resources import resource
from .store import CatalogueError

APP_ID = "aidviewer"
GUI_SCRIPT = "aidviewer"
MIME_TYPE = "application/x-aidviewer-catalogue"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TOOL_TIMEOUT_S = 60

Warn = Callable[[str], None]

_log = logging.getLogger(__name__)

# Characters that oblige an Exec argument to be quoted (Desktop Entry Specification,
# "The Exec key"); inside the quotes these four take a backslash.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


def data_home(home: Path | None = None) -> Path:
    """The XDG data folder the files go to: home/.local/share when `home` is given;
    otherwise $XDG_DATA_HOME when it is an absolute path (the specification says to
    ignore a relative one), else ~/.local/share."""
    if home is not None:
        return Path(os.path.abspath(home)) / ".local" / "share"
    configured = os.environ.get("XDG_DATA_HOME", "")
    if configured and os.path.isabs(configured):
        return Path(configured)
    return Path.home() / ".local" / "share"


def gui_script() -> Path:
    """The `aidviewer` window program installed beside the running Python, as pip puts
    a package's scripts beside the interpreter of its environment. The symbolic link a
    virtual environment's python is made of is not followed: the script is beside the
    link."""
    return Path(os.path.abspath(sys.executable)).parent / GUI_SCRIPT


def exec_argument(argument: str) -> str:
    """One argument of an Exec line, quoted and escaped as the Desktop Entry
    Specification asks, ready to be written in the file (string escapes included)."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in argument):
        raise ValueError("an Exec argument cannot hold control characters")
    if argument and not any(char in _RESERVED for char in argument):
        quoted = argument
    else:
        inner = "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in argument)
        quoted = f'"{inner}"'
    # A literal percent sign is written twice; then the value is a string, in which a
    # backslash is itself written as two.
    return quoted.replace("%", "%%").replace("\\", "\\\\")


def _string_value(text: str) -> str:
    """`text` as a desktop entry string value (a backslash written as two)."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        raise ValueError("a desktop entry value cannot hold control characters")
    return text.replace("\\", "\\\\")


def desktop_entry(template: str, program: Path) -> str:
    """The desktop entry `template` with its Exec and TryExec keys pointing at
    `program`: Exec starts it with the file that was opened (%f), TryExec hides the entry
    once the program is gone."""
    values = {
        "Exec": f"{exec_argument(str(program))} %f",
        "TryExec": _string_value(str(program)),
    }
    lines: list[str] = []
    group = ""
    done: set[str] = set()
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            group = stripped[1:-1]
        key = line.split("=", 1)[0].strip() if "=" in line else ""
        if group == "Desktop Entry" and key in values:
            line = f"{key}={values[key]}"
            done.add(key)
        lines.append(line)
    missing = sorted(set(values) - done)
    if missing:
        raise ValueError(f"the desktop entry template has no {', '.join(missing)} key")
    return "\n".join(lines) + "\n"


def _sources_and_targets(data: Path) -> list[tuple[Path, Path]]:
    """Every file the installation writes, as (original under resources/, target),
    icons first and the menu entry last: the entry appears once its icon is there."""
    pairs = [
        (
            resource("icons", "hicolor", f"{n}x{n}", "apps", f"{APP_ID}.png"),
            data / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png",
        )
        for n in ICON_SIZES
    ]
    pairs.append(
        (
            resource("icons", f"{APP_ID}.svg"),
            data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        )
    )
    pairs.append(
        (
            resource("desktop", f"{APP_ID}-mime.xml"),
            data / "mime" / "packages" / f"{APP_ID}.xml",
        )
    )
    pairs.append(
        (
            resource("desktop", f"{APP_ID}.desktop"),
            data / "applications" / f"{APP_ID}.desktop",
        )
    )
    return pairs


def installed_files(home: Path | None = None) -> list[Path]:
    """The files `install_desktop` writes (and `uninstall_desktop` removes)."""
    return [target for _, target in _sources_and_targets(data_home(home))]


def _write_atomically(target: Path, content: bytes) -> None:
    """Write `content` to a temporary file beside `target`, then rename it into place:
    a reader sees the old file or the new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _checked_program(exec_path: Path | None) -> Path:
    if exec_path is None:
        program = gui_script()
        if not program.is_file():
            raise CatalogueError(
                f"The aidviewer program was not found beside Python at “{program}”;"
                " give its path with --exec."
            )
    else:
        program = Path(os.path.abspath(exec_path))
        if not program.is_file() or not os.access(program, os.X_OK):
            raise CatalogueError(f"“{program}” is not a program that can be started.")
    return program


def install_desktop(
    home: Path | None = None, exec_path: Path | None = None, *, warn: Warn | None = None
) -> list[Path]:
    """Install the menu entry, the catalogue file type and the icons for the current
    user; return the files written.

    `home` is the user's home folder (None: the XDG data folder of this session, see
    `data_home`); `exec_path` the program the entry starts (None: the `aidviewer` script
    beside this Python). Raises CatalogueError, in one sentence, when the program or the
    originals are missing or a file cannot be written. `warn` (default: the log) hears
    about a database refresh that failed; it never stops the installation.
    """
    if sys.platform in ("win32", "darwin"):
        raise CatalogueError("Installing a desktop entry is for Linux and similar desktops.")
    program = _checked_program(exec_path)
    data = data_home(home)
    pairs = _sources_and_targets(data)
    missing = [source for source, _ in pairs if not source.is_file()]
    if missing:
        raise CatalogueError(
            f"This installation of aidviewer lacks its desktop files (“{missing[0]}” is missing)."
        )
    # Everything is read and prepared before the first file is written.
    contents: list[tuple[Path, bytes]] = []
    for source, target in pairs:
        content = source.read_bytes()
        if target.suffix == ".desktop":
            try:
                entry = desktop_entry(content.decode("utf-8"), program)
            except ValueError as error:
                raise CatalogueError(
                    f"The program path “{program}” cannot be written in a desktop entry ({error})."
                ) from None
            content = entry.encode("utf-8")
        contents.append((target, content))
    for target, content in contents:
        try:
            _write_atomically(target, content)
        except OSError as error:
            raise CatalogueError(
                f"“{target}” could not be written: {error.strerror or error}.", target
            ) from error
    refresh_databases(data, warn=warn)
    return [target for target, _ in contents]


def uninstall_desktop(home: Path | None = None, *, warn: Warn | None = None) -> list[Path]:
    """Remove what `install_desktop` wrote for the current user, and nothing else;
    return the files removed (none when it was not installed)."""
    data = data_home(home)
    removed: list[Path] = []
    for target in reversed(installed_files(home)):  # the menu entry first
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise CatalogueError(
                f"“{target}” could not be removed: {error.strerror or error}.", target
            ) from error
        removed.append(target)
    if removed:
        refresh_databases(data, warn=warn)
    return removed


def refresh_databases(data: Path, warn: Warn | None = None) -> list[str]:
    """Rebuild the caches that desktops read instead of the files themselves; return
    the tools that ran. A tool that is not installed is skipped; one that fails goes to
    `warn` (default: the log)."""
    report: Warn = warn if warn is not None else _log.warning
    commands = (
        ("update-desktop-database", data / "applications", ()),
        ("update-mime-database", data / "mime", ()),
        ("gtk-update-icon-cache", data / "icons" / "hicolor", ("-f", "-t", "-q")),
    )
    ran: list[str] = []
    for tool, folder, options in commands:
        found = shutil.which(tool)
        if found is None or not folder.is_dir():
            continue
        ran.append(tool)
        try:
            done = subprocess.run(
                [found, *options, str(folder)],
                capture_output=True,
                text=True,
                errors="replace",
                timeout=TOOL_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            report(f"{tool} could not refresh “{folder}”: {error}.")
            continue
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            reason = said[0] if said else f"exit status {done.returncode}"
            report(f"{tool} could not refresh “{folder}”: {reason}")
    return ran
