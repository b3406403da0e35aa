"""Hostile and huge XML given to the IATI reader (RELIABILITY.md T24): refused at once,
with a plain message that quotes nothing from the file, without fetching anything; and a
big file read as a stream in bounded memory, which the person can cancel.

Each refusal's time and extra memory are figures of the run. `make soak` holds them to
RELIABILITY.md's bounds (under 1 s, under 64 MB); `make test` to the same memory bound
and a time bound ten times as loose (a refusal takes milliseconds; a parser expanding
entities would take far longer), so that a busy machine does not fail it."""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from figures import SOAK, Figures, PeakRss

from aidviewer.io.iati import MAX_BYTES, MAX_DEPTH, read_iati
from aidviewer.io.items import BadFileError, ImportCancelledError, Item

MARKER = "SECRET-MARKER-7d1f"
SECOND = 1.0
TIME_LIMIT = SECOND if SOAK else 10 * SECOND
MEMORY_LIMIT_MB = 64
MEGABYTE = 1 << 20


def _refused(path: Path, figures: Figures, *, match: str, label: str = "") -> str:
    """Read `path`, which must be refused quickly and in little memory; the message.
    Records the time and memory the refusal took (after `label`, if given)."""
    with PeakRss() as peak:
        began = time.perf_counter()
        with pytest.raises(BadFileError, match=match) as refusal:
            list(read_iati(path))
        took = time.perf_counter() - began
    figures.add(f"{label}refused in (ms)", f"{1000 * took:.1f}")
    figures.add(f"{label}extra RSS (MB)", f"{peak.mb:.1f}")
    assert took < TIME_LIMIT
    assert peak.mb < MEMORY_LIMIT_MB
    message = str(refusal.value)
    assert MARKER not in message
    assert "root:" not in message
    assert path.name in message
    return message


def _file(tmp_path: Path, text: str, name: str = "hostile.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ACTIVITY = (
    "<iati-activity><iati-identifier>XM-1</iati-identifier>"
    "<title><narrative>{title}</narrative></title></iati-activity>"
)


def test_billion_laughs_is_refused(tmp_path: Path, figures: Figures) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE iati-activities [\n{chr(10).join(entities)}\n'
        f'<!ENTITY marker "{MARKER}">\n]>\n<iati-activities version="2.03">'
        + ACTIVITY.format(title="&lol9;&marker;")
        + "</iati-activities>"
    )
    _refused(_file(tmp_path, text), figures, match="document type declaration")


def test_quadratic_blowup_is_refused(tmp_path: Path, figures: Figures) -> None:
    big = MARKER + "A" * 100_000
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE iati-activities [<!ENTITY a "{big}">]>\n'
        '<iati-activities version="2.03">' + ACTIVITY.format(title="&a;" * 10_000)
        + "</iati-activities>"
    )  # fmt: skip
    _refused(_file(tmp_path, text), figures, match="document type declaration")


def test_an_external_entity_reading_a_local_file_is_refused(
    tmp_path: Path, figures: Figures
) -> None:
    text = (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE iati-activities [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>\n'
        '<iati-activities version="2.03">' + ACTIVITY.format(title="&passwd;")
        + "</iati-activities>"
    )  # fmt: skip
    _refused(_file(tmp_path, text), figures, match="document type declaration")


def test_a_harmless_doctype_is_refused_too(tmp_path: Path, figures: Figures) -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE iati-activities>\n<iati-activities version="2.03">'
        + ACTIVITY.format(title=MARKER)
        + "</iati-activities>"
    )
    message = _refused(_file(tmp_path, text), figures, match="document type declaration")
    assert message == (
        "“hostile.xml” has a document type declaration (DTD), which IATI files do not "
        "have and which can make a file expand or read other files: it was not read."
    )


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = b'<!ENTITY marker "fetched">'
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the test looks at `requests`


@pytest.fixture
def dtd_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that records every request it gets."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        # The server does record what reaches it.
        with urllib.request.urlopen(f"{base}/check.dtd", timeout=5) as answer:
            assert answer.read() == b'<!ENTITY marker "fetched">'
        assert requests == ["/check.dtd"]
        requests.clear()
        yield base, requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_an_external_dtd_is_refused_without_fetching_it(
    tmp_path: Path, dtd_server: tuple[str, list[str]], figures: Figures
) -> None:
    base, requests = dtd_server
    body = '<iati-activities version="2.03">' + ACTIVITY.format(title="&marker;")
    body += "</iati-activities>"
    files = {
        "system.xml": f'<!DOCTYPE iati-activities SYSTEM "{base}/x.dtd">\n{body}',
        "public.xml": f'<!DOCTYPE iati-activities PUBLIC "-//X//EN" "{base}/p.dtd">\n{body}',
        "parameter.xml": (
            f'<!DOCTYPE iati-activities [<!ENTITY % remote SYSTEM "{base}/r.dtd"> %remote;]>\n'
            + body
        ),
        "general.xml": (
            f'<!DOCTYPE iati-activities [<!ENTITY marker SYSTEM "{base}/e.xml">]>\n' + body
        ),
    }
    for name, text in files.items():
        path = _file(tmp_path, text, name)
        _refused(path, figures, match="document type declaration", label=f"{name}: ")
    figures.add("requests the local server saw", len(requests))
    assert requests == []


def test_deep_nesting_is_refused(tmp_path: Path, figures: Figures) -> None:
    depth = 100_000
    text = (
        '<iati-activities version="2.03"><iati-activity>'
        + "<x>" * depth
        + MARKER
        + "</x>" * depth
        + "</iati-activity></iati-activities>"
    )
    message = _refused(_file(tmp_path, text), figures, match=f"nested more than {MAX_DEPTH} levels")
    assert "deep" in message


def test_a_file_over_the_size_cap_is_refused_before_reading(
    tmp_path: Path, figures: Figures
) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:  # sparse: claims the size, takes no disk
        handle.write(b'<iati-activities version="2.03">')
        handle.truncate(MAX_BYTES + 1)
    told: list[int] = []

    def going_on(done: int, total: int) -> bool:
        told.append(done)
        return True

    with PeakRss() as peak:
        began = time.perf_counter()
        with pytest.raises(BadFileError, match="bigger than 1 GB") as refusal:
            list(read_iati(path, going_on=going_on))
        took = time.perf_counter() - began
    figures.add("size claimed (bytes)", f"{path.stat().st_size:,}")
    figures.add("refused in (ms)", f"{1000 * took:.1f}")
    figures.add("extra RSS (MB)", f"{peak.mb:.1f}")
    figures.add("progress updates (bytes read) before the refusal", len(told))
    assert took < TIME_LIMIT
    assert peak.mb < MEMORY_LIMIT_MB
    assert told == []  # not a byte was read
    assert "huge.xml" in str(refusal.value)


def test_malformed_xml_names_the_line_but_not_the_content(tmp_path: Path, figures: Figures) -> None:
    text = '<iati-activities version="2.03">\n' + f"<iati-activity>{MARKER}<</iati-activity>"
    message = _refused(_file(tmp_path, text), figures, match="not well-formed XML")
    assert "line 2" in message


def test_an_xinclude_is_not_followed(tmp_path: Path) -> None:
    text = (
        '<iati-activities version="2.03" xmlns:xi="http://www.w3.org/2001/XInclude">'
        "<iati-activity><iati-identifier>XM-1</iati-identifier><title><narrative>Kits"
        '</narrative></title><description><xi:include href="file:///etc/passwd" parse="text"/>'
        "</description></iati-activity></iati-activities>"
    )
    (item,) = read_iati(_file(tmp_path, text))
    assert isinstance(item, Item)
    assert item.title == "Kits"
    assert item.description == ""
    assert not any("root:" in note for note in item.notes)


# -- a big file ---------------------------------------------------------------------------

BIG_ACTIVITIES = 10_000
FILLER = "Winter shelter kits, blankets and stoves for displaced families. " * 36


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.xml"
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
        for n in range(BIG_ACTIVITIES):
            out.write(
                f'<iati-activity default-currency="EUR"><iati-identifier>XM-BIG-{n}'
                f"</iati-identifier><title><narrative>Activity {n}</narrative></title>"
                f"<description><narrative>{FILLER}</narrative></description>"
                '<transaction><transaction-type code="3"/><transaction-date iso-date="2022-03-01"/>'
                f'<value value-date="2022-03-01">{n}.50</value></transaction></iati-activity>\n'
            )
        out.write("</iati-activities>\n")
    return path


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads Linux's /proc")
def test_a_big_file_is_read_as_a_stream_in_bounded_memory(big_file: Path) -> None:
    size = big_file.stat().st_size
    assert size > 20 * MEGABYTE
    before = _resident_bytes()
    most = before

    def going_on(done: int, total: int) -> bool:
        nonlocal most
        most = max(most, _resident_bytes())
        return True

    count = 0
    total = 0
    for event in read_iati(big_file, going_on=going_on):
        assert isinstance(event, Item)
        count += 1
        total += len(event.stages)
    assert (count, total) == (BIG_ACTIVITIES, BIG_ACTIVITIES)
    # Holding the file's elements would take several times its size; a stream holds
    # one block of it and one activity.
    assert most - before < size // 5


def test_a_big_file_can_be_cancelled(big_file: Path) -> None:
    asked: list[int] = []

    def going_on(done: int, total: int) -> bool:
        asked.append(done)
        return len(asked) < 3

    read = 0
    began = time.perf_counter()
    with pytest.raises(ImportCancelledError):
        for _ in read_iati(big_file, going_on=going_on):
            read += 1
    assert time.perf_counter() - began < TIME_LIMIT
    assert len(asked) == 3
    assert 0 < read < 100
