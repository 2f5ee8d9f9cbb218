"""DOC files converted ahead in one LibreOffice run: the same results as one at a time, never fewer.

Most tests use a fake ``soffice`` (a shell script) that "converts" by copying and can be
told per file to skip it, hang or crash, so the batch's fallbacks run in milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import parse
from govreport.batch import iter_parse, parse_path
from govreport.batch.ahead import DOC_WEIGHT, prepare_chunk, prepared_map, take_chunk, weight
from govreport.batch.workers import Lost, supervised_map
from govreport.errors import ConversionError, ConversionTimeoutError
from govreport.limits import DEFAULT_LIMITS
from govreport.model.document import SourceInfo
from govreport.parser import Parser, default_parser
from govreport.readers import doc_ahead, office
from govreport.readers.doc import OLE2_MAGIC, WORD_STREAM, DocReader
from govreport.serialize import to_json
from tests.format_fixtures import SAMPLE, converted, needs_soffice

# Converts each input by copying it; a file holding SKIP is left out (as LibreOffice
# leaves out one it cannot load), HANG never finishes, CRASH ends the run with status 3.
FAKE_SOFFICE = """#!/bin/sh
echo run >> "{log}"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2 ;;
    --convert-to) shift 2 ;;
    -*) shift ;;
    *)
      f="$1"; shift; mkdir -p "$out"
      if grep -q HANG "$f"; then sleep 60; fi
      if grep -q CRASH "$f"; then echo "Error: crashed" >&2; exit 3; fi
      if grep -q SKIP "$f"; then continue; fi
      b=$(basename "$f"); cp "$f" "$out/${{b%.*}}.docx" ;;
  esac
done
"""


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory of this test's own, so other processes' conversions do not show."""
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    return private


@pytest.fixture
def fake(tmp_path: Path) -> tuple[str, Path]:
    """The fake converter and the log it appends a line to per run."""
    log = tmp_path / "runs.log"
    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE.format(log=log))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), log


def _runs(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def _leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.glob("govreport-convert-*")]


def _one_by_one(inputs: list[bytes], program: str, timeout: float) -> list[object]:
    """What converting each input on its own gives: bytes, or the error's type and message."""
    results: list[object] = []
    for data in inputs:
        try:
            results.append(
                office.convert(data, source="doc", target="docx", timeout=timeout, soffice=program)
            )
        except ConversionError as exc:
            results.append((type(exc), str(exc)))
    return results


def _comparable(results: list[bytes | ConversionError]) -> list[object]:
    return [r if isinstance(r, bytes) else (type(r), str(r)) for r in results]


def test_good_files_are_converted_in_one_run(fake: tuple[str, Path], private_tmp: Path):
    program, log = fake
    inputs = [f"file {i}".encode() for i in range(5)]
    results = office.convert_each(inputs, source="doc", target="docx", soffice=program)
    assert results == inputs  # the fake converter copies
    assert _runs(log) == 1
    assert _leftovers(private_tmp) == []  # the run's temporary files are gone


def test_a_file_that_cannot_be_loaded_fails_alone(fake: tuple[str, Path]):
    program, log = fake
    inputs = [b"one", b"SKIP two", b"three"]
    results = office.convert_each(inputs, source="doc", target="docx", soffice=program)
    assert results[0] == b"one" and results[2] == b"three"
    assert isinstance(results[1], ConversionError) and "could not convert" in str(results[1])
    assert _runs(log) == 2  # the batch, then the bad file again on its own for its own error


def test_a_hanging_file_times_out_alone_and_the_others_are_kept(fake: tuple[str, Path], private_tmp: Path):
    program, _ = fake
    inputs = [b"one", b"two", b"HANG three", b"four"]
    results = office.convert_each(inputs, source="doc", target="docx", timeout=0.5, soffice=program)
    assert results[:2] == [b"one", b"two"] and results[3] == b"four"
    assert isinstance(results[2], ConversionTimeoutError)
    assert "within 0.5 s" in str(results[2])
    assert _leftovers(private_tmp) == []


def test_a_crash_loses_no_other_file(fake: tuple[str, Path]):
    program, _ = fake
    inputs = [b"one", b"CRASH two", b"three"]
    results = office.convert_each(inputs, source="doc", target="docx", soffice=program)
    assert results[0] == b"one" and results[2] == b"three"
    assert isinstance(results[1], ConversionError) and "exit status 3" in str(results[1])


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(["ok", "SKIP", "CRASH"]), min_size=1, max_size=6))
def test_a_batch_gives_what_one_at_a_time_gives(kinds: list[str]):
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "runs.log"
        script = Path(folder) / "soffice"
        script.write_text(FAKE_SOFFICE.format(log=log))
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        inputs = [f"{kind} {i}".encode() for i, kind in enumerate(kinds)]
        batch = office.convert_each(inputs, source="doc", target="docx", timeout=10, soffice=str(script))
        assert _comparable(batch) == _one_by_one(inputs, str(script), 10)


def test_the_holder_is_bounded(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(doc_ahead, "MAX_BYTES", 100)
    kept = doc_ahead.hold((f"{i}", b"x" * 30) for i in range(5))
    assert kept == 3  # 90 bytes; a fourth would go over 100
    assert doc_ahead.take("3") is None
    monkeypatch.setattr(doc_ahead, "MAX_BYTES", 2**30)
    assert doc_ahead.hold((f"{i}", b"x") for i in range(40)) == doc_ahead.MAX_FILES == 32
    doc_ahead.clear()


def test_the_holder_gives_each_file_once_and_only_to_its_own_thread():
    doc_ahead.hold([("a", b"docx")])
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(doc_ahead.take("a")))
    thread.start()
    thread.join()
    assert seen == [None]
    assert doc_ahead.take("a") == b"docx"
    assert doc_ahead.take("a") is None


def _doc_source(data: bytes) -> SourceInfo:
    return SourceInfo(format="doc", sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def test_the_reader_uses_a_held_conversion(monkeypatch: pytest.MonkeyPatch):
    data = converted(*SAMPLE[0], "doc")
    docx = office.convert(data, source="doc", target="docx") if office.find_soffice() else None
    if docx is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    monkeypatch.setattr(office, "convert", _must_not_convert)
    doc_ahead.hold([(hashlib.sha256(data).hexdigest(), docx)])
    held = DocReader().read(data, _doc_source(data))
    monkeypatch.undo()
    assert held == DocReader().read(data, _doc_source(data))


def _must_not_convert(*args: object, **kwargs: object) -> bytes:
    raise AssertionError("converted again")


def test_the_reader_raises_a_held_error(monkeypatch: pytest.MonkeyPatch):
    data = OLE2_MAGIC + bytes(64) + WORD_STREAM
    monkeypatch.setattr(office, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(office, "convert", _must_not_convert)
    doc_ahead.hold([(hashlib.sha256(data).hexdigest(), ConversionError("damaged"))])
    with pytest.raises(ConversionError, match="damaged"):
        DocReader().read(data, _doc_source(data))


def test_weight_counts_doc_files_a_quarter():
    assert weight("a/B.DOC", None) == DOC_WEIGHT == 0.25
    assert weight("a/b.docx", None) == weight("a/b.txt", None) == 1.0
    assert weight("a/b.txt", "doc") == DOC_WEIGHT and weight("a/b.doc", "text") == 1.0


def test_chunks_are_filled_by_weight():
    items = iter(["a.doc"] * 5 + ["b.txt"] * 3)
    assert take_chunk(items, lambda p: weight(p, None), 1.0) == ["a.doc"] * 4
    assert take_chunk(items, lambda p: weight(p, None), 1.0) == ["a.doc", "b.txt"]
    assert take_chunk(items, lambda p: weight(p, None), 2.0) == ["b.txt"] * 2
    assert take_chunk(items, lambda p: weight(p, None), 2.0) == []


def test_prepared_map_prepares_each_chunk_before_its_items():
    events: list[object] = []
    results = prepared_map(
        lambda x: events.append(x) or -x,
        range(7),
        prepare=lambda chunk: events.append(tuple(chunk)),
        weigh=lambda x: 1.0,
        chunk=3,
    )
    assert list(results) == [-x for x in range(7)]
    assert events == [(0, 1, 2), 0, 1, 2, (3, 4, 5), 3, 4, 5, (6,), 6]


def test_prepare_chunk_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    doc = tmp_path / "a.doc"
    doc.write_bytes(OLE2_MAGIC + bytes(64) + WORD_STREAM)
    missing = str(tmp_path / "missing.doc")

    def broken(*args: object, **kwargs: object) -> list[bytes]:
        raise RuntimeError("broken")

    monkeypatch.setattr(office, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(office, "convert_each", broken)
    kwargs = {"parser": default_parser(), "format": None, "skip": frozenset(), "limits": DEFAULT_LIMITS}
    assert prepare_chunk([missing, str(doc)], **kwargs) == 0  # type: ignore[arg-type]
    no_doc_reader = Parser(readers=[r for r in default_parser().readers.active() if r.name != "doc"])
    assert prepare_chunk([str(doc)], **{**kwargs, "parser": no_doc_reader}) == 0  # type: ignore[arg-type]


@needs_soffice
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_corpus_run_gives_what_one_at_a_time_gives(
    jobs: int, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("TMPDIR", str(private_tmp))  # the workers' temporary files too
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, key in enumerate(SAMPLE):
        (folder / f"{i}.doc").write_bytes(converted(*key, "doc"))
    (folder / "1-broken.doc").write_bytes(OLE2_MAGIC + bytes(100) + WORD_STREAM + b"\x13" * 4000)
    (folder / "2-text.txt").write_text(parse.__doc__ or "text", encoding="utf-8")
    alone = [parse_path(path) for path in sorted(folder.iterdir())]
    batch = list(iter_parse(folder, jobs=jobs))
    assert [_summary(r) for r in batch] == [_summary(r) for r in alone]
    assert [r.status.value for r in batch].count("failed") >= 1  # the broken file, recorded
    leftovers = _leftovers(private_tmp)
    if jobs > 1:  # the workers left: their LibreOffice profiles went with them
        leftovers += [p.name for p in private_tmp.iterdir() if p.name.startswith("govreport-lo-profile-")]
    assert leftovers == []


def _summary(result: object) -> tuple[object, ...]:
    from govreport.batch import DocumentResult

    assert isinstance(result, DocumentResult)
    report = to_json(result.report) if result.report is not None else None
    return result.path, result.id, result.status, result.errors, report


def _convert_hanging(item: tuple[str, str]) -> bytes:
    program, _ = item
    return office.convert(b"data", source="doc", target="docx", timeout=60, soffice=program)


def _lost(item: object, why: Lost) -> str:
    return why.kind


def test_a_worker_stopped_mid_conversion_kills_libreoffice_and_cleans_up(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("TMPDIR", str(private_tmp))  # the worker's temporary files
    pid_file = tmp_path / "child.pid"
    script = tmp_path / "soffice"
    # Starts a child, as soffice starts soffice.bin, and hangs.
    script.write_text(f"#!/bin/sh\nsleep 60 & echo $! > {pid_file}\nwait\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    results = supervised_map(_convert_hanging, iter([(str(script), "")]), jobs=1, seconds=1.0, lost=_lost)
    assert list(results) == ["timeout"]
    child = int(pid_file.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the converter's child process survived its worker")
    assert list(private_tmp.iterdir()) == []  # no temporary folder, no profile left
