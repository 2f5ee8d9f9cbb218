"""Ruled tables on one page: ruling lines that touch form a table, and cut it into cells.

The x and y positions of a table's lines cut it into elementary cells; two neighbouring
elementary cells belong to one merged cell when no ruling separates them, so spans
follow the lines actually drawn. Characters go to the cell their centre is in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import partial
from operator import attrgetter
from typing import NamedTuple

from attrs import frozen

from govreport.limits import current_budget
from govreport.readers.pdf.geometry import SNAP, Box, Char, Ruling, cluster, rounded
from govreport.readers.pdf.lines import TextLine, join_wrapped, reading_lines
from govreport.unionfind import UnionFind


class FragmentCell(NamedTuple):
    """A cell of one page's piece of a table; rows are indices, columns are x positions.

    A named tuple rather than an attrs class: a page of tables makes hundreds.
    """

    text: str
    row: int
    row_end: int  # exclusive
    x0: float
    x1: float
    box: Box
    bbox: Box  # the box as locations report it (to hundredths, as round_box rounds)
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


_new_cell = partial(tuple.__new__, FragmentCell)
"""``FragmentCell`` from a tuple of all its fields, without the named tuple's ``__new__`` in Python."""
_ROW_LEFT = attrgetter("row", "x0")

Element = TextLine | Fragment
"""What a page holds after layout: text lines and pieces of ruled tables."""


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


def find_tables(rulings: Sequence[Ruling]) -> list[list[Ruling]]:
    """Groups of ruling lines that connect into a table (two rows and two columns at least)."""
    lines = _merge_rulings(rulings)
    touching: UnionFind[int] = UnionFind(range(len(lines)))
    # (index, reach from, reach to, position): a horizontal and a vertical line touch
    # when each one's position lies within the other's reach (its extent plus SNAP).
    reaches = [(i, r.start - SNAP, r.end + SNAP, r.position) for i, r in enumerate(lines)]
    horizontals = [reach for reach, r in zip(reaches, lines, strict=True) if r.horizontal]
    verticals = [reach for reach, r in zip(reaches, lines, strict=True) if not r.horizontal]
    budget = current_budget()
    for i, h_from, h_to, h_at in horizontals:
        budget.check_time()
        for j, v_from, v_to, v_at in verticals:
            if h_from <= v_at <= h_to and v_from <= h_at <= v_to:
                touching.union(i, j)
    groups: dict[int, list[Ruling]] = {}
    for i, line in enumerate(lines):
        groups.setdefault(touching.find(i), []).append(line)
    tables = []
    for group in groups.values():
        n_h = len(cluster([r.position for r in group if r.horizontal]))
        n_v = len(cluster([r.position for r in group if not r.horizontal]))
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


def build_fragment(group: Sequence[Ruling], chars: Sequence[Char], page: int) -> Fragment:
    """Cut a table's area into cells along its rulings and fill them with their characters."""
    horizontal = [r for r in group if r.horizontal]
    vertical = [r for r in group if not r.horizontal]
    xs = cluster([r.position for r in vertical])
    ys = cluster([r.position for r in horizontal])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    merged: UnionFind[int] = UnionFind(range(n_rows * n_cols))  # elementary cells, row by row
    walls = _by_edge(vertical, xs)
    floors = _by_edge(horizontal, ys)
    middles_x = [(xs[c] + xs[c + 1]) / 2 for c in range(n_cols)]
    joined = False
    # Two neighbours are one cell where no line along their shared edge passes its middle.
    for r in range(n_rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        first = r * n_cols
        for c in range(1, n_cols):
            for start, end in walls[c]:
                if start <= middle_y <= end:
                    break
            else:
                merged.union(first + c - 1, first + c)
                joined = True
        if r + 1 < n_rows:
            for c, middle_x in enumerate(middles_x):
                for start, end in floors[r + 1]:
                    if start <= middle_x <= end:
                        break
                else:
                    merged.union(first + c, first + n_cols + c)
                    joined = True
    # Each elementary cell's merged cell, named by its first elementary cell (row by row).
    # A group is named by its smallest key, so every parent precedes its child: one pass.
    roots = list(range(n_rows * n_cols))
    if joined:
        parent = merged.parent
        for i in range(len(roots)):
            roots[i] = roots[parent[i]]
    extent: dict[int, list[int]] = {}  # root -> [first row, last row, first col, last col]
    for r in range(n_rows):
        for c in range(n_cols):
            key = roots[r * n_cols + c]
            span = extent.get(key)
            if span is None:
                extent[key] = [r, r, c, c]
            else:
                span[1] = max(span[1], r)
                span[2] = min(span[2], c)
                span[3] = max(span[3], c)
    # Each character to the cell its centre is in (the outer bands take what lies beyond).
    contents: dict[int, list[Char]] = {}
    last_row, last_col = n_rows - 1, n_cols - 1
    for ch in chars:
        _, x0, top, x1, bottom, _, _ = ch
        r = bisect_right(ys, (top + bottom) / 2) - 1
        c = bisect_right(xs, (x0 + x1) / 2) - 1
        r = 0 if r < 0 else last_row if r > last_row else r
        c = 0 if c < 0 else last_col if c > last_col else c
        key = roots[r * n_cols + c]
        held = contents.get(key)
        if held is None:
            contents[key] = [ch]
        else:
            held.append(ch)
    cells = []
    # Each line's position rounded once, for the boxes of the cells along it.
    rounded_xs, rounded_ys = rounded(xs), rounded(ys)
    for key, (r0, last_row, c0, last_col) in extent.items():
        r1, c1 = last_row + 1, last_col + 1
        box = (xs[c0], ys[r0], xs[c1], ys[r1])
        bbox = (rounded_xs[c0], rounded_ys[r0], rounded_xs[c1], rounded_ys[r1])
        held = contents.get(key)
        if held is None:
            cells.append(_new_cell(("", r0, r1, xs[c0], xs[c1], box, bbox, page, 0.0, 0.0, 0.0)))
            continue
        lines = reading_lines(held, page, columns=True)
        if len(lines) == 1:  # most cells: one line, nothing to join
            (line,) = lines
            left = line.box[0] - xs[c0]
            cells.append(
                _new_cell(
                    (line.text, r0, r1, xs[c0], xs[c1], box, bbox, page, line.box[2], line.first_width, left)
                )
            )
            continue
        cells.append(
            FragmentCell(
                text=join_wrapped([line.text for line in lines]),
                row=r0,
                row_end=r1,
                x0=xs[c0],
                x1=xs[c1],
                box=box,
                bbox=bbox,
                page=page,
                last_right=lines[-1].box[2] if lines else 0.0,
                first_width=lines[0].first_width if lines else 0.0,
                padding=min(line.box[0] for line in lines) - xs[c0] if lines else 0.0,
            )
        )
    cells.sort(key=_ROW_LEFT)
    return Fragment(
        cells=tuple(cells), n_rows=n_rows, xs=tuple(xs), box=(xs[0], ys[0], xs[-1], ys[-1]), page=page
    )
