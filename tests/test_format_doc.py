"""DOC (Word 97-2003): LibreOffice conversion, the antiword fallback, timeouts and bad input."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

import pytest

from govreport import CellState, parse
from govreport.errors import (
    ConversionError,
    ConversionTimeoutError,
    InputError,
    MissingDependencyError,
    MissingProgramError,
)
from govreport.readers import detect_format, office, read_document
from govreport.readers.doc import OLE2_MAGIC, WORD_STREAM, DocReader
from tests.format_fixtures import SAMPLE, assert_same_report, converted, needs_soffice, report, table_cells

needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None, reason="antiword is not installed; .ci/run installs it"
)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory of this test's own, so other processes' conversions do not show."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.glob("govreport-convert-*")]


@needs_soffice
@pytest.mark.parametrize(("seed", "layout"), SAMPLE[:2])
def test_generated_report_as_doc_parses_like_its_text(seed: int, layout: str, private_tmp: Path):
    data = converted(seed, layout, "doc")
    assert detect_format(data) == "doc"
    parsed = parse(data, format="doc")
    assert _leftovers(private_tmp) == []  # the conversion's temporary files are gone
    assert_same_report(parsed, report(seed, layout).text)
    assert parsed.source.format == "doc"
    assert any("LibreOffice" in note for note in parsed.source.notes)


@needs_soffice
@needs_antiword
@pytest.mark.parametrize(("seed", "layout"), SAMPLE[:2])
def test_antiword_fallback_reads_text_and_never_a_wrong_number(
    seed: int, layout: str, monkeypatch: pytest.MonkeyPatch
):
    data = converted(seed, layout, "doc")
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    parsed = parse(data, format="doc")
    expected = parse(report(seed, layout).text)
    assert parsed.version is expected.version
    assert any("antiword" in note for note in parsed.source.notes)
    # antiword loses tables with merged cells, and a heading right after one may go with it.
    found = {s.key for s in parsed.sections}
    assert found <= {s.key for s in expected.sections}
    assert len(found) >= len(expected.sections) - 1
    assert any("could not rebuild" in note for note in parsed.source.notes)
    truth = table_cells(expected)
    read = {k: v for k, (v, state) in table_cells(parsed).items() if state is CellState.READ}
    assert read  # the tables antiword keeps are read ...
    assert all(truth[k][0] == v for k, v in read.items())  # ... and what is read is right


def test_neither_libreoffice_nor_antiword_names_both(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    data = OLE2_MAGIC + bytes(64) + WORD_STREAM
    with pytest.raises(MissingProgramError, match=r"LibreOffice.*antiword") as caught:
        read_document(data, format="doc")
    assert isinstance(caught.value, MissingDependencyError)


def test_convert_without_soffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    with pytest.raises(MissingProgramError, match="soffice"):
        office.convert(b"x", source="doc", target="docx")


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_conversion_timeout_kills_the_process_group(tmp_path: Path, private_tmp: Path):
    pid_file = tmp_path / "child.pid"
    # The fake converter starts a child, as soffice starts soffice.bin, and hangs.
    program = _fake_soffice(tmp_path, f"sleep 60 & echo $! > {pid_file}\nwait")
    with pytest.raises(ConversionTimeoutError, match=r"did not finish within 0\.5 s"):
        office.convert(b"data", source="doc", target="docx", timeout=0.5, soffice=program)
    child = int(pid_file.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the converter's child process survived the timeout")
    assert _leftovers(private_tmp) == []


def test_conversion_that_writes_nothing_is_an_error(tmp_path: Path):
    program = _fake_soffice(tmp_path, "exit 0")
    with pytest.raises(ConversionError, match="could not convert"):
        office.convert(b"data", source="doc", target="docx", soffice=program)


def test_conversion_failure_reports_its_status(tmp_path: Path):
    program = _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 3")
    with pytest.raises(ConversionError, match=r"exit status 3.*could not be loaded"):
        office.convert(b"data", source="doc", target="docx", soffice=program)


@needs_soffice
def test_real_conversion_timeout_is_clean():
    data = converted(*SAMPLE[0], "doc")
    with pytest.raises(ConversionTimeoutError):
        office.convert(data, source="doc", target="docx", timeout=0.05)
    # The worker's next conversion gets a fresh profile and works.
    assert office.convert(data, source="doc", target="docx")[:2] == b"PK"


@needs_soffice
def test_corrupt_doc_is_a_conversion_error():
    data = OLE2_MAGIC + bytes(100) + WORD_STREAM + b"\x13" * 4000
    with pytest.raises(ConversionError):
        read_document(data, format="doc")


@needs_antiword
def test_corrupt_doc_with_antiword_is_a_conversion_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    with pytest.raises(ConversionError, match="antiword"):
        read_document(OLE2_MAGIC + bytes(100) + WORD_STREAM, format="doc")


def test_sniff_needs_the_word_stream():
    reader = DocReader()
    assert reader.sniff(OLE2_MAGIC + bytes(32) + WORD_STREAM)
    workbook = OLE2_MAGIC + bytes(32) + "Workbook".encode("utf-16-le")
    assert not reader.sniff(workbook)
    with pytest.raises(InputError, match="WordDocument"):
        reader.read(workbook, _source())
    with pytest.raises(InputError, match="OLE2"):
        reader.read(b"plain text", _source())


def _source():
    from govreport.model.document import SourceInfo

    return SourceInfo(format="doc", sha256="0" * 64, size=0)


@needs_soffice
@pytest.mark.seeds
def test_seeds_saved_as_doc_parse_like_their_text(seeds_dir: Path):
    from govreport.testing.render import render_docx

    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        document = read_document(path.read_bytes(), path=str(path))
        doc = office.convert(render_docx(document), source="docx", target="doc")
        assert_same_report(parse(doc, format="doc"), text)
