"""Lines of print in a cut cell, found from its blank rows.

Tesseract's layout analysis sometimes drops a whole line of a narrow cell of several lines
(a wrapped row label then loses characters from its middle). The blank rows of the cut say
how many lines it holds, and where, so such a cell can be read again one line at a time.
"""

from __future__ import annotations

from typing import Any

from govreport.readers.ocr.image import numpy_module

LINE_GAP_INCHES = 0.02
"""Blank rows at least this tall part two lines of print (strokes of one character are closer)."""
MIN_BAND_SHARE = 0.5
"""A band less than this share of the tallest is part of a line (the top stroke of 二, a dot), not one."""


def ink_bands(inked_rows: Any, dpi: int) -> list[tuple[int, int]]:
    """``(top, bottom)`` (bottom exclusive) of each line of print, from a cut's inked-row flags."""
    np = numpy_module()
    rows = np.flatnonzero(inked_rows)
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(rows[1:] - rows[:-1] > LINE_GAP_INCHES * dpi)
    tops = [int(rows[0]), *(int(rows[b + 1]) for b in breaks)]
    bottoms = [*(int(rows[b]) + 1 for b in breaks), int(rows[-1]) + 1]
    bands = list(zip(tops, bottoms, strict=True))
    tallest = max(bottom - top for top, bottom in bands)
    while len(bands) > 1:
        short = min(range(len(bands)), key=lambda i: bands[i][1] - bands[i][0])
        if bands[short][1] - bands[short][0] >= MIN_BAND_SHARE * tallest:
            break
        # A fragment joins the neighbour it is closer to.
        above = bands[short][0] - bands[short - 1][1] if short > 0 else None
        below = bands[short + 1][0] - bands[short][1] if short + 1 < len(bands) else None
        other = short - 1 if below is None or (above is not None and above <= below) else short + 1
        first, second = sorted((short, other))
        bands[first : second + 1] = [(bands[first][0], bands[second][1])]
    return bands
