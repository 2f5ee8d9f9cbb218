"""Page geometry to document blocks: text lines, ruled tables, headers and footers.

Pure geometry with no PDF library: :mod:`govreport.readers.pdf.reader` extracts characters and
ruling lines, this module turns them into paragraphs and grids. Coordinates are PDF
points with the origin at the top left of the page (``top`` grows downwards).

The steps, per document:

1. Ruling lines that touch form a table; their x and y positions cut it into elementary
   cells, and two neighbouring elementary cells belong to one merged cell when no ruling
   separates them (so spans follow the lines actually drawn).
2. Characters inside a table go to their cell; lines inside a cell are joined (a number
   wrapped in a narrow column is joined without a space). Characters turned by quarter
   turns (vertical text) form lines in their own direction.
3. Characters outside tables form text lines. The first and last lines of a page are
   dropped when they are page numbers (``- 4 -``, ``第 4 页``) or repeat on other pages.
4. A table that opens a page and has the same columns as the table that closed the
   previous page continues it; header rows repeated at the top are dropped, and a row
   (or a merged cell) that broke across the page is joined back when its text was cut
   while wrapping.
5. Consecutive lines that fill the text width are joined into one paragraph. Runs of
   lines split by column-wide gaps become a grid of a table drawn without lines.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import partial
from itertools import pairwise
from typing import NamedTuple

from attrs import evolve, frozen

from govreport.limits import current_budget
from govreport.model.document import Grid, GridCell, Location, Paragraph
from govreport.readers.blocks import BlockList
from govreport.unionfind import UnionFind

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

SNAP = 2.5
"""Ruling positions closer than this (points) are one line (double borders, rounding)."""
SPACE_GAP = 0.45
"""A horizontal gap wider than this share of the font size between characters is a space."""
COLUMN_GAP = 2.0
"""Outside ruled tables, a gap wider than this many font sizes separates two table columns."""
MAX_PADDING = 6.0
"""The widest cell padding assumed when asking whether a character fits on a line."""
MARGIN_SHARE = 0.14
"""Page numbers, headers and footers are only looked for in this share of the page height."""

_PAGE_NUMBER = re.compile(
    r"[-—–－~～\s]*\d+[-—–－~～\s]*"
    r"|第\s*\d+\s*页(\s*[,，、/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+"
    r"|(page|p\.)\s*\d+(\s*of\s*\d+)?",
    re.IGNORECASE,
)
_NO_LINE_START = frozenset("）)］]｝}」』〉》】〕、，,。.：:；;！!？?％%…—・·")
_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")
_DIGITS = re.compile(r"\d+")
_ITEM_START = re.compile(
    r"第[一二三四五六七八九十百零〇\d]+[条项章节部]|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]"
)


class Char(NamedTuple):
    """One glyph: its text and loose box (advance width by font height) on the page.

    ``turn`` is how many quarter turns clockwise the glyph is printed at: 0 upright,
    1 reading top to bottom, 2 upside down, 3 reading bottom to top (a table cell
    printed with vertical text such as Word's ``btLr``). Characters stacked upright one
    per line (``tbRlV``) have turn 0: they are simply lines of one character.

    A named tuple rather than an attrs class: a page has thousands and they are
    created in a tight loop.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    turn: int = 0


@frozen
class Ruling:
    """A horizontal or vertical line segment: ``position`` across, ``start``-``end`` along."""

    horizontal: bool
    position: float
    start: float
    end: float


@frozen
class PageContent:
    """What a page holds: characters and ruling lines (page numbers are 1-based)."""

    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rulings: tuple[Ruling, ...]


@frozen
class TextLine:
    """Characters on one baseline, joined into text."""

    text: str
    box: Box
    size: float
    page: int
    # Runs of the line split at column-wide gaps: (text, x0, x1). Outside ruled tables,
    # consecutive lines with several runs are a table drawn without lines.
    segments: tuple[tuple[str, float, float], ...] = ()
    first_width: float = 0.0  # advance width of the first character


@frozen
class FragmentCell:
    """A cell of one page's piece of a table; rows are indices, columns are x positions."""

    text: str
    row: int
    row_end: int  # exclusive
    x0: float
    x1: float
    box: Box
    page: int
    last_right: float = 0.0  # where the last line of text ends
    first_width: float = 0.0  # width of the first character
    padding: float = 0.0  # space between the cell's left edge and its text


@frozen
class Fragment:
    """The piece of a ruled table drawn on one page."""

    cells: tuple[FragmentCell, ...]
    n_rows: int
    xs: tuple[float, ...]  # column boundaries, left to right
    box: Box
    page: int


Element = TextLine | Fragment


# ----------------------------------------------------------------------------- helpers


def _is_cjk(ch: str) -> bool:
    return ch > "\u2e7f" and unicodedata.east_asian_width(ch) in ("W", "F")


def _cluster(values: Sequence[float], tolerance: float = SNAP) -> list[float]:
    """Sorted distinct positions, values within ``tolerance`` of the previous merged."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _index(edges: Sequence[float], value: float) -> int:
    """The band of ``edges`` that ``value`` falls in (clamped to a valid band)."""
    return min(max(bisect_right(edges, value) - 1, 0), len(edges) - 2)


def reading_lines(chars: Sequence[Char], page: int, *, columns: bool = False) -> list[TextLine]:
    """Text lines of upright characters, then of each turned run, in the page's coordinates.

    Turned characters are turned back upright (into their own reading frame), grouped
    into lines there, and each line's box is turned back onto the page. With ``columns``
    (inside a table cell), upright characters stacked in columns are vertical text: each
    column is a line, read top to bottom, and the columns right to left.
    """
    if columns:
        stacked = _vertical_columns(chars, page)
        if stacked is not None:
            return stacked
    upright = [c for c in chars if not c.turn]
    lines = group_lines(upright, page)
    for turn in (1, 2, 3):
        turned = [_upright(c) for c in chars if c.turn == turn]
        for line in group_lines(turned, page) if turned else ():
            box = _turn_box(line.box, turn)
            lines.append(evolve(line, box=box, segments=((line.text, box[0], box[2]),)))
    return lines


TOUCH = 0.25
"""Glyphs closer than this share of the font size touch: they follow each other in a line."""


def _vertical_columns(chars: Sequence[Char], page: int) -> list[TextLine] | None:
    """The columns of upright vertical text (Word's and WPS's ``tbRlV``), or ``None``.

    In vertical text each character touches the one below it, and characters side by
    side belong to different columns, a line gap apart. In horizontal text characters
    touch their neighbours in the line. So the text is vertical when touching pairs one
    above the other outnumber pairs side by side more than twice; horizontal text with
    two or more characters a line cannot reach that, however tight its line spacing.
    Latin text in a vertical line is printed turned to read down (turn 1) and belongs
    to its column.
    """
    placed = [c for c in chars if c.turn in (0, 1) and c.text != " "]
    if len(placed) < 3 or len(placed) != len([c for c in chars if c.text != " "]):
        return None
    side_by_side = 0
    for line in _rows_of([c for c in placed if not c.turn]):
        side_by_side += sum(b.x0 - a.x1 <= TOUCH * max(a.size, b.size) for a, b in pairwise(line))
    stacks = _columns_of(placed)
    above = sum(
        -TOUCH * max(a.size, b.size) <= b.top - a.bottom <= TOUCH * max(a.size, b.size)
        for column in stacks
        for a, b in pairwise(column)
    )
    if above < 2 or above <= 2 * side_by_side:
        return None
    lines = []
    for column in sorted(stacks, key=lambda col: -min(c.x0 for c in col)):
        text = join_wrapped(["".join(c.text for c in column)])
        box = (min(c.x0 for c in column), column[0].top, max(c.x1 for c in column), column[-1].bottom)
        width = column[0].x1 - column[0].x0
        lines.append(
            TextLine(text=text, box=box, size=max(c.size for c in column), page=page, first_width=width)
        )
    return lines


def _rows_of(chars: Sequence[Char]) -> list[list[Char]]:
    """Upright characters in bands by their vertical middle, each band left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c.top + c.bottom):
        middle = (ch.top + ch.bottom) / 2
        if rows and abs(middle - (rows[-1][0].top + rows[-1][0].bottom) / 2) < 0.5 * ch.size:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _columns_of(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters in columns by their horizontal middle, each column top to bottom."""
    columns: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c.x0 + c.x1):
        middle = (ch.x0 + ch.x1) / 2
        if columns and abs(middle - (columns[-1][0].x0 + columns[-1][0].x1) / 2) < 0.5 * ch.size:
            columns[-1].append(ch)
        else:
            columns.append([ch])
    return [sorted(column, key=lambda c: c.top) for column in columns]


def _upright(ch: Char) -> Char:
    """``ch`` in its own reading frame, where its line runs left to right."""
    if ch.turn == 1:  # reads down the page, lines follow each other leftwards
        return ch._replace(x0=ch.top, x1=ch.bottom, top=-ch.x1, bottom=-ch.x0, turn=0)
    if ch.turn == 3:  # reads up the page, lines follow each other rightwards
        return ch._replace(x0=-ch.bottom, x1=-ch.top, top=ch.x0, bottom=ch.x1, turn=0)
    return ch._replace(x0=-ch.x1, x1=-ch.x0, top=-ch.bottom, bottom=-ch.top, turn=0)


def _turn_box(box: Box, turn: int) -> Box:
    """A box in a reading frame of ``turn`` back on the page (the inverse of :func:`_upright`)."""
    x0, top, x1, bottom = box
    if turn == 1:
        return (-bottom, x0, -top, x1)
    if turn == 3:
        return (top, -x1, bottom, -x0)
    return (-x1, -bottom, -x0, -top)


def group_lines(chars: Sequence[Char], page: int) -> list[TextLine]:
    """Upright characters in reading order as text lines (top to bottom, left to right)."""
    rows: list[list[Char]] = []
    top = bottom = first_middle = 0.0
    for ch in sorted(chars, key=lambda c: c.top + c.bottom):
        middle = (ch.top + ch.bottom) / 2
        # Same line when the centre sits in the line's band, near the line's first centre.
        if rows and top <= middle <= bottom and abs(middle - first_middle) < 0.5 * ch.size:
            rows[-1].append(ch)
            top = min(top, ch.top)
            bottom = max(bottom, ch.bottom)
            continue
        rows.append([ch])
        top, bottom, first_middle = ch.top, ch.bottom, middle
    return [_make_line(row, page) for row in rows]


def _make_line(chars: list[Char], page: int) -> TextLine:
    chars = sorted(chars, key=lambda c: c.x0)
    runs: list[tuple[str, float, float]] = []  # (text, x0, x1) split at column gaps
    parts: list[str] = []
    run_x0 = chars[0].x0
    run_x1 = top = bottom = size = 0.0
    top, bottom = chars[0].top, chars[0].bottom
    previous: Char | None = None
    for ch in chars:
        top = min(top, ch.top)
        bottom = max(bottom, ch.bottom)
        size = max(size, ch.size)
        if previous is not None and ch.text != " " and previous.text != " ":
            gap = ch.x0 - previous.x1
            pair_size = max(ch.size, previous.size, 1.0)
            if gap > SPACE_GAP * pair_size:  # most glyphs touch: test the cheap case first
                if gap > COLUMN_GAP * pair_size:
                    runs.append(("".join(parts), run_x0, run_x1))
                    parts, run_x0 = [], ch.x0
                elif gap > pair_size or not (_is_cjk(ch.text) or _is_cjk(previous.text)):
                    parts.append(" ")
        parts.append(ch.text)
        run_x1 = max(run_x1, ch.x1)
        previous = ch
    runs.append(("".join(parts), run_x0, run_x1))
    segments = tuple((" ".join(text.split()), x0, x1) for text, x0, x1 in runs if text.strip())
    return TextLine(
        text=" ".join(text for text, _, _ in segments),
        box=(chars[0].x0, top, run_x1, bottom),
        size=size,
        page=page,
        segments=segments,
        first_width=_first_unit_width(chars),
    )


def _first_unit_width(chars: Sequence[Char]) -> float:
    """Width of what a line break cannot split at the start of a line.

    That is a Latin word or number, or one character with the closing punctuation
    that may not begin a line after it (``四）``, ``件。``).
    """
    visible = [c for c in chars if c.text != " "]
    if not visible:
        return 0.0
    end = 1
    if visible[0].text.isascii() and visible[0].text.isalnum():
        while end < len(visible) and visible[end].text.isascii() and visible[end].text.isalnum():
            end += 1
    while end < len(visible) and visible[end].text in _NO_LINE_START:
        end += 1
    return visible[end - 1].x1 - visible[0].x0


def join_wrapped(pieces: Sequence[str]) -> str:
    """Join lines of one cell or paragraph: no space in Chinese or inside a wrapped number."""
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            out += " "
        out += piece
    return out


# ----------------------------------------------------------------------------- tables


def _merge_rulings(rulings: Sequence[Ruling]) -> list[Ruling]:
    """Collinear touching segments as one (tables are often drawn cell edge by cell edge)."""
    merged: list[Ruling] = []
    for horizontal in (True, False):
        group = sorted(
            (r for r in rulings if r.horizontal is horizontal), key=lambda r: (r.position, r.start)
        )
        lines: list[Ruling] = []
        budget = current_budget()
        for r in group:
            budget.check_time()  # quadratic in the lines of a page: bounded by the time limit
            for i, line in enumerate(lines):
                if (
                    abs(line.position - r.position) <= SNAP
                    and line.start - SNAP <= r.start <= line.end + SNAP
                ):
                    lines[i] = Ruling(horizontal, line.position, line.start, max(line.end, r.end))
                    break
            else:
                lines.append(r)
        merged.extend(lines)
    return merged


def _touches(h: Ruling, v: Ruling) -> bool:
    return h.start - SNAP <= v.position <= h.end + SNAP and v.start - SNAP <= h.position <= v.end + SNAP


def find_tables(rulings: Sequence[Ruling]) -> list[list[Ruling]]:
    """Groups of ruling lines that connect into a table (two rows and two columns at least)."""
    lines = _merge_rulings(rulings)
    touching: UnionFind[int] = UnionFind(range(len(lines)))
    horizontals = [i for i, r in enumerate(lines) if r.horizontal]
    verticals = [i for i, r in enumerate(lines) if not r.horizontal]
    budget = current_budget()
    for i in horizontals:
        budget.check_time()
        for j in verticals:
            if _touches(lines[i], lines[j]):
                touching.union(i, j)
    groups: dict[int, list[Ruling]] = {}
    for i, line in enumerate(lines):
        groups.setdefault(touching.find(i), []).append(line)
    tables = []
    for group in groups.values():
        n_h = len(_cluster([r.position for r in group if r.horizontal]))
        n_v = len(_cluster([r.position for r in group if not r.horizontal]))
        if n_h >= 2 and n_v >= 2:
            tables.append(group)
    return tables


def _by_edge(lines: Sequence[Ruling], edges: Sequence[float]) -> list[list[tuple[float, float]]]:
    """For each edge position, the ``(start, end)`` extents of the lines drawn along it."""
    extents: list[list[tuple[float, float]]] = [[] for _ in edges]
    for r in lines:
        i = bisect_right(edges, r.position + SNAP) - 1
        if i >= 0 and abs(edges[i] - r.position) <= SNAP:
            extents[i].append((r.start - SNAP, r.end + SNAP))
    return extents


def _covered(extents: Sequence[tuple[float, float]], at: float) -> bool:
    """Whether a line along an edge passes point ``at``."""
    return any(start <= at <= end for start, end in extents)


def build_fragment(group: Sequence[Ruling], chars: Sequence[Char], page: int) -> Fragment:
    """Cut a table's area into cells along its rulings and fill them with their characters."""
    horizontal = [r for r in group if r.horizontal]
    vertical = [r for r in group if not r.horizontal]
    xs = _cluster([r.position for r in vertical])
    ys = _cluster([r.position for r in horizontal])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    merged: UnionFind[int] = UnionFind(range(n_rows * n_cols))  # elementary cells, row by row
    root = merged.find
    walls = _by_edge(vertical, xs)
    floors = _by_edge(horizontal, ys)
    for r in range(n_rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            middle_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not _covered(walls[c + 1], middle_y):
                merged.union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not _covered(floors[r + 1], middle_x):
                merged.union(r * n_cols + c, (r + 1) * n_cols + c)
    extent: dict[int, list[int]] = {}  # root -> [first row, last row, first col, last col]
    for r in range(n_rows):
        for c in range(n_cols):
            span = extent.get(root(r * n_cols + c))
            if span is None:
                extent[root(r * n_cols + c)] = [r, r, c, c]
            else:
                span[1] = max(span[1], r)
                span[2] = min(span[2], c)
                span[3] = max(span[3], c)
    contents: dict[int, list[Char]] = {}
    for ch in chars:
        r = _index(ys, (ch.top + ch.bottom) / 2)
        c = _index(xs, (ch.x0 + ch.x1) / 2)
        contents.setdefault(root(r * n_cols + c), []).append(ch)
    cells = []
    for key, (r0, last_row, c0, last_col) in extent.items():
        r1, c1 = last_row + 1, last_col + 1
        lines = reading_lines(contents.get(key, ()), page, columns=True)
        cells.append(
            FragmentCell(
                text=join_wrapped([line.text for line in lines]),
                row=r0,
                row_end=r1,
                x0=xs[c0],
                x1=xs[c1],
                box=(xs[c0], ys[r0], xs[c1], ys[r1]),
                page=page,
                last_right=lines[-1].box[2] if lines else 0.0,
                first_width=lines[0].first_width if lines else 0.0,
                padding=min(line.box[0] for line in lines) - xs[c0] if lines else 0.0,
            )
        )
    cells.sort(key=lambda cell: (cell.row, cell.x0))
    return Fragment(
        cells=tuple(cells), n_rows=n_rows, xs=tuple(xs), box=(xs[0], ys[0], xs[-1], ys[-1]), page=page
    )


def _same_columns(a: Fragment, b: Fragment) -> bool:
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
    xs = _cluster([x for f in fragments for x in f.xs])
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
                    placed[i] = (evolve(cell, text=text), r0, r1 + rest.row_end - skip, c0, c1)
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
                    placed[i] = (evolve(cell, text=text), r0, offset + rest.row_end - skip, c0, c1)
                    consumed.add(id(rest))
        for cell in fragment.cells:
            if cell.row < skip or id(cell) in consumed:
                continue
            c0 = _index(xs, cell.x0 + SNAP)
            c1 = _index(xs, cell.x1 - SNAP) + 1
            placed.append((cell, offset + cell.row - skip, offset + cell.row_end - skip, c0, c1))
        offset += fragment.n_rows - skip
    # Drop grid columns and rows where no cell starts: they only come from a line drawn
    # through part of the table, and every cell over them spans them.
    used_cols = sorted({p[3] for p in placed})
    used_rows = sorted({p[1] for p in placed})
    col_of = {c: i for i, c in enumerate(used_cols)}
    row_of = {r: i for i, r in enumerate(used_rows)}

    def span(used: Sequence[int], start: int, end: int) -> int:
        return sum(1 for k in used if start <= k < end)

    n_cols = len(used_cols)
    n_rows = len(used_rows)
    cells = []
    for cell, r0, r1, c0, c1 in placed:
        row, col = row_of[r0], col_of[c0]
        cells.append(
            GridCell(
                text=cell.text,
                row=row,
                col=col,
                row_span=span(used_rows, r0, r1),
                col_span=span(used_cols, c0, c1),
                location=Location(
                    line=first_line + row,
                    page=cell.page,
                    bbox=_round_box(cell.box),
                    table=index,
                    row=row,
                    col=col,
                ),
            )
        )
    cells.sort(key=lambda c: (c.row, c.col))
    first = fragments[0]
    return Grid(
        index=index,
        cells=tuple(cells),
        n_rows=n_rows,
        n_cols=n_cols,
        location=Location(line=first_line, page=first.page, bbox=_round_box(first.box), table=index),
    )


def _round_box(box: Box) -> Box:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))


# ----------------------------------------------------------------------------- pages


def _page_elements(page: PageContent) -> list[Element]:
    """A page's tables and text lines, top to bottom."""
    groups = find_tables(page.rulings)
    boxes = []
    for group in groups:
        xs = [r.position for r in group if not r.horizontal]
        ys = [r.position for r in group if r.horizontal]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    inside: list[list[Char]] = [[] for _ in groups]
    outside: list[Char] = []
    for ch in page.chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                inside[i].append(ch)
                break
        else:
            outside.append(ch)
    elements: list[Element] = [build_fragment(g, inside[i], page.number) for i, g in enumerate(groups)]
    elements.extend(line for line in reading_lines(outside, page.number) if line.text)
    elements.sort(key=lambda e: e.box[1])
    return elements


def _page_furniture(pages: Sequence[PageContent], elements: list[list[Element]]) -> set[int]:
    """``id`` of text lines that are page numbers, running headers or running footers."""
    drop: set[int] = set()
    edges: list[tuple[PageContent, TextLine]] = []
    for page, items in zip(pages, elements, strict=True):
        for candidates in (items[:2], items[-2:][::-1]):
            for item in candidates:
                if not isinstance(item, TextLine):
                    break
                band = MARGIN_SHARE * page.height
                if not (item.box[3] <= band or item.box[1] >= page.height - band):
                    break
                edges.append((page, item))
                if _PAGE_NUMBER.fullmatch(unicodedata.normalize("NFKC", item.text).strip()):
                    drop.add(id(item))
    if len(pages) >= 2:
        shapes = Counter(_DIGITS.sub("#", line.text) for _, line in edges)
        for _, line in edges:
            if shapes[_DIGITS.sub("#", line.text)] >= max(2, len(pages) // 2 + 1):
                drop.add(id(line))
    return drop


def layout_document(pages: Sequence[PageContent]) -> list[Paragraph | Grid]:
    """Paragraphs and grids of a whole document, in reading order."""
    budget = current_budget()
    per_page = []
    for page in pages:
        budget.check_time()
        per_page.append(_page_elements(page))
    furniture = _page_furniture(pages, per_page)
    ordered: list[Element] = [e for items in per_page for e in items if id(e) not in furniture]
    # Tables continued across a page break: the fragment opening a page continues the
    # fragment that closed the previous one when their columns match.
    tables: list[list[Fragment]] = []
    sequence: list[TextLine | list[Fragment]] = []
    previous: Element | None = None
    for element in ordered:
        if isinstance(element, Fragment):
            if (
                isinstance(previous, Fragment)
                and previous.page + 1 == element.page
                and tables
                and _same_columns(tables[-1][-1], element)
            ):
                tables[-1].append(element)
            else:
                tables.append([element])
                sequence.append(tables[-1])
        else:
            sequence.append(element)
        previous = element
    return _blocks(sequence, _text_width(ordered))


def _text_width(elements: Sequence[Element]) -> tuple[float, float]:
    """The left edge most lines start at, and the right edge full lines reach."""
    lefts = Counter(round(e.box[0]) for e in elements if isinstance(e, TextLine))
    rights = [e.box[2] for e in elements if isinstance(e, TextLine)]
    if not rights:
        return (0.0, 0.0)
    return (float(lefts.most_common(1)[0][0]), max(rights))


def _blocks(
    sequence: Sequence[TextLine | list[Fragment]], width: tuple[float, float]
) -> list[Paragraph | Grid]:
    left, right = width
    blocks = BlockList()
    line_number = 0
    open_lines: list[TextLine] = []  # lines of the paragraph being built
    open_rows: list[TextLine] = []  # lines of a table drawn without lines

    def flush() -> None:
        nonlocal line_number
        if not open_lines:
            return
        line_number += 1
        first = open_lines[0]
        same_page = [line for line in open_lines if line.page == first.page]
        box = (
            min(line.box[0] for line in same_page),
            min(line.box[1] for line in same_page),
            max(line.box[2] for line in same_page),
            max(line.box[3] for line in same_page),
        )
        text = join_wrapped([line.text for line in open_lines])
        blocks.add(
            Paragraph(text=text, location=Location(line=line_number, page=first.page, bbox=_round_box(box)))
        )
        open_lines.clear()

    def flush_rows() -> None:
        nonlocal line_number
        if len(open_rows) == 1:  # one line with a wide gap is prose (a signature and a date)
            open_lines.append(open_rows[0])
            flush()
        elif open_rows:
            grid = blocks.add_grid(partial(_unruled_grid, open_rows, first_line=line_number + 1))
            line_number += grid.n_rows
        open_rows.clear()

    budget = current_budget()
    for item in sequence:
        budget.check_time()
        if isinstance(item, list):
            flush()
            flush_rows()
            grid = blocks.add_grid(partial(assemble_grid, item, first_line=line_number + 1))
            line_number += grid.n_rows
            continue
        if len(item.segments) >= 2:
            flush()
            open_rows.append(item)
            continue
        flush_rows()
        if open_lines and _continues(open_lines[-1], item, left, right):
            open_lines.append(item)
            continue
        flush()
        open_lines.append(item)
    flush()
    flush_rows()
    return blocks.blocks


def _unruled_grid(lines: Sequence[TextLine], index: int, first_line: int) -> Grid:
    """Lines of a table printed without ruling lines: one row per line, one cell per run.

    Rows keep as many cells as they have runs, like a flattened text table, because
    without lines the columns of a row with blank cells cannot be known for sure.
    """
    cells = []
    for row, line in enumerate(lines):
        for col, (text, x0, x1) in enumerate(line.segments):
            cells.append(
                GridCell(
                    text=text,
                    row=row,
                    col=col,
                    location=Location(
                        line=first_line + row,
                        page=line.page,
                        bbox=_round_box((x0, line.box[1], x1, line.box[3])),
                        table=index,
                        row=row,
                        col=col,
                    ),
                )
            )
    first = lines[0]
    return Grid(
        index=index,
        cells=tuple(cells),
        n_rows=len(lines),
        n_cols=max(len(line.segments) for line in lines),
        location=Location(line=first_line, page=first.page, bbox=_round_box(first.box), table=index),
    )


def _continues(previous: TextLine, line: TextLine, left: float, right: float) -> bool:
    """Whether ``line`` wraps on from ``previous``: that one fills the width, this one is not indented."""
    size = max(previous.size, 1.0)
    fills = previous.box[2] >= right - 1.5 * size
    flush_left = abs(line.box[0] - left) <= 0.5 * size
    if line.page == previous.page:
        close = line.box[1] - previous.box[3] <= 1.2 * size
    else:
        close = line.page == previous.page + 1
    return fills and flush_left and close and abs(line.size - previous.size) <= 0.5
