"""R7: a reading rule that runs on the assembled report (a statutory part whose table was not read).

The other reading rules are emitted while the tables are read (:mod:`govreport.tables.rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

from govreport.messages import checks as msg
from govreport.messages.names import table_title
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.report import FormatVersion, Report
from govreport.model.rules import Rule, RuleKind, finding
from govreport.sections.builtin import new_form_headings
from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION

_SECTION_TABLE = {
    "active": ACTIVE,
    "applications": APPLICATIONS,
    "review_litigation": REVIEW_LITIGATION,
}


def _r7(report: Report) -> Iterable[Finding]:
    new_form = report.version in (FormatVersion.V2019, FormatVersion.V2021) or bool(
        new_form_headings(report.sections)
    )
    for section_key, table_key in _SECTION_TABLE.items() if new_form else ():
        if report.get_table(table_key) is not None:
            continue
        section = report.section(section_key)
        if section is not None:
            yield finding(
                R7,
                msg.SECTION_WITHOUT_TABLE(heading=section.heading, table=table_title(table_key)),
                location=section.location,
            )
        elif report.source.ocr is not None:
            # A text report may leave a part out; a scan's part is more likely unread, heading and all.
            yield finding(R7, msg.SCAN_WITHOUT_TABLE(table=table_title(table_key)))


R7 = Rule(
    id="R7",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="有该部分但未读到统计表",
    description=(
        "A statutory part (二, 三 or 四 of the 2019+ form) has its heading but its table was not read: the "
        "table may be an image, lost in conversion or laid out in a way govreport does not read. It is a "
        "reading problem, so the report is partial, never ok. In a scanned report a missing table is "
        "named even when its heading was not read either."
    ),
    check=_r7,
)
