"""Shared machinery of the table readers: label cells, value placement, cell building.

A table reader finds its rows by label. This module decides which printed value
belongs to which column: by the header's positions when the grid is regular, by
count when exactly the expected number of values is printed, and otherwise records
the row as incomplete for invariant-guided recovery. It never shifts values silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from attrs import define, field, frozen

from govreport.limits import current_budget
from govreport.messages import reading as msg
from govreport.messages.names import table_name
from govreport.model.document import Grid, GridCell, Location
from govreport.model.findings import CellRef, Finding
from govreport.model.rules import finding
from govreport.model.tables import Cell, CellKey, Layout, StatTable
from govreport.normalize.numbers import CellToken, TokenKind, parse_cell
from govreport.normalize.text import label_key
from govreport.recent import RecentByIdentity
from govreport.tables.cells import missing_cell
from govreport.tables.cores import CoreIndex
from govreport.tables.layouts import hybrid_rows, table_keys
from govreport.tables.rules import R4
from govreport.tables.specs import ColumnSpec

_NUMBER, _PLACEHOLDER, _BLANK = TokenKind.NUMBER, TokenKind.PLACEHOLDER, TokenKind.BLANK


class Slot:
    """A value cell as found: its token, and the grid cell it came from (if any)."""

    __slots__ = ("cell", "token")

    def __init__(self, token: CellToken, cell: GridCell | None) -> None:
        self.token = token
        self.cell = cell

    def __repr__(self) -> str:
        return f"Slot(token={self.token!r}, cell={self.cell!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Slot):
            return NotImplemented
        return self.token == other.token and self.cell == other.cell

    def __hash__(self) -> int:
        return hash((self.token, self.cell))


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


class AnalysedRow:
    """A grid row split into its label cells and the cells after them.

    Slotted and built once per grid row: every cell's text is parsed here, once
    (``cell_tokens``), and value placement reuses those tokens.
    """

    __slots__ = (
        "_by_col",
        "_printed",
        "cell_tokens",
        "cells",
        "has_numbers",
        "label_keys",
        "labels",
        "tokens",
        "values",
        "width",
    )

    def __init__(self, cells: tuple[GridCell, ...], cell_tokens: tuple[CellToken, ...], width: int) -> None:
        first_value = len(cells)
        for i, token in enumerate(cell_tokens):
            if token.kind is _NUMBER or token.kind is _PLACEHOLDER:
                first_value = i
                break
        labels = tuple([c for c in cells[:first_value] if c.text]) if first_value else ()
        tokens = cell_tokens[first_value:]
        self.cells = cells
        self.cell_tokens = cell_tokens
        """The parsed text of every cell, in ``cells`` order."""
        self.labels = labels
        self.label_keys = tuple([label_key(c.text) for c in labels])
        self.values = cells[first_value:]
        self.tokens = tokens
        """The parsed text of the value cells, in ``values`` order."""
        self.width = width
        self.has_numbers = False
        """Whether any value cell holds a number."""
        for token in tokens:
            if token.kind is _NUMBER:
                self.has_numbers = True
                break
        self._by_col: dict[int, int] | None = None
        self._printed: tuple[tuple[tuple[CellToken, GridCell], ...], frozenset[int]] | None = None

    def column_index(self) -> dict[int, int]:
        """Grid column to index in ``cells`` (of the last cell at that column)."""
        by_col = self._by_col
        if by_col is None:
            by_col = self._by_col = {c.col: i for i, c in enumerate(self.cells)}
        return by_col

    def printed(self) -> tuple[tuple[tuple[CellToken, GridCell], ...], frozenset[int]]:
        """The value cells that are not blank, with their tokens, and the grid columns they sit in."""
        printed = self._printed
        if printed is None:
            pairs = tuple(
                [(t, c) for c, t in zip(self.values, self.tokens, strict=True) if t.kind is not _BLANK]
            )
            printed = self._printed = (pairs, frozenset([c.col for _, c in pairs]))
        return printed

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


_ANALYSED: RecentByIdentity[Grid, list[AnalysedRow]] = RecentByIdentity(64, per_document=True)


def analyse_rows(grid: Grid) -> list[AnalysedRow]:
    """Split each grid row into leading label cells and the value cells after them.

    Every table reader looks at every grid, so the analysis is kept for the most
    recent grids.
    """
    return _ANALYSED.get(grid, _analyse)


def _analyse(grid: Grid) -> list[AnalysedRow]:
    current_budget().check_time()  # every grid of a document is analysed: a point to check the time
    rows = grid.rows()
    coverage = [(row[-1].col + row[-1].col_span) if row else 0 for row in rows]
    for cell in grid.cells:
        if cell.row_span > 1:  # a cell spanning rows also widens the rows below its own
            for r in range(cell.row + 1, min(cell.row + cell.row_span, grid.n_rows)):
                coverage[r] = max(coverage[r], cell.col + cell.col_span)
    return [
        AnalysedRow(row, tuple(parse_cell(c.text) for c in row), coverage[r]) for r, row in enumerate(rows)
    ]


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
    printed, printed_cols = row.printed()
    # With header positions, every printed value must sit under one of them (no stray value).
    if positions is not None and printed_cols.issubset(positions):
        slots = {}
        cells, tokens, by_col = row.cells, row.cell_tokens, row.column_index()
        for key, col in zip(keys, positions, strict=True):
            at = by_col.get(col)
            if at is not None:
                slots[key] = Slot(tokens[at], cells[at])
        return slots, None, False
    if len(printed) == len(keys):
        return {k: Slot(t, c) for k, (t, c) in zip(keys, printed, strict=True)}, None, False
    if len(printed) > len(keys):
        return {}, None, True
    run = IncompleteRun(tuple(keys), printed, row.label_text, row.location)
    return {}, run, False


def header_positions(
    rows: Sequence[AnalysedRow], columns: Sequence[ColumnSpec], exact: frozenset[str] = frozenset()
) -> list[int] | None:
    """Grid columns of ``columns`` from header rows, or ``None`` unless all are found once.

    Cores listed in ``exact`` must equal a header cell's key (``其他`` would otherwise
    match ``法人或其他组织``). A cell names the first column it matches that is not found yet.
    """
    index = _column_index(columns, exact)
    found: dict[int, int] = {}
    for row in rows:
        for cell in row.cells:
            key = label_key(cell.text)
            if not key:
                continue
            for column in index.matched(key):
                if column not in found:
                    found[column] = cell.col
                    break
    if len(found) != len(columns) or len(set(found.values())) != len(columns):
        return None
    return [found[i] for i in range(len(columns))]


_COLUMN_INDEXES: RecentByIdentity[Sequence[ColumnSpec], CoreIndex] = RecentByIdentity(64)


def _column_index(columns: Sequence[ColumnSpec], exact: frozenset[str]) -> CoreIndex:
    """The index of a header's columns; readers pass the same few column tuples every time."""
    return _COLUMN_INDEXES.get(columns, lambda cs: CoreIndex([c.cores for c in cs], exact), exact)


def is_hybrid(table: str, layout: Layout, keys: Iterable[CellKey]) -> bool:
    """Whether cells under ``keys`` include a row of the other layout that ``layout`` reads (a hybrid)."""
    extra = hybrid_rows(table, layout)
    return bool(extra) and any(row in extra for row, _ in keys)


def build_table(reading: TableReading, layout: Layout, cells: dict[CellKey, Cell]) -> StatTable:
    """Assemble the full-layout table; every key of the layout is present, and a hybrid row read."""
    keys = table_keys(reading.table, layout, is_hybrid(reading.table, layout, cells))
    ordered = tuple(cells.get(k) or missing_cell(reading.table, k) for k in keys)
    return StatTable(key=reading.table, layout=layout, cells=ordered, location=reading.location)


def key_refs(table: str, keys: Iterable[CellKey], location: Location | None) -> tuple[CellRef, ...]:
    """References to a table's cells by key, all at ``location`` (the row or table they were read at)."""
    return tuple(CellRef(table=table, row=r, column=c, location=location) for r, c in keys)
