"""The version of a report whose statutory headings stand without tables (tables printed as images)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import parse
from govreport.batch import reading_problems
from govreport.model.report import FormatVersion

_NEW_HEADINGS = {
    "active": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
}
_OLD_HEADINGS = (
    "二、主动公开政府信息情况",
    "三、依申请公开政府信息情况",
    "四、因政府信息公开申请提起行政复议、行政诉讼的情况",
)


def _report_text(year: int, headings: tuple[str, ...]) -> str:
    body = [f"某某镇人民政府{year}年政府信息公开工作年度报告", "一、总体情况", "本年度工作稳步推进。"]
    for heading in headings:
        body += [heading, "详见下表。"]  # the table itself was an image
    body += ["五、存在的主要问题及改进情况", "信息公开的及时性有待提高，下一步将加强培训。"]
    return "\n".join(body) + "\n"


@given(year=st.integers(2019, 2026), parts=st.sets(st.sampled_from(sorted(_NEW_HEADINGS)), min_size=1))
def test_new_form_headings_without_tables_take_the_version_from_the_year(year: int, parts: set[str]) -> None:
    headings = tuple(_NEW_HEADINGS[p] for p in sorted(parts, key=list(_NEW_HEADINGS).index))
    report = parse(_report_text(year, headings))
    new_form = [h for h in headings if not h.startswith("二")]  # 二's wording is shared with old reports
    if not new_form:
        assert report.version is FormatVersion.NARRATIVE
        return
    expected = FormatVersion.V2021 if year >= 2021 else FormatVersion.V2019
    assert (report.version, report.tables) == (expected, ())
    assert [e.cue for e in report.version_evidence] == [
        *(f"法定标题：{h}" for h in new_form),
        f"未读到统计表，版本依据标题与年度而非表格：按报告年度{year}取{expected.value}",
    ]
    assert all(e.version is expected for e in report.version_evidence)
    r7 = [f for f in report.findings if f.rule == "R7"]
    assert len(r7) == len(headings) and reading_problems(report)  # partial, never ok
    assert not [f for f in report.findings if f.rule == "V1"]


def test_old_headings_without_tables_stay_narrative() -> None:
    report = parse(_report_text(2016, _OLD_HEADINGS))
    assert report.version is FormatVersion.NARRATIVE
    assert not [f for f in report.findings if f.rule == "R7"]


@pytest.mark.parametrize("year", [None, 2016])
def test_without_a_year_from_2019_on_the_headings_do_not_name_a_version(year: int | None) -> None:
    """Before 2019 the wording is an old report's own; without a year nothing says which form it is."""
    text = _report_text(2022, tuple(_NEW_HEADINGS.values()))
    report = parse(text.replace("2022年", f"{year}年" if year else ""))
    assert report.metadata.year == year
    assert report.version is FormatVersion.NARRATIVE
    assert len([f for f in report.findings if f.rule == "R7"]) == 3  # the tables are still announced
