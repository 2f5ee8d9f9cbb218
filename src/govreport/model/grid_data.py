"""A table grid's cells as flat parallel tuples, the form readers build and downstream scans.

A report's grids hold thousands of cells, and most are only ever read for their text and
position. :class:`GridData` keeps one tuple per attribute (cell ``i`` is ``texts[i]``,
``rows[i]``, ``cols[i]``, …), so reading a grid builds no per-cell objects; the public
:class:`~govreport.model.document.GridCell` and
:class:`~govreport.model.document.Location` objects are built from it only when asked for.
"""

from __future__ import annotations

BBox = tuple[float, float, float, float]


class GridData:
    """The cells of one grid, one tuple per attribute, in the grid's cell order.

    ``row_spans`` and ``col_spans`` are ``None`` when every span is 1; ``lines``,
    ``columns``, ``pages`` and ``bboxes`` are ``None`` when the reader knows none of them.
    ``from_cells`` says the data was taken from a grid's cells, whose locations it does not hold.
    """

    __slots__ = (
        "_by_row",
        "bboxes",
        "col_spans",
        "cols",
        "columns",
        "from_cells",
        "lines",
        "pages",
        "row_spans",
        "rows",
        "texts",
    )

    def __init__(
        self,
        texts: tuple[str, ...],
        rows: tuple[int, ...],
        cols: tuple[int, ...],
        row_spans: tuple[int, ...] | None = None,
        col_spans: tuple[int, ...] | None = None,
        lines: tuple[int | None, ...] | None = None,
        columns: tuple[int | None, ...] | None = None,
        pages: tuple[int | None, ...] | None = None,
        bboxes: tuple[BBox | None, ...] | None = None,
        *,
        from_cells: bool = False,
    ) -> None:
        count = len(texts)
        for name, values in (
            ("rows", rows),
            ("cols", cols),
            ("row_spans", row_spans),
            ("col_spans", col_spans),
            ("lines", lines),
            ("columns", columns),
            ("pages", pages),
            ("bboxes", bboxes),
        ):
            if values is not None and len(values) != count:
                raise ValueError(f"grid data: {name} has {len(values)} entries for {count} cells")
        self.texts = texts
        self.rows = rows
        self.cols = cols
        self.row_spans = row_spans
        self.col_spans = col_spans
        self.lines = lines
        self.columns = columns
        self.pages = pages
        self.bboxes = bboxes
        self.from_cells = from_cells
        self._by_row: tuple[tuple[int, ...], ...] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def by_row(self, n_rows: int) -> tuple[tuple[int, ...], ...]:
        """Cell indices grouped by grid row, each row ordered by column (ties keep cell order)."""
        if self._by_row is None or len(self._by_row) != n_rows:
            grouped: list[list[int]] = [[] for _ in range(n_rows)]
            for i, row in enumerate(self.rows):
                grouped[row].append(i)
            by_col = self.cols.__getitem__
            self._by_row = tuple(tuple(sorted(indices, key=by_col)) for indices in grouped)  # stable
        return self._by_row
