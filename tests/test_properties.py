"""Hypothesis properties over generated reports and models."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal

import jsonschema
from hypothesis import event, given
from hypothesis import strategies as st

from govreport import CellState, Report, from_json, parse, to_json
from govreport.model import Cell, Finding, Location, Metadata, NarrativeStat, Section, StatTable
from govreport.schema import json_schema
from govreport.tables.equations import equations
from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION
from govreport.testing.synthetic import random_values, render_text
from tests.helpers import active, report_text

LAYOUTS = st.sampled_from(["v2019", "v2021"])
SCALES = st.sampled_from([0, 3, 40, 10**6])  # all zeros, zero-heavy, typical, large
SCHEMA = json_schema()


def _year(layout: str) -> int:
    return 2020 if layout == "v2019" else 2022


def _parsed_cells(report: Report) -> dict[tuple[str, str, str], Cell]:
    return {(c.table, c.row, c.column): c for t in report.tables for c in t.cells}


@given(
    rng=st.randoms(use_true_random=False),
    layout=LAYOUTS,
    flattened=st.booleans(),
    scale=SCALES,
    data=st.data(),
)
def test_generated_tables_parse_back_exactly(
    rng: random.Random, layout: str, flattened: bool, scale: int, data
):
    values = random_values(rng, layout, scale=scale)
    if not flattened:
        # Blank cells are only recognisable where the grid keeps its columns.
        blanks = data.draw(st.sets(st.sampled_from(sorted(values, key=str)), max_size=4))
        for key in blanks:
            values[key] = None
    text = render_text(rng, layout, values, year=_year(layout), organ="某县人民政府", flattened=flattened)
    report = parse(text)
    assert report.version.value == layout
    cells = _parsed_cells(report)
    assert set(cells) == set(values)
    for key, expected in values.items():
        cell = cells[key]
        if expected is None:
            assert (cell.state, cell.value) == (CellState.BLANK, None), key
        else:
            got = cell.in_unit("万元") if cell.unit else cell.value
            assert (cell.state, got) == (CellState.READ, expected), key
    fired = {f.rule for f in report.findings}
    assert not {r for r in fired if r[0] in "HR"}, [f.message for f in report.findings]


def _rule_cells(layout: str) -> list[tuple[str, str, str]]:
    keys = set()
    for table in (APPLICATIONS, REVIEW_LITIGATION):
        for eq in equations(table, layout):
            keys.update((table, r, c) for r, c in (*eq.left, *eq.right))
    return sorted(keys)


@given(
    rng=st.randoms(use_true_random=False),
    layout=LAYOUTS,
    scale=SCALES,
    data=st.data(),
    delta=st.integers(-60, 60).filter(bool),
)
def test_changing_one_rule_cell_fires_exactly_its_equations(
    rng: random.Random, layout: str, scale: int, data, delta: int
):
    """Up or down, a changed cell breaks every printed rule through it and no other."""
    values = random_values(rng, layout, scale=scale)
    key = data.draw(st.sampled_from(_rule_cells(layout)))
    values[key] += delta  # type: ignore[operator]
    event("changed cell negative" if values[key] < 0 else "changed cell >= 0")  # type: ignore[operator]
    report = parse(render_text(rng, layout, values, year=_year(layout), organ="某县人民政府"))
    table, row, column = key
    through = [eq for eq in equations(table, layout) if (row, column) in (*eq.left, *eq.right)]
    expected = {(eq.rule, frozenset((*eq.left, *eq.right))) for eq in through}
    arithmetic = [f for f in report.findings if f.rule in ("H1", "H2", "H3", "H4")]
    assert {(f.rule, frozenset((c.row, c.column) for c in f.cells)) for f in arithmetic} == expected
    for finding, eq in ((f, eq) for f in arithmetic for eq in through if f.rule == eq.rule):
        if {(c.row, c.column) for c in finding.cells} == {*eq.left, *eq.right}:
            # difference = left - right, so the sign says on which side the cell changed.
            assert finding.difference == (delta if (row, column) in eq.left else -delta)


@given(rng=st.randoms(use_true_random=False), layout=LAYOUTS)
def test_parsed_reports_round_trip_and_match_schema(rng: random.Random, layout: str):
    values = random_values(rng, layout)
    report = parse(render_text(rng, layout, values, year=_year(layout), organ="某县人民政府"))
    text = to_json(report)
    jsonschema.validate(json.loads(text), SCHEMA)
    assert from_json(text) == report


finite_decimals = st.decimals(
    allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
)
numbers = st.one_of(st.integers(-(10**9), 10**9), finite_decimals)
locations = st.builds(
    Location,
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 10**4),
    page=st.none() | st.integers(1, 500),
    bbox=st.none() | st.tuples(*[st.floats(0, 1000, allow_nan=False)] * 4),
    table=st.none() | st.integers(0, 20),
    row=st.none() | st.integers(0, 200),
    col=st.none() | st.integers(0, 30),
)
cells = st.builds(Cell, value=st.none() | numbers, location=st.none() | locations)
models = st.one_of(
    cells,
    st.builds(StatTable, cells=st.lists(cells, max_size=5).map(tuple), location=st.none() | locations),
    st.builds(
        Finding,
        left=st.none() | numbers,
        right=st.none() | numbers,
        difference=st.none() | numbers,
        location=st.none() | locations,
    ),
    st.builds(
        NarrativeStat,
        value=numbers,
        share_percent=st.none() | finite_decimals,
        location=st.none() | locations,
    ),
    st.builds(Section, location=st.none() | locations),
    st.builds(Metadata, issue_date=st.none() | st.dates(date(1990, 1, 1), date(2100, 1, 1))),
)


@given(models)
def test_every_model_round_trips(model):
    assert from_json(to_json(model), type(model)) == model


def test_money_keeps_every_digit():
    cell = Cell(
        table=ACTIVE,
        row="fees",
        column="amount",
        value=Decimal("0.00010"),
        state=CellState.READ,
        unit="万元",
    )
    assert from_json(to_json(cell), Cell).value.as_tuple() == Decimal("0.00010").as_tuple()


@given(amount=st.decimals(min_value=-(10**6), max_value=10**6, places=4))
def test_money_with_four_decimals_reads_back_every_digit(amount: Decimal):
    header = "采购总金额（单位：万元，保留4位小数）"
    report = parse(report_text(active(amount_header=header, amount=str(amount))))
    cell = report.table(ACTIVE).cell("procurement", "amount")
    assert (cell.state, cell.value, cell.unit) == (CellState.READ, amount, "万元")
    h6 = [f for f in report.findings if f.rule == "H6"]
    assert [(c.row, c.column) for f in h6 for c in f.cells] == (
        [("procurement", "amount")] if amount < 0 else []
    )


@given(change=st.integers(-(10**6), 10**6))
def test_signed_changes_read_back_and_are_never_h7(change: int):
    report = parse(report_text(active(change=str(change))))
    assert report.table(ACTIVE).value("licensing", "items_change") == change
    assert not [f for f in report.findings if f.rule in ("H5", "H7")]
