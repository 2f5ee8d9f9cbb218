"""The bundled examples are what examples/generate.py writes, and they show what they promise."""

from __future__ import annotations

import runpy
from pathlib import Path

from govreport import CellState, FormatVersion, parse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_are_up_to_date(tmp_path, monkeypatch):
    module = runpy.run_path(str(EXAMPLES / "generate.py"))
    monkeypatch.setitem(module["main"].__globals__, "HERE", tmp_path)
    # LibreOffice's PDF and DOC bytes differ run to run; they are compared by content below.
    monkeypatch.setattr(module["office"], "find_soffice", lambda: None)
    module["main"]()
    generated = sorted(tmp_path.iterdir())
    assert {path.name for path in generated} >= {"2023-v2021-page.html", "2023-v2021.docx"}
    for path in generated:
        committed = EXAMPLES / path.name
        assert committed.read_bytes() == path.read_bytes(), f"{committed.name} is stale: run `make examples`"


def test_office_examples_hold_the_docx_example():
    """The PDF and DOC examples were converted from the DOCX one: the same cells and findings."""
    expected = parse(EXAMPLES / "2023-v2021.docx")
    cells = {(c.table, c.row, c.column, c.value, c.state) for t in expected.tables for c in t.cells}
    assert len(cells) >= 200
    for name in ("2023-v2021.pdf", "2023-v2021-page.html"):
        report = parse(EXAMPLES / name)
        assert {(c.table, c.row, c.column, c.value, c.state) for t in report.tables for c in t.cells} == cells
        assert [f.rule for f in report.findings] == [f.rule for f in expected.findings]


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
