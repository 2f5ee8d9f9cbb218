"""Statutory tables of Markdown made from PDFs, put back together after their grid is built.

Converters print table 二's rows away from their 第二十条 caption, drop table 三's row
labels, and print table 四 as three sub-tables of five numbers. Each repair here takes a
grid and returns it repaired, with a note for every change, so that no value is moved
silently. Cells keep the location they were printed at.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from govreport.model.document import Grid, GridCell, Location
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.normalize.text import label_key
from govreport.tables.layouts import (
    APPLICATIONS_V2019,
    APPLICATIONS_V2021,
    FORM_LAYOUTS,
    GROUP_CORES,
    active_blocks,
)
from govreport.tables.reading import match_core
from govreport.tables.specs import ApplicationRow

_CAPTION = re.compile(r"第二十[一二]?条第([一二三四五六七八九十]{1,2})项")


DROPPED_NUMBER_NOTE = "markdown: 第{line}行的数「{text}」不在任何表格行中，未读取"
"""The note left for a number no row of a statutory table can take (rule M2 reports it)."""
RESTORED_LABEL_NOTE = "markdown: 第{line}行的一行数字没有行名，按前后行的次序读作「{label}」"
"""The note left for each table-三 row labelled by position (rule M1 reports it)."""

_V2019_OTHER = next(r for r in APPLICATIONS_V2019 if r.spec.key == "other")


def _strip_numbering(key: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]{1,2}|\d{1,2})", "", key, count=1)


def application_row(key: str, group: str | None) -> tuple[int, ApplicationRow] | None:
    """The table 三 row a label key names and the length of the core that named it."""
    best: tuple[int, ApplicationRow] | None = None
    for row in (*APPLICATIONS_V2021, _V2019_OTHER):
        if row.spec.key == "other.other":
            score = 2 if group == "other" and _strip_numbering(key) == "其他" else 0
        else:
            score = match_core((key,), row.spec.cores)
        if score and (best is None or score > best[0]):
            best = (score, row)
    return best


def _row_of(texts: Sequence[str], group: str | None) -> tuple[ApplicationRow | None, str | None]:
    """The row the label cells name (the longest core over all of them) and the group they leave open."""
    best: tuple[int, ApplicationRow] | None = None
    for text in texts:
        key = label_key(text)
        for name, cores in GROUP_CORES.items():
            if match_core((key,), cores):
                group = name
        hit = application_row(key, group)
        if hit is not None and (best is None or hit[0] > best[0]):
            best = hit
    row = best[1] if best else None
    return row, (row.group if row is not None else group)


def restore_row_labels(grid: Grid) -> tuple[Grid, list[str]]:
    """Give table 三's unlabelled rows of numbers the one label their position admits.

    A run of unlabelled rows between two labelled rows is labelled only when it has
    exactly as many rows as the layout has between those two labels. Returns the grid
    (unchanged when nothing was restored) and a note for each restored row.
    """
    rows = grid.rows()
    labelled: list[tuple[int, str]] = []  # (grid row, layout key)
    unlabelled: list[int] = []
    group: str | None = None
    for r, row in enumerate(rows):
        texts = [c.text for c in row if c.text.strip()]
        if not texts:
            continue
        tokens = [parse_cell(t) for t in texts]
        if tokens[0].kind is TokenKind.NUMBER:
            if sum(1 for t in tokens if t.kind is TokenKind.NUMBER) >= 2:
                unlabelled.append(r)
            continue
        first_value = next((i for i, t in enumerate(tokens) if t.kind is not TokenKind.TEXT), len(texts))
        match, group = _row_of(texts[:first_value], group)
        if match is not None:
            labelled.append((r, match.spec.key))
        elif sum(1 for t in tokens if t.kind is TokenKind.NUMBER) >= 2:
            unlabelled.append(r)  # a label fragment that names no row: placed by position like the rest
    orders = [[row.spec.key for row in rows_] for rows_ in (APPLICATIONS_V2019, APPLICATIONS_V2021)]
    labels_of = {row.spec.key: row.spec.label for row in (*APPLICATIONS_V2021, *APPLICATIONS_V2019)}
    restored: dict[int, str] = {}
    waiting = iter(unlabelled)
    pending = next(waiting, None)
    for (row_a, key_a), (row_b, key_b) in itertools.pairwise(labelled):
        between = []
        while pending is not None and pending < row_b:
            if pending > row_a:
                between.append(pending)
            pending = next(waiting, None)
        if not between:
            continue
        # The gap in each layout that has both rows in this order; v2019 and v2021 differ at （六）.
        gaps = {
            tuple(keys[keys.index(key_a) + 1 : keys.index(key_b)])
            for keys in orders
            if key_a in keys and key_b in keys and keys.index(key_a) < keys.index(key_b)
        }
        fitting = [gap for gap in gaps if len(gap) == len(between)]
        if len(fitting) == 1:
            restored.update(zip(between, fitting[0], strict=True))
    if not restored:
        return grid, []
    cells: list[GridCell] = []
    notes: list[str] = []
    for cell in grid.cells:
        cells.append(_moved(cell, cell.row, cell.col + 1) if cell.row in restored else cell)
    for r, key in sorted(restored.items()):
        first = rows[r][0].location
        location = Location(line=first.line, column=first.column, table=grid.index, row=r, col=0)
        cells.append(GridCell(text=labels_of[key], row=r, col=0, location=location))
        notes.append(RESTORED_LABEL_NOTE.format(line=first.line, label=labels_of[key]))
    return _rebuilt(grid, cells), notes


def _rebuilt(grid: Grid, cells: list[GridCell], n_rows: int | None = None) -> Grid:
    n_cols = max(grid.n_cols, max((c.col + c.col_span for c in cells), default=0))
    rows = grid.n_rows if n_rows is None else n_rows
    return Grid(index=grid.index, cells=tuple(cells), n_rows=rows, n_cols=n_cols, location=grid.location)


def _moved(cell: GridCell, row: int, col: int) -> GridCell:
    """The same printed cell at another grid position; its location still says where it was printed."""
    return GridCell(
        text=cell.text,
        row=row,
        col=col,
        row_span=cell.row_span,
        col_span=cell.col_span,
        location=cell.location,
    )


_BLOCK_OF_ROW: dict[str, str] = {}


def _block_of(key: str) -> str | None:
    """The 第二十条 clause whose rows include the label ``key`` (longest core wins)."""
    if not _BLOCK_OF_ROW:
        for layout in FORM_LAYOUTS:
            for block in active_blocks(layout):
                for row in block.rows:
                    for core in row.cores:
                        _BLOCK_OF_ROW.setdefault(core, block.clause)
    best = max((core for core in _BLOCK_OF_ROW if core in key), key=len, default=None)
    return _BLOCK_OF_ROW[best] if best else None


def regroup_active_blocks(grid: Grid) -> tuple[Grid, list[str]]:
    """Move table 二 rows that a converter printed away from their 第二十条 caption back under it.

    Each row label (规章, 行政许可, …) belongs to exactly one block, so a labelled row under
    another block's caption has one place to go: right after its own caption, with the
    header row printed just above it. Rows stay as printed; only their order changes.
    """
    rows = grid.rows()
    clause_of_row: dict[int, str] = {}
    captions: dict[str, int] = {}
    current: str | None = None
    unlabelled: list[str] = []  # numbers no block can take: the reader skips them, the notes say so
    for r, row in enumerate(rows):
        text = " ".join(c.text for c in row)
        caption = _CAPTION.search(label_key(text))
        if caption is not None:
            current = caption.group(1)
            captions.setdefault(current, r)
            continue
        first = next((c.text for c in row if c.text.strip()), "")
        if parse_cell(first).kind is TokenKind.NUMBER:
            line = next(c.location.line for c in row if c.text.strip())
            unlabelled.append(
                DROPPED_NUMBER_NOTE.format(line=line, text=" ".join(c.text for c in row).strip())
            )
        if parse_cell(first).kind is not TokenKind.TEXT:
            continue
        clause = _block_of(label_key(first))
        if (
            clause is not None
            and clause != current
            and any(parse_cell(c.text).kind is TokenKind.NUMBER for c in row)
        ):
            clause_of_row[r] = clause
    moving = {r: c for r, c in clause_of_row.items() if c in captions}
    for r, clause in list(moving.items()):
        above = r - 1
        header = rows[above] if above >= 0 else ()
        if (
            above not in moving
            and header
            and not any(parse_cell(c.text).kind is TokenKind.NUMBER for c in header)
            and _CAPTION.search(label_key(" ".join(c.text for c in header))) is None
        ):
            moving[above] = clause
    if not moving:
        return grid, unlabelled
    order: list[int] = []
    for r in range(len(rows)):
        if r in moving:
            continue
        order.append(r)
        clause = next((c for c, at in captions.items() if at == r), None)
        if clause is not None:
            order += sorted(m for m, c in moving.items() if c == clause)
    new_index = {old: new for new, old in enumerate(order)}
    cells = [_moved(c, new_index[c.row], c.col) for c in grid.cells]
    notes = [
        f"markdown: 表二第{rows[r][0].location.line}行按行名移回第二十条第（{clause}）项之下"
        for r, clause in sorted(moving.items())
        if rows[r]
    ]
    return _rebuilt(grid, cells), notes + unlabelled


def join_review_rows(grid: Grid) -> tuple[Grid, list[str]]:
    """Table 四 printed as three sub-tables of five numbers: join them into its one row of fifteen."""
    rows = grid.rows()
    data = [
        r
        for r, row in enumerate(rows)
        if row
        and all(parse_cell(c.text).kind in (TokenKind.NUMBER, TokenKind.BLANK) for c in row)
        and sum(1 for c in row if parse_cell(c.text).kind is TokenKind.NUMBER) == 5
    ]
    if len(data) != 3:
        return grid, []
    first, *rest = data
    cells: list[GridCell] = []
    offset = {first: 0}
    width = max(c.col for c in rows[first]) + 1
    for r in rest:
        offset[r] = width
        width += max(c.col for c in rows[r]) + 1
    for cell in grid.cells:
        if cell.row in offset:
            cells.append(_moved(cell, first, cell.col + offset[cell.row]))
        else:
            cells.append(cell)
    kept = sorted({c.row for c in cells})
    renumber = {old: new for new, old in enumerate(kept)}
    cells = [_moved(c, renumber[c.row], c.col) for c in cells]
    lines = "、".join(str(rows[r][0].location.line) for r in data)
    return _rebuilt(grid, cells, len(kept)), [f"markdown: 表四分三段印出（第{lines}行），合为一行十五个数"]
