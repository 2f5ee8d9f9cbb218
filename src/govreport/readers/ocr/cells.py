"""Table cells of a scanned page: each cut from the image along its ruling lines and read alone.

A cell is read as Chinese text first; when what it holds reads as a number, it is read
again by the number-only engine, whose reading (and confidence) is kept. Empty cells
(no ink inside the lines) are not read at all.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from attrs import frozen

from govreport.readers.ocr.bands import ink_bands
from govreport.readers.ocr.chars import clean_text, line_chars
from govreport.readers.ocr.engine import Engines, TextLine
from govreport.readers.ocr.image import INK_LEVEL, numpy_module, pil_image_module
from govreport.readers.pdf.geometry import Box, Char, Ruling
from govreport.readers.pdf.ruled import build_fragment

INSET_INCHES = 0.015
"""Cut this far inside a cell's lines, so no part of a line is read as a character."""
PAD_PIXELS = 12
"""White added around a cut cell: Tesseract reads text that touches the edge poorly."""
MIN_INK_INCHES2 = 0.0004
"""A cell with less ink than this (square inches; a printed ``1`` has about 0.001) is empty."""
READ_DPI = 300
"""Cells of pages scanned at a lower resolution are scaled up to this before they are read."""
MIN_SCALED_DPI = 200
"""Cells of scans below this resolution are not scaled up (see :func:`_read`)."""
UNREADABLE = "\ufffd"
"""The text of a cell with ink OCR cannot read (the replacement character)."""
SURE_DIGITS = 80.0
"""A number-only reading at least this confident is kept without asking the Chinese engine."""
_NUMERIC = re.compile(r"[-+]?[\d,.]+%?|/")
_DIGIT_LOOKALIKES = str.maketrans("Oo〇lI|", "000111")
"""Letters the Chinese engine reads for the digits they look like."""


@frozen
class CellReading:
    """What OCR made of one cell: its characters on the page and its confidence (0-100)."""

    box: Box
    chars: tuple[Char, ...]
    confidence: float


def looks_numeric(text: str) -> bool:
    """Whether OCR text (any width of digits) is a number or the ``/`` placeholder."""
    return _NUMERIC.fullmatch(unicodedata.normalize("NFKC", text).replace(" ", "")) is not None


def _read(
    engines: Engines, image: Any, dpi: int, *, digits: bool = False, raw_fallback: bool = True
) -> list[TextLine]:
    """The lines of a cut, read at :data:`READ_DPI` at least (boxes back at the cut's scale).

    Below that, Tesseract drops the first of a few small digits (``34`` read as ``4``) and is
    sure of it; scaled up, it reads them. Cuts below :data:`MIN_SCALED_DPI` are read as they
    are: scaling glyphs that small up blurs them, and reads worse (measured by bench_ocr).
    """
    if dpi >= READ_DPI or dpi < MIN_SCALED_DPI:
        return engines.read_lines(image, digits=digits, raw_fallback=raw_fallback)
    factor = READ_DPI / dpi
    larger = image.resize((round(image.width * factor), round(image.height * factor)), resample=3)
    return [
        TextLine(line.text, tuple(round(v / factor) for v in line.box), line.confidence)  # type: ignore[arg-type]
        for line in engines.read_lines(larger, digits=digits, raw_fallback=raw_fallback)
    ]


def _compact(lines: list[TextLine]) -> list[TextLine]:
    """Number readings without the spaces Tesseract puts between digit groups."""
    return [TextLine(line.text.replace(" ", ""), line.box, line.confidence) for line in lines]


def _text(lines: list[TextLine]) -> str:
    return "".join(clean_text(line.text) for line in lines).replace(" ", "")


def _sure_number(lines: list[TextLine]) -> bool:
    return len(lines) == 1 and lines[0].confidence >= SURE_DIGITS and looks_numeric(lines[0].text)


@frozen
class _Cut:
    """A cell's ink cut out with white padding, where it sits on the page, and its lines of print.

    ``bands`` are the (top, bottom) rows of each line of print in ``image``.
    """

    image: Any
    origin: tuple[int, int]
    bands: tuple[tuple[int, int], ...]


def _cut(grey: Any, box_px: tuple[int, int, int, int], dpi: int) -> _Cut | None:
    """The cell's image with white padding, or ``None`` when the cell holds no ink."""
    np = numpy_module()
    x0, y0, x1, y1 = box_px
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    pixels = np.asarray(grey.crop(box_px))
    ink = pixels < INK_LEVEL
    if ink.sum() < MIN_INK_INCHES2 * dpi * dpi:
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    tight = pixels[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    padded = np.pad(tight, PAD_PIXELS, constant_values=255)
    from PIL import Image

    bands = tuple(
        (top + PAD_PIXELS, bottom + PAD_PIXELS)
        for top, bottom in ink_bands(ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1].any(axis=1), dpi)
    )
    origin = (x0 + int(cols[0]) - PAD_PIXELS, y0 + int(rows[0]) - PAD_PIXELS)
    return _Cut(Image.fromarray(padded), origin, bands)


def _read_text(engines: Engines, cut: _Cut, dpi: int) -> list[TextLine]:
    """The Chinese engine's lines of a cut, with any line of print it skipped read on its own."""
    lines = _read(engines, cut.image, dpi)
    if len(lines) >= len(cut.bands):
        return lines
    image_module = pil_image_module()
    found = list(lines)
    for top, bottom in cut.bands:
        if any(min(bottom, line.box[3]) - max(top, line.box[1]) >= (bottom - top) / 2 for line in lines):
            continue
        # Only the band's own rows, in fresh white: the padding of a plain crop would hold
        # the edges of the lines above and below.
        band = image_module.new("L", (cut.image.width, bottom - top + 2 * PAD_PIXELS), 255)
        band.paste(cut.image.crop((0, top, cut.image.width, bottom)), (0, PAD_PIXELS))
        shift = top - PAD_PIXELS
        found.extend(
            TextLine(
                line.text,
                (line.box[0], line.box[1] + shift, line.box[2], line.box[3] + shift),
                line.confidence,
            )
            for line in _read(engines, band, dpi)
        )
    return sorted(found, key=lambda line: line.box[1])


def read_cell(engines: Engines, grey: Any, box: Box, dpi: int) -> CellReading | None:
    """OCR of the cell at ``box`` (points) of the page image ``grey``; ``None`` for an empty cell.

    A cell with ink that no engine reads holds :data:`UNREADABLE`, with confidence 0.
    """
    inset = INSET_INCHES * 72
    to_px = dpi / 72
    box_px = (
        round((box[0] + inset) * to_px),
        round((box[1] + inset) * to_px),
        round((box[2] - inset) * to_px),
        round((box[3] - inset) * to_px),
    )
    cut = _cut(grey, box_px, dpi)
    if cut is None:
        return None
    image, origin = cut.image, cut.origin
    # Most cells hold a number: the number-only engine is fast and sure of those. Other
    # cells go to the Chinese engine too; if both read a number, the surer reading is
    # kept, with the lower confidence when they disagree (a doubt O1 then reports).
    # A cut the number-only engine finds nothing in is not retried as a raw line: it is mostly
    # a label, and the Chinese engine (with its own retry) reads it next anyway. Nor is
    # a cut of several lines: it is text.
    digits = (
        _compact(_read(engines, image, dpi, digits=True, raw_fallback=False)) if len(cut.bands) < 2 else []
    )
    if _sure_number(digits):
        lines, confidence = digits, digits[0].confidence
    else:
        lines = _read_text(engines, cut, dpi)
        confidence = min((line.confidence for line in lines), default=0.0)
        if digits and looks_numeric(_text(digits)):
            digit_confidence = min(line.confidence for line in digits)
            text = unicodedata.normalize("NFKC", _text(lines))
            if looks_numeric(text):
                agree = _text(digits) == text
                if digit_confidence > confidence:
                    lines = digits
                confidence = max(confidence, digit_confidence) if agree else min(confidence, digit_confidence)
            elif text.translate(_DIGIT_LOOKALIKES) == _text(digits):
                # The Chinese engine took a digit for the letter it looks like (0 for O): both
                # saw the same shapes, so the number stands, as sure as the less sure engine.
                lines, confidence = digits, min(confidence, digit_confidence)
    if not lines:
        # Ink that no engine can read is not an empty cell: it is marked unreadable, and
        # the table reader's R5 (text in a value cell) then names it.
        lines = [
            TextLine(UNREADABLE, (0, 0, image.width - 2 * PAD_PIXELS, image.height - 2 * PAD_PIXELS), 0.0)
        ]
        confidence = 0.0
    if looks_numeric(_text(lines)):
        lines = _compact(lines)
    chars = tuple(_inside(ch, box) for line in lines for ch in line_chars(line, origin, dpi))
    return CellReading(box=box, chars=chars, confidence=confidence)


def _inside(ch: Char, box: Box) -> Char:
    """``ch`` moved within the cell it was read from, so the layout puts it in no other cell.

    A line's box from Tesseract can reach past the cut (a minus sign, a stroke of grain).
    """
    margin = min(1.0, (box[2] - box[0]) / 4, (box[3] - box[1]) / 4)
    x0 = min(max(ch.x0, box[0] + margin), box[2] - margin)
    x1 = min(max(ch.x1, x0), box[2] - margin)
    top = min(max(ch.top, box[1] + margin), box[3] - margin)
    bottom = min(max(ch.bottom, top), box[3] - margin)
    return ch._replace(x0=x0, x1=x1, top=top, bottom=bottom)


def read_tables(
    engines: Engines, grey: Any, tables: list[list[Ruling]], page: int, dpi: int
) -> list[CellReading]:
    """Every non-empty cell of the page's ruled tables, read one by one.

    Where tables overlap, a cell inside an earlier table's area is left to that table, as
    the layout gives it the characters there.
    """
    readings = []
    areas: list[Box] = []
    for group in tables:
        xs = [r.position for r in group if not r.horizontal]
        ys = [r.position for r in group if r.horizontal]
        for cell in build_fragment(group, (), page).cells:
            cx, cy = (cell.box[0] + cell.box[2]) / 2, (cell.box[1] + cell.box[3]) / 2
            if any(a[0] <= cx <= a[2] and a[1] <= cy <= a[3] for a in areas):
                continue
            reading = read_cell(engines, grey, cell.box, dpi)
            if reading is not None:
                readings.append(reading)
        areas.append((min(xs), min(ys), max(xs), max(ys)))
    return readings
