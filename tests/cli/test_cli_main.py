"""The command line as a program: version, usage mistakes, exit codes, pipes, the script."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import aidviewer
from aidviewer import cli
from aidviewer.store import Catalogue

Run = Callable[..., Any]  # the `run` fixtures of conftest.py, returning a Result


def test_version(run: Run) -> None:
    result = run("--version")
    assert result == (0, f"aidviewer {aidviewer.__version__}\n", "")


def test_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    for command in ("new", "check", "records", "meetings"):
        assert command in result.out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        ((), "required: COMMAND"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        (("records",), "required: FILE"),
        (("records", "x.aidb", "--format", "xml"), "invalid choice: 'xml'"),
        (("check", "x.aidb", "--bogus"), "unrecognized arguments: --bogus"),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(run: Run, argv: tuple[str, ...], words: str) -> None:
    line = run(*argv).failed(2)
    assert words in line
    assert "--help" in line


def test_missing_file_is_one_line(run: Run, tmp_path: Path) -> None:
    line = run("records", tmp_path / "nowhere.aidb").failed()
    assert line == "aidviewer-cli: The file “nowhere.aidb” does not exist."


def test_os_error_the_store_does_not_translate_is_one_line(run: Run, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "plain.txt"
    not_a_folder.write_text("text")
    line = run("check", not_a_folder / "inside.aidb").failed()
    assert "inside.aidb" in line
    assert "Not a directory" in line


def test_interrupt_exits_130_quietly(
    run: Run, built_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> Catalogue:
        raise KeyboardInterrupt

    monkeypatch.setattr(Catalogue, "open", interrupted)
    assert run("records", built_path) == (130, "", "")


def test_a_bug_is_one_line_with_its_own_status(
    run: Run, built_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> Catalogue:
        raise RuntimeError("boom")

    monkeypatch.setattr(Catalogue, "open", broken)
    line = run("check", built_path).failed(cli.BUG)
    assert line.endswith("RuntimeError: boom")


class _ClosingPipe:
    """A stdout whose reader goes away after the first write, as `head` does."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        if self.writes:
            raise BrokenPipeError(32, "Broken pipe")
        self.writes.append(text)
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(("command", "fmt"), [("records", "json"), ("meetings", "csv")])
def test_broken_pipe_in_process_is_quiet(
    built_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    fmt: str,
) -> None:
    pipe = _ClosingPipe()
    monkeypatch.setattr(sys, "stdout", pipe)
    assert cli.main([command, str(built_path), "--format", fmt]) == cli.BROKEN_PIPE
    assert len(pipe.writes) == 1  # the start; the first row, read mid-transaction, failed
    # The row generator left half-way must not fail when collected after its catalogue
    # closed (pytest fails the test on such an "Exception ignored in" error).
    gc.collect()
    assert capsys.readouterr().err == ""


# -- the installed console script ------------------------------------------------------------


def test_script_version(run_script: Run) -> None:
    assert run_script("--version") == (0, f"aidviewer {aidviewer.__version__}\n", "")


def test_script_writes_json(run_script: Run, built_path: Path) -> None:
    result = run_script("records", built_path, "--format", "json")
    assert (result.code, result.err) == (0, "")
    titles = [row["title"] for row in json.loads(result.out)]
    assert titles[:2] == ["NASAMS launchers", "=cmd()"]


def test_script_failure_is_one_line(run_script: Run, tmp_path: Path) -> None:
    text = tmp_path / "notes.aidb"
    text.write_text("not a catalogue\n")
    line = run_script("meetings", text).failed()
    assert line == "aidviewer-cli: The file “notes.aidb” is not an aidviewer catalogue."


def test_script_into_a_closed_pipe_is_quiet(script_path: Path, built_path: Path) -> None:
    with subprocess.Popen(
        [str(script_path), "records", str(built_path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before the program writes: its first write fails
        err = process.stderr.read()
        code = process.wait(timeout=60)
    assert err == b""
    assert code == cli.BROKEN_PIPE


def test_reading_commands_open_read_only(
    run: Run, built_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes: list[bool] = []
    real_open = Catalogue.open

    def spy(path: Path, *, read_only: bool = False, **kwargs: Any) -> Catalogue:
        modes.append(read_only)
        return real_open(path, read_only=read_only, **kwargs)

    monkeypatch.setattr(Catalogue, "open", spy)
    for argv in (
        ("check", built_path),
        ("records", built_path, "--format", "json"),
        ("records", built_path, "--format", "csv"),
        ("records", built_path),
        ("meetings", built_path, "--format", "json"),
        ("meetings", built_path),
    ):
        assert run(*argv).code == 0
    assert modes == [True] * 6
