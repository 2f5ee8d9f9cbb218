"""O1: a number OCR read without enough confidence is kept, and named so it can be checked."""

from __future__ import annotations

from collections.abc import Iterable

from govreport.messages import checks as msg
from govreport.messages.names import table_title
from govreport.model.confidence import LOW_CONFIDENCE, TRUSTED_DPI
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.report import Report
from govreport.model.rules import Rule, RuleKind, finding
from govreport.model.tables import CellState


def _o1(report: Report) -> Iterable[Finding]:
    if report.source.ocr is None:  # no page was read by OCR: the usual case, and no cell's location is read
        return
    for table in report.tables:
        if not any([c.location.ocr is not None for c in table.cells if c.location is not None]):
            continue  # nothing in the table was read by OCR: the usual case
        for cell in table.cells:
            mark = cell.location.ocr if cell.location is not None else None
            if mark is None or cell.state is not CellState.READ:
                continue
            table_name = table_title(table.key)
            cell_name = f"{cell.row}/{cell.column}"
            if mark.dpi < TRUSTED_DPI:
                message = msg.OCR_LOW_RESOLUTION(
                    table=table_name, cell=cell_name, raw=cell.raw, dpi=mark.dpi, trusted=TRUSTED_DPI
                )
            elif mark.confidence < LOW_CONFIDENCE:
                message = msg.OCR_UNSURE_NUMBER(
                    table=table_name,
                    cell=cell_name,
                    raw=cell.raw,
                    confidence=f"{mark.confidence:g}",
                    threshold=f"{LOW_CONFIDENCE:g}",
                )
            else:
                continue
            yield finding(O1, message, cells=(cell,))


O1 = Rule(
    id="O1",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="OCR 识别把握不足的数字",
    description=(
        f"A number read by OCR from a scanned page with a confidence below {LOW_CONFIDENCE:g} (of 100), "
        f"or from a scan of less than {TRUSTED_DPI} dpi; it is kept as read, and the finding names the "
        "cell so it can be checked against the scan."
    ),
    check=_o1,
)
