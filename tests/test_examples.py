"""The bundled examples are what examples/generate.py writes, and they show what they promise."""

from __future__ import annotations

import runpy
from pathlib import Path

from govreport import CellState, FormatVersion, parse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_are_up_to_date(tmp_path, monkeypatch):
    module = runpy.run_path(str(EXAMPLES / "generate.py"))
    monkeypatch.setitem(module["main"].__globals__, "HERE", tmp_path)
    module["main"]()
    for generated in tmp_path.iterdir():
        committed = EXAMPLES / generated.name
        assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), (
            f"{committed.name} is stale: run `make examples`"
        )


def test_damaged_example_shows_recovery_and_errors():
    report = parse(EXAMPLES / "2022-v2021-damaged.txt")
    assert report.version is FormatVersion.V2021
    rules = {f.rule for f in report.findings}
    assert {"R2", "H1", "H3"} <= rules
    assert any(c.state is CellState.INFERRED for c in report.table("applications").cells)


def test_narrative_example():
    report = parse(EXAMPLES / "2016-narrative.txt")
    assert report.version is FormatVersion.NARRATIVE and report.stat("active.total") is not None


def test_glued_statistics_example():
    report = parse(EXAMPLES / "2015-statistics-glued.txt")
    assert report.version is FormatVersion.NARRATIVE
    table = report.table("statistics")
    states = {c.state for c in table.cells if c.location is not None}
    assert {CellState.READ, CellState.INFERRED, CellState.MISSING} <= states
    assert {"T3"} <= {f.rule for f in report.findings}


def test_converter_markdown_example():
    report = parse(EXAMPLES / "2024-v2021-pdf2md.md")
    assert report.version is FormatVersion.V2021
    for table in report.tables:
        assert all(c.state is CellState.READ for c in table.cells), table.key
    assert any("按前后行的次序" in note for note in report.source.notes)
