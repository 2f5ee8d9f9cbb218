"""Run the recipes of docs/how-to/recipes.md on a generated corpus, in page order."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreport import parse
from govreport.app.cli import main
from tests.corpus_helpers import damaged, report_texts, write_reports

PAGE = Path(__file__).resolve().parents[1] / "docs" / "how-to" / "recipes.md"
_FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(PAGE.read_text(encoding="utf-8"))]


def test_every_python_block_is_run_or_says_why_not():
    for language, code in _blocks():
        if language == "python":
            first = code.splitlines()[0]
            assert first.startswith("# recipe: ") or first.startswith("# not run here: "), first


def test_recipes_run(tmp_path, monkeypatch):
    pytest.importorskip("duckdb")  # in the dev extra
    texts = report_texts(9, seed=11)
    texts[3] = damaged(texts[3])
    write_reports(tmp_path / "reports", texts)
    monkeypatch.chdir(tmp_path)
    blocks = _blocks()
    (shell,) = [code for language, code in blocks if language == "bash"]
    runner = CliRunner()
    for line in shell.splitlines():
        args = shlex.split(line)
        assert args[0] == "govreport"
        result = runner.invoke(main, args[1:])
        assert result.exit_code == 0, result.output
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran = []
    for language, code in blocks:
        if language == "python" and code.startswith("# recipe: "):
            exec(compile(code, f"{PAGE.name}:{code.splitlines()[0]}", "exec"), namespace)
            ran.append(code.splitlines()[0].removeprefix("# recipe: "))
    assert ran == ["pandas", "pandas-direct", "duckdb", "duckdb-decimal", "arrow", "dask", "dask-read"]
    # What the recipes computed is what the corpus holds.
    cells, reports = namespace["cells"], namespace["reports"]
    assert len(reports) == 9 and set(reports["status"]) == {"ok", "partial"}
    assert set(namespace["per_organ"].columns) <= set(reports["year"].dropna())
    assert sum(n for _, _, n in namespace["by_state"]) == len(cells)
    assert namespace["failed"] == []
    assert int(namespace["read_counts"].sum()) == int((cells["state"] == "read").sum())
    # The Dask recipe against the plain library: 本年新收 总计 per year, report by report.
    expected: dict[int, int] = {}
    counted: dict[int, int] = {}
    for path in sorted((tmp_path / "reports").iterdir()):
        report = parse(path)
        table = report.get_table("applications")
        value = table.value("new_received", "total") if table is not None else None
        if value is not None and report.metadata.year is not None:
            expected[report.metadata.year] = expected.get(report.metadata.year, 0) + int(value)
            counted[report.metadata.year] = counted.get(report.metadata.year, 0) + 1
    assert len(expected) >= 2, "the corpus should span several years"
    assert {int(y): int(n) for y, n in namespace["received_per_year"].items()} == expected
    assert {int(y): int(n) for y, n in namespace["reports_per_year"].items()} == counted
