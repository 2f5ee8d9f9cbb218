"""The compiled hard rules (govreport.checks.compiled) find exactly what a lookup of each cell by key finds.

The reference below is the straightforward evaluation: every equation's cells looked up by
key, every cell's value kind looked up in the column specs. Tables come from values that
satisfy every rule, then are damaged (blank, placeholder, missing and inferred cells,
changed, negative and decimal values, a value left on a blank cell), reordered or cut short.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.checks import RULES, run_checks
from govreport.checks.cells import NUMERIC_STATES
from govreport.checks.hard import H1, H2, H3, H4, H5, H6, H7
from govreport.checks.heuristics import S8
from govreport.checks.narrative import _stated
from govreport.checks.ocr import O1
from govreport.errors import UnknownNameError
from govreport.messages import checks as msg
from govreport.messages.names import table_title
from govreport.model import Cell, NarrativeStat, StatTable
from govreport.model.document import Location, OcrMark, SourceInfo
from govreport.model.findings import Finding
from govreport.model.report import FormatVersion, Metadata, Report
from govreport.model.rules import Check, Rule, finding
from govreport.model.tables import CellState, Layout
from govreport.registry import Registry
from govreport.tables.equations import equations
from govreport.tables.layouts import (
    ACTIVE,
    APPLICATIONS,
    REVIEW_LITIGATION,
    TABLE_NAMES,
    column_specs,
    table_keys,
)
from govreport.tables.reading import is_hybrid
from govreport.tables.specs import ValueKind
from govreport.testing.values import random_values

# --------------------------------------------------------------------------- the reference


def _reference_equations(table: StatTable | None, rule: Rule[Check]) -> Iterable[Finding]:
    if table is None:
        return
    hybrid = is_hybrid(table.key, table.layout, ((c.row, c.column) for c in table.cells))
    for eq in equations(table.key, table.layout, hybrid):
        if eq.rule != rule.id:
            continue
        left_cells = [table.cell(*k) for k in eq.left]
        right_cells = [table.cell(*k) for k in eq.right]
        values = [c.value for c in (*left_cells, *right_cells) if c.state in NUMERIC_STATES]
        numbers = [v for v in values if v is not None]
        if len(numbers) != len(left_cells) + len(right_cells):
            continue
        left = sum(numbers[: len(left_cells)], 0)
        right = sum(numbers[len(left_cells) :], 0)
        if left != right:
            yield finding(
                rule,
                msg.EQUATION_FAILS(
                    table=table_title(table.key),
                    formula=eq.formula,
                    left=left,
                    right=right,
                    difference=left - right,
                ),
                formula=eq.formula,
                left=left,
                right=right,
                cells=(*left_cells, *right_cells),
            )


def _reference_kind(report: Report, kind: ValueKind) -> Iterable[tuple[StatTable, Cell]]:
    for table in report.tables:
        if table.key not in TABLE_NAMES:
            continue
        specs = column_specs(table.key, table.layout)
        for cell in table.cells:
            if cell.state is CellState.READ and specs[(cell.row, cell.column)].kind is kind:
                yield table, cell


def _reference_h5(report: Report) -> Iterable[Finding]:
    for table, cell in _reference_kind(report, ValueKind.COUNT):
        value = cell.value
        if isinstance(value, Decimal) or (value is not None and value < 0):
            yield finding(
                H5,
                msg.COUNT_NOT_INTEGER(
                    table=table_title(table.key), row=cell.row, column=cell.column, raw=cell.raw
                ),
                cells=(cell,),
            )


def _reference_h6(report: Report) -> Iterable[Finding]:
    for _, cell in _reference_kind(report, ValueKind.MONEY):
        if cell.value is not None and cell.value < 0:
            yield finding(
                H6, msg.MONEY_NEGATIVE(row=cell.row, column=cell.column, raw=cell.raw), cells=(cell,)
            )


def _reference_h7(report: Report) -> Iterable[Finding]:
    for _, cell in _reference_kind(report, ValueKind.SIGNED):
        if isinstance(cell.value, Decimal):
            yield finding(H7, msg.CHANGE_NOT_INTEGER(row=cell.row, raw=cell.raw), cells=(cell,))


def _reference_s8(report: Report) -> Iterable[Finding]:
    for table in report.tables:
        empty = [c for c in table.cells if c.state in (CellState.BLANK, CellState.PLACEHOLDER)]
        if empty:
            yield from S8.check(attrs.evolve(report, tables=(table,)))  # type: ignore[misc]


def _reference_o1(report: Report) -> Iterable[Finding]:
    for table in report.tables:
        if any(c.location is not None and c.location.ocr is not None for c in table.cells):
            yield from O1.check(attrs.evolve(report, tables=(table,)))  # type: ignore[misc]


REFERENCE: dict[str, Check] = {
    "H1": lambda r: _reference_equations(r.get_table(APPLICATIONS), H1),
    "H2": lambda r: _reference_equations(r.get_table(APPLICATIONS), H2),
    "H3": lambda r: _reference_equations(r.get_table(APPLICATIONS), H3),
    "H4": lambda r: _reference_equations(r.get_table(REVIEW_LITIGATION), H4),
    "H5": _reference_h5,
    "H6": _reference_h6,
    "H7": _reference_h7,
    "S8": _reference_s8,
    "O1": _reference_o1,
}


def _registry(rules: Iterable[Rule[Check]]) -> Registry[Rule[Check]]:
    registry: Registry[Rule[Check]] = Registry("rule")
    for rule in rules:
        registry.add(rule.id, rule)
    return registry


COMPILED = _registry(RULES.get(rule_id) for rule_id in REFERENCE)
STRAIGHTFORWARD = _registry(attrs.evolve(RULES.get(i), check=check) for i, check in REFERENCE.items())


def _outcome(report: Report, rules: Registry[Rule[Check]]) -> list[Finding] | type[Exception]:
    try:
        return run_checks(report, rules)
    except (UnknownNameError, KeyError) as exc:
        return type(exc)


# --------------------------------------------------------------------------- damaged tables

_OCR = Location(line=1, ocr=OcrMark(confidence=40.0, dpi=300))


def _damage(cell: Cell, how: int, rng: random.Random) -> Cell:
    value = cell.value
    if how == 0:
        return attrs.evolve(cell, state=CellState.BLANK, value=None, raw="")
    if how == 1:
        return attrs.evolve(cell, state=CellState.PLACEHOLDER, value=None, raw="/")
    if how == 2:
        return attrs.evolve(cell, state=CellState.MISSING, value=None, raw="")
    if how == 3:
        return attrs.evolve(cell, state=CellState.INFERRED)
    if how == 4 and value is not None:
        return attrs.evolve(cell, value=value + rng.randint(1, 9))
    if how == 5 and value is not None:
        return attrs.evolve(cell, value=-rng.randint(1, 9))
    if how == 6:
        return attrs.evolve(
            cell, value=Decimal(rng.randint(0, 20)) + rng.choice([Decimal("0.5"), Decimal(0)])
        )
    if how == 7:
        return attrs.evolve(cell, state=CellState.BLANK, value=rng.randint(0, 5))  # a stray value, never used
    if how == 8:
        return attrs.evolve(cell, location=_OCR)
    return cell


def _tables(
    seed: int, layout: Layout, hybrid: bool, damages: list[tuple[int, int]], shape: int
) -> list[StatTable]:
    rng = random.Random(seed)
    values = random_values(rng, layout)
    tables = []
    for key in (ACTIVE, APPLICATIONS, REVIEW_LITIGATION):
        cells = []
        for row, column in table_keys(key, layout, hybrid):
            kind = column_specs(key, layout)[(row, column)].kind
            value = values.get(
                (key, row, column), rng.randint(0, 9) if kind is not ValueKind.MONEY else Decimal(3)
            )
            cells.append(
                Cell(table=key, row=row, column=column, value=value, state=CellState.READ, raw=str(value))
            )
        for at, how in damages:
            cells[at % len(cells)] = _damage(cells[at % len(cells)], how, rng)
        if shape == 1:
            rng.shuffle(cells)  # an unusual order: compiled afresh from the table's own keys
        elif shape == 2 and key == APPLICATIONS:
            del cells[rng.randrange(len(cells))]  # a cell short: lookups by key fail
        tables.append(StatTable(key=key, layout=layout, cells=tuple(cells)))
    return tables


def _report(tables: list[StatTable], narrative: tuple[NarrativeStat, ...] = ()) -> Report:
    return Report(
        source=SourceInfo(format="txt", sha256="0" * 64, size=0),
        metadata=Metadata(),
        version=FormatVersion.V2021,
        tables=tuple(tables),
        narrative=narrative,
    )


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    layout=st.sampled_from([Layout.V2019, Layout.V2021]),
    hybrid=st.booleans(),
    damages=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 9)), max_size=12),
    shape=st.sampled_from([0, 0, 0, 1, 2]),
)
def test_compiled_rules_find_what_lookups_by_key_find(
    seed: int, layout: Layout, hybrid: bool, damages: list[tuple[int, int]], shape: int
) -> None:
    report = _report(_tables(seed, layout, hybrid, damages, shape))
    expected = _outcome(report, STRAIGHTFORWARD)
    assert _outcome(report, COMPILED) == expected
    assert _outcome(report, COMPILED) == expected  # again: the second run reads the kept views


def test_undamaged_tables_pass_and_damage_is_found() -> None:
    tables = _tables(7, Layout.V2021, False, [], 0)
    assert run_checks(_report(tables), COMPILED) == []
    damaged = _tables(7, Layout.V2021, False, [(30, 4), (31, 5), (5, 6)], 0)
    found = run_checks(_report(damaged), COMPILED)
    assert found == run_checks(_report(damaged), STRAIGHTFORWARD)
    assert {f.rule for f in found} >= {"H1"}


def test_a_table_equal_to_a_kept_one_is_read_afresh() -> None:
    # Views are kept by identity: an equal table built anew, with other values, is never mixed up.
    first = _report(_tables(3, Layout.V2019, False, [], 0))
    assert run_checks(first, COMPILED) == []
    changed = _report(_tables(3, Layout.V2019, False, [(40, 4)], 0))
    assert run_checks(changed, COMPILED) == run_checks(changed, STRAIGHTFORWARD) != []


_KEYS = ("applications.received", "review.total", "active.total")


@given(
    st.lists(
        st.tuples(st.sampled_from(_KEYS), st.integers(0, 3), st.booleans()),
        max_size=8,
    )
)
def test_n3_index_of_stated_values_is_report_stat(stated: list[tuple[str, int, bool]]) -> None:
    narrative = tuple(
        NarrativeStat(key=key, value=value, unit="件", raw=str(value), part=part)
        for key, value, part in stated
    )
    report = _report([], narrative)
    index = _stated(report)
    assert {key: index.get(key) for key in _KEYS} == {key: report.stat(key) for key in _KEYS}
