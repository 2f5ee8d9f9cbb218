"""What the PDF reader hands to the layout: characters, ruling lines and pages, in page coordinates.

Coordinates are PDF points with the origin at the top left of the page (``top`` grows
downwards). The helpers here snap positions that print as one line and find the band
a position falls in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from attrs import frozen

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

SNAP = 2.5
"""Ruling positions closer than this (points) are one line (double borders, rounding)."""


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


def cluster(values: Sequence[float], tolerance: float = SNAP) -> list[float]:
    """Sorted distinct positions, values within ``tolerance`` of the previous merged."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def band_index(edges: Sequence[float], value: float) -> int:
    """The band of ``edges`` that ``value`` falls in (clamped to a valid band)."""
    return min(max(bisect_right(edges, value) - 1, 0), len(edges) - 2)


def round_box(box: Box) -> Box:
    """``box`` to hundredths of a point, as locations report it."""
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))


def rounded(positions: Sequence[float]) -> list[float]:
    """``positions`` to hundredths of a point, as :func:`round_box` rounds each edge."""
    return [round(p, 2) for p in positions]
