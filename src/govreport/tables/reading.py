"""Shared machinery of the table readers: label cells, value placement, cell building.

A table reader finds its rows by label. This module decides which printed value
belongs to which column: by the header's positions when the grid is regular, by
count when exactly the expected number of values is printed, and otherwise records
the row as incomplete for invariant-guided recovery. It never shifts values silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from attrs import define, field, frozen

from govreport.limits import current_budget
from govreport.messages import reading as msg
from govreport.messages.names import table_name
from govreport.model.document import Grid, GridCell, Location
from govreport.model.findings import CellRef, Finding
from govreport.model.rules import finding
from govreport.model.tables import Cell, CellKey, CellState, Layout, StatTable
from govreport.normalize.numbers import CellToken, TokenKind, parse_cell
from govreport.normalize.text import label_key
from govreport.tables.layouts import column_spec, hybrid_rows, table_keys
from govreport.tables.rules import R4
from govreport.tables.specs import ColumnSpec, ValueKind

_VALUE_KINDS = (TokenKind.NUMBER, TokenKind.PLACEHOLDER)


@frozen
class Slot:
    """A value cell as found: its token, and the grid cell it came from (if any)."""

    token: CellToken
    cell: GridCell | None


@frozen
class IncompleteRun:
    """Printed values that fit fewer cells than the row has: their placement is unknown."""

    keys: tuple[CellKey, ...]
    tokens: tuple[tuple[CellToken, GridCell], ...]
    label: str
    location: Location | None


@frozen
class GluedRun:
    """A row's numbers printed with nothing between them (``640020470``): how they split is unknown."""

    keys: tuple[CellKey, ...]
    text: str
    label: str
    location: Location | None
    segments: tuple[tuple[int, Location], ...] = ()
    """Later lines of the run (a wrapped run): (offset in ``text``, where that line's part starts)."""


@define
class Placement:
    """Values placed for one candidate layout."""

    slots: dict[CellKey, Slot] = field(factory=dict)
    incomplete: list[IncompleteRun] = field(factory=list)
    glued: list[GluedRun] = field(factory=list)
    """Rows of glued text, split by :mod:`govreport.tables.splitting` once the layout is known."""
    findings: list[Finding] = field(factory=list)
    overfull: set[CellKey] = field(factory=set)
    """Keys of rows that were found but printed more values than they have cells (R4)."""

    def place_row(
        self, table: str, row: AnalysedRow, keys: Sequence[CellKey], positions: Sequence[int] | None
    ) -> dict[CellKey, Slot]:
        """Place one row's values (see :func:`place_values`), keeping an incomplete run or R4.

        The slots are returned, not stored, so a reader can complete them (units) first.
        """
        slots, run, too_many = place_values(row, keys, positions)
        if run is not None:
            self.incomplete.append(run)
        if too_many:
            self.overfull.update(keys)
            self.findings.append(
                finding(
                    R4,
                    msg.TOO_MANY_NUMBERS(table=table_name(table), label=row.label_text, columns=len(keys)),
                    cells=key_refs(table, keys, row.location),
                    location=row.location,
                )
            )
        return slots


def _nothing_placed(layout: Layout) -> Placement:
    return Placement()


LayoutEvidence = tuple[Layout, str, Location | None]
"""A cue that points at a layout: the layout, what was seen, and where."""


@define
class TableReading:
    """What a table reader found, before the layout is fixed and recovery runs.

    Rows are identified by label once. Values are placed only for the layout the
    report turns out to use (``place(layout)``), because table 二's columns differ
    between v2019 and v2021.
    """

    table: str
    location: Location | None
    place: Callable[[Layout], Placement] = _nothing_placed
    findings: list[Finding] = field(factory=list)
    evidence: list[LayoutEvidence] = field(factory=list)
    _placed: dict[Layout, Placement] = field(factory=dict, init=False)

    def placement(self, layout: Layout) -> Placement:
        """The values placed for ``layout``, computed once."""
        if layout not in self._placed:
            self._placed[layout] = self.place(layout)
        return self._placed[layout]


@frozen
class AnalysedRow:
    """A grid row split into its label cells and the cells after them."""

    cells: tuple[GridCell, ...]
    labels: tuple[GridCell, ...]
    label_keys: tuple[str, ...]
    values: tuple[GridCell, ...]
    tokens: tuple[CellToken, ...]
    width: int

    @property
    def has_numbers(self) -> bool:
        """Whether any value cell holds a number."""
        return any(t.kind is TokenKind.NUMBER for t in self.tokens)

    @property
    def label_text(self) -> str:
        """The row's label cells joined, as printed."""
        printed = " / ".join(c.text for c in self.labels if c.text)
        if printed or not self.cells:
            return printed or "（无行名）"
        return f"第{self.cells[0].row + 1}行（无行名）"

    @property
    def location(self) -> Location | None:
        """Where the row starts."""
        return self.cells[0].location if self.cells else None


_ANALYSED: dict[int, tuple[Grid, list[AnalysedRow]]] = {}


def analyse_rows(grid: Grid) -> list[AnalysedRow]:
    """Split each grid row into leading label cells and the value cells after them.

    Every table reader looks at every grid, so the analysis is kept for the most
    recent grids (keyed by identity, holding the grid so the id stays valid).
    """
    hit = _ANALYSED.get(id(grid))
    if hit is not None and hit[0] is grid:
        return hit[1]
    current_budget().check_time()  # every table reader comes here for every grid it looks at
    rows = _analyse(grid)
    if len(_ANALYSED) >= 64:
        _ANALYSED.clear()
    _ANALYSED[id(grid)] = (grid, rows)
    return rows


def _analyse(grid: Grid) -> list[AnalysedRow]:
    rows = grid.rows()
    coverage = [(row[-1].col + row[-1].col_span) if row else 0 for row in rows]
    for cell in grid.cells:
        if cell.row_span > 1:  # a cell spanning rows also widens the rows below its own
            for r in range(cell.row + 1, min(cell.row + cell.row_span, grid.n_rows)):
                coverage[r] = max(coverage[r], cell.col + cell.col_span)
    result = []
    for r, row in enumerate(rows):
        tokens = [parse_cell(c.text) for c in row]
        first_value = next((i for i, t in enumerate(tokens) if t.kind in _VALUE_KINDS), len(row))
        labels = tuple(c for c in row[:first_value] if c.text)
        result.append(
            AnalysedRow(
                cells=row,
                labels=labels,
                label_keys=tuple(label_key(c.text) for c in labels),
                values=row[first_value:],
                tokens=tuple(tokens[first_value:]),
                width=coverage[r],
            )
        )
    return result


def match_core(keys: Iterable[str], cores: Sequence[str], *, exact: bool = False) -> int:
    """Length of the longest core found in any of ``keys`` (0 when none matches)."""
    best = 0
    for key in keys:
        for core in cores:
            if (key == core) if exact else (core in key):
                best = max(best, len(core))
    return best


def positions_trusted(rows: Sequence[AnalysedRow]) -> bool:
    """Whether grid positions mean columns: every row of the table has the same width.

    Flattened text whose rows carry different numbers of fields has lost or gained
    cells in conversion, so positions there say nothing and only counts are used.
    """
    widths = {r.width for r in rows if r.cells}
    return len(widths) == 1


def place_values(
    row: AnalysedRow,
    keys: Sequence[CellKey],
    positions: Sequence[int] | None,
) -> tuple[dict[CellKey, Slot], IncompleteRun | None, bool]:
    """Assign a row's printed values to ``keys``.

    Returns the placed slots, an incomplete run when fewer values than keys were
    printed and no trusted position says where the gaps are, and whether more values
    were printed than the row has cells.
    """
    if positions is not None:
        by_col = {c.col: c for c in row.cells}
        wanted = set(positions)
        stray = [
            c
            for c, t in zip(row.values, row.tokens, strict=True)
            if t.kind is not TokenKind.BLANK and c.col not in wanted
        ]
        if not stray:
            slots = {}
            for key, col in zip(keys, positions, strict=True):
                cell = by_col.get(col)
                token = parse_cell(cell.text) if cell is not None else None
                if cell is not None and token is not None:
                    slots[key] = Slot(token, cell)
            return slots, None, False
    printed = [(t, c) for c, t in zip(row.values, row.tokens, strict=True) if t.kind is not TokenKind.BLANK]
    if len(printed) == len(keys):
        return {k: Slot(t, c) for k, (t, c) in zip(keys, printed, strict=True)}, None, False
    if len(printed) > len(keys):
        return {}, None, True
    run = IncompleteRun(tuple(keys), tuple(printed), row.label_text, row.location)
    return {}, run, False


def header_positions(
    rows: Sequence[AnalysedRow], columns: Sequence[ColumnSpec], exact: frozenset[str] = frozenset()
) -> list[int] | None:
    """Grid columns of ``columns`` from header rows, or ``None`` unless all are found once.

    Cores listed in ``exact`` must equal a header cell's key (``其他`` would otherwise
    match ``法人或其他组织``).
    """
    found: dict[str, int] = {}
    for row in rows:
        for cell in row.cells:
            key = label_key(cell.text)
            if not key:
                continue
            for column in columns:
                hit = any((key == core) if core in exact else (core in key) for core in column.cores)
                if hit and column.key not in found:
                    found[column.key] = cell.col
                    break
    if len(found) != len(columns) or len(set(found.values())) != len(columns):
        return None
    return [found[c.key] for c in columns]


def cell_for(table: str, layout: Layout, key: CellKey, slot: Slot | None) -> Cell:
    """Build the typed cell for a placed slot, or a ``missing`` cell when there is none."""
    row, column = key
    if slot is None:
        return Cell(table=table, row=row, column=column, value=None, state=CellState.MISSING)
    token, grid_cell = slot.token, slot.cell
    raw = grid_cell.text if grid_cell is not None else ""
    location = grid_cell.location if grid_cell is not None else None
    if token.kind is TokenKind.NUMBER:
        spec = column_spec(table, layout, row, column)
        value = token.value
        unit = None
        if spec.kind is ValueKind.MONEY:
            unit = token.unit or spec.unit
            value = Decimal(value) if value is not None else None
        return Cell(
            table=table,
            row=row,
            column=column,
            value=value,
            state=CellState.READ,
            raw=raw,
            unit=unit,
            location=location,
        )
    state = CellState.BLANK if token.kind is TokenKind.BLANK else CellState.PLACEHOLDER
    return Cell(table=table, row=row, column=column, value=None, state=state, raw=raw, location=location)


def is_hybrid(table: str, layout: Layout, keys: Iterable[CellKey]) -> bool:
    """Whether cells under ``keys`` include a row of the other layout that ``layout`` reads (a hybrid)."""
    extra = hybrid_rows(table, layout)
    return bool(extra) and any(row in extra for row, _ in keys)


def build_table(reading: TableReading, layout: Layout, cells: dict[CellKey, Cell]) -> StatTable:
    """Assemble the full-layout table; every key of the layout is present, and a hybrid row read."""
    keys = table_keys(reading.table, layout, is_hybrid(reading.table, layout, cells))
    ordered = tuple(cells.get(k) or cell_for(reading.table, layout, k, None) for k in keys)
    return StatTable(key=reading.table, layout=layout, cells=ordered, location=reading.location)


def key_refs(table: str, keys: Iterable[CellKey], location: Location | None) -> tuple[CellRef, ...]:
    """References to a table's cells by key, all at ``location`` (the row or table they were read at)."""
    return tuple(CellRef(table=table, row=r, column=c, location=location) for r, c in keys)
