"""Small builders for hand-written table fixtures."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from attrs import evolve
from hypothesis import event

from govreport import Report
from govreport.model.document import Grid, Location
from govreport.model.tables import CellState, StatTable
from govreport.tables.layouts import GROUP_LABELS, application_rows
from govreport.testing import synthetic

HEADER_ALIGNED = [
    "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t\t申请人情况\t\t\t\t\t\t",
    "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
    "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
]


ACTIVE_V2019 = """二、主动公开政府信息情况
{caption1}\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t{r1}\t{r2}\t{r3}
规范性文件\t0\t0\t0
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t5\t{change}\t0
其他对外管理服务事项\t58\t0\t1,982
第二十条第（六）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t26\t0\t{penalty}
行政强制\t1\t0\t1
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t0\t0\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t{amount_header}\t
政府集中采购\t2\t{amount}\t
"""


def active(**overrides: str) -> str:
    """Table 二 of the 2019 form as tab-separated lines; ``overrides`` replace the named fields."""
    values = {
        "caption1": "第二十条第（一）项",
        "r1": "0",
        "r2": "0",
        "r3": "0",
        "change": "0",
        "penalty": "19",
        "amount_header": "采购总金额",
        "amount": "0",
    }
    values.update(overrides)
    return ACTIVE_V2019.format(**values)


def zero_rows(layout: str = "v2019") -> dict[str, list[str]]:
    """Every table-三 row of ``layout`` with seven printed zeros."""
    return {r.spec.key: ["0"] * 7 for r in application_rows(layout)}


def applications_text(rows: dict[str, list[str]], layout: str = "v2019", *, aligned: bool = True) -> str:
    """Table 三 as tab-separated lines with three label fields (L1, L2, L3) and the values.

    With ``aligned=False`` empty label fields are dropped, so rows differ in width and
    positions cannot be trusted (as in seeds 001 and 004).
    """
    lines = ["三、收到和处理政府信息公开申请情况", *HEADER_ALIGNED]
    group = None
    for row in application_rows(layout):
        key = row.spec.key
        if key in ("new_received", "carried_over", "carried_forward"):
            labels = [row.spec.label, "", ""]
        elif row.group is None:
            labels = ["三、本年度办理结果" if key == "granted" else "", row.spec.label, ""]
        else:
            labels = ["", GROUP_LABELS[row.group] if row.group != group else "", row.spec.label]
        group = row.group
        if key not in rows:
            continue
        if not aligned:
            labels = [x for x in labels if x] + [""]
        lines.append("\t".join([*labels, *rows[key]]))
    return "\n".join(lines) + "\n"


def report_text(*parts: str, year: int = 2020) -> str:
    """A minimal six-part report around the given table blocks."""
    return "\n".join(
        [
            f"某镇人民政府{year}年政府信息公开工作年度报告",
            "一、总体情况",
            "本镇认真贯彻落实政府信息公开条例。",
            *parts,
            "五、存在的主要问题及改进情况",
            "政策解读形式不够丰富，下一步将加强培训，完善工作机制。",
            "六、其他需要报告的事项",
            "无。",
        ]
    )


def wrong_cells(generated: synthetic.SyntheticReport, parsed: Report) -> list[object]:
    """Cells whose state or value differs from the generated truth (None is a blank cell)."""
    cells = {(c.table, c.row, c.column): c for t in parsed.tables for c in t.cells}
    wrong: list[object] = []
    for key, value in generated.values.items():
        cell = cells.get(key)
        if cell is None:
            wrong.append((key, value, None))
        elif value is None:
            if cell.state is not CellState.BLANK:
                wrong.append((key, value, cell.state))
        elif cell.state is not CellState.READ:
            wrong.append((key, value, cell.state))
        elif (cell.in_unit("万元") if isinstance(value, Decimal) else cell.value) != value:
            wrong.append((key, value, cell.value))
    return wrong


class Rejections:
    """How often a property's inputs were rejected (an ``InputError`` and the like) instead of checked.

    Each example calls :meth:`checked` or :meth:`rejected`, which also record a
    ``hypothesis.event`` (shown by ``--hypothesis-show-statistics``). After the property ran,
    :meth:`assert_share_at_most` fails when rejections crowd out the checks.
    """

    def __init__(self) -> None:
        self.examples = 0
        self.rejections = 0

    def checked(self) -> None:
        self.examples += 1
        event("checked")

    def rejected(self, why: BaseException) -> None:
        self.examples += 1
        self.rejections += 1
        event(f"rejected: {type(why).__name__}")

    def assert_share_at_most(self, share: float) -> None:
        assert self.examples, "the property ran no example"
        assert self.rejections <= share * self.examples, (
            f"{self.rejections} of {self.examples} examples were rejected (at most {share:.0%} may be)"
        )


def with_table(report: Report, table: StatTable) -> Report:
    """``report`` with ``table`` in place of its table of the same key."""
    return evolve(report, tables=tuple(table if t.key == table.key else t for t in report.tables))


def with_cell(report: Report, table_key: str, row: str, column: str, **changes: Any) -> Report:
    """``report`` with one cell changed: states parsing does not produce, for a rule's own edges."""
    table = report.table(table_key)
    assert table is not None
    cells = tuple(evolve(c, **changes) if (c.row, c.column) == (row, column) else c for c in table.cells)
    return with_table(report, evolve(table, cells=cells))


def location_is_built(cell: object) -> bool:
    """Whether a ``Cell`` or ``GridCell`` holds its ``location`` (reading it would build it)."""
    try:
        type(cell).__dict__["location"].__get__(cell)
    except AttributeError:
        return False
    return True


def grid_of_rows(rows: Sequence[Sequence[str]]) -> Grid:
    """A flat grid (as readers build them) with one grid row per item of ``rows``, cells left to right."""
    cells = [(text, r, c) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Grid.from_flat(
        0,
        tuple(t for t, _, _ in cells),
        tuple(r for _, r, _ in cells),
        tuple(c for _, _, c in cells),
        len(rows),
        max(map(len, rows), default=0),
        Location(line=1, column=1, table=0),
    )
