"""Pieces shared by the markup readers (HTML, DOCX): cell text lines, and tables before their index."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import NamedTuple

from govreport.model.document import Grid, Location, Paragraph
from govreport.normalize.numbers import TokenKind, parse_cell


def _wide(char: str) -> bool:
    return ord(char) >= 0x2E80  # CJK and full-width forms: no space between wrapped pieces


def join_lines(lines: Sequence[str], apart: Sequence[bool] = ()) -> str:
    """Join the lines of a wrapped cell: CJK text joins directly, anything else with a space.

    ``社会公益`` + ``组织`` gives ``社会公益组织``; ``12`` + ``34`` gives ``12 34``, which no
    reader takes for the number 1234. ``apart[i]`` forces a space before line ``i`` (the
    cells of a nested table stay apart).
    """
    out = ""
    for i, line in enumerate(lines):
        if not line:
            continue
        forced = i < len(apart) and apart[i]
        if out and (forced or not (_wide(out[-1]) and _wide(line[0]))):
            out += " "
        out += line
    return out


class CellLines:
    """Collects a cell's text line by line (``<br>``, ``<p>``, Word paragraphs break lines)."""

    def __init__(self) -> None:
        self._lines: list[tuple[bool, str]] = []  # (kept apart from the line before, line)
        self._current: list[str] = []
        self._apart = False

    def add(self, text: str) -> None:
        """Append text to the current line."""
        if text:
            self._current.append(text)

    def newline(self, *, apart: bool = False) -> None:
        """End the current line, if it holds anything; ``apart`` keeps the next line apart by a space."""
        if self._current:
            self._lines.append((self._apart, "".join(self._current)))
            self._current = []
            self._apart = False
        if apart:
            self._apart = True

    def lines(self) -> list[str]:
        """The non-empty lines so far, stripped."""
        self.newline()
        return [stripped for _, line in self._lines if (stripped := line.strip())]

    def text(self) -> str:
        """The cell text, lines stripped and joined."""
        self.newline()
        if len(self._lines) <= 1:  # most cells: no joining to do
            return self._lines[0][1].strip() if self._lines else ""
        kept = [(apart, line.strip()) for apart, line in self._lines if line.strip()]
        return join_lines([line for _, line in kept], [apart for apart, _ in kept])


class RawCell(NamedTuple):
    """A cell as read, before the grid is final: the model's attrs objects are built once, at the end."""

    text: str
    row: int
    col: int
    row_span: int
    col_span: int
    line: int | None


new_raw_cell = partial(tuple.__new__, RawCell)
"""``RawCell`` from a tuple of all its fields, without the named tuple's ``__new__`` in Python.

Markup readers make one per table cell; this costs half as much.
"""


class RawTable:
    """A table read from markup before it gets its index among the document's grids.

    ``cells`` are in row order (readers append them row by row), which lets the header
    checks of split tables stop early instead of reading a long table whole.
    """

    def __init__(self, cells: list[RawCell], n_rows: int, n_cols: int, line: int | None) -> None:
        self.cells = cells
        self.n_rows = n_rows
        self.n_cols = n_cols
        self.line = line
        # Cells whose declared row span runs past the last row, as (cell index, rows beyond):
        # a table split into pieces carries them into the next piece.
        self.overflow: list[tuple[int, int]] = []

    def row_texts(self, count: int) -> list[tuple[tuple[int, int, int, str], ...]]:
        """The first ``count`` rows as comparable tuples of (col, row span, col span, text)."""
        rows: list[list[tuple[int, int, int, str]]] = [[] for _ in range(count)]
        for cell in self.cells:
            if cell.row >= count:
                break  # cells are in row order
            rows[cell.row].append((cell.col, cell.row_span, cell.col_span, cell.text))
        return [tuple(sorted(r)) for r in rows]

    def header_rows(self) -> int:
        """How many leading rows hold no number.

        Cells are kept in row order, so the scan stops at the first number: a table grown by
        thousands of appended pieces is not read whole again for each one.
        """
        for cell in self.cells:
            if parse_cell(cell.text).kind is TokenKind.NUMBER:
                return min(cell.row, self.n_rows)
        return self.n_rows

    def first_row_has_numbers(self) -> bool:
        """Whether the first row holds a number: the table starts mid-data."""
        return any(c.row == 0 and parse_cell(c.text).kind is TokenKind.NUMBER for c in self.cells)

    def append(self, other: RawTable, skip: int) -> None:
        """Append ``other``'s rows after ours, leaving out its first ``skip`` (repeated header) rows."""
        offset = self.n_rows - skip
        self.cells.extend(c._replace(row=c.row + offset) for c in other.cells if c.row >= skip)
        self.n_rows += other.n_rows - skip

    def held_columns(self) -> list[tuple[int, int, int]]:
        """(column, column span, rows) that the overflowing row spans hold in the next piece."""
        return [(self.cells[i].col, self.cells[i].col_span, beyond) for i, beyond in self.overflow]

    def continue_with(self, piece: RawTable) -> None:
        """Append ``piece`` (the next piece of a split table), extending the row spans that ran into it."""
        carried = []
        for i, beyond in self.overflow:
            cell = self.cells[i]
            self.cells[i] = cell._replace(row_span=cell.row_span + min(beyond, piece.n_rows))
            if beyond > piece.n_rows:
                carried.append((i, beyond - piece.n_rows))
        offset = len(self.cells)
        self.append(piece, 0)
        self.overflow = carried + [(offset + i, beyond) for i, beyond in piece.overflow]

    def to_grid(self, index: int) -> Grid:
        """The finished grid; every cell's location names the grid and its row and column."""
        # One tuple per RawCell field: the grid keeps its cells flat.
        by_field = tuple(zip(*self.cells, strict=True)) if self.cells else ((),) * len(RawCell._fields)
        texts, rows, cols, row_spans, col_spans, lines = by_field
        return Grid.from_flat(
            index,
            texts,
            rows,
            cols,
            self.n_rows,
            self.n_cols,
            Location(line=self.line, table=index),
            row_spans=row_spans,
            col_spans=col_spans,
            lines=lines,
        )


def continuation_skip(previous: RawTable, table: RawTable) -> int | None:
    """How many rows to drop from ``table`` to continue ``previous``, or ``None`` if it is a new table.

    A table continues the one right before it (nothing printed between them) when both
    have the same number of columns and the second one either starts with data rows
    (its first row holds numbers), or starts by repeating the first one's header rows,
    which are then dropped. A second table with a header of its own is a new table.
    """
    if table.n_cols != previous.n_cols or table.n_rows == 0:
        return None
    header = previous.header_rows()
    if 0 < header < table.n_rows and table.row_texts(header) == previous.row_texts(header):
        return header
    if table.first_row_has_numbers():
        return 0
    return None


def merge_split_tables(items: Iterable[Paragraph | RawTable]) -> list[Paragraph | RawTable]:
    """Join tables that a page or file split into several consecutive pieces."""
    out: list[Paragraph | RawTable] = []
    for item in items:
        if isinstance(item, RawTable) and out and isinstance(out[-1], RawTable):
            skip = continuation_skip(out[-1], item)
            if skip is not None:
                out[-1].append(item, skip)
                continue
        out.append(item)
    return out
