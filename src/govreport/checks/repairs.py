"""Rules about repairs the readers made to damaged input: M1, M2.

Repairs are recorded in the document's notes (``SourceInfo.notes``) by the reader that
made them; a repair that decided which row printed numbers belong to is also a finding,
so it is seen wherever findings are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govreport.messages import checks as msg
from govreport.model.document import Location
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.report import Report
from govreport.model.rules import Rule, RuleKind, finding
from govreport.model.tables import Cell
from govreport.readers.markdown import DROPPED_NUMBER_NOTE, RESTORED_LABEL_NOTE
from govreport.tables.layouts import APPLICATIONS

_DROPPED = re.compile(DROPPED_NUMBER_NOTE.format(line=r"(?P<line>\d+)", text="(?P<text>[^」]+)"))
_RESTORED = re.compile(RESTORED_LABEL_NOTE.format(line=r"(?P<line>\d+)", label="(?P<label>[^」]+)"))


def _m1(report: Report) -> Iterable[Finding]:
    table = report.get_table(APPLICATIONS)
    for note in report.source.notes:
        match = _RESTORED.fullmatch(note)
        if match is None:
            continue
        line = int(match.group("line"))
        cells: tuple[Cell, ...] = ()
        if table is not None:
            cells = tuple(c for c in table.cells if c.location is not None and c.location.line == line)
        yield finding(
            M1,
            msg.LABEL_RESTORED(line=line, label=match.group("label")),
            cells=cells,
            location=Location(line=line),
        )


M1 = Rule(
    id="M1",
    kind=RuleKind.READING,
    severity=Severity.INFO,
    origin=Origin.READING,
    title="行名按前后行的次序补出",
    description=(
        "In Markdown made by a PDF converter, a row of table 三 printed its numbers without its label. "
        "It was read as the one row the layout has room for between its labelled neighbours; the "
        "numbers are as printed, the row they belong to was decided by their order."
    ),
    check=_m1,
)


def _m2(report: Report) -> Iterable[Finding]:
    for note in report.source.notes:
        match = _DROPPED.fullmatch(note)
        if match is not None:
            line = int(match.group("line"))
            yield finding(
                M2,
                msg.NUMBER_DROPPED(line=line, text=match.group("text")),
                location=Location(line=line),
            )


M2 = Rule(
    id="M2",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="数字不在任何表格行中",
    description=(
        "In Markdown made by a PDF converter, a line inside a statutory table holds only numbers with "
        "no row label (a stray 1 between the rows of table 三, a 本年废止 count printed away from its "
        "row in table 二). Its row is unknown, so it is not read; the cell it belonged to, if any, stays "
        "missing or blank."
    ),
    check=_m2,
)


REPAIR_RULES = (M1, M2)
