"""pytest-benchmark timings of one ``Parser.parse`` call per kind of report.

Run the timings with::

    .venv/bin/python -m pytest benchmarks

and smoke-run them (each parse once, assertions only) with ``--benchmark-disable``.
"""

from __future__ import annotations

import random
import re

import pytest

import govreport
from bench_parse import damage_report, table3_data_lines
from govreport import CellState, FormatVersion, Origin, Severity
from govreport.tables.layouts import APPLICATIONS, REVIEW_LITIGATION
from govreport.testing import synthetic

TABLE_KEYS = ["active", "applications", "review_litigation"]

pytestmark = pytest.mark.benchmark(group="parse")


@pytest.fixture(scope="module")
def parser() -> govreport.Parser:
    return govreport.Parser()


def _assert_integer_tables_match(report: govreport.Report, truth: synthetic.SyntheticReport) -> None:
    """Tables 三 and 四 (integers only) equal the generated values cell by cell."""
    for (table, row, column), value in truth.values.items():
        if table in (APPLICATIONS, REVIEW_LITIGATION):
            parsed = report.table(table)
            assert parsed is not None
            cell = parsed.cell(row, column)
            assert cell.state is CellState.READ, (table, row, column, cell.state)
            assert cell.value == value, (table, row, column, cell.raw)


@pytest.mark.parametrize("layout", ["v2019", "v2021"])
def test_parse_table_report(benchmark, parser: govreport.Parser, layout: str) -> None:
    truth = synthetic.generate(11, layout=layout)

    report = benchmark(parser.parse, truth.text)

    assert report.version is FormatVersion(layout)
    assert sorted(t.key for t in report.tables) == TABLE_KEYS
    assert {t.layout for t in report.tables} == {layout}
    assert report.metadata.year == truth.year
    _assert_integer_tables_match(report, truth)
    assert not [f for f in report.findings if f.severity is Severity.ERROR]


def test_parse_narrative_report(benchmark, parser: govreport.Parser) -> None:
    text = synthetic.generate_narrative(11, year=2016)
    printed_total = int(re.search(r"全年累计主动公开政府信息(\d+)条", text).group(1))

    report = benchmark(parser.parse, text)

    assert report.version is FormatVersion.NARRATIVE
    assert report.tables == ()
    assert report.metadata.year == 2016
    totals = [s.value for s in report.narrative if s.key == "active.total"]
    assert totals == [printed_total]


def test_parse_damaged_report(benchmark, parser: govreport.Parser) -> None:
    truth = synthetic.generate(11, layout="v2021")
    text = damage_report(truth.text, random.Random(11))
    # The damaged line now ends in 6 numbers, so it no longer counts as a complete data line.
    complete_before = table3_data_lines(truth.text.split("\n"))
    assert len(table3_data_lines(text.split("\n"))) == len(complete_before) - 1

    report = benchmark(parser.parse, text)

    assert report.version is FormatVersion.V2021
    assert sorted(t.key for t in report.tables) == TABLE_KEYS
    applications = report.table(APPLICATIONS)
    assert applications is not None
    recovered = [c for c in applications.cells if c.state is not CellState.READ]
    assert recovered, "the removed number left no inferred or missing cell"
    assert {c.state for c in recovered} <= {CellState.INFERRED, CellState.MISSING}
    for cell in applications.cells:  # printed numbers are never changed, inferred ones are right
        if cell.value is not None:
            assert cell.value == truth.values[(APPLICATIONS, cell.row, cell.column)], cell
    assert any(f.origin is Origin.READING for f in report.findings)


def test_damage_report_removes_exactly_one_number() -> None:
    text = synthetic.generate(5, layout="v2019").text
    damaged = damage_report(text, random.Random(5))
    before, after = text.split("\n"), damaged.split("\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1
    assert changed[0] in table3_data_lines(before)
    assert after[changed[0]].count("\t") == before[changed[0]].count("\t") - 1
