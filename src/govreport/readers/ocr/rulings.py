"""Ruling lines found in a page image, as the PDF reader's :class:`Ruling` segments.

A morphological opening with a long thin bar keeps only ink that runs on for at least
the bar's length: table lines, not the strokes of characters. Each kept band of rows
(or columns) is one line; its runs, with small breaks bridged, are its segments. The
segments go in points, so the PDF reader's table builder cuts the same span grid.
"""

from __future__ import annotations

from typing import Any

from govreport.readers.ocr.image import numpy_module
from govreport.readers.pdf.layout import Ruling

MIN_LINE_INCHES = 0.25
"""Shorter straight ink across the page is part of a character (one is about 0.15 in wide)."""
MIN_UPRIGHT_INCHES = 0.16
"""Upright lines may be as short as one row of a table (0.2 in), yet longer than the near-upright
stretch of a seal's ring (0.15 in at 300 dpi); only those that meet a
horizontal line make a table, so the strokes of characters left in do no harm."""
MAX_THICKNESS_INCHES = 0.04
"""A thicker band is a filled shape, not a drawn line."""
BRIDGE_INCHES = 0.02
"""Breaks in a line up to this long (noise, a faded scan) are bridged."""


def _runs(flags: Any) -> list[tuple[int, int]]:
    """``(start, end)`` (end exclusive) of the runs of true values in a 1-D boolean array."""
    np = numpy_module()
    padded = np.concatenate(([False], flags, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _long_runs(mask: Any, lengths: tuple[int, ...]) -> list[Any]:
    """``mask`` opened with a horizontal bar of each of ``lengths``: only ink in runs at least that long.

    The runs are found once for all lengths (one mask per length, in order).
    """
    np = numpy_module()
    height, width = mask.shape
    padded = np.zeros((height, width + 2), dtype=bool)
    padded[:, 1:-1] = mask
    # Comparing neighbours as booleans is a third of the cost of np.diff on integers.
    changes = np.flatnonzero(padded[:, 1:] != padded[:, :-1])
    # Along each row, changes alternate between a run's start and its end.
    starts, ends = changes[::2], changes[1::2]
    openings = []
    for length in lengths:
        long = ends - starts >= length
        kept = np.zeros(height * (width + 1), dtype=bool)
        # Long runs are few (the table's lines), so filling each is cheaper than a running sum
        # over every pixel of the page.
        for start, end in zip(starts[long].tolist(), ends[long].tolist(), strict=True):
            kept[start:end] = True
        openings.append(kept.reshape(height, width + 1)[:, :width])
    return openings


def _lines(opened: Any, dpi: int, horizontal: bool) -> list[Ruling]:
    bridge = max(1, round(BRIDGE_INCHES * dpi))
    thickest = max(2, round(MAX_THICKNESS_INCHES * dpi))
    to_points = 72.0 / dpi
    found: list[Ruling] = []
    for top, bottom in _runs(opened.any(axis=1)):
        if bottom - top > thickest:
            continue
        along = opened[top:bottom].any(axis=0)
        segments = _runs(along)
        merged: list[tuple[int, int]] = []
        for start, end in segments:
            if merged and start - merged[-1][1] <= bridge:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        position = (top + bottom) / 2 * to_points
        found.extend(
            Ruling(horizontal, position, start * to_points, end * to_points) for start, end in merged
        )
    return found


def find_rulings(mask: Any, dpi: int) -> tuple[list[Ruling], Any]:
    """Horizontal and vertical ruling lines of an ink mask scanned at ``dpi``, in points.

    Also returns the mask of the lines' own pixels, so they can be painted out before the
    cells are read (a stub of a line reads as ``|`` or ``1``).
    """
    length = max(8, round(MIN_LINE_INCHES * dpi))
    (across,) = _long_runs(mask, (length,))
    down, long_down = _long_runs(mask.T, (max(6, round(MIN_UPRIGHT_INCHES * dpi)), length))
    lines = _lines(across, dpi, True) + _lines(down, dpi, False)
    # Only long lines are painted out: short upright ink may be a stroke of a character.
    return lines, across | long_down.T
