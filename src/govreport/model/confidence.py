"""What OCR confidence means for findings: the thresholds, and the origin of a rule failure.

Tesseract's confidence runs from 0 to 100. A number read below :data:`LOW_CONFIDENCE` is
kept, with an O1 finding naming the cell; so is every number of a scan below
:data:`TRUSTED_DPI`. A printed rule that fails on OCR'd cells is blamed on the reading
unless every OCR'd cell in it was read at :data:`HIGH_CONFIDENCE` or more from a scan of
at least :data:`TRUSTED_DPI`; only then is the report itself at fault.
"""

from __future__ import annotations

from collections.abc import Iterable

from govreport.model.findings import CellRef, Origin

# The same threshold for both: the benchmark found numbers read wrong at confidence 90.9 on
# 200 dpi scans, so every number not read with high confidence is named (O1).
LOW_CONFIDENCE = 95.0
HIGH_CONFIDENCE = 95.0
# Below this scan resolution the engine is sure of digits it misreads (the benchmark's 150 dpi
# scans: dozens of wrong numbers at confidence 95 or more), so no OCR'd number is trusted.
TRUSTED_DPI = 200


def failure_origin(origin: Origin, cells: Iterable[CellRef]) -> Origin:
    """The origin of a rule failing on ``cells``: ``reading`` when an OCR'd cell among them is not sure."""
    if origin is not Origin.SOURCE:
        return origin
    marks = [ref.location.ocr for ref in cells if ref.location is not None and ref.location.ocr is not None]
    if any(mark.confidence < HIGH_CONFIDENCE or mark.dpi < TRUSTED_DPI for mark in marks):
        return Origin.READING
    return origin
