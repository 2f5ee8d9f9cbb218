"""Narrative counts of the crawled old reports in ../shared/realworld, written down by reading them.

Each case lists every disclosure count the file states in its sentences, as
``(key, value, part label or "", written, approximation)``, and numbers in the same file that
look alike but are not disclosure counts (service centre, 12345, approvals, visits, topics).
The old 统计表 at the end of each file is not narrative; it is read by the v2008 table reader.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport.model import NumberForm, Report
from tests.shared_files import REALWORLD

D, N = NumberForm.DIGITS, NumberForm.NEGATION

EXPECTED: dict[str, list[tuple[str, int, str, NumberForm, str]]] = {
    "pingtan-zone-2012.txt": [
        # 二、重点领域: 通过“中国平潭网”门户网站公开政府信息3636条
        ("active.channel.website", 3636, "", D, ""),
        # 三、（一）: 2012年主动公开政府信息1913条。其中，区直、县直各单位…1397条…各乡镇…534条
        ("active.total", 1913, "", D, ""),
        ("active.total", 1397, "区直、县直各单位", D, ""),
        ("active.total", 534, "各乡镇", D, ""),
        # 在互联网上，2012年区管委会、县政府公开办主动公开信息数为121条 (a subset, labelled)
        ("active.total", 121, "区管委会、县政府公开办", D, ""),
        ("active.channel.bulletin_board", 12, "", D, ""),  # 2012年刊出政务公开栏12期
        ("active.channel.weibo", 1288, "", D, ""),  # 官方微博共发布微博1288条
        ("review.total", 0, "", N, ""),  # 未收到有关政府信息公开行政复议申请
        ("applications.received", 0, "", N, ""),  # 2012年全区未收到有关政府信息公开的申请
    ],
    "pingtan-zone-2016.txt": [
        ("active.total", 3460, "", D, ""),
        ("active.total", 1822, "区管委会及区直各部门", D, ""),
        ("active.total", 1638, "各乡镇", D, ""),
        ("applications.received", 0, "", N, ""),  # 2016年全区未收到有关政府信息公开申请
        ("fees.charged", 0, "", N, ""),  # 依申请提供政府信息暂不收费
        ("review.total", 0, "", N, ""),
        ("litigation.total", 0, "", N, ""),
    ],
    "pingtan-zone-2017.txt": [
        ("active.total", 2122, "", D, ""),
        ("active.total", 1509, "区管委会及区直各部门", D, ""),
        ("active.total", 613, "各乡镇", D, ""),
        ("applications.received", 0, "", N, ""),
        ("review.total", 0, "", N, ""),
        ("litigation.total", 0, "", N, ""),
    ],
    "pingtan-zone-2018.txt": [
        # 其中微博29个，共发布信息1992条；微信公众号41个，共发布信息3404条
        ("active.channel.weibo", 1992, "", D, ""),
        ("active.channel.wechat", 3404, "", D, ""),
        ("active.total", 2069, "", D, ""),
        ("active.total", 1592, "区管委会及区直各部门", D, ""),
        ("active.total", 477, "各乡镇", D, ""),
        ("applications.received", 0, "", N, ""),
        ("review.total", 0, "", N, ""),
        ("litigation.total", 0, "", N, ""),
    ],
    "pingtan-local-tax-bureau-2013.txt": [
        ("active.total", 45, "", D, ""),  # 2013年新增主动公开政府信息45条
        ("applications.received", 0, "", N, ""),  # 未收到政府信息公开申请
        # 约4900人次…咨询…其中现场咨询1600人次，占32.65%；电话咨询3200人次，占65.31%，网上咨询100人次，2.04%占
        ("consultation.total", 4900, "", D, "约"),
        ("consultation.channel.in_person", 1600, "", D, ""),
        ("consultation.channel.phone", 3200, "", D, ""),
        ("consultation.channel.online", 100, "", D, ""),
        ("replies.denied", 0, "", N, ""),  # 我局无不予公开政府信息情况
        ("review.total", 0, "", D, ""),  # 收到以有关政府信息公开行政复议0件
    ],
    # Web pages and Markdown from PDFs: the text around the tables.
    "hunnan-district-sasac-2022-tables-missing.txt": [
        ("active.total", 4, "", D, ""),  # 通过区政府门户网站政务公开专栏主动公开政府信息4条
        ("applications.received", 0, "", N, ""),  # 未收到政府信息公开申请
        # 年度无行政复议、行政诉讼的情况发生 stands under (五)监督保障 and does not say the cases
        # would be about disclosure: not read (行政复议 alone is no disclosure context).
        ("fees.charged", 0, "", N, ""),  # 未收取信息处理费
    ],
    # 主动公开信息81条，其中退回三条，推送78条 (退回/推送 are not parts of a kind govreport names)
    "lzq-township-2019-total-only-partial.txt": [("active.total", 81, "", D, "")],
    "nppa-national-press-publication-2022-partial.txt": [
        # 全年公开行政规范性文件3件、行政许可处理决定46209件、行政处罚处理决定6件 (table 二 says the same)
        ("active.licensing_decisions", 46209, "", D, ""),
        ("active.penalty_decisions", 6, "", D, ""),
        ("applications.received", 62, "", D, ""),
    ],
    # Lines broken inside sentences; 予以公开及部分公开 208 件 is two replies together: no key.
    "shanghai-govoffice-2025-pdf2md.txt": [
        ("applications.received", 1295, "", D, ""),
        ("applications.completed", 1191, "", D, ""),
        ("applications.carried_over", 189, "", D, ""),  # （含上年结转 189 件）
        ("replies.denied", 20, "", D, ""),
        ("replies.unable", 564, "", D, ""),  # 因本机关不掌握等原因无法提供 564 件
        ("replies.not_processed", 80, "", D, ""),  # 属信访、重复申请等不予处理 80 件
        ("replies.other", 319, "", D, ""),
    ],
    "shanghai-stcsm-2024-pdf2md.txt": [
        ("review.total", 1, "", D, ""),  # 有 1 件涉及政府信息公开工作的行政复议
        ("litigation.total", 0, "", D, ""),  # 涉及的行政诉讼数为0 件 (refers back to 政府信息公开)
        ("applications.received", 34, "", D, ""),
        ("applications.carried_over", 2, "", D, ""),  # 上年结转政府信息公开\n申请 2 件
        ("replies.granted", 9, "", D, ""),
        ("replies.partial", 0, "", D, ""),
        ("replies.denied", 2, "", D, ""),
        ("replies.unable", 10, "", D, ""),
        ("replies.not_processed", 0, "", D, ""),
        ("replies.other", 14, "", D, ""),
        ("applications.carried_forward", 1, "", D, ""),  # 转下一年度办理答复的有 1 件
    ],
    "shuyang-county-2025-ocr-md.txt": [
        ("active.total", 4511, "", D, ""),  # 通过县政府门户网站主动公开政府信息4511条
        ("active.category", 4, "", D, ""),  # 全年公开政策文件4件
        # 共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；
        # 共办理 718 件，结转下一年 31 件
        ("applications.received", 749, "", D, ""),
        ("applications.applicant.natural_person", 741, "", D, ""),
        ("applications.applicant.organisations", 8, "", D, ""),
        ("applications.completed", 718, "", D, ""),
        ("applications.carried_forward", 31, "", D, ""),
        ("fees.charged", 380, "", D, ""),  # 收取信息处理费共计380元，其中民政局1件，收取380元
    ],
    "tuanjie-township-tongyu-2020-partial.txt": [
        ("applications.received", 0, "", N, ""),
        ("active.channel.website", 9, "", D, ""),  # 团结乡政府门户网站共发送9条信息
        ("review.total", 0, "", N, ""),
        ("litigation.total", 0, "", N, ""),
    ],
    "tuofenglu-subdistrict-yuyang-2020-partial.txt": [
        ("applications.received", 0, "", N, ""),  # 未接到提出公开政府信息的申请
        ("review.total", 0, "", N, ""),
        ("litigation.total", 0, "", N, ""),
    ],
    "shangwan-township-kangle-2019-partial.txt": [],
    "xiongxian-township-2019-blank-tables-partial.txt": [],
}

# Numbers each file prints that are not disclosure counts.
LOOKALIKES: dict[str, tuple[int | Decimal, ...]] = {
    # 中国平潭网与区行政服务中心共同累计收件9898件，累计办结9542件; 访问量72065人次; 60个单位
    "pingtan-zone-2012.txt": (9898, 9542, 72065, 60, 10659),
    # 行政权力事项3646项; 政府采购项目信息189条, 网上竞价423条; 245个重点项目; 访问量162103人次
    "pingtan-zone-2016.txt": (3646, 281, 4635, 189, 423, 245, 16, 180, 40, 10, 162103),
    # 重点领域 topic counts; 访问量97402人次; 政策解读82条
    "pingtan-zone-2017.txt": (166, 13, 348, 224, 32, 188, 84, 152, 467, 97402, 82),
    # 12345平台收到15564件咨询投诉件，已办结15042件; 网友留言11条; 立项审批信息123件; 舆情近1000条、70多件
    "pingtan-zone-2018.txt": (15564, 15042, 11, 123, 1000, 70, 23, 16, 108932),
    # 受理审批事项117件，办结171件; 减免税91件 219062.78元; 咨询达3000多人次
    "pingtan-local-tax-bureau-2013.txt": (117, 171, 91, Decimal("219062.78"), 7, 19, 3000),
    # 督促县直部门…发布信息3044条; 解读类信息 21 条; 清理过期信息697条; 64家单位
    "shuyang-county-2025-ocr-md.txt": (3044, 21, 697, 64),
    # 予以公开及部分公开 208 件; 含申请人主动撤回 157 件
    "shanghai-govoffice-2025-pdf2md.txt": (208, 157),
}


@pytest.fixture(scope="module")
def realworld() -> Path:
    if not REALWORLD.is_dir():
        pytest.skip("../shared/realworld is not present (it is not part of the repository)")
    return REALWORLD


_cache: dict[str, Report] = {}


def _report(folder: Path, name: str) -> Report:
    if name not in _cache:
        _cache[name] = govreport.parse(folder / name)
    return _cache[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_stated_count(realworld: Path, name: str) -> None:
    report = _report(realworld, name)
    got = [(s.key, s.value, s.label if s.part else "", s.written, s.approximation) for s in report.narrative]
    assert sorted(got, key=str) == sorted(EXPECTED[name], key=str)
    if name.startswith("pingtan"):  # the whole report is one crawled line
        assert all(s.location is not None and s.location.line == 10 for s in report.narrative)


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalikes_are_not_disclosure_counts(realworld: Path, name: str) -> None:
    values = {s.value for s in _report(realworld, name).narrative if s.written is not NumberForm.NEGATION}
    assert values.isdisjoint(LOOKALIKES[name])


def test_2012_parts_do_not_add_up(realworld: Path) -> None:
    """1397 + 534 = 1931, printed as parts (73% and 27%) of 1913: a source finding."""
    report = _report(realworld, "pingtan-zone-2012.txt")
    (n1,) = [f for f in report.findings if f.rule == "N1"]
    assert (n1.left, n1.right) == (1913, 1931)
    assert report.stat("active.total") is not None and report.stat("active.total").value == 1913


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_conflicts_in_the_real_files(realworld: Path, name: str) -> None:
    assert not [f for f in _report(realworld, name).findings if f.rule == "N2"]


def test_2012_text_and_statistics_table_disagree(realworld: Path) -> None:
    """The text says 主动公开政府信息1913条 and 网站公开政府信息3636条; the 统计表 says 739 for both."""
    report = _report(realworld, "pingtan-zone-2012.txt")
    n3 = sorted(
        (f.left, f.right, f.origin.value, c.table, c.row, c.column)
        for f in report.findings
        if f.rule == "N3"
        for c in f.cells
    )
    assert n3 == [
        (1913, 739, "source", "statistics", "active", "this_year"),
        (3636, 739, "source", "statistics", "active.website", "this_year"),
    ]
    for finding in (f for f in report.findings if f.rule == "N3"):
        assert finding.location is not None and finding.cells[0].location is not None
        assert finding.cells[0].location.column > finding.location.column  # the table ends the line


@pytest.mark.parametrize("name", ["pingtan-zone-2016.txt", "pingtan-zone-2017.txt", "pingtan-zone-2018.txt"])
def test_glued_statistics_cells_are_not_cross_checked(realworld: Path, name: str) -> None:
    """主动公开 本年度 and 历年累计 are glued (条346085376): the cell is missing, so no N3 may fire for it.

    The other counts the text states are zeros in words (未收到…申请), which rule S5 compares, not N3.
    """
    report = _report(realworld, name)
    table = report.table("statistics")
    assert table is not None and table.cell("active", "this_year").value is None
    assert [f for f in report.findings if f.rule == "N3"] == []
