"""Seeds 001 and 004 with a distinct non-zero number in every cell of tables 三 and 四.

The variants (tests/fixtures/seed_variants/, written by make_variants.py there) keep each
seed's damage: 001's outcome rows and （七） print 6 of their 7 numbers, 004 splits the 三
heading over a row, prints row （一） before it and row 四 with 6 numbers. The expected cells are the
designed truth stored beside each variant, so a swapped, shifted or mis-keyed column shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govreport import CellState, FormatVersion, Severity, parse

VARIANTS = Path(__file__).resolve().parent / "fixtures" / "seed_variants"
NUMBERS = ("001", "004")


def expected_keys(number: str, table: str) -> list[tuple[str, str]]:
    """The (row, column) keys of a seed's table in print order, as the variant's truth lists them."""
    expected = json.loads((VARIANTS / f"{number}.expected.json").read_text(encoding="utf-8"))
    return [(e["row"], e["column"]) for e in expected[table]]


def _variant(number: str) -> tuple[Any, dict[str, list[dict[str, Any]]]]:
    (path,) = VARIANTS.glob(f"{number}_*.txt")
    expected = json.loads((VARIANTS / f"{number}.expected.json").read_text(encoding="utf-8"))
    return parse(path), expected


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("table", ["applications", "review_litigation"])
def test_every_cell_has_its_designed_value_and_key(number: str, table: str) -> None:
    report, expected = _variant(number)
    assert report.version is FormatVersion.V2019
    cells = report.table(table).cells
    assert [(c.row, c.column) for c in cells] == [(e["row"], e["column"]) for e in expected[table]]
    assert [c.value for c in cells] == [e["value"] for e in expected[table]]


@pytest.mark.parametrize("number", NUMBERS)
def test_printed_cells_are_read_and_dropped_cells_inferred(number: str) -> None:
    """A row printing 6 of 7 numbers: with distinct values only one placement fits the rules."""
    report, expected = _variant(number)
    for table in ("applications", "review_litigation"):
        states = {(c.row, c.column): c.state for c in report.table(table).cells}
        for e in expected[table]:
            state = CellState.READ if e["printed"] else CellState.INFERRED
            assert states[e["row"], e["column"]] is state, (table, e)


@pytest.mark.parametrize("number", NUMBERS)
def test_a_consistent_variant_has_no_arithmetic_finding(number: str) -> None:
    report, expected = _variant(number)
    assert not [f for f in report.findings if f.severity is Severity.ERROR]
    assert not [f for f in report.findings if f.rule in ("R1", "R4")]
    dropped = {(e["row"], e["column"]) for e in expected["applications"] if not e["printed"]}
    r2 = [f for f in report.findings if f.rule == "R2"]
    assert len(r2) == len(dropped)  # one finding per short row, naming the cell it filled
    assert {(c.table, c.row, c.column) for f in r2 for c in f.cells} == {
        ("applications", row, column) for row, column in dropped
    }
