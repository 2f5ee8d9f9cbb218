"""Synthetic pre-2019 reports with the old 统计表 (layout ``v2008``), printed the ways crawled pages print it.

A narrative report from :func:`govreport.testing.synthetic.generate_narrative` gets a statistics
table at its end, with one of the row sets provinces used, values that satisfy the
table's rules (T1, T2), and one of four printings:

- ``tabs``: one row per line, cells separated by tabs (a table the text reader sees);
- ``spaces``: the whole table on one line, cells separated by spaces;
- ``lines``: one row per line, cells separated by spaces;
- ``glued``: the whole table on one line with nothing between label, unit and digits,
  as crawlers save it (``主动公开文件数条206912106其中：1.政府网站公开数条…``).
"""

from __future__ import annotations

import random
from decimal import Decimal

from attrs import field, frozen

from govreport.model.tables import CellKey
from govreport.tables.specs import ValueKind
from govreport.tables.statistics_form import STATISTICS_ROWS
from govreport.testing.synthetic import generate_narrative

STYLES = ("tabs", "spaces", "lines", "glued")

# Row sets seen in real reports, with the labels they printed.
_TEMPLATES: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("active", "主动公开信息数"),
        ("active.website", "其中：1、网站公开"),
        ("active.gazette", "2、政府公报公开"),
        ("applications", "受理依申请公开信息总数"),
        ("applications.in_person", "其中：1、当面申请数"),
        ("applications.fax", "2、传真申请数"),
        ("applications.email", "3、电子邮件申请数"),
        ("applications.online", "4、网上申请数"),
        ("applications.letter", "5、信函申请数"),
        ("replies", "对申请的答复总数"),
        ("replies.granted", "其中：1、同意公开答复数"),
        ("replies.partial", "2、同意部分公开答复数"),
        ("replies.denied", "3、否决公开答复数"),
        ("review", "行政复议数"),
        ("litigation", "行政诉讼数"),
        ("complaints", "行政申诉、举报数"),
    ),
    (
        ("active", "主动公开文件数"),
        ("active.website", "其中：1.政府网站公开数"),
        ("active.gazette", "2.政府公报公开数"),
        ("applications", "受理政府信息依申请公开总数"),
        ("applications.in_person", "其中：1.当面申请数"),
        ("applications.online", "2.网上申请数"),
        ("applications.letter_or_fax", "3.信函、传真申请数"),
        ("replies", "对申请的答复总数"),
        ("replies.granted", "其中：1.同意公开答复数"),
        ("replies.partial", "2.同意部分公开答复数"),
        ("replies.denied", "3.不予公开答复数"),
        ("replies.other", "4.其他类型答复数"),
        ("fees", "政府信息公开收费减免金额"),
        ("complaints", "接受行政诉讼、举报数"),
        ("review", "行政复议数"),
        ("litigation", "行政诉讼数"),
    ),
    (
        ("active", "主动公开政府信息数"),
        ("active.full_text", "其中：全文电子化的主动公开政府信息数"),
        ("active.normative_documents", "主动公开规范性文件数"),
        ("applications", "依申请公开信息总数"),
        ("applications.in_person", "其中：1.当面申请数"),
        ("applications.online", "2.网络申请数"),
        ("applications.letter", "3.信函申请数"),
        ("replies", "申请答复数"),
        ("replies.granted", "其中：1.同意公开数"),
        ("replies.partial", "2.部分公开数"),
        ("replies.denied", "3.不同意公开数"),
        ("review", "行政复议数"),
        ("litigation", "行政诉讼数"),
        ("complaints", "举报投诉数"),
        ("fees", "收费金额"),
    ),
    # The form most provinces used from 2014 on.
    (
        ("active", "主动公开政府信息数（不同渠道和方式公开相同信息计1条）"),
        ("active.normative_documents", "其中：主动公开规范性文件数"),
        ("normative_documents_issued", "制发规范性文件总数"),
        ("active.gazette", "1.政府公报公开政府信息数"),
        ("active.website", "2.政府网站公开政府信息数"),
        ("active.weibo", "3.政务微博公开政府信息数"),
        ("active.wechat", "4.政务微信公开政府信息数"),
        ("active.other_channels", "5.其他方式公开政府信息数"),
        ("applications", "收到申请数"),
        ("applications.in_person", "1.当面申请数"),
        ("applications.fax", "2.传真申请数"),
        ("applications.online", "3.网络申请数"),
        ("applications.letter", "4.信函申请数"),
        ("completed", "申请办结数"),
        ("completed.on_time", "1.按时办结数"),
        ("completed.extended", "2.延期办结数"),
        ("replies", "申请答复数"),
        ("replies.already_public", "1.属于已主动公开范围数"),
        ("replies.granted", "2.同意公开答复数"),
        ("replies.partial", "3.同意部分公开答复数"),
        ("replies.denied", "4.不同意公开答复数"),
        ("replies.not_this_organ", "5.不属于本行政机关公开数"),
        ("replies.not_exist", "6.申请信息不存在数"),
        ("replies.correction", "7.告知作出更改补充数"),
        ("replies.other_channel", "8.告知通过其他途径办理数"),
        ("review", "行政复议数量"),
        ("litigation", "行政诉讼数量"),
        ("complaints", "举报投诉数量"),
        ("fees", "依申请公开信息收取的费用"),
    ),
)
_ROWS = {row.key: row for row in STATISTICS_ROWS}


@frozen(kw_only=True)
class StatisticsReport:
    """A generated narrative report with its statistics table: truth and text."""

    year: int
    style: str
    rows: tuple[str, ...]
    """The row keys the table prints, in print order; other rows are not printed."""
    values: dict[CellKey, int | Decimal] = field(hash=False)
    text: str


def statistics_values(rng: random.Random, rows: tuple[str, ...]) -> dict[CellKey, int | Decimal]:
    """Values for ``rows`` that satisfy T1 (totals = sum of printed parts) and T2 (本年度 ≤ 历年累计)."""
    values: dict[CellKey, int | Decimal] = {}
    sparse = rng.random() < 0.4  # most small organs print rows of zeros
    for key in rows:
        row = _ROWS[key]
        if row.kind is ValueKind.MONEY:
            fee = Decimal(rng.randint(0, 9999)) / 100 if not sparse else Decimal(0)
            values[(key, "this_year")] = fee
            values[(key, "cumulative")] = fee + Decimal(rng.randint(0, 99999)) / 100
            continue
        count = 0 if sparse and rng.random() < 0.8 else rng.randint(0, 5000)
        values[(key, "this_year")] = count
        values[(key, "cumulative")] = count + (0 if sparse else rng.randint(0, 60000))
    for total in STATISTICS_ROWS:
        parts = [p for p in total.parts if p in rows]
        if total.key in rows and parts:
            for column in ("this_year", "cumulative"):
                values[(total.key, column)] = sum((values[(p, column)] for p in parts), 0)
    # 其中 rows of 主动公开 are a share of it (not a partition: one item may go out on several channels).
    shares = (
        "active.website",
        "active.gazette",
        "active.weibo",
        "active.wechat",
        "active.other_channels",
        "active.full_text",
        "active.normative_documents",
    )
    for sub in shares:
        if sub in rows and "active" in rows:
            for column in ("this_year", "cumulative"):
                values[(sub, column)] = min(values[(sub, column)], values[("active", column)])
            if values[(sub, "this_year")] > values[(sub, "cumulative")]:
                values[(sub, "cumulative")] = values[(sub, "this_year")]
    return values


def render_statistics(
    rng: random.Random,
    labels: tuple[tuple[str, str], ...],
    values: dict[CellKey, int | Decimal],
    style: str,
    year: int,
) -> list[str]:
    """The table's lines in ``style`` (see the module docstring)."""
    this_year = rng.choice(("本年度", f"{year}年度"))
    header = ("指标名称", "计量单位", this_year, "历年累计")
    rows: list[tuple[str, ...]] = []
    for key, label in labels:
        row = _ROWS[key]
        unit = rng.choice(("元", "万元")) if row.kind is ValueKind.MONEY else row.unit
        rows.append((label, unit, str(values[(key, "this_year")]), str(values[(key, "cumulative")])))
    if style == "tabs":
        return ["\t".join(header), *("\t".join(r) for r in rows)]
    if style == "lines":
        return [" ".join(header), *(" ".join(r) for r in rows)]
    if style == "spaces":
        return [" ".join((*header, *(" ".join(r) for r in rows)))]
    return ["".join((*header, *("".join(r) for r in rows)))]


def generate_statistics(seed: int, *, style: str | None = None, year: int | None = None) -> StatisticsReport:
    """A narrative report from ``seed`` ending in its 统计表 printed in ``style`` (random if omitted)."""
    rng = random.Random(seed)
    style = style or rng.choice(STYLES)
    year = year or rng.randint(2009, 2018)
    labels = rng.choice(_TEMPLATES)
    rows = tuple(key for key, _ in labels)
    values = statistics_values(rng, rows)
    table = render_statistics(rng, labels, values, style, year)
    # The text states the table's 本年度 主动公开 and 申请 figures, so a generated report is consistent.
    narrative = generate_narrative(
        seed,
        year=year,
        active_total=int(values.get(("active", "this_year"), 0)) if "active" in rows else None,
        applications=int(values.get(("applications", "this_year"), 0)),
    )
    text = "\n".join((narrative, "", "政府信息公开情况统计表", *table, ""))
    return StatisticsReport(year=year, style=style, rows=rows, values=values, text=text)
