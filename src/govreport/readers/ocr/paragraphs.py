"""Text outside the tables of a scanned page, read as one block of lines.

The tables' areas are painted white first, so their cells (read one by one elsewhere)
are not read twice.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from govreport.readers.ocr.chars import line_chars
from govreport.readers.ocr.engine import Engines
from govreport.readers.pdf.geometry import Box, Char, Ruling

_TABLE_MARGIN = 3.0
"""Points painted white around a table's outer lines."""
_CROP_MARGIN = 24
"""White pixels kept around the page's text when the margins are cut off before reading."""


@frozen
class LineReading:
    """One OCR'd line outside tables: its characters, box in points and confidence (0-100)."""

    box: Box
    chars: tuple[Char, ...]
    confidence: float


def read_paragraph_lines(
    engines: Engines, grey: Any, tables: list[list[Ruling]], dpi: int
) -> list[LineReading]:
    """The lines of text on the page outside ``tables``, top to bottom."""
    from PIL import ImageChops, ImageDraw

    page = grey.copy()
    draw = ImageDraw.Draw(page)
    to_px = dpi / 72
    for group in tables:
        xs = [r.position for r in group if not r.horizontal]
        ys = [r.position for r in group if r.horizontal]
        box = (
            min(xs) - _TABLE_MARGIN,
            min(ys) - _TABLE_MARGIN,
            max(xs) + _TABLE_MARGIN,
            max(ys) + _TABLE_MARGIN,
        )
        draw.rectangle(tuple(round(v * to_px) for v in box), fill=255)
    # Only the text is read: the blank margins and table areas cost Tesseract's layout
    # analysis time and hold nothing.
    ink = ImageChops.invert(page).getbbox()
    if ink is None:
        return []
    left, top = max(0, ink[0] - _CROP_MARGIN), max(0, ink[1] - _CROP_MARGIN)
    right, bottom = min(page.width, ink[2] + _CROP_MARGIN), min(page.height, ink[3] + _CROP_MARGIN)
    readings = []
    for line in engines.read_lines(page.crop((left, top, right, bottom)), raw_fallback=False):
        chars = tuple(line_chars(line, (left, top), dpi))
        if chars:
            box = (chars[0].x0, chars[0].top, chars[-1].x1, chars[0].bottom)
            readings.append(LineReading(box=box, chars=chars, confidence=line.confidence))
    return readings
