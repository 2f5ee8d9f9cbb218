"""Tables continued across pages: one grid from the fragments each page drew.

A fragment that opens a page and has the same columns as the one that closed the
previous page continues it. Header rows repeated at the top are dropped, and a row (or
a merged cell) that broke across the page is joined back when its text was cut while
wrapping.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from operator import itemgetter

from govreport.model.document import Grid, Location
from govreport.readers.pdf.geometry import SNAP, band_index, cluster, round_box
from govreport.readers.pdf.lines import join_wrapped
from govreport.readers.pdf.ruled import Fragment, FragmentCell

MAX_PADDING = 6.0
"""The widest cell padding assumed when asking whether a character fits on a line."""

_ROW_COL = itemgetter(0, 1)

_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")

_ITEM_START = re.compile(
    r"第[一二三四五六七八九十百零〇\d]+[条项章节部]|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]"
)


def same_columns(a: Fragment, b: Fragment) -> bool:
    """Whether ``b`` can continue ``a``: same outer edges, one's column lines within the other's."""
    if abs(a.xs[0] - b.xs[0]) > SNAP or abs(a.xs[-1] - b.xs[-1]) > SNAP:
        return False

    def within(small: Sequence[float], large: Sequence[float]) -> bool:
        return all(any(abs(x - y) <= SNAP for y in large) for x in small)

    return within(a.xs, b.xs) or within(b.xs, a.xs)


def _row_signature(fragment: Fragment, row: int) -> tuple[tuple[int, int, int, str], ...]:
    return tuple(
        (round(c.x0), round(c.x1), c.row_end - c.row, c.text) for c in fragment.cells if c.row == row
    )


def repeated_header_rows(first: Fragment, continuation: Fragment) -> int:
    """How many rows at the top of ``continuation`` repeat the header of ``first``.

    Only a closed block counts: no cell in those rows may span below them, so a
    repeated header is never cut through a merged cell.
    """
    best = 0
    limit = min(first.n_rows, continuation.n_rows - 1)
    for k in range(1, limit + 1):
        if _row_signature(first, k - 1) != _row_signature(continuation, k - 1):
            break
        closed = all(c.row_end <= k for c in continuation.cells if c.row < k) and all(
            c.row_end <= k for c in first.cells if c.row < k
        )
        if closed:
            best = k
    return best


def _continues_row(before: Fragment, after: Fragment, skip: int) -> bool:
    """Whether the first body row of ``after`` is the rest of the last row of ``before``.

    Word and LibreOffice let a tall row break across pages, even inside a wrapped label
    or a wrapped number. The rest then has the same cells, and each cell with text in it
    continues a cell that was cut while wrapping: the first character of the rest would
    not have fitted on the last line above. A row whose text opens with item numbering
    (``第二十条``, ``三、``, ``（一）``, ``1.``) starts anew. A short number, a header or a
    label that ended early above all mean a new row.
    """
    if skip >= after.n_rows:
        return False
    last = [c for c in before.cells if c.row_end == before.n_rows]
    first = [c for c in after.cells if c.row == skip]
    if len(last) != len(first):
        return False
    pairs = []
    for cell in first:
        above = next((c for c in last if abs(c.x0 - cell.x0) <= SNAP and abs(c.x1 - cell.x1) <= SNAP), None)
        if above is None:
            return False
        pairs.append((above, cell))
    filled = [(above, below) for above, below in pairs if below.text]
    return bool(filled) and all(
        _cut_while_wrapping(above, below) and not _ITEM_START.match(below.text) for above, below in filled
    )


def _cut_while_wrapping(above: FragmentCell, below: FragmentCell) -> bool:
    """Whether ``below``'s first character would not have fitted after ``above``'s last line."""
    if not above.text:
        return False
    if _looks_numeric(above.text) != _looks_numeric(below.text):
        return False  # a number goes on only with more digits, and text never with a number
    room = above.x1 - min(max(above.padding, 0.0), MAX_PADDING) - above.last_right
    return below.first_width > room + 1.0


def _looks_numeric(text: str) -> bool:
    return _NUMBER.fullmatch(unicodedata.normalize("NFKC", text)) is not None


def assemble_grid(fragments: Sequence[Fragment], index: int, first_line: int) -> Grid:
    """One grid from a table's fragments, with columns on the union of their column lines."""
    xs = cluster([x for f in fragments for x in f.xs])
    placed: list[tuple[FragmentCell, int, int, int, int]] = []  # cell, row, row_end, col, col_end
    offset = 0
    for number, fragment in enumerate(fragments):
        skip = repeated_header_rows(fragments[0], fragment) if number else 0
        consumed: set[int] = set()  # id() of cells on this page that continue a cell above
        if number and _continues_row(fragments[number - 1], fragment, skip):
            # The last row broke across the page: its cells on this page extend the open ones.
            skip += 1
            for i, (cell, r0, r1, c0, c1) in enumerate(placed):
                if r1 != offset:
                    continue
                rest = next(
                    (c for c in fragment.cells if c.row == skip - 1 and abs(c.x0 - cell.x0) <= SNAP), None
                )
                if rest is not None:
                    text = join_wrapped([cell.text, rest.text])
                    placed[i] = (cell._replace(text=text), r0, r1 + rest.row_end - skip, c0, c1)
        elif number:
            # A cell merged over several rows can break across the page on its own, while
            # the rows beside it do not: its text goes on in the first cell below it.
            for i, (cell, r0, r1, c0, c1) in enumerate(placed):
                rest = next(
                    (
                        c
                        for c in fragment.cells
                        if c.row == skip and abs(c.x0 - cell.x0) <= SNAP and abs(c.x1 - cell.x1) <= SNAP
                    ),
                    None,
                )
                if (
                    r1 == offset
                    and rest is not None
                    and rest.text
                    and (r1 - r0 > 1 or rest.row_end - rest.row > 1)
                    and _cut_while_wrapping(cell, rest)
                    and not _ITEM_START.match(rest.text)
                ):
                    text = join_wrapped([cell.text, rest.text])
                    placed[i] = (cell._replace(text=text), r0, offset + rest.row_end - skip, c0, c1)
                    consumed.add(id(rest))
        for cell in fragment.cells:
            if cell.row < skip or id(cell) in consumed:
                continue
            c0 = band_index(xs, cell.x0 + SNAP)
            c1 = band_index(xs, cell.x1 - SNAP) + 1
            placed.append((cell, offset + cell.row - skip, offset + cell.row_end - skip, c0, c1))
        offset += fragment.n_rows - skip
    # Drop grid columns and rows where no cell starts: they only come from a line drawn
    # through part of the table, and every cell over them spans them.
    used_cols = sorted({p[3] for p in placed})
    used_rows = sorted({p[1] for p in placed})
    col_of = {c: i for i, c in enumerate(used_cols)}
    row_of = {r: i for i, r in enumerate(used_rows)}

    cells = []
    for cell, r0, r1, c0, c1 in placed:
        # A span counts the used rows (columns) from the cell's first, which is used, to its end.
        row, col = row_of[r0], col_of[c0]
        row_span = max(bisect_left(used_rows, r1) - row, 0)
        col_span = max(bisect_left(used_cols, c1) - col, 0)
        cells.append((row, col, cell.text, row_span, col_span, first_line + row, cell.page, cell.bbox))
    cells.sort(key=_ROW_COL)
    # One tuple per field: the grid keeps its cells flat (a fragment always has a cell).
    rows, cols, texts, row_spans, col_spans, lines, pages, bboxes = zip(*cells, strict=True)
    first = fragments[0]
    return Grid.from_flat(
        index,
        texts,
        rows,
        cols,
        len(used_rows),
        len(used_cols),
        Location(line=first_line, page=first.page, bbox=round_box(first.box), table=index),
        row_spans=row_spans,
        col_spans=col_spans,
        lines=lines,
        pages=pages,
        bboxes=bboxes,
    )
