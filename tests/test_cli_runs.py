"""The first hour on the command line: what a user types, what they see, and the exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreport.app.cli import main
from govreport.app.exit_codes import ExitCode
from govreport.batch import DocumentStatus, parse_path
from govreport.export.run_folder import RUN_TABLES
from govreport.testing.synthetic import generate
from tests.corpus_helpers import write_reports

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MODULE = [sys.executable, "-m", "govreport"]


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*MODULE, *args], input=stdin, capture_output=True, timeout=300)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three reports and an empty file, which fails."""
    write_reports(tmp_path / "in", [generate(seed, layout="v2021").text for seed in (1, 2, 3)])
    (tmp_path / "in" / "zz-empty.txt").write_bytes(b"")
    return tmp_path / "in"


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- failures are visible ---------------------------------------------------------------
def test_each_failure_goes_to_stderr_as_it_happens_and_in_a_final_list(folder, tmp_path):
    result = CliRunner().invoke(main, ["parse", str(folder), "--out", str(tmp_path / "cells.jsonl")])
    assert result.exit_code == ExitCode.FAILED == 3
    empty = str(folder / "zz-empty.txt")
    assert f"failed: {empty}: InputError: " in result.stderr
    final = result.stderr.split("failed documents (1):\n", 1)[1]
    assert final.startswith(f"  {empty}: InputError: ")
    assert "status:    ok 3, failed 1" in result.stdout


def test_out_dir_writes_every_table_reading_the_corpus_once(folder, tmp_path, monkeypatch):
    import govreport.batch.run as run

    reads: list[str] = []
    real_read = run.read_regular_file

    def counting_read(path, max_bytes):
        reads.append(str(path))
        return real_read(path, max_bytes)

    monkeypatch.setattr(run, "read_regular_file", counting_read)
    out = tmp_path / "run"
    args = ["parse", str(folder), "--out-dir", str(out), "--out-format", "jsonl"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.FAILED, result.output
    assert sorted(reads) == sorted(str(p) for p in folder.iterdir())  # each file read once, for all tables
    tables = {name: _jsonl(out / f"{name}.jsonl") for name in RUN_TABLES}
    documents = tables["documents"]
    assert [d["status"] for d in documents] == ["ok", "ok", "ok", "failed"]
    assert documents[3]["file"].endswith("zz-empty.txt") and documents[3]["reasons"].startswith("InputError")
    ids = {d["document_id"] for d in documents}
    for name in ("cells", "findings"):  # every row joins to a document
        assert tables[name] and {row["document_id"] for row in tables[name]} <= ids

    again = CliRunner().invoke(main, args)  # resumable: nothing is parsed or written twice
    assert "skipped 4" in again.stdout
    assert {name: _jsonl(out / f"{name}.jsonl") for name in RUN_TABLES} == tables


def test_out_dir_writes_parquet_by_default_with_exact_money_and_integer_counts(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["parse", str(EXAMPLES), "--out-dir", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert {p.name for p in out.iterdir() if p.is_dir()} == {f"{t}.parquet" for t in RUN_TABLES}
    cells = pa.concat_tables(pq.read_table(p) for p in sorted((out / "cells.parquet").glob("*.parquet")))
    assert cells.schema.field("count").type == pa.int64()
    assert cells.schema.field("value_yuan").type == pa.decimal128(38, 6)
    rows = cells.to_pylist()
    money = [r for r in rows if r["unit"] is not None and r["value"] is not None]
    assert money and all(r["count"] is None for r in money)
    for row in money:  # 万元 ×10,000: one unit, exact
        assert row["value_yuan"] == Decimal(row["value"]) * (10_000 if row["unit"] == "万元" else 1)
    counts = [r for r in rows if r["unit"] is None and r["value"] is not None]
    assert counts and all(r["count"] == int(r["value"]) and r["value_yuan"] is None for r in counts)
    narrative = pq.read_table(out / "narrative.parquet").to_pylist()
    assert any(r["key"] == "active.total" and r["count"] == 201 for r in narrative)


def test_retry_failed_parses_again_only_the_failed_documents(folder, tmp_path):
    out = tmp_path / "documents.jsonl"
    args = ["parse", str(folder), "--out", str(out), "--table", "documents"]
    squeezed = CliRunner().invoke(main, [*args, "--limit", "grid_cells=20"])  # every report fails
    assert squeezed.exit_code == ExitCode.FAILED and "status:    failed 4" in squeezed.stdout
    plain = CliRunner().invoke(main, args)  # resuming alone keeps what is done, failures included
    assert "skipped 4" in plain.stdout
    retried = CliRunner().invoke(main, [*args, "--retry-failed"])
    assert "ok 3, failed 1" in retried.stdout, retried.output
    rows = _jsonl(out)
    assert [r["status"] for r in rows] == ["failed"] * 4 + ["ok"] * 3 + ["failed"]  # the last row counts
    last = CliRunner().invoke(main, [*args, "--retry-failed"])  # only the empty file is left to retry
    assert "failed 1, skipped 3" in last.stdout


# --- statuses -----------------------------------------------------------------------------
def test_a_statutory_table_announced_but_not_read_is_partial_never_ok(tmp_path):
    lines = (EXAMPLES / "2020-v2019-clean.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("二、主动公开政府信息情况") + 1
    end = lines.index("三、收到和处理政府信息公开申请情况")
    path = tmp_path / "no-table-2.txt"
    path.write_text("\n".join([*lines[:start], "本年度主动公开情况见下图。", *lines[end:]]), encoding="utf-8")
    result = parse_path(path)
    assert result.status is DocumentStatus.PARTIAL and "R7" in {r.kind for r in result.errors}
    out = tmp_path / "documents.jsonl"
    run = CliRunner().invoke(main, ["parse", str(path), "--out", str(out), "--table", "documents"])
    assert run.exit_code == ExitCode.OK and "status:    partial 1" in run.stdout
    (row,) = _jsonl(out)
    assert row["status"] == "partial" and "R7: " in row["reasons"]


# --- python -m govreport, stdin ---------------------------------------------------------------
def test_python_dash_m_govreport_reads_stdin_by_content_or_format():
    text = (EXAMPLES / "2020-v2019-clean.txt").read_bytes()
    done = _run("parse", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["source"]["path"] == "-" and report["source"]["format"] == "text"
    assert report["version"] == "v2019"
    html = b"<html><body><pre>" + text + b"</pre></body></html>"
    sniffed = json.loads(_run("parse", "-", stdin=html).stdout)
    assert sniffed["source"]["format"] == "html"
    forced = json.loads(_run("parse", "--format", "html", "-", stdin=text).stdout)
    assert forced["source"]["format"] == "html"


def test_check_reads_stdin_too():
    damaged = (EXAMPLES / "2022-v2021-damaged.txt").read_bytes()
    checked = _run("check", "--no-corpus", "-", stdin=damaged)
    assert checked.returncode == ExitCode.FINDINGS, checked.stderr
    assert checked.stdout.decode().startswith("-  [2021版格式] 市生态环境局 2022年")
    clean = _run("check", "--no-corpus", "-", stdin=(EXAMPLES / "2020-v2019-clean.txt").read_bytes())
    assert clean.returncode == ExitCode.OK, clean.stderr


def test_stdin_is_held_to_the_input_limit_and_refused_with_out(tmp_path):
    big = _run("parse", "-", "--max-bytes", "100", stdin=b"x" * 1000)
    assert big.returncode == ExitCode.FAILED and b"limit input_bytes exceeded" in big.stderr
    misuse = CliRunner().invoke(main, ["parse", "-", "--out", str(tmp_path / "c.jsonl")])
    assert misuse.exit_code == ExitCode.USAGE
    mixed = CliRunner().invoke(main, ["check", "-", str(EXAMPLES)])
    assert mixed.exit_code == ExitCode.USAGE and "standard input" in mixed.output


# --- empty inputs -------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["parse", "check"])
def test_an_input_without_reports_warns_and_exits_non_zero(tmp_path, command):
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.xyz").write_text("不是报告", encoding="utf-8")
    listing = tmp_path / "none.list"
    listing.write_text("# nothing\n", encoding="utf-8")
    for source in (tmp_path / "empty", tmp_path / "other", f"@{listing}"):
        result = CliRunner().invoke(main, [command, str(source)])
        assert result.exit_code == ExitCode.USAGE, result.output
        assert "warning: no report files found" in result.stderr
    out = CliRunner().invoke(main, ["parse", str(tmp_path / "empty"), "--out", str(tmp_path / "c.jsonl")])
    assert out.exit_code == ExitCode.USAGE and "warning: no report files found" in out.stderr


# --- exit codes ---------------------------------------------------------------------------
def test_every_exit_code_is_in_the_help_and_distinct(folder, tmp_path):
    assert len({int(code) for code in ExitCode}) == len(ExitCode) == 6
    for args in (["--help"], ["parse", "--help"], ["check", "--help"]):
        shown = CliRunner().invoke(main, args).output
        for code in ExitCode:
            assert f"{code.value}: {code.meaning}" in " ".join(shown.split())
    good = folder / "r0000.txt"
    assert CliRunner().invoke(main, ["parse", str(good)]).exit_code == ExitCode.OK
    assert CliRunner().invoke(main, ["parse", str(folder)]).exit_code == ExitCode.FAILED
    assert CliRunner().invoke(main, ["parse", "--jobs", "0", str(good)]).exit_code == ExitCode.USAGE
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    unwritable = CliRunner().invoke(main, ["parse", str(good), "--out-dir", str(blocked / "run")])
    assert unwritable.exit_code == ExitCode.OUTPUT and "OutputError" in unwritable.stderr
