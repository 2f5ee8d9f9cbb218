"""OCR'd lines as the PDF layout's characters, so scanned pages are laid out like text PDFs.

Tesseract gives a box per line; the line's characters are spread evenly across it.
The PDF layout then joins lines into paragraphs and cells exactly as for a text layer.
"""

from __future__ import annotations

import re
import unicodedata

from govreport.readers.ocr.engine import TextLine
from govreport.readers.pdf.layout import Char

_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")
"""Spaces beside a Chinese character: Tesseract puts them between characters Chinese print sets solid."""


def clean_text(text: str) -> str:
    """OCR text with line breaks and the spaces Tesseract adds around Chinese characters removed."""
    joined = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return _CJK_SPACE.sub("", unicodedata.normalize("NFC", joined))


def line_chars(line: TextLine, origin: tuple[int, int], dpi: int) -> list[Char]:
    """The characters of ``line`` (box relative to ``origin`` in pixels) on the page, in points."""
    text = clean_text(line.text)
    if not text:
        return []
    scale = 72.0 / dpi
    x0 = (origin[0] + line.box[0]) * scale
    top = (origin[1] + line.box[1]) * scale
    x1 = (origin[0] + line.box[2]) * scale
    bottom = (origin[1] + line.box[3]) * scale
    advance = (x1 - x0) / len(text)
    size = bottom - top
    return [
        Char(ch, x0 + i * advance, top, x0 + (i + 1) * advance, bottom, size) for i, ch in enumerate(text)
    ]
