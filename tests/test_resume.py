"""Interrupted corpus runs resume to exactly the output of an uninterrupted run."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.app.cli import main
from govreport.app.exit_codes import ExitCode
from tests.corpus_helpers import report_texts, write_reports

N_REPORTS = 240
BATCH = 8
CLI = [sys.executable, "-c", "from govreport.app.cli import main; main()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("resume") / "in"
    texts = report_texts(N_REPORTS, seed=7)
    write_reports(folder, texts)
    (folder / "zz-empty.txt").write_bytes(b"")  # a failed document is committed too
    (folder / "zz-dup.txt").write_text(texts[5], encoding="utf-8")  # and a duplicate skipped
    return folder


def _files(out: Path) -> dict[str, bytes]:
    """Every file of an output (a file, or a Parquet folder's parts) by name, with its bytes."""
    if out.is_dir():
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return {"": out.read_bytes()}


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, **kwargs)


def _commits(journal: Path) -> int:
    return journal.read_bytes().count(b"\n") - 1 if journal.exists() else 0


def _ctrl_c_as_a_terminal_sends_it() -> None:
    # A shell starts a background job (`make test &`) with SIGINT ignored, and Python then never
    # turns it into KeyboardInterrupt; the run under test gets the disposition a terminal gives.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(args: list[str], journal: Path, sig: int, *, after_commits: int = 3) -> tuple[int, str]:
    """Start a run, send ``sig`` once ``after_commits`` batches are committed.

    Returns the exit code and the standard error. Fails if the run ended before the signal
    could be sent, so a run that finished on its own never passes for an interrupted one.
    """
    process = subprocess.Popen(
        [*CLI, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_ctrl_c_as_a_terminal_sends_it,
    )
    deadline = time.monotonic() + 120
    while _commits(journal) < after_commits and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the run finished before it could be interrupted"
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_kill_9_midway_then_resume_equals_an_uninterrupted_run(corpus, tmp_path, fmt):
    whole = tmp_path / f"whole.{fmt}"
    done = _run(["parse", str(corpus), "--out", str(whole), "--batch-size", str(BATCH)])
    assert done.returncode == 3, done.stderr  # the empty file failed
    assert "skipped 1" in done.stdout and f"ok {N_REPORTS}" in done.stdout

    out = tmp_path / f"killed.{fmt}"
    args = ["parse", str(corpus), "--out", str(out), "--batch-size", str(BATCH)]
    code, _ = _interrupt(args, out.with_name(out.name + ".journal"), signal.SIGKILL)
    assert code == -signal.SIGKILL, "the run finished before it could be killed"
    committed = _commits(out.with_name(out.name + ".journal"))
    assert 3 <= committed < N_REPORTS // BATCH

    resumed = _run(args)
    assert resumed.returncode == 3, resumed.stderr
    # committed documents were not redone (plus the duplicate, skipped in every run)
    assert f"skipped {committed * BATCH + 1}" in resumed.stdout
    assert _files(out) == _files(whole)


def test_ctrl_c_with_two_processes_then_resume(corpus, tmp_path):
    whole = tmp_path / "whole.jsonl"
    done = _run(["parse", str(corpus), "--out", str(whole), "--batch-size", str(BATCH), "--table", "reports"])
    assert done.returncode == 3, done.stderr  # a finished run exits 3: the empty file failed
    out = tmp_path / "int.jsonl"
    args = [
        "parse",
        str(corpus),
        "--out",
        str(out),
        "--batch-size",
        str(BATCH),
        "--jobs",
        "2",
        "--table",
        "reports",
    ]
    code, stderr = _interrupt(args, out.with_name(out.name + ".journal"), signal.SIGINT)
    # Ctrl-C exits 130 (128 + SIGINT) with a line saying so; a run that finished would exit 3
    # (its empty file failed) without that line.
    assert code == ExitCode.INTERRUPTED == 130, stderr
    assert stderr.strip().splitlines()[-1].startswith("Interrupted."), stderr
    committed = _commits(out.with_name(out.name + ".journal"))
    assert 3 <= committed < N_REPORTS // BATCH, "the interrupt did not stop the run midway"
    assert _run(args).returncode == 3
    assert _files(out) == _files(whole)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_torn_tails_are_cut_on_resume(corpus, tmp_path, fmt):
    files = sorted(corpus.glob("r00[0-2]*.txt"))
    listing = tmp_path / "some.list"
    whole = tmp_path / f"whole.{fmt}"
    out = tmp_path / f"torn.{fmt}"
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    runner = CliRunner()
    assert (
        runner.invoke(main, ["parse", f"@{listing}", "--out", str(whole), "--batch-size", "4"]).exit_code == 0
    )
    first = files[:12]
    listing.write_text("\n".join(map(str, first)), encoding="utf-8")
    assert (
        runner.invoke(main, ["parse", f"@{listing}", "--out", str(out), "--batch-size", "4"]).exit_code == 0
    )
    # What a kill between writing a batch and committing it leaves behind:
    journal = out.with_name(out.name + ".journal")
    with open(journal, "ab") as handle:
        handle.write(b'{"position": "999", "documents": [["abc", "o')
    if fmt == "parquet":
        (out / "part-000099.parquet").write_bytes(b"PAR1 not committed")
        (out / "part-000100.parquet.tmp").write_bytes(b"half")
    else:
        with open(out, "ab") as handle:
            handle.write(b"uncommitted partial reco")
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    result = runner.invoke(main, ["parse", f"@{listing}", "--out", str(out), "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert "skipped 12" in result.output
    assert _files(out) == _files(whole)
    assert journal.read_bytes().endswith(b"\n")


def test_a_finished_run_re_run_skips_everything(corpus, tmp_path):
    out = tmp_path / "cells.csv"
    files = [str(p) for p in sorted(corpus.glob("r000*.txt"))]
    runner = CliRunner()
    assert runner.invoke(main, ["parse", *files, "--out", str(out)]).exit_code == 0
    before = out.read_bytes()
    again = runner.invoke(main, ["parse", *files, "--out", str(out)])
    assert again.exit_code == 0 and f"skipped {len(files)}" in again.output
    assert out.read_bytes() == before
    restarted = runner.invoke(main, ["parse", *files, "--out", str(out), "--restart"])
    assert f"ok {len(files)}" in restarted.output and out.read_bytes() == before


def test_jobs_one_and_two_write_the_same_bytes(corpus, tmp_path):
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}.parquet"
        result = _run(["parse", str(corpus), "--out", str(out), "--jobs", str(jobs), "--batch-size", "50"])
        assert result.returncode == 3, result.stderr
        outputs.append(_files(out))
    assert outputs[0] == outputs[1]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(corpus, tmp_path):
    files = [str(p) for p in sorted(corpus.glob("r000*.txt"))]
    primary, secondary = os.openpty()
    try:
        process = subprocess.run(
            [*CLI, "parse", *files, "--out", str(tmp_path / "c.jsonl")],
            stderr=secondary,
            stdout=subprocess.PIPE,
            timeout=120,
        )
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(primary)
    assert process.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert f"{len(files)}/{len(files)}" in text and "docs/s" in text
    assert b"documents: 10" in process.stdout


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the workers")
def test_kill_9_with_two_processes_leaves_no_workers_behind_and_resumes(corpus, tmp_path):
    whole = tmp_path / "whole.csv"
    _run(["parse", str(corpus), "--out", str(whole), "--batch-size", str(BATCH)])
    out = tmp_path / "killed.csv"
    args = ["parse", str(corpus), "--out", str(out), "--batch-size", str(BATCH), "--jobs", "2"]
    journal = out.with_name(out.name + ".journal")
    process = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _commits(journal) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    workers = _children(process.pid)
    process.kill()
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL and workers
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "worker processes outlived a killed run"
    assert _run(args).returncode == 3
    assert _files(out) == _files(whole)


class _StopError(Exception):
    pass


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small") / "in"
    texts = report_texts(14, seed=21)
    write_reports(folder, texts)
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01")
    (folder / "zz-dup.txt").write_text(texts[2], encoding="utf-8")
    return folder


def _write_all(out: Path, corpus: Path, batch: int, stop_after: int | None = None) -> None:
    from govreport import iter_parse
    from govreport.export import CorpusWriter

    with CorpusWriter(out, batch_size=batch, table="reports" if out.suffix == ".csv" else "cells") as writer:
        for seen, result in enumerate(iter_parse(corpus, skip=writer.done, transform=writer.encoder)):
            if seen == stop_after:
                raise _StopError
            writer.write(result)


@settings(max_examples=12, deadline=None)
@given(
    fmt=st.sampled_from(["jsonl", "csv", "parquet"]),
    batch=st.integers(1, 6),
    stops=st.lists(st.integers(0, 15), min_size=1, max_size=3),
    torn=st.booleans(),
)
def test_any_sequence_of_interruptions_resumes_to_the_same_output(small_corpus, fmt, batch, stops, torn):
    with tempfile.TemporaryDirectory() as tmp:
        whole, out = Path(tmp) / f"whole.{fmt}", Path(tmp) / f"cut.{fmt}"
        _write_all(whole, small_corpus, batch)
        for stop in stops:
            with contextlib.suppress(_StopError):
                _write_all(out, small_corpus, batch, stop_after=stop)
            if torn:  # what a kill halfway through a write leaves
                with open(out.with_name(out.name + ".journal"), "ab") as handle:
                    handle.write(b'{"position": ')
        _write_all(out, small_corpus, batch)
        assert _files(out) == _files(whole)
