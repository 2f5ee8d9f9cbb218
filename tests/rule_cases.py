"""For every rule of the registry: a report where it fires, and a near miss where it must not.

``FIRES[rule]`` is a report that breaks the rule once, with the cells its findings must
name. ``SILENT[rule]`` changes the same kind of thing without breaking the rule (moves a
count between two cells of one sum, a signed change where a count may not be negative…),
so a rule that looked at the wrong cells, or fired on any change, would fire there.
tests/test_rules_fire.py parametrizes over the registry: a rule added without cases here
fails it. The corpus rules' cases are in tests/corpus_rule_cases.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import NamedTuple

from attrs import evolve

from govreport import Cell, Report, parse
from govreport.checks import run_checks
from govreport.model.document import Location, OcrMark, OcrSource
from govreport.tables.layouts import APPLICANT_COLUMNS
from govreport.testing import synthetic
from govreport.testing.render.markdown import MarkdownDamage, render_markdown
from tests.helpers import active, applications_text, report_text, zero_rows

CellKey = tuple[str, str, str]


class Case(NamedTuple):
    report: Callable[[], Report]
    cells: frozenset[CellKey] | None = frozenset()
    """The cells the rule's findings name together (none by default); ``None``: not pinned here."""


APP = "applications"
COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS)  # the six applicant columns and 总计
# A small table 三 that keeps every printed rule: 3 new + 1 carried over = 3 processed + 1 forward.
BASE_ROWS = {
    "new_received": [2, 1, 0, 0, 0, 0, 3],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "granted": [1, 1, 0, 0, 0, 0, 2],
    "partial": [1, 0, 0, 0, 0, 0, 1],
    "total_processed": [2, 1, 0, 0, 0, 0, 3],
    "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}
# Table 三's rows that rule H2 adds up: the outcomes (一)-(六) and their total (七).
OUTCOME_AND_TOTAL = tuple(set(zero_rows()) - {"new_received", "carried_over", "carried_forward"})
REVIEW_HEADER = [
    "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
    "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
]


def _cells(table: str, rows: dict[str, tuple[str, ...]]) -> frozenset[CellKey]:
    return frozenset((table, row, column) for row, columns in rows.items() for column in columns)


def table3(changes: dict[str, dict[str, int]] | None = None, *, aligned: bool = True) -> str:
    """Table 三 of :data:`BASE_ROWS` with ``changes[row][column]`` added; other rows print zeros."""
    rows = zero_rows()
    for row, values in BASE_ROWS.items():
        rows[row] = [str(v) for v in values]
    for row, by_column in (changes or {}).items():
        for column, delta in by_column.items():
            i = COLUMNS.index(column)
            rows[row][i] = str(int(rows[row][i]) + delta)
    return applications_text(rows, aligned=aligned)


def table4(values: tuple[str, ...] = ("1", "0", "0", "0", "1", *["0"] * 10)) -> str:
    return "\n".join(["四、政府信息公开行政复议、行政诉讼情况", *REVIEW_HEADER, "\t".join(values)]) + "\n"


def text_report(*parts: str, year: int = 2020) -> Callable[[], Report]:
    return lambda: parse(report_text(*parts, year=year))


def _with(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def _section_five(body: str) -> Callable[[], Report]:
    text = report_text(active(), table3(), table4())
    return lambda: parse(_with(text, "政策解读形式不够丰富，下一步将加强培训，完善工作机制。", body))


def _issued(date: str) -> Callable[[], Report]:
    return lambda: parse(report_text(active(), table3(), table4()) + f"\n某镇人民政府\n{date}\n")


def _period(year: int) -> Callable[[], Report]:
    line = f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    return text_report(line, active(), table3(), table4())


def _v2021(*, fee: str, part_six: str) -> Callable[[], Report]:
    generated = synthetic.generate(11, layout="v2021", year=2022)
    lines = generated.text.split("\n")
    fees = next(i for i, line in enumerate(lines) if line.startswith("行政事业性收费"))
    fields = lines[fees].split("\t")
    fields[1] = fee
    lines[fees] = "\t".join(fields)
    # Part 六 ends the text: S10 reads the signature and date after it as part of 六.
    six = "\n".join(lines).index("六、其他需要报告的事项")
    text = "\n".join(lines)[:six] + f"六、其他需要报告的事项\n{part_six}\n"
    return lambda: parse(text)


def _markdown(damage: MarkdownDamage) -> Callable[[], Report]:
    generated = synthetic.generate(5, layout="v2021")
    return lambda: parse(render_markdown(generated.text, random.Random(5), damage))


_MARKDOWN_TABLE = """\
# 某县人民政府2024年政府信息公开工作年度报告

## 三、收到和处理政府信息公开申请情况
| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
|---|---|---|---|---|---|---|---|
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
{stray}| （二）部分公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
"""

# A 统计表 report; {replies} is the 答复总数 this year, {refused} the cumulative 不同意公开.
STATISTICS_TEMPLATE = (
    "二〇一八年度政府信息公开工作年度报告\n一、概述\n本年度工作稳步推进。\n政府信息公开情况统计表\n"
    "指标名称\t计量单位\t本年度\t历年累计\n"
    "对申请的答复总数\t件\t{replies}\t9\n"
    "其中：1.同意公开答复数\t件\t2\t4\n"
    "2.不同意公开答复数\t件\t2\t{refused}\n"
)
_GLUED_STATISTICS = (
    "二〇一八年度政府信息公开工作年度报告\n一、概述\n本年度工作稳步推进。\n政府信息公开情况统计表\n"
    "指标名称计量单位本年度历年累计对申请的答复总数件{replies}其中：1.同意公开答复数件2080"
    "2.同意部分公开答复数件320"
)


def _statistics(replies: str = "4", refused: str = "5") -> Callable[[], Report]:
    return lambda: parse(STATISTICS_TEMPLATE.format(replies=replies, refused=refused))


def _glued(run: str) -> Callable[[], Report]:
    """Table 二's first block glued as crawled page text; ``run`` is the 规范性文件 row's digits."""
    body = (
        "二、主动公开政府信息情况\n"
        f"第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000行政规范性文件{run}"
    )
    return text_report(body, year=2022)


def _glued_table3(space: float) -> Callable[[], Report]:
    generated = synthetic.generate_glued(1, layout="v2019", space=space)
    return lambda: parse(generated.text)


def _capped_glue() -> Report:
    from govreport.tables import splitting

    saved = splitting.MAX_TABLE_NODES
    splitting.MAX_TABLE_NODES = 5
    try:
        return parse(synthetic.generate_glued(2, layout="v2021", space=0).text)
    finally:
        splitting.MAX_TABLE_NODES = saved


REVIEW_ALL = ("upheld", "corrected", "other", "pending", "total")


def _ocr_read(confidence: float) -> Callable[[], Report]:
    """A report whose 本年新收 总计 was read by OCR with ``confidence``, checked again.

    Its source says OCR read it, as the OCR reader's does.
    """

    def build() -> Report:
        report = text_report(active(), table3(), table4())()

        def mark(cell: Cell) -> Cell:
            location = cell.location or Location()
            return evolve(cell, location=evolve(location, ocr=OcrMark(dpi=300, confidence=confidence)))

        target = ("new_received", "total")
        tables = tuple(
            evolve(t, cells=tuple(mark(c) if (c.row, c.column) == target else c for c in t.cells))
            if t.key == APP
            else t
            for t in report.tables
        )
        scanned = OcrSource(engine="tesseract", version="5.3.0", dpi=300, pages=1)
        marked = evolve(report, tables=tables, source=evolve(report.source, ocr=scanned))
        return evolve(marked, findings=tuple(run_checks(marked)))

    return build


FIRES: dict[str, Case] = {
    # 3 + 1 = 3 + 1 becomes 4 + 1 against 3 + 1 in 自然人 and 总计.
    "H1": Case(
        text_report(table3({"new_received": {"natural_person": 1, "total": 1}})),
        _cells(
            APP,
            dict.fromkeys(
                ("new_received", "carried_over", "total_processed", "carried_forward"),
                ("natural_person", "total"),
            ),
        ),
    ),
    "H2": Case(
        text_report(table3({"granted": {"natural_person": 1, "total": 1}})),
        _cells(APP, dict.fromkeys(OUTCOME_AND_TOTAL, ("natural_person", "total"))),
    ),
    "H3": Case(
        text_report(table3({"granted": {"total": 1}, "partial": {"total": -1}})),
        _cells(APP, dict.fromkeys(("granted", "partial"), COLUMNS)),
    ),
    "H4": Case(
        text_report(table3(), table4(("1", "0", "0", "0", "2", *["0"] * 10))),
        _cells("review_litigation", {"review": REVIEW_ALL}),
    ),
    "H5": Case(
        text_report(table3(), table4(("-1", "1", "0", "0", "0", *["0"] * 10))),
        frozenset({("review_litigation", "review", "upheld")}),
    ),
    "H6": Case(text_report(active(amount="-1.5")), frozenset({("active", "procurement", "amount")})),
    "H7": Case(text_report(active(change="1.5")), frozenset({("active", "licensing", "items_change")})),
    "H8": Case(text_report(active(), applications_text(zero_rows("v2021"), "v2021"))),
    "S4": Case(
        text_report(active(r1="0", r2="5", r3="3")),
        frozenset({("active", "regulations", "published"), ("active", "regulations", "total_public")}),
    ),
    "S5": Case(
        text_report("本年度未收到政府信息公开申请。", active(), table3(), table4()),
        frozenset({(APP, "new_received", "total"), (APP, "carried_over", "total")}),
    ),
    "S6": Case(_period(2019)),
    "S7": Case(_issued("2021年5月10日")),
    "S8": Case(text_report(active(penalty="")), frozenset({("active", "penalty", "decisions")})),
    "S9": Case(_section_five("无。")),
    "S10": Case(_v2021(fee="12.5", part_six="无。")),
    "S11": Case(
        text_report("所有申请均已办结。", active(), table3(), table4()),
        frozenset({(APP, "carried_forward", "total")}),
    ),
    "V1": Case(text_report(active(), table3(), table4(), year=2022)),
    "N1": Case(
        lambda: parse(
            "二、主动公开政府信息情况\n2012年主动公开政府信息1913条。其中，区直、县直各单位主动公开政府信息1397条，"
            "占73%。各乡镇主动公开政府信息534条，占27%。\n"
        )
    ),
    "N2": Case(
        lambda: parse(
            "某镇2016年政府信息公开工作年度报告\n二、主动公开政府信息情况\n全年主动公开政府信息120条。\n"
            "三、依申请公开情况\n全年共受理申请3件。\n四、其他\n本年度主动公开政府信息135条。\n"
        )
    ),
    "N3": Case(
        text_report(active(), table3(), table4(), "本年度共收到政府信息公开申请5件。"),
        frozenset({(APP, "new_received", "total")}),
    ),
    # 5 5 5 5 5 5 for 7 cells: no placement satisfies H2 and H3.
    "R1": Case(
        lambda: parse(
            report_text(applications_text({**zero_rows(), "granted": ["5"] * 6}, aligned=False), table4())
        ),
        _cells(APP, {"granted": COLUMNS}),
    ),
    # 1 1 0 0 0 2 for 1 1 0 0 0 0 2: every placement gives the same row.
    "R2": Case(
        lambda: parse(
            report_text(
                _with(
                    table3(aligned=False),
                    "（一）予以公开\t\t1\t1\t0\t0\t0\t0\t2",
                    "（一）予以公开\t\t1\t1\t0\t0\t0\t2",
                ),
                table4(),
            )
        ),
        _cells(
            APP,
            {"granted": ("research_institution", "public_welfare_org", "legal_service_org", "other_org")},
        ),
    ),
    "R3": Case(
        lambda: parse(
            report_text(_with(table3(), "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n", ""))
        ),
        _cells(APP, {"denied.law_forbidden": COLUMNS}),
    ),
    "R4": Case(
        lambda: parse(
            report_text(applications_text({**zero_rows(), "granted": ["0"] * 8}, aligned=False), table4())
        ),
        _cells(APP, {"granted": COLUMNS}),
    ),
    "R5": Case(text_report(active(penalty="见附件")), frozenset({("active", "penalty", "decisions")})),
    "R6": Case(
        text_report(
            _with(active(), "行政强制\t1\t0\t1\n", "行政强制\t1\t0\t1\n行政处罚\t9\t9\t9\n"),
            table3(),
            table4(),
        )
    ),
    "R7": Case(text_report(active(), "三、收到和处理政府信息公开申请情况", "本年度情况见附表。", table4())),
    "O1": Case(_ocr_read(80.0), frozenset({(APP, "new_received", "total")})),
    # Which glued rows need the rules (R8) and which split one way (R10) is pinned by test_glued.py.
    "R8": Case(_glued_table3(0), None),
    "R9": Case(
        _glued("693665"),
        frozenset({("active", "normative_documents", c) for c in ("issued", "repealed", "in_force")}),
    ),
    "R10": Case(
        _glued("000"),
        frozenset(
            {
                ("active", r, c)
                for r in ("regulations", "normative_documents")
                for c in ("issued", "repealed", "in_force")
            }
        ),
    ),
    "R11": Case(_capped_glue),
    "L1": Case(
        text_report(active(caption1="第二十一条第（一）项"), table3(), table4()),
    ),
    # The renderer's seed drops the label of 7.属于行政执法案卷.
    "M1": Case(_markdown(MarkdownDamage(lost_labels=1)), _cells(APP, {"denied.enforcement_file": COLUMNS})),
    "M2": Case(lambda: parse(_MARKDOWN_TABLE.format(stray="5\n"))),
    "T1": Case(
        _statistics(replies="5"),
        _cells("statistics", dict.fromkeys(("replies", "replies.granted", "replies.denied"), ("this_year",))),
    ),
    "T2": Case(
        _statistics(refused="1"), _cells("statistics", {"replies.denied": ("this_year", "cumulative")})
    ),
    # 23100 splits as 23|100 only with T1 and T2; the parts 2080 and 320 split by them too.
    "T3": Case(
        lambda: parse(_GLUED_STATISTICS.format(replies="23100")),
        _cells(
            "statistics",
            dict.fromkeys(("replies", "replies.granted", "replies.partial"), ("this_year", "cumulative")),
        ),
    ),
}

SILENT: dict[str, Case] = {
    # One more received, one fewer carried over: both sides still 4.
    "H1": Case(
        text_report(
            table3(
                {
                    "new_received": {"natural_person": 1, "total": 1},
                    "carried_over": {"natural_person": -1, "total": -1},
                }
            )
        )
    ),
    "H2": Case(
        text_report(
            table3(
                {"granted": {"natural_person": 1, "total": 1}, "partial": {"natural_person": -1, "total": -1}}
            )
        )
    ),
    # A count moved between two columns of one row: the row total still holds (H2 does not).
    "H3": Case(text_report(table3({"granted": {"natural_person": 1, "commercial_enterprise": -1}}))),
    "H4": Case(text_report(table3(), table4(("0", "1", "0", "0", "1", *["0"] * 10)))),
    # A signed 本年增/减 may be negative; only counts may not.
    "H5": Case(text_report(active(change="-2"), table3(), table4())),
    "H6": Case(text_report(active(amount="0.0001"))),
    "H7": Case(text_report(active(change="-2"))),
    "H8": Case(text_report(active(), table3(), table4())),
    "S4": Case(text_report(active(r1="0", r2="5", r3="5"))),
    "S5": Case(text_report("本年度未收到行政复议申请。", active(), table3(), table4(("0",) * 15))),
    "S6": Case(_period(2020)),
    "S7": Case(_issued("2021年3月31日")),
    "S8": Case(text_report(active(penalty="0"))),
    "S9": Case(_section_five("人员力量不足，下一步将加强培训。")),
    "S10": Case(_v2021(fee="12.5", part_six="本年度收取信息处理费12.5万元。")),
    "S11": Case(
        text_report(
            "所有申请均已办结。",
            active(),
            table3(
                {
                    "carried_forward": {"natural_person": -1, "total": -1},
                    "new_received": {"natural_person": -1, "total": -1},
                }
            ),
            table4(),
        )
    ),
    "V1": Case(text_report(active(), table3(), table4(), year=2020)),
    "N1": Case(
        lambda: parse(
            "二、主动公开政府信息情况\n2012年主动公开政府信息1913条。其中，区直、县直各单位主动公开政府信息1397条，"
            "占73%。各乡镇主动公开政府信息516条，占27%。\n"
        )
    ),
    "N2": Case(
        lambda: parse(
            "二、主动公开政府信息情况\n全年主动公开政府信息120条。\n全年共主动公开政府信息120条。\n"
        )
    ),
    "N3": Case(text_report(active(), table3(), table4(), "本年度共收到政府信息公开申请3件。")),
    # 6 of 7 zeros: every placement reads the same row, nothing is left missing.
    "R1": Case(
        lambda: parse(
            report_text(applications_text({**zero_rows(), "granted": ["0"] * 6}, aligned=False), table4())
        )
    ),
    "R2": Case(text_report(table3(aligned=False), table4())),
    "R3": Case(text_report(table3(), table4())),
    "R4": Case(
        lambda: parse(
            report_text(applications_text({**zero_rows(), "granted": ["0"] * 7}, aligned=False), table4())
        )
    ),
    "R5": Case(text_report(active(penalty="/"))),
    "R6": Case(
        text_report(_with(active(), "行政强制\t1\t0\t1\n", "行政强制\t1\t0\t1\n"), table3(), table4())
    ),
    "R7": Case(text_report(active(), table3(), table4())),
    "O1": Case(_ocr_read(95.0)),
    "R8": Case(_glued("000")),
    "R9": Case(_glued("000")),
    "R10": Case(text_report(active(), table3(), table4())),
    "R11": Case(_glued_table3(0)),
    "L1": Case(text_report(active(), table3(), table4())),
    "M1": Case(_markdown(MarkdownDamage())),
    "M2": Case(lambda: parse(_MARKDOWN_TABLE.format(stray=""))),
    "T1": Case(_statistics()),
    "T2": Case(_statistics()),
    "T3": Case(lambda: parse(STATISTICS_TEMPLATE.format(replies="4", refused="5"))),
}
