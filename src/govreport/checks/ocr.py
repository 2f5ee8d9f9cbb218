"""What OCR confidence means for findings: O1 on unsure numbers, and the origin of rule failures.

Tesseract's confidence runs from 0 to 100. A number read below :data:`LOW_CONFIDENCE`
is kept, with an O1 finding naming the cell. A printed rule that fails on OCR'd cells
is blamed on the reading unless every OCR'd cell in it was read at
:data:`HIGH_CONFIDENCE` or more; only then is the report itself at fault.
"""

from __future__ import annotations

from collections.abc import Iterable

from govreport.model.findings import CellRef, Finding, Origin, Severity
from govreport.model.report import Report
from govreport.model.tables import CellState
from govreport.tables.layouts import TABLE_NAMES

LOW_CONFIDENCE = 90.0
HIGH_CONFIDENCE = 95.0

O1_TITLE = "OCR 识别把握不足的数字"
O1_DESCRIPTION = (
    f"A number read by OCR from a scanned page with a confidence below {LOW_CONFIDENCE:g} (of 100); it is "
    "kept as read, and the finding names the cell so it can be checked against the scan."
)


def low_confidence_numbers(report: Report) -> Iterable[Finding]:
    """O1: one finding per number OCR read with a confidence below :data:`LOW_CONFIDENCE`."""
    for table in report.tables:
        for cell in table.cells:
            mark = cell.location.ocr if cell.location is not None else None
            if mark is None or cell.state is not CellState.READ or mark.confidence >= LOW_CONFIDENCE:
                continue
            yield Finding(
                rule="O1",
                severity=Severity.WARNING,
                origin=Origin.READING,
                message=(
                    f"{TABLE_NAMES[table.key]} {cell.row}/{cell.column} 的数字「{cell.raw}」由 OCR 识别，"
                    f"置信度 {mark.confidence:g} 低于 {LOW_CONFIDENCE:g}，请对照扫描件核对。"
                ),
                cells=(CellRef(table=cell.table, row=cell.row, column=cell.column, location=cell.location),),
                location=cell.location,
            )


def failure_origin(origin: Origin, cells: Iterable[CellRef]) -> Origin:
    """The origin of a rule failing on ``cells``: ``reading`` when an OCR'd cell among them is not sure."""
    if origin is not Origin.SOURCE:
        return origin
    marks = [ref.location.ocr for ref in cells if ref.location is not None and ref.location.ocr is not None]
    if any(mark.confidence < HIGH_CONFIDENCE for mark in marks):
        return Origin.READING
    return origin
