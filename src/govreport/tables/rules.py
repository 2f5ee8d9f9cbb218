"""The rules of reading a table: what the table readers report while they place values.

These rules have no check of their own: the readers (placement, recovery, glued digits,
labels, the old 统计表) emit their findings while reading, through
:func:`govreport.model.rules.finding`. R7, which looks at the assembled report, is in
:mod:`govreport.checks.reading`.
"""

from __future__ import annotations

from govreport.model.findings import Origin, Severity
from govreport.model.rules import Check, Rule, RuleKind

R1: Rule[Check] = Rule(
    id="R1",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="行数不全，无法确定缺格位置",
    description=(
        "A row printed fewer values than it has cells and no placement is certain; its cells are missing. "
        "Rows that printed their label and no value at all (copies that drop empty cells) are one finding "
        "per table: their cells are missing, since nothing tells a blank from a lost value."
    ),
)


R2: Rule[Check] = Rule(
    id="R2",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="按规则补出缺格",
    description=(
        "A row printed fewer values than it has cells; every placement the printed rules allow gives the "
        "same table, so the gaps are filled with state inferred."
    ),
)


R3: Rule[Check] = Rule(
    id="R3",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="未找到或无法识别的行",
    description="A row of the layout was not found, or a row of numbers had a label no layout knows.",
)


R4: Rule[Check] = Rule(
    id="R4",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="数值多于列数",
    description="A row printed more values than it has cells; its cells are missing.",
)


R5: Rule[Check] = Rule(
    id="R5",
    kind=RuleKind.READING,
    severity=Severity.INFO,
    origin=Origin.READING,
    title="单元格文字不是数字",
    description=(
        "A value cell holds text that is neither a number nor a known placeholder; "
        "it is kept as a placeholder."
    ),
)


R6: Rule[Check] = Rule(
    id="R6",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="重复的行",
    description="A row label occurs twice in one table; the first is read.",
)


R8: Rule[Check] = Rule(
    id="R8",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="粘连数字按规则拆分",
    description=(
        "A row's numbers were printed glued together (crawled page text) and the run of digits admits "
        "several splits; exactly one split of the row is left by the printed rules (H1-H4) over the whole "
        "table, so its cells are inferred. The finding names the rules."
    ),
)


R9: Rule[Check] = Rule(
    id="R9",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="粘连数字无法唯一拆分",
    description=(
        "A row's numbers were printed glued together and no split, or more than one split, satisfies the "
        "printed rules; its cells are missing."
    ),
)


R10: Rule[Check] = Rule(
    id="R10",
    kind=RuleKind.READING,
    severity=Severity.INFO,
    origin=Origin.READING,
    title="粘连数字只有一种拆分",
    description=(
        "A table's cells were printed glued together; the rows listed admit one split only (each row has a "
        "fixed number of cells, and a number never starts with 0 unless it is 0), so they are read as "
        "printed."
    ),
)


R11: Rule[Check] = Rule(
    id="R11",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="粘连数字拆分搜索超出上限",
    description=(
        "The search for the splits of a glued table went over its node cap; the rows it could not settle "
        "are missing."
    ),
)


L1: Rule[Check] = Rule(
    id="L1",
    kind=RuleKind.LABEL,
    severity=Severity.INFO,
    origin=Origin.SOURCE,
    title="行名或标题与标准格式不一致",
    description=(
        "A row label or block caption differs from the official form (a typo or variant) and was read "
        "as the official one: by its distinctive words, or, for a table-三 label no words match, by "
        "closeness (within two edits of one official label of 8 or more characters, or the one row "
        "left between the rows found before and after it). The message names both labels."
    ),
)


T3: Rule[Check] = Rule(
    id="T3",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="统计表数字粘连",
    description=(
        "Crawled text glued a row's digits together (本年度 and 历年累计 in one run). When exactly one split "
        "fits the row's cell count and the rules T1-T2, its cells are inferred and the finding names the "
        "rules; when several remain, the cells are missing and the finding lists the candidates."
    ),
)

ROW_RULES = (R1, R2, R3, R4, R5, R6)
"""Rows of tables 二-四 not found, short, long, unreadable or repeated."""
GLUED_RULES = (R8, R9, R10, R11)
"""Rows of tables 二-四 whose numbers were printed glued together."""
