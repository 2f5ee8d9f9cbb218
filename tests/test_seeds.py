"""The five real seed reports, asserted cell by cell (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from govreport import CellState, FormatVersion, Origin, Severity, from_json, to_json
from govreport.tables.layouts import OUTCOME_ROWS_V2019
from tests.test_seed_variants import expected_keys

pytestmark = pytest.mark.seeds

# Seed 001's table 二 as printed (all read).
SEED_001_ACTIVE = {
    ("regulations", "made"): 0,
    ("regulations", "published"): 0,
    ("regulations", "total_public"): 0,
    ("normative_documents", "made"): 0,
    ("normative_documents", "published"): 0,
    ("normative_documents", "total_public"): 0,
    ("licensing", "items_prev_year"): 5,
    ("licensing", "items_change"): 0,
    ("licensing", "decisions"): 0,
    ("other_services", "items_prev_year"): 58,
    ("other_services", "items_change"): 0,
    ("other_services", "decisions"): 1982,
    ("penalty", "items_prev_year"): 26,
    ("penalty", "items_change"): 0,
    ("penalty", "decisions"): 19,
    ("enforcement", "items_prev_year"): 1,
    ("enforcement", "items_change"): 0,
    ("enforcement", "decisions"): 1,
    ("fees", "items_prev_year"): 0,
    ("fees", "items_change"): 0,
    ("procurement", "projects"): 0,
    ("procurement", "amount"): Decimal(0),
}


def _rules(report) -> Counter[str]:
    return Counter(f.rule for f in report.findings)


def test_001_tables_every_cell(seed):
    report = seed("001")
    assert report.version is FormatVersion.V2019
    active = report.table("active")
    assert {(c.row, c.column): c.value for c in active.cells} == SEED_001_ACTIVE
    assert {c.state for c in active.cells} == {CellState.READ}
    assert active.cell("procurement", "amount").unit == "万元"
    assert active.cell("other_services", "decisions").location.line == 34

    applications = report.table("applications")
    assert [(c.row, c.column) for c in applications.cells] == expected_keys("001", "applications")
    for cell in applications.cells:
        assert cell.value == 0
        # Rows 一/二/四 print all 7 numbers; the outcome rows print 6 of 7, so the placement
        # of each printed 0 is unknown and all 7 values come from the printed rules.
        expected = (
            CellState.INFERRED if cell.row in (*OUTCOME_ROWS_V2019, "total_processed") else CellState.READ
        )
        assert cell.state is expected, (cell.row, cell.column)
    review = report.table("review_litigation")
    assert [c.value for c in review.cells] == [0] * 15
    assert {c.state for c in review.cells} == {CellState.READ}


def test_001_findings(seed):
    report = seed("001")
    rules = _rules(report)
    assert rules["R2"] == 20  # 19 outcome rows + （七）总计, each 6 numbers for 7 columns
    assert rules["L1"] == 1  # 2.其他法律法规禁止公开
    assert not [f for f in report.findings if f.severity is Severity.ERROR]
    r2 = [f for f in report.findings if f.rule == "R2"]
    assert all(f.origin is Origin.READING for f in r2)
    assert r2[0].location.line == 55 and len(r2[0].cells) == 7


def test_001_metadata_and_sections(seed):
    meta = seed("001").metadata
    assert meta.title == "黄庄镇2020年政府信息公开工作年度报告"
    assert (meta.organ, meta.year) == ("黄庄镇", 2020)
    assert meta.period is None and meta.issue_date is None
    assert [s.key for s in seed("001").sections] == [
        "overview",
        "active",
        "applications",
        "review_litigation",
        "problems",
        "other",
    ]


def test_004_tables_every_cell(seed):
    report = seed("004")
    assert report.version is FormatVersion.V2019
    active = report.table("active")
    blank = active.cell("penalty", "decisions")
    assert blank.state is CellState.BLANK and blank.value is None  # blank is never 0
    assert blank.location.line == 37
    others = [c for c in active.cells if c is not blank]
    assert len(active.cells) == 22 and all(c.value == 0 and c.state is CellState.READ for c in others)

    applications = report.table("applications")
    assert [(c.row, c.column) for c in applications.cells] == expected_keys("004", "applications")
    for cell in applications.cells:
        assert cell.value == 0
        expected = CellState.INFERRED if cell.row == "carried_forward" else CellState.READ
        assert cell.state is expected, (cell.row, cell.column)
    assert [c.value for c in report.table("review_litigation").cells] == [0] * 15


def test_004_findings(seed):
    report = seed("004")
    rules = _rules(report)
    assert rules == Counter({"L1": 5, "R2": 1, "S8": 1})
    messages = " ".join(f.message for f in report.findings if f.rule == "L1")
    for typo in (
        "第二十一条第（一）项",
        "本年新收政府信息公开数量",
        "结案",
        "行政执法案件",
        "行政查询案件",
    ):
        assert typo in messages
    (s8,) = [f for f in report.findings if f.rule == "S8"]
    assert [(c.row, c.column) for c in s8.cells] == [("penalty", "decisions")]


def test_004_metadata(seed):
    meta = seed("004").metadata
    assert meta.organ == "东乡族自治县凤山乡人民政府"
    assert meta.organ_aliases == ("东乡县凤山乡",)
    assert meta.title == "东乡县凤山乡2020年政府信息公开工作年度报告"
    assert meta.document_number == "东凤府发[2021]20号"
    assert meta.signer == "马占祥"
    assert meta.issue_date == date(2021, 1, 22)
    assert meta.issuer == "凤山乡党政综合办公室"
    assert meta.year == 2020


def test_004_nil_statements(seed):
    nils = {(n.topic, n.raw) for n in seed("004").nil_statements}
    assert ("applications", "2020 年全年，凤山乡未收到要求政府信息公开的申请。") in nils
    assert any(topic == "fees" for topic, _ in nils)


def test_000_new_headings_without_tables(seed):
    """The 2019 form's six headings with no table under 二/三/四: v2019 by headings and year, not narrative.

    The version comes from the headings (三 收到和处理…, 四 政府信息公开行政复议…) and the year 2020, and
    the evidence says so; the tables stay absent and R7 names each one, so there is no V1.
    """
    report = seed("000")
    assert report.version is FormatVersion.V2019
    assert report.tables == ()
    cues = [e.cue for e in report.version_evidence]
    assert cues == [
        "法定标题：三、收到和处理政府信息公开申请情况",
        "法定标题：四、政府信息公开行政复议、行政诉讼情况",
        "未读到统计表，版本依据标题与年度而非表格：按报告年度2020取v2019",
    ]
    assert [e.location.line if e.location else None for e in report.version_evidence] == [16, 18, None]
    meta = report.metadata
    assert meta.title == "军屯乡人民政府2020年政府信息公开工作年度报告"
    assert (meta.organ, meta.year) == ("军屯乡人民政府", 2020)
    assert (meta.period.start, meta.period.end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert meta.contact.phone == "0537-7984101"
    assert meta.contact.email == "jtxzf@163.com"
    assert meta.contact.address == "汶上县军屯乡开发区001号"
    assert report.stat("active.total").value == 72
    assert {n.topic for n in report.nil_statements} == {
        "active",
        "applications",
        "review_litigation",
    }
    rules = _rules(report)
    assert rules == Counter({"R7": 3, "S11": 1})
    (s11,) = [f for f in report.findings if f.rule == "S11"]
    assert "没有主动公开" in s11.message and "72" in s11.message


def test_002_narrative_counts(seed):
    report = seed("002")
    assert report.version is FormatVersion.NARRATIVE
    assert report.stat("active.total").value == 122
    categories = [(s.label, s.value, s.share_percent) for s in report.narrative if s.key == "active.category"]
    assert categories == [
        ("机构职能", 15, Decimal("12.3")),
        ("政策法规", 27, Decimal("22.1")),
        ("工作动态", 34, Decimal("27.9")),
        ("决策", 39, Decimal("32.0")),
        ("行政职权分类", 7, Decimal("5.7")),
    ]
    values = {s.key: s.value for s in report.narrative if not s.key.startswith("active.category")}
    assert values == {
        "active.total": 122,
        "applications.received": 0,
        "applications.channel.in_person": 0,
        "applications.channel.fax": 0,
        "applications.channel.email": 0,
        "applications.channel.letter": 0,
        "applications.channel.other": 0,
        "consultation.total": 321,
        "consultation.channel.phone": 90,
        "consultation.channel.in_person": 231,
        "consultation.channel.online": 0,
        "complaints.report": 0,
        "complaints.complaint": 0,
        "review.total": 0,
        "litigation.total": 0,
    }
    assert not any(s.approximate for s in report.narrative)
    assert report.stat("consultation.total").location.line == 32


def test_002_structure_and_findings(seed):
    report = seed("002")
    assert [s.key for s in report.sections] == [
        "overview",
        "active",
        "key_work",
        "applications",
        "consultation",
        "review_litigation",
        "problems",
    ]
    assert report.section("key_work").text == ""  # heading followed at once by the next one
    assert report.metadata.organ == "峨口镇人民政府"
    assert report.metadata.issue_date == date(2021, 1, 27)
    assert _rules(report) == Counter({"V1": 1})  # N1 holds: 15+27+34+39+7 = 122, 90+231+0 = 321


def test_003_approximate_and_nil(seed):
    report = seed("003")
    assert report.version is FormatVersion.NARRATIVE
    total = report.stat("active.total")
    assert (total.value, total.approximate, total.raw) == (40, True, "主动发布政府信息40余条")
    assert {n.topic for n in report.nil_statements} == {"applications", "review_litigation"}
    meta = report.metadata
    assert meta.title == "亮甲山乡政府2019年信息公开工作年度报告"
    assert (meta.organ, meta.year) == ("亮甲山乡政府", 2019)
    assert (meta.period.start, meta.period.end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert [s.key for s in report.sections] == [
        "overview",
        "active",
        "applications",
        "review_litigation",
        "problems",
    ]
    assert _rules(report) == Counter({"V1": 1})


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_json_round_trip(seed, prefix):
    report = seed(prefix)
    assert from_json(to_json(report)) == report
