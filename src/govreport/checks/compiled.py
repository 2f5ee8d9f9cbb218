"""Tables as the hard rules read them: compiled once per layout, read once per report.

A table is built in :func:`~govreport.tables.layouts.table_keys` order, so each layout's
equations and value kinds compile to positions in ``StatTable.cells``: a rule picks plain
values by index instead of looking every cell up by key. A table's values are read once,
whichever of the rules H1-H7 asks first, and a finding is made only for what fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

from govreport.model.tables import Cell, CellKey, CellState, CellValue, Layout, StatTable
from govreport.recent import RecentByIdentity
from govreport.tables.equations import Equation, equations
from govreport.tables.layouts import column_specs, table_keys
from govreport.tables.reading import is_hybrid
from govreport.tables.specs import ValueKind

_READ = CellState.READ
_INFERRED = CellState.INFERRED

Picker = Callable[[Sequence[Any]], tuple[Any, ...]]


def _picker(positions: tuple[int, ...]) -> Picker:
    """The items at ``positions``, as a tuple (``itemgetter`` returns a bare item for one position)."""
    if len(positions) == 1:
        only = positions[0]
        return lambda items: (items[only],)
    return itemgetter(*positions)


class CompiledEquation:
    """An equation as positions: of the values it picks, the first ``n_left`` are its left side."""

    __slots__ = ("equation", "n_left", "pick")

    def __init__(self, equation: Equation, positions: tuple[int, ...]) -> None:
        self.equation = equation
        self.n_left = len(equation.left)
        self.pick = _picker(positions)


class Plan:
    """A statutory table in one key order, compiled: equations by rule, positions by value kind."""

    __slots__ = ("_kinds", "columns", "equations", "keys", "layout", "rows", "table")

    def __init__(self, table: str, layout: Layout, keys: tuple[CellKey, ...]) -> None:
        self.table, self.layout, self.keys = table, layout, keys
        self.rows = [r for r, _ in keys]
        self.columns = [c for _, c in keys]
        index = {k: i for i, k in enumerate(keys)}  # the last of repeated keys, as StatTable.cell finds
        by_rule: dict[str, list[CompiledEquation]] = {}
        for eq in equations(table, layout, is_hybrid(table, layout, keys)):
            positions = tuple(index[k] for k in (*eq.left, *eq.right))
            by_rule.setdefault(eq.rule, []).append(CompiledEquation(eq, positions))
        self.equations = {rule: tuple(eqs) for rule, eqs in by_rule.items()}
        self._kinds: dict[ValueKind, tuple[tuple[int, ...], Picker | None]] | None = None

    def kind(self, kind: ValueKind) -> tuple[tuple[int, ...], Picker | None]:
        """The positions of the cells of ``kind``, and what picks them (``None`` when there are none).

        Compiled when first asked: only the value-kind rules need the column specs.
        """
        if self._kinds is None:
            specs = column_specs(self.table, self.layout)
            found: dict[ValueKind, list[int]] = {k: [] for k in ValueKind}
            for position, key in enumerate(self.keys):
                found[specs[key].kind].append(position)
            self._kinds = {
                k: (tuple(positions), _picker(tuple(positions)) if positions else None)
                for k, positions in found.items()
            }
        return self._kinds[kind]


@cache
def _layout_plan(table: str, layout: Layout, hybrid: bool) -> Plan:
    return Plan(table, layout, table_keys(table, layout, hybrid))


def _plan_for(table: StatTable) -> Plan:
    """The plan of the table's own key order: a layout's, or compiled afresh for an unusual table."""
    rows, columns = [c.row for c in table.cells], [c.column for c in table.cells]
    for hybrid in (False, True):
        plan = _layout_plan(table.key, table.layout, hybrid)
        if plan.rows == rows and plan.columns == columns:
            return plan
    keys = tuple((c.row, c.column) for c in table.cells)
    for eq in equations(table.key, table.layout, is_hybrid(table.key, table.layout, keys)):
        for row, column in (*eq.left, *eq.right):
            table.cell(row, column)  # an equation's cell the table lacks raises, as a lookup by key does
    return Plan(table.key, table.layout, keys)


class TableView:
    """One statutory table's numbers by position, read once for all the hard rules."""

    __slots__ = ("numbers", "plan", "table")

    def __init__(self, table: StatTable) -> None:
        self.table = table
        self.plan = _plan_for(table)
        # A cell's number, or None where the checks may not use one (blank, placeholder, missing).
        self.numbers: list[CellValue | None] = [
            c.value if c.state is _READ or c.state is _INFERRED else None for c in table.cells
        ]

    def failed(self, rule: str) -> Iterator[tuple[Equation, CellValue, CellValue, tuple[Cell, ...]]]:
        """Each equation of ``rule`` whose cells all hold numbers and that does not hold: sides and cells."""
        numbers = self.numbers
        for compiled in self.plan.equations.get(rule, ()):
            picked = compiled.pick(numbers)
            if None in picked:
                continue  # a blank, placeholder or missing cell: the rule cannot be evaluated
            left = sum(picked[: compiled.n_left])
            right = sum(picked[compiled.n_left :])
            if left != right:
                yield compiled.equation, left, right, compiled.pick(self.table.cells)

    def read_cells(self, kind: ValueKind, bad: Callable[[Any], bool]) -> Iterator[Cell]:
        """The ``read`` cells of ``kind`` whose value is ``bad``, in table order.

        ``bad`` must hold only for a decimal or a value below 0: values of ``kind`` that are all
        integers >= 0 (or none) are passed over without a look at each cell.
        """
        positions, pick = self.plan.kind(kind)
        if pick is None:
            return
        numbers = pick(self.numbers)  # every read value is among them
        if set(map(type, numbers)) <= _WHOLE_TYPES and min(filter(None, numbers), default=0) >= 0:
            return
        cells = self.table.cells
        for position in positions:
            cell = cells[position]
            if cell.state is _READ and bad(cell.value):
                yield cell


_WHOLE_TYPES = frozenset({int, type(None)})

_VIEWS: RecentByIdentity[StatTable, TableView] = RecentByIdentity(16, per_document=True)


def view(table: StatTable) -> TableView:
    """The table's view, shared by the rules that check one report (a few recent tables are kept)."""
    return _VIEWS.get(table, TableView)
