"""Turn a flattened grid (one cell per field) into merged cells as printed on the official form."""

from __future__ import annotations

from attrs import evolve

from govreport.model.document import Grid, GridCell
from govreport.normalize.numbers import TokenKind, parse_cell

_VALUE_KINDS = (TokenKind.NUMBER, TokenKind.PLACEHOLDER)


def merge_form_cells(grid: Grid) -> Grid:
    """Merge a flattened grid's blank cells into the spans of the labels next to them.

    A flattened table keeps one field per grid position, so a merged cell appears as a
    label followed (or topped) by blank fields. This rebuilds the merges:

    - in header rows (rows without numbers) a label spans the blank fields to its right,
      and down over blank fields in the header rows below it;
    - in body rows the same holds inside the label columns only (left of the first
      column that holds values anywhere), so a blank value cell is never swallowed.

    Covered positions disappear from the grid; origin cells carry ``row_span`` and
    ``col_span``. Value cells are never merged.
    """
    by_pos = {(c.row, c.col): c for c in grid.cells}
    header = [True] * grid.n_rows
    first_value = [grid.n_cols] * grid.n_rows
    for cell in grid.cells:
        if parse_cell(cell.text).kind in _VALUE_KINDS:
            header[cell.row] = False
            first_value[cell.row] = min(first_value[cell.row], cell.col)
    label_width = min((first_value[r] for r in range(grid.n_rows) if not header[r]), default=grid.n_cols)

    spans: dict[tuple[int, int], list[int]] = {}  # origin position -> [row_span, col_span]
    covered: set[tuple[int, int]] = set()

    def blank(row: int, col: int) -> bool:
        cell = by_pos.get((row, col))
        return cell is not None and not cell.text.strip() and (row, col) not in covered

    for row in range(grid.n_rows):
        limit = grid.n_cols if header[row] else label_width
        # A body label continues down only over rows that carry a sub-label to its right.
        labelled = [c for c in range(limit) if (row, c) in by_pos and by_pos[(row, c)].text.strip()]
        for (top, left), (row_span, col_span) in list(spans.items()):
            if top + row_span != row or header[top] != header[row] or left + col_span > limit:
                continue
            if not header[row] and (not labelled or min(labelled) < left + col_span):
                continue
            cols = range(left, left + col_span)
            if all(blank(row, c) for c in cols):
                spans[(top, left)][0] += 1
                covered.update((row, c) for c in cols)
        col = 0
        while col < grid.n_cols:
            origin = by_pos.get((row, col))
            if origin is None or (row, col) in covered:
                col += 1
                continue
            width = 1
            if origin.text.strip():
                while col + width < limit and blank(row, col + width):
                    covered.add((row, col + width))
                    width += 1
                spans[(row, col)] = [1, width]
            col += width
    cells: list[GridCell] = []
    for cell in grid.cells:
        position = (cell.row, cell.col)
        if position in covered:
            continue
        row_span, col_span = spans.get(position, (1, 1))
        cells.append(evolve(cell, row_span=row_span, col_span=col_span))
    return evolve(grid, cells=tuple(cells))
