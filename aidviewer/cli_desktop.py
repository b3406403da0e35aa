"""aidviewer-cli install-desktop and uninstall-desktop: aidviewer in the Linux desktop's
menu, with its icon, and .aidb files opening in it on a double-click, for the current
user only (no administrator rights needed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .desktop import data_home, install_desktop, uninstall_desktop


def add_desktop_commands(commands: Any) -> None:
    install = commands.add_parser(
        "install-desktop",
        help="add aidviewer to the desktop's menu and open .aidb files with it",
        description="Install the menu entry, the catalogue file type and the icons for the"
        " current user in $XDG_DATA_HOME (else ~/.local/share), then refresh the desktop's"
        " databases with the tools that are installed. Installing again is harmless.",
    )
    install.add_argument(
        "--exec",
        dest="exec_path",
        metavar="PATH",
        type=Path,
        help="the program the entry starts (default: the aidviewer program beside this Python)",
    )
    install.set_defaults(run=_install)

    uninstall = commands.add_parser(
        "uninstall-desktop",
        help="remove what install-desktop added",
        description="Remove the files install-desktop wrote for the current user, and"
        " nothing else, then refresh the desktop's databases.",
    )
    uninstall.set_defaults(run=_uninstall)


def _warn(message: str) -> None:
    sys.stderr.write(f"aidviewer-cli: warning: {message}\n")


def _install(args: argparse.Namespace) -> int:
    written = install_desktop(exec_path=args.exec_path, warn=_warn)
    lines = [f"Installed aidviewer for the desktop in “{data_home()}”:"]
    lines += [f"  {path}" for path in written]
    print("\n".join(lines))
    return 0


def _uninstall(args: argparse.Namespace) -> int:
    removed = uninstall_desktop(warn=_warn)
    if not removed:
        print(f"Nothing to remove: aidviewer was not installed for the desktop in “{data_home()}”.")
        return 0
    lines = [f"Removed aidviewer from the desktop in “{data_home()}”:"]
    lines += [f"  {path}" for path in removed]
    print("\n".join(lines))
    return 0
