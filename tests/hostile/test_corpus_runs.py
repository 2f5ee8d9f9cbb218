"""Hostile corpus runs: documents that hang or crash their worker, special files, bad names, one writer."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreport import DocumentStatus, Limits, iter_parse
from govreport.app.cli import main
from govreport.batch import TIMEOUT
from govreport.errors import OutputError
from govreport.export import CorpusWriter, JournalWarning
from tests.corpus_helpers import report_texts, write_reports
from tests.hostile.batch_helpers import MisbehavingParser
from tests.test_export import read_rows


def _corpus(folder: Path, bad: dict[int, str], count: int = 6) -> list[Path]:
    """``count`` good reports; the ones at the positions of ``bad`` renamed to contain its trigger word."""
    paths = write_reports(folder, report_texts(count))
    for index, word in bad.items():
        renamed = paths[index].with_name(f"{paths[index].stem}-{word}.txt")
        shutil.move(paths[index], renamed)
        paths[index] = renamed
    return paths


def test_a_worker_stuck_on_one_document_is_killed_and_the_run_goes_on_in_order(tmp_path):
    paths = _corpus(tmp_path, {1: "hang", 4: "hang"}, count=7)
    results = list(iter_parse(tmp_path, jobs=2, parser=MisbehavingParser(), limits=Limits(seconds=1.0)))
    assert [r.path for r in results] == [str(p) for p in sorted(paths)]
    by_path = {r.path: r for r in results}
    for path in paths:
        result = by_path[str(path)]
        if "hang" in path.name:
            assert result.status is DocumentStatus.FAILED and result.report is None
            assert [e.kind for e in result.errors] == [TIMEOUT] and "stopped" in result.errors[0].message
            assert result.id is not None and result.duration >= 1.0
        else:
            assert result.status is DocumentStatus.OK, result.errors


def test_a_document_that_checks_the_clock_times_out_in_process(tmp_path):
    paths = _corpus(tmp_path, {0: "spin"}, count=2)
    for jobs in (1, 2):
        results = list(iter_parse(paths, jobs=jobs, parser=MisbehavingParser(limits=Limits(seconds=1.0))))
        assert [r.status for r in results] == [DocumentStatus.FAILED, DocumentStatus.OK]
        assert results[0].errors[0].kind == TIMEOUT
        assert "limit seconds exceeded" in results[0].errors[0].message  # the reader's own check, not a kill


def test_a_worker_that_dies_costs_one_document_not_the_run(tmp_path):
    paths = _corpus(tmp_path, {2: "crash"}, count=5)
    results = list(iter_parse(paths, jobs=2, parser=MisbehavingParser()))
    assert [r.status for r in results] == [DocumentStatus.OK] * 2 + [DocumentStatus.FAILED] + [
        DocumentStatus.OK
    ] * 2
    assert results[2].errors[0].kind == "crashed" and "exit code 3" in results[2].errors[0].message


@pytest.mark.parametrize("jobs", [1, 2])
def test_memory_error_still_stops_the_run(tmp_path, jobs):
    paths = _corpus(tmp_path, {1: "memory"}, count=3)
    seen = []
    with pytest.raises(MemoryError):
        for result in iter_parse(paths, jobs=jobs, parser=MisbehavingParser()):
            seen.append(result.status)
    assert seen == [DocumentStatus.OK]  # results before it were given, in order


# --- special files ----------------------------------------------------------------------
def _special_folder(root: Path) -> dict[str, Path]:
    """A good report beside a link to /dev/zero, a FIFO, a socket and a link looping to its own folder."""
    (good,) = write_reports(root, report_texts(1))
    files = {"good": good, "zero": root / "zero.txt", "fifo": root / "fifo.txt", "socket": root / "sock.txt"}
    files["zero"].symlink_to("/dev/zero")
    os.mkfifo(files["fifo"])
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(files["socket"]))
    server.close()  # the socket file stays
    (root / "loop").symlink_to(root, target_is_directory=True)  # walking into it would never end
    return files


needs_posix_files = pytest.mark.skipif(
    not (hasattr(os, "mkfifo") and hasattr(socket, "AF_UNIX") and Path("/dev/zero").exists()),
    reason="needs FIFOs, Unix sockets and /dev/zero",
)


@needs_posix_files
@pytest.mark.parametrize("jobs", [1, 2])
def test_devices_fifos_and_sockets_in_a_folder_fail_quickly_and_the_run_goes_on(tmp_path, jobs):
    files = _special_folder(tmp_path)
    results = {r.path: r for r in iter_parse(tmp_path, jobs=jobs)}
    assert set(results) == {str(p) for p in files.values()}  # nothing twice through the loop
    assert results[str(files["good"])].status is DocumentStatus.OK
    for name in ("zero", "fifo", "socket"):
        result = results[str(files[name])]
        assert result.status is DocumentStatus.FAILED, name
        assert [e.kind for e in result.errors] == ["NotRegularFileError"], (name, result.errors)


@needs_posix_files
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cli_records_special_files_as_failed(tmp_path, jobs):
    files = _special_folder(tmp_path / "in")
    out = tmp_path / "reports.jsonl"
    result = CliRunner().invoke(
        main, ["parse", str(tmp_path / "in"), "--out", str(out), "--table", "reports", "--jobs", jobs]
    )
    assert result.exit_code == 3, result.output
    assert "status:    ok 1, failed 3" in result.output
    rows = {row["file"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert {rows[str(files[n])]["reasons"].split(":")[0] for n in ("zero", "fifo", "socket")} == {
        "NotRegularFileError"
    }


# --- file names that are not UTF-8 ------------------------------------------------------
BAD_NAME = b"\xff\xfe-\xe6\x8a\xa5\xe5-report.txt"  # undecodable bytes around half a character


def _bad_names(folder: Path) -> tuple[bytes, bytes]:
    """A good report and an empty one, both with names that are not UTF-8; their full paths as bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    good = os.path.join(os.fsencode(folder), BAD_NAME)
    empty = os.path.join(os.fsencode(folder), b"empty-\x81.txt")
    with open(good, "wb") as handle:
        handle.write(report_texts(1)[0].encode("utf-8"))
    with open(empty, "wb"):
        pass
    return good, empty


needs_byte_names = pytest.mark.skipif(
    os.name == "nt" or sys.platform == "darwin", reason="needs a file system that takes any bytes as a name"
)


@needs_byte_names
def test_names_that_are_not_utf8_reach_stdout_as_valid_json_and_stderr_readably(tmp_path):
    good, _ = _bad_names(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}  # as on a terminal: no surrogates allowed
    run = subprocess.run(
        [sys.executable, "-c", "from govreport.app.cli import main; main()", "parse", str(tmp_path)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 3, run.stderr  # the empty file failed, the run did not abort
    (line,) = run.stdout.decode("utf-8").splitlines()  # strict: valid UTF-8
    assert os.fsencode(json.loads(line)["source"]["path"]) == good
    assert b"empty-\\x81.txt: InputError" in run.stderr


@needs_byte_names
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_names_that_are_not_utf8_are_written_to_every_export_losslessly(tmp_path, fmt):
    good, empty = _bad_names(tmp_path / "in")
    os.mkfifo(os.path.join(os.fsencode(tmp_path / "in"), b"fifo-\xfe.txt"))  # no id: journaled by path
    out = tmp_path / f"reports.{fmt}"
    args = ["parse", str(tmp_path / "in"), "--out", str(out), "--table", "reports", "--batch-size", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    assert "status:    ok 1, failed 2" in result.output
    rows = read_rows(out, "reports")
    if fmt == "jsonl":
        names = [os.fsencode(row["file"]) for row in rows]  # the escaped string, exactly
    else:  # text for people in `file`, the bytes in `file_bytes`
        names = [bytes.fromhex(row["file_bytes"]) for row in rows]
        assert all("\\x" in row["file"] for row in rows)
    assert sorted(names) == sorted(
        [good, empty, os.path.join(os.fsencode(tmp_path / "in"), b"fifo-\xfe.txt")]
    )
    out.with_name(out.name + ".journal").read_bytes().decode("utf-8")  # the journal is valid UTF-8 too
    again = CliRunner().invoke(main, args)  # and resumes: every document, the FIFO too, is done
    assert "skipped 3" in again.output, again.output


# --- damaged journals -------------------------------------------------------------------
def _write(out: Path, sources: Path, batch_size: int = 2) -> None:
    with CorpusWriter(out, batch_size=batch_size, table="reports") as writer:
        for result in iter_parse(sources, skip=writer.done, transform=writer.encoder):
            writer.write(result)


@pytest.fixture(scope="module")
def eight_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("eight")
    write_reports(folder, report_texts(8, seed=3))
    return folder


DAMAGE = {
    "binary": b"\xff\xfe\x00\x9c binary garbage \x00\x01\n",
    "not-json": b'{"position": "12", "documents": [["abc", "ok"]\n',
    "wrong-shape": b'{"position": 12, "documents": "all"}\n',
}


# every damage right after the header and between two commits; every format's output cut back
CASES = [("jsonl", damage, where) for damage in sorted(DAMAGE) for where in (1, 3)]
CASES += [(fmt, "binary", 3) for fmt in ("csv", "parquet")]


@pytest.mark.parametrize(("fmt", "damage", "where"), CASES)
def test_damaged_journal_lines_anywhere_are_dropped_and_their_documents_redone(
    eight_reports, tmp_path, fmt, damage, where
):
    whole, out = tmp_path / f"whole.{fmt}", tmp_path / f"out.{fmt}"
    _write(whole, eight_reports)
    _write(out, eight_reports)
    journal = out.with_name(out.name + ".journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    assert len(lines) == 5  # a header and four commits of two documents
    journal.write_bytes(b"".join([*lines[:where], DAMAGE[damage], *lines[where:]]))
    warned = pytest.warns(JournalWarning, match=f"line {where + 1} is damaged")
    with warned, CorpusWriter(out, batch_size=2, table="reports") as writer:
        assert len(writer.done) == 2 * (where - 1)  # the commits before the damage are kept
        for result in iter_parse(eight_reports, skip=writer.done, transform=writer.encoder):
            writer.write(result)
    assert _files(out) == _files(whole)  # the rest was done again, nothing twice
    assert journal.read_bytes() == whole.with_name(whole.name + ".journal").read_bytes()


def test_a_journal_whose_header_is_garbage_is_refused(eight_reports, tmp_path):
    out = tmp_path / "out.jsonl"
    _write(out, eight_reports)
    journal = out.with_name(out.name + ".journal")
    journal.write_bytes(b"\x00\xff garbage\n" + journal.read_bytes())
    with pytest.raises(OutputError, match="does not start with a govreport journal header"):
        CorpusWriter(out, batch_size=2, table="reports")


def test_the_cli_warns_about_a_damaged_journal_and_resumes(eight_reports, tmp_path):
    out = tmp_path / "out.csv"
    args = ["parse", str(eight_reports), "--out", str(out), "--table", "reports", "--batch-size", "2"]
    assert CliRunner().invoke(main, args).exit_code == 0
    journal = out.with_name(out.name + ".journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"".join([*lines[:2], b"\xc3\x28\xa0\xa1\n", *lines[2:]]))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "line 3 is damaged" in result.stderr
    assert "status:    ok 6, skipped 2" in result.stdout


def _files(out: Path) -> dict[str, bytes]:
    if out.is_dir():
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return {"": out.read_bytes()}


# --- one writer per output --------------------------------------------------------------
CLI = [sys.executable, "-c", "from govreport.app.cli import main; main()"]


def test_a_second_run_on_a_locked_output_fails_at_once_and_writes_nothing(eight_reports, tmp_path):
    out = tmp_path / "cells.jsonl"
    with CorpusWriter(out, batch_size=2) as first:
        before = out.read_bytes()
        with pytest.raises(OutputError, match="locked"):
            CorpusWriter(out)
        second = subprocess.run(
            [*CLI, "parse", str(eight_reports), "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 4 and "OutputError" in second.stderr and "locked" in second.stderr
        assert out.read_bytes() == before
        for result in iter_parse(eight_reports, skip=first.done, transform=first.encoder):
            first.write(result)
    with CorpusWriter(out) as again:  # released with the first writer
        assert len(again.done) == 8


def test_two_concurrent_runs_on_one_output_write_each_row_once(eight_reports, tmp_path):
    out = tmp_path / "reports.jsonl"
    args = [*CLI, "parse", str(eight_reports), "--out", str(out), "--table", "reports", "--batch-size", "1"]
    runs = [
        subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outcomes = [(*run.communicate(timeout=120), run.returncode) for run in runs]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = [row["document_id"] for row in rows]
    assert len(ids) == len(set(ids)) == 8, outcomes
    for stdout, stderr, code in outcomes:  # each either wrote, or found it locked, or found it all done
        assert code == 0 or (code == 4 and "locked" in stderr), (stdout, stderr)


@needs_byte_names
def test_check_with_an_html_page_takes_names_that_are_not_utf8(tmp_path):
    _bad_names(tmp_path / "in")
    page = tmp_path / "check.html"
    result = CliRunner().invoke(main, ["check", str(tmp_path / "in"), "--html", str(page)])
    assert result.exit_code == 3, result.output  # the empty file could not be read; nothing crashed
    assert "empty-\\x81.txt: InputError" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert "empty-\\udc81.txt" in html and "\\udcff\\udcfe-" in html


@needs_posix_files
@pytest.mark.parametrize("which", ["output", "journal"])
def test_an_output_or_journal_that_is_a_fifo_or_device_is_refused_not_blocked_on(tmp_path, which):
    out = tmp_path / "cells.jsonl"
    target = out if which == "output" else out.with_name(out.name + ".journal")
    os.mkfifo(target)
    with pytest.raises(OutputError, match="is not a regular file"):
        CorpusWriter(out)
    target.unlink()
    target.symlink_to("/dev/zero")
    with pytest.raises(OutputError, match="is not a regular file"):
        CorpusWriter(out)
    if which == "journal":
        target.unlink()
        target.mkdir()
        with pytest.raises(OutputError, match="is not a regular file"):
            CorpusWriter(out)
