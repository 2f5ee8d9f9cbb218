"""Characters into text lines: upright, turned by quarter turns, or stacked in vertical columns.

Characters on one baseline form a line; a gap wider than a space makes a space, and a
gap of several font sizes splits the line into runs (the columns of a table drawn
without lines). Lines of one cell or paragraph are joined with :func:`join_wrapped`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import partial
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

from govreport.readers.pdf.geometry import Box, Char

SPACE_GAP = 0.45
"""A horizontal gap wider than this share of the font size between characters is a space."""
COLUMN_GAP = 2.0
"""Outside ruled tables, a gap wider than this many font sizes separates two table columns."""

_NO_LINE_START = frozenset("）)］]｝}」』〉》】〕、，,。.：:；;！!？?％%…—・·")
# Char fields by position: faster than attributes in sort keys and with map().
_LEFT = itemgetter(1)
_TOP = itemgetter(2)
_BOTTOM = itemgetter(4)
_SIZE = itemgetter(5)
_TURN = itemgetter(6)


def _centre_twice(c: Char) -> float:
    return c.top + c.bottom


class TextLine(NamedTuple):
    """Characters on one baseline, joined into text.

    A named tuple rather than an attrs class: a page makes one per line of every cell.
    """

    text: str
    box: Box
    size: float
    page: int
    # Runs of the line split at column-wide gaps: (text, x0, x1). Outside ruled tables,
    # consecutive lines with several runs are a table drawn without lines.
    segments: tuple[tuple[str, float, float], ...] = ()
    first_width: float = 0.0  # advance width of the first character


_new_line = partial(tuple.__new__, TextLine)
"""``TextLine`` from a tuple of all its fields, without the named tuple's ``__new__`` in Python."""


def _is_cjk(ch: str) -> bool:
    return ch > "\u2e7f" and unicodedata.east_asian_width(ch) in ("W", "F")


def reading_lines(chars: Sequence[Char], page: int, *, columns: bool = False) -> list[TextLine]:
    """Text lines of upright characters, then of each turned run, in the page's coordinates.

    Turned characters are turned back upright (into their own reading frame), grouped
    into lines there, and each line's box is turned back onto the page. With ``columns``
    (inside a table cell), upright characters stacked in columns are vertical text: each
    column is a line, read top to bottom, and the columns right to left.
    """
    if not chars:
        return []
    if len(chars) == 1 and not chars[0].turn:  # a digit alone in its cell, most often
        return [_make_line(list(chars), page)]
    if columns and len(chars) >= 3:
        stacked = _vertical_columns(chars, page)
        if stacked is not None:
            return stacked
    if not any(map(_TURN, chars)):  # the common case: nothing turned
        return group_lines(chars, page)
    upright = [c for c in chars if not c.turn]
    lines = group_lines(upright, page)
    for turn in (1, 2, 3):
        turned = [_upright(c) for c in chars if c.turn == turn]
        for line in group_lines(turned, page) if turned else ():
            box = _turn_box(line.box, turn)
            lines.append(line._replace(box=box, segments=((line.text, box[0], box[2]),)))
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
    if _on_one_band(placed):
        return None
    side_by_side = _side_by_side(placed)
    if len(placed) - 1 <= 2 * side_by_side:  # pairs one above the other cannot outnumber them
        return None
    return _stacked_columns(placed, side_by_side, page)


def _on_one_band(placed: Sequence[Char]) -> bool:
    """Whether no character starts below (or a touch above) another's bottom, as on one line.

    Then no pair is one above the other, and the text is not vertical.
    """
    lowest_top: float = max(map(_TOP, placed))
    highest_bottom: float = min(map(_BOTTOM, placed))
    largest: float = max(map(_SIZE, placed))
    return lowest_top - highest_bottom < -TOUCH * largest


def _side_by_side(placed: Sequence[Char]) -> int:
    """Pairs of upright characters touching in a line."""
    side_by_side = 0
    for line in _bands([c for c in placed if not c.turn], columns=False):
        side_by_side += sum(b.x0 - a.x1 <= TOUCH * max(a.size, b.size) for a, b in pairwise(line))
    return side_by_side


def _stacked_columns(placed: Sequence[Char], side_by_side: int, page: int) -> list[TextLine] | None:
    """The columns of vertical text when pairs one above the other are enough, or ``None``."""
    stacks = _bands(placed, columns=True)
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


def _bands(chars: Sequence[Char], *, columns: bool) -> list[list[Char]]:
    """Characters in rows (by vertical middle, each left to right) or columns (top to bottom)."""
    middles = [(c.x0 + c.x1) / 2 if columns else (c.top + c.bottom) / 2 for c in chars]
    bands: list[list[Char]] = []
    band_middle = 0.0  # the middle of the band's first character
    for i in sorted(range(len(chars)), key=middles.__getitem__):
        ch = chars[i]
        if bands and abs(middles[i] - band_middle) < 0.5 * ch.size:
            bands[-1].append(ch)
        else:
            bands.append([ch])
            band_middle = middles[i]
    along = _TOP if columns else _LEFT
    return [sorted(band, key=along) for band in bands]


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
    if chars:
        # Characters with one top and bottom (a cell's number or label) are one line when
        # each passes the loop's test below against the first: then no sorting is needed.
        top, bottom = chars[0].top, chars[0].bottom
        middle = (top + bottom) / 2
        off = abs(middle - middle)  # 0, or NaN for infinite edges (which fail the test)
        if top <= middle <= bottom and all(
            c.top == top and c.bottom == bottom and off < 0.5 * c.size for c in chars
        ):
            return [_make_line(list(chars), page)]
    return _lines_by_band(chars, page)


def _lines_by_band(chars: Sequence[Char], page: int) -> list[TextLine]:
    rows: list[list[Char]] = []
    top = bottom = first_middle = 0.0
    for ch in sorted(chars, key=_centre_twice):
        middle = (ch.top + ch.bottom) / 2
        # Same line when the centre sits in the line's band, near the line's first centre.
        if rows and top <= middle <= bottom and abs(middle - first_middle) < 0.5 * ch.size:
            rows[-1].append(ch)
            if ch.top < top:
                top = ch.top
            if ch.bottom > bottom:
                bottom = ch.bottom
            continue
        rows.append([ch])
        top, bottom, first_middle = ch.top, ch.bottom, middle
    return [_make_line(row, page) for row in rows]


def _make_line(chars: list[Char], page: int) -> TextLine:
    if len(chars) == 1:  # one character (a digit in a cell): no gap to judge
        ch = chars[0]
        text = " ".join(ch.text.split())
        right = ch.x1 if ch.x1 > 0.0 else 0.0  # as the loop below starts the right edge at 0
        return _new_line(
            (
                text,
                (ch.x0, ch.top, right, ch.bottom),
                ch.size if ch.size > 0.0 else 0.0,
                page,
                ((text, ch.x0, right),) if text else (),
                0.0 if ch.text == " " else ch.x1 - ch.x0,
            )
        )
    return _joined_line(chars, page)


def _joined_line(chars: list[Char], page: int) -> TextLine:
    chars = sorted(chars, key=_LEFT)
    runs: list[tuple[str, float, float]] = []  # (text, x0, x1) split at column gaps
    parts: list[str] = []
    first = chars[0]
    run_x0 = first.x0
    run_x1 = size = 0.0
    top, bottom = first.top, first.bottom
    previous_text: str | None = None  # the previous character's text, right edge and size
    previous_x1 = previous_size = 0.0
    for text, x0, ch_top, x1, ch_bottom, ch_size, _ in chars:
        if ch_top < top:
            top = ch_top
        if ch_bottom > bottom:
            bottom = ch_bottom
        if ch_size > size:
            size = ch_size
        if previous_text is not None and text != " " and previous_text != " ":
            gap = x0 - previous_x1
            # max(ch_size, previous_size, 1.0), without the call
            pair_size = previous_size if previous_size > ch_size else ch_size
            if pair_size < 1.0:
                pair_size = 1.0
            if gap > SPACE_GAP * pair_size:  # most glyphs touch: test the cheap case first
                if gap > COLUMN_GAP * pair_size:
                    runs.append(("".join(parts), run_x0, run_x1))
                    parts, run_x0 = [], x0
                elif gap > pair_size or not (_is_cjk(text) or _is_cjk(previous_text)):
                    parts.append(" ")
        parts.append(text)
        if x1 > run_x1:
            run_x1 = x1
        previous_text, previous_x1, previous_size = text, x1, ch_size
    runs.append(("".join(parts), run_x0, run_x1))
    if len(runs) == 1:  # no column gap: the line is its one segment
        line_text = " ".join(runs[0][0].split())
        segments: tuple[tuple[str, float, float], ...] = ((line_text, run_x0, run_x1),) if line_text else ()
    else:
        segments = tuple((" ".join(text.split()), x0, x1) for text, x0, x1 in runs if text.strip())
        line_text = " ".join(text for text, _, _ in segments)
    return _new_line(
        (line_text, (first.x0, top, run_x1, bottom), size, page, segments, _first_unit_width(chars))
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
